/**
 * @module legacy/builders — the 006 RtcTokenBuilder and RtmTokenBuilder with the names, parameter
 * order and semantics of `agora-access-token` 2.0.4 (SPEC 5): `privilegeExpiredTs` is an
 * ABSOLUTE Unix timestamp in seconds, not a duration as in the 007 builders.
 *
 * The 24-hour rule (Agora docs, "Generate a Token"): a token is valid for at most 24 hours;
 * `privilegeExpiredTs` = 0, or a time more than 24 hours ahead, yields a 24-hour token. The value
 * is written verbatim, as the official builders do; the server applies the rule.
 */

import { assertChannel, assertCredentials, assertRtcAccount, assertSalt, assertSeconds, assertUid, assertUserId, MAX_U32, STRING_FOR_NUMBER } from '../core/assert.ts';
import { TIMESTAMP_THRESHOLD } from '../core/random.ts';
import { AgoraTokenError } from '../errors.ts';
import { assertKnownKeys, type BuilderClass, type Runner } from '../builders/common.ts';
import type { Pipeline } from '../sign/types.ts';
import { AccessTokenBase } from './access-token.ts';
import { Privileges } from './privileges.ts';

/**
 * 006 RTC roles (`agora-access-token` runtime values). ATTENDEE, PUBLISHER and ADMIN get join +
 * publish audio/video/data; SUBSCRIBER gets join only.
 * @example
 * ```ts
 * import { RtcRole } from 'agora-token-kit/legacy';
 * RtcRole.PUBLISHER; // 1
 * ```
 */
export const RtcRole: {
  /** 0: join and publish, as a publisher (the official builder grants the same privileges). */
  readonly ATTENDEE: RtcRole;
  /** 1: join the channel and publish audio, video and data streams. */
  readonly PUBLISHER: RtcRole;
  /** 2: join the channel only. */
  readonly SUBSCRIBER: RtcRole;
  /** 101: join and publish, as a publisher (the official builder grants the same privileges). */
  readonly ADMIN: RtcRole;
} = { ATTENDEE: 0, PUBLISHER: 1, SUBSCRIBER: 2, ADMIN: 101 };
/** A 006 RTC role value (the constants have this type, so a `let` of one can take another). */
export type RtcRole = 0 | 1 | 2 | 101;

/**
 * 006 RTM role. The official builder ignores the role; so does this one.
 * @example
 * ```ts
 * RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', RtmRole.Rtm_User, expireTs);
 * ```
 */
export const RtmRole = {
  /** 1: the one 006 RTM role, an RTM user. */
  Rtm_User: 1,
} as const;
/** A 006 RTM role value. */
export type RtmRole = (typeof RtmRole)[keyof typeof RtmRole];

/**
 * Largest 006 RTM account in bytes (official RTM JSDoc).
 * @example
 * ```ts
 * new TextEncoder().encode(account).length <= MAX_RTM_ACCOUNT_BYTES;
 * ```
 */
export const MAX_RTM_ACCOUNT_BYTES = 64;

/**
 * Optional last argument of the 006 builders, for reproducible tokens (tests, replays); not in
 * the official API.
 * @example
 * ```ts
 * RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, RtcRole.PUBLISHER, expireTs, { salt: 1, ts: 1111111 });
 * ```
 */
export interface Build006Options {
  /** u32 salt. Default: CSPRNG 1..99999999. */
  salt?: number | undefined;
  /** Absolute Unix time (s) at which the token itself expires. Default: now + 86400. */
  ts?: number | undefined;
  /** Allow building on a browser main thread (the certificate becomes public). Local demos only. */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/**
 * Checks a 006 `privilegeExpiredTs`: 0 (Agora: 24 hours) or an absolute Unix time in seconds. A
 * value in 1..999999999 (before September 2001) can only be a duration: refused with
 * ERR_INVALID_EXPIRE explaining the 006 (timestamp) vs 007 (seconds from now) difference.
 * @example
 * ```ts
 * assertPrivilegeExpiredTs(Math.floor(Date.now() / 1000) + 3600); // ok
 * assertPrivilegeExpiredTs(3600); // throws ERR_INVALID_EXPIRE
 * ```
 */
export function assertPrivilegeExpiredTs(value: unknown, field = 'privilegeExpiredTs'): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > MAX_U32 && value >= 1e12) {
    throw new AgoraTokenError('ERR_INVALID_EXPIRE', `${field}: ${value} looks like milliseconds; 006 takes Unix seconds, e.g. Math.floor(Date.now() / 1000) + 3600`, { field });
  }
  const seconds = assertSeconds(value, field);
  if (seconds > 0 && seconds < TIMESTAMP_THRESHOLD) {
    throw new AgoraTokenError(
      'ERR_INVALID_EXPIRE',
      `${field}: ${seconds} looks like a duration, but a 006 token takes an absolute Unix timestamp in seconds ` +
        `(e.g. Math.floor(Date.now() / 1000) + 3600 for one hour; 0 means the 24-hour maximum). ` +
        `The 007 builders (agora-token-kit, agora-token) take seconds from now instead.`,
      { field },
    );
  }
  return seconds;
}

function grantsPublish(role: unknown): boolean {
  if (role === 0 || role === 1 || role === 101) return true;
  if (role === 2) return false;
  throw new AgoraTokenError('ERR_INVALID_ROLE', `role: expected RtcRole.ATTENDEE (0), PUBLISHER (1), SUBSCRIBER (2) or ADMIN (101)${typeof role === 'string' ? STRING_FOR_NUMBER : ''}`, { field: 'role' });
}

/** A builder's privilegeExpiredTs: left out, it is 0, as the official builders pack it; else checked. */
function privilegeExpiry(privilegeExpiredTs: unknown): number {
  return privilegeExpiredTs === undefined ? 0 : assertPrivilegeExpiredTs(privilegeExpiredTs);
}

/** Exposes the protected pipeline to the builders and applies the reproducibility options. */
class Spec006 extends AccessTokenBase {
  /** The salt is drawn at build time, after a given one is applied: no CSPRNG call when one is given. */
  protected override defersSalt(): boolean {
    return true;
  }

  pipeline(given: Build006Options | undefined): Pipeline<string> {
    // agora-access-token ignores arguments past privilegeExpiredTs, and real code passes one (a
    // second timestamp, as agora-token's 007 builders take): only an object is our options.
    const options = typeof given === 'object' && given !== null ? given : undefined;
    // A misspelt key ({ tS }) would leave the default in its place unnoticed, as in the 007 options form.
    if (options !== undefined) assertKnownKeys(options, ['salt', 'ts', 'dangerouslyAllowBrowser'], 'options');
    if (options?.salt !== undefined) (this.salt = assertSalt(options.salt)), this.saltGiven();
    if (options?.ts !== undefined) this.ts = assertSeconds(options.ts, 'ts');
    this.dangerouslyAllowBrowser = options?.dangerouslyAllowBrowser === true;
    return this.buildPipeline();
  }
}

function rtcPipeline(appId: unknown, appCertificate: unknown, channelName: unknown, packUid: () => string, role: unknown, privilegeExpiredTs: unknown, options: Build006Options | undefined): Pipeline<string> {
  assertCredentials(appId, appCertificate);
  const channel = assertChannel(channelName);
  if (channel === '*') {
    // Agora's wildcard channel is an AccessToken2 feature: a 006 token for "*" joins no channel.
    throw new AgoraTokenError('ERR_INVALID_CHANNEL', 'channelName: "*" (a wildcard token) needs AccessToken2: build it with agora-token-kit or agora-token-kit/sync (007)', { field: 'channelName' });
  }
  const uid = packUid();
  const publish = grantsPublish(role);
  const expire = privilegeExpiry(privilegeExpiredTs);
  const token = new Spec006(appId as string, appCertificate as string, channel, uid).addPrivilege(Privileges.kJoinChannel, expire);
  if (publish) {
    token.addPrivilege(Privileges.kPublishAudioStream, expire).addPrivilege(Privileges.kPublishVideoStream, expire).addPrivilege(Privileges.kPublishDataStream, expire);
  }
  return token.pipeline(options);
}

/**
 * The static side of the 006 RtcTokenBuilder (the `agora-access-token` API), returning `R`
 * (`string` from `/legacy/sync`, `Promise<string>` from `/legacy`). `privilegeExpiredTs` is an
 * absolute Unix timestamp in seconds; 0 or more than 24 hours ahead gives a 24-hour token (Agora
 * docs), and so does leaving it out, as in the official builder (which packs a missing one as 0).
 * An interface so that the declarations keep the methods' TSDoc (see the 007 RtcTokenBuilderStatic).
 */
export interface RtcTokenBuilder006Static<R> extends BuilderClass {
  /**
   * RTC token for a numeric uid (0 = any uid may join).
   * @param privilegeExpiredTs absolute Unix seconds, e.g. `Math.floor(Date.now() / 1000) + 3600`; 0 = 24 h.
   * @param options `{ salt, ts }` for reproducible tokens (not in the official API).
   * @example
   * ```ts
   * import { RtcRole, RtcTokenBuilder } from 'agora-token-kit/legacy';
   * const expireTs = Math.floor(Date.now() / 1000) + 3600;
   * const token = await RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, RtcRole.PUBLISHER, expireTs);
   * ```
   */
  buildTokenWithUid(appID: string, appCertificate: string, channelName: string, uid: number | string, role: RtcRole, privilegeExpiredTs: number, options?: Build006Options): R;
  /**
   * RTC token for a user account (a number is taken as a uid, as the official builder does).
   * @example
   * ```ts
   * const token = RtcTokenBuilder.buildTokenWithAccount(appId, appCertificate, 'room', 'alice', RtcRole.SUBSCRIBER, expireTs); // /legacy/sync
   * ```
   */
  buildTokenWithAccount(appID: string, appCertificate: string, channelName: string, account: string | number, role: RtcRole, privilegeExpiredTs: number, options?: Build006Options): R;
  /**
   * The Agora docs' name for {@link RtcTokenBuilder006Static.buildTokenWithAccount}.
   * @example
   * ```ts
   * await RtcTokenBuilder.buildTokenWithUserAccount(appId, appCertificate, 'room', 'alice', RtcRole.PUBLISHER, expireTs);
   * ```
   */
  buildTokenWithUserAccount(appID: string, appCertificate: string, channelName: string, account: string | number, role: RtcRole, privilegeExpiredTs: number, options?: Build006Options): R;
}

/**
 * Creates the 006 RtcTokenBuilder for one entry's runner (methods documented on
 * {@link RtcTokenBuilder006Static}).
 */
export function createRtcTokenBuilder006<R>(run: Runner<R>): RtcTokenBuilder006Static<R> {
  return class RtcTokenBuilder {
    static buildTokenWithUid(appID: string, appCertificate: string, channelName: string, uid: number | string, role: RtcRole, privilegeExpiredTs: number, options?: Build006Options): R {
      return run(() => rtcPipeline(appID, appCertificate, channelName, () => assertUid(uid), role, privilegeExpiredTs, options));
    }

    static buildTokenWithAccount(appID: string, appCertificate: string, channelName: string, account: string | number, role: RtcRole, privilegeExpiredTs: number, options?: Build006Options): R {
      return run(() => rtcPipeline(appID, appCertificate, channelName, () => assertRtcAccount(account), role, privilegeExpiredTs, options));
    }

    static buildTokenWithUserAccount(appID: string, appCertificate: string, channelName: string, account: string | number, role: RtcRole, privilegeExpiredTs: number, options?: Build006Options): R {
      return RtcTokenBuilder.buildTokenWithAccount(appID, appCertificate, channelName, account, role, privilegeExpiredTs, options);
    }
  };
}

/**
 * The static side of the 006 RtmTokenBuilder: RTM login tokens (the `agora-access-token` API).
 * An interface so that the declarations keep the method's TSDoc.
 */
export interface RtmTokenBuilder006Static<R> extends BuilderClass {
  /**
   * RTM login token: the account goes in the channel slot, the uid is '', privilege kRtmLogin.
   * @param role ignored, as in the official builder (any value is accepted).
   * @param privilegeExpiredTs absolute Unix seconds; 0 = 24 h.
   * @example
   * ```ts
   * import { RtmRole, RtmTokenBuilder } from 'agora-token-kit/legacy';
   * const token = await RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', RtmRole.Rtm_User, Math.floor(Date.now() / 1000) + 3600);
   * ```
   */
  buildToken(appID: string, appCertificate: string, account: string | number, role: RtmRole | number, privilegeExpiredTs: number, options?: Build006Options): R;
}

/**
 * Creates the 006 RtmTokenBuilder for one entry's runner (documented on {@link RtmTokenBuilder006Static}).
 */
export function createRtmTokenBuilder006<R>(run: Runner<R>): RtmTokenBuilder006Static<R> {
  return class RtmTokenBuilder {
    static buildToken(appID: string, appCertificate: string, account: string | number, role: RtmRole | number, privilegeExpiredTs: number, options?: Build006Options): R {
      void role;
      return run(() => {
        assertCredentials(appID, appCertificate);
        const user = assertUserId(account, 'account', MAX_RTM_ACCOUNT_BYTES);
        if (user === '') throw new AgoraTokenError('ERR_INVALID_ACCOUNT', 'account: must not be empty', { field: 'account' });
        const expire = privilegeExpiry(privilegeExpiredTs);
        return new Spec006(appID, appCertificate, user, '').addPrivilege(Privileges.kRtmLogin, expire).pipeline(options);
      });
    }
  };
}
