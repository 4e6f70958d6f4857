/**
 * @module core/deflate — zlib-format compressor byte-identical to canonical zlib 1.2.13 `compress()` at level 6.
 *
 * Agora's reference "007" tokens are base64(zlib(payload)) as produced by canonical zlib (level 6,
 * windowBits 15, memLevel 8, default strategy), e.g. Python's `zlib.compress(payload)`. This is a
 * from-scratch port of the parts of zlib that path exercises (deflate_slow, longest_match,
 * fill_window/slide_hash, trees.c block selection), so identical bytes come out.
 *
 * Exactness bound: output is proven identical (differential fuzzing against pako 3 with
 * `legacyHash: true`, which matches zlib 1.2.13, plus a one-off check against CPython's zlib)
 * for inputs up to CANONICAL_MAX_INPUT bytes, a range that includes many window slides. Above it we
 * fall back to fflate's `zlibSync(level 6)`: valid zlib, but not byte-identical to canonical zlib.
 *
 * Scratch buffers are module-level and reused, so calls are synchronous and not re-entrant.
 */
import { zlibSync } from 'fflate';
import { adler32 } from './adler32.ts';
import { writer } from './bit-writer.ts';
import { deflateSlow } from './lz77.ts';

export { adler32 } from './adler32.ts';

/** Largest input length (bytes) for which output is verified byte-identical to canonical zlib. */
export const CANONICAL_MAX_INPUT = 1 << 20;

/** Output scratch big enough for any input up to 64 KiB; larger inputs get a one-off buffer. */
const SCRATCH_INPUT = 1 << 16;
let scratch: Uint8Array | null = null;

/** Generous upper bound on zlib output (zlib's conservative deflateBound plus wrapper). */
function outputBound(n: number): number {
  return n + ((n + 7) >>> 3) + ((n + 63) >>> 6) + 5 + 6 + 8;
}

/** zlib-compress `data` exactly like canonical zlib 1.2.13 `compress2(level 6)` (up to CANONICAL_MAX_INPUT). */
export function deflateZlib(data: Uint8Array): Uint8Array {
  const n = data.length;
  if (n > CANONICAL_MAX_INPUT) return zlibSync(data, { level: 6 });
  let out: Uint8Array;
  if (n <= SCRATCH_INPUT) {
    if (scratch === null) scratch = new Uint8Array(outputBound(SCRATCH_INPUT));
    out = scratch;
  } else {
    out = new Uint8Array(outputBound(n));
  }
  // CMF 0x78 (deflate, 32K window), FLG 0x9c (level 6 => FLEVEL 2, check bits).
  out[0] = 0x78;
  out[1] = 0x9c;
  writer.reset(out, 2);
  deflateSlow(data);
  const sum = adler32(data);
  let pos = writer.pos;
  out[pos++] = sum >>> 24;
  out[pos++] = (sum >>> 16) & 0xff;
  out[pos++] = (sum >>> 8) & 0xff;
  out[pos++] = sum & 0xff;
  return out === scratch ? out.slice(0, pos) : out.subarray(0, pos);
}
