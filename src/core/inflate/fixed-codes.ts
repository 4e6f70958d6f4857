/** @module core/inflate/fixed-codes — the hot loop specialised for fixed-Huffman blocks (RFC 1951 3.2.6). */

// A token's zlib stream is nearly always one fixed-code block of 100-450 bytes, mostly
// literals (an RTC token: ~130 literals, ~5 matches), so this loop is most of an inflate. It is
// codes.ts's loop with what the fixed code makes constant folded in: every literal/length code
// is 7-9 bits and every distance code 5 bits, so one lookup in the 9-bit and 5-bit roots always
// resolves the symbol (no sub-table links), and masks and op codes are literals. A match runs
// out of line (copyMatch), which keeps the literal path's few values in registers. Increments
// are written `(x + k) | 0` so V8 emits plain 32-bit adds instead of adds with an overflow check
// and a deopt exit. Measured on token streams: ~17% less time than the general loop. Checks,
// their order and the errors are the general loop's exactly (see codes.ts for the bit-buffer
// and output-cap invariants).

import { truncated, zlibError } from './fail.ts';
import { reserveOutput } from './output.ts';
import type { InflateState } from './state.ts';

/** Decodes one fixed-code block with the fixed tables (`lit`: 9-bit root, `dist`: 5-bit root). */
export function inflateFixedCodes(s: InflateState, litTable: Int32Array, distTable: Int32Array): void {
  const data = s.data;
  const end = s.end;
  let pos = s.pos;
  let bitBuf = s.bitBuf;
  let bitCnt = s.bitCnt;
  let out = s.out;
  let outPos = s.outPos;
  let limit = (out.length < s.maxOutput ? out.length : s.maxOutput) | 0;

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

    if (op === 0) {
      // LIT_OP_LITERAL (op codes as numeric literals here and below: fewer live values)
      if (outPos >= limit) {
        out = reserveOutput(s, outPos, outPos + 1);
        limit = (out.length < s.maxOutput ? out.length : s.maxOutput) | 0;
      }
      out[outPos] = entry >> 8;
      outPos = (outPos + 1) | 0;
      continue;
    }
    if (op === 7) break; // LIT_OP_END
    if (op > 7) throw zlibError('invalid literal/length code'); // 286 or 287
    s.pos = pos;
    s.bitBuf = bitBuf;
    s.bitCnt = bitCnt;
    s.outPos = outPos;
    copyMatch(s, distTable, entry >> 8, op - 1);
    pos = s.pos;
    bitBuf = s.bitBuf;
    bitCnt = s.bitCnt;
    outPos = s.outPos;
    out = s.out;
    limit = (out.length < s.maxOutput ? out.length : s.maxOutput) | 0;
  }

  s.pos = pos;
  s.bitBuf = bitBuf;
  s.bitCnt = bitCnt;
  s.outPos = outPos;
}

/** The rest of a match after its length symbol (base `length`, `extra` bits): reads and checks
 * the distance, then copies, all through `s`. */
function copyMatch(s: InflateState, distTable: Int32Array, length: number, extra: number): void {
  const data = s.data;
  const end = s.end;
  let pos = s.pos;
  let bitBuf = s.bitBuf;
  let bitCnt = s.bitCnt;
  let outPos = s.outPos;
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
  const entry = distTable[bitBuf & 31]!;
  const bits = entry & 15;
  if (bits > bitCnt) throw truncated();
  bitBuf >>= bits;
  bitCnt -= bits;
  const op = (entry >> 4) & 15;
  if (op === 14) throw zlibError('invalid distance code'); // DIST_OP_INVALID: 30 or 31

  let distance = entry >> 8;
  if (op !== 0) {
    if (op > bitCnt) {
      while (bitCnt <= 23 && pos < end) {
        bitBuf |= data[pos++]! << bitCnt;
        bitCnt += 8;
      }
      if (op > bitCnt) throw truncated();
    }
    distance += bitBuf & ((1 << op) - 1);
    bitBuf >>= op;
    bitCnt -= op;
  }
  if (distance > outPos || distance > s.window) {
    throw zlibError(
      distance > outPos
        ? 'invalid distance too far back'
        : `invalid distance too far back (beyond the ${s.window}-byte window the zlib header declares)`,
    );
  }
  const limit = s.out.length < s.maxOutput ? s.out.length : s.maxOutput;
  const out = outPos + length > limit ? reserveOutput(s, outPos, outPos + length) : s.out;
  // Byte-wise forward copy: overlapping matches (distance < length) repeat, as they must.
  let from = outPos - distance;
  const stop = outPos + length;
  while (outPos < stop) out[outPos++] = out[from++]!;
  s.pos = pos;
  s.bitBuf = bitBuf;
  s.bitCnt = bitCnt;
  s.outPos = outPos;
}
