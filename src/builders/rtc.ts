/**
 * @module builders/rtc — RtcTokenBuilder with the official names and parameter order of
 * `agora-token` 2.0.6 (durations are seconds from now), plus the options-form `buildRtcToken`.
 */

import { assertChannel, assertRtcAccount, assertSeconds, assertUid, assertUserId, ownFields, STRING_FOR_NUMBER } from '../core/assert.ts';
import { AgoraTokenError } from '../errors.ts';
import type { Pipeline } from '../sign/types.ts';
import { type Service, ServiceRtc, ServiceRtm } from '../token/services.ts';
import { assertCredentials, assertKnownKeys, assertLifetime, ownOptions, type BuilderClass, type CommonTokenOptions, expiresIn, type Runner, tokenPipeline, optionsPipeline } from './common.ts';

/** RTC roles of AccessToken2 (as `agora-token`). A publisher also gets the three publish privileges. */
export const RtcRole: {
  /** 1: join the channel and publish audio, video and data streams. */
  readonly PUBLISHER: RtcRole;
  /** 2: join the channel only. */
  readonly SUBSCRIBER: RtcRole;
} = { PUBLISHER: 1, SUBSCRIBER: 2 };
/**
 * A 007 RTC role value. The constants are typed with it, not as the literals 1 and 2, so that
 * `let role = RtcRole.SUBSCRIBER; role = RtcRole.PUBLISHER;` compiles as it does with agora-token.
 */
export type RtcRole = 1 | 2;

/**
 * A 007 RTC role: only the numbers 1 (publisher) and 2 (subscriber). The official builders compare
 * with `==` (RtcTokenBuilder) or `===` (ConvoAI/STT), so '1', 0 or 101 silently become a subscriber
 * there; here they are refused with a hint, for every builder alike.
 */
export function isPublisher(role: unknown, field = 'role'): boolean {
  if (role === 1 || role === 2) return role === 1;
  const hint =
    role === 0 || role === 101
      ? ' (0 and 101 are the 006 roles)'
      : typeof role === 'string'
        ? STRING_FOR_NUMBER
        : '';
  throw new AgoraTokenError('ERR_INVALID_ROLE', `${field}: expected RtcRole.PUBLISHER (1) or RtcRole.SUBSCRIBER (2)${hint}`, { field });
}

/**
 * The RTC service of a builder. Channel "*" makes a wildcard token, valid in every channel, which
 * Agora honours only for a uid other than 0 (docs: "wildcard token"; AccessToken2 only).
 */
function newRtc(channel: string, packedUid: string, uidField = 'uid'): ServiceRtc {
  if (channel === '*' && (packedUid === '' || packedUid === '0')) {
    throw new AgoraTokenError('ERR_INVALID_UID', `${uidField}: a wildcard token (channel "*") needs a uid other than 0`, { field: uidField });
  }
  return new ServiceRtc(channel, packedUid);
}

// Privilege ids are written as numbers (ServiceRtc.kPrivilegeJoinChannel = 1, PublishAudioStream = 2,
// PublishVideoStream = 3, PublishDataStream = 4; ServiceRtm.kPrivilegeLogin = 1): each static read
// costs bytes in every bundle of this builder, which has a size budget (bench/size.mjs case a).
/**
 * The RTC service for a checked channel name and a packed uid, with the join privilege and, for a
 * publisher, the three publish privileges, each validated under its official parameter name (in
 * this order, so the first bad one is reported; lifetimes a builder checked already pass).
 */
function rtcService(channel: string, packedUid: string, join: unknown, audio: unknown, video: unknown, data: unknown, publisher: boolean, uidField?: string): ServiceRtc {
  const s = newRtc(channel, packedUid, uidField).addPrivilege(1, assertSeconds(join, 'joinChannelPrivilegeExpire'));
  if (publisher) {
    s.addPrivilege(2, assertSeconds(audio, 'pubAudioPrivilegeExpire'))
      .addPrivilege(3, assertSeconds(video, 'pubVideoPrivilegeExpire'))
      .addPrivilege(4, assertSeconds(data, 'pubDataStreamPrivilegeExpire'));
  }
  return s;
}

/**
 * The pipeline of buildTokenWithUid/UserAccount/Rtm for an already packed uid. A module function
 * rather than a private static: `#` members show up in the class's declared type.
 */
function accountPipeline(appId: string, appCertificate: string, channelName: unknown, packedUid: string, role: unknown, tokenExpire: unknown, privilegeExpire: unknown, withRtm: boolean, uidField?: string): Pipeline<string> {
  const publisher = isPublisher(role);
  const expire = assertSeconds(tokenExpire, 'tokenExpire');
  // Omitted (plain JavaScript; the types require it, as agora-token's do) it is 0, as there.
  const privilege = assertSeconds(privilegeExpire === undefined ? 0 : privilegeExpire, 'privilegeExpire');
  const services: Service[] = [rtcService(assertChannel(channelName), packedUid, privilege, privilege, privilege, privilege, publisher, uidField)];
  if (withRtm) services.push(new ServiceRtm(packedUid).addPrivilege(1, expire));
  return tokenPipeline(appId, appCertificate, expire, services);
}

/**
 * The static side of RtcTokenBuilder: the official `agora-token` methods, returning `R` (`string`
 * from `/sync`, `Promise<string>` from the main entry). Written out as an interface rather than
 * inferred from the class so that the declarations keep each method's TSDoc (a type inferred from a
 * class expression loses it) and can be emitted file by file (`isolatedDeclarations`).
 */
export interface RtcTokenBuilderStatic<R> extends BuilderClass {
  /**
   * RTC token for a numeric uid (0 = any uid).
   * @param tokenExpire token lifetime, seconds from now.
   * @param privilegeExpire join/publish privileges lifetime, seconds from now. Required in the types, as in
   * agora-token's, so a 006-style call with one absolute time fails to compile; omitted at run time
   * it is 0, as the official builder writes it.
   * @example
   * ```ts
   * await RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, RtcRole.PUBLISHER, 3600, 3600);
   * ```
   */
  buildTokenWithUid(appId: string, appCertificate: string, channelName: string, uid: number | string, role: RtcRole, tokenExpire: number, privilegeExpire: number): R;
  /**
   * RTC token for a user account (string) — or a uid number, as the official builder allows.
   * @example
   * ```ts
   * await RtcTokenBuilder.buildTokenWithUserAccount(appId, appCertificate, 'room', 'alice', RtcRole.SUBSCRIBER, 3600, 3600);
   * ```
   */
  buildTokenWithUserAccount(appId: string, appCertificate: string, channelName: string, account: string | number, role: RtcRole, tokenExpire: number, privilegeExpire: number): R;
  /**
   * RTC token with each privilege's lifetime (seconds from now) given separately; no role.
   * @example
   * ```ts
   * // A one-hour token that may join for the hour and publish audio, video and data for 10 minutes.
   * await RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, appCertificate, 'room', 42, 3600, 3600, 600, 600, 600);
   * ```
   */
  buildTokenWithUidAndPrivilege(appId: string, appCertificate: string, channelName: string, uid: number | string, tokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number): R;
  /** Official (capital B) name: like {@link RtcTokenBuilderStatic.buildTokenWithUidAndPrivilege} for a user account. */
  BuildTokenWithUserAccountAndPrivilege(appId: string, appCertificate: string, channelName: string, account: string | number, tokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number): R;
  /** Correctly cased alias of {@link RtcTokenBuilderStatic.BuildTokenWithUserAccountAndPrivilege}. */
  buildTokenWithUserAccountAndPrivilege(appId: string, appCertificate: string, channelName: string, account: string | number, tokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number): R;
  /**
   * RTC token plus RTM login for the same account (RTM login lasts tokenExpire).
   * @example
   * ```ts
   * await RtcTokenBuilder.buildTokenWithRtm(appId, appCertificate, 'room', 'alice', RtcRole.PUBLISHER, 3600, 3600);
   * ```
   */
  buildTokenWithRtm(appId: string, appCertificate: string, channelName: string, account: string | number, role: RtcRole, tokenExpire: number, privilegeExpire: number): R;
  /**
   * RTC token with per-privilege lifetimes plus RTM login for `rtmUserId`.
   * @example
   * ```ts
   * await RtcTokenBuilder.buildTokenWithRtm2(appId, appCertificate, 'room', 42, RtcRole.PUBLISHER, 3600, 3600, 3600, 3600, 3600, 'alice', 3600);
   * ```
   */
  buildTokenWithRtm2(appId: string, appCertificate: string, channelName: string, rtcAccount: string | number, rtcRole: RtcRole, rtcTokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, rtmUserId: string | number, rtmTokenExpire: number): R;
}

/**
 * Creates the RtcTokenBuilder class for one entry's runner. Builds RTC tokens (AccessToken2): same
 * static methods and parameter order as `agora-token`; every duration is in seconds from now; bad
 * input throws an AgoraTokenError instead of returning ''. The methods' documentation is on
 * {@link RtcTokenBuilderStatic}.
 */
export function createRtcTokenBuilder<R>(run: Runner<R>): RtcTokenBuilderStatic<R> {
  return class RtcTokenBuilder {
    static buildTokenWithUid(appId: string, appCertificate: string, channelName: string, uid: number | string, role: RtcRole, tokenExpire: number, privilegeExpire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        return accountPipeline(appId, appCertificate, channelName, assertUid(uid), role, tokenExpire, privilegeExpire, false);
      });
    }

    static buildTokenWithUserAccount(appId: string, appCertificate: string, channelName: string, account: string | number, role: RtcRole, tokenExpire: number, privilegeExpire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        return accountPipeline(appId, appCertificate, channelName, assertRtcAccount(account), role, tokenExpire, privilegeExpire, false, 'account');
      });
    }

    static buildTokenWithUidAndPrivilege(appId: string, appCertificate: string, channelName: string, uid: number | string, tokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        const expire = assertSeconds(tokenExpire, 'tokenExpire');
        const packedUid = assertUid(uid); // checked before the channel, as in every 007 RTC builder
        const service = rtcService(assertChannel(channelName), packedUid, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, true);
        return tokenPipeline(appId, appCertificate, expire, [service]);
      });
    }

    static BuildTokenWithUserAccountAndPrivilege(appId: string, appCertificate: string, channelName: string, account: string | number, tokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        const expire = assertSeconds(tokenExpire, 'tokenExpire');
        const packedAccount = assertRtcAccount(account); // checked before the channel, as in every 007 RTC builder
        const service = rtcService(assertChannel(channelName), packedAccount, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, true, 'account');
        return tokenPipeline(appId, appCertificate, expire, [service]);
      });
    }

    static buildTokenWithUserAccountAndPrivilege(appId: string, appCertificate: string, channelName: string, account: string | number, tokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number): R {
      return RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(appId, appCertificate, channelName, account, tokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire);
    }

    static buildTokenWithRtm(appId: string, appCertificate: string, channelName: string, account: string | number, role: RtcRole, tokenExpire: number, privilegeExpire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        return accountPipeline(appId, appCertificate, channelName, assertRtcAccount(account), role, tokenExpire, privilegeExpire, true, 'account');
      });
    }

    static buildTokenWithRtm2(appId: string, appCertificate: string, channelName: string, rtcAccount: string | number, rtcRole: RtcRole, rtcTokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, rtmUserId: string | number, rtmTokenExpire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        const expire = assertSeconds(rtcTokenExpire, 'rtcTokenExpire');
        return tokenPipeline(appId, appCertificate, expire, rtcRtmServices(
          channelName, rtcAccount, rtcRole, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire,
        ));
      });
    }

  };
}

/**
 * RTC + RTM services as `buildTokenWithRtm2` (and the ConvoAI/STT builders) make them, checking
 * their arguments in the official parameter order after the role (the callers checked the
 * credentials and `rtcTokenExpire` first).
 */
export function rtcRtmServices(channelName: unknown, rtcAccount: unknown, rtcRole: unknown, join: unknown, audio: unknown, video: unknown, data: unknown, rtmUserId: unknown, rtmTokenExpire: unknown): [ServiceRtc, ServiceRtm] {
  const publisher = isPublisher(rtcRole, 'rtcRole');
  const account = assertRtcAccount(rtcAccount, 'rtcAccount'); // checked before the channel, as in every 007 RTC builder
  const rtc = rtcService(assertChannel(channelName), account, join, audio, video, data, publisher, 'rtcAccount');
  const rtm = new ServiceRtm(assertUserId(rtmUserId, 'rtmUserId')).addPrivilege(1, assertSeconds(rtmTokenExpire, 'rtmTokenExpire'));
  return [rtc, rtm];
}

/** Per-privilege lifetimes (seconds after issue) for {@link RtcTokenOptions}. */
export interface RtcPrivilegeSeconds {
  /** Lifetime of the join privilege; without it the token cannot join the channel. */
  joinChannel?: number | undefined;
  /** Lifetime of the privilege to publish audio (`undefined`, like an absent key, grants nothing). */
  publishAudioStream?: number | undefined;
  /** Lifetime of the privilege to publish video. */
  publishVideoStream?: number | undefined;
  /** Lifetime of the privilege to publish data streams. */
  publishDataStream?: number | undefined;
}

/** Options of {@link buildRtcToken}. Give exactly one of `uid` and `account`. */
export interface RtcTokenOptions extends CommonTokenOptions {
  /**
   * Channel name: 1-63 bytes from the documented character set, or `'*'` for a wildcard token
   * (valid in every channel, for a uid other than 0).
   */
  channel: string;
  /**
   * Numeric uid, 0..2^32-1 (0 = any uid may join). From JavaScript, a decimal string (a query
   * parameter) reads as the number it spells, so '0' is the wildcard too.
   */
  uid?: number | undefined;
  /** User account (string, at most 255 bytes), for apps that join with user accounts. */
  account?: string | undefined;
  /** 'publisher' (join + publish audio/video/data) or 'subscriber' (join only). */
  role: 'publisher' | 'subscriber' | RtcRole;
  /**
   * Privilege lifetimes in seconds after issue: one number for every privilege the role grants,
   * or per privilege (then only the listed privileges are granted and `role` adds nothing). Default: `expiresInSeconds`.
   * Like it, each must be below 10^9 (a larger value is taken for an absolute Unix time and refused).
   */
  privilegeExpiresInSeconds?: number | RtcPrivilegeSeconds | undefined;
  /** Also add RTM login (for the same uid/account unless `userId` is given; uid 0 needs a `userId`). */
  rtm?: { userId?: string | undefined; expiresInSeconds?: number | undefined } | undefined;
}

/** The options of buildRtcToken (and the ConvoAI/STT builders) besides the common ones. */
export const RTC_KEYS: string[] = ['channel', 'uid', 'account', 'role', 'privilegeExpiresInSeconds', 'rtm'];

const PRIVILEGE_IDS: Record<keyof RtcPrivilegeSeconds, number> = { joinChannel: 1, publishAudioStream: 2, publishVideoStream: 3, publishDataStream: 4 };

/**
 * The services of an options-form RTC token: RTC for the channel and uid/account, plus RTM login
 * when `withRtm` or `options.rtm` asks for it. Checks run in this order: identity, role, channel,
 * privileges, RTM.
 */
export function rtcOptionsServices(options: RtcTokenOptions, expire: number, withRtm: boolean): Service[] {
  const [packedUid, uidField] = identityFrom(options);
  const publisher = roleFrom(options.role);
  const channel = assertChannel(options.channel, 'channel');
  const services: Service[] = [rtcFromOptions(options.privilegeExpiresInSeconds, expire, channel, packedUid, uidField, publisher)];
  const rtm = rtmFromOptions(options.rtm, withRtm, packedUid, expire);
  if (rtm) services.push(rtm);
  return services;
}

/** Exactly one of `uid` and `account`, packed as the token stores it; and which of them it was. */
function identityFrom(options: RtcTokenOptions): [packedUid: string, uidField: 'uid' | 'account'] {
  if ((options.uid === undefined) === (options.account === undefined)) {
    throw new AgoraTokenError('ERR_INVALID_UID', 'uid: give exactly one of uid (number) or account (string)', { field: 'uid' });
  }
  const uidField = options.uid !== undefined ? 'uid' : 'account';
  const uid: unknown = options.uid;
  if (typeof uid === 'string' && /[a-z]/i.test(uid) && Number.isNaN(+uid)) {
    throw new AgoraTokenError('ERR_INVALID_UID', 'uid: expected an integer in 0..4294967295, got a string that is not one (a user account? give it as account)', { field: 'uid' });
  }
  // A decimal string reads as the number it spells (JavaScript callers pass query strings), so '0'
  // is the wildcard that 0 is, as the token server and the CLI read it. The positional builders
  // keep the official packing of the string '0' as the text "0".
  const packedUid = uidField === 'uid' ? assertUid(uid === '0' ? 0 : uid) : assertRtcAccount(options.account, uidField);
  // '' and also 0 (a JavaScript caller's Number('')), which packs as the empty uid-0 text.
  if (uidField === 'account' && packedUid === '') {
    throw new AgoraTokenError('ERR_INVALID_ACCOUNT', 'account: must not be empty (uid: 0 is the wildcard)', { field: 'account' });
  }
  return [packedUid, uidField];
}

/** Whether the options-form `role` ('publisher', 'subscriber' or an RtcRole) grants publishing. */
function roleFrom(role: unknown): boolean {
  // The options form's own words, also for a role left out (isPublisher would name RtcRole).
  if (role !== 'publisher' && role !== 'subscriber' && role !== 1 && role !== 2) {
    throw new AgoraTokenError('ERR_INVALID_ROLE', `role: expected 'publisher' or 'subscriber' (or RtcRole 1 / 2)${role === 'host' || role === 'audience' ? ` ('${role}' is a client role: use '${role === 'host' ? 'publisher' : 'subscriber'}')` : role === 0 || role === 101 ? ' (0 and 101 are the 006 roles)' : ''}`, { field: 'role' });
  }
  return role === 'publisher' || role === 1;
}

/**
 * The RTC service from `privilegeExpiresInSeconds`: one lifetime for every privilege the role
 * grants (default: the token's), or a per-privilege object granting only the privileges it lists.
 */
function rtcFromOptions(given: RtcTokenOptions['privilegeExpiresInSeconds'], expire: number, channel: string, packedUid: string, uidField: string, publisher: boolean): ServiceRtc {
  const p: unknown = given === undefined ? expire : given;
  if (typeof p !== 'object' || p === null) {
    const seconds = assertLifetime(p, 'privilegeExpiresInSeconds');
    return rtcService(channel, packedUid, seconds, seconds, seconds, seconds, publisher, uidField);
  }
  // Read once (the list checked is the list granted); an undefined value grants nothing, as an
  // absent key (`publishAudioStream: isHost ? 600 : undefined`).
  const entries = Object.entries(p).filter((entry) => entry[1] !== undefined);
  if (entries.length === 0) {
    throw new AgoraTokenError('ERR_INVALID_PRIVILEGE', 'privilegeExpiresInSeconds: list at least one privilege', { field: 'privilegeExpiresInSeconds' });
  }
  const rtc = newRtc(channel, packedUid, uidField);
  for (const [name, value] of entries) {
    const id = Object.hasOwn(PRIVILEGE_IDS, name) ? PRIVILEGE_IDS[name as keyof RtcPrivilegeSeconds] : undefined; // not 'constructor'
    if (id === undefined) throw new AgoraTokenError('ERR_INVALID_PRIVILEGE', `privilegeExpiresInSeconds.${name}: unknown RTC privilege (use joinChannel, publishAudioStream, publishVideoStream, publishDataStream)`, { field: `privilegeExpiresInSeconds.${name}` });
    rtc.addPrivilege(id, assertLifetime(value, `privilegeExpiresInSeconds.${name}`));
  }
  return rtc;
}

/** The RTM login service the `rtm` option (or `withRtm`) asks for, for its `userId` or else the RTC uid/account. */
function rtmFromOptions(rtm: unknown, withRtm: boolean, packedUid: string, expire: number): ServiceRtm | undefined {
  const rtmAsked = rtm !== undefined && rtm !== false;
  if (rtmAsked) {
    if (typeof rtm !== 'object' || rtm === null) {
      throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'rtm: expected an object { userId?, expiresInSeconds? }', { field: 'rtm' });
    }
    rtm = ownFields(rtm);
    assertKnownKeys(rtm as object, ['userId', 'expiresInSeconds'], 'rtm');
  }
  if (!withRtm && !rtmAsked) return undefined;
  // Not `{}`: its absent fields would read a polluted Object.prototype's.
  const o = (rtmAsked ? rtm : Object.create(null)) as { userId?: unknown; expiresInSeconds?: unknown };
  const userId = o.userId === undefined ? packedUid : assertUserId(o.userId, 'rtm.userId');
  if (userId === '') {
    // Defaulted from uid 0, which packs as '' and so names no RTM user.
    throw new AgoraTokenError('ERR_INVALID_ACCOUNT', `rtm.userId: must not be empty${o.userId === undefined ? ' (uid 0 names no user to default to: give one)' : ''}`, { field: 'rtm.userId' });
  }
  return new ServiceRtm(userId).addPrivilege(1, assertLifetime(o.expiresInSeconds === undefined ? expire : o.expiresInSeconds, 'rtm.expiresInSeconds'));
}

/** Bound options-form RTC builder for one entry. */
export function createBuildRtcToken<R>(run: Runner<R>): (options: RtcTokenOptions) => R {
  return function buildRtcToken(options: RtcTokenOptions): R {
    return run(() => {
      options = ownOptions(options, 'buildRtcToken', RTC_KEYS);
      assertCredentials(options.appId, options.appCertificate);
      const expire = expiresIn(options);
      return optionsPipeline(options, expire, rtcOptionsServices(options, expire, false));
    });
  };
}
