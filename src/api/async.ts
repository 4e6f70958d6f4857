/**
 * @module api/async — the crypto-bound API on Web Crypto: every build and verify returns a Promise.
 */

import { createBuildRtcToken, createRtcTokenBuilder } from '../builders/rtc.ts';
import { createBuildRtmToken, createRtmTokenBuilder } from '../builders/rtm.ts';
import type { Runner } from '../builders/common.ts';
import { runAsync } from '../sign/run.ts';
import { webCryptoBackend } from '../sign/webcrypto.ts';
import { AccessToken2Base } from '../token/access-token2.ts';
import { type Verify006Expectation, verifyPipeline } from '../token/decode.ts';

const run: Runner<Promise<string>> = (make) => {
  try {
    return runAsync(make(), webCryptoBackend);
  } catch (error) {
    return Promise.reject(error);
  }
};

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
}

/** RTC token builder (official `agora-token` API; methods return `Promise<string>`). */
export const RtcTokenBuilder = /* @__PURE__ */ createRtcTokenBuilder(run);
/** RTM token builder (official `agora-token` API; methods return `Promise<string>`). */
export const RtmTokenBuilder = /* @__PURE__ */ createRtmTokenBuilder(run);
/**
 * Options-form RTC builder.
 * @example
 * ```ts
 * const token = await buildRtcToken({ appId, appCertificate, channel: 'room', uid: 42, role: 'publisher', expiresInSeconds: 3600 });
 * ```
 */
export const buildRtcToken = /* @__PURE__ */ createBuildRtcToken(run);
/**
 * Options-form RTM builder.
 * @example
 * ```ts
 * const token = await buildRtmToken({ appId, appCertificate, userId: 'alice', expiresInSeconds: 3600 });
 * ```
 */
export const buildRtmToken = /* @__PURE__ */ createBuildRtmToken(run);

/**
 * Verifies a token's signature with an App Certificate (constant-time, via `crypto.subtle.verify`).
 * Resolves `false` for a wrong certificate; rejects with an AgoraTokenError for a malformed token.
 * 006 tokens need the channel name and uid they were built for.
 * @example
 * ```ts
 * if (!(await verifyToken(token, appCertificate))) throw new Error('not ours');
 * ```
 */
export function verifyToken(token: string, appCertificate: string, expected?: Verify006Expectation): Promise<boolean> {
  try {
    return runAsync(verifyPipeline(token, appCertificate, expected), webCryptoBackend);
  } catch (error) {
    return Promise.reject(error);
  }
}
