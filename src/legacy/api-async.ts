/**
 * @module legacy/api-async — the 006 API bound to Web Crypto: builds and verification return Promises.
 */

import { runAsync } from '../sign/run.ts';
import { webCryptoBackend } from '../sign/webcrypto.ts';
import { type Verify006Expectation, verifyPipeline } from '../token/decode.ts';
import { AccessTokenBase } from './access-token.ts';
import type { Runner } from '../builders/common.ts';
import { createRtcTokenBuilder006, createRtmTokenBuilder006, type RtcTokenBuilder006Static, type RtmTokenBuilder006Static } from './builders.ts';

const run: Runner<Promise<string>> = (make) => runAsync(make, webCryptoBackend);

/**
 * AccessToken (006) with an async `build()` on Web Crypto. `ts` and `salt` are writable.
 * @example
 * ```ts
 * import { AccessToken, Privileges } from 'agora-token-kit/legacy';
 * const t = new AccessToken(appId, appCertificate, 'room', 42);
 * t.addPrivilege(Privileges.kJoinChannel, Math.floor(Date.now() / 1000) + 3600);
 * const token = await t.build();
 * ```
 */
export class AccessToken extends AccessTokenBase {
  /** Packs, signs and encodes the token. Rejects with an AgoraTokenError on bad state. */
  build(): Promise<string> {
    return run(() => this.buildPipeline());
  }
}

/** 006 RTC token builder (the `agora-access-token` API; methods return `Promise<string>`). */
export const RtcTokenBuilder: RtcTokenBuilder006Static<Promise<string>> = /* @__PURE__ */ createRtcTokenBuilder006(run);
/** 006 RTM token builder (the `agora-access-token` API; `buildToken` returns `Promise<string>`). */
export const RtmTokenBuilder: RtmTokenBuilder006Static<Promise<string>> = /* @__PURE__ */ createRtmTokenBuilder006(run);

/**
 * Verifies a 007 or 006 token's signature (constant time). A 006 token stores only CRC-32s of its
 * channel and uid, so pass the ones it was built for: `{ channelName, uid }` (RTM: `{ channelName: account }`).
 * `expected` is not read for a 007 token, which carries its own channel and uid (see decodeToken).
 * @example
 * ```ts
 * const ok = await verifyToken(token, appCertificate, { channelName: 'room', uid: 42 });
 * ```
 */
export function verifyToken(token: string, appCertificate: string, expected?: Verify006Expectation): Promise<boolean> {
  return runAsync(() => verifyPipeline(token, appCertificate, expected), webCryptoBackend);
}
