// diagnoseToken: every finding code, triggered by real tokens built by the official packages
// (agora-token 2.0.6 for 007, agora-access-token 2.0.4 for 006) and by ours. Each diagnosis runs
// on both entries (Web Crypto and the pure-JS HMAC) and must give identical findings with no certificate
// in them; the last test checks that every code in FINDING_CODES was produced.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import * as main from '../src/index.ts';
import * as sync from '../src/sync.ts';
import * as legacyOurs from '../src/legacy-sync.ts';
import type { DiagnoseExpectation, Finding, FindingCode } from '../src/index.ts';
import { codes, get } from './helpers/findings.ts';
import { officialRtc as rtc, officialToken006, officialToken007 } from './helpers/official.ts';

const require = createRequire(import.meta.url);
const official = require('agora-token');
const AT2 = require('agora-token/src/AccessToken2');
const legacy = require('agora-access-token');
const { AccessToken: AccessToken006 } = require('agora-access-token/src/AccessToken');
const DynamicKey5 = require('agora-access-token/src/DynamicKey5');

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5cfd2fd1755d40ecb72977518be15d3b';
const OTHER_CERT = '0123456789abcdef0123456789abcdef';
const OTHER_APP_ID = 'ABCDEF0123456789ABCDEF0123456789';
const ISSUE = 1_700_000_000;
const seen = new Set<FindingCode>();

/** Runs both entries, checks they agree and leak no certificate, records the codes. */
async function diagnose(token: string, expected: DiagnoseExpectation = {}): Promise<Finding[]> {
  const a = await main.diagnoseToken(token, expected);
  const b = sync.diagnoseToken(token, expected);
  expect(a).toEqual(b);
  const text = JSON.stringify(a).toLowerCase();
  for (const secret of [CERT, OTHER_CERT]) expect(text).not.toContain(secret);
  for (const f of a) {
    seen.add(f.code);
    expect(f.message.length).toBeGreaterThan(10);
    expect(f.fix.length).toBeGreaterThan(10);
  }
  return a;
}

function official007(expire: number, services: unknown[], cert = CERT, appId = APP_ID): string {
  return officialToken007(appId, cert, ISSUE, expire, 99, services);
}
const PUB = { 1: 3600, 2: 3600, 3: 3600, 4: 3600 };
function official006(channel: string, uid: number | string, ts: number, privileges: Record<number, number>, cert = CERT): string {
  return officialToken006(APP_ID, cert, channel, uid, ts, privileges);
}

/** A 007 token assembled by hand (SPEC 2.2/2.6) with node:crypto, for shapes no builder makes. */
function craft007(serviceCount: number, serviceBytes: Buffer): string {
  const u16 = (n: number) => Buffer.from([n & 255, n >> 8]);
  const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
  const info = Buffer.concat([u16(32), Buffer.from(APP_ID), u32(ISSUE), u32(600), u32(7), u16(serviceCount), serviceBytes]);
  const k1 = createHmac('sha256', u32(ISSUE)).update(CERT).digest();
  const k2 = createHmac('sha256', u32(7)).update(k1).digest();
  const sig = createHmac('sha256', k2).update(info).digest();
  return '007' + deflateSync(Buffer.concat([u16(32), sig, info])).toString('base64');
}

describe('unreadable tokens', () => {
  it('TOKEN_MALFORMED wraps the AgoraTokenError code', async () => {
    const good = official007(600, [rtc('room', 42, PUB)]);
    expect(get(await diagnose('007garbage!'), 'TOKEN_MALFORMED').details).toMatchObject({ errorCode: 'ERR_TOKEN_BASE64' });
    const spaced = get(await diagnose(good.replace(/\+/g, ' ') + (good.includes('+') ? '' : ' ')), 'TOKEN_MALFORMED');
    expect(spaced.message).toMatch(/whitespace/);
    expect(get(await diagnose(good.slice(0, 60)), 'TOKEN_MALFORMED').details!['errorCode']).toMatch(/ERR_TOKEN_(ZLIB|TRUNCATED|BASE64)/);
    expect(get(await diagnose('hello'), 'TOKEN_MALFORMED').details).toMatchObject({ errorCode: 'ERR_TOKEN_VERSION' });
    expect(codes(await diagnose('006' + APP_ID + 'AAAA'))).toEqual(['TOKEN_MALFORMED']);
  });

  it('TOKEN_UNSUPPORTED for a real 005 key and APP_ID_INSTEAD_OF_TOKEN for an App ID', async () => {
    const key5 = DynamicKey5.generateMediaChannelKey(APP_ID, CERT, 'room', ISSUE, 1, 42, 0);
    expect(key5.startsWith('005')).toBe(true);
    expect(get(await diagnose(key5), 'TOKEN_UNSUPPORTED').details).toMatchObject({ kind: '005' });
    expect(codes(await diagnose(APP_ID))).toEqual(['APP_ID_INSTEAD_OF_TOKEN']);
  });

  it('throws (not a finding) for a bad expectation', async () => {
    const token = official007(600, [rtc('room', 42, PUB)]);
    await expect(main.diagnoseToken(token, { appCertificate: 'short' })).rejects.toMatchObject({ code: 'ERR_INVALID_APP_CERTIFICATE', field: 'expected.appCertificate' });
    expect(() => sync.diagnoseToken(token, { channelName: 'room' } as never)).toThrow(/did you mean channel/);
    expect(() => sync.diagnoseToken(token, { uid: 'alice' })).toThrow(/expected.account/);
    expect(() => sync.diagnoseToken(token, { uid: 1, account: 'a' })).toThrow(/not both/);
    expect(() => sync.diagnoseToken(token, { role: 'owner' as never })).toThrow(/expected.role/);
    expect(() => sync.diagnoseToken(token, { now: Date.now() })).toThrow(/milliseconds/);
    const rule = (expected: unknown) => {
      try {
        sync.diagnoseToken(token, expected as never);
      } catch (error) {
        return { code: (error as { code?: string }).code, field: (error as { field?: string }).field, message: (error as Error).message };
      }
      return undefined;
    };
    expect(rule('room')).toEqual({ code: 'ERR_INVALID_ARGUMENT', field: 'expected', message: 'expected: expected an object' });
    expect(rule({ channel: 42 })).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'expected.channel' });
    expect(rule({ service: 'voice' })).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'expected.service', message: expect.stringContaining('rtc, rtm, rtm2') });
    expect(rule({ now: new Date(NaN) })).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'expected.now', message: 'expected.now: invalid Date' });
    // A time before 1970 is refused as a Date as it is as a number (not read as negative seconds).
    expect(rule({ now: new Date(-1000) })).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'expected.now', message: 'expected.now: a Date before 1970' });
    expect(rule({ now: -1 })).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'expected.now' });
    expect(rule({ now: new Date(0) })).toBeUndefined();
    // A Date from another realm (Jest's and vm's contexts, an iframe) is a Date; a look-alike is not.
    const foreign = runInNewContext('new Date(1790000000000)') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(rule({ now: foreign })).toBeUndefined();
    expect(sync.inspectToken(token, { now: foreign }).now).toBe(1_790_000_000);
    expect(rule({ now: { [Symbol.toStringTag]: 'Date', getTime: () => 0 } })).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'expected.now', message: 'expected.now: invalid Date' });
    expect(rule({ channelName: undefined, now: undefined })).toBeUndefined(); // undefined options are ignored
  });

  it("expected.service 'education' is met by an APaaS/Education token (which also carries RTM and Chat), 'rtc' is not", async () => {
    const token = await main.EducationTokenBuilder.buildRoomUserToken(APP_ID, CERT, 'room-1', 'teacher-1', 1, 600);
    expect(codes(await diagnose(token, { service: 'education' }))).not.toContain('WRONG_SERVICE');
    expect(codes(await diagnose(token, { service: 'apaas' }))).not.toContain('WRONG_SERVICE');
    expect(main.inspectToken(token).services.map((svc) => svc.name)).toEqual(['rtm', 'chat', 'apaas']);
    expect(codes(await diagnose(token, { service: 'chat' }))).not.toContain('WRONG_SERVICE');
    expect(codes(await diagnose(token, { service: 'rtc' }))).toContain('WRONG_SERVICE');
  });
});

describe('time', () => {
  it('TOKEN_EXPIRED on 007 (official and ours) and 006, naming an expire of 0', async () => {
    const token = official007(600, [rtc('room', 42, PUB)]);
    expect(codes(await diagnose(token, { now: ISSUE + 599 }))).not.toContain('TOKEN_EXPIRED');
    const f = get(await diagnose(token, { now: ISSUE + 600 }), 'TOKEN_EXPIRED');
    expect(f.details).toEqual({ expiresAt: ISSUE + 600, secondsAgo: 0 });
    const zero = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, undefined, 600);
    expect(get(await diagnose(zero), 'TOKEN_EXPIRED').message).toMatch(/lifetime is 0 seconds/);
    // 006's five-argument RTM call on agora-token: the role (1) becomes a one-second lifetime.
    const rtmFive = (official.RtmTokenBuilder.buildToken as (...a: unknown[]) => string)(APP_ID, CERT, 'alice', 1, Math.floor(Date.now() / 1000) + 3600);
    const named = /lifetime is 1 second: 006's RtmTokenBuilder\.buildToken\(appId, certificate, userId, role, privilegeExpiredTs\)/;
    expect(get(await diagnose(rtmFive, { service: 'rtm', account: 'alice', now: Math.floor(Date.now() / 1000) + 5 }), 'TOKEN_EXPIRED').message).toMatch(named);
    expect(get(await diagnose(rtmFive, { service: 'rtm', account: 'alice', now: sync.inspectToken(rtmFive).issuedAt! }), 'EXPIRES_SOON').message).toMatch(named);
    // A one-second RTC token is not named so.
    expect(get(await diagnose(official007(1, [rtc('room', 42, PUB)]), { now: ISSUE + 2 }), 'TOKEN_EXPIRED').message).not.toMatch(/lifetime is 1 second/);
    const ours = sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 1, role: 'publisher', issuedAt: ISSUE, expiresInSeconds: 60 });
    expect(codes(await diagnose(ours, { now: ISSUE + 61 }))).toContain('TOKEN_EXPIRED');
    expect(codes(await diagnose(official006('room', 42, ISSUE, PUB), { now: ISSUE + 1 }))).toContain('TOKEN_EXPIRED');
  });

  it('PRIVILEGE_EXPIRED while the token is valid (007 relative, 006 absolute)', async () => {
    const token = official007(3600, [rtc('room', 42, { 1: 600, 2: 3600 })]);
    const f = get(await diagnose(token, { now: ISSUE + 700, channel: 'room' }), 'PRIVILEGE_EXPIRED');
    expect(f.details).toMatchObject({ service: 'rtc', privileges: ['joinChannel'], expiredAt: ISSUE + 600 });
    const t6 = official006('room', 42, ISSUE + 86400, { 1: ISSUE + 600 });
    expect(get(await diagnose(t6, { now: ISSUE + 700 }), 'PRIVILEGE_EXPIRED').details).toMatchObject({ privileges: ['kJoinChannel'] });
    expect(get(await diagnose(t6, { now: ISSUE + 700 }), 'PRIVILEGE_EXPIRED').severity).toBe('error');
    // 006 RTM: Agora's docs of that era called privilegeExpiredTs ignored (a 24-hour token): a warning.
    const now = Math.floor(Date.now() / 1000);
    const rtm6 = legacy.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, now + 600);
    const f6 = get(await diagnose(rtm6, { service: 'rtm', account: 'alice', now: now + 1200 }), 'PRIVILEGE_EXPIRED');
    expect(f6.severity).toBe('warning');
    expect(f6.message).toMatch(/006 RTM docs say RTM ignores this value/);
  });

  it('expired publish privileges with joinChannel still valid: error for a host, warning without a role, info for a subscriber', async () => {
    for (const token of [official007(3600, [rtc('room', 42, { 1: 3600, 2: 60, 3: 60, 4: 60 })]), official006('room', 42, ISSUE + 3600, { 1: ISSUE + 3600, 2: ISSUE + 60, 3: ISSUE + 60, 4: ISSUE + 60 })]) {
      const at = { now: ISSUE + 120, channel: 'room', uid: 42 };
      expect(get(await diagnose(token, { ...at, role: 'publisher' }), 'PRIVILEGE_EXPIRED').severity).toBe('error');
      expect(get(await diagnose(token, at), 'PRIVILEGE_EXPIRED').severity).toBe('warning');
      const subscriber = await diagnose(token, { ...at, role: 'subscriber' });
      expect(get(subscriber, 'PRIVILEGE_EXPIRED').severity).toBe('info');
      expect(subscriber.filter((f) => f.severity === 'error')).toEqual([]);
    }
  });

  it('PRIVILEGE_ZERO: warning for the official RTC default, info for FPA and 006', async () => {
    const rtcZero = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600);
    expect(get(await diagnose(rtcZero), 'PRIVILEGE_ZERO')).toMatchObject({ severity: 'warning', details: { privileges: ['joinChannel', 'publishAudioStream', 'publishVideoStream', 'publishDataStream'] } });
    expect(get(await diagnose(official.FpaTokenBuilder.buildToken(APP_ID, CERT)), 'PRIVILEGE_ZERO').severity).toBe('info');
    const t6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 0);
    expect(get(await diagnose(t6), 'PRIVILEGE_ZERO').severity).toBe('info');
  });

  it('PRIVILEGE_ENDS_BEFORE_TOKEN and PRIVILEGE_OUTLIVES_TOKEN (007)', async () => {
    const early = await diagnose(official007(3600, [rtc('room', 42, { 1: 600 })]), { now: ISSUE });
    expect(get(early, 'PRIVILEGE_ENDS_BEFORE_TOKEN').details).toMatchObject({ privileges: ['joinChannel'] });
    const late = await diagnose(official007(600, [rtc('room', 42, { 1: 3600 })]), { now: ISSUE });
    expect(get(late, 'PRIVILEGE_OUTLIVES_TOKEN').severity).toBe('info');
  });

  it('EXPIRES_SOON with the SDK 30-second callback named', async () => {
    const token = official007(600, [rtc('room', 42, { 1: 600 })]);
    expect(codes(await diagnose(token, { now: ISSUE + 200 }))).not.toContain('EXPIRES_SOON');
    expect(get(await diagnose(token, { now: ISSUE + 400 }), 'EXPIRES_SOON').details).toMatchObject({ secondsLeft: 200 });
    expect(get(await diagnose(token, { now: ISSUE + 590 }), 'EXPIRES_SOON').message).toMatch(/at once/);
    const t6 = legacy.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, Math.floor(Date.now() / 1000) + 100);
    expect(get(await diagnose(t6), 'EXPIRES_SOON').fix).toMatch(/30 s/);
  });

  it('LIFETIME_OVER_24H on 007 and 006', async () => {
    expect(get(await diagnose(official007(90_000, [rtc('room', 42, { 1: 3600 })]), { now: ISSUE }), 'LIFETIME_OVER_24H').details).toMatchObject({ lifetimeSeconds: 90_000 });
    const long = await diagnose(official006('room', 42, ISSUE + 3 * 86400, PUB), { now: ISSUE });
    expect(codes(long)).toContain('LIFETIME_OVER_24H');
  });

  it('names the unit mix-ups of 007 times: a lifetime in milliseconds, an issueTs that is a duration', async () => {
    // 3600 * 1000: Date.now()'s unit passed as a 007 lifetime.
    const ms = get(await diagnose(official007(3_600_000, [rtc('room', 42, { 1: 3_600_000 })]), { now: ISSUE }), 'LIFETIME_OVER_24H');
    expect(ms.message).toMatch(/3600000 is 3600 x 1000: was a lifetime in milliseconds passed as seconds\?/);
    // Not for lifetimes plausible in seconds: 25 hours, and whole days (10, 30, 365).
    for (const seconds of [90_000, 864_000, 2_592_000, 31_536_000]) {
      expect(get(await diagnose(official007(seconds, [rtc('room', 42, { 1: 3600 })]), { now: ISSUE }), 'LIFETIME_OVER_24H').message, String(seconds)).not.toMatch(/milliseconds/);
    }
    // 24 hours in milliseconds is also 1000 days: the hint says it.
    expect(get(await diagnose(official007(86_400_000, [rtc('room', 42, { 1: 3600 })]), { now: ISSUE }), 'LIFETIME_OVER_24H').message).toMatch(/86400000 is 86400 x 1000/);
    // new AccessToken2(appId, certificate, 3600, 600) in the official class: issued at 3600 s after 1970.
    const t = new AT2.AccessToken2(APP_ID, CERT, 3600, 600);
    t.add_service(rtc('room', 42, { 1: 600 }));
    const expired = get(await diagnose(t.build(), { channel: 'room', uid: 42 }), 'TOKEN_EXPIRED');
    expect(expired.message).toMatch(/issued at 1970-01-01T01:00:00Z: an issueTs of 3600 looks like a duration, where AccessToken2 takes the issue time in Unix seconds/);
    expect(get(await diagnose(official007(600, [rtc('room', 42, PUB)]), { now: ISSUE + 7200 }), 'TOKEN_EXPIRED').message).not.toMatch(/duration/);
  });

  it('ISSUED_IN_FUTURE measures the skew', async () => {
    const f = get(await diagnose(official007(600, [rtc('room', 42, PUB)]), { now: ISSUE - 3600 }), 'ISSUED_IN_FUTURE');
    expect(f.details).toMatchObject({ skewSeconds: 3600 });
    expect(codes(await diagnose(official007(600, [rtc('room', 42, PUB)]), { now: ISSUE - 30 }))).not.toContain('ISSUED_IN_FUTURE');
    // The tolerance is one minute: 60 s ahead is clock noise, 61 s is reported.
    expect(codes(await diagnose(official007(600, [rtc('room', 42, PUB)]), { now: ISSUE - 60 }))).not.toContain('ISSUED_IN_FUTURE');
    expect(get(await diagnose(official007(600, [rtc('room', 42, PUB)]), { now: ISSUE - 61 }), 'ISSUED_IN_FUTURE').details).toMatchObject({ skewSeconds: 61 });
  });

  it('EXPIRE_LOOKS_LIKE_TIMESTAMP (007 given absolute times) and PRIVILEGE_LOOKS_LIKE_DURATION (006 given seconds)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, now + 3600, now + 3600);
    const fs = await diagnose(token);
    expect(fs.filter((f) => f.code === 'EXPIRE_LOOKS_LIKE_TIMESTAMP').map((f) => f.details!['field'] ?? f.details!['service'])).toEqual(['expire', 'rtc']);
    const t6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600);
    expect(get(await diagnose(t6), 'PRIVILEGE_LOOKS_LIKE_DURATION')).toMatchObject({ severity: 'error', details: { values: [3600, 3600, 3600, 3600] } });
    expect(get(await diagnose(t6), 'PRIVILEGE_LOOKS_LIKE_DURATION').fix).not.toMatch(/extra argument/);
  });

  it('PRIVILEGE_LOOKS_LIKE_DURATION holding a role value points at a shifted argument list (AgoraIO/Tools#175)', async () => {
    const now = Math.floor(Date.now() / 1000);
    // The reporter's call: one argument too many (now) before role, so role got a timestamp and privilegeExpiredTs the role.
    const shifted = (legacy.RtcTokenBuilder.buildTokenWithUid as (...a: unknown[]) => string)(APP_ID, CERT, 'room', 2882341273, now, legacy.RtcRole.PUBLISHER, now + 3600);
    const f = get(await diagnose(shifted, { channel: 'room', uid: 2882341273 }), 'PRIVILEGE_LOOKS_LIKE_DURATION');
    expect(f.details).toMatchObject({ values: [1] });
    expect(f.fix).toMatch(/1 is also the value of a role \(RtcRole\.PUBLISHER\): .*an extra argument before role shifted the others/);
    // A real publisher role with privilegeExpiredTs 1 grants publish privileges too: nothing was shifted.
    const unshifted = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, legacy.RtcRole.PUBLISHER, 1);
    expect(get(await diagnose(unshifted, { channel: 'room', uid: 42 }), 'PRIVILEGE_LOOKS_LIKE_DURATION').fix).not.toMatch(/extra argument/);
  });
});

describe('service', () => {
  it('WRONG_SERVICE for an RTM-only token used for RTC (007 and 006) and a Chat token used for RTM', async () => {
    const rtm = official.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 600);
    expect(get(await diagnose(rtm, { channel: 'room', uid: 42 }), 'WRONG_SERVICE').details).toMatchObject({ expectedService: 'rtc', tokenServices: ['rtm'] });
    const rtm6 = legacy.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, 0);
    expect(codes(await diagnose(rtm6, { service: 'rtc' }))).toContain('WRONG_SERVICE');
    const chat = official.ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'alice', 600);
    expect(get(await diagnose(chat, { service: 'rtm', account: 'alice' }), 'WRONG_SERVICE').message).toMatch(/CHAT/);
    // A ConvoAI token's RTC service is checked too; an RTC-only token is the wrong service for it.
    const convo = official.ConvoAITokenBuilder.buildToken(APP_ID, CERT, 'room', 1001, 1, 600, 600, 600, 600, 600, '1001', 600);
    expect(codes(await diagnose(convo, { service: 'convoai', channel: 'lobby', uid: 1001 }))).toContain('CHANNEL_MISMATCH');
    expect(codes(await diagnose(convo, { service: 'convoai', channel: 'room', uid: 1001 })).filter((c) => c !== 'SIGNATURE_NOT_CHECKED')).toEqual([]);
    // Agora's ConvoAI/STT docs: the agent joins with an RTC token (and REST calls may use the same
    // one), so a plain RTC token is the right service for them, and its channel/uid are checked.
    const plainRtc = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1001, 1, 600, 600);
    for (const service of ['convoai', 'stt'] as const) {
      expect(codes(await diagnose(plainRtc, { service, channel: 'room', uid: 1001 })).filter((c) => c !== 'SIGNATURE_NOT_CHECKED'), service).toEqual([]);
      expect(codes(await diagnose(plainRtc, { service, channel: 'lobby', uid: 1001 })), service).toContain('CHANNEL_MISMATCH');
    }
    expect(codes(await diagnose(rtm, { service: 'convoai' }))).toContain('WRONG_SERVICE');
    // RTM 2.x SDKs log in with RTM tokens too: an RTM token satisfies service 'rtm' and 'rtm2'.
    expect(codes(await diagnose(rtm, { service: 'rtm', account: 'alice' }))).not.toContain('WRONG_SERVICE');
    expect(codes(await diagnose(rtm, { service: 'rtm2', account: 'alice' })).filter((c) => c !== 'SIGNATURE_NOT_CHECKED')).toEqual([]);
    expect(codes(await diagnose(rtm, { service: 'rtm2', account: 'bob' }))).toContain('USER_ID_MISMATCH');
    // Flexible Classroom launches with a Signaling (RTM) token for the user uuid (AgoraIO/Tools#193).
    for (const service of ['education', 'apaas'] as const) {
      expect(codes(await diagnose(rtm, { service, account: 'alice' })).filter((c) => c !== 'SIGNATURE_NOT_CHECKED'), service).toEqual([]);
      expect(codes(await diagnose(rtm6, { service, account: 'bob' })), service).toContain('USER_ID_MISMATCH');
    }
  });

  it('NO_SERVICES (hand-made 007 and official 006 without privileges) and UNKNOWN_SERVICE', async () => {
    expect(codes(await diagnose(craft007(0, Buffer.alloc(0)), { now: ISSUE }))).toContain('NO_SERVICES');
    expect(codes(await diagnose(official006('room', 42, ISSUE + 600, {}), { now: ISSUE }))).toContain('NO_SERVICES');
    const unknown = craft007(1, Buffer.from([99, 0, 1, 2, 3]));
    const fs = await diagnose(unknown, { now: ISSUE, appCertificate: CERT });
    expect(get(fs, 'UNKNOWN_SERVICE').details).toEqual({ type: 99 });
    expect(codes(fs)).toContain('SIGNATURE_VALID');
  });
});

describe('RTC identity', () => {
  it('JOIN_PRIVILEGE_MISSING (007 and 006)', async () => {
    expect(codes(await diagnose(official007(600, [rtc('room', 42, { 2: 600 })]), { now: ISSUE, channel: 'room' }))).toContain('JOIN_PRIVILEGE_MISSING');
    expect(codes(await diagnose(official006('room', 42, ISSUE + 600, { 2: ISSUE + 600 }), { now: ISSUE }))).toContain('JOIN_PRIVILEGE_MISSING');
  });

  it('PUBLISH_PRIVILEGE_MISSING for a host with a subscriber token (007 and 006), not for an audience', async () => {
    const sub = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, official.RtcRole.SUBSCRIBER, 600, 600);
    expect(get(await diagnose(sub, { role: 'publisher' }), 'PUBLISH_PRIVILEGE_MISSING').details).toEqual({ missing: [2, 3, 4] });
    expect(codes(await diagnose(sub, { role: 'audience' }))).not.toContain('PUBLISH_PRIVILEGE_MISSING');
    const sub6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, legacy.RtcRole.SUBSCRIBER, Math.floor(Date.now() / 1000) + 600);
    expect(codes(await diagnose(sub6, { role: 'host' }))).toContain('PUBLISH_PRIVILEGE_MISSING');
  });

  it('CHANNEL_MISMATCH with both values (007) and both CRC-32s (006)', async () => {
    const token = official007(600, [rtc('Room', 42, PUB)]);
    const f = get(await diagnose(token, { now: ISSUE, channel: 'room' }), 'CHANNEL_MISMATCH');
    expect(f.details).toEqual({ tokenChannels: ['Room'], expectedChannel: 'room' });
    expect(f.message).toMatch(/letter case/);
    expect(codes(await diagnose(token, { now: ISSUE, channel: 'Room' }))).not.toContain('CHANNEL_MISMATCH');
    // Two RTC services: the matching one is used.
    const two = official007(600, [rtc('a', 1, PUB), rtc('b', 2, PUB)]);
    expect(codes(await diagnose(two, { now: ISSUE, channel: 'b', uid: 2 }))).not.toContain('UID_MISMATCH');
    const t6 = official006('room', 42, ISSUE + 600, PUB);
    const f6 = get(await diagnose(t6, { now: ISSUE, channel: 'lobby', uid: 42 }), 'CHANNEL_MISMATCH');
    const parsed = new AccessToken006('', '', '', '');
    expect(parsed.fromString(t6)).toBe(true);
    expect(f6.details).toMatchObject({ tokenCrc: parsed.crc_channel_name, expectedChannel: 'lobby' });
    expect(f6.details!['tokenCrc']).not.toBe(f6.details!['expectedCrc']);
  });

  it('CHANNEL_NAME_INVALID for a channel the official builder accepted unchecked', async () => {
    const token = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'a/b', 42, 1, 600, 600);
    expect(get(await diagnose(token), 'CHANNEL_NAME_INVALID').details).toEqual({ channel: 'a/b' });
  });

  it('CHANNEL_WILDCARD: a wildcard token (channel "*", from agora-token) joins any channel with its uid', async () => {
    const sub = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, '*', 42, official.RtcRole.SUBSCRIBER, 600, 600);
    const fs = await diagnose(sub, { channel: 'room-7', uid: 42, appCertificate: CERT });
    expect(codes(fs)).not.toContain('CHANNEL_MISMATCH');
    expect(codes(fs)).not.toContain('CHANNEL_NAME_INVALID');
    expect(fs.filter((f) => f.severity !== 'info')).toEqual([]);
    const w = get(fs, 'CHANNEL_WILDCARD');
    expect(w.severity).toBe('info');
    expect(w.message).toContain('"room-7" included');
    expect(w.details).toEqual({ tokenUid: '42', publishes: false });
    // Still matched on the uid, and a publisher wildcard gets Agora's advice.
    expect(codes(await diagnose(sub, { channel: 'room-7', uid: 43 }))).toContain('UID_MISMATCH');
    const pub = official.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, '*', 'alice', official.RtcRole.PUBLISHER, 600, 600);
    const p = get(await diagnose(pub), 'CHANNEL_WILDCARD');
    expect(p.details).toEqual({ tokenUid: 'alice', publishes: true });
    expect(p.fix).toMatch(/SUBSCRIBER/);
    // An exact channel wins over the wildcard service when a token has both.
    const both = official007(600, [rtc('*', 7, { 1: 600 }), rtc('room', 8, PUB)]);
    expect(codes(await diagnose(both, { now: ISSUE, channel: 'room', uid: 8 }))).not.toContain('UID_MISMATCH');
    expect(codes(await diagnose(both, { now: ISSUE, channel: 'lobby', uid: 7 }))).toEqual(expect.arrayContaining(['CHANNEL_WILDCARD']));
  });

  it('CHANNEL_WILDCARD_UID_ZERO: Agora refuses a wildcard token for uid 0; "*" is no channel to join', async () => {
    const zero = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, '*', 0, official.RtcRole.SUBSCRIBER, 600, 600);
    const fs = await diagnose(zero, { channel: 'room', uid: 5 });
    expect(get(fs, 'CHANNEL_WILDCARD_UID_ZERO').severity).toBe('error');
    expect(codes(fs)).not.toContain('UID_WILDCARD');
    expect(codes(fs)).not.toContain('CHANNEL_WILDCARD');
    // agora-access-token builds a 006 token for "*" unchecked: it joins nothing, and the mismatch says why.
    const t6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, '*', 5, 1, Math.floor(Date.now() / 1000) + 600);
    expect(get(await diagnose(t6, { channel: 'room', uid: 5 }), 'CHANNEL_MISMATCH').message).toMatch(/That is "\*", but a wildcard token must be 007/);
    const joined = await diagnose(official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 5, 1, 600, 600), { channel: '*' });
    expect(get(joined, 'CHANNEL_NAME_INVALID').message).toMatch(/wildcard/);
  });

  it('UID_MISMATCH, including joining with uid 0 (007 and 006)', async () => {
    const token = official007(600, [rtc('room', 42, PUB)]);
    expect(get(await diagnose(token, { now: ISSUE, uid: 43 }), 'UID_MISMATCH').details).toEqual({ tokenUid: '42', expectedUid: '43', expectedKind: 'uid' });
    expect(get(await diagnose(token, { now: ISSUE, uid: 0 }), 'UID_MISMATCH').message).toMatch(/assigns a random uid/);
    expect(codes(await diagnose(token, { now: ISSUE, uid: '42' }))).not.toContain('UID_MISMATCH');
    const t6 = official006('room', 42, ISSUE + 600, PUB);
    expect(codes(await diagnose(t6, { now: ISSUE, channel: 'room', uid: 43 }))).toContain('UID_MISMATCH');
    expect(get(await diagnose(t6, { now: ISSUE, channel: 'room', uid: 0 }), 'UID_MISMATCH').message).toMatch(/assigns a random uid/);
  });

  it('UID_WILDCARD: a uid-0 token is fine for any uid (007 and 006)', async () => {
    const token = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 0, 1, 600, 600);
    const fs = await diagnose(token, { channel: 'room', uid: 1234 });
    expect(get(fs, 'UID_WILDCARD').severity).toBe('info');
    expect(fs.filter((f) => f.severity === 'error')).toEqual([]);
    const t6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 0, 1, Math.floor(Date.now() / 1000) + 600);
    expect(codes(await diagnose(t6, { channel: 'room', uid: 1234 }))).toContain('UID_WILDCARD');
  });

  it('UID_STRING_ZERO: the official builder keeps the string "0", which is no wildcard (007 and 006)', async () => {
    const token = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', '0', 1, 600, 600);
    expect(codes(await diagnose(token))).toContain('UID_STRING_ZERO');
    expect(codes(await diagnose(token, { uid: 0 }))).toEqual(expect.arrayContaining(['UID_STRING_ZERO', 'UID_MISMATCH']));
    // The user believes they built for uid 0: the fix must not say "build with uid 0" (AgoraIO/Tools#322).
    expect(get(await diagnose(token, { uid: 0 }), 'UID_MISMATCH').fix).toBe('Build the token with the number 0, not the string "0": the number packs as an empty uid and lets any uid join.');
    const t6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', '0', 1, Math.floor(Date.now() / 1000) + 600);
    expect(codes(await diagnose(t6, { channel: 'room', uid: 0 }))).toEqual(expect.arrayContaining(['UID_STRING_ZERO', 'UID_MISMATCH']));
    expect(get(await diagnose(t6, { channel: 'room', uid: 0 }), 'UID_MISMATCH').fix).toMatch(/^Build the token with the number 0, not the string "0"/);
  });

  it('ACCOUNT_UID_CONFUSION both ways, NUMERIC_ACCOUNT when "123" is used as an account', async () => {
    const byUid = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 123, 1, 600, 600);
    expect(get(await diagnose(byUid, { account: 'alice', channel: 'room' }), 'ACCOUNT_UID_CONFUSION').fix).toMatch(/buildTokenWithUserAccount/);
    const byAccount = official.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', 'alice', 1, 600, 600);
    expect(get(await diagnose(byAccount, { uid: 42 }), 'ACCOUNT_UID_CONFUSION').fix).toMatch(/joinChannelWithUserAccount/);
    const numeric = await diagnose(byUid, { account: '123', channel: 'room' });
    expect(get(numeric, 'NUMERIC_ACCOUNT').severity).toBe('info');
    expect(numeric.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

// Thresholds and branches a mutation audit found untested (each of these fails on its mutant).
describe('edges of the findings', () => {
  it('two user accounts are a plain UID_MISMATCH; a uid-like token against a named account, or an account against an int uid, is ACCOUNT_UID_CONFUSION', async () => {
    const alice = official007(600, [rtc('room', 'alice', PUB)]);
    expect(codes(await diagnose(alice, { now: ISSUE, channel: 'room', account: '42' }))).toContain('UID_MISMATCH');
    expect(codes(await diagnose(alice, { now: ISSUE, channel: 'room', account: '42' }))).not.toContain('ACCOUNT_UID_CONFUSION');
    expect(codes(await diagnose(alice, { now: ISSUE, channel: 'room', uid: 42 }))).toContain('ACCOUNT_UID_CONFUSION');
    const byUid = official007(600, [rtc('room', 42, PUB)]);
    expect(codes(await diagnose(byUid, { now: ISSUE, channel: 'room', account: '43' }))).toContain('UID_MISMATCH');
    expect(codes(await diagnose(byUid, { now: ISSUE, channel: 'room', account: 'bob' }))).toContain('ACCOUNT_UID_CONFUSION');
    // The largest uid is still a uid.
    const top = official007(600, [rtc('room', 4294967295, PUB)]);
    expect(codes(await diagnose(top, { now: ISSUE, channel: 'room', account: 'alice' }))).toContain('ACCOUNT_UID_CONFUSION');
  });

  it('a wildcard token for the text "0" is CHANNEL_WILDCARD_UID_ZERO, as for ""', async () => {
    const fs = await diagnose(official007(600, [rtc('*', '0', PUB)]), { now: ISSUE, channel: 'room' });
    expect(get(fs, 'CHANNEL_WILDCARD_UID_ZERO').details).toMatchObject({ tokenUid: '0' });
    expect(codes(fs)).not.toContain('CHANNEL_WILDCARD');
  });

  it('APP_ID_CASE_MISMATCH for the App ID in upper case; uid "0" and role 2 as expectations; uid implies RTC', async () => {
    const token = official007(600, [rtc('room', 0, PUB)]);
    expect(codes(await diagnose(token, { now: ISSUE, appId: APP_ID.toUpperCase() }))).toContain('APP_ID_CASE_MISMATCH');
    expect(codes(await diagnose(token, { now: ISSUE, channel: 'room', uid: '0' }))).toContain('UID_WILDCARD');
    expect(codes(await diagnose(token, { now: ISSUE, channel: 'room', role: 2 }))).not.toContain('PUBLISH_PRIVILEGE_MISSING');
    const rtm = official.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 600);
    expect(codes(await diagnose(rtm, { uid: 42 }))).toContain('WRONG_SERVICE');
  });

  it("a ConvoAI agent's RTM login counts: its expired privilege is PRIVILEGE_EXPIRED; an rtm2 token serves an RTM login", async () => {
    const rtm = new AT2.ServiceRtm('agent');
    rtm.add_privilege(1, 600);
    const fs = await diagnose(official007(3600, [rtc('room', 42, PUB), rtm]), { service: 'convoai', now: ISSUE + 700 });
    expect(get(fs, 'PRIVILEGE_EXPIRED').details).toMatchObject({ service: 'rtm' });
    const rtm2 = new AT2.ServiceRtm2('alice');
    rtm2.add_privilege(1, 600);
    expect(codes(await diagnose(official007(600, [rtm2]), { service: 'rtm', account: 'alice', now: ISSUE }))).not.toContain('WRONG_SERVICE');
  });

  it('a 006 CRC is shown as 8 hex digits', async () => {
    const t6 = official006('ch33', 42, ISSUE + 600, { 1: ISSUE + 600 });
    expect(get(await diagnose(t6, { now: ISSUE, channel: 'room', uid: 42 }), 'CHANNEL_MISMATCH').message).toContain('0x05a8194f');
  });

  it('time thresholds: 10^9 s reads as a timestamp, 86400 s is not over 24 h, EXPIRES_SOON from 300 s, "at once" from 30 s', async () => {
    expect(codes(await diagnose(official007(1e9, [rtc('room', 42, { 1: 600 })]), { now: ISSUE }))).toContain('EXPIRE_LOOKS_LIKE_TIMESTAMP');
    expect(get(await diagnose(official007(600, [rtc('room', 42, { 1: 1e9 })]), { now: ISSUE }), 'EXPIRE_LOOKS_LIKE_TIMESTAMP').details).toMatchObject({ values: [1e9] });
    expect(codes(await diagnose(official007(86_400, [rtc('room', 42, { 1: 600 })]), { now: ISSUE }))).not.toContain('LIFETIME_OVER_24H');
    expect(codes(await diagnose(official006('room', 42, ISSUE + 86_430, { 1: ISSUE + 600 }), { now: ISSUE }))).not.toContain('LIFETIME_OVER_24H');
    expect(codes(await diagnose(official006('room', 42, ISSUE + 86_461, { 1: ISSUE + 600 }), { now: ISSUE }))).toContain('LIFETIME_OVER_24H');
    const token = official007(600, [rtc('room', 42, { 1: 600 })]);
    expect(get(await diagnose(token, { now: ISSUE + 300 }), 'EXPIRES_SOON').details).toMatchObject({ secondsLeft: 300 });
    expect(get(await diagnose(token, { now: ISSUE + 570 }), 'EXPIRES_SOON').message).toMatch(/at once/);
    expect(get(await diagnose(token, { now: ISSUE + 569 }), 'EXPIRES_SOON').message).not.toMatch(/at once/);
    // The soonest of several privileges is the one reported.
    const rtm = new AT2.ServiceRtm('alice');
    rtm.add_privilege(1, 3600);
    const mixed = official007(3600, [rtc('room', 42, { 1: 3400 }), rtm]);
    expect(get(await diagnose(mixed, { now: ISSUE + 3200 }), 'EXPIRES_SOON').details).toMatchObject({ secondsLeft: 200 });
    // A 006 privilege of 0 means "the token's own expiry", not a duration.
    const zero = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 0);
    expect(codes(await diagnose(zero))).not.toContain('PRIVILEGE_LOOKS_LIKE_DURATION');
  });
});

describe('user ids and App IDs', () => {
  it('USER_ID_MISMATCH for RTM (007 and 006 by CRC) and Chat', async () => {
    const rtm = official.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 600);
    expect(get(await diagnose(rtm, { account: 'bob' }), 'USER_ID_MISMATCH').details).toEqual({ service: 'rtm', tokenUserId: 'alice', expectedUserId: 'bob' });
    expect(codes(await diagnose(rtm, { account: 'alice' }))).not.toContain('USER_ID_MISMATCH');
    const chat = official.ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'alice', 600);
    expect(codes(await diagnose(chat, { service: 'chat', account: 'bob' }))).toContain('USER_ID_MISMATCH');
    // The Chat SDK lowercases user ids: 'Alice' logs in as 'alice' (its loginWithToken docs).
    expect(codes(await diagnose(chat, { service: 'chat', account: 'Alice' })).filter((c) => c !== 'SIGNATURE_NOT_CHECKED')).toEqual([]);
    const upper = official.ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'Alice', 600);
    expect(get(await diagnose(upper, { service: 'chat', account: 'Alice' }), 'CHAT_USER_ID_FORM')).toMatchObject({ severity: 'warning', details: { tokenUserId: 'Alice' } });
    expect(codes(await diagnose(official.ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'a@b.c', 600), { service: 'chat', account: 'a@b.c' }))).toContain('CHAT_USER_ID_FORM');
    // A Chat app token (REST) used for an SDK login: the Chat docs require a user token there.
    const app = official.ChatTokenBuilder.buildAppToken(APP_ID, CERT, 600);
    const appLogin = get(await diagnose(app, { service: 'chat', account: 'alice' }), 'USER_ID_MISMATCH');
    expect(appLogin.severity).toBe('error');
    expect(appLogin.fix).toBe('Build a user token for the login: ChatTokenBuilder.buildUserToken(appId, appCertificate, "alice", expire).');
    expect(codes(await diagnose(app, { service: 'chat' }))).not.toContain('USER_ID_MISMATCH'); // REST use: nothing to say
    expect(codes(await diagnose(app, { account: 'alice' }))).not.toContain('USER_ID_MISMATCH'); // service unknown: no guess
    // An APaaS app token names no user either: said as such, not as a token 'built for user ""'.
    const apaasToken = official.ApaasTokenBuilder.buildAppToken(APP_ID, CERT, 600);
    const apaasApp = get(await diagnose(apaasToken, { service: 'apaas', account: 'alice' }), 'USER_ID_MISMATCH');
    expect(apaasApp.message).toBe('The apaas service is an app token (it names no user): it authorizes your app server\'s REST calls, not a login as "alice".');
    expect(apaasApp.fix).toBe('Build a user token for the login: ApaasTokenBuilder.buildUserToken(appId, appCertificate, "alice", expire).');
    expect(get(await diagnose(apaasToken, { service: 'education', account: 'alice' }), 'USER_ID_MISMATCH').fix).toMatch(/^Build a user token for the login: EducationTokenBuilder\.buildUserToken/);
    expect(codes(await diagnose(apaasToken, { account: 'alice' }))).not.toContain('USER_ID_MISMATCH'); // service unknown: no guess, as for Chat
    const rtm6 = legacy.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, 0);
    expect(codes(await diagnose(rtm6, { service: 'rtm', account: 'bob' }))).toContain('USER_ID_MISMATCH');
  });

  it('APP_ID_MISMATCH and APP_ID_CASE_MISMATCH (007 and 006)', async () => {
    for (const token of [official007(600, [rtc('room', 42, PUB)]), official006('room', 42, ISSUE + 600, PUB)]) {
      expect(get(await diagnose(token, { now: ISSUE, appId: OTHER_APP_ID }), 'APP_ID_MISMATCH').details).toEqual({ tokenAppId: APP_ID, expectedAppId: `${OTHER_APP_ID.slice(0, 4)}…${OTHER_APP_ID.slice(-4)}` });
      expect(codes(await diagnose(token, { now: ISSUE, appId: APP_ID.toLowerCase() }))).toContain('APP_ID_CASE_MISMATCH');
      expect(codes(await diagnose(token, { now: ISSUE, appId: APP_ID }))).not.toContain('APP_ID_MISMATCH');
      // A certificate given as the App ID by mistake is not quoted whole (findings get pasted into issues).
      const swapped = await diagnose(token, { now: ISSUE, appId: CERT });
      expect(codes(swapped)).toContain('APP_ID_MISMATCH');
      expect(JSON.stringify(swapped)).not.toContain(CERT);
    }
  });

  it('CERTIFICATE_IN_TOKEN when the certificate was packed as a channel or account; no finding quotes it', async () => {
    // The builders take any text as a channel name; 32 hex characters are a valid one.
    for (const [token, field] of [
      [official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CERT, 42, 1, 600, 600), 'channelName'],
      [official.RtmTokenBuilder.buildToken(APP_ID, CERT, CERT.toUpperCase(), 600), 'userId'],
    ] as const) {
      const found = await diagnose(token, { appCertificate: CERT });
      expect(get(found, 'CERTIFICATE_IN_TOKEN').details).toEqual({ field });
    }
    // Given as the expected channel by mistake, it is not echoed by CHANNEL_MISMATCH either
    // (diagnose() above fails on any finding that contains it).
    const room = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600);
    const mismatch = get(await diagnose(room, { appCertificate: CERT, channel: CERT, uid: 42 }), 'CHANNEL_MISMATCH');
    expect(mismatch.message).toContain('[App Certificate]');
    // Quoted more than once in one text (two services' channels), every occurrence is hidden.
    const twice = official007(600, [rtc(CERT, 42, PUB), rtc(`${CERT.toUpperCase()}-2`, 42, PUB)]);
    const both = get(await diagnose(twice, { appCertificate: CERT, channel: 'room', uid: 42 }), 'CHANNEL_MISMATCH');
    expect(both.message.split('[App Certificate]').length - 1).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(both.details).split('[App Certificate]').length - 1).toBeGreaterThanOrEqual(2);
  });

  it('CREDENTIALS_SWAPPED when the token server swapped App ID and certificate', async () => {
    const swapped = official.RtcTokenBuilder.buildTokenWithUid(CERT, APP_ID, 'room', 42, 1, 600, 600);
    // APP_ID_MISMATCH would quote the token's App ID, which is the certificate: left out.
    expect(codes(await diagnose(swapped, { appId: APP_ID, appCertificate: CERT }))).toEqual(['CREDENTIALS_SWAPPED', 'SIGNATURE_INVALID']);
    // The certificate given in another letter case than the token's App ID field holds it: still the swap.
    const fs = await diagnose(swapped, { appId: APP_ID, appCertificate: CERT.toUpperCase() });
    expect(codes(fs)).toContain('CREDENTIALS_SWAPPED');
    expect(codes(fs)).not.toContain('APP_ID_MISMATCH');
    expect(JSON.stringify(fs).toLowerCase()).not.toContain(CERT.toLowerCase());
  });
});

describe('signature', () => {
  it('SIGNATURE_VALID / SIGNATURE_INVALID on 007 built by the official package and by ours', async () => {
    const theirs = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600);
    const ours = sync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600);
    for (const token of [theirs, ours]) {
      expect(codes(await diagnose(token, { appCertificate: CERT }))).toEqual(['SIGNATURE_VALID']);
      expect(codes(await diagnose(token, { appCertificate: OTHER_CERT }))).toEqual(['SIGNATURE_INVALID']);
    }
  });

  it('CERTIFICATE_UNTRIMMED when agora-access-token signed with a certificate read with a line break or quotes', async () => {
    for (const [raw, label] of [[`${CERT}\n`, 'a trailing line break'], [`${CERT}\r\n`, 'a trailing CRLF line break'], [`"${CERT}"`, 'surrounding double quotes'], [` ${CERT}`, 'a leading space'], [`${CERT} `, 'a trailing space']] as const) {
      const t6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, raw, 'room', 42, 1, Math.floor(Date.now() / 1000) + 600);
      const f = get(await diagnose(t6, { appCertificate: CERT, channel: 'room', uid: 42 }), 'CERTIFICATE_UNTRIMMED');
      expect(f.details).toEqual({ verifiesWith: `certificate with ${label}` });
      expect(JSON.stringify(f)).not.toContain(CERT);
    }
    // A clean token and a token from another certificate are not reported as untrimmed.
    const clean = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, Math.floor(Date.now() / 1000) + 600);
    expect(codes(await diagnose(clean, { appCertificate: CERT, channel: 'room', uid: 42 }))).toContain('SIGNATURE_VALID');
    const other = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, `${OTHER_CERT}\n`, 'room', 42, 1, Math.floor(Date.now() / 1000) + 600);
    expect(codes(await diagnose(other, { appCertificate: CERT, channel: 'room', uid: 42 }))).toContain('SIGNATURE_INVALID');
  });

  it('CERTIFICATE_CASE when the token server used the certificate in another letter case', async () => {
    const upper = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT.toUpperCase(), 'room', 42, 1, 600, 600);
    expect(get(await diagnose(upper, { appCertificate: CERT }), 'CERTIFICATE_CASE').details).toEqual({ verifiesWith: 'upper-case certificate' });
    const t6 = official006('room', 42, Math.floor(Date.now() / 1000) + 600, { 1: Math.floor(Date.now() / 1000) + 600 }, CERT.toUpperCase());
    expect(codes(await diagnose(t6, { appCertificate: CERT, channel: 'room', uid: 42 }))).toContain('CERTIFICATE_CASE');
  });

  it('006: SIGNATURE_VALID only with the channel and uid; otherwise SIGNATURE_NOT_CHECKED or CRC_ONLY_CHECK', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const theirs = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, exp);
    const ours = legacyOurs.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, exp);
    for (const token of [theirs, ours]) {
      expect(codes(await diagnose(token, { appCertificate: CERT, channel: 'room', uid: 42 }))).toEqual(['SIGNATURE_VALID']);
      expect(codes(await diagnose(token, { appCertificate: OTHER_CERT, channel: 'room', uid: 42 }))).toEqual(['SIGNATURE_INVALID']);
      expect(get(await diagnose(token, { appCertificate: CERT }), 'SIGNATURE_NOT_CHECKED').message).toMatch(/channel name and uid/);
      expect(codes(await diagnose(token, { channel: 'room', uid: 42 }))).toEqual(['SIGNATURE_NOT_CHECKED', 'CRC_ONLY_CHECK']);
    }
    const rtm6 = legacyOurs.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, exp);
    expect(codes(await diagnose(rtm6, { appCertificate: CERT, account: 'alice' }))).toEqual(['SIGNATURE_VALID']);
    // uid-0 006 tokens need only the channel: the empty uid is known from its CRC.
    const wildcard = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 0, 1, exp);
    expect(codes(await diagnose(wildcard, { appCertificate: CERT, channel: 'room' }))).toEqual(['SIGNATURE_VALID']);
    // SIGNATURE_NOT_CHECKED names what is missing; CRC_ONLY_CHECK only when every CRC was compared and matched.
    const token = theirs;
    expect(get(await diagnose(token, { appCertificate: CERT, uid: 42 }), 'SIGNATURE_NOT_CHECKED').message).toMatch(/no channel was given/);
    expect(get(await diagnose(token, { appCertificate: CERT, channel: 'room' }), 'SIGNATURE_NOT_CHECKED').message).toMatch(/no uid\/account was given/);
    expect(get(await diagnose(token, { appCertificate: CERT, channel: 'other', uid: 42 }), 'SIGNATURE_NOT_CHECKED').message).toMatch(/the channel given does not match its CRC-32\./);
    expect(get(await diagnose(token, { appCertificate: CERT, channel: 'other' }), 'SIGNATURE_NOT_CHECKED').message).toMatch(/the channel given does not match its CRC-32; no uid\/account was given/);
    expect(get(await diagnose(token, { appCertificate: CERT, channel: 'room', uid: 43 }), 'SIGNATURE_NOT_CHECKED').message).toMatch(/: the uid\/account given does not match its CRC-32\./);
    expect(get(await diagnose(rtm6, { appCertificate: CERT }), 'SIGNATURE_NOT_CHECKED').message).toMatch(/: no user account was given\./);
    expect(get(await diagnose(rtm6, { appCertificate: CERT, account: 'bob' }), 'SIGNATURE_NOT_CHECKED').message).toMatch(/: the account given does not match the CRC-32 in the token\./);
    // An RTM token asked about as RTC: no service to check against, not a CRC mismatch.
    expect(get(await diagnose(rtm6, { appCertificate: CERT, service: 'rtc', account: 'alice' }), 'SIGNATURE_NOT_CHECKED').message).toMatch(/no service of the kind/);
    expect(codes(await diagnose(token, { channel: 'room' }))).not.toContain('CRC_ONLY_CHECK');
    expect(codes(await diagnose(token, { uid: 42 }))).not.toContain('CRC_ONLY_CHECK');
    expect(codes(await diagnose(rtm6, { account: 'alice' }))).toContain('CRC_ONLY_CHECK');
    expect(codes(await diagnose(rtm6, { channel: 'room', account: 'alice' }))).not.toContain('CRC_ONLY_CHECK');
  });

  it('with several RTC services, time is judged on the channel joined; "joining still works" only with a valid joinChannel', async () => {
    const token = official007(3600, [rtc('room', 42, PUB), rtc('other', 42, { 1: 60, 2: 60, 3: 60, 4: 60 })]);
    const at = { now: ISSUE + 120, uid: 42 };
    expect(codes(await diagnose(token, { ...at, channel: 'room', role: 'publisher' }))).not.toContain('PRIVILEGE_EXPIRED');
    expect(get(await diagnose(token, { ...at, channel: 'other', role: 'subscriber' }), 'PRIVILEGE_EXPIRED').severity).toBe('error');
    // 006: a joinChannel written as a duration expired in 1970, so expired publish privileges are not "join only".
    const t6 = official006('room', 42, ISSUE + 3600, { 1: 600, 2: ISSUE + 60 });
    const f = await diagnose(t6, { ...at, channel: 'room', role: 'subscriber' });
    expect(codes(f)).toContain('PRIVILEGE_LOOKS_LIKE_DURATION');
    expect(get(f, 'PRIVILEGE_EXPIRED').severity).toBe('error');
  });

  it('a token past the 24-hour maximum is an error, as inspectToken and tokenExpiresAt count it', async () => {
    const token = official007(200_000, [rtc('room', 42, { 1: 200_000 })]);
    const f = await diagnose(token, { channel: 'room', uid: 42, now: ISSUE + 90_000 });
    expect(get(f, 'TOKEN_EXPIRED').severity).toBe('error');
    expect(get(f, 'TOKEN_EXPIRED').details).toMatchObject({ expiresAt: ISSUE + 86_400, limitedBy: '24h-maximum' });
    expect(codes(await diagnose(token, { channel: 'room', uid: 42, now: ISSUE + 3600 }))).not.toContain('TOKEN_EXPIRED');
  });

  it('APaaS / Education room-user tokens: the Chat user is md5(userUuid), not a mismatch', async () => {
    for (const builder of [official.ApaasTokenBuilder, official.EducationTokenBuilder]) {
      const token = builder.buildRoomUserToken(APP_ID, CERT, 'roomU', 'userU', 1, 3600);
      expect(codes(await diagnose(token, { account: 'userU' }))).not.toContain('USER_ID_MISMATCH');
      expect(codes(await diagnose(token, { account: 'userU', service: 'chat' }))).not.toContain('USER_ID_MISMATCH');
      expect(codes(await diagnose(token, { account: 'someone-else' }))).toContain('USER_ID_MISMATCH');
    }
  });

  it('SIGNATURE_NOT_CHECKED without a certificate', async () => {
    expect(codes(await diagnose(official007(600, [rtc('room', 42, { 1: 600 })]), { now: ISSUE }))).toEqual(['SIGNATURE_NOT_CHECKED']);
  });
});

describe('findings of a code review (2026-11-25)', () => {
  it('a 006 uid or account whose own CRC-32 is 0 is that identity, not the uid-0 wildcard', async () => {
    // crc32("863045057") and crc32("user34_q!d5") are 0, as crc32("") of uid 0 is.
    for (const [id, uid] of [[{ uid: 863045057 }, 863045057], [{ account: 'user34_q!d5' }, 'user34_q!d5']] as const) {
      const token = official006('room', uid, ISSUE + 3600, { 1: ISSUE + 3600 });
      expect(sync.verifyToken(token, CERT, { channelName: 'room', uid })).toBe(true); // the oracle: it verifies over the uid's text
      const f = await diagnose(token, { ...id, channel: 'room', appCertificate: CERT, now: ISSUE });
      expect(codes(f)).toContain('SIGNATURE_VALID');
      expect(codes(f)).not.toContain('UID_WILDCARD');
      expect(codes(f)).not.toContain('SIGNATURE_INVALID');
    }
    // A uid-0 token joined by such a uid: the CRC cannot tell them apart, so both readings are tried.
    const zero = official006('room', 0, ISSUE + 3600, { 1: ISSUE + 3600 });
    expect(codes(await diagnose(zero, { uid: 863045057, channel: 'room', appCertificate: CERT, now: ISSUE }))).toEqual(['SIGNATURE_VALID']);
    expect(codes(await diagnose(zero, { uid: 42, channel: 'room', appCertificate: CERT, now: ISSUE }))).toEqual(expect.arrayContaining(['UID_WILDCARD', 'SIGNATURE_VALID']));
    expect(codes(await diagnose(zero, { uid: 863045057, channel: 'room', appCertificate: OTHER_CERT, now: ISSUE }))).toContain('SIGNATURE_INVALID'); // the control
  });

  it('a 006 RTM privilege given as a duration is a warning, as a past absolute time is (RTM ignores it, per the 006 docs)', async () => {
    const duration = legacy.RtmTokenBuilder.buildToken(APP_ID, CERT, 'bob', legacy.RtmRole.Rtm_User, 3600);
    const f = get(await diagnose(duration, { service: 'rtm', account: 'bob' }), 'PRIVILEGE_LOOKS_LIKE_DURATION');
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(/RTM ignores this value/);
    // RTC keeps the error: joining does check it.
    const rtc6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600);
    expect(get(await diagnose(rtc6, { channel: 'room', uid: 42 }), 'PRIVILEGE_LOOKS_LIKE_DURATION').severity).toBe('error');
  });

  it('joining through a wildcard RTC service judges time on that service, not on another channel\'s', async () => {
    const token = official007(3600, [rtc('a', 42, { 1: 60 }), rtc('*', 42, { 1: 3600 })]);
    const at = { uid: 42, role: 'subscriber' as const, now: ISSUE + 600 };
    expect(codes(await diagnose(token, { ...at, channel: 'b' }))).not.toContain('PRIVILEGE_EXPIRED');
    expect(get(await diagnose(token, { ...at, channel: 'a' }), 'PRIVILEGE_EXPIRED').severity).toBe('error'); // the named service wins for "a"
  });

  it('a leading U+FEFF in a token field is text, not a byte-order mark: the exact account matches', async () => {
    const token = official007(3600, [rtc('room', '\ufeffalice', { 1: 3600 })]);
    expect(codes(await diagnose(token, { channel: 'room', account: '\ufeffalice', appCertificate: CERT, now: ISSUE }))).toEqual(['SIGNATURE_VALID']);
    expect(codes(await diagnose(token, { channel: 'room', account: 'alice', now: ISSUE }))).toContain('UID_MISMATCH');
  });
});

describe('a support-scenario audit (2026-11-25)', () => {
  it('an account alone on an RTC + RTM token is the RTM login: checked there, not called an RTC uid confusion', async () => {
    const token = official.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, CERT, 'room', 42, 1, 3600, 3600, 3600, 3600, 3600, 'alice', 3600);
    expect(codes(await diagnose(token, { account: 'alice', appCertificate: CERT }))).toEqual(['SIGNATURE_VALID']);
    const bob = await diagnose(token, { account: 'bob' });
    expect(codes(bob)).not.toContain('ACCOUNT_UID_CONFUSION');
    expect(get(bob, 'USER_ID_MISMATCH')).toMatchObject({ severity: 'error', details: { service: 'rtm', tokenUserId: 'alice', expectedUserId: 'bob' } });
    // Anything that says RTC (a channel, a role, service 'rtc') keeps the account an RTC identity.
    for (const rtcContext of [{ channel: 'room' }, { role: 'subscriber' as const }, { service: 'rtc' as const }]) {
      expect(codes(await diagnose(token, { account: 'alice', ...rtcContext }))).toContain('ACCOUNT_UID_CONFUSION');
    }
    // An RTC-only token still compares the account with its uid.
    expect(codes(await diagnose(official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600, 3600), { account: 'alice' }))).toContain('ACCOUNT_UID_CONFUSION');
  });

  it('...but an account that is the RTC identity stays one, and an app token (empty user id) is no login (review of that change)', async () => {
    const twoIds = official.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, CERT, 'room', 'rtc-acc', 1, 3600, 3600, 3600, 3600, 3600, 'rtm-user', 3600);
    expect(codes(await diagnose(twoIds, { account: 'rtc-acc', appCertificate: CERT }))).toEqual(['SIGNATURE_VALID']);
    expect(get(await diagnose(twoIds, { account: 'other' }), 'USER_ID_MISMATCH').details).toMatchObject({ service: 'rtm', tokenUserId: 'rtm-user' });
    const numeric = official.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, CERT, 'room', 42, 1, 3600, 3600, 3600, 3600, 3600, 'alice', 3600);
    expect(codes(await diagnose(numeric, { account: '42' }))).not.toContain('USER_ID_MISMATCH');
    const chatApp = new sync.ServiceChat(''); // an app token's Chat service: no user
    chatApp.addPrivilege(sync.ServiceChat.kPrivilegeApp, 3600);
    const withApp = new sync.AccessToken2(APP_ID, CERT, Math.floor(Date.now() / 1000), 3600);
    withApp.addService(new sync.ServiceRtc('room', 'alice').addPrivilege(1, 3600)).addService(chatApp);
    expect(get(await diagnose(withApp.build(), { account: 'bob' }), 'UID_MISMATCH').severity).toBe('error');
    // Without a channel the RTC identity is the first RTC service's (second review): 'bob' logs in to RTM.
    const two = new sync.AccessToken2(APP_ID, CERT, Math.floor(Date.now() / 1000), 3600);
    two.addService(new sync.ServiceRtc('r1', 'alice').addPrivilege(1, 3600)).addService(new sync.ServiceRtc('r2', 'bob').addPrivilege(1, 3600));
    two.addService(new sync.ServiceRtm('bob').addPrivilege(1, 3600));
    expect(codes(await diagnose(two.build(), { account: 'bob', appCertificate: CERT }))).toEqual(['SIGNATURE_VALID']);
  });

  it('a token broken by the call that built it gets the fix of that call, not "fetch a new token"; a 1-second RTM token is an error', async () => {
    const now = Math.floor(Date.now() / 1000);
    const zero = await diagnose(official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1), { channel: 'room', uid: 42 });
    expect(get(zero, 'TOKEN_EXPIRED').fix).toMatch(/^Fix the call that builds it: pass expire/);
    const early = new AT2.AccessToken2(APP_ID, CERT, 3600, 3600);
    early.add_service(rtc('room', 42, { 1: 3600 }));
    expect(get(await diagnose(early.build(), { channel: 'room', uid: 42 }), 'TOKEN_EXPIRED').fix).toMatch(/leave issueTs out/);
    const rtm = official.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, now + 3600);
    const issued = (sync.decodeToken(rtm) as { issueTs: number }).issueTs;
    const soon = get(await diagnose(rtm, { account: 'alice', service: 'rtm', now: issued }), 'EXPIRES_SOON');
    expect(soon.severity).toBe('error');
    expect(soon.fix).toMatch(/RtmTokenBuilder\.buildToken\(appId, appCertificate, userId, expire\)/);
    // A healthy token about to expire keeps the renewal advice, as a warning.
    const healthy = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600, 3600);
    const renew = get(await diagnose(healthy, { channel: 'room', uid: 42, now: (sync.decodeToken(healthy) as { issueTs: number }).issueTs + 3590 }), 'EXPIRES_SOON');
    expect(renew).toMatchObject({ severity: 'warning', fix: expect.stringMatching(/^Fetch a fresh token now/) });
  });

  it('an App Certificate pasted as the token is named as one, with advice to keep it off the client', async () => {
    for (const expected of [{ appCertificate: CERT }, { appCertificate: CERT.toUpperCase() }, { appId: APP_ID }]) {
      const f = get(await diagnose(CERT, expected), 'APP_ID_INSTEAD_OF_TOKEN');
      expect(f.message).toMatch(/App Certificate/);
      expect(f.fix).toMatch(/keep the App Certificate on the server/);
      expect(f.fix).not.toMatch(/appId/);
    }
    expect(get(await diagnose(APP_ID, { appId: APP_ID, appCertificate: CERT }), 'APP_ID_INSTEAD_OF_TOKEN').message).toMatch(/^This is a 32-hex App ID \(or an App Certificate\)/);
    // verifyToken(certificate, token), arguments swapped: the error gives the order; decoding one argument does not.
    expect(() => sync.verifyToken(CERT, official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600, 3600))).toThrow(/not a token: verifyToken takes \(token, appCertificate\)/);
    expect(() => sync.decodeToken(CERT)).toThrow(/App ID or App Certificate \(32 hex characters\), not a token \("App ID only"/);
    const other = get(await diagnose(OTHER_CERT, { appId: APP_ID }), 'APP_ID_INSTEAD_OF_TOKEN');
    expect(other.message).toBe('These 32 hex characters are not your App ID, so probably an App Certificate, and not a token.');
  });

  it('an empty expected account is refused (it read as uid 0); a lifetime of 2^32 - 1 is named as -1', async () => {
    const token = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600, 3600);
    await expect(main.diagnoseToken(token, { account: '' })).rejects.toMatchObject({ code: 'ERR_INVALID_ACCOUNT', field: 'expected.account' });
    expect(() => sync.diagnoseToken(token, { account: '' })).toThrow(/give uid: 0/);
    const never = official007(0xffffffff, [rtc('room', 42, { 1: 3600 })]);
    const minusOne = get(await diagnose(never, { now: ISSUE }), 'EXPIRE_LOOKS_LIKE_TIMESTAMP');
    expect(minusOne.message).toMatch(/is -1 stored as an unsigned 32-bit number/);
    expect(minusOne.fix).not.toMatch(/006 convention/);
    const privilege = get(await diagnose(official007(3600, [rtc('room', 42, { 1: 0xffffffff })]), { now: ISSUE }), 'EXPIRE_LOOKS_LIKE_TIMESTAMP');
    expect(privilege.message).toMatch(/joinChannel is set to 4294967295 seconds after issue, which is -1 stored/);
    expect(privilege.fix).toBe('Pass privilegeExpire as a duration such as 3600.');
    // A -1 beside an absolute time: one finding each, each with its own reading (second review).
    const mixed = (await diagnose(official007(3600, [rtc('room', 42, { 1: 0xffffffff, 2: ISSUE + 3600 })]), { now: ISSUE })).filter((f) => f.code === 'EXPIRE_LOOKS_LIKE_TIMESTAMP');
    expect(mixed.map((f) => f.message.match(/privileges? (\w+) is set to \d+ seconds after issue, which (is -1|looks like an absolute)/)?.slice(1))).toEqual([['joinChannel', 'is -1'], ['publishAudioStream', 'looks like an absolute']]);
    // Each privilege's own value is named (third review: the first one's was shown for all).
    const two = (await diagnose(official007(3600, [rtc('room', 42, { 1: 0xffffffff, 2: ISSUE + 3600, 3: 0xffffffff, 4: ISSUE + 7200 })]), { now: ISSUE })).filter((f) => f.code === 'EXPIRE_LOOKS_LIKE_TIMESTAMP');
    expect(two.map((f) => f.message)).toEqual([
      'The rtc privileges joinChannel, publishVideoStream are set to 4294967295 seconds after issue, which is -1 stored as an unsigned 32-bit number: 007 has no "never expires".',
      `The rtc privileges publishAudioStream, publishDataStream are set to ${ISSUE + 3600}, ${ISSUE + 7200} seconds after issue, which looks like an absolute Unix time; 007 privileges are seconds from issue.`,
    ]);
    expect(get(await diagnose(official007(ISSUE + 3600, [rtc('room', 42, { 1: 3600 })]), { now: ISSUE }), 'EXPIRE_LOOKS_LIKE_TIMESTAMP').message).toMatch(/looks like an absolute Unix time/);
  });

  it('an audience member is not warned about publish privileges ending soon; a host is', async () => {
    const token = official.RtcTokenBuilder.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'room', 42, 3600, 3600, 600, 600, 600);
    const at = { channel: 'room', uid: 42, now: (sync.decodeToken(token) as { issueTs: number }).issueTs + 400 };
    expect(codes(await diagnose(token, { ...at, role: 'audience' }))).not.toContain('EXPIRES_SOON');
    expect(get(await diagnose(token, { ...at, role: 'host' }), 'EXPIRES_SOON').details).toMatchObject({ limitedBy: 'rtc.publishAudioStream' });
    expect(codes(await diagnose(token, at))).toContain('EXPIRES_SOON'); // no role: as before
    // joinChannel ending soon still warns the audience.
    const join = official.RtcTokenBuilder.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'room', 42, 3600, 600, 3600, 3600, 3600);
    const issued = (sync.decodeToken(join) as { issueTs: number }).issueTs;
    expect(get(await diagnose(join, { channel: 'room', uid: 42, role: 'audience', now: issued + 400 }), 'EXPIRES_SOON').details).toMatchObject({ limitedBy: 'rtc.joinChannel' });
  });

  it('a 006 ts a little past now + 24 h names the token server\'s clock; a ts days ahead is still called stretched', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, now + 3600);
    const skewed = get(await diagnose(token, { channel: 'room', uid: 42, now: now - 120 }), 'LIFETIME_OVER_24H');
    expect(skewed.message).toMatch(/clock is probably 2m/);
    expect(skewed.fix).toMatch(/^Sync both clocks with NTP/);
    const stretched = get(await diagnose(official006('room', 42, now + 3 * 86400, { 1: now + 3600 }), { channel: 'room', uid: 42, now }), 'LIFETIME_OVER_24H');
    expect(stretched.fix).toMatch(/do not stretch it/);
  });
});

describe('a differential audit against a model of Agora\'s checks (2026-11-25)', () => {
  const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error').map((f) => f.code);

  it('with several RTC services for the channel joined, one whose uid admits the join is the one judged', async () => {
    // A named service for another uid hid the wildcard service for this uid: UID_MISMATCH for a join Agora admits.
    const token = official007(3600, [rtc('*', 42, PUB), rtc('room', 2882341273, PUB)]);
    const at = { now: ISSUE, channel: 'room', appCertificate: CERT };
    expect(errors(await diagnose(token, { ...at, uid: 42 }))).toEqual([]);
    expect(codes(await diagnose(token, { ...at, uid: 42 }))).toContain('CHANNEL_WILDCARD');
    expect(codes(await diagnose(token, { ...at, uid: 2882341273 }))).toEqual(['SIGNATURE_VALID']); // the named one still wins for its uid
    expect(errors(await diagnose(token, { ...at, uid: 43 }))).toEqual(['UID_MISMATCH']);
    // The same with a uid-0 service named for the channel, and for an account.
    const two = official007(3600, [rtc('room', 7, PUB), rtc('room', 0, PUB)]);
    expect(errors(await diagnose(two, { ...at, uid: 42 }))).toEqual([]);
    const account = official007(3600, [rtc('*', 'alice', PUB), rtc('room', 42, PUB)]);
    expect(errors(await diagnose(account, { ...at, account: 'alice' }))).toEqual([]);
    // A uid-0 wildcard (refused outright) does not hide a wildcard service for the uid joining.
    const wild = official007(3600, [rtc('*', 0, PUB), rtc('*', 7, PUB)]);
    expect(errors(await diagnose(wild, { ...at, uid: 7 }))).toEqual([]);
    expect(errors(await diagnose(wild, { ...at, uid: 42 })).length).toBe(1);
  });
});

describe('a differential audit against a model of Agora\'s checks: logins (2026-11-25)', () => {
  it('LOGIN_PRIVILEGE_MISSING: an RTM, RTM2 or Chat user service without its login privilege refuses the login', async () => {
    const at = { now: ISSUE, account: 'bob', appCertificate: CERT };
    for (const [service, svc] of [['rtm', new AT2.ServiceRtm('bob')], ['rtm', new AT2.ServiceRtm2('bob')], ['chat', new AT2.ServiceChat('bob')]] as const) {
      const f = await diagnose(official007(600, [svc]), { ...at, service });
      expect(get(f, 'LOGIN_PRIVILEGE_MISSING')).toMatchObject({ severity: 'error', details: { privileges: [] } });
      // Chat's privilege 1 is "user"; RTM's and RTM2's is "login".
      const missing = get(f, 'LOGIN_PRIVILEGE_MISSING');
      expect(missing.message).toBe(`The ${String(missing.details!['service'])} service has no ${service === 'chat' ? 'user' : 'login'} privilege, so the login is refused.`);
    }
    // A Chat service for a user that holds only the app privilege logs nobody in either.
    const chatApp = new AT2.ServiceChat('bob');
    chatApp.add_privilege(2, 600);
    expect(get(await diagnose(official007(600, [chatApp]), { ...at, service: 'chat' }), 'LOGIN_PRIVILEGE_MISSING').details).toEqual({ service: 'chat', privileges: [2] });
    // The builders' tokens grant it: nothing to report.
    expect(codes(await diagnose(official.RtmTokenBuilder.buildToken(APP_ID, CERT, 'bob', 600), { account: 'bob', service: 'rtm' }))).not.toContain('LOGIN_PRIVILEGE_MISSING');
    expect(codes(await diagnose(official.ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'bob', 600), { account: 'bob', service: 'chat' }))).not.toContain('LOGIN_PRIVILEGE_MISSING');
    // An APaaS / Education user token holds the user privilege (2), not 1, and logs the user in:
    // the rule is RTM, RTM2 and Chat's, and an APaaS service is no such login.
    for (const service of ['apaas', 'education'] as const) {
      const builder = service === 'apaas' ? official.ApaasTokenBuilder : official.EducationTokenBuilder;
      expect(codes(await diagnose(builder.buildUserToken(APP_ID, CERT, 'bob', 600), { account: 'bob', service })), service).not.toContain('LOGIN_PRIVILEGE_MISSING');
      expect((await diagnose(builder.buildUserToken(APP_ID, CERT, 'bob', 600), { account: 'bob', service })).filter((f) => f.severity === 'error'), service).toEqual([]);
    }
  });

  it('a 1-second token is blamed on 006\'s RtmTokenBuilder.buildToken arguments only when it is what that call builds (RTM alone)', async () => {
    // RtcTokenBuilder.buildTokenWithRtm with a 1-second lifetime still admits the join: a warning that names no RTM call.
    const both = official.RtcTokenBuilder.buildTokenWithRtm(APP_ID, CERT, 'room', 'alice', 1, 1, 1);
    const f = get(await diagnose(both, { channel: 'room', account: 'alice', role: 'host' }), 'EXPIRES_SOON');
    expect(f.severity).toBe('warning');
    expect(f.message).not.toMatch(/RtmTokenBuilder/);
    const rtmOnly = official.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1);
    expect(get(await diagnose(rtmOnly, { service: 'rtm', account: 'alice' }), 'EXPIRES_SOON')).toMatchObject({ severity: 'error', message: expect.stringMatching(/RtmTokenBuilder\.buildToken/) });
  });
});

describe('ordering and coverage', () => {
  it('sorts errors first, then warnings, then info', async () => {
    const fs = await diagnose(official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 2, 600), { channel: 'lobby', role: 'publisher' });
    const rank = { error: 0, warning: 1, info: 2 };
    expect(fs.map((f) => rank[f.severity])).toEqual([...fs.map((f) => rank[f.severity])].sort());
    expect(fs[0]!.severity).toBe('error');
  });

  afterAll(() => {
    expect([...seen].sort()).toEqual(Object.keys(main.FINDING_CODES).sort());
  });
});

