/**
 * @module core/deflate — zlib compressor whose output is byte-identical to canonical zlib 1.2.13 at level 6.
 *
 * Why: Agora's reference "007" tokens are "007" + base64(zlib(payload)) made by canonical zlib
 * (level 6, windowBits 15, memLevel 8, default strategy), i.e. Python's `zlib.compress(payload)`.
 * Node's zlib (Chromium fork), pako's defaults and fflate all produce different (valid) bytes, and
 * pako with `legacyHash: true` matches but costs ~110-120 µs per token. This is a from-scratch
 * reimplementation of exactly the zlib paths that configuration runs for one deflate(Z_FINISH) call
 * on at most 32 KiB: deflate_slow with longest_match (lz77.ts), _tr_flush_block's choice between
 * stored/fixed/dynamic blocks and compress_block (block.ts), build_tree/gen_bitlen/gen_codes
 * (huffman.ts) and the code-length header (tree-header.ts).
 *
 * Exactness bound: CANONICAL_MAX_INPUT = 32 KiB, the largest 007 payload (MAX_PAYLOAD_BYTES in
 * core/zlib.ts). Output up to it has been checked byte for byte against pako 3 `{ legacyHash: true }`:
 * every size 0..600 and sizes up to the bound in test/unit/deflate.test.ts, and 200k+ cases over
 * the whole range in `npm run fuzz:deflate` (random and token-shaped inputs, long repeats,
 * single-byte runs, the 16383-symbol block flush, matches around MAX_DIST and TOO_FAR).
 * Up to this size zlib never slides its 64 KiB window (that starts at 65274 bytes), so the code
 * has no sliding, refilling or far-window paths; larger inputs are refused rather than compressed
 * by code that was never verified.
 *
 * Cost: scratch memory (~300 KiB of typed arrays) is allocated on first use and reused, so calls
 * are synchronous and not re-entrant; results come from a shared slab (see below). No Node APIs:
 * runs in browsers, Deno and Workers.
 *
 * Speed (Node 20 on this project's 2-core machine, one core, 2026-11-24): 6.7-7.3 µs for a 156-byte
 * RTC uid payload, 8.2-8.7 µs for a 202-byte RTC+RTM one, 8.8-9.6 µs for 434 bytes. In a CPU profile
 * of /sync RTC builds, half of the deflate's time is the Huffman trees and another sixth pricing the
 * dynamic header, which _tr_flush_block does even when it then picks a fixed block (as it did for
 * 2,497 of 2,500 RTC uid payloads sampled). They cannot be skipped or approximated: zlib's heap
 * breaks ties between equal frequencies by heap position, the ties decide which symbols get which
 * lengths and so the header size, and on token payloads the fixed/dynamic margins (~40-90 bits at
 * 156 bytes, a byte or two either way at 450) are far below what a tie-independent bound resolves.
 * Measured on 2,000 RTC uid payloads (156 B): margins of 36-90 bits (p5-p95) against a ~435-bit
 * dynamic header, while the tightest sound bound found (zero runs exact, the other code-length
 * symbols priced as one) is ~154 bits loose: it would skip the trees in none of them. A bound that
 * replays the merge by (freq, depth) and keeps only the lengths no tie can change certified 34% of
 * such payloads (bench/README.md, "Skipping the trees").
 */
import { AgoraTokenError } from '../../errors.ts';
import { adler32 } from './adler32.ts';
import { type DeflateSlow, lz77Coder, MAX_INPUT } from './lz77.ts';

export { adler32 } from './adler32.ts';

/** Largest input length (bytes) whose output is verified byte-identical to canonical zlib level 6. */
export const CANONICAL_MAX_INPUT: number = MAX_INPUT;

/** The compressor, made on first use so that importing this module allocates nothing. */
let deflateSlow: DeflateSlow | null = null;

/**
 * Output room for large inputs: a block is never larger than its stored form (5 bytes of overhead),
 * and an input of n bytes makes at most n / 16383 + 1 blocks (16383 symbols each, a symbol covers
 * >= 1 byte), so n + 64 bytes hold any stream with its header and trailer.
 */
let scratch: Uint8Array | null = null;

/*
 * Results are carved out of a shared 16 KiB slab, as Node does for small Buffers: V8 allocates any
 * typed array over 64 bytes off-heap, which costs more (~0.7 µs here) than compressing a token's
 * literals. A slab is never written again once handed out, so each result stays valid and private
 * to its caller; they only share the underlying ArrayBuffer. Large results get their own buffer.
 */
const SLAB = 16_384;
let slab = /* @__PURE__ */ new Uint8Array(0);
let slabPos = 0;

/**
 * zlib-compress `data` (header 78 9c, deflate data, Adler-32 trailer) exactly as canonical zlib
 * 1.2.13 `compress()` does at level 6, for inputs up to CANONICAL_MAX_INPUT bytes. The result may
 * share its ArrayBuffer with earlier results (see above); it is never modified afterwards.
 *
 * @throws AgoraTokenError `ERR_INVALID_ARGUMENT` (field `payload`) above CANONICAL_MAX_INPUT.
 * @example
 * deflateZlib(new TextEncoder().encode('hello hello hello')); // Uint8Array [0x78, 0x9c, 0xcb, ...]
 */
export function deflateZlib(data: Uint8Array): Uint8Array {
  if (data.length > MAX_INPUT) {
    // Unreachable from the builders, which refuse such a payload first with a fuller message.
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `payload: ${data.length} bytes, over the ${MAX_INPUT}-byte limit`, { field: 'payload' });
  }
  const n = data.length | 0; // int32 for V8, which types a typed array's length up to 2^53 (doubles)
  // Small inputs are written straight into the slab (the bound leaves room for any output).
  const small = n <= 4096;
  if (small && slabPos + n + 64 > slab.length) {
    slab = new Uint8Array(SLAB);
    slabPos = 0;
  }
  const out = small ? slab : (scratch ??= new Uint8Array(MAX_INPUT + 64));
  const start = small ? slabPos : 0;
  // CMF 0x78: deflate, 32 KiB window. FLG 0x9c: FLEVEL 2 (level 6), no dictionary, FCHECK.
  out[start] = 0x78;
  out[start + 1] = 0x9c;
  let pos = (deflateSlow ??= lz77Coder())(data, out, start + 2);
  const sum = adler32(data);
  out[pos++] = sum >>> 24;
  out[pos++] = sum >>> 16;
  out[pos++] = sum >>> 8;
  out[pos++] = sum;
  if (!small) return out.slice(0, pos);
  slabPos = pos;
  return out.subarray(start, pos);
}
