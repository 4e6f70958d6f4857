/** @module core/inflate/codes — the hot loop: literal/length and distance codes of one Huffman block. */

// Fixed-code blocks (nearly every token) have their own copy of the literal path in
// fixed-codes.ts; this one serves dynamic blocks. The loop's state lives in locals for the duration of the block (V8 keeps them in registers) and is
// written back at the end; a match runs out of line (copyMatch), so those locals stay few. Op
// codes are numeric literals and increments `(x + k) | 0`, so V8 emits plain 32-bit compares
// and adds (no reload of a module-scope constant, no overflow check). The loop refills the bit
// buffer two bytes at a time only while it holds < 15 bits, copyMatch a byte at a time only while
// it holds <= 23, so it never reaches bit 31 and stays a non-negative int32. A loop refill leaves
// >= 15 bits while input lasts (a whole code); copyMatch refills before the length extra bits,
// the distance code and the distance extra bits (<= 13) when it holds too few. The output position
// is checked against the cap before every literal write and every match copy, so a decompression
// bomb stops after at most `maxOutput` bytes of work and nothing is written past the buffer.

import { truncated, zlibError } from './fail.ts';
import type { HuffmanTable } from './huffman.ts';
import { reserveOutput } from './output.ts';
import type { InflateState } from './state.ts';

// Entry ops (constants.ts and huffman.ts) as literals: LIT_OP_LITERAL 0, LIT_OP_END 7 (> 7:
// invalid), OP_LINK 15, DIST_OP_INVALID 14.

/** Decodes one block's symbols with the given tables, appending to `s.out`. */
export function inflateCodes(s: InflateState, lit: HuffmanTable, dist: HuffmanTable): void {
  const data = s.data;
  const end = s.end;
  const litTable = lit.entries;
  const litRoot = lit.rootBits | 0;
  const litMask = (1 << litRoot) - 1;
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

    let entry = litTable[bitBuf & litMask]!;
    let op = (entry >> 4) & 15;
    if (op === 15) {
      entry = litTable[(entry >> 8) + ((bitBuf >> litRoot) & ((1 << (entry & 15)) - 1))]!;
      op = (entry >> 4) & 15;
    }
    const bits = entry & 15;
    if (bits > bitCnt) throw truncated();
    bitBuf >>= bits;
    bitCnt = (bitCnt - bits) | 0;

    if (op === 0) {
      if (outPos >= limit) {
        out = reserveOutput(s, outPos, outPos + 1);
        limit = (out.length < s.maxOutput ? out.length : s.maxOutput) | 0;
      }
      out[outPos] = entry >> 8;
      outPos = (outPos + 1) | 0;
      continue;
    }
    if (op === 7) break;
    if (op > 7) throw zlibError('invalid literal/length code'); // 286, 287, or no such code
    s.pos = pos;
    s.bitBuf = bitBuf;
    s.bitCnt = bitCnt;
    s.outPos = outPos;
    copyMatch(s, dist, entry >> 8, op - 1);
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

/**
 * The rest of a match after its length symbol (base `length`, `extra` bits): reads and checks
 * the distance, makes room and copies, all through `s`. Shared with fixed-codes.ts.
 */
export function copyMatch(s: InflateState, dist: HuffmanTable, length: number, extra: number): void {
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
  const table = dist.entries;
  const root = dist.rootBits;
  let entry = table[bitBuf & ((1 << root) - 1)]!;
  let op = (entry >> 4) & 15;
  if (op === 15) {
    entry = table[(entry >> 8) + ((bitBuf >> root) & ((1 << (entry & 15)) - 1))]!;
    op = (entry >> 4) & 15;
  }
  const bits = entry & 15;
  if (bits > bitCnt) throw truncated();
  bitBuf >>= bits;
  bitCnt -= bits;
  if (op === 14) throw zlibError('invalid distance code'); // 30, 31, or no such code

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
  const window = s.window;
  if (distance > outPos || distance > window) {
    throw zlibError(
      distance > outPos
        ? 'invalid distance too far back'
        : `invalid distance too far back (beyond the ${window}-byte window the zlib header declares)`,
    );
  }
  const room = s.out.length < s.maxOutput ? s.out.length : s.maxOutput;
  const out = outPos + length > room ? reserveOutput(s, outPos, outPos + length) : s.out;
  // Byte-wise forward copy: overlapping matches (distance < length) repeat, as they must.
  let from = outPos - distance;
  const stop = outPos + length;
  while (outPos < stop) out[outPos++] = out[from++]!;
  s.pos = pos;
  s.bitBuf = bitBuf;
  s.bitCnt = bitCnt;
  s.outPos = outPos;
}
