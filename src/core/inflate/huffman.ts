/**
 * @module core/inflate/huffman — canonical Huffman decode tables with zlib's acceptance rules.
 *
 * Tables are preallocated once and rebuilt in place per block, so a dynamic block allocates
 * nothing. Layout follows zlib's inftrees.c: a root table indexed by the next `rootBits`
 * input bits answers every code that short in one lookup; a root entry whose prefix starts
 * longer codes links to a sub-table indexed by the following bits. Entries are int32:
 *
 *   bits 0-3   code length in bits (a link: the sub-table's index width); 0 = no code here
 *   bits 4-7   op, chosen by the alphabet's `info` array ({@link OP_LINK} for a link)
 *   bits 8-31  value from `info` (literal byte, base length/distance, symbol) or sub-table offset
 *
 * Pre-decoding base and extra-bit counts into the entry saves the hot loop two lookups per match.
 */

import { MAX_CODE_BITS } from './constants.ts';

/** Op marking a root entry that links to a sub-table. */
export const OP_LINK = 15;

/** A reusable decode table; `entries[0 .. 1 << rootBits)` is the root. */
export class HuffmanTable {
  readonly entries: Int32Array;
  readonly rootBits: number;
  readonly rootMask: number;

  /**
   * `size` must cover the root plus the largest possible set of sub-tables for the alphabet
   * (zlib's ENOUGH values; {@link build} also refuses to write past it).
   */
  constructor(rootBits: number, size: number) {
    this.rootBits = rootBits;
    this.rootMask = (1 << rootBits) - 1;
    this.entries = new Int32Array(size);
  }

  /**
   * Rebuilds the table from `n` code lengths at `lengths[start..start+n)`; `info[sym]` is the
   * entry payload (value << 8 | op << 4) of each symbol.
   *
   * Returns false where zlib's inflate_table fails: an over-subscribed set, or an incomplete
   * one unless `allowSingle` and the longest code is 1 bit (zlib's one-code exception for the
   * literal/length and distance tables; never for the code-length code). All lengths zero is
   * accepted, as zlib does: decoding anything from such a table then finds no code.
   */
  build(
    lengths: Uint8Array,
    start: number,
    n: number,
    info: Int32Array,
    allowSingle: boolean,
  ): boolean {
    const count = COUNT;
    count.fill(0);
    for (let i = 0; i < n; i++) count[lengths[start + i]!]!++;
    count[0] = 0;

    let max = MAX_CODE_BITS;
    while (max > 0 && count[max] === 0) max--;
    const entries = this.entries;
    const root = this.rootBits;
    const rootSize = 1 << root;
    entries.fill(0, 0, rootSize);
    if (max === 0) return true;

    let left = 1;
    for (let len = 1; len <= MAX_CODE_BITS; len++) {
      left = (left << 1) - count[len]!;
      if (left < 0) return false; // over-subscribed
    }
    if (left > 0 && !(allowSingle && max === 1)) return false; // incomplete

    // Counting sort of symbols into canonical order (by length, then symbol value).
    const offsets = OFFSETS;
    offsets[1] = 0;
    for (let len = 1; len < MAX_CODE_BITS; len++) offsets[len + 1] = offsets[len]! + count[len]!;
    const sorted = SORTED;
    for (let sym = 0; sym < n; sym++) {
      const len = lengths[start + sym]!;
      if (len !== 0) sorted[offsets[len]!++] = sym;
    }

    // Walk codes in canonical order. `rev` is the current code bit-reversed (deflate sends
    // codes MSB first into an LSB-first stream), advanced with zlib's reversed increment.
    let rev = 0;
    let index = 0;
    let subPrefix = -1; // root index of the sub-table being filled
    let subBase = 0; // its offset in `entries`
    let next = rootSize; // first free slot for the next sub-table
    for (let len = 1; len <= max; len++) {
      for (let k = count[len]!; k > 0; k--) {
        const entry = info[sorted[index++]!]! | len;
        if (len <= root) {
          for (let j = rev; j < rootSize; j += 1 << len) entries[j] = entry;
        } else {
          const prefix = rev & (rootSize - 1);
          if (prefix !== subPrefix) {
            // New sub-table: widen it until the codes still to place under this prefix fill
            // it (zlib's sizing; the set is complete here, so the loop ends by `max`).
            let bits = len - root;
            let room = 1 << bits;
            while (bits + root < max) {
              room -= count[bits + root]!;
              if (room <= 0) break;
              bits++;
              room <<= 1;
            }
            if (next + (1 << bits) > entries.length) return false; // unreachable with ENOUGH sizes
            subPrefix = prefix;
            subBase = next;
            next += 1 << bits;
            entries[prefix] = (subBase << 8) | (OP_LINK << 4) | bits;
          }
          const subSize = 1 << (entries[prefix]! & 15);
          for (let j = rev >>> root; j < subSize; j += 1 << (len - root)) entries[subBase + j] = entry;
        }
        count[len]!--; // remaining codes of this length, for the sub-table sizing above
        let incr = 1 << (len - 1);
        while (rev & incr) incr >>>= 1;
        rev = incr !== 0 ? (rev & (incr - 1)) + incr : 0;
      }
    }
    return true;
  }
}

// Scratch shared by every build (builds never overlap).
const COUNT = new Uint16Array(MAX_CODE_BITS + 1);
const OFFSETS = new Uint16Array(MAX_CODE_BITS + 1);
const SORTED = new Uint16Array(288);
