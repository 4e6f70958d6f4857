// Core primitives against independent references: SPEC byte examples, Node's Buffer base64, and
// exhaustive truncation of a real payload.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../src/core/base64.ts';
import { concatBytes, constantTimeEqual, toHex, utf8 } from '../../src/core/bytes.ts';
import { decodeUtf8Strict } from '../../src/core/text.ts';
import { isoTime, nowMillis, randomSalt, unixSeconds } from '../../src/core/random.ts';
import { ByteReader } from '../../src/core/reader.ts';
import { ByteWriter } from '../../src/core/writer.ts';
import { readPrivileges } from '../../src/token/decode-007.ts';
import { payloadHexOf, vectors007 } from '../helpers/vectors.ts';

describe('ByteWriter (SPEC 1.1-1.3)', () => {
  it('packs little-endian integers as the SPEC examples', () => {
    const w = new ByteWriter(1);
    w.uint16(600).uint32(1111111).uint16(-1 & 0xffff); // an i16 is written as its two's complement u16
    expect(toHex(w.view())).toBe('5802' + '47f41000' + 'ffff');
  });
  it('length-prefixes UTF-8 bytes, not characters', () => {
    expect(toHex(new ByteWriter().string('é').view())).toBe('0200c3a9');
    expect(toHex(new ByteWriter().string('').view())).toBe('0000');
    // The limit is on bytes: 40000 two-byte chars are 80000 bytes; the writer stays as it was.
    const w = new ByteWriter().uint16(7);
    expect(() => w.string('é'.repeat(40_000))).toThrow(RangeError);
    expect(toHex(w.view())).toBe('0700');
    // Exactly at the limit: 65535 bytes are written, 65536 are refused.
    expect(new ByteWriter().string('a'.repeat(65_535)).view().length).toBe(65_537);
    expect(() => new ByteWriter().string('a'.repeat(65_536))).toThrow(RangeError);
  });
  it('writes unprefixed text as UTF-8, ASCII or not, after what is already there', () => {
    expect(toHex(new ByteWriter(1).uint16(1).text('ab').text('é€').text('').text('c').view())).toBe('0100' + '6162' + 'c3a9e282ac' + '63');
    // A non-ASCII char late in the text: the partly copied ASCII prefix must not be committed twice.
    expect(toHex(new ByteWriter(1).text('xy').text('abé').string('dé').view())).toBe('7879' + '6162c3a9' + '0300' + '64c3a9');
    expect(new TextDecoder().decode(new ByteWriter(3).text('a'.repeat(300)).view())).toBe('a'.repeat(300));
  });
  it('writes privilege maps in ascending key order whatever the insertion order', () => {
    const fromMap = new ByteWriter().map32(new Map([[4, 1], [1, 600], [2, 7]])).view();
    const ascending = new ByteWriter().map32(new Map([[1, 600], [2, 7], [4, 1]])).view();
    expect(toHex(fromMap)).toBe('0300' + '010058020000' + '020007000000' + '040001000000');
    expect(ascending).toEqual(fromMap);
  });
  it('rejects a field over 65535 bytes', () => {
    expect(() => new ByteWriter().string('é'.repeat(32768))).toThrow(RangeError);
  });
  it('grows and resets', () => {
    const w = new ByteWriter(2);
    w.raw(new Uint8Array(1000).fill(7));
    expect(w.length).toBe(1000);
    expect(w.reset().uint16(1).view()).toEqual(new Uint8Array([1, 0]));
  });
});

describe('ByteReader', () => {
  it('reads back what the writer wrote', () => {
    const bytes = new ByteWriter().uint16(65535).uint32(4294967295).uint16(-32768 & 0xffff).string('hé').map32(new Map([[2, 9], [1, 8]])).view();
    const r = new ByteReader(bytes);
    expect([r.uint16('a'), r.uint32('b'), r.int16('c'), r.string('d'), readPrivileges(r, { 1: 'one' })]).toEqual([65535, 4294967295, -32768, 'hé', [{ id: 1, name: 'one', expire: 8 }, { id: 2, name: undefined, expire: 9 }]]);
    r.expectEnd('x');
  });
  it('raises ERR_TOKEN_TRUNCATED naming the field for every truncation of a real payload', () => {
    const payload = Uint8Array.from(Buffer.from(vectors007[0]!.payloadHex, 'hex'));
    for (let n = 0; n < payload.length; n++) {
      const r = new ByteReader(payload.subarray(0, n));
      const read = () => {
        r.bytes('signature');
        r.string('appId');
        r.uint32('issueTs');
        r.uint32('expire');
        r.uint32('salt');
        const count = r.uint16('serviceCount');
        for (let i = 0; i < count; i++) {
          r.uint16('type');
          readPrivileges(r, {});
          r.string('f1');
          r.string('f2');
          r.int16('role');
        }
      };
      expect(read).toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_TRUNCATED' }));
    }
  });
  it('rejects trailing bytes and invalid UTF-8 with typed errors', () => {
    expect(() => new ByteReader(new Uint8Array([1])).expectEnd('payload')).toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_TRAILING_BYTES', field: 'token' }));
    expect(() => new ByteReader(new Uint8Array([1, 0, 0xff])).string('appId')).toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED', field: 'appId' }));
  });
  it('checks a whole privilege map fits before reading it', () => {
    const r = new ByteReader(new Uint8Array([0xff, 0xff, 1, 0, 1, 0, 0, 0]));
    expect(() => readPrivileges(r, {})).toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_TRUNCATED', field: 'privileges' }));
  });
  it('works on a subarray view with an offset', () => {
    const buf = new Uint8Array([9, 9, 0x58, 0x02]);
    expect(new ByteReader(buf.subarray(2)).uint16('x')).toBe(600);
  });
});

describe('base64 (RFC 4648)', () => {
  it('matches Buffer on random bytes and round-trips', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64('xyz' + text, 3)).toEqual(bytes);
    }), { numRuns: 2000, seed: 1 });
  });
  it('rejects wrong length, foreign characters, bad padding and non-canonical final bits', () => {
    expect(decodeBase64('abc')).toBe('length');
    expect(decodeBase64('ab$d')).toBe('character');
    expect(decodeBase64('a=bc')).toBe('padding');
    expect(decodeBase64('ab-_')).toBe('character');
    expect(decodeBase64('QR==')).toBe('bits'); // 'Q' alone is canonical, 'R' has stray bits
    expect(decodeBase64('QUJ=')).toBe('bits'); // 'QUI=' is the canonical 'AB'
    expect(decodeBase64('QQ==')).toEqual(new Uint8Array([65]));
  });
});

describe('bytes', () => {
  it('constantTimeEqual gives exact answers', () => {
    const a = new Uint8Array([1, 2, 3]);
    expect(constantTimeEqual(a, new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(a, new Uint8Array([0, 2, 3]))).toBe(false);
    expect(constantTimeEqual(a, new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(a, new Uint8Array([1, 2]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(), new Uint8Array())).toBe(true);
  });
  it('utf8/decodeUtf8Strict/concat/toHex', () => {
    expect(toHex(concatBytes(utf8('a'), new Uint8Array([255])))).toBe('61ff');
    expect(decodeUtf8Strict(new Uint8Array([0xc3, 0xa9]))).toBe('é');
    expect(decodeUtf8Strict(new Uint8Array([0xc3]))).toBeUndefined();
    expect(toHex(utf8('\uD800'))).toBe('efbfbd'); // as Buffer.from does
  });
});

describe('random and clock', () => {
  it('draws salts in 1..99999999 from the CSPRNG', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const s = randomSalt();
      expect(Number.isInteger(s) && s >= 1 && s <= 99_999_999).toBe(true);
      seen.add(s);
    }
    expect(seen.size).toBeGreaterThan(4990);
  });
  it('reads whole seconds from the global clock at each call: Date.now, else a Date made now', () => {
    const spy = vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_999);
    try {
      expect([unixSeconds(), nowMillis()]).toEqual([1_700_000_000, 1_700_000_000_999]);
    } finally {
      spy.mockRestore();
    }
    const RealDate = Date;
    globalThis.Date = function () {
      return new RealDate(1_800_000_000_500);
    } as unknown as DateConstructor;
    try {
      expect([unixSeconds(), nowMillis()]).toEqual([1_800_000_000, 1_800_000_000_500]);
    } finally {
      globalThis.Date = RealDate;
    }
    expect(isoTime(1_111_111)).toBe('1970-01-13T20:38:31Z');
  });
});

describe('vectors helper sanity', () => {
  it('inflates an official token to its payload', () => {
    const v = vectors007.find((x) => x.id === 'rtc-uid-join.zlib')!;
    expect(payloadHexOf(v.token)).toBe(v.payloadHex);
  });
});
