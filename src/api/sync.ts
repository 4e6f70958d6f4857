/**
 * @module api/sync — the crypto-bound API on the pure-JS HMAC (sign/hmac-sync.ts): builds and verifies return values
 * synchronously, so `agora-token-kit/sync` is a drop-in for `agora-token`.
 */

import { createBuildRtcToken, createRtcTokenBuilder, type RtcTokenBuilderStatic, type RtcTokenOptions } from '../builders/rtc.ts';
import { createBuildRtmToken, createRtmTokenBuilder, type RtmTokenBuilderStatic, type RtmTokenOptions } from '../builders/rtm.ts';
import { type ChatTokenBuilderStatic, type ChatTokenOptions, createBuildChatToken, createChatTokenBuilder } from '../builders/chat.ts';
import { type ApaasTokenBuilderStatic, type ApaasTokenOptions, createApaasTokenBuilder, createBuildApaasToken, createEducationTokenBuilder } from '../builders/apaas.ts';
import { createBuildFpaToken, createFpaTokenBuilder, type FpaTokenBuilderStatic, type FpaTokenOptions } from '../builders/fpa.ts';
import { type ConvoAITokenOptions, createBuildConvoAIToken, createConvoAITokenBuilder } from '../builders/convoai.ts';
import { createBuildSttToken, createSttTokenBuilder, type SttTokenOptions } from '../builders/stt.ts';
import type { RtcRtmPlusTokenBuilderStatic } from '../builders/rtc-rtm-plus.ts';
import type { Runner } from '../builders/common.ts';
import { jsHmacBackend } from '../sign/hmac-sync.ts';
import { runSync } from '../sign/run.ts';
import { AccessToken2Base } from '../token/access-token2.ts';
import { type Verify006Expectation, verifyPipeline } from '../token/decode.ts';

const run: Runner<string> = (make) => runSync(make(), jsHmacBackend);

/** AccessToken2 (007) with a synchronous `build()`. */
export class AccessToken2 extends AccessToken2Base {
  /** Packs, signs, compresses and encodes the token. Throws an AgoraTokenError on bad state. */
  build(): string {
    return run(() => this.buildPipeline());
  }

  /**
   * Whether the token last read by `from_string` was signed with `appCertificate` (official
   * `verifySignature`; constant-time compare). False, as in the official package, when nothing was
   * read or the appId or certificate is not 32 hex characters; `verifyToken` throws typed errors instead.
   * @example
   * ```ts
   * const t = new AccessToken2();
   * const genuine = t.from_string(token) && t.verifySignature(appCertificate);
   * ```
   */
  verifySignature(appCertificate: string): boolean {
    const pipeline = this.signatureCheck(appCertificate);
    return pipeline !== undefined && runSync(pipeline, jsHmacBackend);
  }
}

/** RTC token builder (official `agora-token` API, synchronous). */
export const RtcTokenBuilder: RtcTokenBuilderStatic<string> = /* @__PURE__ */ createRtcTokenBuilder(run);
/** RTM token builder (official `agora-token` API, synchronous). */
export const RtmTokenBuilder: RtmTokenBuilderStatic<string> = /* @__PURE__ */ createRtmTokenBuilder(run);
/**
 * Options-form RTC builder, synchronous.
 * @example
 * ```ts
 * import { buildRtcToken } from 'agora-token-kit/sync';
 * const token = buildRtcToken({ appId, appCertificate, channel: 'room', uid: 42, role: 'publisher', expiresInSeconds: 3600 });
 * ```
 */
export const buildRtcToken: (options: RtcTokenOptions) => string = /* @__PURE__ */ createBuildRtcToken(run);
/**
 * Options-form RTM builder, synchronous.
 * @example
 * ```ts
 * import { buildRtmToken } from 'agora-token-kit/sync';
 * const token = buildRtmToken({ appId, appCertificate, userId: 'alice', expiresInSeconds: 3600 });
 * ```
 */
export const buildRtmToken: (options: RtmTokenOptions) => string = /* @__PURE__ */ createBuildRtmToken(run);

/**
 * Agora Chat token builder (official `agora-token` API, synchronous).
 * @example
 * ```ts
 * import { ChatTokenBuilder } from 'agora-token-kit/sync';
 * const token = ChatTokenBuilder.buildUserToken(appId, appCertificate, 'alice', 3600);
 * ```
 */
export const ChatTokenBuilder: ChatTokenBuilderStatic<string> = /* @__PURE__ */ createChatTokenBuilder(run);
/**
 * Flexible Classroom (APaaS) token builder (official `agora-token` API, synchronous). `buildRoomUserToken`
 * adds the APaaS roomUser privilege as Agora's non-Node SDKs do (the official Node package does not).
 * @example
 * ```ts
 * import { ApaasTokenBuilder } from 'agora-token-kit/sync';
 * const token = ApaasTokenBuilder.buildRoomUserToken(appId, appCertificate, 'room-1', 'user-1', 2, 3600);
 * ```
 */
export const ApaasTokenBuilder: ApaasTokenBuilderStatic<string> = /* @__PURE__ */ createApaasTokenBuilder(run);
/**
 * The official alias of {@link ApaasTokenBuilder} (official `agora-token` API, synchronous).
 * @example
 * ```ts
 * import { EducationTokenBuilder } from 'agora-token-kit/sync';
 * const token = EducationTokenBuilder.buildUserToken(appId, appCertificate, 'user-1', 3600);
 * ```
 */
export const EducationTokenBuilder: ApaasTokenBuilderStatic<string> = /* @__PURE__ */ createEducationTokenBuilder(run);
/**
 * FPA token builder (official `agora-token` API, synchronous).
 * @example
 * ```ts
 * import { FpaTokenBuilder } from 'agora-token-kit/sync';
 * const token = FpaTokenBuilder.buildToken(appId, appCertificate);
 * ```
 */
export const FpaTokenBuilder: FpaTokenBuilderStatic<string> = /* @__PURE__ */ createFpaTokenBuilder(run);
/**
 * Conversational AI Engine token builder (official `agora-token` API, synchronous).
 * @example
 * ```ts
 * import { ConvoAITokenBuilder, RtcRole } from 'agora-token-kit/sync';
 * const token = ConvoAITokenBuilder.buildToken(appId, appCertificate, 'room', 1001, RtcRole.PUBLISHER, 3600, 3600, 3600, 3600, 3600, 'agent', 3600);
 * ```
 */
export const ConvoAITokenBuilder: RtcRtmPlusTokenBuilderStatic<string> = /* @__PURE__ */ createConvoAITokenBuilder(run);
/**
 * Real-time STT token builder (official `agora-token` API, synchronous).
 * @example
 * ```ts
 * import { RtcRole, SttTokenBuilder } from 'agora-token-kit/sync';
 * const token = SttTokenBuilder.buildToken(appId, appCertificate, 'room', 1002, RtcRole.PUBLISHER, 3600, 3600, 3600, 3600, 3600, 'stt-bot', 3600);
 * ```
 */
export const SttTokenBuilder: RtcRtmPlusTokenBuilderStatic<string> = /* @__PURE__ */ createSttTokenBuilder(run);
/**
 * Options-form Chat builder: `{ userId }` for a user token, `{ app: true }` for an app token.
 * @example
 * ```ts
 * import { buildChatToken } from 'agora-token-kit/sync';
 * const token = buildChatToken({ appId, appCertificate, userId: 'alice', expiresInSeconds: 3600 });
 * ```
 */
export const buildChatToken: (options: ChatTokenOptions) => string = /* @__PURE__ */ createBuildChatToken(run);
/**
 * Options-form Flexible Classroom builder: `{ roomUuid, userUuid, role }` (room user),
 * `{ userUuid }` (user) or `{ app: true }` (app).
 * @example
 * ```ts
 * import { buildApaasToken } from 'agora-token-kit/sync';
 * const token = buildApaasToken({ appId, appCertificate, roomUuid: 'room-1', userUuid: 'user-1', role: 2 });
 * ```
 */
export const buildApaasToken: (options: ApaasTokenOptions) => string = /* @__PURE__ */ createBuildApaasToken(run);
/**
 * Alias of {@link buildApaasToken} under the Education name.
 * @example
 * ```ts
 * import { buildEducationToken } from 'agora-token-kit/sync';
 * const token = buildEducationToken({ appId, appCertificate, userUuid: 'user-1' });
 * ```
 */
export const buildEducationToken: typeof buildApaasToken = buildApaasToken;
/**
 * Options-form FPA builder (login privilege 0, as the official builder; default lifetime 3600 s).
 * @example
 * ```ts
 * import { buildFpaToken } from 'agora-token-kit/sync';
 * const token = buildFpaToken({ appId, appCertificate, expiresInSeconds: 86400 });
 * ```
 */
export const buildFpaToken: (options: FpaTokenOptions) => string = /* @__PURE__ */ createBuildFpaToken(run);
/**
 * Options-form ConvoAI builder: RTC + RTM + ConvoAI.
 * @example
 * ```ts
 * import { buildConvoAIToken } from 'agora-token-kit/sync';
 * const token = buildConvoAIToken({ appId, appCertificate, channel: 'room', uid: 1001, role: 'publisher', rtm: { userId: 'agent' } });
 * ```
 */
export const buildConvoAIToken: (options: ConvoAITokenOptions) => string = /* @__PURE__ */ createBuildConvoAIToken(run);
/**
 * Options-form STT builder: RTC + RTM + STT.
 * @example
 * ```ts
 * import { buildSttToken } from 'agora-token-kit/sync';
 * const token = buildSttToken({ appId, appCertificate, channel: 'room', uid: 1002, role: 'publisher' });
 * ```
 */
export const buildSttToken: (options: SttTokenOptions) => string = /* @__PURE__ */ createBuildSttToken(run);

/** Verifies a token's signature synchronously (constant-time comparison). See the async `verifyToken`. */
export function verifyToken(token: string, appCertificate: string, expected?: Verify006Expectation): boolean {
  return runSync(verifyPipeline(token, appCertificate, expected, true), jsHmacBackend);
}
