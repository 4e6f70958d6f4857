/**
 * @module sign/hmac-sync — the synchronous HMAC-SHA256 backend of the `/sync` entries, where Web
 * Crypto's promises are not an option.
 *
 * A token needs two HMACs over a few hundred bytes once the first key-chain link is memoised
 * (token/signing.ts), i.e. ten SHA-256 compressions. `@noble/hashes`' generic `hmac(sha256, …)` spends
 * more time creating hash objects, padding keys and zeroing buffers than compressing, so this
 * module drives a FIPS 180-4 SHA-256 compression directly on preallocated scratch: per HMAC it
 * allocates only the 32-byte result. Blocks go into the schedule as words: key pads, the inner
 * digest and the padding never pass through bytes (HMAC k2 + signature: 6.3 -> 4.9 µs from that
 * alone, measured A/B in one process). Checked against @noble/hashes, node:crypto and the RFC 4231
 * vectors in test/unit/hmac-sync.test.ts. Scratch that held key material is zeroed after each call.
 * A WebAssembly compression (unrolled, every word in a local) was measured too: 382-516 ns against
 * 424-663 ns for this one on Node 20 then, no gain (this one has since dropped to ~0.31-0.34 µs a
 * block, measured 2026-11-24), and Workers forbid compiling wasm at run time.
 */

import { constantTimeEqual } from '../core/bytes.ts';
import type { SyncBackend } from './types.ts';

/**
 * Everything lives in this closure, made once: V8 (Node 20) constant-folds typed arrays that a
 * closure made once captures (their storage is addressed directly), while module-level ones
 * are loaded from the module context and map-checked at each use (as bundled, they become
 * top-level `var`s); the compression was ~2x the work that way. Same pattern as core/deflate.
 */
function makeHmac() {
  // FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
  const K = /* @__PURE__ */ Int32Array.from([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);
  // FIPS 180-4 section 5.3.3: the initial hash value.
  const IV = /* @__PURE__ */ Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

  const BLOCK = 64;
  /** The message schedule; W[0..15] is the block being compressed, loaded as big-endian words. */
  const W = /* @__PURE__ */ new Int32Array(64);
  const state = /* @__PURE__ */ new Int32Array(8);

  /** FIPS 180-4 σ0 and σ1 of the message schedule. */
  function sigma0(x: number): number {
    return ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
  }

  function sigma1(y: number): number {
    return ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
  }

  /**
   * One SHA-256 compression of the block in W[0..15] into `s`. The 64 rounds run eight at a time
   * with the working variables renamed instead of shifted (each round writes only h and d), which
   * measured ~8% faster than the textbook loop on V8; Ch and Maj use their 3-operation forms.
   * From round 16 on, each group of eight first extends the schedule by its eight words, written
   * out (~7% faster than a separate schedule loop, measured A/B).
   * Blocks are loaded as words by the callers, so key pads, the inner digest and the padding are
   * put in as words, never as bytes.
   */
  function compress(s: Int32Array): void {
    const w = W;
    let a = s[0]!, b = s[1]!, c = s[2]!, d = s[3]!, e = s[4]!, f = s[5]!, g = s[6]!, h = s[7]!;
    for (let i = 0; i < 64; i += 8) {
      if (i >= 16) {
        w[i] = (sigma1(w[i - 2]!) + w[i - 7]! + sigma0(w[i - 15]!) + w[i - 16]!) | 0;
        w[i + 1] = (sigma1(w[i - 1]!) + w[i - 6]! + sigma0(w[i - 14]!) + w[i - 15]!) | 0;
        w[i + 2] = (sigma1(w[i]!) + w[i - 5]! + sigma0(w[i - 13]!) + w[i - 14]!) | 0;
        w[i + 3] = (sigma1(w[i + 1]!) + w[i - 4]! + sigma0(w[i - 12]!) + w[i - 13]!) | 0;
        w[i + 4] = (sigma1(w[i + 2]!) + w[i - 3]! + sigma0(w[i - 11]!) + w[i - 12]!) | 0;
        w[i + 5] = (sigma1(w[i + 3]!) + w[i - 2]! + sigma0(w[i - 10]!) + w[i - 11]!) | 0;
        w[i + 6] = (sigma1(w[i + 4]!) + w[i - 1]! + sigma0(w[i - 9]!) + w[i - 10]!) | 0;
        w[i + 7] = (sigma1(w[i + 5]!) + w[i]! + sigma0(w[i - 8]!) + w[i - 9]!) | 0;
      }
      h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + K[i]! + w[i]!) | 0;
      d = (d + h) | 0;
      h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
      g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + K[i + 1]! + w[i + 1]!) | 0;
      c = (c + g) | 0;
      g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
      f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + K[i + 2]! + w[i + 2]!) | 0;
      b = (b + f) | 0;
      f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
      e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + K[i + 3]! + w[i + 3]!) | 0;
      a = (a + e) | 0;
      e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
      d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + K[i + 4]! + w[i + 4]!) | 0;
      h = (h + d) | 0;
      d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
      c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + K[i + 5]! + w[i + 5]!) | 0;
      g = (g + c) | 0;
      c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
      b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + K[i + 6]! + w[i + 6]!) | 0;
      f = (f + b) | 0;
      b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
      a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + K[i + 7]! + w[i + 7]!) | 0;
      e = (e + a) | 0;
      a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    }
    s[0] = (s[0]! + a) | 0;
    s[1] = (s[1]! + b) | 0;
    s[2] = (s[2]! + c) | 0;
    s[3] = (s[3]! + d) | 0;
    s[4] = (s[4]! + e) | 0;
    s[5] = (s[5]! + f) | 0;
    s[6] = (s[6]! + g) | 0;
    s[7] = (s[7]! + h) | 0;
  }

  /** Loads `words` big-endian words of `p` from `off` into W[0..words). */
  function load(p: Uint8Array, off: number, words: number): void {
    const w = W;
    for (let i = 0; i < words; i++, off += 4) w[i] = (p[off]! << 24) | (p[off + 1]! << 16) | (p[off + 2]! << 8) | p[off + 3]!;
  }

  /** Absorbs `msg` after `prefix` already-compressed bytes, then pads and compresses the tail. */
  function finish(s: Int32Array, msg: Uint8Array, prefix: number): void {
    const n = msg.length;
    const w = W;
    let off = 0;
    for (; n - off >= BLOCK; off += BLOCK) load(msg, off, 16), compress(s);
    // The tail, the 0x80 marker and zeros, word by word.
    // `| 0` (exact: rem < 64) keeps the tail in int32 for V8, which types a typed array's length,
    // and so n, up to 2^53.
    const rem = (n - off) | 0;
    const full = rem >> 2;
    load(msg, off, full);
    off += full * 4;
    let i = full;
    let last = 0x80 << (24 - 8 * (rem & 3));
    for (let k = 0; k < (rem & 3); k++) last |= msg[off + k]! << (24 - 8 * k);
    w[i++] = last;
    if (i > 14) {
      for (; i < 16; i++) w[i] = 0;
      compress(s);
      i = 0;
    }
    for (; i < 14; i++) w[i] = 0;
    const total = prefix + n; // bytes; the length field is in bits, big-endian u64
    w[14] = Math.floor(total / 0x20000000);
    w[15] = total * 8;
    compress(s);
  }

  /** The digest in `s` as 32 new bytes. */
  function digest(s: Int32Array): Uint8Array {
    const out = new Uint8Array(32);
    for (let i = 0, o = 0; i < 8; i++, o += 4) {
      const v = s[i]!;
      out[o] = v >>> 24;
      out[o + 1] = v >>> 16;
      out[o + 2] = v >>> 8;
      out[o + 3] = v;
    }
    return out;
  }

  /** Starts `s` from the IV and compresses the key block XOR `mask` (0x36363636 inner, 0x5c5c5c5c outer). */
  function keyBlock(s: Int32Array, key: Uint8Array, mask: number): void {
    const w = W;
    const n = key.length | 0; // <= 64 here (longer keys are hashed first); int32 for V8
    for (let i = 0, off = 0; i < 16; i++, off += 4) {
      w[i] =
        (off + 3 < n
          ? (key[off]! << 24) | (key[off + 1]! << 16) | (key[off + 2]! << 8) | key[off + 3]!
          : ((off < n ? key[off]! : 0) << 24) | ((off + 1 < n ? key[off + 1]! : 0) << 16) | ((off + 2 < n ? key[off + 2]! : 0) << 8)) ^ mask;
    }
    copy8(s, IV);
    compress(s);
  }

  /**
   * The outer hash: `s` holds the inner digest; it becomes the HMAC. The digest goes into the outer
   * hash's one block as words (after the 64-byte key block: 96 bytes in all), from state `start`.
   */
  function outerHash(s: Int32Array, start: Int32Array): void {
    const w = W;
    for (let i = 0; i < 8; i++) w[i] = s[i]!;
    w[8] = 0x80000000 | 0;
    for (let i = 9; i < 15; i++) w[i] = 0;
    w[15] = (BLOCK + 32) * 8;
    copy8(s, start);
    compress(s);
  }

  /** SHA-256 of bytes. */
  function sha256(message: Uint8Array): Uint8Array {
    copy8(state, IV);
    finish(state, message, 0);
    const out = digest(state);
    wipe();
    return out;
  }

  /** The exported {@link hmacSha256} (documented there). */
  function hmacSha256(key: Uint8Array, message: Uint8Array, longLivedKey = false): Uint8Array {
    const kept = longLivedKey && key.length <= BLOCK;
    if (kept) {
      if (!sameKey(key)) {
        keyBlock(keptInner, key, 0x36363636);
        keyBlock(keptOuter, key, 0x5c5c5c5c);
        keptKey.fill(0).set(key);
        keptKeyLength = key.length;
      }
      copy8(state, keptInner);
    } else {
      const k = key.length > BLOCK ? sha256(key) : key;
      keyBlock(outerStart, k, 0x5c5c5c5c);
      keyBlock(state, k, 0x36363636);
    }
    finish(state, message, BLOCK);
    outerHash(state, kept ? keptOuter : outerStart);
    const out = digest(state);
    wipe();
    return out;
  }

  // The long-lived key (the 006 App Certificate) and its pad states. Kept on purpose, like the
  // certificate text the caller keeps; everything else is wiped after each call.
  const keptKey = /* @__PURE__ */ new Uint8Array(BLOCK);
  let keptKeyLength = -1;
  const keptInner = /* @__PURE__ */ new Int32Array(8);
  const keptOuter = /* @__PURE__ */ new Int32Array(8);
  const outerStart = /* @__PURE__ */ new Int32Array(8);

  // No early exit: the time does not depend on where two certificates differ.
  function sameKey(key: Uint8Array): boolean {
    if (key.length !== keptKeyLength) return false;
    let diff = 0;
    for (let i = 0; i < key.length; i++) diff |= key[i]! ^ keptKey[i]!;
    return diff === 0;
  }

  // Scratch held key pads, message words and digests: leave nothing behind.
  function wipe(): void {
    for (let i = 0; i < 64; i++) W[i] = 0;
    for (let i = 0; i < 8; i++) state[i] = outerStart[i] = 0;
  }

  /**
   * Copies eight words. Small copies and wipes are written as loops: TypedArray `set` and `fill`
   * are calls into the runtime, ~35-45 ns each on Node 20 whatever the size, against a few ns for
   * an inlined loop, and a build did eight of them (~3% of a /sync RTC build in A/B).
   */
  function copy8(to: Int32Array, from: Int32Array): void {
    for (let i = 0; i < 8; i++) to[i] = from[i]!;
  }

  return { sha256, hmacSha256 };
}

let impl: ReturnType<typeof makeHmac> | undefined;

/** SHA-256 of bytes. */
export function sha256(message: Uint8Array): Uint8Array {
  return (impl ??= makeHmac()).sha256(message);
}

/**
 * HMAC-SHA256 (RFC 2104) of `message` under `key`; allocates only the 32-byte result.
 * With `longLivedKey`, the states after the key's inner and outer pad blocks are kept for the
 * next call with the same key bytes (two of the compressions of a short message).
 * @example
 * ```ts
 * const mac = hmacSha256(new Uint8Array([1, 0, 0, 0]), utf8(appCertificate));
 * ```
 */
export function hmacSha256(key: Uint8Array, message: Uint8Array, longLivedKey = false): Uint8Array {
  return (impl ??= makeHmac()).hmacSha256(key, message, longLivedKey);
}

/** The synchronous backend. */
export const jsHmacBackend: SyncBackend = {
  hmac: hmacSha256,
  verify: (key, message, mac) => constantTimeEqual(hmacSha256(key, message), mac),
};
