/**
 * @module core/md5 — MD5 (RFC 1321), used only to derive the Chat user id of an APaaS room-user
 * token (the official builders put md5(userUuid) there). Not used for anything secret.
 *
 * Hand-written because it is tiny: @noble/hashes' md5 pulls its generic hash framework into the
 * main entry (about 4.3 KB minified against about 1 KB for this file). Checked against node:crypto
 * in test/unit/md5.test.ts.
 */

import { toHex, utf8 } from './bytes.ts';

// K[i] = floor(abs(sin(i + 1)) * 2^32), RFC 1321 section 3.4.
const K = /* @__PURE__ */ Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
// Per-round left-rotation amounts.
const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** MD5 of a string's UTF-8 bytes, as 32 lowercase hex characters. */
export function md5Hex(text: string): string {
  const data = utf8(text);
  const n = ((data.length + 8) >>> 6) + 1; // 64-byte blocks after padding
  const words = new Int32Array(n * 16);
  for (let i = 0; i < data.length; i++) words[i >> 2]! |= data[i]! << ((i & 3) * 8);
  words[data.length >> 2]! |= 0x80 << ((data.length & 3) * 8);
  words[n * 16 - 2] = data.length * 8; // bit length, low word (inputs here are far below 2^29 bytes)
  words[n * 16 - 1] = Math.floor(data.length / 0x20000000);
  let a0 = 0x67452301, b0 = 0xefcdab89 | 0, c0 = 0x98badcfe | 0, d0 = 0x10325476;
  for (let block = 0; block < n * 16; block += 16) {
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      let f: number, g: number;
      if (round === 0) { f = (b & c) | (~b & d); g = i; }
      else if (round === 1) { f = (d & b) | (~d & c); g = (5 * i + 1) & 15; }
      else if (round === 2) { f = b ^ c ^ d; g = (3 * i + 5) & 15; }
      else { f = c ^ (b | ~d); g = (7 * i) & 15; }
      const s = S[(round << 2) | (i & 3)]!;
      const x = (a + f + K[i]! + words[block + g]!) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  [a0, b0, c0, d0].forEach((v, i) => view.setInt32(i * 4, v, true));
  return toHex(out);
}
