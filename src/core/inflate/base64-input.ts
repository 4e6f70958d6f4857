/** @module core/inflate/base64-input — strict base64 text decoded into the inflater's reusable input buffer. */

// A token is "007" + base64(zlib(payload)). Decoding the base64 into a fresh Uint8Array costs
// an off-heap allocation (~0.3 µs on Node 20, as much as the decoding itself for a 200-character
// token); decoding into one reused buffer that the inflater then reads costs nothing extra.
// This accepts exactly the language of core/base64's decodeBase64 (length a multiple of 4, the
// standard alphabet, "=" only as final padding, no stray bits before the padding) and yields the
// same bytes; on anything else it returns -1 and the caller takes the strict path, which also
// explains the error. test/unit/decode-fast-paths.test.ts checks both agree on mutated tokens.
//
// Speed, measured in instructions per token (valgrind): the characters come out of the string
// in one native TextEncoder.encodeInto call, each quad is read as one little-endian 32-bit word
// and written as one big-endian 32-bit word (DataView, so byte order and alignment do not
// matter), and four pre-shifted lookups ORed together both decode and validate it. The alphabet
// and the final quad's lookup table are core/base64's.

import { ALPHABET, DECODE } from '../base64.ts';
import { textEncoder } from '../text.ts';

// LANES[256k + charCode]: the value of a quad's k-th character already shifted into place in
// the quad's 24 bits, or bit 24 for a character outside the alphabet (including "="). One
// table, not four: the loop then checks and loads one array's fields per quad, not four's.
// Built by a pure call (no module-level property reads), so bundles that never decode drop it.
function lanes(): Int32Array {
  const t = new Int32Array(1024).fill(1 << 24);
  for (let k = 0; k < 4; k++) for (let i = 0; i < 64; i++) t[256 * k + ALPHABET.charCodeAt(i)] = i << (18 - 6 * k);
  return t;
}
const LANES = /* @__PURE__ */ lanes();

/** Largest buffers kept between calls (a token is at most 48 K characters). */
const RETAIN_LIMIT = 65_536; // 64 KiB

// Made on the first call, then reused: the text as bytes, and the decoded bytes.
let chars = /* @__PURE__ */ new Uint8Array(0);
let charsView: DataView | undefined;
let retained = /* @__PURE__ */ new Uint8Array(0);
let retainedView: DataView | undefined;
let current = retained;

/** Whether the runtime's TextEncoder has encodeInto (decided on the first call). */
let hasEncodeInto: boolean | undefined;

/**
 * Writes the `end` characters of `text` into `c` as bytes; false unless all are ASCII (only then is
 * it one byte per character). encodeInto where the runtime has it (the fastest way in V8), else a
 * loop: Jest's jsdom environment has no TextEncoder, and reading a token there must still work.
 */
function asciiInto(text: string, c: Uint8Array, end: number): boolean {
  if ((hasEncodeInto ??= typeof TextEncoder === 'function' && typeof TextEncoder.prototype.encodeInto === 'function')) {
    const done = textEncoder().encodeInto(text, c);
    return done.read === end && done.written === end;
  }
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return false;
    c[i] = code;
  }
  return true;
}

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
  let c = chars;
  let cv = charsView!;
  if (end > c.length) {
    c = new Uint8Array(end < 1024 ? 1024 : end);
    cv = new DataView(c.buffer);
    if (c.length <= RETAIN_LIMIT) (chars = c), (charsView = cv);
  }
  if (!asciiInto(text, c, end)) return -1;
  const last = end - 4; // the last quad may hold padding: handled below
  let pad = 0;
  if (c[last + 3] === 61) pad = c[last + 2] === 61 ? 2 : 1;
  const size = (len >> 2) * 3 - pad;
  let out = retained;
  let ov = retainedView!;
  if (size + 1 > out.length) {
    // + 1: a quad is stored as 4 bytes, the 4th overwritten by the next
    out = new Uint8Array(size < 1024 ? 1024 : size + 1);
    ov = new DataView(out.buffer);
    if (out.length <= RETAIN_LIMIT) (retained = out), (retainedView = ov);
  }
  current = out;
  const l = LANES;
  let o = 0;
  for (let i = start; i < last; i = (i + 4) | 0) {
    const x = cv.getUint32(i, true);
    const v = l[x & 255]! | l[256 | ((x >>> 8) & 255)]! | l[512 | ((x >>> 16) & 255)]! | l[768 | (x >>> 24)]!;
    if (v > 0xffffff) return -1; // a character outside the alphabet (or "=" before the end)
    ov.setUint32(o, v << 8); // big-endian: the quad's three bytes in order, then one spare
    o = (o + 3) | 0;
  }
  const table = DECODE;
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
