/** @module core/deflate/tables — DEFLATE code arithmetic and zlib's fixed Huffman tables (trees.c), computed once at load. */

/*
 * Alphabets: 286 literal/length symbols (literals 0..255, END_BLOCK 256, length codes 257..285;
 * 286/287 never occur), 30 distance codes, 19 code-length codes. The deflate modules spell these
 * numbers out: V8 reloads module constants on every use in hot code (see huffman.ts).
 */

/*
 * zlib looks length and distance codes up in tables (_length_code, _dist_code, base_length,
 * base_dist, extra_lbits, extra_dbits). The same values follow from RFC 1951 §3.2.5 in closed form,
 * which costs a few shifts instead of ~1 KB of tables: a length code with t extra bits covers
 * 4 consecutive ranges of 2^t values, a distance code with t extra bits 2 ranges of 2^t, and every
 * range starts at a multiple of its size, so the extra-bit value is just the low t bits.
 */

/** Length code (0..28) of lc = match length - 3 (zlib _length_code). lc 255 (length 258) has its own code. */
export function lengthCode(lc: number): number {
  if (lc < 8) return lc;
  if (lc === 255) return 28;
  const t = 29 - Math.clz32(lc);
  return ((t + 1) << 2) + ((lc >> t) & 3);
}

/** Extra bits of length code `code` (zlib extra_lbits). */
export function lengthExtra(code: number): number {
  return code < 8 || code === 28 ? 0 : (code >> 2) - 1;
}

/** Distance code (0..29) of d = distance - 1 (zlib d_code). */
export function distCode(d: number): number {
  if (d < 4) return d;
  const t = 30 - Math.clz32(d);
  return ((t + 1) << 1) + ((d >> t) & 1);
}

/** Extra bits of distance code `code` (zlib extra_dbits). */
export function distExtra(code: number): number {
  return code < 4 ? 0 : (code >> 1) - 1;
}

/** Order in which code-length code lengths are transmitted (RFC 1951 §3.2.7). */
export const BL_ORDER: Uint8Array<ArrayBuffer> = /* @__PURE__ */ Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15);

/** Bit-reversed bytes: gen_codes reverses a code with two lookups instead of a per-bit loop. */
export const REVERSED_BYTE: Uint8Array<ArrayBuffer> = /* @__PURE__ */ (() => {
  const t = new Uint8Array(256);
  for (let i = 1; i < 256; i++) t[i] = (t[i >> 1]! >> 1) | ((i & 1) << 7);
  return t;
})();

/**
 * Fixed literal/length code lengths (RFC 1951 §3.2.6; zlib static_ltree), for all 288 symbols: the
 * fixed codes are the canonical codes for these lengths (distances: all 5 bits), so blockCoder
 * makes them with gen_codes, and the unused 286/287 still count there.
 */
export const STATIC_LLEN: Uint8Array<ArrayBuffer> = /* @__PURE__ */ (() => {
  const t = new Uint8Array(288);
  for (let n = 0; n < 288; n++) t[n] = n < 144 ? 8 : n < 256 ? 9 : n < 280 ? 7 : 8;
  return t;
})();
