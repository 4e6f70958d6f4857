/** @module core/inflate/base64-input — strict base64 text decoded into the inflater's reusable input buffer. */

// A token is "007" + base64(zlib(payload)). Decoding the base64 into a fresh Uint8Array costs
// an off-heap allocation (~0.3 µs on Node 20, as much as the decoding itself for a 200-character
// token); decoding into one reused buffer that the inflater then reads costs nothing extra.
// This accepts exactly the language of core/base64's decodeBase64 (length a multiple of 4, the
// standard alphabet, "=" only as final padding, no stray bits before the padding) and yields the
// same bytes; on anything else it returns -1 and the caller takes the strict path, which also
// explains the error. test/unit/inflate.test.ts checks both agree on mutated tokens.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// byte -> 6-bit value, 255 for "not in the alphabet" (including "=")
const DECODE = /* @__PURE__ */ (() => {
  const table = new Uint8Array(256).fill(255);
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Largest buffers kept between calls (a token is at most 48 K characters). */
const RETAIN_LIMIT = 64 * 1024;

const encoder = /* @__PURE__ */ new TextEncoder();
let chars = /* @__PURE__ */ new Uint8Array(1024);
let retained = /* @__PURE__ */ new Uint8Array(1024);
let current = retained;

/** The buffer the last successful {@link decodeBase64Input} wrote (valid until the next call). */
export function base64Input(): Uint8Array {
  return current;
}

/**
 * Decodes `text` from `start` into the shared input buffer ({@link base64Input}) and returns the
 * byte count, or -1 if the text is not strict standard base64 (or is empty).
 */
export function decodeBase64Input(text: string, start: number): number {
  const end = text.length;
  const len = end - start;
  if (len <= 0 || (len & 3) !== 0) return -1;
  // The characters as bytes in one native call (faster than charCodeAt per character); only
  // all-ASCII text writes exactly one byte per character.
  let c = chars;
  if (end > c.length) {
    c = new Uint8Array(end);
    if (end <= RETAIN_LIMIT) chars = c;
  }
  const done = encoder.encodeInto(text, c);
  if (done.read !== end || done.written !== end) return -1;
  let pad = 0;
  if (c[end - 1] === 61) pad = c[end - 2] === 61 ? 2 : 1;
  const size = (len >> 2) * 3 - pad;
  let out = retained;
  if (size > out.length) {
    out = new Uint8Array(size);
    if (size <= RETAIN_LIMIT) retained = out;
  }
  current = out;
  const table = DECODE;
  const last = end - 4; // the last quad may hold padding: handled below
  let o = 0;
  for (let i = start; i < last; i += 4) {
    const c0 = table[c[i]!]!;
    const c1 = table[c[i + 1]!]!;
    const c2 = table[c[i + 2]!]!;
    const c3 = table[c[i + 3]!]!;
    if ((c0 | c1 | c2 | c3) > 63) return -1; // bad chars (and "=" before the end) map to 255
    const v = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    out[o] = v >> 16;
    out[o + 1] = (v >> 8) & 255;
    out[o + 2] = v & 255;
    o += 3;
  }
  const c0 = table[c[last]!]!;
  const c1 = table[c[last + 1]!]!;
  const c2 = pad === 2 ? 0 : table[c[last + 2]!]!;
  const c3 = pad >= 1 ? 0 : table[c[last + 3]!]!;
  if ((c0 | c1 | c2 | c3) > 63) return -1;
  // Non-canonical encodings (stray bits in the last sextet) are rejected so each token has one spelling.
  if ((pad === 1 && (c2 & 3) !== 0) || (pad === 2 && (c1 & 15) !== 0)) return -1;
  const v = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
  out[o++] = v >> 16;
  if (o < size) out[o++] = (v >> 8) & 255;
  if (o < size) out[o] = v & 255;
  return size;
}
