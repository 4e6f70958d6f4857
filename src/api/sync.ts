/**
 * @module api/sync — the crypto-bound API on @noble/hashes: builds and verifies return values
 * synchronously, so `agora-token-kit/sync` is a drop-in for `agora-token`.
 */

import { createBuildRtcToken, createRtcTokenBuilder } from '../builders/rtc.ts';
import { createBuildRtmToken, createRtmTokenBuilder } from '../builders/rtm.ts';
import type { Runner } from '../builders/common.ts';
import { nobleBackend } from '../sign/noble.ts';
import { runSync } from '../sign/run.ts';
import { AccessToken2Base } from '../token/access-token2.ts';
import { type Verify006Expectation, verifyPipeline } from '../token/decode.ts';

const run: Runner<string> = (make) => runSync(make(), nobleBackend);

/** AccessToken2 (007) with a synchronous `build()`. */
export class AccessToken2 extends AccessToken2Base {
  /** Packs, signs, compresses and encodes the token. Throws an AgoraTokenError on bad state. */
  build(): string {
    return run(() => this.buildPipeline());
  }
}

/** RTC token builder (official `agora-token` API, synchronous). */
export const RtcTokenBuilder = /* @__PURE__ */ createRtcTokenBuilder(run);
/** RTM token builder (official `agora-token` API, synchronous). */
export const RtmTokenBuilder = /* @__PURE__ */ createRtmTokenBuilder(run);
/** Options-form RTC builder, synchronous. */
export const buildRtcToken = /* @__PURE__ */ createBuildRtcToken(run);
/** Options-form RTM builder, synchronous. */
export const buildRtmToken = /* @__PURE__ */ createBuildRtmToken(run);

/** Verifies a token's signature synchronously (constant-time comparison). See the async `verifyToken`. */
export function verifyToken(token: string, appCertificate: string, expected?: Verify006Expectation): boolean {
  return runSync(verifyPipeline(token, appCertificate, expected), nobleBackend);
}
