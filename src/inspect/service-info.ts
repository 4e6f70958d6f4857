/**
 * @module inspect/service-info — what each service is for, so inspect and diagnose can speak in
 * the user's terms (SDK calls, products).
 */

import { frozen } from '../core/frozen.ts';
import type { ServiceName } from '../token/service-types.ts';

/** Static facts about a service for humans. */
export interface ServiceUsage {
  /** Which SDK/API uses it. */
  readonly usedFor: string;
}

/** Per service name. */
export const SERVICE_USAGE: Readonly<Record<ServiceName, ServiceUsage>> = /* @__PURE__ */ frozen({
  rtc: { usedFor: 'RTC SDKs: joinChannel / join (Video Calling, Voice Calling, Interactive Live Streaming), Cloud Recording' },
  rtm: { usedFor: 'Signaling (RTM) SDK login' },
  streaming: { usedFor: 'Media Push / streaming (publish mix or raw streams)' },
  fpa: { usedFor: 'FPA (Full-path acceleration) SDK' },
  chat: { usedFor: 'Agora Chat: user token for SDK login, app token (empty userId) for the REST API' },
  fcdn: { usedFor: 'Fusion CDN publish/play' },
  apaas: { usedFor: 'Flexible Classroom / APaaS (room user, user or app token)' },
  rtm2: { usedFor: 'Signaling (RTM 2.x) SDK login with channel permissions' },
  convoai: { usedFor: 'Conversational AI Engine REST API (the agent joins the RTC channel)' },
  stt: { usedFor: 'Real-time STT REST API (the bot joins the RTC channel)' },
});

/** The list behind EXPECTED_SERVICES. */
const SERVICES = ['rtc', 'rtm', 'rtm2', 'streaming', 'fpa', 'chat', 'fcdn', 'apaas', 'education', 'convoai', 'stt'] as const;
/**
 * Service names a caller may ask diagnose about; `education` is an alias of `apaas`.
 * @example
 * ```ts
 * import { diagnoseToken, EXPECTED_SERVICES } from 'agora-token-kit';
 * const service = EXPECTED_SERVICES.find((name) => name === input); // user input narrowed to a known name
 * if (service) await diagnoseToken(token, { service, account: 'alice' });
 * ```
 */
export const EXPECTED_SERVICES: typeof SERVICES = /* @__PURE__ */ frozen(SERVICES);
/**
 * A service name for `diagnoseToken`'s `expected.service`.
 * @example
 * ```ts
 * const service: ExpectedService = 'rtm'; // also satisfied by an RTM 2.x (rtm2) service
 * ```
 */
export type ExpectedService = (typeof EXPECTED_SERVICES)[number];

/**
 * Token services that satisfy an expected service, as Agora's docs use them: RTM 2.x SDKs log in
 * with RTM (type 2) tokens as well as permission (rtm2) tokens; Flexible Classroom launches with a
 * Signaling (RTM) token for the user as well as an APaaS room-user token; a ConvoAI or STT agent
 * joins its channel with a plain RTC token as well as one from ConvoAITokenBuilder/SttTokenBuilder.
 */
export function satisfiedBy(expected: ExpectedService): readonly ServiceName[] {
  if (expected === 'rtm' || expected === 'rtm2') return ['rtm', 'rtm2'];
  if (expected === 'education' || expected === 'apaas') return ['apaas', 'rtm'];
  if (expected === 'convoai' || expected === 'stt') return [expected, 'rtc'];
  return [expected];
}

/** Display of a packed RTC uid: '' is uid 0, the wildcard. */
export function describeUid(uid: string): string {
  if (uid === '') return 'uid 0 (any uid may join)';
  if (uid === '0') return 'the string "0" (NOT the uid-0 wildcard)';
  return isNumericUid(uid) ? `uid ${uid}` : `user account "${uid}"`;
}

/** True for the decimal text of a uid 1..2^32-1 (how a numeric uid is packed). */
export function isNumericUid(text: string): boolean {
  return /^[1-9][0-9]{0,9}$/.test(text) && Number(text) <= 0xffffffff;
}
