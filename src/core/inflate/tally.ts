/** @module core/inflate/tally — code lengths sorted into per-length buckets: the input of a table build. */

// A table build walks codes in canonical order (by length, then symbol). Filling buckets while
// the lengths are decoded yields that order without a separate sort pass, which lets the build
// fill its root by doubling, one length at a time (see huffman.ts).

import { MAX_CODE_BITS } from './constants.ts';

/** Most symbols any alphabet has (literal/length: 288 in the fixed code). */
export const BUCKET_SIZE = 288;

/**
 * Two alphabets' worth of buckets: bucket `first + len` (first = 0 or 16) holds, in ascending
 * order, the symbols with code length `len`; `count[first + len]` says how many. Bucket
 * `first + 0` collects unused symbols and is ignored.
 */
export class LengthTally {
  readonly count: Uint16Array<ArrayBuffer> = new Uint16Array(2 * (MAX_CODE_BITS + 1));
  readonly symbols: Uint16Array<ArrayBuffer> = new Uint16Array(2 * (MAX_CODE_BITS + 1) * BUCKET_SIZE);

  /** Empties the buckets of the alphabet starting at `first`. */
  clear(first: number): void {
    const count = this.count;
    for (let len = 0; len <= MAX_CODE_BITS; len++) count[first + len] = 0;
  }

  /** Fills the buckets at `first` from `n` lengths `lengths[start..start+n)`. */
  fill(first: number, lengths: Uint8Array, start: number, n: number): this {
    this.clear(first);
    const count = this.count;
    const symbols = this.symbols;
    for (let sym = 0; sym < n; sym++) {
      const b = first + lengths[start + sym]!;
      symbols[b * BUCKET_SIZE + count[b]!++] = sym;
    }
    return this;
  }
}
