/** @module core/inflate/fixed — the fixed Huffman tables of RFC 1951 3.2.6, built once on first use. */

// Most small tokens are a single fixed-code block, so this is the common path: after the first
// call it costs nothing.

import { DIST_INFO, DIST_NO_CODE, LIT_INFO, LIT_NO_CODE } from './constants.ts';
import { HuffmanTable } from './huffman.ts';
import { LengthTally } from './tally.ts';

/** Literal/length and distance tables for block type 1. */
export interface FixedTables {
  readonly lit: HuffmanTable;
  readonly dist: HuffmanTable;
}

let fixed: FixedTables | undefined;

/** The fixed tables, building them on the first call. */
export function fixedTables(): FixedTables {
  return fixed ?? (fixed = buildFixed());
}

function buildFixed(): FixedTables {
  // 288 literal/length codes (286 and 287 exist in the code but are invalid to use) and 32
  // five-bit distance codes (30 and 31 likewise). Both sets are complete and no code is
  // longer than the root, so there are no sub-tables and build cannot fail.
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144);
  lengths.fill(9, 144, 256);
  lengths.fill(7, 256, 280);
  lengths.fill(8, 280, 288);
  const tally = new LengthTally();
  const lit = new HuffmanTable(9, 1 << 9);
  lit.build(tally.fill(0, lengths, 0, 288), 0, LIT_INFO, false, LIT_NO_CODE);
  const dist = new HuffmanTable(5, 1 << 5);
  dist.build(tally.fill(0, lengths.fill(5, 0, 32), 0, 32), 0, DIST_INFO, false, DIST_NO_CODE);
  return { lit, dist };
}
