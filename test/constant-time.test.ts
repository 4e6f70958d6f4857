// Signature comparison: constantTimeEqual, the noble (sync) and Web Crypto (async) verify steps,
// and verifyToken on both entries. Results must be exact for equal, unequal (first/last byte),
// different-length and empty inputs, and the comparison must never stop at the first difference.
import { createHmac } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../src/core/bytes.ts';
import { jsHmacBackend } from '../src/sign/hmac-sync.ts';
import { webCryptoBackend } from '../src/sign/webcrypto.ts';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';

const bytes = (...v: number[]) => new Uint8Array(v);
const flip = (b: Uint8Array, i: number) => {
  const c = b.slice();
  c[i]! ^= 0x01;
  return c;
};

// Records which indexes of a byte array a function reads, to prove there is no early exit.
function recording(b: Uint8Array): { view: Uint8Array; reads: Set<number> } {
  const reads = new Set<number>();
  const view = new Proxy(b, {
    get(target, prop) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) reads.add(Number(prop));
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as Uint8Array;
  return { view, reads };
}

describe('constantTimeEqual', () => {
  const a = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 255);
  const cases: [string, Uint8Array, Uint8Array, boolean][] = [
    ['equal', a, a.slice(), true],
    ['same object', a, a, true],
    ['unequal at the first byte', a, flip(a, 0), false],
    ['unequal at the last byte', a, flip(a, 31), false],
    ['unequal in the middle', a, flip(a, 16), false],
    ['every byte different', a, a.map((x) => x ^ 0xff), false],
    ['shorter prefix', a, a.slice(0, 31), false],
    ['longer', a, Uint8Array.from([...a, 0]), false],
    ['empty vs non-empty', new Uint8Array(0), a, false],
    ['non-empty vs empty', a, new Uint8Array(0), false],
    ['both empty', new Uint8Array(0), new Uint8Array(0), true],
    ['one byte equal', bytes(0), bytes(0), true],
    ['one byte unequal (high bit)', bytes(0x80), bytes(0x00), false],
    ['views into one buffer', a.subarray(0, 8), a.slice(0, 8), true],
  ];
  it.each(cases)('%s', (_name, x, y, expected) => {
    expect(constantTimeEqual(x, y)).toBe(expected);
    expect(constantTimeEqual(y, x)).toBe(expected);
  });

  it('differs from a naive compare on no pair of small random arrays', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (let n = 0; n < 2000; n++) {
      const len = next() % 5;
      const x = Uint8Array.from({ length: len }, () => next() & 3);
      const y = Uint8Array.from({ length: next() % 2 ? len : next() % 5 }, () => next() & 3);
      const naive = x.length === y.length && x.every((v, i) => v === y[i]);
      expect(constantTimeEqual(x, y)).toBe(naive);
    }
  });

  it('reads every byte of both inputs even when the first byte already differs', () => {
    const x = recording(a.slice());
    const y = recording(flip(a, 0));
    expect(constantTimeEqual(x.view, y.view)).toBe(false);
    expect(x.reads.size).toBe(32);
    expect(y.reads.size).toBe(32);
  });
});

describe('verify steps of both backends', () => {
  const key = new TextEncoder().encode('k2-derived-key-of-32-bytes-long!');
  const message = new TextEncoder().encode('signingInfo bytes');
  const mac = new Uint8Array(createHmac('sha256', key).update(message).digest());

  const cases: [string, Uint8Array, boolean][] = [
    ['equal', mac, true],
    ['unequal at the first byte', flip(mac, 0), false],
    ['unequal at the last byte', flip(mac, 31), false],
    ['truncated by one byte', mac.subarray(0, 31), false],
    ['one byte too long', Uint8Array.from([...mac, 0]), false],
    ['empty', new Uint8Array(0), false],
  ];

  it.each(cases)('noble (sync): %s', (_name, candidate, expected) => {
    expect(jsHmacBackend.verify(key, message, candidate)).toBe(expected);
  });

  it.each(cases)('Web Crypto (async): %s', async (_name, candidate, expected) => {
    await expect(webCryptoBackend.verify(key, message, candidate)).resolves.toBe(expected);
  });

  it('noble verify reads the whole MAC when its first byte is wrong (no early exit)', () => {
    const m = recording(flip(mac, 0));
    expect(jsHmacBackend.verify(key, message, m.view)).toBe(false);
    expect(m.reads.size).toBe(32);
  });
});

describe('verifyToken on both entries with a signature wrong at one end', () => {
  const appId = '970CA35de60c44645bbae8a215061b33';
  const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b';
  const token = syncLib.buildRtcToken({ appId, appCertificate, channel: 'ct', uid: 7, role: 'publisher', issuedAt: 1_700_000_000, salt: 99 });

  // The signature sits at payload bytes 2..33 (after its u16 length); Node's zlib re-seals the change.
  const tampered = (which: 'first' | 'last') => {
    const content = new Uint8Array(inflateSync(Buffer.from(token.slice(3), 'base64')));
    content[which === 'first' ? 2 : 33]! ^= 0x01;
    return '007' + Buffer.from(deflateSync(content)).toString('base64');
  };

  it.each(['first', 'last'] as const)('signature byte %s flipped -> false (sync and async)', async (which) => {
    const t = tampered(which);
    expect(syncLib.verifyToken(token, appCertificate)).toBe(true);
    expect(syncLib.verifyToken(t, appCertificate)).toBe(false);
    await expect(asyncLib.verifyToken(token, appCertificate)).resolves.toBe(true);
    await expect(asyncLib.verifyToken(t, appCertificate)).resolves.toBe(false);
    expect(syncLib.decodeToken(t)).toMatchObject({ appId, salt: 99 });
  });
});
