// Behaviour that a first Stryker run (StrykerJS 10, vitest runner, perTest coverage, 2026-11-24)
// found unpinned in diagnoseToken's checks (inspect/diagnose.ts, inspect/check-*.ts) and in the
// RTC/RTM builders (builders/rtc.ts, builders/rtm.ts): each mutant named below survived the tests
// Stryker ran, and the test under it fails with that mutant (applied by hand) and passes without
// it. What is pinned: finding codes, severities and the structured `details` a caller reads (not
// message wording), the boundaries of the time checks, which services each check looks at, that
// no finding quotes the App Certificate in any letter case; for the builders, the field each error
// names and which argument is reported first when several are bad; and that concurrent async
// verifyToken and diagnoseToken calls do not read each other's bytes (token/decode.ts,
// token/decode-007.ts); the signature hex decodeToken gives and the field a payload cut short is
// refused in; and AccessToken2's kServices and the field checks of its constructor and build()
// (token/access-token2.ts).
// Tokens come from the official packages (agora-token 2.0.6, agora-access-token 2.0.4) where
// one can build them, else from ours; each diagnosis runs on both entries.
import { createHash, createHmac } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.ts';
import * as sync from '../src/sync.ts';
import * as legacyAsync from '../src/legacy.ts';
import type { DiagnoseExpectation, Finding } from '../src/index.ts';
import { all, codes, diagnoseBoth, get } from './helpers/findings.ts';
import { utf8 } from '../src/core/bytes.ts';
import { crc32 } from '../src/core/crc32.ts';
import { officialParse, officialRtc as rtc, officialRtm as rtm, officialToken006, officialToken007 } from './helpers/official.ts';

const require = createRequire(import.meta.url);
const AT2 = require('agora-token/src/AccessToken2');
const legacy = require('agora-access-token');

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5cfd2fd1755d40ecb72977518be15d3b';
const ISSUE = 1_700_000_000;

/** Both entries, which must agree; no finding may quote the certificate, in any case. */
const diagnose = (token: string, expected: DiagnoseExpectation = {}): Promise<Finding[]> => diagnoseBoth(token, expected, CERT);
const crc = (text: string) => crc32(utf8(text));
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function official007(expire: number, services: unknown[]): string {
  return officialToken007(APP_ID, CERT, ISSUE, expire, 99, services);
}
function official006(channel: string, uid: number | string, ts: number, privileges: Record<number, number>): string {
  return officialToken006(APP_ID, CERT, channel, uid, ts, privileges);
}
const PUB = { 1: 3600, 2: 3600, 3: 3600, 4: 3600 };
const at = (seconds: number) => ({ now: ISSUE + seconds });
/** The AgoraTokenError code and field a call throws or rejects with. */
async function fails(call: () => unknown): Promise<{ code?: string; field?: string }> {
  try {
    await call();
  } catch (error) {
    return { code: (error as { code?: string }).code, field: (error as { field?: string }).field };
  }
  throw new Error('did not throw');
}

describe('App ID checks (check-identity.ts)', () => {
  it('the same App ID gives no App ID finding; one differing in case gives APP_ID_CASE_MISMATCH with both ids in details', async () => {
    // Mutant: `expected.appId === info.appId` -> false, which reported APP_ID_CASE_MISMATCH for the right App ID.
    const token = official007(3600, [rtc('room', 42, PUB)]);
    const same = await diagnose(token, { appId: APP_ID, ...at(10) });
    expect(codes(same).filter((c) => c.startsWith('APP_ID'))).toEqual([]);
    // Mutant: the details object -> {}.
    const lower = APP_ID.toLowerCase();
    expect(get(await diagnose(token, { appId: lower, ...at(10) }), 'APP_ID_CASE_MISMATCH').details).toEqual({ tokenAppId: APP_ID, expectedAppId: lower });
  });
});

describe('user ids (userIdFindings)', () => {
  it('with an RTC service in play the identity is the RTC one: a ConvoAI agent\'s RTM user of another name is no USER_ID_MISMATCH', async () => {
    // Mutants: `relevant.some((s) => s.name === 'rtc')` -> every / `s.name === 'rtc'` -> false.
    // An agent's RTC account and RTM user id may differ (buildTokenWithRtm2 and the ConvoAI builders take both).
    const convo = new AT2.ServiceConvoAI();
    convo.add_privilege(1, 3600);
    const token = official007(3600, [rtc('room', 'alice', PUB), rtm('bob', 3600), convo]);
    const fs = codes(await diagnose(token, { service: 'convoai', channel: 'room', account: 'alice', ...at(10) }));
    expect(fs).not.toContain('USER_ID_MISMATCH');
    expect(fs).not.toContain('UID_MISMATCH');
    expect(fs).not.toContain('WRONG_SERVICE');
  });

  it('006 RTM: USER_ID_MISMATCH details name the service and both CRC-32s', async () => {
    // Mutants: the details object -> {}, 'rtm' -> '', 'crcAccount' -> ''.
    const token: string = legacy.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, Math.floor(Date.now() / 1000) + 600);
    const f = get(await diagnose(token, { service: 'rtm', account: 'bob' }), 'USER_ID_MISMATCH');
    expect(f.details).toEqual({ service: 'rtm', tokenCrc: crc('alice'), expectedCrc: crc('bob') });
  });

  it('APaaS: the userUuid is compared (USER_ID_MISMATCH for the apaas service itself)', async () => {
    // Mutants: `s.name === 'apaas'` -> false and 'apaas' / 'userUuid' -> '', which read the apaas
    // service's missing userId and skipped it (only the RTM service then said so).
    const token = await main.ApaasTokenBuilder.buildRoomUserToken(APP_ID, CERT, 'room-1', 'alice', 1, 600);
    const fs = await diagnose(token, { service: 'apaas', account: 'bob' });
    expect(all(fs, 'USER_ID_MISMATCH').map((f) => f.details!['service'])).toContain('apaas');
    expect(all(fs, 'USER_ID_MISMATCH').find((f) => f.details!['service'] === 'apaas')!.details).toMatchObject({ tokenUserId: 'alice', expectedUserId: 'bob' });
    // The control: the right user is no mismatch.
    expect(codes(await diagnose(token, { service: 'apaas', account: 'alice' }))).not.toContain('USER_ID_MISMATCH');
  });

  it('APaaS room token and another user, no service named: the Chat login (md5 of the user) is a mismatch too', async () => {
    // Mutant: `actual === md5Hex(id.packed)` -> true, which took any Chat user of an APaaS token for the md5 login.
    const token = await main.ApaasTokenBuilder.buildRoomUserToken(APP_ID, CERT, 'room-1', 'alice', 1, 600);
    const services = all(await diagnose(token, { account: 'bob' }), 'USER_ID_MISMATCH').map((f) => f.details!['service']).sort();
    expect(services).toEqual(['apaas', 'chat', 'rtm']);
    expect(codes(await diagnose(token, { account: 'alice' }))).not.toContain('USER_ID_MISMATCH');
  });

  it('a plain Chat token for md5(user) is a mismatch: the md5 login applies only alongside an APaaS service', async () => {
    // Mutants: `x.name === 'apaas'` -> true / `!==`, which took any token's Chat user md5(id) for an APaaS login.
    const token = await main.ChatTokenBuilder.buildUserToken(APP_ID, CERT, md5('bob'), 600);
    const f = get(await diagnose(token, { service: 'chat', account: 'bob' }), 'USER_ID_MISMATCH');
    expect(f.details).toEqual({ service: 'chat', tokenUserId: md5('bob'), expectedUserId: 'bob' });
  });

  it('a Chat app token used for a Chat login: USER_ID_MISMATCH details name the empty user id', async () => {
    // Mutant: the details object -> {}.
    const token = await main.ChatTokenBuilder.buildAppToken(APP_ID, CERT, 600);
    expect(get(await diagnose(token, { service: 'chat', account: 'alice' }), 'USER_ID_MISMATCH').details).toEqual({ service: 'chat', tokenUserId: '', expectedUserId: 'alice' });
  });

  it('RTM user ids are compared as written: no Chat rules (lower case, character set) for RTM', async () => {
    // Mutant: chatLogin `s.name === 'chat'` -> true.
    const token = await main.RtmTokenBuilder.buildToken(APP_ID, CERT, 'Alice', 600);
    const fs = await diagnose(token, { service: 'rtm', account: 'alice' });
    expect(codes(fs)).toContain('USER_ID_MISMATCH');
    expect(codes(fs)).not.toContain('CHAT_USER_ID_FORM');
  });

  it('a service without a user id (FPA) is never a USER_ID_MISMATCH', async () => {
    // Mutant: `typeof actual !== 'string'` -> false, which compared undefined with the account.
    const token = await main.FpaTokenBuilder.buildToken(APP_ID, CERT);
    expect(codes(await diagnose(token, { service: 'fpa', account: 'alice' }))).not.toContain('USER_ID_MISMATCH');
  });
});

describe('RTC uid/account checks (check-rtc.ts)', () => {
  it('a wildcard token for the uid text "0" keeps its uid findings; only UID_WILDCARD is dropped', async () => {
    // Mutants: the filter `(f) => f.code !== 'UID_WILDCARD'` -> () => undefined / false, which dropped every uid finding.
    const token = official007(3600, [rtc('*', '0', PUB)]);
    // "0" is not an int uid's text (uid 0 packs as ''): against uid 42 it reads as an account.
    const fs = codes(await diagnose(token, { channel: 'room', uid: 42, ...at(10) }));
    expect(fs).toContain('CHANNEL_WILDCARD_UID_ZERO');
    expect(fs).toContain('UID_STRING_ZERO');
    expect(fs).toContain('ACCOUNT_UID_CONFUSION');
  });

  it('JOIN_PRIVILEGE_MISSING lists the privilege ids the service has; CHANNEL_NAME_INVALID names the channel', async () => {
    // Mutants: `{ privileges: … }` -> {} and `(p) => p.id` -> () => undefined.
    const token = official007(3600, [rtc('room', 42, { 2: 3600, 3: 3600 })]);
    expect(get(await diagnose(token, at(10)), 'JOIN_PRIVILEGE_MISSING').details).toEqual({ privileges: [2, 3] });
    // Mutant: the '*' rule's `{ channel: name }` -> {}.
    const ok = official007(3600, [rtc('room', 42, PUB)]);
    expect(get(await diagnose(ok, { channel: '*', ...at(10) }), 'CHANNEL_NAME_INVALID').details).toEqual({ channel: '*' });
  });

  it('006: a uid mismatch names both CRC-32s and is no UID_STRING_ZERO unless the token holds "0"', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = official006('room', 42, now + 3600, { 1: now + 3600 });
    const fs = await diagnose(token, { channel: 'room', uid: 43 });
    // Mutant: the details object -> {}.
    expect(get(fs, 'UID_MISMATCH').details).toEqual({ tokenCrc: crc('42'), expectedCrc: crc('43'), expectedUid: '43' });
    // Mutant: `tokenCrc === CRC_ZERO_TEXT` -> true.
    expect(codes(fs)).not.toContain('UID_STRING_ZERO');
    expect(codes(await diagnose(official006('room', '0', now + 3600, { 1: now + 3600 }), { channel: 'room', uid: 43 }))).toContain('UID_STRING_ZERO'); // the control
  });
});

describe('time checks (check-time.ts)', () => {
  it('006 LIFETIME_OVER_24H details: seconds left and the maximum', async () => {
    // Mutant: `{ secondsLeft, maxSeconds }` -> {}.
    const token = official006('room', 42, ISSUE + 3 * 86_400, { 1: ISSUE + 3 * 86_400 });
    expect(get(await diagnose(token, { now: ISSUE }), 'LIFETIME_OVER_24H').details).toEqual({ secondsLeft: 3 * 86_400, maxSeconds: 86_400 });
  });

  it('007 past the 24-hour maximum: TOKEN_EXPIRED details count the seconds since issue + 24 h', async () => {
    // Mutant: `secondsAgo: info.now - at` -> `info.now + at`.
    const token = official007(3 * 86_400, [rtc('room', 42, { 1: 3 * 86_400 })]);
    expect(get(await diagnose(token, at(86_400 + 100)), 'TOKEN_EXPIRED').details).toEqual({ expiresAt: ISSUE + 86_400, secondsAgo: 100, limitedBy: '24h-maximum' });
  });

  it('EXPIRES_SOON is about the service that ends first, also the RTM login of a ConvoAI token whose RTC channel matched', async () => {
    // RTC (type 1, listed first) for an hour, RTM login for two minutes, and a ConvoAI service.
    const convo = new AT2.ServiceConvoAI();
    convo.add_privilege(1, 3600);
    const token = official007(3600, [rtc('room', 42, PUB), rtm('42', 120), convo]);
    // Mutant: the soonest-service reduce `b.expiresAt < a.expiresAt` -> false (kept the first service).
    expect(get(await diagnose(token, at(10)), 'EXPIRES_SOON').details).toEqual({ expiresAt: ISSUE + 120, secondsLeft: 110, limitedBy: 'rtm.login' });
    // Mutant (diagnose.ts): the joined-channel filter `s.name !== 'rtc'` -> false, which judged time
    // on the joined RTC service alone and dropped the agent's RTM login (a ConvoAI companion).
    const fs = await diagnose(token, { service: 'convoai', channel: 'room', ...at(10) });
    expect(codes(fs)).not.toContain('WRONG_SERVICE');
    expect(get(fs, 'EXPIRES_SOON').details).toEqual({ expiresAt: ISSUE + 120, secondsLeft: 110, limitedBy: 'rtm.login' });
  });

  it('006: a privilege of exactly 10^9 is a (past) timestamp, not a duration', async () => {
    // Mutant: `p.value < TIMESTAMP_THRESHOLD` -> `<=` (006 durations).
    const token = official006('room', 42, ISSUE + 3600, { 1: ISSUE + 3600, 2: 1_000_000_000 });
    const fs = codes(await diagnose(token, { now: ISSUE }));
    expect(fs).toContain('PRIVILEGE_EXPIRED');
    expect(fs).not.toContain('PRIVILEGE_LOOKS_LIKE_DURATION');
    const below = official006('room', 42, ISSUE + 3600, { 1: ISSUE + 3600, 2: 999_999_999 });
    expect(codes(await diagnose(below, { now: ISSUE }))).toContain('PRIVILEGE_LOOKS_LIKE_DURATION'); // the control
  });

  it('006 duration privilege: the fix names the role only for an RTC join privilege of 1 or 2', async () => {
    // NoCoverage: the value 2 (RtcRole.SUBSCRIBER) was never tried. Mutants: `s.name === 'rtc'` -> true,
    // `value === 1 || value === 2` -> true, `value === 1` -> true, `value === 2` -> false / `!==`.
    const fix = async (token: string) => get(await diagnose(token, { now: ISSUE }), 'PRIVILEGE_LOOKS_LIKE_DURATION').fix;
    expect(await fix(official006('room', 42, ISSUE + 3600, { 1: 2 }))).toContain('(RtcRole.SUBSCRIBER)');
    expect(await fix(official006('room', 42, ISSUE + 3600, { 1: 1 }))).toContain('(RtcRole.PUBLISHER)');
    expect(await fix(official006('room', 42, ISSUE + 3600, { 1: 5 }))).not.toContain('RtcRole');
    // A 006 RTM token whose privilegeExpiredTs is 1 has no role to blame.
    expect(await fix(legacy.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, 1))).not.toContain('RtcRole');
  });

  it('007: a privilege of exactly 10^9 is EXPIRE_LOOKS_LIKE_TIMESTAMP only, not also PRIVILEGE_OUTLIVES_TOKEN', async () => {
    // Mutants: the live filter `p.value < TIMESTAMP_THRESHOLD` -> true / `<=`.
    const token = official007(3600, [rtc('room', 42, { 1: 1_000_000_000 })]);
    const fs = codes(await diagnose(token, at(10)));
    expect(fs).toContain('EXPIRE_LOOKS_LIKE_TIMESTAMP');
    expect(fs).not.toContain('PRIVILEGE_OUTLIVES_TOKEN');
    expect(codes(await diagnose(official007(3600, [rtc('room', 42, { 1: 999_999_999 })]), at(10)))).toContain('PRIVILEGE_OUTLIVES_TOKEN'); // the control
  });

  it('an expired privilege is PRIVILEGE_EXPIRED only, not also PRIVILEGE_ENDS_BEFORE_TOKEN', async () => {
    // Mutant: the live filter `p.expired === false` -> true.
    const token = official007(3600, [rtc('room', 42, { 1: 3600, 2: 100, 3: 3600, 4: 3600 })]);
    const fs = codes(await diagnose(token, at(200)));
    expect(fs).toContain('PRIVILEGE_EXPIRED');
    expect(fs).not.toContain('PRIVILEGE_ENDS_BEFORE_TOKEN');
  });

  it('PRIVILEGE_EXPIRED details.expiredAt is the earliest of the expired privileges', async () => {
    // Mutants: the reduce `b.expiresAt! < a.expiresAt!` -> true / false / `<=` / `>=`. The earliest is in the middle.
    const token = official007(3600, [rtc('room', 42, { 1: 3600, 2: 100, 3: 50, 4: 150 })]);
    const f = get(await diagnose(token, at(200)), 'PRIVILEGE_EXPIRED');
    expect(f.details).toEqual({ service: 'rtc', privileges: ['publishAudioStream', 'publishVideoStream', 'publishDataStream'], values: [100, 50, 150], expiredAt: ISSUE + 50 });
  });

  it('PRIVILEGE_EXPIRED is an error unless a valid joinChannel of an RTC service remains', async () => {
    // Mutant: joinOnly `s.name === 'rtc'` -> true (a Chat token's valid privilege 1 made an expired app privilege a warning).
    const chat = new AT2.ServiceChat('alice');
    chat.add_privilege(1, 3600);
    chat.add_privilege(2, 100);
    expect(get(await diagnose(official007(3600, [chat]), at(200)), 'PRIVILEGE_EXPIRED').severity).toBe('error');
    // Mutants: `p.id === 1 && p.expired === false` -> `||` / `p.id === 1` -> true (any valid privilege stood in for joinChannel).
    const noJoin = official007(3600, [rtc('room', 42, { 2: 3600, 3: 100 })]);
    const fs = await diagnose(noJoin, at(200));
    expect(codes(fs)).toContain('JOIN_PRIVILEGE_MISSING');
    expect(get(fs, 'PRIVILEGE_EXPIRED').severity).toBe('error');
    // The control: with joinChannel valid, an expired publish privilege is a warning without a role.
    expect(get(await diagnose(official007(3600, [rtc('room', 42, { 1: 3600, 2: 3600, 3: 100 })]), at(200)), 'PRIVILEGE_EXPIRED').severity).toBe('warning');
  });
});

describe('unreadable tokens and the certificate (diagnose.ts)', () => {
  it('TOKEN_MALFORMED details name the field; APP_ID_INSTEAD_OF_TOKEN keeps the error code; each error code has its fix', async () => {
    // Mutant: `error.field ?? null` -> `error.field && null`.
    expect(get(await diagnose('007garbage!'), 'TOKEN_MALFORMED').details).toEqual({ errorCode: 'ERR_TOKEN_BASE64', field: 'token' });
    // Mutant: `{ errorCode: error.code }` -> {}.
    expect(get(await diagnose(APP_ID), 'APP_ID_INSTEAD_OF_TOKEN').details).toEqual({ errorCode: 'ERR_TOKEN_UNSUPPORTED' });
    // Mutant: the MALFORMED_FIX table -> {} (every code then got the generic "rebuild the token").
    expect(get(await diagnose('007garbage!'), 'TOKEN_MALFORMED').fix).toMatch(/encodeURIComponent/);
    expect(get(await diagnose('hello'), 'TOKEN_MALFORMED').fix).toMatch(/starts with 007/);
  });

  it('no finding quotes the certificate, also when the token holds it in another letter case', async () => {
    // Mutant: withoutCertificate's RegExp flags 'gi' -> '' (only an exact-case first match was hidden).
    const upper = CERT.toUpperCase();
    const token = official007(3600, [rtc(upper, 42, PUB)]);
    const fs = await diagnose(token, { appCertificate: CERT, channel: 'room', uid: 42, ...at(10) });
    expect(get(fs, 'CERTIFICATE_IN_TOKEN').details).toEqual({ field: 'channelName' });
    expect(get(fs, 'CHANNEL_MISMATCH').message).toContain('[App Certificate]');
    expect(JSON.stringify(fs)).not.toContain(upper);
  });
});

describe('RTC/RTM builders: the field named in an error (builders/rtc.ts, builders/rtm.ts)', () => {
  const entries = [['main', main], ['sync', sync]] as const;

  it.each(entries)('%s: the credentials are checked first, before any other argument', async (_name, lib) => {
    // Mutants: each builder's leading `assertCredentials(appId, appCertificate)` -> removed (the
    // credentials were then checked only when packing, after a bad channel or user id).
    const R = lib.RtcTokenBuilder;
    const M = lib.RtmTokenBuilder;
    const bad = 'not-an-app-id';
    const calls: Array<() => unknown> = [
      () => R.buildTokenWithUid(bad, CERT, 'bad/channel', 42, 1, 3600, 3600),
      () => R.buildTokenWithUserAccount(bad, CERT, 'bad/channel', 'alice', 1, 3600, 3600),
      () => R.buildTokenWithUidAndPrivilege(bad, CERT, 'bad/channel', 42, 3600, 3600, 3600, 3600, 3600),
      () => R.BuildTokenWithUserAccountAndPrivilege(bad, CERT, 'bad/channel', 'alice', 3600, 3600, 3600, 3600, 3600),
      () => R.buildTokenWithRtm(bad, CERT, 'bad/channel', 'alice', 1, 3600, 3600),
      () => R.buildTokenWithRtm2(bad, CERT, 'bad/channel', 'alice', 1, 3600, 3600, 3600, 3600, 3600, 'alice', 3600),
      () => lib.buildRtcToken({ appId: bad, appCertificate: CERT, channel: 'bad/channel', uid: 42, role: 'publisher', expiresInSeconds: 3600 }),
      () => M.buildToken(bad, CERT, 'x'.repeat(65), 3600),
      () => M.buildTokenWithPermissions(bad, CERT, 'x'.repeat(65), null, 3600),
      () => lib.buildRtmToken({ appId: bad, appCertificate: CERT, userId: 'x'.repeat(65), expiresInSeconds: 3600 }),
    ];
    for (const call of calls) expect(await fails(call)).toEqual({ code: 'ERR_INVALID_APP_ID', field: 'appId' });
  });

  it.each(entries)('%s: lifetimes and ids are named by their official parameter names', async (_name, lib) => {
    const R = lib.RtcTokenBuilder;
    // Mutants: 'pubVideoPrivilegeExpire' / 'pubDataStreamPrivilegeExpire' -> ''.
    expect(await fails(() => R.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'room', 42, 3600, 3600, 3600, -1, 3600))).toMatchObject({ field: 'pubVideoPrivilegeExpire' });
    expect(await fails(() => R.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'room', 42, 3600, 3600, 3600, 3600, -1))).toMatchObject({ field: 'pubDataStreamPrivilegeExpire' });
    // Mutant: BuildTokenWithUserAccountAndPrivilege's 'tokenExpire' -> ''.
    expect(await fails(() => R.BuildTokenWithUserAccountAndPrivilege(APP_ID, CERT, 'room', 'alice', -1, 3600, 3600, 3600, 3600))).toMatchObject({ field: 'tokenExpire' });
    // Mutant: buildTokenWithRtm2's 'rtcTokenExpire' -> ''.
    expect(await fails(() => R.buildTokenWithRtm2(APP_ID, CERT, 'room', 'alice', 1, -1, 3600, 3600, 3600, 3600, 'alice', 3600))).toMatchObject({ field: 'rtcTokenExpire' });
    // Mutants: buildTokenWithPermissions' 'expire' and 'userId' -> ''.
    expect(await fails(() => lib.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'alice', null, -1))).toMatchObject({ field: 'expire' });
    expect(await fails(() => lib.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'x'.repeat(65), null, 3600))).toMatchObject({ field: 'userId' });
    // Mutant: buildRtmToken's 'userId' -> ''.
    expect(await fails(() => lib.buildRtmToken({ appId: APP_ID, appCertificate: CERT, userId: 'x'.repeat(65), expiresInSeconds: 3600 }))).toMatchObject({ field: 'userId' });
  });

  it.each(entries)('%s: buildRtcToken option errors name the option', async (_name, lib) => {
    const base = { appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 42, role: 'publisher', expiresInSeconds: 3600 } as const;
    // Mutant: the per-privilege field `privilegeExpiresInSeconds.${name}` -> ''.
    expect(await fails(() => lib.buildRtcToken({ ...base, privilegeExpiresInSeconds: { joinChannel: 3600, publishAudioStream: -1 } }))).toMatchObject({ field: 'privilegeExpiresInSeconds.publishAudioStream' });
    // Mutant: 'rtm.userId' -> ''.
    expect(await fails(() => lib.buildRtcToken({ ...base, rtm: { userId: -1 as never } }))).toMatchObject({ field: 'rtm.userId' });
    // Mutant: `rtm === null` -> false (null then reached the key check as an object).
    expect(await fails(() => lib.buildRtcToken({ ...base, rtm: null as never }))).toEqual({ code: 'ERR_INVALID_ARGUMENT', field: 'rtm' });
  });
});

describe('RTM builders: which service is built', () => {
  it.each([['main', main], ['sync', sync]] as const)('%s: buildRtmToken with permissions builds RTM2 with them, without builds RTM 1.x', async (_name, lib) => {
    // Mutants: `typeof options.permissions !== 'object'` -> true / 'object' -> '' (every permissions
    // object refused) and `options.permissions != null` -> false (permissions dropped: an RTM 1.x token).
    const permissions = new lib.Rtm2Permissions().add(lib.Rtm2Permissions.kMessageChannels, lib.Rtm2Permissions.kRead, ['lobby']);
    const base = { appId: APP_ID, appCertificate: CERT, userId: 'alice', expiresInSeconds: 3600 };
    const rtm2 = lib.decodeToken(await lib.buildRtmToken({ ...base, permissions }));
    expect(rtm2.version === '007' && rtm2.services.map((s) => s.name)).toEqual(['rtm2']);
    expect(rtm2.version === '007' && rtm2.services[0]!.name === 'rtm2' && rtm2.services[0]!.permissions).toEqual([{ resourceType: lib.Rtm2Permissions.kMessageChannels, permissionType: lib.Rtm2Permissions.kRead, resources: ['lobby'] }]);
    const rtm1 = lib.decodeToken(await lib.buildRtmToken({ ...base, permissions: null }));
    expect(rtm1.version === '007' && rtm1.services.map((s) => s.name)).toEqual(['rtm']);
  });

  it.each([['main', main], ['sync', sync]] as const)('%s: RtmTokenBuilder.buildToken refuses a 5th argument only when it is a number (006\'s privilegeExpiredTs)', async (_name, lib) => {
    // Mutants: `arguments.length > 4 && typeof arguments[4] === 'number'` -> `||`, and its second half -> true.
    const build = lib.RtmTokenBuilder.buildToken as (...args: unknown[]) => unknown;
    expect(typeof (await build(APP_ID, CERT, 'alice', 3600, undefined))).toBe('string');
    expect(typeof (await build(APP_ID, CERT, 'alice', 3600, 'extra'))).toBe('string');
    await expect(async () => build(APP_ID, CERT, 'alice', 1, ISSUE + 3600)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'expire' }); // the control
  });
});

describe('verifyToken on the async entries: concurrent calls (token/decode.ts)', () => {
  it.each([['main', main], ['legacy', legacyAsync]] as const)('%s: 64 interleaved 007 verifications each check their own token', async (_name, lib) => {
    // Mutants: verifyPipeline's `synchronous = false` default -> true and `parse007Signed(token,
    // !synchronous)` -> `synchronous`: the async entry then verified views into the inflater's shared
    // buffer, which the next decode overwrites during the Web Crypto awaits.
    const OTHER = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const tokens = Array.from({ length: 64 }, (_, i) => sync.buildRtcToken({
      appId: APP_ID, appCertificate: i % 2 ? OTHER : CERT, channel: `room-${i}-${'x'.repeat(i % 37)}`, uid: i + 1, role: 'publisher',
      expiresInSeconds: 600 + i, issuedAt: ISSUE + (i % 3), salt: 1000 + i,
    }));
    const results = await Promise.all(tokens.map((t) => lib.verifyToken(t, CERT)));
    expect(results).toEqual(tokens.map((_, i) => i % 2 === 0));
  });
});

describe('concurrent async diagnoseToken with a certificate (token/decode-007.ts)', () => {
  it('64 interleaved diagnoses each check their own signature', async () => {
    // Mutant: parse007Signed's `copy = true` default -> false: the signature check of diagnoseToken
    // (check-signature.ts, default copy) then read views that the next decode overwrote.
    const OTHER = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const tokens = Array.from({ length: 64 }, (_, i) => sync.buildRtcToken({
      appId: APP_ID, appCertificate: i % 2 ? OTHER : CERT, channel: `room-${i}-${'x'.repeat(i % 37)}`, uid: i + 1, role: 'publisher',
      expiresInSeconds: 600 + i, issuedAt: ISSUE + (i % 3), salt: 1000 + i,
    }));
    const verdicts = await Promise.all(tokens.map(async (t) => (await main.diagnoseToken(t, { appCertificate: CERT, now: ISSUE + 10 })).find((f) => f.code.startsWith('SIGNATURE'))!.code));
    expect(verdicts).toEqual(tokens.map((_, i) => (i % 2 === 0 ? 'SIGNATURE_VALID' : 'SIGNATURE_INVALID')));
  });
});

describe('decodeToken: the signature field (token/decode-007.ts)', () => {
  it('is the lowercase hex of the 32 signature bytes, for every byte value', async () => {
    // Mutants: hex32's offsets `at + k` -> `at - k`, `xk + 1` -> `xk - 1`, its body -> {}, and the
    // HEX_CODES table (`b < 256`, `2 * b`, `2 * b + 1`): no test compared the signature text.
    for (let salt = 1; salt <= 40; salt++) {
      const token = sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: salt, role: 'publisher', expiresInSeconds: 600, issuedAt: ISSUE, salt });
      const raw = inflateSync(Buffer.from(token.slice(3), 'base64'));
      const expected = raw.subarray(2, 34).toString('hex');
      const decoded = sync.decodeToken(token);
      expect(decoded.version === '007' && decoded.signature).toBe(expected);
      // And it is the HMAC-SHA256 of the signed bytes (SPEC 2.2), as computed by node:crypto.
      const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
      const k2 = createHmac('sha256', u32(salt)).update(createHmac('sha256', u32(ISSUE)).update(CERT).digest()).digest();
      expect(createHmac('sha256', k2).update(raw.subarray(34)).digest('hex')).toBe(expected);
    }
  });
});

describe('AccessToken2 (token/access-token2.ts)', () => {
  it.each([['main', main], ['sync', sync]] as const)('%s: kServices maps the service types to the service classes', async (_name, lib) => {
    // NoCoverage in the Stryker run: the kServices getter (its body, `??=` -> `&&=`, the table -> {}).
    expect(lib.AccessToken2.kServices[1]).toBe(lib.ServiceRtc);
    expect(lib.AccessToken2.kServices[2]).toBe(lib.ServiceRtm);
    expect(lib.AccessToken2.kServices[8]).toBe(lib.ServiceRtm2);
    expect(Object.isFrozen(lib.AccessToken2.kServices)).toBe(true);
  });

  it.each([['main', main], ['sync', sync]] as const)('%s: build() checks the fields code wrote into services, naming them', async (_name, lib) => {
    const make = (service: unknown) => {
      const t = new lib.AccessToken2(APP_ID, CERT, ISSUE, 600);
      (t.services as unknown[]).push(service);
      return t;
    };
    // Mutant: the STRING_FIELDS table -> {} (a channel name overwritten with a number reached the packer).
    const rtc = new lib.ServiceRtc('room', 42).addPrivilege(1, 600);
    (rtc as unknown as { channelName: unknown }).channelName = 42;
    expect(await fails(() => make(rtc).build())).toEqual({ code: 'ERR_INVALID_CHANNEL', field: 'services[0].channelName' });
    // Mutants: the wildcard check (`s.uid === '' || s.uid === '0'` -> true, `s.uid === ''` -> false / `!==`,
    // its `{ field }` -> {}): "*" builds for uid 42 and is refused for an empty uid, naming it.
    expect(typeof (await make(new lib.ServiceRtc('*', 42).addPrivilege(1, 600)).build())).toBe('string');
    const wildcard = new lib.ServiceRtc('*', 42).addPrivilege(1, 600);
    (wildcard as unknown as { uid: string }).uid = '';
    expect(await fails(() => make(wildcard).build())).toEqual({ code: 'ERR_INVALID_UID', field: 'services[0].uid' });
    // Mutant: `(s.permissions as …)?.pack` -> `.pack` (null permissions then threw a TypeError).
    const rtm2 = new lib.ServiceRtm2('alice', null).addPrivilege(1, 600);
    (rtm2 as unknown as { permissions: unknown }).permissions = null;
    expect(await fails(() => make(rtm2).build())).toEqual({ code: 'ERR_INVALID_ARGUMENT', field: 'services[0].permissions' });
    // Mutants: isServiceShaped's `s !== null` -> true / `===` (null then threw a TypeError).
    expect(await fails(() => make(null).build())).toEqual({ code: 'ERR_INVALID_ARGUMENT', field: 'services[0]' });
    expect(await fails(() => new lib.AccessToken2(APP_ID, CERT, ISSUE, 600).addService(null as never))).toEqual({ code: 'ERR_INVALID_ARGUMENT', field: 'service' });
  });

  it.each([['main', main], ['sync', sync]] as const)('%s: verifySignature is false once issueTs or salt is no u32 (the official method throws a RangeError there), not a check of the wrapped value', async (_name, lib) => {
    // Mutants: `!isU32(this.issueTs) || !isU32(this.salt)` -> false / `&&`.
    const token = sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 42, role: 'publisher', expiresInSeconds: 600, issuedAt: ISSUE, salt: 5 });
    const t = new lib.AccessToken2();
    expect(t.from_string(token)).toBe(true);
    expect(await t.verifySignature(CERT)).toBe(true); // the control
    // 2^32 more than the signed values: packed as a u32 they would wrap to them and verify.
    t.salt = 5 + 2 ** 32;
    expect(await t.verifySignature(CERT)).toBe(false);
    t.salt = 5;
    t.issueTs = ISSUE + 2 ** 32;
    expect(await t.verifySignature(CERT)).toBe(false);
    t.issueTs = ISSUE;
    expect(await t.verifySignature(CERT)).toBe(true);
    expect(officialParse(token)).toMatchObject({ issueTs: ISSUE, salt: 5 });
  });
});

describe('decodeToken: a payload cut short names the field it ends in (token/decode-007.ts)', () => {
  // Mutants: the reader's field names ('signature', 'issueTs', 'expire', 'salt', 'serviceCount',
  // 'serviceType', `${name}.userId`, `${name}.channelName`, `${name}.account`, 'apaas.roomUuid',
  // 'apaas.userUuid', 'apaas.role', 'rtm2.userId') -> ''. (A privilege entry's own 'privileges' is
  // never reached cut short: the map's size is checked, under that name, before it is read.)
  const u16 = (n: number) => Buffer.from([n & 255, n >> 8]);
  const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
  const str = (text: string) => Buffer.concat([u16(Buffer.byteLength(text)), Buffer.from(text)]);
  /** A 007 payload (SPEC 2.2) with one service of `type`: one privilege, then `fields`. */
  const payload = (type: number, fields: Buffer) =>
    Buffer.concat([u16(32), Buffer.alloc(32, 7), str(APP_ID), u32(ISSUE), u32(600), u32(9), u16(1), u16(type), u16(1), u16(1), u32(600), fields]);
  /** The field each shorter prefix of the payload is refused in, in order, repeats dropped. */
  function fieldsOfCuts(p: Buffer): Array<string | undefined> {
    expect(sync.decodeToken('007' + deflateSync(p).toString('base64')).version).toBe('007'); // the whole payload reads
    const seen: Array<string | undefined> = [];
    for (let n = 1; n < p.length; n++) {
      try {
        sync.decodeToken('007' + deflateSync(p.subarray(0, n)).toString('base64'));
        seen.push('(read)');
      } catch (error) {
        expect((error as { code?: string }).code).toBe('ERR_TOKEN_TRUNCATED');
        const field = (error as { field?: string }).field;
        if (seen.at(-1) !== field) seen.push(field);
      }
    }
    return seen;
  }
  const head = ['signature', 'appId', 'issueTs', 'expire', 'salt', 'serviceCount', 'serviceType', 'privileges'];

  it.each([
    ['rtc', 1, Buffer.concat([str('room'), str('42')]), ['rtc.channelName', 'rtc.uid']],
    ['rtm', 2, str('alice'), ['rtm.userId']],
    ['streaming', 3, Buffer.concat([str('room'), str('acc')]), ['streaming.channelName', 'streaming.account']],
    ['chat', 5, str('alice'), ['chat.userId']],
    ['fcdn', 6, Buffer.concat([str('room'), str('acc')]), ['fcdn.channelName', 'fcdn.account']],
    ['apaas', 7, Buffer.concat([str('room-1'), str('alice'), u16(1)]), ['apaas.roomUuid', 'apaas.userUuid', 'apaas.role']],
  ] as const)('%s', (_name, type, fields, tail) => {
    expect(fieldsOfCuts(payload(type, fields))).toEqual([...head, ...tail]);
  });

  it('rtm2: the user id, then the permission map', () => {
    const fields = fieldsOfCuts(payload(8, Buffer.concat([str('alice'), u16(0)])));
    expect(fields.slice(0, head.length + 1)).toEqual([...head, 'rtm2.userId']);
  });
});

describe('AccessToken2: the constructor and build() name the field they refuse (token/access-token2.ts)', () => {
  it.each([['main', main], ['sync', sync]] as const)('%s', async (_name, lib) => {
    // Mutants: the constructor's 'appCertificate', 'issueTs', 'expire' -> ''.
    expect(await fails(() => new lib.AccessToken2(APP_ID, 'not-a-certificate', ISSUE, 600))).toMatchObject({ field: 'appCertificate' });
    expect(await fails(() => new lib.AccessToken2(APP_ID, CERT, -5, 600))).toMatchObject({ field: 'issueTs' });
    expect(await fails(() => new lib.AccessToken2(APP_ID, CERT, ISSUE, 1.5))).toMatchObject({ field: 'expire' });
    // Mutants: buildPipeline's 'issueTs' and 'expire' -> '' (fields written after construction).
    const t = new lib.AccessToken2(APP_ID, CERT, ISSUE, 600).addService(new lib.ServiceRtc('room', 42).addPrivilege(1, 600));
    t.issueTs = -1;
    expect(await fails(() => t.build())).toMatchObject({ field: 'issueTs' });
    t.issueTs = ISSUE;
    t.expire = 1.5;
    expect(await fails(() => t.build())).toMatchObject({ field: 'expire' });
  });
});
