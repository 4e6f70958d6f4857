// Salt comes from the CSPRNG (crypto.getRandomValues), never from Math.random, uniformly in
// 1..99999999 on every entry; issueTs comes from the clock unless the caller injects one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as legacyAsync from '../src/legacy.ts';
import * as legacySync from '../src/legacy-sync.ts';
import * as syncLib from '../src/sync.ts';
import { resetSaltPool, SALT_POOL_SIZE } from '../src/core/random.ts';
import { APP_ID, CERT } from './helpers/secrets.ts';

const FUTURE = 2_000_000_000;
const salt007 = async (lib: typeof asyncLib | typeof syncLib) => lib.decodeToken(await lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'r', uid: 1, role: 'publisher' }));
const salt006 = async (lib: typeof legacyAsync | typeof legacySync) => lib.decodeToken(await lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'r', 1, 1, FUTURE));

afterEach(() => {
  vi.restoreAllMocks();
  resetSaltPool(); // never keep salts a mocked CSPRNG produced
  vi.useRealTimers();
});

describe('salt', () => {
  it('is drawn with crypto.getRandomValues on every entry, never Math.random', async () => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random must not be used for salts');
    });
    const csprng = vi.spyOn(globalThis.crypto, 'getRandomValues');
    // Salts are drawn SALT_POOL_SIZE at a time (they are public; one call per token costs microseconds in Node).
    resetSaltPool();
    for (const lib of [asyncLib, syncLib]) {
      expect((await salt007(lib)) as { salt: number }).toMatchObject({ version: '007' });
      expect(new lib.AccessToken2(APP_ID, CERT, 1, 60).salt).toBeGreaterThan(0);
    }
    for (const lib of [legacyAsync, legacySync]) expect(await salt006(lib)).toMatchObject({ version: '006' });
    expect(random).not.toHaveBeenCalled();
    expect(csprng.mock.calls.length).toBeGreaterThanOrEqual(1);
    // A pool's worth more salts needs at least one more CSPRNG draw.
    const before = csprng.mock.calls.length;
    for (let i = 0; i < SALT_POOL_SIZE; i++) new syncLib.AccessToken2(APP_ID, CERT, 1, 60);
    expect(csprng.mock.calls.length).toBeGreaterThan(before);
  });

  it('is exactly the CSPRNG value mapped into 1..99999999 (rejection sampling above 42 * 99999999)', async () => {
    const values = [0xffffffff, 42 * 99_999_999, 42 * 99_999_999 - 1];
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const words = array as unknown as Uint32Array;
      for (let i = 0; i < words.length; i++) words[i] = values.shift() ?? 0;
      return array;
    });
    resetSaltPool();
    // The first two draws are >= the rejection limit and are discarded; the third maps to 99999999.
    expect(new syncLib.AccessToken2(APP_ID, CERT, 1, 60).salt).toBe(((42 * 99_999_999 - 1) % 99_999_999) + 1);
    expect(values).toEqual([]);
  });

  it('covers the range without obvious bias or repeats (20,000 draws)', () => {
    const seen = new Set<number>();
    let low = 0;
    for (let i = 0; i < 20_000; i++) {
      const s = new syncLib.AccessToken2(APP_ID, CERT, 1, 60).salt;
      expect(Number.isInteger(s) && s >= 1 && s <= 99_999_999).toBe(true);
      seen.add(s);
      if (s <= 50_000_000) low++;
    }
    // Birthday bound: ~2 repeats expected among 20,000 draws from 1e8 values.
    expect(seen.size).toBeGreaterThan(19_980);
    // Half the range should get half the draws (binomial sd ~71; 6 sd margin).
    expect(Math.abs(low - 10_000)).toBeLessThan(430);
  });

  it('without crypto.getRandomValues building fails with ERR_NOT_SUPPORTED, not a TypeError', async () => {
    // Shadow the prototype method with an own `undefined` (an old or locked-down runtime).
    Object.defineProperty(globalThis.crypto, 'getRandomValues', { value: undefined, configurable: true, writable: true });
    try {
      expect(() => new syncLib.AccessToken2(APP_ID, CERT, 1, 60)).toThrow(expect.objectContaining({ code: 'ERR_NOT_SUPPORTED' }));
      await expect(asyncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'r', uid: 1, role: 'publisher' })).rejects.toMatchObject({ code: 'ERR_NOT_SUPPORTED' });
      expect(() => legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'r', 1, 1, FUTURE)).toThrow(expect.objectContaining({ code: 'ERR_NOT_SUPPORTED' }));
    } finally {
      delete (globalThis.crypto as { getRandomValues?: unknown }).getRandomValues;
    }
    expect(typeof globalThis.crypto.getRandomValues).toBe('function');
  });
});

describe('issue time', () => {
  it('comes from the clock (Date.now) on every entry', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-05-06T07:08:09.750Z'));
    const now = Math.floor(Date.parse('2031-05-06T07:08:09Z') / 1000);
    for (const lib of [asyncLib, syncLib]) {
      expect(await salt007(lib)).toMatchObject({ issueTs: now });
      expect(new lib.AccessToken2(APP_ID, CERT, 0, 60).issueTs).toBe(now);
    }
    for (const lib of [legacyAsync, legacySync]) expect(await salt006(lib)).toMatchObject({ ts: now + 24 * 3600 });
  });

  it('follows a Date replaced by a constructor without `now` (Jest spyOn(global, "Date")) and a spy on Date.now alone', async () => {
    const RealDate = Date;
    const at = Math.floor(RealDate.parse('2030-01-01T00:00:00Z') / 1000);
    // What jest.spyOn(global, 'Date').mockImplementation(() => new Date('2030-01-01T00:00:00Z'))
    // leaves behind: a constructor with no static now; the official packages read `new Date()`.
    const Mocked = function () {
      return new RealDate('2030-01-01T00:00:00Z');
    } as unknown as DateConstructor;
    let inspected: syncLib.InspectedToken | undefined;
    let fresh: syncLib.InspectedToken | undefined;
    const tokens: (string | Promise<string>)[] = [];
    const tokens006: (string | Promise<string>)[] = [];
    // The mock is in place only around synchronous calls: every build reads the clock when it is
    // called, the async ones too, so their promises are awaited after the restore.
    globalThis.Date = Mocked;
    try {
      for (const lib of [asyncLib, syncLib]) {
        tokens.push(lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'r', uid: 1, role: 'publisher' }));
        tokens.push(lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'r', 1, 1, 600, 600));
      }
      for (const lib of [legacyAsync, legacySync]) tokens006.push(lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'r', 1, 1, 0));
      // inspect judges against the mocked now (its printed times are the mock's fixed date while
      // the mock is active: `new Date(ms)` returns it whatever ms is), and reads a real Date given as now.
      inspected = syncLib.inspectToken(syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'r', uid: 1, role: 'publisher', issuedAt: at - 7200, expiresInSeconds: 3600, salt: 1 }));
      fresh = syncLib.inspectToken(syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'r', uid: 1, role: 'publisher', expiresInSeconds: 60, salt: 1 }), { now: new RealDate((at + 30) * 1000) });
    } finally {
      globalThis.Date = RealDate;
    }
    for (const token of await Promise.all(tokens)) expect(syncLib.decodeToken(token)).toMatchObject({ issueTs: at });
    for (const token of await Promise.all(tokens006)) expect(syncLib.decodeToken(token)).toMatchObject({ ts: at + 24 * 3600 });
    expect(tokens).toHaveLength(4);
    expect(inspected).toMatchObject({ now: at, expired: true, issuedAt: at - 7200, expiresAt: at - 3600 });
    expect(fresh).toMatchObject({ now: at + 30, secondsLeft: 30, expired: false });

    vi.spyOn(Date, 'now').mockReturnValue((at + 5) * 1000 + 999);
    expect(syncLib.decodeToken(syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'r', 1, 1, 600, 600))).toMatchObject({ issueTs: at + 5 });
    expect(syncLib.inspectToken(syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'r', uid: 1, role: 'publisher', issuedAt: at, expiresInSeconds: 60, salt: 1 }))).toMatchObject({ now: at + 5, secondsLeft: 55 });
  });

  it('inspectToken prints times with the Date in place at each call (its per-call memo of the last time printed is not kept)', () => {
    const RealDate = Date;
    const token = syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'r', uid: 1, role: 'publisher', issuedAt: 1_700_000_000, expiresInSeconds: 3600, salt: 1 });
    const now = { now: 1_700_000_100 };
    const real = syncLib.inspectToken(token, now);
    expect(real).toMatchObject({ expiresAtIso: '2023-11-14T23:13:20Z', services: [{ expiresAtIso: '2023-11-14T23:13:20Z' }] });
    // Jest's spyOn(global, 'Date') with a fixed date: `new Date(ms)` is that date whatever ms is.
    globalThis.Date = function () {
      return new RealDate('2030-01-01T00:00:00Z');
    } as unknown as DateConstructor;
    let mocked: syncLib.InspectedToken;
    try {
      mocked = syncLib.inspectToken(token, now);
    } finally {
      globalThis.Date = RealDate;
    }
    expect(mocked).toMatchObject({ expiresAtIso: '2030-01-01T00:00:00Z', services: [{ expiresAtIso: '2030-01-01T00:00:00Z' }] });
    expect(syncLib.inspectToken(token, now)).toEqual(real);
  });

  it('keeps nothing of a Date that was mocked while the library loaded (a setup file): restored, times are read and printed right', async () => {
    const RealDate = Date;
    const options = { appId: APP_ID, appCertificate: CERT, channel: 'r', uid: 1, role: 'publisher' as const, issuedAt: 1_700_000_000, expiresInSeconds: 3600, salt: 1 };
    const load = async (mock: unknown): Promise<typeof syncLib> => {
      vi.resetModules();
      globalThis.Date = mock as DateConstructor;
      try {
        return await import('../src/sync.ts');
      } finally {
        globalThis.Date = RealDate;
      }
    };
    const fresh = await load(function () {
      return new RealDate('2030-01-01T00:00:00Z');
    });
    const token = fresh.buildRtcToken(options);
    expect(fresh.inspectToken(token, { now: new RealDate(1_700_000_100_000) })).toMatchObject({ now: 1_700_000_100, issuedAtIso: '2023-11-14T22:13:20Z', expiresAtIso: '2023-11-14T23:13:20Z' });
    expect(fresh.inspectToken(token, { now: 1_700_000_100 })).toMatchObject({ secondsLeft: 3500 });
    // A Date that is no constructor at import (an object with only now) does not stop the import.
    const bare = await load({ now: () => 1_800_000_000_000 });
    expect(bare.inspectToken(token, { now: 1_700_000_100 })).toMatchObject({ issuedAtIso: '2023-11-14T22:13:20Z' });
  });

  it('is injectable: issuedAt/salt (007 options) and ts/salt (006) give reproducible tokens', async () => {
    const options = { appId: APP_ID, appCertificate: CERT, channel: 'r', uid: 1, role: 'publisher' as const, issuedAt: 1_111_111, salt: 1 };
    const a = syncLib.buildRtcToken(options);
    expect(await asyncLib.buildRtcToken(options)).toBe(a);
    expect(syncLib.decodeToken(a)).toMatchObject({ issueTs: 1_111_111, salt: 1 });
    const b = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'r', 1, 1, FUTURE, { ts: 1_111_111, salt: 1 });
    expect(await legacyAsync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'r', 1, 1, FUTURE, { ts: 1_111_111, salt: 1 })).toBe(b);
    expect(syncLib.decodeToken(b)).toMatchObject({ ts: 1_111_111, salt: 1 });
  });
});
