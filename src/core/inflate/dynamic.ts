/**
 * @module core/inflate/dynamic — reads a dynamic block's header (RFC 1951 section 3.2.7) into the
 * reusable literal/length and distance tables.
 *
 * Validation follows zlib's inflate.c so that this decoder accepts exactly the streams zlib
 * accepts: HLIT <= 286 and HDIST <= 30, no repeat of a previous length at the start, no
 * repeat running past the declared lengths, an end-of-block code must exist, and each code
 * set must be neither over-subscribed nor incomplete (see {@link HuffmanTable.build}).
 */

import { CODE_LENGTH_ORDER } from './constants.ts';
import { truncated, zlibError } from './fail.ts';
import { HuffmanTable } from './huffman.ts';
import type { InflateState } from './state.ts';

/** Tables a dynamic block decodes with; the same objects every time. */
export interface DynamicTables {
  readonly lit: HuffmanTable;
  readonly dist: HuffmanTable;
}

// Preallocated once: 9 fast bits cover nearly every literal/length code in a token, 7 cover
// distance codes of small outputs, and 7 bits cover every code-length code (max length 7).
const lit = new HuffmanTable(9, 288);
const dist = new HuffmanTable(7, 32);
const codeLengthTable = new HuffmanTable(7, 19);
const codeLengthLengths = new Uint8Array(19);
const lengths = new Uint8Array(286 + 30);
const tables: DynamicTables = { lit, dist };

/** Reads the header following BTYPE=2 and returns the rebuilt tables. */
export function readDynamicTables(s: InflateState): DynamicTables {
  const nlen = s.bits(5) + 257;
  const ndist = s.bits(5) + 1;
  const ncode = s.bits(4) + 4;
  if (nlen > 286 || ndist > 30) throw zlibError('too many length or distance symbols');

  codeLengthLengths.fill(0);
  for (let i = 0; i < ncode; i++) codeLengthLengths[CODE_LENGTH_ORDER[i]!] = s.bits(3);
  if (!codeLengthTable.build(codeLengthLengths, 0, 19, false)) {
    throw zlibError('invalid code lengths set');
  }

  const total = nlen + ndist;
  const fast = codeLengthTable.fast;
  let have = 0;
  while (have < total) {
    // Every code-length code is <= 7 bits, so the fast table alone decodes it; a zero entry
    // can only mean the table is empty (all code-length lengths zero).
    if (s.bitCnt < 7) s.fill();
    const entry = fast[s.bitBuf & 127]!;
    if (entry === 0) throw zlibError('invalid code lengths set');
    const len = entry & 15;
    if (len > s.bitCnt) throw truncated();
    s.bitBuf >>>= len;
    s.bitCnt -= len;
    const sym = entry >>> 4;
    if (sym < 16) {
      lengths[have++] = sym;
      continue;
    }
    let value = 0;
    let repeat: number;
    if (sym === 16) {
      if (have === 0) throw zlibError('invalid bit length repeat');
      value = lengths[have - 1]!;
      repeat = 3 + s.bits(2);
    } else if (sym === 17) {
      repeat = 3 + s.bits(3);
    } else {
      repeat = 11 + s.bits(7);
    }
    if (have + repeat > total) throw zlibError('invalid bit length repeat');
    lengths.fill(value, have, have + repeat);
    have += repeat;
  }

  if (lengths[256] === 0) throw zlibError('invalid code -- missing end-of-block');
  if (!lit.build(lengths, 0, nlen, true)) throw zlibError('invalid literal/lengths set');
  if (!dist.build(lengths, nlen, ndist, true)) throw zlibError('invalid distances set');
  return tables;
}
