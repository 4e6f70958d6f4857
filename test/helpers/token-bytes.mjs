/**
 * @module test/helpers/token-bytes — the byte pieces of hand-made tokens, written with node:crypto
 * and plain arithmetic only (no code of ours): the oracle side of the tests and scripts that hand
 * our readers tokens no builder makes (scripts/lib/acceptance.mjs uses it too).
 */
import { createHmac } from 'node:crypto';

/**
 * Little-endian u16.
 * @param {number} v
 * @returns {Buffer}
 */
export const u16 = (v) => Buffer.from([v & 255, (v >>> 8) & 255]);

/**
 * Little-endian u32.
 * @param {number} v
 * @returns {Buffer}
 */
export const u32 = (v) => Buffer.from([v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255]);

/**
 * Big-endian u32 (zlib's Adler-32 trailer).
 * @param {number} v
 * @returns {Buffer}
 */
export const be32 = (v) => Buffer.from([v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);

/**
 * A u16 length, then the bytes; `length` may lie about them.
 * @param {Uint8Array} b
 * @param {number} [length]
 * @returns {Buffer}
 */
export const bytes = (b, length = b.length) => Buffer.concat([u16(length), b]);

/**
 * HMAC-SHA256.
 * @param {import('node:crypto').BinaryLike} key
 * @param {import('node:crypto').BinaryLike} message
 * @returns {Buffer}
 */
export const hmac = (key, message) => createHmac('sha256', key).update(message).digest();

/**
 * The 007 signature of `info` (SPEC 2.6): HMAC(HMAC(u32 salt, HMAC(u32 issueTs, certificate)), info).
 * @param {string} certificate
 * @param {number} issueTs
 * @param {number} salt
 * @param {Uint8Array} info
 * @returns {Buffer}
 */
export const sign007 = (certificate, issueTs, salt, info) => hmac(hmac(u32(salt), hmac(u32(issueTs), certificate)), info);

/**
 * A 007 signingInfo (SPEC 2.2) holding one RTC service: joinChannel for `expire` seconds.
 * @param {{ appId: Uint8Array, channel: Uint8Array, uid: Uint8Array, issueTs: number, expire: number, salt: number }} fields
 * @returns {Buffer}
 */
export function rtcSigningInfo({ appId, channel, uid, issueTs, expire, salt }) {
  const rtc = Buffer.concat([u16(1), u16(1), u16(1), u32(expire), bytes(channel), bytes(uid)]);
  return Buffer.concat([bytes(appId), u32(issueTs), u32(expire), u32(salt), u16(1), rtc]);
}

/**
 * Adler-32 (RFC 1950) written out: node:zlib exports none.
 * @param {Iterable<number>} data
 * @returns {number}
 */
export function adler32(data) {
  let a = 1;
  let b = 0;
  for (const x of data) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}
