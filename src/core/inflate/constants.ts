/** @module core/inflate/constants — RFC 1951 length/distance base and extra-bit tables (section 3.2.5). */

/** Base match length for length symbols 257..285 (index = symbol - 257). */
export const LENGTH_BASE = /* @__PURE__ */ Uint16Array.of(
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
);

/** Extra bits after length symbols 257..285. */
export const LENGTH_EXTRA = /* @__PURE__ */ Uint8Array.of(
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
);

/** Base distance for distance symbols 0..29. */
export const DIST_BASE = /* @__PURE__ */ Uint16Array.of(
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
);

/** Extra bits after distance symbols 0..29. */
export const DIST_EXTRA = /* @__PURE__ */ Uint8Array.of(
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
);

/** Order in which a dynamic block sends the code-length code lengths. */
export const CODE_LENGTH_ORDER = /* @__PURE__ */ Uint8Array.of(
  16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
);

/** Longest Huffman code deflate allows. */
export const MAX_CODE_BITS = 15;
