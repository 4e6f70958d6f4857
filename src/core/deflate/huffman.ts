/** @module core/deflate/huffman — zlib-exact Huffman code lengths (build_tree, pqdownheap, gen_bitlen) and codes (gen_codes). */
import { REVERSED_BYTE } from './tables.ts';

/**
 * zlib build_tree + gen_bitlen for the symbols flagged in the bitmap `used` (words of 32 symbols):
 * sets len[s] for each of them and returns how many there are, listed ascending in `syms` (with
 * zlib's fake nodes). Internal nodes are numbered from `elems` up, as in zlib, and their depths
 * land in len[elems..2 * elems], so `len` needs 2 * elems + 1 entries; only the used symbols'
 * entries below `elems` are meaningful afterwards.
 */
export type BuildTree = (freq: Uint16Array, used: Int32Array, elems: number, maxLength: number, len: Uint8Array, syms: Uint16Array) => number;
/** zlib gen_codes: canonical codes for the `count` symbols in `syms`, bit-reversed for the LSB-first writer. */
export type GenCodes = (len: Uint8Array, syms: Uint16Array, count: number, code: Uint16Array) => void;

/**
 * Make the tree builder. Its scratch arrays live in this closure rather than at module level:
 * bundlers (tsup/esbuild included) turn module constants into top-level `var`s of an ES module,
 * and V8 (Node 20) ran this code ~30-40% slower reading its typed arrays from those than from
 * closure variables (same code, measured both ways); the other deflate modules do the same.
 */
export function huffmanCoder(): [BuildTree, GenCodes] {
  /**
   * heap[1..heapLen] is the priority queue, holding packed entries freq << 16 | depth << 10 | node.
   * zlib's `smaller(n, m)` is freq[n] < freq[m] || (freq[n] == freq[m] && depth[n] <= depth[m]),
   * which is exactly (entry_n >> 10) <= (entry_m >> 10): one compare, no indirection. It fits an
   * int32: a block holds at most 16383 symbols (+ END_BLOCK + 2 fake nodes), so every freq < 2^15,
   * a tree of total weight < 2^15 is at most ~20 levels deep (depth < 2^6), and nodes number < 2^10.
   * Every slot past heapLen holds EMPTY, larger than any entry, so a sift never checks for missing
   * children: an EMPTY right child never wins, and an EMPTY left child ends the sift.
   */
  const EMPTY = 0x7fffffff;
  const heap = new Int32Array(2 * 286 + 2).fill(EMPTY);
  /** Nodes in zlib's merge order: records[heapMax..572] is zlib's heap[heap_max..HEAP_SIZE-1]. */
  const records = new Uint16Array(573);
  /** Parent of every node of the tree being built (zlib's Dad). */
  const dad = new Uint16Array(573);
  /** Codes per bit length (zlib bl_count), then the next code per length (gen_codes' next_code). */
  const counts = new Uint16Array(16);
  const rev = REVERSED_BYTE;

  /** Sift heap[k] down (zlib pqdownheap: the right child wins ties, and so does the sifted entry). */
  function pqdownheap(k: number): void {
    const hp = heap;
    const v = hp[k]!;
    // x >> 10 <= y >> 10 is x <= (y | 0x3ff) for these non-negative entries: one op, not two.
    for (let j = k << 1; ; j <<= 1) {
      let child = hp[j]!;
      const right = hp[j + 1]!;
      if (right <= (child | 0x3ff)) (child = right), j++;
      if (v <= (child | 0x3ff)) break;
      hp[k] = child;
      k = j;
    }
    hp[k] = v;
  }

  /*
   * Costs are the caller's business: zlib's running opt_len ends up as the sum of freq * final length
   * over the real symbols, and the fake nodes (frequency 1 in the heap, 0 in `freq`) add nothing
   * there, exactly as zlib's opt_len-- / static_len -= cancel their terms.
   */
  function buildTree(freq: Uint16Array, used: Int32Array, elems: number, maxLength: number, len: Uint8Array, syms: Uint16Array): number {
    const hp = heap;
    const parent = dad;
    // Leaves enter the heap in ascending symbol order, as zlib's scan over 0..elems-1 does.
    let count = 0;
    for (let w = 0; w < used.length; w++) {
      for (let bits = used[w]!; bits !== 0; bits &= bits - 1) {
        const s = (w << 5) + 31 - Math.clz32(bits & -bits);
        syms[count++] = s;
        hp[count] = (freq[s]! << 16) | s;
      }
    }
    // DEFLATE needs at least two codes: zlib appends symbols 0/1/2 with frequency 1 ("fake" nodes).
    let heapLen = count;
    let maxCode = count > 0 ? syms[count - 1]! : -1;
    while (heapLen < 2) {
      const s = maxCode < 2 ? ++maxCode : 0;
      hp[++heapLen] = (1 << 16) | s;
      if (s === 0 && count === 1) syms[1] = syms[0]!; // keep `syms` ascending
      syms[s === 0 ? 0 : count] = s;
      count++;
    }
    for (let k = heapLen >> 1; k >= 1; k--) pqdownheap(k);

    // Repeatedly merge the two least frequent nodes. Internal nodes' frequencies live only in the
    // packed heap entries: zlib stores them in the tree but never reads them back.
    const rec = records;
    let heapMax = 573;
    let node = elems | 0; // int32 for V8 (a bare parameter plus increments became a double)
    do {
      const a = hp[1]!;
      hp[1] = hp[heapLen]!;
      hp[heapLen--] = 0x7fffffff; // EMPTY
      pqdownheap(1);
      const b = hp[1]!;
      rec[--heapMax] = a & 0x3ff;
      rec[--heapMax] = b & 0x3ff;
      parent[a & 0x3ff] = parent[b & 0x3ff] = node;
      const depth = (a & 0xfc00) >= (b & 0xfc00) ? a & 0xfc00 : b & 0xfc00;
      hp[1] = (((a >>> 16) + (b >>> 16)) << 16) | (depth + 0x400) | node;
      node = (node + 1) | 0;
      pqdownheap(1);
    } while (heapLen >= 2);
    rec[--heapMax] = hp[1]! & 0x3ff;
    hp[1] = 0x7fffffff; // EMPTY: the heap is all EMPTY again for the next tree

    // gen_bitlen: depth of every node, root first, clamped to maxLength. zlib counts the clamped
    // internal nodes in `overflow` too. Depths go straight into `len` (internal nodes past `elems`),
    // which saves copying the leaves' out of a scratch array.
    const depths = len;
    depths[rec[heapMax]!] = 0;
    let overflow = 0;
    let h = heapMax + 1;
    for (; h < 573; h++) {
      const n = rec[h]!;
      let bits = depths[parent[n]!]! + 1;
      if (bits > maxLength) (bits = maxLength), overflow++;
      depths[n] = bits;
    }
    // The rare overflow repair lives in its own function: written inline here, V8 compiled this
    // whole function slower on ordinary trees that never take it (2.8 vs 1.6 µs per token-sized
    // literal tree measured alone; ~1-3% of a /sync build in A/B, Node 20).
    if (overflow !== 0) repairOverflow(overflow, h, count, maxLength, maxCode, len, syms);
    return count;
  }

  /**
   * gen_bitlen's overflow repair (deep trees, rare): move overflowed leaves down as zlib does, then
   * hand the corrected lengths out again to the leaves in merge order (least frequent first), from
   * records[h - 1] down.
   */
  function repairOverflow(overflow: number, h: number, count: number, maxLength: number, maxCode: number, len: Uint8Array, syms: Uint16Array): void {
    const rec = records;
    counts.fill(0);
    for (let i = 0; i < count; i++) counts[len[syms[i]!]!]!++;
    do {
      let bits = maxLength - 1;
      while (counts[bits] === 0) bits--;
      counts[bits]!--;
      counts[bits + 1]! += 2;
      counts[maxLength]!--;
      overflow -= 2;
    } while (overflow > 0);
    for (let bits = maxLength; bits !== 0; bits--) {
      for (let k = counts[bits]!; k !== 0; ) {
        const m = rec[--h]!;
        if (m > maxCode) continue; // internal node
        len[m] = bits;
        k--;
      }
    }
  }

  function genCodes(len: Uint8Array, syms: Uint16Array, count: number, code: Uint16Array): void {
    const next = counts;
    next.fill(0);
    for (let i = 0; i < count; i++) next[len[syms[i]!]!]!++;
    // next[bits] becomes the first code of that length: (previous first code + previous count) << 1.
    for (let bits = 1, c = 0, prevCount = 0; bits < 16; bits++) {
      c = (c + prevCount) << 1;
      prevCount = next[bits]!;
      next[bits] = c;
    }
    // Ascending symbol order, as zlib's loop over 0..max_code (zero-length symbols get no code).
    for (let i = 0; i < count; i++) {
      const s = syms[i]!;
      const l = len[s]!;
      const c = next[l]!++;
      code[s] = ((rev[c & 0xff]! << 8) | rev[c >> 8]!) >> (16 - l); // reversed (see tables.ts REVERSED_BYTE)
    }
  }

  return [buildTree, genCodes];
}
