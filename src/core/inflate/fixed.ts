/**
 * @module core/inflate/fixed — the fixed Huffman tables of RFC 1951 section 3.2.6, built once on
 * first use (most small tokens are a single fixed-code block, so this is the common path).
 */

import { HuffmanTable } from './huffman.ts';

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
  // five-bit distance codes (30 and 31 likewise); both sets are complete, so build cannot fail.
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144);
  lengths.fill(9, 144, 256);
  lengths.fill(7, 256, 280);
  lengths.fill(8, 280, 288);
  const lit = new HuffmanTable(9, 288);
  lit.build(lengths, 0, 288, false);
  const dist = new HuffmanTable(5, 32);
  dist.build(lengths.fill(5, 0, 32), 0, 32, false);
  return { lit, dist };
}
