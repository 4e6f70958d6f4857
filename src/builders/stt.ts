/**
 * @module builders/stt — SttTokenBuilder (official name and 12-parameter order of `agora-token`
 * 2.0.6) and the options-form `buildSttToken`: RTC + RTM + STT (type 10, no privileges), made by
 * the builders shared with ConvoAI (builders/rtc-rtm-plus.ts).
 */

import { ServiceStt } from '../token/services.ts';
import type { Runner } from './common.ts';
import { createBuildRtcRtmPlusToken, createRtcRtmPlusBuilder, type RtcRtmPlusTokenBuilderStatic, type RtcRtmPlusTokenOptions } from './rtc-rtm-plus.ts';

/** Creates the SttTokenBuilder class for one entry's runner. */
export function createSttTokenBuilder<R>(run: Runner<R>): RtcRtmPlusTokenBuilderStatic<R> {
  /** Builds real-time speech-to-text tokens: RTC + RTM + STT. */
  return class SttTokenBuilder extends createRtcRtmPlusBuilder(run, () => new ServiceStt()) {};
}

/** Options of {@link buildSttToken} (see `RtcRtmPlusTokenOptions` for an example). */
export type SttTokenOptions = RtcRtmPlusTokenOptions;

/** Bound options-form STT builder for one entry. */
export function createBuildSttToken<R>(run: Runner<R>): (options: SttTokenOptions) => R {
  return createBuildRtcRtmPlusToken(run, 'buildSttToken', () => new ServiceStt());
}
