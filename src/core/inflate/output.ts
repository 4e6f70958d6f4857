/** @module core/inflate/output — the reusable output scratch buffer and the output cap. */

// Output goes into one module-level buffer that only grows (doubling, never past the caller's
// `maxOutput`) and is `slice`d once at the end (or read in place: inflateZlibShared), so a warm
// decode of a small token allocates at most its result. A buffer grown past RETAIN_LIMIT by an
// unusually large call is dropped afterwards rather than kept alive for the life of the process.

import { tooLarge } from './fail.ts';
import type { InflateState } from './state.ts';

const EMPTY = /* @__PURE__ */ new Uint8Array(0);

/** Largest scratch buffer kept between calls (tokens are at most a few KB). */
const RETAIN_LIMIT = 262_144; // 256 KiB
/** Smallest allocation, so tiny outputs do not regrow byte by byte. */
const MIN_ALLOC = 512;

/**
 * Makes `s.out` hold at least `need` bytes, keeping `s.out[0..outPos)`, or throws
 * ERR_TOKEN_TOO_LARGE if `need > s.maxOutput`. Never allocates more than `s.maxOutput`.
 * Returns the (possibly new) buffer so the hot loop can refresh its local copy.
 */
export function reserveOutput(s: InflateState, outPos: number, need: number): Uint8Array {
  const max = s.maxOutput;
  if (need > max) throw tooLarge(max);
  const old = s.out;
  if (need <= old.length) return old;
  let size = old.length * 2;
  if (size < MIN_ALLOC) size = MIN_ALLOC;
  if (size < need) size = need;
  if (size > max) size = max;
  const grown = new Uint8Array(size);
  grown.set(old.subarray(0, outPos));
  s.out = grown;
  return grown;
}

/** After every call, success or not: drops a scratch buffer grown past {@link RETAIN_LIMIT}. */
export function trimOutput(s: InflateState): void {
  if (s.out.length > RETAIN_LIMIT) s.out = EMPTY;
  s.outPos = 0;
}
