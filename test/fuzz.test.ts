// A seeded sample of the mutation fuzzer (scripts/fuzz.mjs runs >= 1M of the same cases on dist/)
// against the sources of both entries, plus direct checks of the hostile inputs it relies on.
import { describe, expect, it } from 'vitest';
import { CLASSES, createCaseFactory } from '../scripts/fuzz/cases.mjs';
import { checkSync } from '../scripts/fuzz/check.mjs';
import { runRange } from '../scripts/fuzz/run.mjs';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';

const SEED = 20_261_122;
const CASES = 4000;
// `npm run fuzz` holds the 50 ms line on a quiet machine; inside a parallel test run wall time
// also counts other workers, so the sample allows twice that (a slow re-timed case still fails).
const MAX_MS = 100;

describe('mutation fuzzing (seeded sample)', () => {
  it(`${CASES} cases end in a value or an AgoraTokenError, none slower than ${MAX_MS} ms`, async () => {
    const result = await runRange({ syncLib, asyncLib }, { from: 0, to: CASES, seed: SEED, maxMs: MAX_MS, asyncEvery: 4, warmup: 20 });
    expect(result.failures).toEqual([]);
    expect(result.slowest.ms).toBeLessThanOrEqual(MAX_MS);
    // Every mutation class was exercised, and the sample reached deep into the parser.
    expect(Object.keys(result.classes).sort()).toEqual(CLASSES.map((c) => c[0]).sort());
    const codes = new Set((Object.values(result.classes) as { codes: Record<string, number> }[]).flatMap((k) => Object.keys(k.codes)));
    for (const code of ['ok:verified', 'ok:rejected', 'ERR_TOKEN_BASE64', 'ERR_TOKEN_ZLIB', 'ERR_TOKEN_TRUNCATED', 'ERR_TOKEN_MALFORMED', 'ERR_TOKEN_TOO_LARGE', 'ERR_TOKEN_TRAILING_BYTES', 'ERR_TOKEN_VERSION']) {
      expect(codes, code).toContain(code);
    }
  }, 60_000);
});

describe('hostile inputs the fuzzer builds', () => {
  const { ctx, makeCase } = createCaseFactory(syncLib);

  it('every zlib bomb (up to tens of MiB inflated) is ERR_TOKEN_TOO_LARGE, fast', () => {
    expect(ctx.bombs.length).toBeGreaterThanOrEqual(5);
    for (const bomb of ctx.bombs) {
      const input = '007' + Buffer.from(bomb.z).toString('base64');
      expect(input.length).toBeLessThanOrEqual(syncLib.MAX_TOKEN_LENGTH);
      const r = checkSync(syncLib, { input, cert: ctx.cert, expectCode: 'ERR_TOKEN_TOO_LARGE', verifyExpectCode: 'ERR_TOKEN_TOO_LARGE' });
      expect(r.failure, `${bomb.size}-byte bomb`).toBeUndefined();
      expect(r.code).toBe('ERR_TOKEN_TOO_LARGE');
      expect(r.ms, `${bomb.size}-byte bomb`).toBeLessThan(MAX_MS);
    }
  });

  it('a valid, signed payload of exactly MAX_PAYLOAD_BYTES decodes and verifies; one byte more is ERR_TOKEN_TOO_LARGE', () => {
    const seen = new Map<number, string>();
    for (let i = 0; seen.size < 3 && i < 200_000; i++) {
      const c = makeCase(SEED, i);
      if (c.cls !== 'boundary' || seen.has(c.payload.length)) continue;
      const r = checkSync(syncLib, c);
      expect(r.failure).toBeUndefined();
      seen.set(c.payload.length, r.code);
    }
    const max = syncLib.MAX_PAYLOAD_BYTES;
    expect(Object.fromEntries(seen)).toEqual({ [max - 1]: 'ok:verified', [max]: 'ok:verified', [max + 1]: 'ERR_TOKEN_TOO_LARGE' });
  });

  it('token text over MAX_TOKEN_LENGTH is refused before any decoding', () => {
    const huge = '007' + 'A'.repeat(4 * 1024 * 1024);
    const t0 = performance.now();
    expect(() => syncLib.decodeToken(huge)).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_TOO_LARGE' }));
    expect(performance.now() - t0).toBeLessThan(MAX_MS);
  });

  it('the checker itself flags an untyped error, a partial result and an accepted forgery', () => {
    const fake = {
      ...syncLib,
      decodeToken: () => ({ version: '007', appId: 'x', issueTs: 1, expire: 1, salt: 1, signature: 'ab', services: [] }),
      verifyToken: () => true,
    };
    const seed = ctx.seeds.s007[0]!;
    const forged = { input: seed.token.slice(0, -4) + 'AAAA', cert: seed.cert, seed };
    expect(checkSync(fake, forged).failure).toMatch(/incomplete result/);
    const throwing = { ...syncLib, decodeToken: () => { throw new TypeError('boom'); } };
    expect(checkSync(throwing, forged).failure).toMatch(/untyped TypeError/);
    const accepting = { ...syncLib, verifyToken: () => true };
    const bitFlip = makeCaseOf('payload-bits');
    expect(checkSync(accepting, { ...bitFlip, resigned: false }).failure).toMatch(/not signed/);
  });

  function makeCaseOf(cls: string) {
    for (let i = 0; ; i++) {
      const c = makeCase(SEED, i);
      if (c.cls === cls && c.seed?.kind === '007') {
        try {
          syncLib.decodeToken(c.input);
          return c;
        } catch {
          // need one that decodes
        }
      }
    }
  }
});
