/**
 * @module builders/convoai — ConvoAITokenBuilder (official name and 12-parameter order of
 * `agora-token` 2.0.6) and the options-form `buildConvoAIToken`. The STT builder shares this code
 * (`builders/stt.ts`): both make the RTC + RTM services of `buildTokenWithRtm2` plus one service
 * with an empty privilege map (SPEC 4.3).
 */

import { assertChannel, assertRtcAccount, assertSeconds, assertUid, assertUserId } from '../core/assert.ts';
import { AgoraTokenError } from '../errors.ts';
import { type Service, ServiceConvoAI, ServiceRtc, ServiceRtm } from '../token/services.ts';
import { assertCredentials, assertOptions, type CommonTokenOptions, expiresIn, type Runner, tokenPipeline } from './common.ts';
import { type RtcPrivilegeSeconds, RtcRole, rtcRtmServices } from './rtc.ts';

/**
 * Publisher test of the official ConvoAI/STT builders: `rtcRole === RtcRole.PUBLISHER` (strict,
 * SPEC Q3). The official code silently treats the string '1' or 0 as a subscriber; here anything
 * but the numbers 1 and 2 is refused so that mistake cannot go unnoticed.
 */
export function isStrictPublisher(role: unknown, field = 'rtcRole'): boolean {
  if (role === RtcRole.PUBLISHER || role === RtcRole.SUBSCRIBER) return role === RtcRole.PUBLISHER;
  const hint = typeof role === 'string' ? ' (got a string: the official builder compares with ===, so a string is never a publisher; pass the number)' : '';
  throw new AgoraTokenError('ERR_INVALID_ROLE', `${field}: expected RtcRole.PUBLISHER (1) or RtcRole.SUBSCRIBER (2)${hint}`, { field });
}

/** Creates a class with the official 12-parameter `buildToken` adding `extra()` after RTC and RTM. */
export function createRtcRtmPlusBuilder<R>(run: Runner<R>, extra: () => Service) {
  return class {
    /**
     * RTC (channelName, rtcAccount) + RTM (rtmUserId) + the builder's own service. Durations are
     * seconds from now. Publish privileges are added only for `RtcRole.PUBLISHER` (the number 1).
     * @example
     * ```ts
     * await ConvoAITokenBuilder.buildToken(appId, appCertificate, 'room', 1001, RtcRole.PUBLISHER, 3600, 3600, 3600, 3600, 3600, 'agent-1001', 3600);
     * ```
     */
    static buildToken(appId: string, appCertificate: string, channelName: string, rtcAccount: string | number, rtcRole: RtcRole, rtcTokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, rtmUserId: string | number, rtmTokenExpire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        const expire = assertSeconds(rtcTokenExpire, 'rtcTokenExpire');
        const publisher = isStrictPublisher(rtcRole);
        const services: Service[] = rtcRtmServices(
          channelName, rtcAccount, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire, publisher,
        );
        services.push(extra());
        return tokenPipeline(appId, appCertificate, expire, services);
      });
    }
  };
}

/** Creates the ConvoAITokenBuilder class for one entry's runner. */
export function createConvoAITokenBuilder<R>(run: Runner<R>) {
  /** Builds Conversational AI Engine tokens: RTC + RTM + ConvoAI (type 9, no privileges). */
  return class ConvoAITokenBuilder extends createRtcRtmPlusBuilder(run, () => new ServiceConvoAI()) {};
}

/**
 * Options of {@link buildConvoAIToken} and `buildSttToken`. Give exactly one of `uid` and `account`.
 * @example
 * ```ts
 * const options: ConvoAITokenOptions = { appId, appCertificate, channel: 'room', uid: 1001, role: 'publisher', rtm: { userId: 'agent-1001' } };
 * ```
 */
export interface RtcRtmPlusTokenOptions extends CommonTokenOptions {
  /** Channel name: 1-63 bytes from the documented character set. */
  channel: string;
  /** Numeric RTC uid of the agent/bot, 0..2^32-1 (0 = any uid). */
  uid?: number;
  /** RTC user account (string, at most 255 bytes). */
  account?: string;
  /** 'publisher' (join + publish) or 'subscriber' (join only). */
  role: 'publisher' | 'subscriber' | RtcRole;
  /** RTC privilege lifetimes after issue: one number for what the role grants, or per privilege. Default `expiresInSeconds`. */
  privilegeExpiresInSeconds?: number | RtcPrivilegeSeconds;
  /** RTM login: user id (default: the uid/account text) and lifetime (default `expiresInSeconds`). */
  rtm?: { userId?: string; expiresInSeconds?: number };
}

const PRIVILEGE_IDS: Record<keyof RtcPrivilegeSeconds, number> = { joinChannel: 1, publishAudioStream: 2, publishVideoStream: 3, publishDataStream: 4 };

/** The services of an options-form RTC + RTM + `extra` token. */
export function rtcRtmPlusServices(options: RtcRtmPlusTokenOptions, expire: number, extra: Service): Service[] {
  const channel = assertChannel(options.channel, 'channel');
  if ((options.uid === undefined) === (options.account === undefined)) {
    throw new AgoraTokenError('ERR_INVALID_UID', 'uid: give exactly one of uid (number) or account (string)', { field: 'uid' });
  }
  const packedUid = options.uid !== undefined ? assertUid(options.uid) : assertRtcAccount(options.account, 'account');
  const publisher = isStrictPublisher(options.role === 'publisher' ? 1 : options.role === 'subscriber' ? 2 : options.role, 'role');
  const rtmUserId = options.rtm?.userId === undefined ? packedUid : assertUserId(options.rtm.userId, 'rtm.userId');
  const rtmExpire = assertSeconds(options.rtm?.expiresInSeconds ?? expire, 'rtm.expiresInSeconds');
  const p = options.privilegeExpiresInSeconds ?? expire;
  if (typeof p !== 'object' || p === null) {
    const s = assertSeconds(p, 'privilegeExpiresInSeconds');
    return [...rtcRtmServices(channel, packedUid, s, s, s, s, rtmUserId, rtmExpire, publisher), extra];
  }
  const rtc = new ServiceRtc(channel, packedUid);
  for (const [name, value] of Object.entries(p)) {
    const id = PRIVILEGE_IDS[name as keyof RtcPrivilegeSeconds];
    if (id === undefined) throw new AgoraTokenError('ERR_INVALID_PRIVILEGE', `privilegeExpiresInSeconds.${name}: unknown RTC privilege (use joinChannel, publishAudioStream, publishVideoStream, publishDataStream)`, { field: `privilegeExpiresInSeconds.${name}` });
    rtc.addPrivilege(id, assertSeconds(value, `privilegeExpiresInSeconds.${name}`));
  }
  return [rtc, new ServiceRtm(rtmUserId).addPrivilege(ServiceRtm.kPrivilegeLogin, rtmExpire), extra];
}

/** Binds an options-form RTC + RTM + `extra` builder. */
export function createBuildRtcRtmPlusToken<R>(run: Runner<R>, name: string, extra: () => Service): (options: RtcRtmPlusTokenOptions) => R {
  return (options: RtcRtmPlusTokenOptions): R =>
    run(() => {
      assertOptions(options, name);
      assertCredentials(options.appId, options.appCertificate);
      const expire = expiresIn(options);
      return tokenPipeline(options.appId, options.appCertificate, expire, rtcRtmPlusServices(options, expire, extra()), options);
    });
}

/** Options of {@link buildConvoAIToken} (see {@link RtcRtmPlusTokenOptions} for an example). */
export type ConvoAITokenOptions = RtcRtmPlusTokenOptions;

/** Bound options-form ConvoAI builder for one entry. */
export function createBuildConvoAIToken<R>(run: Runner<R>): (options: ConvoAITokenOptions) => R {
  return createBuildRtcRtmPlusToken(run, 'buildConvoAIToken', () => new ServiceConvoAI());
}
