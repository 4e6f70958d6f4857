/** @module core/inflate/blocks — the RFC 1951 block loop: block headers, stored blocks, dispatch to Huffman decoding. */

import { inflateCodes } from './codes.ts';
import { readDynamicTables } from './dynamic.ts';
import { truncated, zlibError } from './fail.ts';
import { inflateFixedCodes } from './fixed-codes.ts';
import { fixedTables } from './fixed.ts';
import { reserveOutput } from './output.ts';
import type { InflateState } from './state.ts';

/** Inflates blocks from the state's cursor through the final block, appending to `s.out`. */
export function inflateBlocks(s: InflateState): void {
  let final: number;
  do {
    final = s.bits(1);
    const type = s.bits(2);
    if (type === 1) {
      const t = fixedTables();
      inflateFixedCodes(s, t.lit, t.dist);
    } else if (type === 2) {
      const t = readDynamicTables(s);
      inflateCodes(s, t.lit, t.dist);
    } else if (type === 0) {
      copyStored(s);
    } else {
      throw zlibError('invalid block type');
    }
  } while (final === 0);
}

/** A stored block: byte-align, LEN and its one's complement NLEN, then LEN raw bytes. */
function copyStored(s: InflateState): void {
  s.alignToByte();
  const data = s.data;
  let pos = s.pos;
  if (s.end - pos < 4) throw truncated();
  const len = data[pos]! | (data[pos + 1]! << 8);
  const nlen = data[pos + 2]! | (data[pos + 3]! << 8);
  if (len !== (~nlen & 0xffff)) throw zlibError('invalid stored block lengths');
  pos += 4;
  // Copy what is there before reporting a short block, so the cap error wins when the
  // present bytes alone already exceed it (as it would for a streaming decoder).
  const avail = s.end - pos;
  const n = len < avail ? len : avail;
  const out = reserveOutput(s, s.outPos, s.outPos + n);
  out.set(data.subarray(pos, pos + n), s.outPos);
  s.outPos += n;
  s.pos = pos + n;
  if (n < len) throw truncated();
}
