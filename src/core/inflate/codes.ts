/**
 * @module core/inflate/codes — the hot loop: decodes literal/length and distance codes of one
 * Huffman-coded block (fixed or dynamic) until its end-of-block symbol.
 *
 * All state lives in locals for the duration of the block (V8 keeps them in registers) and is
 * written back at the end. Before every literal write and every match copy the output
 * position is checked against the cap, so a decompression bomb stops after at most
 * `maxOutput` bytes of work, and nothing is ever written past the buffer.
 */

import { DIST_BASE, DIST_EXTRA, LENGTH_BASE, LENGTH_EXTRA } from './constants.ts';
import { truncated, zlibError } from './fail.ts';
import { decodeSlow, SLOW_INVALID, type HuffmanTable } from './huffman.ts';
import { reserveOutput } from './output.ts';
import type { InflateState } from './state.ts';

/** Decodes one block's symbols with the given tables, appending to `s.out`. */
export function inflateCodes(s: InflateState, lit: HuffmanTable, dist: HuffmanTable): void {
  const data = s.data;
  const end = s.end;
  const maxOutput = s.maxOutput;
  const litFast = lit.fast;
  const litMask = lit.fastMask;
  const distFast = dist.fast;
  const distMask = dist.fastMask;
  let pos = s.pos;
  let bitBuf = s.bitBuf;
  let bitCnt = s.bitCnt;
  let out = s.out;
  let outPos = s.outPos;
  let limit = out.length < maxOutput ? out.length : maxOutput;

  for (;;) {
    // Refill to >= 25 bits when input allows: enough for a 15-bit code plus 5 extra bits.
    while (bitCnt <= 24 && pos < end) {
      bitBuf |= data[pos++]! << bitCnt;
      bitCnt += 8;
    }

    let entry = litFast[bitBuf & litMask]!;
    if (entry === 0) {
      entry = decodeSlow(lit, bitBuf, bitCnt);
      if (entry < 0) throw entry === SLOW_INVALID ? zlibError('invalid literal/length code') : truncated();
    }
    const codeLen = entry & 15;
    if (codeLen > bitCnt) throw truncated();
    bitBuf >>>= codeLen;
    bitCnt -= codeLen;
    let sym = entry >>> 4;

    if (sym < 256) {
      if (outPos >= limit) {
        out = reserveOutput(s, outPos, outPos + 1);
        limit = out.length < maxOutput ? out.length : maxOutput;
      }
      out[outPos++] = sym;
      continue;
    }
    if (sym === 256) break;

    sym -= 257;
    if (sym >= 29) throw zlibError('invalid literal/length code'); // 286, 287 (fixed code only)
    let length = LENGTH_BASE[sym]!;
    let extra = LENGTH_EXTRA[sym]!;
    if (extra !== 0) {
      if (extra > bitCnt) throw truncated();
      length += bitBuf & ((1 << extra) - 1);
      bitBuf >>>= extra;
      bitCnt -= extra;
    }

    while (bitCnt <= 24 && pos < end) {
      bitBuf |= data[pos++]! << bitCnt;
      bitCnt += 8;
    }
    entry = distFast[bitBuf & distMask]!;
    if (entry === 0) {
      entry = decodeSlow(dist, bitBuf, bitCnt);
      if (entry < 0) throw entry === SLOW_INVALID ? zlibError('invalid distance code') : truncated();
    }
    const distLen = entry & 15;
    if (distLen > bitCnt) throw truncated();
    bitBuf >>>= distLen;
    bitCnt -= distLen;
    const dsym = entry >>> 4;
    if (dsym >= 30) throw zlibError('invalid distance code'); // 30, 31 (fixed code only)
    let distance = DIST_BASE[dsym]!;
    extra = DIST_EXTRA[dsym]!;
    if (extra !== 0) {
      // Up to 13 extra bits after up to 15 code bits: top up again.
      while (bitCnt <= 24 && pos < end) {
        bitBuf |= data[pos++]! << bitCnt;
        bitCnt += 8;
      }
      if (extra > bitCnt) throw truncated();
      distance += bitBuf & ((1 << extra) - 1);
      bitBuf >>>= extra;
      bitCnt -= extra;
    }
    if (distance > outPos) throw zlibError('invalid distance too far back');

    if (outPos + length > limit) {
      out = reserveOutput(s, outPos, outPos + length);
      limit = out.length < maxOutput ? out.length : maxOutput;
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
