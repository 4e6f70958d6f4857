// The hand-written canonical deflater (src/core/deflate) against pako 3 with `legacyHash: true`,
// which reproduces canonical zlib 1.2.13 level 6 byte for byte: edge inputs, every size 0..600,
// token-shaped payloads, the 16383-symbol block boundary, MAX_DIST, the exactness bound (32 KiB)
// and the refusal above it; plus round trips through fflate's inflater.
import { readFileSync } from 'node:fs';
import { unzlibSync } from 'fflate';
import { deflate as pakoDeflate } from 'pako';
import { describe, expect, it } from 'vitest';
import { mulberry32Unit as prng } from '../../scripts/lib/prng.ts';
import { adler32, CANONICAL_MAX_INPUT, deflateZlib } from '../../src/core/deflate/index.ts';

// ---------------------------------------------------------------- helpers


/** Plain byte comparison: vitest's deep equality is far too slow on megabyte arrays. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function reference(data: Uint8Array): Uint8Array {
  return pakoDeflate(data, { level: 6, legacyHash: true });
}

/** Compare with the reference; on mismatch report where, not 100 KB of bytes. */
function expectCanonical(data: Uint8Array, label = ''): Uint8Array {
  const got = deflateZlib(data);
  const want = reference(data);
  if (!sameBytes(got, want)) {
    let at = 0;
    while (at < got.length && got[at] === want[at]) at++;
    expect.fail(`${label} n=${data.length}: got ${got.length} bytes, want ${want.length}, first difference at ${at}`);
  }
  return got;
}

type Kind = 'random' | 'text' | 'token' | 'same' | 'low' | 'repeat';
const KINDS: Kind[] = ['random', 'text', 'token', 'same', 'low', 'repeat'];

const WORDS = 'the quick brown fox jumps over lazy dog agora token channel user rtc rtm expire privilege join publish'.split(' ');
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';

/** Agora AccessToken2 payload shape: packed signature, app id, issue/expire/salt and services. */
function tokenPayload(rnd: () => number, target: number): Uint8Array {
  const out: number[] = [];
  const u16 = (v: number) => out.push(v & 0xff, (v >>> 8) & 0xff);
  const u32 = (v: number) => out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const bytes = (b: number[]) => {
    u16(b.length);
    out.push(...b);
  };
  const str = (s: string) => bytes([...s].map((c) => c.charCodeAt(0)));
  const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[(rnd() * alphabet.length) | 0]).join('');
  bytes(Array.from({ length: 32 }, () => (rnd() * 256) | 0)); // HMAC-SHA256 signature
  str(pick('0123456789abcdef', 32)); // app id
  const issued = 1_700_000_000 + ((rnd() * 1e7) | 0);
  u32(issued);
  u32(3600 * (1 + ((rnd() * 24) | 0)));
  u32((rnd() * 0xffffffff) >>> 0); // salt
  const services = 1 + ((rnd() * 4) | 0);
  u16(services);
  for (let s = 0; s < services && out.length < target; s++) {
    u16(1 + ((rnd() * 7) | 0)); // service type
    const privileges = 1 + ((rnd() * 4) | 0);
    u16(privileges);
    for (let p = 0; p < privileges; p++) {
      u16(1 + p);
      u32(issued + 3600);
    }
    str(pick(ALNUM, 1 + ((rnd() * 64) | 0))); // channel name / user id
    str(rnd() < 0.3 ? '' : String((rnd() * 2 ** 32) >>> 0)); // uid
  }
  while (out.length < target) str(pick(ALNUM, 1 + ((rnd() * 40) | 0)));
  return Uint8Array.from(out.slice(0, target));
}

function makeData(kind: Kind, n: number, seed: number): Uint8Array {
  const rnd = prng(seed);
  const out = new Uint8Array(n);
  switch (kind) {
    case 'random':
      for (let i = 0; i < n; i++) out[i] = (rnd() * 256) | 0;
      return out;
    case 'text': {
      let i = 0;
      while (i < n) for (const c of `${WORDS[(rnd() * WORDS.length) | 0]} `) if (i < n) out[i++] = c.charCodeAt(0);
      return out;
    }
    case 'token':
      return tokenPayload(rnd, n);
    case 'same':
      return out.fill((rnd() * 256) | 0);
    case 'low': {
      const k = 2 + ((rnd() * 6) | 0);
      for (let i = 0; i < n; i++) out[i] = 97 + ((rnd() * k) | 0);
      return out;
    }
    case 'repeat': {
      // A short random unit repeated with sparse mutations: long matches, lazy-match decisions.
      const unit = 1 + ((rnd() * 300) | 0);
      for (let i = 0; i < n; i++) out[i] = i < unit ? (rnd() * 256) | 0 : rnd() < 0.01 ? (rnd() * 256) | 0 : out[i - unit]!;
      return out;
    }
  }
}

// ---------------------------------------------------------------- tests

describe('adler32', () => {
  it('matches RFC 1950 reference values', () => {
    expect(adler32(new Uint8Array(0))).toBe(1);
    expect(adler32(new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398);
    expect(adler32(new Uint8Array(100_000).fill(0xff))).toBe(0x149a302c);
  });

  it('continues from a previous checksum', () => {
    const data = makeData('random', 20_000, 1);
    expect(adler32(data.subarray(7_000), adler32(data.subarray(0, 7_000)))).toBe(adler32(data));
  });
});

describe('deflateZlib: byte-identical to canonical zlib level 6', () => {
  it("reproduces Agora's official canonical-zlib 007 token strings from their payloads", () => {
    const file = JSON.parse(readFileSync(new URL('../../vectors/official-007.json', import.meta.url), 'utf8')) as {
      vectors: { id: string; token: string; canonicalZlib?: boolean; payloadHex: string }[];
    };
    const canonical = file.vectors.filter((v) => v.canonicalZlib);
    expect(canonical.length).toBeGreaterThan(10);
    for (const v of canonical) {
      const payload = new Uint8Array(Buffer.from(v.payloadHex, 'hex'));
      expect(`007${Buffer.from(deflateZlib(payload)).toString('base64')}`, v.id).toBe(v.token);
    }
  });

  it('empty input', () => {
    expect([...expectCanonical(new Uint8Array(0))]).toEqual([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
  });

  it('one byte, every value', () => {
    for (let b = 0; b < 256; b++) expectCanonical(Uint8Array.of(b), `byte ${b}`);
  });

  it('all-same bytes at many lengths', () => {
    for (const n of [2, 3, 4, 5, 6, 257, 258, 259, 260, 1000, 4096, 16_383, 32_768]) {
      expectCanonical(new Uint8Array(n), 'zeros');
      expectCanonical(new Uint8Array(n).fill(0xa5), 'a5');
    }
  });

  it('text', () => {
    expectCanonical(new TextEncoder().encode('hello hello hello hello world'), 'hello');
    expectCanonical(makeData('text', 5_000, 3), 'words');
  });

  it('every size 0..600 for each kind and three seeds', () => {
    for (const seed of [1, 2, 3]) {
      for (const kind of KINDS) {
        for (let n = 0; n <= 600; n++) expectCanonical(makeData(kind, n, seed * 1000 + n), `${kind}/${seed}`);
      }
    }
  });

  it('token-shaped payloads of 100..3000 bytes', () => {
    const rnd = prng(42);
    for (let i = 0; i < 1_500; i++) {
      const n = 100 + ((rnd() * 2900) | 0);
      const data = tokenPayload(prng(i), n);
      const z = expectCanonical(data, `token #${i}`);
      if (i % 50 === 0) expect(sameBytes(unzlibSync(z), data)).toBe(true);
    }
  });

  it('seeded sample of 5000 mixed inputs up to 8 KiB', () => {
    const rnd = prng(7);
    for (let i = 0; i < 5_000; i++) {
      const kind = KINDS[(rnd() * KINDS.length) | 0]!;
      const n = rnd() < 0.8 ? (rnd() * 2_048) | 0 : (rnd() * 8_192) | 0;
      expectCanonical(makeData(kind, n, 10_000 + i), `${kind} #${i}`);
    }
  });

  it('around the 16383-symbol block flush', () => {
    // Incompressible data is one literal per byte, so blocks end exactly every 16383 bytes.
    for (let n = 16_375; n <= 16_395; n++) expectCanonical(makeData('random', n, n), 'random');
    for (const n of [32_765, 32_766, 32_767, 32_768]) expectCanonical(makeData('random', n, n), 'random');
    // Mixed literals and matches cross the symbol limit at less predictable offsets.
    for (const kind of ['text', 'low', 'repeat', 'token'] as const) {
      for (const n of [16_383, 20_000, 26_000, 32_768]) expectCanonical(makeData(kind, n, n + 1), kind);
    }
  });

  it('a match as the 16383rd symbol of a block (the flush taken right after a match)', () => {
    // Bytes whose 3-grams never repeat make one literal each; a 10-byte copy from 100 bytes back
    // then becomes the match that is symbol number `at + 1`. Around at = 16382 the block fills up
    // exactly on that match (zlib's _tr_tally_dist returns true), on the literals before it, or
    // on the ones after it.
    const rnd = prng(16_383);
    for (let at = 16_378; at <= 16_386; at++) {
      const seen = new Set<number>();
      const bytes: number[] = [];
      const push = (b: number) => {
        const n = bytes.length;
        if (n >= 2) seen.add((bytes[n - 2]! << 16) | (bytes[n - 1]! << 8) | b);
        bytes.push(b);
      };
      const fresh = (count: number) => {
        for (let i = 0; i < count; i++) {
          const n = bytes.length;
          let b: number;
          do b = (rnd() * 256) | 0;
          while (n >= 2 && seen.has((bytes[n - 2]! << 16) | (bytes[n - 1]! << 8) | b));
          push(b);
        }
      };
      fresh(at);
      for (let i = 0; i < 10; i++) push(bytes[at - 100 + i]!);
      fresh(200);
      expectCanonical(Uint8Array.from(bytes), `match at symbol ${at + 1}`);
    }
  });

  it('around 32 KiB (MAX_DIST = 32506)', () => {
    for (const n of [8_191, 8_192, 32_505, 32_506, 32_507, 32_767, 32_768]) {
      for (const kind of KINDS) expectCanonical(makeData(kind, n, n), kind);
    }
    // Matches exactly at and just beyond the farthest distance zlib may use.
    for (const gap of [32_505, 32_506, 32_507, 32_508]) {
      const data = makeData('random', CANONICAL_MAX_INPUT, gap);
      data.copyWithin(gap, 0, CANONICAL_MAX_INPUT - gap);
      expectCanonical(data, `distance ${gap}`);
    }
  });

  it('at the exactness bound', () => {
    for (const kind of ['random', 'text', 'repeat'] as const) {
      expectCanonical(makeData(kind, CANONICAL_MAX_INPUT, 5), kind);
      expectCanonical(makeData(kind, CANONICAL_MAX_INPUT - 1, 6), kind);
    }
  });

  it('accepts subarray views and Node Buffers', () => {
    const base = makeData('token', 900, 11);
    const view = base.subarray(100, 700);
    expect(sameBytes(deflateZlib(view), reference(view.slice()))).toBe(true);
    expect(sameBytes(deflateZlib(Buffer.from(base)), reference(base))).toBe(true);
  });

  it('results stay valid and private: later calls never modify them (scratch is not exposed)', () => {
    const small = deflateZlib(makeData('token', 300, 1));
    const large = deflateZlib(makeData('text', 20_000, 2));
    const copies = [small.slice(), large.slice()];
    for (let i = 0; i < 200; i++) deflateZlib(makeData('random', 100 + i * 37, i));
    expect(small).toEqual(copies[0]);
    expect(large).toEqual(copies[1]);
    // Large results own their buffer; small ones are views of a slab that is never written again.
    expect(large.byteLength).toBe(large.buffer.byteLength);
  });
});

describe('deflateZlib: round trip and bound', () => {
  it('stays canonical across many calls (per-call hash stamps wrap after ~65k calls)', () => {
    // Every call's output is checked, on inputs of four sizes in turn, across the wrap.
    const inputs = [makeData('token', 200, 1), makeData('text', 300, 2), makeData('token', 1024, 3), makeData('text', 1025, 4)];
    const want = inputs.map(reference);
    let wrong = 0;
    for (let i = 0; i < 70_000; i++) {
      const k = (i & 15) === 15 ? 3 : i % 3;
      if (!sameBytes(deflateZlib(inputs[k]!), want[k]!)) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('round-trips through fflate', () => {
    for (const kind of KINDS) {
      for (const n of [0, 1, 100, 5_000, 32_768]) {
        const data = makeData(kind, n, n + 3);
        expect(sameBytes(unzlibSync(deflateZlib(data)), data)).toBe(true);
      }
    }
  });

  it('above the verified bound refuses with a typed error (token payloads are capped far below it)', () => {
    const data = makeData('text', CANONICAL_MAX_INPUT + 1, 9);
    expect(() => deflateZlib(data)).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field: 'payload' }));
  });
});

describe('bounds', () => {
  it('the canonical encoder is verified for exactly the payload size the builders and decoder accept', async () => {
    const { MAX_PAYLOAD_BYTES } = await import('../../src/core/zlib.ts');
    expect(CANONICAL_MAX_INPUT).toBe(MAX_PAYLOAD_BYTES);
  });
});
