/**
 * @module builders/convoai — ConvoAITokenBuilder (official name and 12-parameter order of
 * `agora-token` 2.0.6) and the options-form `buildConvoAIToken`: RTC + RTM + ConvoAI (type 9, no
 * privileges), made by the builders shared with STT (builders/rtc-rtm-plus.ts).
 */

import { ServiceConvoAI } from '../token/services.ts';
import type { Runner } from './common.ts';
import { createBuildRtcRtmPlusToken, createRtcRtmPlusBuilder, type RtcRtmPlusTokenBuilderStatic, type RtcRtmPlusTokenOptions } from './rtc-rtm-plus.ts';

/** Creates the ConvoAITokenBuilder class for one entry's runner. */
export function createConvoAITokenBuilder<R>(run: Runner<R>): RtcRtmPlusTokenBuilderStatic<R> {
  /** Builds Conversational AI Engine tokens: RTC + RTM + ConvoAI (type 9, no privileges). */
  return class ConvoAITokenBuilder extends createRtcRtmPlusBuilder(run, () => new ServiceConvoAI()) {};
}

/** Options of {@link buildConvoAIToken} (see {@link RtcRtmPlusTokenOptions} for an example). */
export type ConvoAITokenOptions = RtcRtmPlusTokenOptions;

/** Bound options-form ConvoAI builder for one entry. */
export function createBuildConvoAIToken<R>(run: Runner<R>): (options: ConvoAITokenOptions) => R {
  return createBuildRtcRtmPlusToken(run, 'buildConvoAIToken', () => new ServiceConvoAI());
}
