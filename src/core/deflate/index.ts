/**
 * @module core/deflate — zlib compressor whose output is byte-identical to canonical zlib 1.2.13 at level 6.
 *
 * Why: Agora's reference "007" tokens are "007" + base64(zlib(payload)) made by canonical zlib
 * (level 6, windowBits 15, memLevel 8, default strategy), i.e. Python's `zlib.compress(payload)`.
 * Node's zlib (Chromium fork), pako's defaults and fflate all produce different (valid) bytes, and
 * pako with `legacyHash: true` matches but costs ~90 µs per token. This is a from-scratch
 * reimplementation of exactly the zlib paths that configuration runs: deflate_slow with
 * longest_match and fill_window/slide_hash (lz77.ts, window.ts), _tr_flush_block's choice between
 * stored/fixed/dynamic blocks (block.ts), build_tree/gen_bitlen/gen_codes (huffman.ts) and the
 * code-length header (tree-header.ts), about 10x faster than pako on token-sized input.
 *
 * Exactness bound: CANONICAL_MAX_INPUT = 1 MiB. Up to it, output has been checked byte for byte
 * against pako 3 `{ legacyHash: true }` (test/unit/deflate.test.ts, `npm run fuzz:deflate`: every
 * size band from 0 to the bound, including the 16383-symbol block flush, MAX_DIST, the 64 KiB
 * window slide and several slides beyond) and against CPython's zlib 1.2.13 `zlib.compress`. The
 * implementation has no size-specific code past the first slide, but the bound is what has been
 * verified. Larger inputs are refused: token payloads are capped far below it (MAX_PAYLOAD_BYTES,
 * 32 KiB), so no fallback compressor is shipped.
 *
 * Cost: scratch memory (~400 KiB of typed arrays) is allocated once and reused, so calls are
 * synchronous and not re-entrant; each call allocates only its result (plus, above 64 KiB of
 * input, one temporary output buffer). No Node APIs: runs in browsers, Deno and Workers.
 */
import { AgoraTokenError } from '../../errors.ts';
import { adler32 } from './adler32.ts';
import { writer } from './bit-writer.ts';
import { deflateSlow } from './lz77.ts';

export { adler32 } from './adler32.ts';

/** Largest input length (bytes) whose output is verified byte-identical to canonical zlib level 6. */
export const CANONICAL_MAX_INPUT = 1 << 20;

/** Inputs up to this size are compressed into a reused scratch buffer. */
const SCRATCH_INPUT = 1 << 16;
let scratch: Uint8Array | null = null;
const EMPTY = /* @__PURE__ */ new Uint8Array(0);

/** Upper bound on the zlib stream size: zlib's conservative deflateBound plus header and trailer, with slack. */
function outputBound(n: number): number {
  return n + ((n + 7) >>> 3) + ((n + 63) >>> 6) + 5 + 6 + 8;
}

/**
 * zlib-compress `data` (header 78 9c, deflate data, Adler-32 trailer) exactly as canonical zlib
 * 1.2.13 `compress()` does at level 6, for inputs up to CANONICAL_MAX_INPUT bytes.
 */
export function deflateZlib(data: Uint8Array): Uint8Array {
  const n = data.length;
  if (n > CANONICAL_MAX_INPUT) {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `payload: ${n} bytes, over the ${CANONICAL_MAX_INPUT} the canonical encoder is verified for`, { field: 'payload' });
  }
  let out: Uint8Array;
  if (n <= SCRATCH_INPUT) {
    if (scratch === null) scratch = new Uint8Array(outputBound(SCRATCH_INPUT));
    out = scratch;
  } else {
    out = new Uint8Array(outputBound(n));
  }
  // CMF 0x78: deflate, 32 KiB window. FLG 0x9c: FLEVEL 2 (level 6), no dictionary, FCHECK.
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
  if (out !== scratch) writer.reset(EMPTY, 0); // do not keep a large one-off buffer alive
  return out.slice(0, pos);
}
