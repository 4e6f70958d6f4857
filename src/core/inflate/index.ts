/** @module core/inflate — a small, bounded, allocation-light zlib (RFC 1950) / deflate (RFC 1951) inflater. */

// Why hand-written: 007 tokens are `"007" + base64(zlib(payload))` with payloads of about
// 100-3000 bytes, and decoding them must be both fast and safe on hostile input. The
// measurement that decided it, for a 138-byte token payload: Node's native zlib inflates it in
// ~6.5 µs, while fflate's `inflateSync` took 27 µs because it rebuilds its Huffman tables with
// fresh allocations on every call. fflate also cannot enforce an output cap: given a fixed
// `out` buffer it silently drops bytes past the end and keeps decoding (163 ms for a 24 KB
// zero-bomb), and streaming it in 32-byte chunks to bound the work costs ~80 µs per normal
// token. This decoder reuses preallocated tables and one scratch buffer, checks the cap before
// every write (so work on a bomb is O(maxOutput)), and reports every malformed stream as a
// typed AgoraTokenError.
//
// It accepts the streams zlib accepts, with two deliberate, stricter exceptions: bytes after
// the zlib trailer are an error (zlib ignores them), and a distance beyond the window the
// header declares (CINFO < 7) is an error. zlib rejects such a distance only when the match
// reaches outside its current output buffer, so its verdict depends on how the caller chunks
// output; we follow RFC 1950 and zlib's INFLATE_STRICT instead. Real tokens use CINFO 7.

import { AgoraTokenError } from '../../errors.ts';
import { adler32 } from '../deflate/adler32.ts';
import { inflateBlocks } from './blocks.ts';
import { truncated, zlibError } from './fail.ts';
import { takeOutput, trimOutput } from './output.ts';
import { InflateState } from './state.ts';

const state = /* @__PURE__ */ new InflateState();

/**
 * Inflates a zlib stream (2-byte header, deflate data, big-endian Adler-32 trailer) that must
 * fill `data` exactly. Throws ERR_TOKEN_ZLIB for a malformed, truncated, checksum-failing or
 * trailing-garbage stream and ERR_TOKEN_TOO_LARGE once output would exceed `maxOutput` bytes.
 */
export function inflateZlib(data: Uint8Array, maxOutput: number): Uint8Array {
  checkArguments(data, maxOutput);
  if (data.length < 2) throw truncated();
  const cmf = data[0]!;
  const flg = data[1]!;
  if ((cmf & 15) !== 8) throw zlibError('unknown compression method');
  if (cmf >>> 4 > 7) throw zlibError('invalid window size');
  if (((cmf << 8) | flg) % 31 !== 0) throw zlibError('incorrect header check');
  if (flg & 0x20) throw zlibError('preset dictionary is not supported');

  const s = state;
  s.reset(data, 2, maxOutput, 1 << ((cmf >>> 4) + 8));
  try {
    inflateBlocks(s);
    const at = s.consumed();
    if (data.length - at < 4) throw truncated();
    const expected =
      ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!) >>> 0;
    const output = takeOutput(s);
    if (adler32(output) !== expected) throw zlibError('incorrect data check');
    if (at + 4 !== data.length) throw zlibError('trailing bytes after zlib stream');
    return output;
  } finally {
    s.release();
    trimOutput(s);
  }
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
  s.reset(data, 0, maxOutput, 32768);
  try {
    inflateBlocks(s);
    return { output: takeOutput(s), consumed: s.consumed() };
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
