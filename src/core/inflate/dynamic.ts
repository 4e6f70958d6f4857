/** @module core/inflate/dynamic — reads a dynamic block's header (RFC 1951 3.2.7) into reusable tables. */

// Validation follows zlib's inflate.c so that this decoder accepts the same headers zlib
// accepts: HLIT <= 286 and HDIST <= 30, no repeat of a previous length at the start, no repeat
// running past the declared lengths, an end-of-block code must exist, and each code set must
// be neither over-subscribed nor incomplete (see HuffmanTable.build). The code-length loop
// keeps the bit buffer in locals, buckets each length for the table builds as it goes
// (tally.ts), and fills runs with plain loops: `TypedArray.fill` costs a builtin call per run,
// which showed up in this header's time for tokens.

import {
  CODE_LENGTH_INFO,
  CODE_LENGTH_NO_CODE,
  CODE_LENGTH_ORDER,
  DIST_INFO,
  DIST_NO_CODE,
  LIT_INFO,
  LIT_NO_CODE,
} from './constants.ts';
import { truncated, zlibError } from './fail.ts';
import { HuffmanTable } from './huffman.ts';
import { BUCKET_SIZE, LengthTally } from './tally.ts';
import type { InflateState } from './state.ts';

/** Tables a dynamic block decodes with; the same objects every time. */
export interface DynamicTables {
  readonly lit: HuffmanTable;
  readonly dist: HuffmanTable;
}

// Preallocated once. The literal/length root is 10 bits: filling it by doubling costs little,
// and it keeps the 10-bit literal codes common in a token's dynamic block out of sub-tables.
// Its size bound: a sub-table 2^d wide needs a complete sub-tree of depth d, hence >= d + 1 of
// the <= 286 codes, and d <= 5, so sub-tables total at most 47 * 32 + 8 = 1512 entries; with
// the root, 2536. Distances keep zlib's 6-bit root and its proven worst case (inftrees.h
// ENOUGH_DISTS = 592). A 7-bit root covers every code-length code (at most 7 bits).
const lit = /* @__PURE__ */ new HuffmanTable(10, 2536);
const dist = /* @__PURE__ */ new HuffmanTable(6, 592);
const codeLengthTable = /* @__PURE__ */ new HuffmanTable(7, 1 << 7);
const codeLengthLengths = /* @__PURE__ */ new Uint8Array(19);
const lengths = /* @__PURE__ */ new Uint8Array(286 + 30);
const tables: DynamicTables = { lit, dist };
// Lengths bucketed while decoding: literal/length at 0, distance at 16 (and, before that, the
// code-length code at 0).
const tally = /* @__PURE__ */ new LengthTally();

/** Reads the header following BTYPE=2 and returns the rebuilt tables. */
export function readDynamicTables(s: InflateState): DynamicTables {
  const nlen = s.bits(5) + 257;
  const ndist = s.bits(5) + 1;
  const ncode = s.bits(4) + 4;
  if (nlen > 286 || ndist > 30) throw zlibError('too many length or distance symbols');

  for (let i = 0; i < 19; i++) codeLengthLengths[i] = 0;
  for (let i = 0; i < ncode; i++) codeLengthLengths[CODE_LENGTH_ORDER[i]!] = s.bits(3);
  const codeLengthTally = tally.fill(0, codeLengthLengths, 0, 19);
  if (!codeLengthTable.build(codeLengthTally, 0, CODE_LENGTH_INFO, false, CODE_LENGTH_NO_CODE)) {
    throw zlibError('invalid code lengths set');
  }

  const data = s.data;
  const end = s.end;
  const table = codeLengthTable.entries;
  const total = nlen + ndist;
  let pos = s.pos;
  let bitBuf = s.bitBuf;
  let bitCnt = s.bitCnt;
  const count = tally.count;
  const symbols = tally.symbols;
  const bucket = BUCKET_SIZE | 0; // a local: imported constants are reloaded per use (codes.ts)
  const noCode = CODE_LENGTH_NO_CODE | 0;
  tally.clear(0);
  tally.clear(16);
  let have = 0;
  while (have < total) {
    // A code (<= 7 bits) plus its extra bits (<= 7) is at most 14 bits; refill gives >= 24.
    while (bitCnt <= 23 && pos < end) {
      bitBuf |= data[pos++]! << bitCnt;
      bitCnt += 8;
    }
    // Every code-length code fits the 7-bit root; `noCode` there means the table is empty.
    const entry = table[bitBuf & 127]!;
    if (entry === noCode) throw zlibError('invalid code lengths set');
    const len = entry & 15;
    if (len > bitCnt) throw truncated();
    bitBuf >>= len;
    bitCnt -= len;
    const sym = entry >> 8;
    if (sym < 16) {
      // Bucket it, in the distance half once past nlen (branch-free: isDist = have >= nlen).
      const isDist = (nlen - 1 - have) >>> 31;
      const b = (isDist << 4) + sym;
      symbols[b * bucket + count[b]!++] = have - isDist * nlen;
      lengths[have++] = sym;
      continue;
    }
    let value = 0;
    let repeat: number;
    if (sym === 16) {
      if (have === 0) throw zlibError('invalid bit length repeat');
      value = lengths[have - 1]!;
      if (bitCnt < 2) throw truncated();
      repeat = 3 + (bitBuf & 3);
      bitBuf >>= 2;
      bitCnt -= 2;
    } else if (sym === 17) {
      if (bitCnt < 3) throw truncated();
      repeat = 3 + (bitBuf & 7);
      bitBuf >>= 3;
      bitCnt -= 3;
    } else {
      if (bitCnt < 7) throw truncated();
      repeat = 11 + (bitBuf & 127);
      bitBuf >>= 7;
      bitCnt -= 7;
    }
    if (have + repeat > total) throw zlibError('invalid bit length repeat');
    if (value === 0) {
      for (const stop = have + repeat; have < stop; have++) lengths[have] = 0;
    } else {
      for (const stop = have + repeat; have < stop; have++) {
        const isDist = (nlen - 1 - have) >>> 31;
        const b = (isDist << 4) + value;
        symbols[b * bucket + count[b]!++] = have - isDist * nlen;
        lengths[have] = value;
      }
    }
  }
  s.pos = pos;
  s.bitBuf = bitBuf;
  s.bitCnt = bitCnt;

  if (lengths[256] === 0) throw zlibError('invalid code -- missing end-of-block');
  if (!lit.build(tally, 0, LIT_INFO, true, LIT_NO_CODE)) {
    throw zlibError('invalid literal/lengths set');
  }
  if (!dist.build(tally, 16, DIST_INFO, true, DIST_NO_CODE)) {
    throw zlibError('invalid distances set');
  }
  return tables;
}
