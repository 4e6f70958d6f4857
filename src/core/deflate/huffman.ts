/** @module core/deflate/huffman — zlib-exact Huffman tree construction (build_tree, gen_bitlen, gen_codes). */
import { HEAP_SIZE, MAX_BITS, reverseBits } from './tables.ts';

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
 * Arrays are sized 2*elems+1 so internal nodes and the scan_tree guard at maxCode+1 fit.
 */
export class Tree {
  readonly spec: TreeSpec;
  readonly freq: Uint16Array;
  readonly len: Uint16Array;
  readonly code: Uint16Array;
  readonly dad: Uint16Array;
  /** Largest symbol with non-zero frequency (after build_tree's fake-node padding). */
  maxCode = 0;

  constructor(spec: TreeSpec) {
    const size = 2 * spec.elems + 1;
    this.spec = spec;
    this.freq = new Uint16Array(size);
    this.len = new Uint16Array(size);
    this.code = new Uint16Array(size);
    this.dad = new Uint16Array(size);
  }
}

/**
 * Bit cost of the current block as a dynamic block (opt) and as a fixed block (stat), accumulated
 * exactly like zlib's opt_len/static_len, including its temporary decrements for fake nodes.
 */
export const cost = { opt: 0, stat: 0 };

/** Code counts per bit length of the tree built last; gen_codes and the overflow fixup read it. */
const blCount = /* @__PURE__ */ new Uint16Array(MAX_BITS + 1);
const nextCode = /* @__PURE__ */ new Uint16Array(MAX_BITS + 1);
/** heap[1..heapLen] is the priority queue; heap[heapMax..HEAP_SIZE-1] records nodes in merge order. */
const heap = /* @__PURE__ */ new Int32Array(HEAP_SIZE);
/** Subtree depth, the tie-breaker that keeps zlib's trees shallow; uch in zlib. */
const depth = /* @__PURE__ */ new Uint8Array(HEAP_SIZE);
let heapLen = 0;
let heapMax = 0;

/** zlib's `smaller`: by frequency, ties broken by depth. */
function smaller(freq: Uint16Array, n: number, m: number): boolean {
  const fn = freq[n]!;
  const fm = freq[m]!;
  return fn < fm || (fn === fm && depth[n]! <= depth[m]!);
}

/** Sift heap[k] down; exact port of zlib's pqdownheap (the sibling choice order matters for ties). */
function pqdownheap(freq: Uint16Array, k: number): void {
  const v = heap[k]!;
  let j = k << 1;
  while (j <= heapLen) {
    if (j < heapLen && smaller(freq, heap[j + 1]!, heap[j]!)) j++;
    if (smaller(freq, v, heap[j]!)) break;
    heap[k] = heap[j]!;
    k = j;
    j <<= 1;
  }
  heap[k] = v;
}

/** Build the Huffman tree for `t`'s current frequencies, set lengths and codes, and add to `cost`. */
export function buildTree(t: Tree): void {
  const { freq, len, dad } = t;
  const { elems, staticLen } = t.spec;
  let maxCode = -1;
  heapLen = 0;
  heapMax = HEAP_SIZE;

  for (let n = 0; n < elems; n++) {
    if (freq[n] !== 0) {
      heap[++heapLen] = maxCode = n;
      depth[n] = 0;
    } else {
      len[n] = 0;
    }
  }
  // DEFLATE needs at least two codes; zlib pads with symbols 0/1/2 of frequency 1 and discounts them.
  while (heapLen < 2) {
    const node = (heap[++heapLen] = maxCode < 2 ? ++maxCode : 0);
    freq[node] = 1;
    depth[node] = 0;
    cost.opt--;
    if (staticLen !== null) cost.stat -= staticLen[node]!;
  }
  t.maxCode = maxCode;

  for (let n = heapLen >> 1; n >= 1; n--) pqdownheap(freq, n);

  let node = elems;
  do {
    const n = heap[1]!;
    heap[1] = heap[heapLen--]!;
    pqdownheap(freq, 1);
    const m = heap[1]!;
    heap[--heapMax] = n;
    heap[--heapMax] = m;
    freq[node] = freq[n]! + freq[m]!;
    const dn = depth[n]!;
    const dm = depth[m]!;
    depth[node] = (dn >= dm ? dn : dm) + 1;
    dad[n] = dad[m] = node;
    heap[1] = node++;
    pqdownheap(freq, 1);
  } while (heapLen >= 2);
  heap[--heapMax] = heap[1]!;

  genBitlen(t);
  genCodes(t.len, t.code, maxCode);
}

/** Assign bit lengths from the tree shape, clamp to maxLength with zlib's overflow repair, accumulate costs. */
function genBitlen(t: Tree): void {
  const { freq, len, dad, maxCode } = t;
  const { maxLength, extraBits, extraBase, staticLen } = t.spec;
  let overflow = 0;
  blCount.fill(0);

  len[heap[heapMax]!] = 0; // root
  let h = heapMax + 1;
  for (; h < HEAP_SIZE; h++) {
    const n = heap[h]!;
    let bits = len[dad[n]!]! + 1;
    if (bits > maxLength) {
      bits = maxLength;
      overflow++;
    }
    len[n] = bits;
    if (n > maxCode) continue; // internal node
    blCount[bits]!++;
    const xbits = n >= extraBase ? extraBits[n - extraBase]! : 0;
    const f = freq[n]!;
    cost.opt += f * (bits + xbits);
    if (staticLen !== null) cost.stat += f * (staticLen[n]! + xbits);
  }
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
      if (m > maxCode) continue;
      if (len[m] !== bits) {
        cost.opt += (bits - len[m]!) * freq[m]!;
        len[m] = bits;
      }
      n--;
    }
  }
}

/** Canonical code assignment from bit lengths (zlib gen_codes); codes are stored bit-reversed. */
function genCodes(len: Uint16Array, code: Uint16Array, maxCode: number): void {
  let c = 0;
  for (let bits = 1; bits <= MAX_BITS; bits++) {
    c = (c + blCount[bits - 1]!) << 1;
    nextCode[bits] = c;
  }
  for (let n = 0; n <= maxCode; n++) {
    const l = len[n]!;
    if (l === 0) continue;
    code[n] = reverseBits(nextCode[l]!++, l);
  }
}
