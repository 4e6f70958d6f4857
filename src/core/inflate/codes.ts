/** @module core/inflate/codes — the hot loop: literal/length and distance codes of one Huffman block. */

// All state lives in locals for the duration of the block (V8 keeps them in registers) and is
// written back at the end; anything V8 would otherwise treat as a double (typed-array lengths,
// an `Infinity` cap) or reload from module scope (imported op codes) is made an int32 local
// first, because either costs a conversion or a type check on every symbol. The bit buffer is
// refilled only while it holds <= 23 bits, so it never reaches bit 31 and stays a non-negative
// int32, and a refill still yields >= 24 bits: a 15-bit code plus 5 length extra bits, or 13
// distance extra bits after a second refill. The output position is checked against the cap
// before every literal write and every match copy, so a decompression bomb stops after at most
// `maxOutput` bytes of work and nothing is written past the buffer.

import { DIST_OP_INVALID, LIT_OP_END, LIT_OP_LITERAL } from './constants.ts';
import { truncated, zlibError } from './fail.ts';
import { OP_LINK, type HuffmanTable } from './huffman.ts';
import { reserveOutput } from './output.ts';
import type { InflateState } from './state.ts';

/** Decodes one block's symbols with the given tables, appending to `s.out`. */
export function inflateCodes(s: InflateState, lit: HuffmanTable, dist: HuffmanTable): void {
  const data = s.data;
  const end = s.end;
  const maxOutput = s.maxOutput | 0;
  const window = s.window;
  const litTable = lit.entries;
  const litRoot = lit.rootBits | 0;
  const litMask = (1 << litRoot) - 1;
  const distTable = dist.entries;
  const distRoot = dist.rootBits | 0;
  const distMask = (1 << distRoot) - 1;
  // Local int32 copies of the op codes: in a bundle, imported constants are module-scope
  // variables that optimized code reloads and type-checks on every use; these load once.
  const LINK = OP_LINK | 0;
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
      if (pos + 1 < end) {
        bitBuf |= (data[pos]! | (data[pos + 1]! << 8)) << bitCnt;
        pos += 2;
        bitCnt += 16;
      } else if (pos < end) {
        bitBuf |= data[pos++]! << bitCnt;
        bitCnt += 8;
      }
    }

    let entry = litTable[bitBuf & litMask]!;
    let op = (entry >> 4) & 15;
    if (op === LINK) {
      entry = litTable[(entry >> 8) + ((bitBuf >> litRoot) & ((1 << (entry & 15)) - 1))]!;
      op = (entry >> 4) & 15;
    }
    let bits = entry & 15;
    if (bits > bitCnt) throw truncated();
    bitBuf >>= bits;
    bitCnt -= bits;

    if (op === LITERAL) {
      if (outPos >= limit) {
        out = reserveOutput(s, outPos, outPos + 1);
        limit = (out.length < maxOutput ? out.length : maxOutput) | 0;
      }
      out[outPos++] = entry >> 8;
      continue;
    }
    if (op === END) break;
    if (op > END) throw zlibError('invalid literal/length code'); // 286, 287, or no such code

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
    entry = distTable[bitBuf & distMask]!;
    op = (entry >> 4) & 15;
    if (op === LINK) {
      entry = distTable[(entry >> 8) + ((bitBuf >> distRoot) & ((1 << (entry & 15)) - 1))]!;
      op = (entry >> 4) & 15;
    }
    bits = entry & 15;
    if (bits > bitCnt) throw truncated();
    bitBuf >>= bits;
    bitCnt -= bits;
    if (op === BAD_DIST) throw zlibError('invalid distance code'); // 30, 31, or no such code

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
