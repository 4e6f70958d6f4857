// core/crc32 against published check values and two independent implementations: Node's zlib.crc32
// (zlib's own C code) and the `crc-32` package that agora-access-token uses for 006 tokens.
import fc from 'fast-check';
import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/core/crc32.ts';

const CRC32: { str(s: string): number; buf(b: Uint8Array): number } = createRequire(import.meta.url)('crc-32');
const enc = new TextEncoder();
const zlibCrc32 = (zlib as unknown as { crc32?: (data: Uint8Array) => number }).crc32;

describe('crc32 check values', () => {
  it.each([
    ['123456789', 0xcbf43926], // the catalogue check value of CRC-32/ISO-HDLC (IEEE 802.3)
    ['', 0],
    ['7d72365eb983485397e3e3f9d460bdda', 276646071], // SPEC 1.4 (the official vectors' channel)
    ['2882341273', 3847331927], // official 006 vector rtc-uid-join crcUid
    ['0', 4108050209], // official 006 vector rtc-uid-string0-join crcUid
    ['test_user', 2297101446], // official 006 vector rtm-login crcChannel
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('crc32(%j) = %i', (text, expected) => {
    expect(crc32(enc.encode(text))).toBe(expected);
  });

  it('returns an unsigned 32-bit value for every single byte', () => {
    for (let b = 0; b < 256; b++) {
      const value = crc32(new Uint8Array([b]));
      expect(Number.isInteger(value) && value >= 0 && value <= 0xffffffff).toBe(true);
      expect(value).toBe(CRC32.buf(new Uint8Array([b])) >>> 0);
    }
  });
});

describe('crc32 differential', () => {
  it.runIf(typeof zlibCrc32 === 'function')('equals node:zlib crc32 on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
      expect(crc32(bytes)).toBe(zlibCrc32!(bytes));
    }), { numRuns: 2000, seed: 32 });
  });

  it('equals crc-32 (the package agora-access-token uses) on well-formed unicode text', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }).filter((s) => s.isWellFormed())), (text) => {
      expect(crc32(enc.encode(text))).toBe(CRC32.str(text) >>> 0);
    }), { numRuns: 2000, seed: 33 });
  });

  it('equals crc-32 on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
      expect(crc32(bytes)).toBe(CRC32.buf(bytes) >>> 0);
    }), { numRuns: 1000, seed: 34 });
  });
});
