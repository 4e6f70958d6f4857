/** @module core/deflate/tables — DEFLATE constants and zlib's static tables (trees.c), computed once at load. */

/** Number of length codes, not counting the special END_BLOCK code. */
export const LENGTH_CODES = 29;
/** Literal bytes occupy symbols 0..255 of the literal/length alphabet. */
export const LITERALS = 256;
/** Literal/length alphabet size actually used by zlib (286; 286/287 never occur). */
export const L_CODES = LITERALS + 1 + LENGTH_CODES;
export const D_CODES = 30;
export const BL_CODES = 19;
export const END_BLOCK = 256;
export const MAX_BITS = 15;
export const MAX_BL_BITS = 7;
/** zlib sizes every heap for the largest tree, and gen_bitlen walks up to this bound for all three trees. */
export const HEAP_SIZE = 2 * L_CODES + 1;
/** Code-length alphabet: repeat previous length 3-6 times, repeat zero 3-10 times, repeat zero 11-138 times. */
export const REP_3_6 = 16;
export const REPZ_3_10 = 17;
export const REPZ_11_138 = 18;

// Extra-bit counts follow closed forms (RFC 1951 §3.2.5), computed rather than spelled out so the bundle is smaller.
/** Extra bits of each length code: 0 for codes 0-7 and 28, then (code >> 2) - 1. */
export const EXTRA_LBITS = /* @__PURE__ */ (() => {
  const t = new Uint8Array(LENGTH_CODES);
  for (let code = 8; code < LENGTH_CODES - 1; code++) t[code] = (code >> 2) - 1;
  return t;
})();
/** Extra bits of each distance code: 0 for codes 0-3, then (code >> 1) - 1. */
export const EXTRA_DBITS = /* @__PURE__ */ (() => {
  const t = new Uint8Array(D_CODES);
  for (let code = 4; code < D_CODES; code++) t[code] = (code >> 1) - 1;
  return t;
})();
/** Extra bits of the code-length alphabet: only the three repeat codes 16, 17, 18 have any. */
export const EXTRA_BLBITS = /* @__PURE__ */ (() => {
  const t = new Uint8Array(BL_CODES);
  t.set([2, 3, 7], REP_3_6);
  return t;
})();
/** Order in which code-length code lengths are transmitted (RFC 1951 §3.2.7). */
export const BL_ORDER = /* @__PURE__ */ Uint8Array.of(
  16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
);

/** Bit-reversed bytes, so code reversal is two lookups instead of a per-bit loop. */
export const REVERSED_BYTE = /* @__PURE__ */ (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let r = 0;
    for (let b = 0; b < 8; b++) r |= ((i >>> b) & 1) << (7 - b);
    t[i] = r;
  }
  return t;
})();

/** Reverse the low `len` (1..16) bits of `code`: DEFLATE sends Huffman codes MSB-first inside an LSB-first stream. */
export function reverseBits(code: number, len: number): number {
  return ((REVERSED_BYTE[code & 0xff]! << 8) | REVERSED_BYTE[(code >>> 8) & 0xff]!) >>> (16 - len);
}

/** lc (match length - 3, 0..255) -> length code 0..28. */
export const LENGTH_CODE = /* @__PURE__ */ (() => {
  const t = new Uint8Array(256);
  let lc = 0;
  for (let code = 0; code < LENGTH_CODES - 1; code++) {
    for (let n = 0; n < 1 << EXTRA_LBITS[code]!; n++) t[lc++] = code;
  }
  // lc 255 (length 258) could be code 27 + 5 extra bits, but zlib prefers the dedicated last code.
  t[255] = LENGTH_CODES - 1;
  return t;
})();

/** Smallest lc of each length code (code 28 has no extra bits, so its base is never used; zlib keeps 0). */
export const BASE_LENGTH = /* @__PURE__ */ (() => {
  const t = new Uint16Array(LENGTH_CODES);
  for (let code = 0, lc = 0; code < LENGTH_CODES - 1; lc += 1 << EXTRA_LBITS[code]!, code++) t[code] = lc;
  return t;
})();

/** dist-1 -> distance code; entries 0..255 are direct, 256..511 are indexed by (dist-1) >> 7. */
export const DIST_CODE = /* @__PURE__ */ (() => {
  const t = new Uint8Array(512);
  let dist = 0;
  let code = 0;
  for (; code < 16; code++) {
    for (let n = 0; n < 1 << EXTRA_DBITS[code]!; n++) t[dist++] = code;
  }
  dist >>= 7;
  for (; code < D_CODES; code++) {
    for (let n = 0; n < 1 << (EXTRA_DBITS[code]! - 7); n++) t[256 + dist++] = code;
  }
  return t;
})();

/** Smallest (dist-1) of each distance code. */
export const BASE_DIST = /* @__PURE__ */ (() => {
  const t = new Uint16Array(D_CODES);
  for (let code = 0, d = 0; code < D_CODES; d += 1 << EXTRA_DBITS[code]!, code++) t[code] = d;
  return t;
})();

/** Fixed literal/length code lengths (RFC 1951 §3.2.6); 288 entries as in zlib, only 0..285 are coded. */
export const STATIC_LLEN = /* @__PURE__ */ (() => {
  const t = new Uint16Array(288);
  for (let n = 0; n < 288; n++) t[n] = n < 144 ? 8 : n < 256 ? 9 : n < 280 ? 7 : 8;
  return t;
})();

/** Fixed literal/length codes, already bit-reversed for the LSB-first writer. */
export const STATIC_LCODE = /* @__PURE__ */ (() => {
  const t = new Uint16Array(288);
  for (let n = 0; n < 288; n++) {
    const canonical = n < 144 ? 0x30 + n : n < 256 ? 0x190 + n - 144 : n < 280 ? n - 256 : 0xc0 + n - 280;
    t[n] = reverseBits(canonical, STATIC_LLEN[n]!);
  }
  return t;
})();

/** Fixed distance codes: all 5 bits long. Lengths are Uint16Array like dynamic trees so block emission stays monomorphic. */
export const STATIC_DLEN = /* @__PURE__ */ (() => new Uint16Array(D_CODES).fill(5))();
export const STATIC_DCODE = /* @__PURE__ */ (() => {
  const t = new Uint16Array(D_CODES);
  for (let n = 0; n < D_CODES; n++) t[n] = reverseBits(n, 5);
  return t;
})();
