// Behaviour the rest of the suite left open, found by hand-made mutation testing of the API entries
// (api/async, api/sync, api/inspect-*), the signing drivers and backends (sign/run, sign/webcrypto,
// sign/hmac-sync), the 007 k1 cache (token/signing), decoding (token/decode, token/decode-007),
// errors, the browser guard (core/environment) and the RTC builders (builders/rtc).
// Each test pins one rule that a plausible one-line change broke without any other test failing.
// Oracles: agora-token 2.0.6 and agora-access-token 2.0.4 where they apply; real crypto throughout.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as main from '../src/index.ts';
import * as sync from '../src/sync.ts';
import * as legacySync from '../src/legacy-sync.ts';
import { AgoraTokenError, isAgoraTokenError } from '../src/errors.ts';
import { jsHmacBackend } from '../src/sign/hmac-sync.ts';
import { runSync } from '../src/sign/run.ts';
import type { SyncBackend } from '../src/sign/types.ts';
import type { DecodedPrivilege } from '../src/token/decoded.ts';
import { findK1, rememberK1, verify007 } from '../src/token/signing.ts';
import { officialParse } from './helpers/official.ts';
import { Payload } from './helpers/payload.ts';

const require = createRequire(import.meta.url);

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const ISSUE = 1_700_000_000;

/** The error a call throws (sync) or undefined. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The privileges of service `index` of a 007 token (a known service). */
function privilegesOf(token: string, index = 0): DecodedPrivilege[] {
  const d = sync.decodeToken(token);
  const s = d.version === '007' ? d.services[index] : undefined;
  if (!s || s.name === 'unknown') throw new Error(`no known service at ${index}`);
  return s.privileges;
}

/** A sync backend that counts the steps it runs (real HMAC underneath). */
function countingBackend(): SyncBackend & { hmacs: number; verifies: number } {
  const b = {
    hmacs: 0,
    verifies: 0,
    hmac(key: Uint8Array, message: Uint8Array, longLivedKey?: boolean) {
      b.hmacs++;
      return jsHmacBackend.hmac(key, message, longLivedKey);
    },
    verify(key: Uint8Array, message: Uint8Array, mac: Uint8Array) {
      b.verifies++;
      return jsHmacBackend.verify(key, message, mac);
    },
  };
  return b;
}

// ---------------------------------------------------------------------------------------------
// token/signing: the k1 cache
// ---------------------------------------------------------------------------------------------

describe('k1 cache (token/signing)', () => {
  it('keeps the 16 most recent entries: the 17th evicts the oldest, never the newest', () => {
    const cert = 'c0ffee00c0ffee00c0ffee00c0ffee00';
    const k1 = (i: number) => new Uint8Array(32).fill(i);
    for (let i = 1; i <= 17; i++) expect(rememberK1(cert, 10_000 + i, k1(i))).toEqual(k1(i));
    expect(findK1(cert, 10_001)).toBeUndefined();
    for (let i = 2; i <= 17; i++) expect(findK1(cert, 10_000 + i), `entry ${i}`).toEqual(k1(i));
  });

  it('is keyed by issue second and certificate together', () => {
    const a = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1';
    const b = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2';
    rememberK1(a, 20_001, new Uint8Array([1]));
    expect(findK1(b, 20_001)).toBeUndefined();
    expect(findK1(a, 20_002)).toBeUndefined();
    expect(findK1(a, 20_001)).toEqual(new Uint8Array([1]));
  });

  it('a verify with a cached k1 runs only k2 and the compare (no k1 step), and the answer stays right', () => {
    const token = sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'k1-cache', uid: 9, role: 'publisher', issuedAt: 1_650_000_123, salt: 77 });
    const cert = 'd00dd00dd00dd00dd00dd00dd00dd00d';
    const first = countingBackend();
    // A fresh certificate: the first verify computes k1 (3 steps), the second finds it (2 steps).
    expect(runSync(verify007(cert, 1_650_000_123, 77, new Uint8Array(8), new Uint8Array(32)), first)).toBe(false);
    expect([first.hmacs, first.verifies]).toEqual([2, 1]);
    const second = countingBackend();
    expect(runSync(verify007(cert, 1_650_000_123, 78, new Uint8Array(8), new Uint8Array(32)), second)).toBe(false);
    expect([second.hmacs, second.verifies]).toEqual([1, 1]);
    // Same second, the real certificate: a cache miss for it, then a hit, both verify true.
    expect(sync.verifyToken(token, CERT)).toBe(true);
    expect(sync.verifyToken(token, cert)).toBe(false);
    expect(sync.verifyToken(token, CERT)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// sign/webcrypto and api/async: no Web Crypto, and rejections instead of synchronous throws
// ---------------------------------------------------------------------------------------------

describe('main entry without crypto.subtle', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const options = { appId: APP_ID, appCertificate: CERT, channel: 'no-subtle', uid: 5, role: 'publisher' as const, issuedAt: ISSUE, salt: 3 };

  it.each([
    ['no crypto global', undefined],
    ['crypto without subtle', {}],
  ])('%s: builds and verifies reject with ERR_NOT_SUPPORTED (never a TypeError, never a sync throw)', async (_name, value) => {
    const token = sync.buildRtcToken(options);
    vi.stubGlobal('crypto', value);
    let build: Promise<string> | undefined;
    expect(() => {
      build = main.buildRtcToken(options);
    }).not.toThrow();
    const error = await build!.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AgoraTokenError);
    expect(error).toMatchObject({ code: 'ERR_NOT_SUPPORTED' });
    await expect(main.verifyToken(token, CERT)).rejects.toMatchObject({ code: 'ERR_NOT_SUPPORTED' });
    // The /sync entry needs no Web Crypto.
    expect(sync.verifyToken(token, CERT)).toBe(true);
  });
});

describe('async entry: a bad call rejects, it never throws synchronously', () => {
  it('verifySignature called on something that is not an AccessToken2 returns a rejected promise', async () => {
    const t = new main.AccessToken2();
    let p: Promise<boolean> | undefined;
    expect(() => {
      p = t.verifySignature.call({} as never, CERT);
    }).not.toThrow();
    await expect(p!).rejects.toBeInstanceOf(TypeError);
  });

  it('verifySignature resolves false when nothing was read (and the /sync twin returns false)', async () => {
    await expect(new main.AccessToken2().verifySignature(CERT)).resolves.toBe(false);
    expect(new sync.AccessToken2().verifySignature(CERT)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// errors
// ---------------------------------------------------------------------------------------------

describe('AgoraTokenError and isAgoraTokenError', () => {
  it('has no own cause unless one is given', () => {
    const plain = new AgoraTokenError('ERR_INVALID_UID', 'uid: bad');
    expect('cause' in plain).toBe(false);
    const inner = new Error('inner');
    const wrapped = new AgoraTokenError('ERR_TOKEN_ZLIB', 'token: bad', { cause: inner, field: 'token' });
    expect(wrapped.cause).toBe(inner);
    expect(wrapped.field).toBe('token');
    expect(plain.field).toBeUndefined();
  });

  it('checks the shape: name AgoraTokenError and a string code; null and look-alikes are not errors', () => {
    expect(isAgoraTokenError(null)).toBe(false);
    expect(isAgoraTokenError(undefined)).toBe(false);
    expect(isAgoraTokenError('AgoraTokenError')).toBe(false);
    expect(isAgoraTokenError({ name: 'AgoraTokenError' })).toBe(false);
    expect(isAgoraTokenError({ name: 'AgoraTokenError', code: 42 })).toBe(false);
    expect(isAgoraTokenError({ name: 'Error', code: 'ERR_INVALID_UID' })).toBe(false);
    expect(isAgoraTokenError({ name: 'AgoraTokenError', code: 'ERR_INVALID_UID' })).toBe(true);
    expect(isAgoraTokenError(new AgoraTokenError('ERR_NO_SERVICE', 'x'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// token/decode and token/decode-007
// ---------------------------------------------------------------------------------------------

/** A 007 token around `services` (the bytes after the service count). */
function token007(serviceCount: number, services: number[]): string {
  return new Payload().u16(32).raw(Array.from({ length: 32 }, (_, i) => i)).text(APP_ID).u32(ISSUE).u32(3600).u32(99).u16(serviceCount).raw(services).token();
}

/** An RTC record with these (id, expire) pairs in this order. */
function rtcRecord(privileges: [number, number][], channel = 'room', uid = '7'): number[] {
  const b = new Payload().u16(1).u16(privileges.length);
  for (const [id, expire] of privileges) b.u16(id).u32(expire);
  return b.text(channel).text(uid).out;
}

describe('decodeToken: privilege maps as the official parser reads them', () => {
  it.each([
    ['an id repeated in ascending order keeps its last value', [[1, 10], [1, 20], [2, 30]]],
    ['an out-of-order id keeps every entry read before it', [[1, 10], [3, 30], [2, 20], [4, 40]]],
    ['a descending map', [[4, 40], [3, 30], [2, 20], [1, 10]]],
    ['a repeat after a descent', [[2, 20], [1, 10], [2, 25]]],
  ] as [string, [number, number][]][])('%s', (_name, privileges) => {
    const token = token007(1, rtcRecord(privileges));
    const ours = privilegesOf(token);
    const official = officialParse(token)!;
    const expected = Object.entries(official.services[0]!.privileges).map(([id, expire]) => ({ id: Number(id), expire }));
    expect(ours.map((p) => ({ id: p.id, expire: p.expire }))).toEqual(expected);
    expect(new Set(ours.map((p) => p.id)).size).toBe(ours.length);
  });
});

describe('decodeToken: an unknown service type stops the read', () => {
  it('reports the bytes left after the unknown type and does not read on (no trailing-bytes error)', () => {
    const unknown = new Payload().u16(77).u16(1).u16(1).u32(5).text('rest').out; // 2 + 6 + 6 bytes after the type
    const token = token007(3, [...rtcRecord([[1, 10]]), ...unknown, 0xff, 0xee]);
    const d = main.decodeToken(token);
    if (d.version !== '007') throw new Error('not 007');
    expect(d.services).toHaveLength(2);
    expect(d.services[0]!.name).toBe('rtc');
    expect(d.services[1]).toEqual({ name: 'unknown', type: 77, unparsedBytes: unknown.length - 2 + 2 }) // after the type: the record and the 2 stray bytes;
  });
});

describe('verifyToken: the 006 expectation', () => {
  const channelName = 'legacy-room';
  const t006 = (uid: number) => legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, channelName, uid, 1, 2_000_000_000, { salt: 5, ts: 1_900_000_000 });

  it.each([
    ['no expectation', undefined],
    ['an empty object', {}],
    ['a channelName that is not a string', { channelName: 42 }],
  ])('%s: ERR_INVALID_ARGUMENT on expected.channelName, on both entries', async (_name, expected) => {
    const token = t006(0);
    const error = thrown(() => sync.verifyToken(token, CERT, expected as never));
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'expected.channelName' });
    await expect(main.verifyToken(token, CERT, expected as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'expected.channelName' });
  });

  it('a bad uid is reported under expected.uid', async () => {
    const token = t006(0);
    for (const uid of [-1, 1.5, 2 ** 32]) {
      expect(thrown(() => sync.verifyToken(token, CERT, { channelName, uid }))).toMatchObject({ field: 'expected.uid' });
      await expect(main.verifyToken(token, CERT, { channelName, uid })).rejects.toMatchObject({ field: 'expected.uid' });
    }
  });

  it('an omitted uid stands for uid 0 (the any-uid token), not for the text "0"', async () => {
    const token = t006(0);
    expect(sync.verifyToken(token, CERT, { channelName })).toBe(true);
    expect(sync.verifyToken(token, CERT, { channelName, uid: 0 })).toBe(true);
    await expect(main.verifyToken(token, CERT, { channelName })).resolves.toBe(true);
    expect(sync.verifyToken(t006(7), CERT, { channelName })).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// builders/rtc: positional and options forms
// ---------------------------------------------------------------------------------------------

const official = require('agora-token');

/** Our token's services against the official builder's for the same call (salt and time differ). */
function sameServices(ours: string, theirs: string): void {
  expect(officialParse(ours)!.services).toEqual(officialParse(theirs)!.services);
}

describe('RtcTokenBuilder (positional) against agora-token', () => {
  it('buildTokenWithRtm: the RTM login lasts tokenExpire, the RTC privileges privilegeExpire', () => {
    const args = [APP_ID, CERT, 'room', 'alice', 1, 900, 300] as const;
    const ours = sync.RtcTokenBuilder.buildTokenWithRtm(...args);
    sameServices(ours, official.RtcTokenBuilder.buildTokenWithRtm(...args));
    const d = sync.decodeToken(ours);
    if (d.version !== '007') throw new Error('not 007');
    expect(d.services[1]).toMatchObject({ name: 'rtm', userId: 'alice', privileges: [{ id: 1, expire: 900 }] });
  });

  it('an omitted privilegeExpire (plain JavaScript) is written as 0, as agora-token writes it', () => {
    const ours = (sync.RtcTokenBuilder.buildTokenWithUid as (...a: unknown[]) => string)(APP_ID, CERT, 'room', 42, 1, 600);
    sameServices(ours, official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600));
    expect(privilegesOf(ours).map((p) => p.expire)).toEqual([0, 0, 0, 0]);
  });

  it('a wildcard channel with a user account "0" is refused under the account field', () => {
    for (const call of [
      () => sync.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, '*', '0', 1, 600, 600),
      () => sync.RtcTokenBuilder.buildTokenWithRtm(APP_ID, CERT, '*', '0', 1, 600, 600),
      () => sync.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(APP_ID, CERT, '*', '0', 600, 600, 600, 600, 600),
    ]) {
      expect(thrown(call)).toMatchObject({ code: 'ERR_INVALID_UID', field: 'account' });
    }
    expect(thrown(() => sync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, '*', 0, 1, 600, 600))).toMatchObject({ code: 'ERR_INVALID_UID', field: 'uid' });
    expect(thrown(() => sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: '*', account: '0', role: 'publisher' }))).toMatchObject({ code: 'ERR_INVALID_UID', field: 'account' });
    // A wildcard for an account other than "0" builds, and the official parser reads it back.
    expect(officialParse(sync.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, '*', '7', 1, 600, 600))!.services[0]!.fields).toEqual({ channelName: '*', uid: '7' });
  });

  it('buildTokenWithRtm2 names its own parameters in errors (rtcRole, rtmTokenExpire)', () => {
    const call = (role: unknown, rtmExpire: unknown) => () =>
      sync.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, CERT, 'room', 'alice', role as 1, 600, 600, 600, 600, 600, 'bob', rtmExpire as number);
    expect(thrown(call(3, 600))).toMatchObject({ code: 'ERR_INVALID_ROLE', field: 'rtcRole' });
    expect(thrown(call(1, -1))).toMatchObject({ code: 'ERR_INVALID_EXPIRE', field: 'rtmTokenExpire' });
  });

  it("only the numbers 1 and 2 are roles: '1' and '2' are refused", () => {
    for (const role of ['1', '2', true]) {
      expect(thrown(() => sync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, role as never, 600, 600))).toMatchObject({ code: 'ERR_INVALID_ROLE', field: 'role' });
    }
  });
});

describe('buildRtcToken (options form)', () => {
  const base = { appId: APP_ID, appCertificate: CERT, channel: 'room', role: 'publisher' as const, issuedAt: ISSUE, salt: 11, expiresInSeconds: 900 };
  const rtcOf = (token: string) => {
    const d = sync.decodeToken(token);
    if (d.version !== '007') throw new Error('not 007');
    return d.services;
  };

  it('refuses both uid and account, and neither', () => {
    expect(thrown(() => sync.buildRtcToken({ ...base, uid: 1, account: 'alice' }))).toMatchObject({ code: 'ERR_INVALID_UID', field: 'uid' });
    expect(thrown(() => sync.buildRtcToken({ ...base }))).toMatchObject({ code: 'ERR_INVALID_UID', field: 'uid' });
  });

  it('refuses an empty account (uid 0 is the wildcard)', () => {
    expect(thrown(() => sync.buildRtcToken({ ...base, account: '' }))).toMatchObject({ code: 'ERR_INVALID_ACCOUNT', field: 'account' });
  });

  it('a uid given as a word is named as a user account mistake', () => {
    const e = thrown(() => sync.buildRtcToken({ ...base, uid: 'alice' as never })) as AgoraTokenError;
    expect(e).toMatchObject({ code: 'ERR_INVALID_UID', field: 'uid' });
    expect(e.message).toContain('give it as account');
  });

  it("role 'subscriber' grants only the join privilege; 'publisher' all four", () => {
    expect(privilegesOf(sync.buildRtcToken({ ...base, uid: 5, role: 'subscriber' })).map((p) => p.id)).toEqual([1]);
    expect(privilegesOf(sync.buildRtcToken({ ...base, uid: 5, role: 'publisher' })).map((p) => p.id)).toEqual([1, 2, 3, 4]);
  });

  it('per-privilege lifetimes map each name to its official id, and an empty object is refused', () => {
    const all = privilegesOf(sync.buildRtcToken({ ...base, uid: 5, privilegeExpiresInSeconds: { joinChannel: 100, publishAudioStream: 200, publishVideoStream: 300, publishDataStream: 400 } }));
    expect(all.map((p) => [p.id, p.expire])).toEqual([[1, 100], [2, 200], [3, 300], [4, 400]]);
    expect(privilegesOf(sync.buildRtcToken({ ...base, uid: 5, privilegeExpiresInSeconds: { publishVideoStream: 50 } }))).toEqual([
      { id: 3, name: 'publishVideoStream', expire: 50 },
    ]);
    expect(thrown(() => sync.buildRtcToken({ ...base, uid: 5, privilegeExpiresInSeconds: {} }))).toMatchObject({ code: 'ERR_INVALID_PRIVILEGE', field: 'privilegeExpiresInSeconds' });
  });

  it('privilegeExpiresInSeconds: null is refused, not taken for the default', () => {
    expect(thrown(() => sync.buildRtcToken({ ...base, uid: 5, privilegeExpiresInSeconds: null as never }))).toMatchObject({ field: 'privilegeExpiresInSeconds' });
  });

  it('rtm: false adds no RTM service; rtm: {} adds RTM login for the same user, lasting expiresInSeconds', () => {
    expect(rtcOf(sync.buildRtcToken({ ...base, uid: 5, rtm: false as never }))).toHaveLength(1);
    const services = rtcOf(sync.buildRtcToken({ ...base, uid: 5, rtm: {} }));
    expect(services[1]).toEqual({ type: 2, name: 'rtm', userId: '5', privileges: [{ id: 1, name: 'login', expire: 900 }] });
    expect(rtcOf(sync.buildRtcToken({ ...base, account: 'alice', rtm: { expiresInSeconds: 60 } }))[1]).toMatchObject({ userId: 'alice', privileges: [{ id: 1, expire: 60 }] });
  });
});

describe('decode error hints: positions and the case hint', () => {
  const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'hint-room', 1, 1, 2_000_000_000, { salt: 5, ts: 1_900_000_000 });
  const messageOf = (token: string) => (thrown(() => sync.decodeToken(token)) as AgoraTokenError).message;

  it('a 006 token names positions in the whole token, not in its base64 body', () => {
    expect(messageOf(`${t006.slice(0, 100)}="x`)).toContain('"=" padding, here at index 100');
    expect(messageOf(`${t006.slice(0, 60)}\u200b${t006.slice(60)}`)).toContain('U+200B at index 60');
  });

  it('a short one-case fragment is not called case-mangled (only 40+ characters are)', () => {
    for (const fragment of ['007abcdefgh', '007abcd', `007${'ab'.repeat(18)}`]) {
      const m = messageOf(fragment);
      expect(m, fragment).not.toContain('case');
    }
  });
});

describe('verifyToken: `expected` is for 006 tokens only (as documented)', () => {
  it('a 007 token verifies whatever channel and uid `expected` names: it carries its own, read them with decodeToken', async () => {
    const token = sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 42, role: 'publisher' });
    const other = { channelName: 'other', uid: 99 };
    expect(sync.verifyToken(token, CERT, other)).toBe(true);
    await expect(main.verifyToken(token, CERT, other)).resolves.toBe(true);
    const decoded = sync.decodeToken(token);
    expect(decoded.version === '007' && decoded.services[0]).toMatchObject({ name: 'rtc', channelName: 'room', uid: '42' });
  });
});
