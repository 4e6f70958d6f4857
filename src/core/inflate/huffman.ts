/** @module core/inflate/huffman — canonical Huffman decode tables with zlib's acceptance rules. */

// Tables are preallocated once and rebuilt in place per block, so a dynamic block allocates
// nothing. Layout follows zlib's inftrees.c: a root table indexed by the next `rootBits` input
// bits answers every code that short in one lookup; a root entry whose prefix starts longer
// codes links to a sub-table indexed by the following bits, sized by the longest code under
// that prefix (the sizes zlib picks, so zlib's worst-case bounds apply). Entries are int32:
//
//   bits 0-3   code length in bits (a link: the sub-table's index width)
//   bits 4-7   op, chosen by the alphabet's `info` array (OP_LINK for a link)
//   bits 8-31  value from `info` (literal byte, base length/distance, symbol) or sub-table offset
//
// Pre-decoding base and extra-bit counts into the entry saves the hot loop two lookups per
// match. For a token's dynamic block the build is a large share of the whole decode, so it
// walks codes in canonical order from per-length buckets (tally.ts, no sort pass) and fills by
// doubling: each code writes its one slot in a table as wide as its length, then the table is
// copied onto its upper half. Replicating every short code into its 2^(root-len) slots one
// by one instead took about twice as long (loop overhead per slot).

import { MAX_CODE_BITS } from './constants.ts';
import { BUCKET_SIZE, type LengthTally } from './tally.ts';

/** Op marking a root entry that links to a sub-table. */
export const OP_LINK = 15;

/** A reusable decode table; `entries[0 .. 1 << rootBits)` is the root. */
export class HuffmanTable {
  readonly entries: Int32Array;
  readonly rootBits: number;

  /**
   * `size` must cover the root plus the largest possible set of sub-tables for the alphabet
   * (worst cases in dynamic.ts); build also refuses to write past it.
   */
  constructor(rootBits: number, size: number) {
    this.rootBits = rootBits;
    this.entries = new Int32Array(size);
  }

  /**
   * Rebuilds the table from the code lengths tallied in `tally` at `first` (see
   * {@link LengthTally}); `info[sym]` is the entry payload (value << 8 | op << 4) of each
   * symbol, and `noCode` the entry for bit patterns that start no code (an alphabet's
   * invalid-symbol op with length 1, so the hot loop rejects them through its op check).
   *
   * Returns false where zlib's inflate_table fails: an over-subscribed set, or an incomplete
   * one unless `allowSingle` and the longest code is 1 bit (zlib's one-code exception for the
   * literal/length and distance tables; never for the code-length code). All lengths zero is
   * accepted, as zlib does: decoding anything from such a table then finds no code.
   */
  build(
    tally: LengthTally,
    first: number,
    info: Int32Array,
    allowSingle: boolean,
    noCode: number,
  ): boolean {
    const count = tally.count;
    let max = MAX_CODE_BITS;
    while (max > 0 && count[first + max] === 0) max--;

    // Kraft check (as zlib: over-subscribed always fails) and canonical first code per length.
    const next = NEXT_CODE;
    let left = 1;
    let code = 0;
    let prev = 0;
    for (let len = 1; len <= MAX_CODE_BITS; len++) {
      const c = count[first + len]!;
      left = (left << 1) - c;
      if (left < 0) return false;
      code = (code + prev) << 1;
      next[len] = code;
      prev = c;
    }

    const entries = this.entries;
    const root = this.rootBits;
    const rootSize = 1 << root;
    if (left > 0) {
      // Empty, or (if allowed) a single 1-bit code: the unused half of the root must read as
      // `noCode`. A complete set writes every root entry below, so needs no clearing.
      if (max > 1 || (max === 1 && !allowSingle)) return false;
      entries.fill(noCode, 0, rootSize);
      if (max === 0) return true;
    }

    // Grow the root one bit at a time: doubling the table copies every shorter code to the
    // indices that also end in its bits, then each code of the new length takes its one slot.
    // Slots no code reaches are overwritten (complete set) or hold `noCode` (filled above).
    const symbols = tally.symbols;
    for (let len = 1; len <= root; len++) {
      doubleUpTo(entries, 0, len - 1, len);
      if (len > max) continue;
      const n = count[first + len]!;
      const at = (first + len) * BUCKET_SIZE;
      let c = next[len]!;
      for (let k = 0; k < n; k++) entries[reverse(c++, len)] = info[symbols[at + k]!]! | len;
    }
    return max > root ? this.#fillSubTables(tally, first, info, max) : true;
  }

  /**
   * Codes longer than the root, in canonical order, so the codes under one root prefix are
   * consecutive and shortest first. Each prefix gets a sub-table sized as zlib sizes it
   * (widened until the codes still to place fill it: the longest code under the prefix), and
   * is filled by the same doubling as the root.
   */
  #fillSubTables(tally: LengthTally, first: number, info: Int32Array, max: number): boolean {
    const count = tally.count;
    const symbols = tally.symbols;
    const entries = this.entries;
    const root = this.rootBits;
    const mask = (1 << root) - 1;
    const next = NEXT_CODE;
    const remaining = REMAINING;
    for (let len = root + 1; len <= max; len++) remaining[len] = count[first + len]!;

    let prefix = -1;
    let base = 0; // current sub-table's offset
    let bits = 0; // its full index width
    let width = 0; // width filled so far
    let free = 1 << root;
    for (let len = root + 1; len <= max; len++) {
      const n = count[first + len]!;
      const at = (first + len) * BUCKET_SIZE;
      let c = next[len]!;
      for (let k = 0; k < n; k++) {
        const r = reverse(c++, len);
        if ((r & mask) !== prefix) {
          doubleUpTo(entries, base, width, bits); // finish the previous sub-table
          bits = len - root;
          let room = 1 << bits;
          while (bits + root < max) {
            room -= remaining[bits + root]!;
            if (room <= 0) break;
            bits++;
            room <<= 1;
          }
          if (free + (1 << bits) > entries.length) return false; // unreachable with the sizes in dynamic.ts
          prefix = r & mask;
          base = free;
          free += 1 << bits;
          width = len - root;
          entries[prefix] = (base << 8) | (OP_LINK << 4) | bits;
        } else if (width < len - root) {
          doubleUpTo(entries, base, width, len - root);
          width = len - root;
        }
        entries[base + (r >>> root)] = info[symbols[at + k]!]! | len;
        remaining[len]!--;
      }
    }
    doubleUpTo(entries, base, width, bits);
    return true;
  }
}

/** Doubles the table at `base` from `2^from` to `2^to` entries, copying the filled part up. */
function doubleUpTo(entries: Int32Array, base: number, from: number, to: number): void {
  for (let w = from; w < to; w++) {
    const half = 1 << w;
    if (half < 32) for (let j = 0; j < half; j++) entries[base + half + j] = entries[base + j]!;
    else entries.copyWithin(base + half, base, base + half);
  }
}

/** `code`'s low `len` bits in reverse order (deflate sends codes MSB first, LSB-first packed). */
function reverse(code: number, len: number): number {
  return ((REV8[code & 255]! << 8) | REV8[code >>> 8]!) >>> (16 - len);
}

const REV8 = /* @__PURE__ */ (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let r = 0;
    for (let b = 0; b < 8; b++) r |= ((i >>> b) & 1) << (7 - b);
    t[i] = r;
  }
  return t;
})();

// Scratch shared by every build (builds never overlap).
const NEXT_CODE = /* @__PURE__ */ new Int32Array(16); // MAX_CODE_BITS + 1
const REMAINING = /* @__PURE__ */ new Uint16Array(16); // MAX_CODE_BITS + 1
