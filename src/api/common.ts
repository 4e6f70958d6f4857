/**
 * @module api/common — everything the main and `/sync` entries export identically: errors,
 * decoding, the service classes and constants. Only the crypto-bound parts differ per entry.
 */

export { AgoraTokenError, isAgoraTokenError, type AgoraTokenErrorOptions, type TokenErrorCode } from '../errors.ts';
export { decodeToken, type Verify006Expectation } from '../token/decode.ts';
export type * from '../token/decoded.ts';
export { tokenKind, type TokenKind } from '../token/version.ts';
// The protected buildPipeline()'s types, so a subclass's declarations can name what it returns.
export type { CryptoStep, HmacStep, Pipeline, VerifyStep } from '../sign/types.ts';
export {
  Service, ServiceApaas, ServiceChat, ServiceConvoAI, ServiceFCdn, ServiceFpa, ServiceRtc, ServiceRtm, ServiceRtm2, ServiceStreaming, ServiceStt,
} from '../token/services.ts';
export { Rtm2Permissions } from '../token/rtm2-permissions.ts';
export {
  kApaasServiceType, kChatServiceType, kConvoAIServiceType, kFCdnServiceType, kFpaServiceType, kRtcServiceType, kRtm2ServiceType,
  kRtmServiceType, kSttServiceType, kStreamingServiceType, SERVICE_TYPES, type ServiceName, type ServiceTypeInfo,
} from '../token/service-types.ts';
export { RtcRole, type RtcPrivilegeSeconds, type RtcTokenOptions } from '../builders/rtc.ts';
export { type RtmTokenOptions } from '../builders/rtm.ts';
export { DEFAULT_EXPIRES_IN_SECONDS, type CommonTokenOptions } from '../builders/common.ts';
export { type ChatTokenOptions } from '../builders/chat.ts';
export { type ApaasTokenOptions } from '../builders/apaas.ts';
export { FPA_TOKEN_EXPIRE_SECONDS, type FpaTokenOptions } from '../builders/fpa.ts';
export { type ConvoAITokenOptions } from '../builders/convoai.ts';
export { type RtcRtmPlusTokenOptions } from '../builders/rtc-rtm-plus.ts';
export { type SttTokenOptions } from '../builders/stt.ts';
export { MAX_PAYLOAD_BYTES } from '../core/zlib.ts';
export { MAX_TOKEN_LENGTH } from '../token/version.ts';
export { dangerouslyAllowBrowserBuilds, isBrowserMainThread } from '../core/environment.ts';
