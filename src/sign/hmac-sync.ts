/**
 * @module sign/hmac-sync — the synchronous HMAC-SHA256 backend of the `/sync` entries, where Web
 * Crypto's promises are not an option.
 *
 * A token needs two HMACs over a few hundred bytes once the first key-chain link is memoised
 * (sign/run.ts), i.e. ten SHA-256 compressions. `@noble/hashes`' generic `hmac(sha256, …)` spends
 * more time creating hash objects, padding keys and zeroing buffers than compressing, so this
 * module drives a FIPS 180-4 SHA-256 compression directly on preallocated scratch: per HMAC it
 * allocates only the 32-byte result. Checked against @noble/hashes, node:crypto and the RFC 4231
 * vectors in test/unit/hmac-sync.test.ts. Scratch that held key material is zeroed after each call.
 */

import { constantTimeEqual } from '../core/bytes.ts';
import type { SyncBackend } from './types.ts';

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
const W = /* @__PURE__ */ new Int32Array(64);
const state = /* @__PURE__ */ new Int32Array(8);
const block = /* @__PURE__ */ new Uint8Array(BLOCK); // key pads and the padded tail
const innerDigest = /* @__PURE__ */ new Uint8Array(32);

/** One SHA-256 compression of the 64 bytes of `p` at `off` into `s`. */
function compress(s: Int32Array, p: Uint8Array, off: number): void {
  const w = W;
  for (let i = 0; i < 16; i++, off += 4) w[i] = (p[off]! << 24) | (p[off + 1]! << 16) | (p[off + 2]! << 8) | p[off + 3]!;
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (s1 + w[i - 7]! + s0 + w[i - 16]!) | 0;
  }
  let a = s[0]!, b = s[1]!, c = s[2]!, d = s[3]!, e = s[4]!, f = s[5]!, g = s[6]!, h = s[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
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

/** Absorbs `msg` after `prefix` already-compressed bytes, then pads and compresses the tail. */
function finish(s: Int32Array, msg: Uint8Array, prefix: number): void {
  const n = msg.length;
  let off = 0;
  for (; n - off >= BLOCK; off += BLOCK) compress(s, msg, off);
  const rem = n - off;
  for (let i = 0; i < rem; i++) block[i] = msg[off + i]!;
  block[rem] = 0x80;
  if (rem >= 56) {
    block.fill(0, rem + 1);
    compress(s, block, 0);
    block.fill(0, 0, 56);
  } else {
    block.fill(0, rem + 1, 56);
  }
  const total = prefix + n; // bytes; the length field is in bits, big-endian u64
  writeU32(block, 56, Math.floor(total / 0x20000000));
  writeU32(block, 60, (total * 8) >>> 0);
  compress(s, block, 0);
}

function writeU32(out: Uint8Array, off: number, v: number): void {
  out[off] = v >>> 24;
  out[off + 1] = v >>> 16;
  out[off + 2] = v >>> 8;
  out[off + 3] = v;
}

function digestInto(s: Int32Array, out: Uint8Array): Uint8Array {
  for (let i = 0; i < 8; i++) writeU32(out, i * 4, s[i]!);
  return out;
}

/** Starts `s` from the IV and compresses the key block XOR `mask` (0x36 inner, 0x5c outer). */
function keyBlock(s: Int32Array, key: Uint8Array, mask: number): void {
  for (let i = 0; i < BLOCK; i++) block[i] = (i < key.length ? key[i]! : 0) ^ mask;
  s.set(IV);
  compress(s, block, 0);
}

/** SHA-256 of bytes. */
export function sha256(message: Uint8Array): Uint8Array {
  state.set(IV);
  finish(state, message, 0);
  const out = digestInto(state, new Uint8Array(32));
  wipe();
  return out;
}

/**
 * HMAC-SHA256 (RFC 2104) of `message` under `key`; allocates only the 32-byte result.
 * @example
 * ```ts
 * const mac = hmacSha256(new Uint8Array([1, 0, 0, 0]), utf8(appCertificate));
 * ```
 */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const k = key.length > BLOCK ? sha256(key) : key;
  keyBlock(state, k, 0x36);
  finish(state, message, BLOCK);
  digestInto(state, innerDigest);
  keyBlock(state, k, 0x5c);
  finish(state, innerDigest, BLOCK);
  const out = digestInto(state, new Uint8Array(32));
  wipe();
  return out;
}

// Scratch held key pads, message words and the inner digest: leave nothing behind.
function wipe(): void {
  block.fill(0);
  W.fill(0);
  state.fill(0);
  innerDigest.fill(0);
}

/** The synchronous backend. */
export const jsHmacBackend: SyncBackend = {
  hmac: hmacSha256,
  verify: (key, message, mac) => constantTimeEqual(hmacSha256(key, message), mac),
};
