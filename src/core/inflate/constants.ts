/** @module core/inflate/constants — RFC 1951 alphabets (section 3.2.5) as decode-table entry payloads. */

// Each `*_INFO[symbol]` is the `value << 8 | op << 4` part of a decode-table entry (see
// huffman.ts), so one table lookup yields what the symbol means: a literal, a base length or
// distance with its extra-bit count, end of block, or a symbol that is defined but invalid.

/** Longest Huffman code deflate allows. */
export const MAX_CODE_BITS = 15;

/** Literal/length ops: a literal byte (value = byte). */
export const LIT_OP_LITERAL = 0;
/** Literal/length ops 1..6: a length (value = base) followed by `op - 1` extra bits. */
export const LIT_OP_LENGTH = 1;
/** Literal/length op: end of block. */
export const LIT_OP_END = 7;
/** Literal/length op: symbols 286 and 287, present in the fixed code but invalid to use. */
export const LIT_OP_INVALID = 8;
/** Distance ops 0..13 are the extra-bit count (value = base); this one marks symbols 30 and 31. */
export const DIST_OP_INVALID = 14;

/*
 * Module-level values below are spelled as literals, here and elsewhere in src/: bundlers
 * (esbuild) keep a top-level `(8 << 4) | 1` or `64 * 1024` in every bundle of an entry whether
 * it is used or not, while an unused literal goes (test/size.test.ts checks that no entry keeps any).
 */
/** Literal/length entry for bit patterns that start no code (only in an incomplete set). */
export const LIT_NO_CODE = 0x81; // (LIT_OP_INVALID << 4) | 1
/** Distance entry for bit patterns that start no code (empty or single-code set). */
export const DIST_NO_CODE = 0xe1; // (DIST_OP_INVALID << 4) | 1
/** Code-length entry for bit patterns that start no code (an empty set); checked as 0. */
export const CODE_LENGTH_NO_CODE = 0;

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
const LENGTH_EXTRA = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];

/** Entry payloads for literal/length symbols 0..287. */
export const LIT_INFO: Int32Array<ArrayBuffer> = /* @__PURE__ */ (() => {
  const info = new Int32Array(288);
  for (let s = 0; s < 256; s++) info[s] = (s << 8) | (LIT_OP_LITERAL << 4);
  info[256] = LIT_OP_END << 4;
  for (let s = 257; s < 286; s++) {
    info[s] = (LENGTH_BASE[s - 257]! << 8) | ((LIT_OP_LENGTH + LENGTH_EXTRA[s - 257]!) << 4);
  }
  info[286] = info[287] = LIT_OP_INVALID << 4;
  return info;
})();

/** Entry payloads for distance symbols 0..31. */
export const DIST_INFO: Int32Array<ArrayBuffer> = /* @__PURE__ */ (() => {
  const info = new Int32Array(32);
  for (let s = 0; s < 30; s++) info[s] = (DIST_BASE[s]! << 8) | (DIST_EXTRA[s]! << 4);
  info[30] = info[31] = DIST_OP_INVALID << 4;
  return info;
})();

/** Entry payloads for code-length symbols 0..18: the symbol itself. */
export const CODE_LENGTH_INFO: Int32Array<ArrayBuffer> = /* @__PURE__ */ (() => {
  const info = new Int32Array(19);
  for (let s = 0; s < 19; s++) info[s] = s << 8;
  return info;
})();

/** Order in which a dynamic block sends the code-length code lengths. */
export const CODE_LENGTH_ORDER: Uint8Array<ArrayBuffer> = /* @__PURE__ */ Uint8Array.of(
  16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
);
