/** @module core/inflate — a small, bounded, allocation-light zlib (RFC 1950) / deflate (RFC 1951) inflater. */

// Why hand-written: 007 tokens are `"007" + base64(zlib(payload))` with payloads of about
// 100-3000 bytes, and decoding them must be both fast and safe on hostile input. fflate 0.8.3
// cannot be both (Node 20, a 156-byte RTC payload, re-measured 2026-11-24): without an `out`
// buffer, `unzlibSync` takes ~95 µs, as it grows its output by 128 KiB per block; with a fixed
// `out` it takes ~1.4 µs, but then it cannot enforce an output cap: it silently drops bytes past
// the end and keeps decoding (~90-150 ms for a 24 KB zero-bomb), and streaming it in 32-byte
// chunks to bound the work costs ~80 µs per normal token. This decoder reuses preallocated
// tables and one scratch buffer, checks the cap before every write (so work on a bomb is
// O(maxOutput)), and reports every malformed stream as a typed AgoraTokenError. The token
// parsers go further: base64 into a reused input buffer and the payload read where it was
// inflated (inflateBase64Shared), so a warm decode allocates no byte arrays at all (each off-heap
// Uint8Array costs ~0.3 µs on Node 20).
//
// It accepts the streams zlib accepts, with two deliberate, stricter exceptions: bytes after
// the zlib trailer are an error (zlib ignores them), and a distance beyond the window the
// header declares (CINFO < 7) is an error. zlib rejects such a distance only when the match
// reaches outside its current output buffer, so its verdict depends on how the caller chunks
// output; we follow RFC 1950 and zlib's INFLATE_STRICT instead. Real tokens use CINFO 7.
// Inside withTrailingAllowed (the official parse methods' reading) both are lifted: Node's
// inflateSync keeps a 32 KiB window whatever CINFO says, so it inflates such a stream.

import { AgoraTokenError } from '../../errors.ts';
import { adler32Range } from './adler32.ts';
import { base64Input, decodeBase64Input } from './base64-input.ts';
import { inflateBlocks } from './blocks.ts';
import { truncated, zlibError } from './fail.ts';
import { trimOutput } from './output.ts';
import { InflateState } from './state.ts';

const state = /* @__PURE__ */ new InflateState();
// Not `state.out`: a property read at module level would keep the inflater in bundles that never decode.
let shared: Uint8Array = /* @__PURE__ */ new Uint8Array(0);

/**
 * Inflates a zlib stream (2-byte header, deflate data, big-endian Adler-32 trailer) that must
 * fill `data` exactly. Throws ERR_TOKEN_ZLIB for a malformed, truncated, checksum-failing or
 * trailing-garbage stream (bytes after the trailer are allowed only inside
 * {@link withTrailingAllowed}) and ERR_TOKEN_TOO_LARGE once output would exceed `maxOutput` bytes.
 */
export function inflateZlib(data: Uint8Array, maxOutput: number): Uint8Array {
  checkArguments(data, maxOutput);
  const s = state;
  try {
    const n = inflateStream(s, data, data.length, maxOutput);
    return s.out.slice(0, n);
  } finally {
    s.release();
    trimOutput(s);
  }
}

/**
 * {@link inflateZlib} of `data[0..end)` without copying the result out: returns its length;
 * the bytes are `sharedOutput()[0..length)` (call sharedOutput() after this returns) until the
 * next inflate call overwrites them. For a caller that reads the payload synchronously (the
 * token parsers), this saves the one allocation of a warm call. Internal: the arguments are not
 * checked, and `maxOutput` should be token-sized (the buffer stays referenced until the next call).
 */
export function inflateZlibShared(data: Uint8Array, end: number, maxOutput: number): number {
  const s = state;
  try {
    const n = inflateStream(s, data, end, maxOutput);
    shared = s.out;
    return n;
  } finally {
    s.release();
    trimOutput(s);
  }
}

/**
 * {@link inflateZlibShared} of the zlib stream that `text` spells in strict base64 from
 * `start` (a token after its version prefix), decoded into a reused buffer. Returns -1 without
 * inflating when the text is not strict base64: the caller then decodes it with core/base64,
 * which says what is wrong.
 */
export function inflateBase64Shared(text: string, start: number, maxOutput: number): number {
  const n = decodeBase64Input(text, start);
  return n < 0 ? -1 : inflateZlibShared(base64Input(), n, maxOutput);
}

/** The buffer holding the output of the last successful {@link inflateZlibShared}. */
export function sharedOutput(): Uint8Array {
  return shared;
}

/**
 * True only while {@link withTrailingAllowed} runs. A flag rather than a parameter: threading a
 * parameter through the decode path measured 5-8% slower decodes (A/B, Node 20).
 */
let trailingAllowed = false;

/**
 * Runs `parse` with bytes after a zlib stream's trailer ignored instead of refused, and distances
 * up to 32 KiB allowed whatever window the header declares, as Node's zlib reads them; for the
 * official parse methods' lenient reading (token/lenient-read.ts), which must accept what
 * agora-token's `from_string` accepts.
 */
export function withTrailingAllowed<T>(parse: () => T): T {
  trailingAllowed = true;
  try {
    return parse();
  } finally {
    trailingAllowed = false;
  }
}

/** Header, blocks and trailer of the zlib stream `data[0..end)`; the output is `s.out[0..result)`. */
function inflateStream(s: InflateState, data: Uint8Array, end: number, maxOutput: number): number {
  if (end < 2) throw truncated();
  const cmf = data[0]!;
  const flg = data[1]!;
  if ((cmf & 15) !== 8) throw zlibError('unknown compression method');
  if (cmf >>> 4 > 7) throw zlibError('invalid window size');
  if (((cmf << 8) | flg) % 31 !== 0) throw zlibError('incorrect header check');
  if (flg & 0x20) throw zlibError('preset dictionary is not supported');

  // Node's inflateSync keeps its 32 KiB window (windowBits 15) for any CINFO: the lenient read matches it.
  s.reset(data, 2, end, maxOutput, trailingAllowed ? 32768 : 1 << ((cmf >>> 4) + 8));
  inflateBlocks(s);
  const at = s.consumed();
  if (end - at < 4) throw truncated();
  const expected =
    ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!) >>> 0;
  const n = s.outPos;
  if (adler32Range(s.out, 0, n, 1) !== expected) throw zlibError('incorrect data check');
  if (at + 4 !== end && !trailingAllowed) throw zlibError('trailing bytes after zlib stream');
  return n;
}

/**
 * Inflates raw deflate data (no header or trailer) starting at `data[0]`, stopping after the
 * final block. `consumed` is the number of input bytes used, through the byte holding the
 * final block's last bit; bytes after that are not examined. Errors as {@link inflateZlib}.
 */
export function inflateRaw(
  data: Uint8Array,
  maxOutput: number,
): { output: Uint8Array; consumed: number } {
  checkArguments(data, maxOutput);
  const s = state;
  s.reset(data, 0, data.length, maxOutput, 32768);
  try {
    inflateBlocks(s);
    return { output: s.out.slice(0, s.outPos), consumed: s.consumed() };
  } finally {
    s.release();
    trimOutput(s);
  }
}

function checkArguments(data: Uint8Array, maxOutput: number): void {
  if (!(data instanceof Uint8Array)) {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'data must be a Uint8Array', { field: 'data' });
  }
  if (!(maxOutput >= 0) || (maxOutput !== Infinity && !Number.isInteger(maxOutput))) {
    throw new AgoraTokenError(
      'ERR_INVALID_ARGUMENT',
      'maxOutput must be a non-negative integer or Infinity',
      { field: 'maxOutput' },
    );
  }
}
