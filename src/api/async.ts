/**
 * @module api/async — the crypto-bound API on Web Crypto: every build and verify returns a Promise.
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
import { runAsync } from '../sign/run.ts';
import { webCryptoBackend } from '../sign/webcrypto.ts';
import { AccessToken2Base } from '../token/access-token2.ts';
import { type Verify006Expectation, verifyPipeline } from '../token/decode.ts';

const run: Runner<Promise<string>> = (make) => runAsync(make, webCryptoBackend);

/**
 * AccessToken2 (007) with an async `build()` on Web Crypto.
 * @example
 * ```ts
 * const t = new AccessToken2(appId, appCertificate, 0, 3600);
 * t.addService(new ServiceRtc('room', 42).addPrivilege(ServiceRtc.kPrivilegeJoinChannel, 3600));
 * const token = await t.build();
 * ```
 */
export class AccessToken2 extends AccessToken2Base {
  /** Packs, signs, compresses and encodes the token. Rejects with an AgoraTokenError on bad state. */
  build(): Promise<string> {
    return run(() => this.buildPipeline());
  }

  /**
   * Whether the token last read by `from_string` was signed with `appCertificate` (the official
   * `verifySignature`, here on Web Crypto, so it resolves to the answer). False when nothing was
   * read or the appId or certificate is not 32 hex characters; `verifyToken` rejects with typed errors instead.
   * @example
   * ```ts
   * const t = new AccessToken2();
   * const genuine = t.from_string(token) && (await t.verifySignature(appCertificate));
   * ```
   */
  async verifySignature(appCertificate: string): Promise<boolean> {
    const pipeline = this.signatureCheck(appCertificate);
    return pipeline !== undefined && runAsync(() => pipeline, webCryptoBackend);
  }
}

/** RTC token builder (official `agora-token` API; methods return `Promise<string>`). */
export const RtcTokenBuilder: RtcTokenBuilderStatic<Promise<string>> = /* @__PURE__ */ createRtcTokenBuilder(run);
/** RTM token builder (official `agora-token` API; methods return `Promise<string>`). */
export const RtmTokenBuilder: RtmTokenBuilderStatic<Promise<string>> = /* @__PURE__ */ createRtmTokenBuilder(run);
/**
 * Options-form RTC builder.
 * @example
 * ```ts
 * const token = await buildRtcToken({ appId, appCertificate, channel: 'room', uid: 42, role: 'publisher', expiresInSeconds: 3600 });
 * ```
 */
export const buildRtcToken: (options: RtcTokenOptions) => Promise<string> = /* @__PURE__ */ createBuildRtcToken(run);
/**
 * Options-form RTM builder.
 * @example
 * ```ts
 * const token = await buildRtmToken({ appId, appCertificate, userId: 'alice', expiresInSeconds: 3600 });
 * ```
 */
export const buildRtmToken: (options: RtmTokenOptions) => Promise<string> = /* @__PURE__ */ createBuildRtmToken(run);

/**
 * Agora Chat token builder (official `agora-token` API; methods return `Promise<string>`).
 * @example
 * ```ts
 * import { ChatTokenBuilder } from 'agora-token-kit';
 * const token = await ChatTokenBuilder.buildUserToken(appId, appCertificate, 'alice', 3600);
 * ```
 */
export const ChatTokenBuilder: ChatTokenBuilderStatic<Promise<string>> = /* @__PURE__ */ createChatTokenBuilder(run);
/**
 * Flexible Classroom (APaaS) token builder (official `agora-token` API; methods return `Promise<string>`). `buildRoomUserToken`
 * adds the APaaS roomUser privilege as Agora's non-Node SDKs do (the official Node package does not).
 * @example
 * ```ts
 * import { ApaasTokenBuilder } from 'agora-token-kit';
 * const token = await ApaasTokenBuilder.buildRoomUserToken(appId, appCertificate, 'room-1', 'user-1', 2, 3600);
 * ```
 */
export const ApaasTokenBuilder: ApaasTokenBuilderStatic<Promise<string>> = /* @__PURE__ */ createApaasTokenBuilder(run);
/**
 * The official alias of {@link ApaasTokenBuilder} (official `agora-token` API; methods return `Promise<string>`).
 * @example
 * ```ts
 * import { EducationTokenBuilder } from 'agora-token-kit';
 * const token = await EducationTokenBuilder.buildUserToken(appId, appCertificate, 'user-1', 3600);
 * ```
 */
export const EducationTokenBuilder: ApaasTokenBuilderStatic<Promise<string>> = /* @__PURE__ */ createEducationTokenBuilder(run);
/**
 * FPA token builder (official `agora-token` API; methods return `Promise<string>`).
 * @example
 * ```ts
 * import { FpaTokenBuilder } from 'agora-token-kit';
 * const token = await FpaTokenBuilder.buildToken(appId, appCertificate);
 * ```
 */
export const FpaTokenBuilder: FpaTokenBuilderStatic<Promise<string>> = /* @__PURE__ */ createFpaTokenBuilder(run);
/**
 * Conversational AI Engine token builder (official `agora-token` API; methods return `Promise<string>`).
 * @example
 * ```ts
 * import { ConvoAITokenBuilder, RtcRole } from 'agora-token-kit';
 * const token = await ConvoAITokenBuilder.buildToken(appId, appCertificate, 'room', 1001, RtcRole.PUBLISHER, 3600, 3600, 3600, 3600, 3600, 'agent', 3600);
 * ```
 */
export const ConvoAITokenBuilder: RtcRtmPlusTokenBuilderStatic<Promise<string>> = /* @__PURE__ */ createConvoAITokenBuilder(run);
/**
 * Real-time STT token builder (official `agora-token` API; methods return `Promise<string>`).
 * @example
 * ```ts
 * import { RtcRole, SttTokenBuilder } from 'agora-token-kit';
 * const token = await SttTokenBuilder.buildToken(appId, appCertificate, 'room', 1002, RtcRole.PUBLISHER, 3600, 3600, 3600, 3600, 3600, 'stt-bot', 3600);
 * ```
 */
export const SttTokenBuilder: RtcRtmPlusTokenBuilderStatic<Promise<string>> = /* @__PURE__ */ createSttTokenBuilder(run);
/**
 * Options-form Chat builder: `{ userId }` for a user token, `{ app: true }` for an app token.
 * @example
 * ```ts
 * import { buildChatToken } from 'agora-token-kit';
 * const token = await buildChatToken({ appId, appCertificate, userId: 'alice', expiresInSeconds: 3600 });
 * ```
 */
export const buildChatToken: (options: ChatTokenOptions) => Promise<string> = /* @__PURE__ */ createBuildChatToken(run);
/**
 * Options-form Flexible Classroom builder: `{ roomUuid, userUuid, role }` (room user),
 * `{ userUuid }` (user) or `{ app: true }` (app).
 * @example
 * ```ts
 * import { buildApaasToken } from 'agora-token-kit';
 * const token = await buildApaasToken({ appId, appCertificate, roomUuid: 'room-1', userUuid: 'user-1', role: 2 });
 * ```
 */
export const buildApaasToken: (options: ApaasTokenOptions) => Promise<string> = /* @__PURE__ */ createBuildApaasToken(run);
/**
 * Alias of {@link buildApaasToken} under the Education name.
 * @example
 * ```ts
 * import { buildEducationToken } from 'agora-token-kit';
 * const token = await buildEducationToken({ appId, appCertificate, userUuid: 'user-1' });
 * ```
 */
export const buildEducationToken: typeof buildApaasToken = buildApaasToken;
/**
 * Options-form FPA builder (login privilege 0, as the official builder; default lifetime 3600 s).
 * @example
 * ```ts
 * import { buildFpaToken } from 'agora-token-kit';
 * const token = await buildFpaToken({ appId, appCertificate, expiresInSeconds: 86400 });
 * ```
 */
export const buildFpaToken: (options: FpaTokenOptions) => Promise<string> = /* @__PURE__ */ createBuildFpaToken(run);
/**
 * Options-form ConvoAI builder: RTC + RTM + ConvoAI.
 * @example
 * ```ts
 * import { buildConvoAIToken } from 'agora-token-kit';
 * const token = await buildConvoAIToken({ appId, appCertificate, channel: 'room', uid: 1001, role: 'publisher', rtm: { userId: 'agent' } });
 * ```
 */
export const buildConvoAIToken: (options: ConvoAITokenOptions) => Promise<string> = /* @__PURE__ */ createBuildConvoAIToken(run);
/**
 * Options-form STT builder: RTC + RTM + STT.
 * @example
 * ```ts
 * import { buildSttToken } from 'agora-token-kit';
 * const token = await buildSttToken({ appId, appCertificate, channel: 'room', uid: 1002, role: 'publisher' });
 * ```
 */
export const buildSttToken: (options: SttTokenOptions) => Promise<string> = /* @__PURE__ */ createBuildSttToken(run);

/**
 * Verifies a token's signature with an App Certificate (constant-time, via `crypto.subtle.verify`).
 * Resolves `false` for a wrong certificate; rejects with an AgoraTokenError for a malformed token.
 * 006 tokens need the channel name and uid they were built for (`expected`). A 007 token carries
 * its own, so `expected` is not read for it and a valid 007 token verifies whatever it names:
 * compare its channel and uid with {@link decodeToken}, or ask {@link diagnoseToken} why it fails.
 * @example
 * ```ts
 * if (!(await verifyToken(token, appCertificate))) throw new Error('not ours');
 * ```
 */
export function verifyToken(token: string, appCertificate: string, expected?: Verify006Expectation): Promise<boolean> {
  return runAsync(() => verifyPipeline(token, appCertificate, expected), webCryptoBackend);
}
