/**
 * @module builders/rtc-rtm-plus — what the ConvoAI and STT builders share: the RTC + RTM services
 * of `buildTokenWithRtm2` plus one service of their own with an empty privilege map (SPEC 4.3),
 * in the official 12-parameter form and in the options form.
 */

import { assertSeconds } from '../core/assert.ts';
import type { Service } from '../token/services.ts';
import { assertCredentials, ownOptions, type BuilderClass, expiresIn, type Runner, tokenPipeline, optionsPipeline } from './common.ts';
import { RTC_KEYS, type RtcRole, rtcOptionsServices, type RtcTokenOptions, rtcRtmServices } from './rtc.ts';

/**
 * The static side of the ConvoAI and STT token builders: the official 12-parameter `buildToken`,
 * returning `R` (`string` from `/sync`, `Promise<string>` from the main entry). An interface so that
 * the declarations keep the method's TSDoc (see RtcTokenBuilderStatic).
 */
export interface RtcRtmPlusTokenBuilderStatic<R> extends BuilderClass {
  /**
   * RTC (channelName, rtcAccount) + RTM (rtmUserId) + the builder's own service. Durations are
   * seconds from now. Publish privileges are added only for `RtcRole.PUBLISHER` (the number 1).
   * @example
   * ```ts
   * await ConvoAITokenBuilder.buildToken(appId, appCertificate, 'room', 1001, RtcRole.PUBLISHER, 3600, 3600, 3600, 3600, 3600, 'agent-1001', 3600);
   * ```
   */
  buildToken(appId: string, appCertificate: string, channelName: string, rtcAccount: string | number, rtcRole: RtcRole, rtcTokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, rtmUserId: string | number, rtmTokenExpire: number): R;
}

/** Creates a class with the official 12-parameter `buildToken` adding `extra()` after RTC and RTM. */
export function createRtcRtmPlusBuilder<R>(run: Runner<R>, extra: () => Service): RtcRtmPlusTokenBuilderStatic<R> {
  return class {
    static buildToken(appId: string, appCertificate: string, channelName: string, rtcAccount: string | number, rtcRole: RtcRole, rtcTokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, rtmUserId: string | number, rtmTokenExpire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        const expire = assertSeconds(rtcTokenExpire, 'rtcTokenExpire');
        const services: Service[] = rtcRtmServices(
          channelName, rtcAccount, rtcRole, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire,
        );
        services.push(extra());
        return tokenPipeline(appId, appCertificate, expire, services);
      });
    }
  };
}

/**
 * Options of `buildConvoAIToken` and `buildSttToken`. Give exactly one of `uid` and `account`.
 * @example
 * ```ts
 * const options: ConvoAITokenOptions = { appId, appCertificate, channel: 'room', uid: 1001, role: 'publisher', rtm: { userId: 'agent-1001' } };
 * ```
 */
export type RtcRtmPlusTokenOptions = RtcTokenOptions;

/** The services of an options-form RTC + RTM + `extra` token (RTM login is always included). */
function rtcRtmPlusServices(options: RtcRtmPlusTokenOptions, expire: number, extra: Service): Service[] {
  return [...rtcOptionsServices(options, expire, true), extra];
}

/** Binds an options-form RTC + RTM + `extra` builder. */
export function createBuildRtcRtmPlusToken<R>(run: Runner<R>, name: string, extra: () => Service): (options: RtcRtmPlusTokenOptions) => R {
  return (options: RtcRtmPlusTokenOptions): R =>
    run(() => {
      options = ownOptions(options, name, RTC_KEYS);
      assertCredentials(options.appId, options.appCertificate);
      const expire = expiresIn(options);
      return optionsPipeline(options, expire, rtcRtmPlusServices(options, expire, extra()));
    });
}
