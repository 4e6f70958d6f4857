/** @module core/inflate/fixed-codes — the hot loop specialised for fixed-Huffman blocks (RFC 1951 3.2.6). */

// A token's zlib stream is nearly always one fixed-code block of 100-450 bytes, mostly
// literals (an RTC token: ~130 literals, ~5 matches), so this loop is most of an inflate. It is
// codes.ts's literal path with what the fixed code makes constant: every literal/length code is
// 7-9 bits, so one lookup in the 9-bit root always resolves the symbol (no sub-table link), and
// the mask and op codes are literals. Matches go to codes.ts's copyMatch, out of line, which
// keeps the literal path's few values in registers. Measured: ~8% fewer instructions per token
// decode than running codes.ts's loop for fixed blocks too. Checks, their order and the errors
// are the general loop's exactly (see codes.ts for the bit-buffer and output-cap invariants).

import { copyMatch } from './codes.ts';
import { truncated, zlibError } from './fail.ts';
import type { HuffmanTable } from './huffman.ts';
import { reserveOutput } from './output.ts';
import type { InflateState } from './state.ts';

/** Decodes one fixed-code block with the fixed tables (`lit`: 9-bit root, no links). */
export function inflateFixedCodes(s: InflateState, lit: HuffmanTable, dist: HuffmanTable): void {
  const litTable = lit.entries;
  const data = s.data;
  const end = s.end;
  let pos = s.pos;
  let bitBuf = s.bitBuf;
  let bitCnt = s.bitCnt;
  let outPos = s.outPos;

  for (;;) {
    const out = s.out;
    const limit = (out.length < s.maxOutput ? out.length : s.maxOutput) | 0;
    let entry: number;
    // Literals that fit, in a loop with no call: V8 then checks the arrays' maps and loads
    // their lengths and data pointers once per run of literals, not once per literal (with the
    // match call in the same loop it did both on every literal). Anything else leaves it with
    // its code consumed, as the single loop did at that point.
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
      entry = litTable[bitBuf & 511]!;
      const bits = entry & 15;
      if (bits > bitCnt) throw truncated();
      bitBuf >>= bits;
      bitCnt = (bitCnt - bits) | 0;
      if ((entry & 0xf0) !== 0 || outPos >= limit) break; // not LIT_OP_LITERAL (0), or no room
      out[outPos] = entry >> 8;
      outPos = (outPos + 1) | 0;
    }

    const op = (entry >> 4) & 15;
    if (op === 0) {
      // A literal at the end of the buffer: grow it (or fail at the cap) and go on.
      reserveOutput(s, outPos, outPos + 1)[outPos] = entry >> 8;
      outPos = (outPos + 1) | 0;
      continue;
    }
    if (op === 7) break; // LIT_OP_END
    if (op > 7) throw zlibError('invalid literal/length code'); // 286 or 287
    s.pos = pos;
    s.bitBuf = bitBuf;
    s.bitCnt = bitCnt;
    s.outPos = outPos;
    copyMatch(s, dist, entry >> 8, op - 1);
    pos = s.pos;
    bitBuf = s.bitBuf;
    bitCnt = s.bitCnt;
    outPos = s.outPos;
  }

  s.pos = pos;
  s.bitBuf = bitBuf;
  s.bitCnt = bitCnt;
  s.outPos = outPos;
}
