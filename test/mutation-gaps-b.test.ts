// Behaviour the rest of the suite left open, found by hand-made mutation testing of the legacy
// builders, inspect (time, describe-service, service-info, expires-at), the core reader/writer,
// salt and "did you mean" helpers, the RTM2 permission tree, token kinds and the 007 builders.
// Each test pins one rule that a plausible one-line change broke without any other test failing.
// Oracles: agora-token 2.0.6 and agora-access-token 2.0.4 where they apply, arithmetic elsewhere.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as main from '../src/index.ts';
import * as sync from '../src/sync.ts';
import * as legacySync from '../src/legacy-sync.ts';
import { nearestName } from '../src/core/near.ts';
import { randomSalt, resetSaltPool } from '../src/core/random.ts';
import { ByteReader } from '../src/core/reader.ts';
import { formatDuration, relative } from '../src/inspect/time.ts';
import { officialParse, officialToken006, officialToken007 } from './helpers/official.ts';
import { Payload } from './helpers/payload.ts';

const require = createRequire(import.meta.url);
const AT2 = require('agora-token/src/AccessToken2');

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const ISSUE = 1_700_000_000;

/** A 007 token from the official low-level class with a fixed issue time and salt. */
function official007(expire: number, services: unknown[]): string {
  return officialToken007(APP_ID, CERT, ISSUE, expire, 4242, services);
}

function withPrivileges<S extends { add_privilege(id: number, v: number): void }>(s: S, privileges: Record<number, number>): S {
  for (const [id, v] of Object.entries(privileges)) s.add_privilege(Number(id), v);
  return s;
}

/** A 006 token from the official AccessToken class with a fixed ts. */
function official006(channel: string, uid: number | string, ts: number, privileges: Record<number, number>): string {
  return officialToken006(APP_ID, CERT, channel, uid, ts, privileges, 777);
}

function errorOf(fn: () => unknown): { code?: string; field?: string; message: string } {
  try {
    fn();
  } catch (e) {
    const err = e as { code?: string; field?: string; message: string };
    return { code: err.code, field: err.field, message: err.message };
  }
  throw new Error('expected a throw');
}

describe('inspect: the reference time (inspect/time resolveNow)', () => {
  const token = official007(3600, [withPrivileges(new AT2.ServiceRtc('room', 42), { 1: 3600 })]);

  it('a Date is cut to its whole second, never rounded up', () => {
    const info = sync.inspectToken(token, { now: new Date(ISSUE * 1000 + 999) });
    expect(info.now).toBe(ISSUE);
    expect(info.secondsLeft).toBe(3600);
  });

  it('fractional Unix seconds are floored', () => {
    const info = sync.inspectToken(token, { now: ISSUE + 0.75 });
    expect(info.now).toBe(ISSUE);
    expect(info.nowIso).toBe('2023-11-14T22:13:20Z');
  });

  it('now = 0 (the epoch) is a valid reference time', () => {
    const info = sync.inspectToken(token, { now: 0 });
    expect(info).toMatchObject({ now: 0, nowIso: '1970-01-01T00:00:00Z', expired: false });
  });

  it('10^11 is the first value read as milliseconds; the second before it is still seconds', () => {
    expect(errorOf(() => sync.inspectToken(token, { now: 100_000_000_000 }))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'options.now', message: expect.stringMatching(/milliseconds/) });
    expect(sync.inspectToken(token, { now: 99_999_999_999 }).now).toBe(99_999_999_999);
  });

  it('any option other than now is refused, naming it', () => {
    expect(errorOf(() => sync.inspectToken(token, { now: ISSUE, at: ISSUE } as never))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'options.at' });
  });
});

describe('durations in messages (inspect/time formatDuration, relative)', () => {
  it.each([
    [0, '0s'], [1, '1s'], [60, '1m'], [61, '1m 1s'], [3600, '1h'], [3661, '1h 1m'], [86_400, '1d'], [90_061, '1d 1h'],
    [31_536_000, '1y'], [-61, '1m 1s'], [-3600, '1h'], [59.9, '59s'],
  ])('formatDuration(%d) = %j (two largest units, whole seconds, no sign)', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('relative: "in …", "… ago" and "just now"', () => {
    expect(relative(90)).toBe('in 1m 30s');
    expect(relative(-90)).toBe('1m 30s ago');
    expect(relative(0)).toBe('just now');
  });

  it('diagnose names the clock skew as a duration', () => {
    const token = official007(600, [withPrivileges(new AT2.ServiceRtc('room', 42), { 1: 600 })]);
    const f = sync.diagnoseToken(token, { now: ISSUE - 3661 }).find((x) => x.code === 'ISSUED_IN_FUTURE');
    expect(f?.message).toContain(', 1h 1m ahead of the reference clock');
  });
});

describe('inspect summaries (inspect/describe-service, service-info)', () => {
  it('APaaS role -1 is marked as the default, another role is not', () => {
    const d = sync.inspectToken(official007(3600, [withPrivileges(new AT2.ServiceApaas('room', 'user', -1), { 1: 3600 })]), { now: ISSUE });
    expect(d.services[0]!.summary).toBe('room "room", user "user", role -1 (default)');
    const r0 = sync.inspectToken(sync.buildApaasToken({ appId: APP_ID, appCertificate: CERT, roomUuid: 'room', userUuid: 'user', role: 0, issuedAt: ISSUE, salt: 1 }), { now: ISSUE });
    expect(r0.services.find((s) => s.name === 'apaas')!.summary).toBe('room "room", user "user", role 0');
  });

  it('streaming/FCDN: an empty account is "(any)", a named one is quoted', () => {
    const any = sync.inspectToken(official007(3600, [withPrivileges(new AT2.ServiceStreaming('live', ''), { 1: 3600 })]), { now: ISSUE });
    expect(any.services[0]!.summary).toBe('channel "live", account (any)');
    const named = sync.inspectToken(official007(3600, [withPrivileges(new AT2.ServiceFCdn('live', 'bob'), { 2: 3600 })]), { now: ISSUE });
    expect(named.services[0]!.summary).toBe('channel "live", account "bob"');
  });

  it('an RTC account "0" is flagged as NOT the uid-0 wildcard', () => {
    const info = sync.inspectToken(official007(3600, [withPrivileges(new AT2.ServiceRtc('room', '0'), { 1: 3600 })]), { now: ISSUE });
    expect(new AT2.ServiceRtc('room', '0').__uid).toBe('0');
    expect(info.services[0]!.summary).toBe('channel "room", the string "0" (NOT the uid-0 wildcard)');
  });
});

describe('privilege notes at the 10^9 line (inspect/inspect)', () => {
  it('007: a privilege value of exactly 10^9 reads as an absolute Unix time', () => {
    const info = sync.inspectToken(official007(3600, [withPrivileges(new AT2.ServiceRtc('room', 42), { 1: 1_000_000_000 })]), { now: ISSUE });
    expect(info.services[0]!.privileges[0]!.note).toMatch(/absolute Unix time/);
  });

  it('006: a privilege value of exactly 10^9 is a timestamp, not a duration', () => {
    const info = sync.inspectToken(official006('room', 42, ISSUE + 3600, { 1: 1_000_000_000, 2: 999_999_999 }), { now: ISSUE });
    const [join, audio] = info.services[0]!.privileges;
    expect(join!.note).toBeUndefined();
    expect(audio!.note).toMatch(/looks like a duration/);
  });

  it('006: privileges with ids past 1000 stay in the RTC service; only 1000 is RTM', () => {
    const info = sync.inspectToken(official006('room', 42, ISSUE + 3600, { 1: ISSUE + 3600, 1001: ISSUE + 60, 1000: ISSUE + 3600 }), { now: ISSUE });
    expect(info.services.map((s) => [s.name, s.privileges.map((p) => p.id)])).toEqual([['rtc', [1, 1001]], ['rtm', [1000]]]);
    expect(info.limitedBy).toBe('rtc.1001');
  });
});

describe('tokenExpiresAt (inspect/expires-at)', () => {
  it('takes the earliest of every privilege, not only the first', () => {
    const token = official007(3600, [withPrivileges(new AT2.ServiceRtc('room', 42), { 1: 3000, 2: 1200, 3: 0 }), withPrivileges(new AT2.ServiceRtm('u'), { 1: 900 })]);
    expect(main.tokenExpiresAt(token).getTime()).toBe((ISSUE + 900) * 1000);
    expect(main.tokenExpiresAt(token).getTime() / 1000).toBe(sync.inspectToken(token, { now: ISSUE }).effectiveExpiresAt);
    const one = official007(3600, [withPrivileges(new AT2.ServiceRtc('room', 42), { 1: 3000, 2: 1200 })]);
    expect(main.tokenExpiresAt(one).getTime()).toBe((ISSUE + 1200) * 1000);
  });
});

describe('salts (core/random randomSalt)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetSaltPool();
  });

  it('maps each CSPRNG word into 1..99999999 and rejects the biased top range', () => {
    // The draw is real getRandomValues output overwritten with chosen words, to reach the edges.
    const words = [0, 99_999_998, 99_999_999, 42 * 99_999_999 - 1, 42 * 99_999_999, 0xffffffff, 7];
    const real = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      real(array as unknown as Uint32Array<ArrayBuffer>);
      (array as unknown as Uint32Array).set(words);
      return array;
    });
    resetSaltPool();
    // 42*99999999 and 2^32-1 are rejected (they would make salts 1 and 95 more likely than others).
    expect([randomSalt(), randomSalt(), randomSalt(), randomSalt(), randomSalt()]).toEqual([1, 99_999_999, 1, 99_999_999, 8]);
  });

  it('each pooled word is used once: consecutive salts differ', () => {
    resetSaltPool();
    const salts = Array.from({ length: 64 }, () => randomSalt());
    expect(new Set(salts).size).toBeGreaterThan(60);
  });
});

describe('"did you mean" (core/near nearestName)', () => {
  const known = ['appId', 'channel', 'salt', 'maxBodyBytes'];
  it.each([
    ['chanl', 'channel'], // five letters: two edits allowed
    ['ap', undefined], // under three letters: nothing, though it is a prefix of appId
    ['saltvalue', 'salt'], // a known name that is a prefix of the misspelling
    ['maxBodyBytesLimit', 'maxBodyBytes'],
  ])('%j -> %j', (name, want) => {
    expect(nearestName(name, known)).toBe(want);
  });
});

describe('ByteReader strings: a lone 0x80 byte is not UTF-8', () => {
  const field = (bytes: number[]) => Uint8Array.from([bytes.length & 255, bytes.length >> 8, ...bytes]);
  it('16 bytes (the fast path with no tail) holding 0x80 and NULs -> ERR_TOKEN_MALFORMED', () => {
    const b = field([0x80, ...new Array(15).fill(0)]);
    expect(errorOf(() => new ByteReader(b).string('rtc.channelName'))).toMatchObject({ code: 'ERR_TOKEN_MALFORMED', field: 'rtc.channelName' });
  });
  it('check-only reading refuses the same bytes', () => {
    for (const bytes of [[0x80], [0x80, 0x00], [0x41, 0x80]]) {
      const b = field(bytes);
      expect(errorOf(() => new ByteReader(b, 0, b.length, true).string('rtm.userId'))).toMatchObject({ code: 'ERR_TOKEN_MALFORMED', field: 'rtm.userId' });
    }
    const ok = field([0x41, 0x42]);
    expect(new ByteReader(ok, 0, ok.length, true).string('rtm.userId')).toBe('');
  });
  it('verifyToken (check-only decode) refuses a token whose user id is a lone 0x80', () => {
    const p = new Payload();
    p.u16(32).raw(new Array(32).fill(1));
    p.text(APP_ID).u32(ISSUE).u32(3600).u32(1).u16(1).u16(2).u16(1).u16(1).u32(3600).u16(1);
    p.raw([0x80]);
    expect(errorOf(() => sync.verifyToken(p.token(), CERT))).toMatchObject({ code: 'ERR_TOKEN_MALFORMED' });
    expect(errorOf(() => sync.decodeToken(p.token()))).toMatchObject({ code: 'ERR_TOKEN_MALFORMED' });
  });
});

describe('RTM2 permission trees (token/rtm2-permissions)', () => {
  it('resource and permission type 65535 (the largest u16) pack and decode', () => {
    const perms = new sync.Rtm2Permissions().add(65535, 65535, ['x']);
    const token = sync.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'u', perms, 3600);
    const d = sync.decodeToken(token);
    expect(d.version === '007' && d.services[0]!.name === 'rtm2' && d.services[0]!.permissions).toEqual([{ resourceType: 65535, permissionType: 65535, resources: ['x'] }]);
  });

  it('a token listing one resource type twice: both records are kept, as the official parser merges them', () => {
    const p = new Payload();
    p.u16(32).raw(new Array(32).fill(1));
    p.text(APP_ID).u32(ISSUE).u32(3600).u32(1).u16(1);
    p.u16(8).u16(1).u16(1).u32(3600).text('u'); // rtm2, login privilege, userId
    p.u16(2); // two resource-type records, both type 0
    p.u16(0).u16(1).u16(0).u16(1).text('a'); // 0: read -> [a]
    p.u16(0).u16(1).u16(1).u16(1).text('b'); // 0: write -> [b]
    const token = p.token();
    expect(officialParse(token)!.services[0]!.fields['permissions']).toEqual({ 0: { 0: ['a'], 1: ['b'] } });
    const d = sync.decodeToken(token);
    expect(d.version === '007' && d.services[0]!.name === 'rtm2' && d.services[0]!.permissions).toEqual([
      { resourceType: 0, permissionType: 0, resources: ['a'] },
      { resourceType: 0, permissionType: 1, resources: ['b'] },
    ]);
  });
});

describe('legacy (006) edges', () => {
  it('privilegeExpiredTs 10^12 (the first millisecond-looking value) gets the 006 milliseconds message', () => {
    expect(errorOf(() => legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, legacySync.RtcRole.PUBLISHER, 1e12))).toMatchObject({
      code: 'ERR_INVALID_EXPIRE', field: 'privilegeExpiredTs', message: expect.stringMatching(/006 takes Unix seconds/),
    });
  });
});

describe('service objects (token/services)', () => {
  it('privileges reads back ascending by id, whatever the order they were added in', () => {
    const s = new sync.ServiceRtc('room', 42).addPrivilege(4, 40).addPrivilege(1, 10).addPrivilege(2, 20);
    expect([...s.privileges]).toEqual([[1, 10], [2, 20], [4, 40]]);
  });

  it('a privilege id outside u16 is ERR_INVALID_PRIVILEGE', () => {
    expect(errorOf(() => new sync.ServiceRtc('room', 42).addPrivilege(70_000, 10))).toMatchObject({ code: 'ERR_INVALID_PRIVILEGE', field: 'privilege' });
    expect(errorOf(() => new sync.Service(99).add_privilege(-1, 10))).toMatchObject({ code: 'ERR_INVALID_PRIVILEGE' });
  });

  it('from_string gives streaming and FCDN services the official __channel_name and __account fields', () => {
    const token = official007(3600, [withPrivileges(new AT2.ServiceStreaming('live', 'bob'), { 1: 3600 }), withPrivileges(new AT2.ServiceFCdn('cdn', 'eve'), { 2: 3600 })]);
    const theirs = new AT2.AccessToken2();
    expect(theirs.from_string(token)).toBe(true);
    const ours = new sync.AccessToken2();
    expect(ours.from_string(token)).toBe(true);
    const fields = (s: Record<string, unknown>) => [s['__type'], String(s['__channel_name']), String(s['__account']), s['__privileges']];
    expect(ours.services.map((s) => fields(s as never))).toEqual(theirs.services.map((s: never) => fields(s)));
    expect(ours.services.map((s) => fields(s as never))).toEqual([[3, 'live', 'bob', { 1: 3600 }], [6, 'cdn', 'eve', { 2: 3600 }]]);
  });
});

describe('options-form builders: argument checks (builders/apaas, stt, rtm)', () => {
  const base = { appId: APP_ID, appCertificate: CERT };
  it('buildApaasToken with app: true refuses a role (an app token has no role)', () => {
    expect(errorOf(() => sync.buildApaasToken({ ...base, app: true, role: 2 } as never))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'app' });
  });

  it('buildSttToken names itself in its errors, not buildConvoAIToken', () => {
    expect(errorOf(() => sync.buildSttToken({ ...base, chanel: 'x' } as never)).message).toMatch(/^options\.chanel: unknown option/);
    expect(errorOf(() => sync.buildSttToken(null as never)).message).toBe('options: buildSttToken() expects an options object');
    expect(errorOf(() => sync.buildConvoAIToken(null as never)).message).toBe('options: buildConvoAIToken() expects an options object');
  });

  it('buildRtmToken: a non-object permissions value says how to ask for RTM 1.x', () => {
    for (const permissions of [0, '', 'x', true]) {
      expect(errorOf(() => sync.buildRtmToken({ ...base, userId: 'u', permissions } as never))).toMatchObject({
        code: 'ERR_INVALID_ARGUMENT', field: 'permissions', message: expect.stringMatching(/omit it, or pass null, for an RTM 1\.x token/),
      });
    }
  });
});
