/** @module core/deflate/huffman — zlib-exact Huffman tree construction (build_tree, gen_bitlen, gen_codes). */
import { HEAP_SIZE, MAX_BITS, REVERSED_BYTE } from './tables.ts';

/**
 * Static description of one alphabet. `staticLen` is the fixed-Huffman length table used to price
 * the block as a fixed block (null for the code-length alphabet, which has no fixed form).
 */
export interface TreeSpec {
  readonly elems: number;
  readonly maxLength: number;
  readonly extraBits: Uint8Array;
  readonly extraBase: number;
  readonly staticLen: Uint16Array | null;
}

/**
 * One dynamic tree. zlib overlays Freq/Code and Dad/Len in a union; here they are separate arrays,
 * which is equivalent because no field is read after its union partner has been written.
 * Arrays are sized 2*elems+1 so internal nodes fit.
 *
 * Small blocks use few of the 286 literal/length symbols, so whoever increments `freq` also sets
 * the symbol's bit in `used`; buildTree turns that into the ascending list `syms`, and every later
 * pass (codes, header run-lengths) walks only that list instead of the whole alphabet.
 */
export class Tree {
  readonly spec: TreeSpec;
  readonly freq: Uint16Array;
  readonly len: Uint16Array;
  readonly code: Uint16Array;
  readonly dad: Uint16Array;
  /** Bitmap of symbols with non-zero frequency, maintained by the code that counts them. */
  readonly used: Int32Array;
  /** Symbols with non-zero frequency in ascending order (incl. fake nodes), valid after buildTree. */
  readonly syms: Uint16Array;
  count = 0;
  /** Largest symbol with non-zero frequency (after build_tree's fake-node padding). */
  maxCode = 0;
  /** Number of codes of each bit length; kept per tree so codes can be assigned after the block-type decision. */
  readonly blCount = new Uint16Array(MAX_BITS + 1);

  constructor(spec: TreeSpec) {
    const size = 2 * spec.elems + 1;
    this.spec = spec;
    this.freq = new Uint16Array(size);
    this.len = new Uint16Array(size);
    this.code = new Uint16Array(size);
    this.dad = new Uint16Array(size);
    this.used = new Int32Array((spec.elems + 31) >>> 5);
    this.syms = new Uint16Array(spec.elems + 2);
  }

  /**
   * Start a new block. Only symbols listed by the last buildTree can have non-zero frequency, so
   * clearing those is enough; `full` wipes everything (first use, or after an aborted call).
   */
  clear(full: boolean): void {
    const { freq, used, syms } = this;
    if (full) {
      freq.fill(0);
    } else {
      for (let i = 0; i < this.count; i++) freq[syms[i]!] = 0;
    }
    for (let w = 0; w < used.length; w++) used[w] = 0;
    this.count = 0;
  }
}

/**
 * Bit cost of the current block as a dynamic block (opt) and as a fixed block (stat), accumulated
 * exactly like zlib's opt_len/static_len, including its temporary decrements for fake nodes.
 */
export const cost = { opt: 0, stat: 0 };

const nextCode = /* @__PURE__ */ new Uint16Array(MAX_BITS + 1);
/**
 * heap[1..heapLen] is the priority queue, holding packed entries freq << 16 | depth << 10 | node.
 * zlib's `smaller(n, m)` is freq[n] < freq[m] || (freq[n] == freq[m] && depth[n] <= depth[m]), which is
 * exactly (entry_n >> 10) <= (entry_m >> 10): one compare, no indirection. It fits an int32 because a
 * block holds at most 16383 symbols (+ END_BLOCK + 2 fake nodes), so every freq < 2^15, and a Huffman
 * tree of total weight < 2^15 is at most ~20 levels deep, so depth < 2^6.
 * heap[heapMax..HEAP_SIZE-1] records plain node numbers in merge order, as in zlib.
 */
const heapBuf = /* @__PURE__ */ new Int32Array(HEAP_SIZE);

/*
 * V8 reloads and re-checks module-level bindings on every access, so the heap array is passed
 * around as a parameter and constants are spelled out in the hot loops.
 */

/** Sift heap[k] down within heap[1..heapLen]; port of zlib's pqdownheap (right child wins ties, as in zlib). */
function pqdownheap(heap: Int32Array, k: number, heapLen: number): void {
  const v = heap[k]!;
  const kv = v >> 10;
  let j = k << 1;
  while (j <= heapLen) {
    let hj = heap[j]!;
    if (j < heapLen) {
      const h1 = heap[j + 1]!;
      if (h1 >> 10 <= hj >> 10) {
        j++;
        hj = h1;
      }
    }
    if (kv <= hj >> 10) break;
    heap[k] = hj;
    k = j;
    j <<= 1;
  }
  heap[k] = v;
}

/**
 * Build the Huffman tree for `t`'s current frequencies: set code lengths and add to `cost`.
 * Codes themselves are assigned by genCodes, only once a dynamic block has actually been chosen.
 */
export function buildTree(t: Tree): void {
  const { freq, dad, used, syms } = t;
  const { elems, staticLen } = t.spec;
  const heap = heapBuf;
  let heapMax = 573; // HEAP_SIZE
  // Lengths of unused symbols are left stale: every later pass visits only `syms`.

  // Leaves enter the heap in ascending symbol order, as zlib's scan over 0..elems-1 does.
  let count = 0;
  for (let w = 0; w < used.length; w++) {
    let bits = used[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      const n = (w << 5) + 31 - Math.clz32(low);
      syms[count++] = n;
      heap[count] = (freq[n]! << 16) | n;
      bits ^= low;
    }
  }
  let heapLen = count;
  let maxCode = count > 0 ? syms[count - 1]! : -1;
  // DEFLATE needs at least two codes; zlib pads with symbols 0/1/2 of frequency 1 and discounts them.
  while (heapLen < 2) {
    const node = maxCode < 2 ? ++maxCode : 0;
    heap[++heapLen] = (1 << 16) | node;
    freq[node] = 1;
    if (node === maxCode) {
      syms[count++] = node;
    } else {
      syms.copyWithin(1, 0, count++);
      syms[0] = node;
    }
    cost.opt--;
    if (staticLen !== null) cost.stat -= staticLen[node]!;
  }
  t.maxCode = maxCode;
  t.count = count;

  for (let k = heapLen >> 1; k >= 1; k--) pqdownheap(heap, k, heapLen);

  // Repeatedly merge the two least frequent nodes. Internal nodes' frequencies live only in the
  // packed heap entries: zlib stores them in the tree but never reads them back.
  let node = elems;
  do {
    const pn = heap[1]!;
    heap[1] = heap[heapLen--]!;
    pqdownheap(heap, 1, heapLen);
    const pm = heap[1]!;
    const n = pn & 0x3ff;
    const m = pm & 0x3ff;
    heap[--heapMax] = n;
    heap[--heapMax] = m;
    const dn = (pn >>> 10) & 0x3f;
    const dm = (pm >>> 10) & 0x3f;
    const f = (pn >>> 16) + (pm >>> 16);
    dad[n] = dad[m] = node;
    heap[1] = (f << 16) | (((dn >= dm ? dn : dm) + 1) << 10) | node;
    node++;
    pqdownheap(heap, 1, heapLen);
  } while (heapLen >= 2);
  heap[--heapMax] = heap[1]! & 0x3ff;

  genBitlen(t, heap, heapMax);
}

/** Assign bit lengths from the tree shape, clamp to maxLength with zlib's overflow repair, accumulate costs. */
function genBitlen(t: Tree, heap: Int32Array, heapMax: number): void {
  const { freq, len, dad, blCount, syms, count } = t;
  const { maxLength, extraBits, extraBase, staticLen } = t.spec;

  // Depth of every node, root first. zlib counts clamped internal nodes in `overflow` too.
  let overflow = 0;
  len[heap[heapMax]!] = 0; // root
  let h = heapMax + 1;
  for (; h < 573; h++) { // HEAP_SIZE
    const n = heap[h]!;
    let bits = len[dad[n]!]! + 1;
    if (bits > maxLength) {
      bits = maxLength;
      overflow++;
    }
    len[n] = bits;
  }

  // Per-leaf statistics in a separate pass over the (sorted) leaves: avoids a leaf/internal branch
  // per node above, and the sums do not depend on visiting order.
  for (let bits = 0; bits <= 15; bits++) blCount[bits] = 0; // MAX_BITS
  let opt = 0;
  let stat = 0;
  for (let i = 0; i < count; i++) {
    const n = syms[i]!;
    const bits = len[n]!;
    blCount[bits]!++;
    const xbits = n >= extraBase ? extraBits[n - extraBase]! : 0;
    const f = freq[n]!;
    opt += f * (bits + xbits);
    if (staticLen !== null) stat += f * (staticLen[n]! + xbits);
  }
  cost.opt += opt;
  cost.stat += stat;
  if (overflow === 0) return;

  // Move overflowed leaves down the tree: take a leaf from the deepest non-full level, pair it up.
  do {
    let bits = maxLength - 1;
    while (blCount[bits] === 0) bits--;
    blCount[bits]!--;
    blCount[bits + 1]! += 2;
    blCount[maxLength]!--;
    overflow -= 2;
  } while (overflow > 0);

  // Reassign lengths to leaves in merge order (least frequent first), as zlib does.
  for (let bits = maxLength; bits !== 0; bits--) {
    let n = blCount[bits]!;
    while (n !== 0) {
      const m = heap[--h]!;
      if (m > t.maxCode) continue; // internal node
      if (len[m] !== bits) {
        cost.opt += (bits - len[m]!) * freq[m]!;
        len[m] = bits;
      }
      n--;
    }
  }
}

/** Canonical code assignment from bit lengths (zlib gen_codes); codes are stored bit-reversed. */
export function genCodes(t: Tree): void {
  const { len, code, syms, count, blCount } = t;
  const next = nextCode;
  const rev = REVERSED_BYTE;
  let c = 0;
  for (let bits = 1; bits <= 15; bits++) { // MAX_BITS
    c = (c + blCount[bits - 1]!) << 1;
    next[bits] = c;
  }
  // Ascending symbol order, as in zlib's loop over 0..max_code (zero-length symbols get no code).
  for (let i = 0; i < count; i++) {
    const n = syms[i]!;
    const l = len[n]!;
    const v = next[l]!;
    next[l] = v + 1;
    code[n] = ((rev[v & 0xff]! << 8) | rev[v >>> 8]!) >>> (16 - l); // bit-reversed, LSB-first writer
  }
}
