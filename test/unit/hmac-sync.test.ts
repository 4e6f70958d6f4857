// The /sync HMAC-SHA256 (src/sign/hmac-sync.ts) against RFC 4231, node:crypto and @noble/hashes,
// on every message length around the SHA-256 padding boundaries and on random keys and messages.
import { createHash, createHmac } from 'node:crypto';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256, jsHmacBackend, sha256 } from '../../src/sign/hmac-sync.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const nodeHmac = (k: Uint8Array, m: Uint8Array) => createHmac('sha256', k).update(m).digest('hex');

describe('hmacSha256 — RFC 4231 test cases', () => {
  const cases: [string, string, string, string][] = [
    ['1', '0b'.repeat(20), Buffer.from('Hi There').toString('hex'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    ['2', Buffer.from('Jefe').toString('hex'), Buffer.from('what do ya want for nothing?').toString('hex'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['3', 'aa'.repeat(20), 'dd'.repeat(50), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    ['4', '0102030405060708090a0b0c0d0e0f10111213141516171819', 'cd'.repeat(50), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'],
    ['6 (131-byte key)', 'aa'.repeat(131), Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First').toString('hex'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
    ['7 (131-byte key, long data)', 'aa'.repeat(131), Buffer.from('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.').toString('hex'), '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2'],
  ];
  it.each(cases)('test case %s', (_name, key, data, mac) => {
    expect(hex(hmacSha256(fromHex(key), fromHex(data)))).toBe(mac);
  });
});

describe('hmacSha256 / sha256 — differential', () => {
  it('matches node:crypto for every message length 0..300 and key lengths 0..130', () => {
    const data = new Uint8Array(300).map((_, i) => (i * 131 + 7) & 255);
    for (let n = 0; n <= 300; n++) {
      const msg = data.subarray(0, n);
      const key = data.subarray(n % 131, n % 131 + (n % 131));
      expect(hex(hmacSha256(key, msg)), `msg ${n} key ${key.length}`).toBe(nodeHmac(key, msg));
      expect(hex(sha256(msg))).toBe(createHash('sha256').update(msg).digest('hex'));
    }
  });

  it('matches @noble/hashes and node:crypto on random keys and messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 1200 }), (key, msg) => {
        const mac = hex(hmacSha256(key, msg));
        expect(mac).toBe(hex(nobleHmac(nobleSha256, key, msg)));
        expect(mac).toBe(nodeHmac(key, msg));
      }),
      { numRuns: 500 },
    );
  });

  it('reads subarray views at their offset and leaves its inputs untouched', () => {
    const buf = new Uint8Array(200).map((_, i) => i);
    const key = buf.subarray(3, 35);
    const msg = buf.subarray(50, 173);
    const before = hex(buf);
    expect(hex(hmacSha256(key, msg))).toBe(nodeHmac(key, msg));
    expect(hex(buf)).toBe(before);
  });

  it('returns a fresh array per call (results can be kept, as the key chain does)', () => {
    const a = hmacSha256(new Uint8Array([1, 2, 3, 4]), new Uint8Array(32));
    const b = hmacSha256(new Uint8Array([5, 6, 7, 8]), new Uint8Array(32));
    expect(a).not.toBe(b);
    expect(hex(a)).toBe(nodeHmac(new Uint8Array([1, 2, 3, 4]), new Uint8Array(32)));
  });
});

describe('jsHmacBackend.verify', () => {
  const key = new Uint8Array(32).fill(9);
  const msg = new Uint8Array(122).fill(4);
  const mac = fromHex(nodeHmac(key, msg));
  it('accepts the right MAC and rejects a flipped bit, a short MAC and a different key', () => {
    expect(jsHmacBackend.verify(key, msg, mac)).toBe(true);
    const bad = mac.slice();
    bad[31]! ^= 1;
    expect(jsHmacBackend.verify(key, msg, bad)).toBe(false);
    expect(jsHmacBackend.verify(key, msg, mac.subarray(0, 31))).toBe(false);
    expect(jsHmacBackend.verify(new Uint8Array(32), msg, mac)).toBe(false);
  });
});

describe('hmacSha256 with longLivedKey (kept pad states)', () => {
  it('matches node:crypto while long-lived and per-call keys interleave, keys switch and lengths vary', () => {
    const certA = new TextEncoder().encode('5CFd2fd1755d40ecb72977518be15d3b');
    const certB = new TextEncoder().encode('5CFd2fd1755d40ecb72977518be15d3c'); // differs in the last byte only
    const shortKey = certA.subarray(0, 31); // a prefix must not match the kept key
    const longKey = new Uint8Array(100).fill(7); // hashed first, never kept
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(certA, certB, shortKey, longKey, new Uint8Array(4).fill(1)), fc.boolean(), fc.uint8Array({ maxLength: 200 })), { minLength: 1, maxLength: 12 }),
        (calls) => {
          for (const [key, longLived, msg] of calls) {
            expect(hex(hmacSha256(key, msg, longLived))).toBe(nodeHmac(key, msg));
          }
        },
      ),
      { numRuns: 300, seed: 4231 },
    );
  });
});
