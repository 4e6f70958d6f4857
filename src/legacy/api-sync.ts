/**
 * @module legacy/api-sync — the 006 API bound to the pure-JS HMAC (sign/hmac-sync.ts): builds and verification are synchronous.
 */

import { jsHmacBackend } from '../sign/hmac-sync.ts';
import { runSync } from '../sign/run.ts';
import { type Verify006Expectation, verifyPipeline } from '../token/decode.ts';
import { AccessTokenBase } from './access-token.ts';
import type { Runner } from '../builders/common.ts';
import { createRtcTokenBuilder006, createRtmTokenBuilder006, type RtcTokenBuilder006Static, type RtmTokenBuilder006Static } from './builders.ts';

const run: Runner<string> = (make) => runSync(make(), jsHmacBackend);

/**
 * AccessToken (006) with a synchronous `build()`, a drop-in for `agora-access-token`'s class.
 * @example
 * ```ts
 * import { AccessToken, Privileges } from 'agora-token-kit/legacy/sync';
 * const t = new AccessToken(appId, appCertificate, 'room', 42);
 * t.addPriviledge(Privileges.kJoinChannel, Math.floor(Date.now() / 1000) + 3600);
 * const token = t.build();
 * ```
 */
export class AccessToken extends AccessTokenBase {
  /** Packs, signs and encodes the token. Throws an AgoraTokenError on bad state. */
  build(): string {
    return run(() => this.buildPipeline());
  }
}

/** 006 RTC token builder (the `agora-access-token` API, synchronous). */
export const RtcTokenBuilder: RtcTokenBuilder006Static<string> = /* @__PURE__ */ createRtcTokenBuilder006(run);
/** 006 RTM token builder (the `agora-access-token` API, synchronous). */
export const RtmTokenBuilder: RtmTokenBuilder006Static<string> = /* @__PURE__ */ createRtmTokenBuilder006(run);

/**
 * Verifies a 007 or 006 token's signature synchronously (constant time). See the async `verifyToken`.
 * @example
 * ```ts
 * const ok = verifyToken(token, appCertificate, { channelName: 'room', uid: 42 });
 * ```
 */
export function verifyToken(token: string, appCertificate: string, expected?: Verify006Expectation): boolean {
  return runSync(verifyPipeline(token, appCertificate, expected, true), jsHmacBackend);
}
