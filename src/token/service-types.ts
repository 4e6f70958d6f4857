/**
 * @module token/service-types — the 007 service table (SPEC 2.4): type ids, names, privilege names.
 * Packing, parsing and inspection all read this one table.
 */

import { frozen } from '../core/frozen.ts';

// Service type ids of AccessToken2, with the official constant names (agora-token's AccessToken2 module).
/** Service type 1: RTC (`ServiceRtc`). */
export const kRtcServiceType = 1;
/** Service type 2: RTM 1.x login (`ServiceRtm`). */
export const kRtmServiceType = 2;
/** Service type 3: media push streaming (`ServiceStreaming`). */
export const kStreamingServiceType = 3;
/** Service type 4: full-path acceleration (`ServiceFpa`). */
export const kFpaServiceType = 4;
/** Service type 5: Agora Chat (`ServiceChat`). */
export const kChatServiceType = 5;
/** Service type 6: Fusion CDN (`ServiceFCdn`). */
export const kFCdnServiceType = 6;
/** Service type 7: APaaS / Flexible Classroom (`ServiceApaas`). */
export const kApaasServiceType = 7;
/** Service type 8: RTM 2.x with permissions (`ServiceRtm2`). */
export const kRtm2ServiceType = 8;
/** Service type 9: Conversational AI Engine (`ServiceConvoAI`). */
export const kConvoAIServiceType = 9;
/** Service type 10: real-time speech to text (`ServiceStt`). */
export const kSttServiceType = 10;

/** Short names of the known service types, used in decoded tokens. */
export type ServiceName = 'rtc' | 'rtm' | 'streaming' | 'fpa' | 'chat' | 'fcdn' | 'apaas' | 'rtm2' | 'convoai' | 'stt';

/** Static description of one service type. */
export interface ServiceTypeInfo {
  /** Short name, as used in decoded tokens (e.g. 'rtc'). */
  readonly name: ServiceName;
  /** Human title, e.g. "RTC (Video/Voice Calling, Interactive Live Streaming SDK)". */
  readonly title: string;
  /** privilege id -> name */
  readonly privileges: Readonly<Record<number, string>>;
}

/** type id -> description. */
export const SERVICE_TYPES: Readonly<Record<number, ServiceTypeInfo>> = /* @__PURE__ */ frozen({
  1: { name: 'rtc', title: 'RTC (Video/Voice Calling, Interactive Live Streaming SDK)', privileges: { 1: 'joinChannel', 2: 'publishAudioStream', 3: 'publishVideoStream', 4: 'publishDataStream' } },
  2: { name: 'rtm', title: 'RTM (Signaling / Real-time Messaging SDK, user login)', privileges: { 1: 'login' } },
  3: { name: 'streaming', title: 'Streaming (media push)', privileges: { 1: 'publishMixStream', 2: 'publishRawStream' } },
  4: { name: 'fpa', title: 'FPA (Full-path acceleration)', privileges: { 1: 'login' } },
  5: { name: 'chat', title: 'Chat (Agora Chat SDK / REST)', privileges: { 1: 'user', 2: 'app' } },
  6: { name: 'fcdn', title: 'FCDN (Fusion CDN)', privileges: { 1: 'publish', 2: 'play' } },
  7: { name: 'apaas', title: 'APaaS / Flexible Classroom (Education)', privileges: { 1: 'roomUser', 2: 'user', 3: 'app' } },
  8: { name: 'rtm2', title: 'RTM 2.x (Signaling with permissions)', privileges: { 1: 'login' } },
  9: { name: 'convoai', title: 'Conversational AI Engine', privileges: {} },
  10: { name: 'stt', title: 'Real-time STT (speech to text)', privileges: {} },
});
