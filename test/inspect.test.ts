// inspectToken / tokenExpiresAt against real tokens built by the official packages (agora-token
// 2.0.6 for 007, agora-access-token 2.0.4 for 006) and by our builders; the official parsers
// are the oracle for the raw fields, the times are checked by arithmetic from those fields.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.ts';
import * as sync from '../src/sync.ts';
import { crc32 } from '../src/core/crc32.ts';
import { utf8 } from '../src/core/bytes.ts';
import { officialRtc as rtc, officialToken006, officialToken007 } from './helpers/official.ts';

const require = createRequire(import.meta.url);
const official = require('agora-token');
const AT2 = require('agora-token/src/AccessToken2');
const legacy = require('agora-access-token');
const { AccessToken: AccessToken006, priviledges: P006 } = require('agora-access-token/src/AccessToken');

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const ISSUE = 1_700_000_000;

/** A 007 token from the official low-level class with a fixed issue time and salt. */
function official007(expire: number, services: unknown[]): string {
  return officialToken007(APP_ID, CERT, ISSUE, expire, 4242, services);
}

/** A 006 token from the official AccessToken class with a fixed ts. */
function official006(channel: string, uid: number | string, ts: number, privileges: Record<number, number>): string {
  return officialToken006(APP_ID, CERT, channel, uid, ts, privileges);
}

describe('inspectToken on 007', () => {
  it('resolves relative privilege seconds against issueTs and finds the effective expiry', () => {
    const token = official007(3600, [rtc('room', 42, { 1: 600, 2: 3600 })]);
    const info = main.inspectToken(token, { now: ISSUE + 100 });
    const parsed = new AT2.AccessToken2();
    expect(parsed.from_string(token)).toBe(true);
    expect(info).toMatchObject({
      version: '007', appId: APP_ID, salt: 4242, now: ISSUE + 100,
      issuedAt: parsed.issueTs, issuedAtIso: '2023-11-14T22:13:20Z', lifetimeSeconds: parsed.expire,
      expiresAt: ISSUE + 3600, expiresAtIso: '2023-11-14T23:13:20Z', secondsLeft: 3500, expired: false,
      effectiveExpiresAt: ISSUE + 600, effectiveSecondsLeft: 500, limitedBy: 'rtc.joinChannel',
    });
    const [s] = info.services;
    expect(s).toMatchObject({ type: 1, name: 'rtc', fields: { channelName: 'room', uid: '42' }, summary: 'channel "room", uid 42', limitedBy: 'rtc.joinChannel' });
    expect(s!.usedFor).toMatch(/joinChannel/);
    expect(s!.privileges).toEqual([
      { id: 1, name: 'joinChannel', value: 600, expiresAt: ISSUE + 600, expiresAtIso: '2023-11-14T22:23:20Z', secondsLeft: 500, expired: false },
      { id: 2, name: 'publishAudioStream', value: 3600, expiresAt: ISSUE + 3600, expiresAtIso: '2023-11-14T23:13:20Z', secondsLeft: 3500, expired: false },
    ]);
    expect(info.decoded).toEqual(main.decodeToken(token));
  });

  it('explains value 0 and leaves it out of the effective expiry (official default privilegeExpire)', () => {
    const token = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 0, 1, 3600);
    const info = sync.inspectToken(token);
    const issue = info.issuedAt!;
    expect(info.services[0]!.summary).toBe('channel "room", uid 0 (any uid may join)');
    expect(info.services[0]!.privileges.map((p) => [p.value, p.expiresAt, p.expired])).toEqual([[0, null, null], [0, null, null], [0, null, null], [0, null, null]]);
    expect(info.services[0]!.privileges[0]!.note).toMatch(/privilegeExpire is omitted/);
    expect(info.effectiveExpiresAt).toBe(issue + 3600);
    expect(info.limitedBy).toBe('token');
    expect(sync.tokenExpiresAt(token).getTime()).toBe((issue + 3600) * 1000);
  });

  it('notes FPA login 0 as the official FpaTokenBuilder writes it', () => {
    const token = official.FpaTokenBuilder.buildToken(APP_ID, CERT);
    const info = main.inspectToken(token);
    expect(info.lifetimeSeconds).toBe(86400);
    expect(info.services[0]).toMatchObject({ name: 'fpa', summary: 'no identity fields' });
    expect(info.services[0]!.privileges[0]!.note).toMatch(/FpaTokenBuilder/);
  });

  it('caps the effective expiry at the documented 24 hours and flags cut-back and timestamp-like values', () => {
    const token = official007(172_800, [rtc('room', 'alice', { 1: 200_000, 2: 1_700_003_600 })]);
    const info = main.inspectToken(token, { now: new Date((ISSUE + 10) * 1000) });
    expect(info.expiresAt).toBe(ISSUE + 172_800);
    expect(info.effectiveExpiresAt).toBe(ISSUE + 86_400);
    expect(info.limitedBy).toBe('24h-maximum');
    expect(info.notes.join(' ')).toMatch(/24-hour maximum/);
    expect(info.services[0]!.summary).toBe('channel "room", user account "alice"');
    const wildcard = main.inspectToken(official007(600, [rtc('*', 'alice', { 1: 600 })]), { now: new Date(ISSUE * 1000) });
    expect(wildcard.services[0]!.summary).toBe('channel "*" (wildcard: any channel), user account "alice"');
    expect(info.services[0]!.privileges[0]!.note).toMatch(/the token ends first/);
    expect(info.services[0]!.privileges[1]!.note).toMatch(/absolute Unix time/);
  });

  it('reports expiry relative to now, and now as a number or a Date gives the same result', () => {
    const token = official007(600, [rtc('room', 42, { 1: 600 })]);
    const after = main.inspectToken(token, { now: ISSUE + 601 });
    expect(after).toMatchObject({ expired: true, secondsLeft: -1, effectiveSecondsLeft: -1 });
    expect(after.services[0]!.privileges[0]!.expired).toBe(true);
    expect(main.inspectToken(token, { now: new Date((ISSUE + 601) * 1000) })).toEqual(after);
    // At the very second something ends, it has ended (a client joining then is refused), the
    // privileges as well as the token; a second before, neither has.
    const shorter = official007(3600, [rtc('room', 42, { 1: 600, 2: 3600 })]);
    const at = main.inspectToken(shorter, { now: ISSUE + 600 });
    expect(at.services[0]!.privileges.map((p) => [p.name, p.secondsLeft, p.expired])).toEqual([['joinChannel', 0, true], ['publishAudioStream', 3000, false]]);
    expect(main.inspectToken(shorter, { now: ISSUE + 599 }).services[0]!.privileges[0]!.expired).toBe(false);
    expect(main.inspectToken(shorter, { now: ISSUE + 3600 })).toMatchObject({ expired: true, secondsLeft: 0 });
    expect(() => main.inspectToken(token, { now: Date.now() })).toThrow(/milliseconds/);
    expect(() => main.inspectToken(token, { now: -1 })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field: 'options.now' }));
  });

  it('describes every service kind the official builders make', () => {
    const perms = new official.Rtm2Permissions();
    perms.add(official.Rtm2Permissions.kMessageChannels, official.Rtm2Permissions.kRead, ['a', 'b']);
    const rtm2 = new AT2.ServiceRtm2('bob', perms);
    rtm2.add_privilege(1, 600);
    const token = official007(600, [rtm2, new AT2.ServiceChat(''), new AT2.ServiceApaas('room-1', 'u-1', 3), new AT2.ServiceStreaming('live', 'acc'), new AT2.ServiceConvoAI()]);
    const services = main.inspectToken(token, { now: ISSUE }).services;
    expect(services.map((s) => [s.name, s.summary])).toEqual([
      ['streaming', 'channel "live", account "acc"'],
      ['chat', 'app token (no user)'],
      ['apaas', 'room "room-1", user "u-1", role 3'],
      ['rtm2', 'user "bob", permissions messageChannels.read=[a,b]'],
      ['convoai', 'no identity fields'],
    ]);
    expect(services.every((s) => s.usedFor.length > 10)).toBe(true);
  });

  it('names RTM2 resource and permission types it does not know by number (docs/SPEC.md 2.5)', () => {
    const perms = new official.Rtm2Permissions();
    perms.add(9, 7, ['x']);
    perms.add(official.Rtm2Permissions.kUsers, 5, ['bob']);
    perms.add(official.Rtm2Permissions.kMessageChannels, official.Rtm2Permissions.kWrite, ['lobby']);
    const rtm2 = new AT2.ServiceRtm2('u1', perms);
    rtm2.add_privilege(1, 600);
    const [service] = main.inspectToken(official007(600, [rtm2]), { now: ISSUE }).services;
    expect(service!.summary).toBe('user "u1", permissions messageChannels.write=[lobby]; users.5=[bob]; 9.7=[x]');
  });

  it('inspects tokens built by our own builders the same way', () => {
    const token = sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 7, role: 'subscriber', expiresInSeconds: 900, issuedAt: ISSUE, salt: 1 });
    const info = sync.inspectToken(token, { now: ISSUE });
    expect(info).toMatchObject({ issuedAt: ISSUE, expiresAt: ISSUE + 900, effectiveExpiresAt: ISSUE + 900, limitedBy: 'token' });
    expect(info.services[0]!.privileges.map((p) => p.name)).toEqual(['joinChannel']);
  });
});

describe('inspectToken on 006', () => {
  it('reads absolute privilege times and shows the CRC-32 of channel and uid', () => {
    const now = Math.floor(Date.now() / 1000);
    const token = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, legacy.RtcRole.PUBLISHER, now + 600);
    const parsed = new AccessToken006('', '', '', '');
    expect(parsed.fromString(token)).toBe(true);
    const info = main.inspectToken(token, { now });
    expect(info).toMatchObject({ version: '006', issuedAt: null, lifetimeSeconds: null, expiresAt: parsed.ts, effectiveExpiresAt: now + 600, limitedBy: 'rtc.kJoinChannel' });
    const [s] = info.services;
    expect(s).toMatchObject({ type: null, name: 'rtc', fields: { crcChannelName: parsed.crc_channel_name, crcUid: parsed.crc_uid } });
    expect(s!.fields['crcChannelName']).toBe(crc32(utf8('room')));
    expect(s!.privileges.map((p) => [p.id, p.expiresAt])).toEqual([[1, now + 600], [2, now + 600], [3, now + 600], [4, now + 600]]);
    expect(info.notes[0]).toMatch(/CRC-32/);
    expect(main.tokenExpiresAt(token).getTime()).toBe((now + 600) * 1000);
  });

  it('shows an RTM token as an RTM service keyed by the account CRC, and explains 0 and durations', () => {
    const rtm = main.inspectToken(legacy.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, 0), { now: ISSUE });
    expect(rtm.services.map((s) => [s.name, s.fields])).toEqual([['rtm', { crcAccount: crc32(utf8('alice')) }]]);
    expect(rtm.services[0]!.privileges[0]!.note).toMatch(/24 hours/);
    const dur = main.inspectToken(official006('room', 0, ISSUE + 86400, { [P006.kJoinChannel]: 3600 }), { now: ISSUE });
    expect(dur.services[0]!.summary).toBe('channel CRC-32 0x' + crc32(utf8('room')).toString(16).padStart(8, '0') + ', uid 0 (any uid may join)');
    expect(dur.services[0]!.privileges[0]).toMatchObject({ expiresAt: 3600, expired: true });
    expect(dur.services[0]!.privileges[0]!.note).toMatch(/duration/);
    expect(dur.effectiveExpiresAt).toBe(3600);
  });
});

describe('errors', () => {
  it('throws the decoder errors for malformed tokens, on both entries', () => {
    for (const [text, code] of [['007garbage!', 'ERR_TOKEN_BASE64'], ['hello', 'ERR_TOKEN_VERSION'], ['005abc', 'ERR_TOKEN_UNSUPPORTED']] as const) {
      expect(() => main.inspectToken(text)).toThrow(expect.objectContaining({ code }));
      expect(() => sync.tokenExpiresAt(text)).toThrow(expect.objectContaining({ code }));
    }
  });
});

describe('tokenExpiresAt', () => {
  it('equals inspectToken().effectiveExpiresAt for every shape (007 caps, zeros, 006 durations)', () => {
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      official007(3600, [rtc('room', 42, { 1: 600, 2: 3600 })]),
      official007(172_800, [rtc('room', 'alice', { 1: 200_000 })]),
      official007(90_000, [rtc('room', 1, { 1: 0, 2: 0 })]),
      official007(0, [rtc('room', 1, { 1: 600 })]),
      official.FpaTokenBuilder.buildToken(APP_ID, CERT),
      official.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, CERT, 'room', 'alice', 1, 3600, 3600, 600, 600, 600, 'alice', 100),
      legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, now + 600),
      legacy.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, 0),
      official006('room', 0, ISSUE + 86400, { 1: 3600 }),
    ];
    for (const token of tokens) {
      expect(sync.tokenExpiresAt(token).getTime() / 1000).toBe(main.inspectToken(token).effectiveExpiresAt);
    }
    expect(main.tokenExpiresAt(tokens[0]!).toISOString()).toBe('2023-11-14T22:23:20.000Z');
    expect(main.tokenExpiresAt(tokens[1]!).getTime() / 1000).toBe(ISSUE + 86_400);
  });
});
