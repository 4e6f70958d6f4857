// AccessToken (006) on agora-token-kit/legacy (Web Crypto) and /legacy/sync (pure-JS HMAC): every official
// vector byte for byte, through the AccessToken class and through the builders; decodeToken and
// verifyToken of 006 tokens on every entry; the 006 time rules; validation; both entries agree.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as legacyAsync from '../src/legacy.ts';
import * as legacySync from '../src/legacy-sync.ts';
import * as mainAsync from '../src/index.ts';
import * as mainSync from '../src/sync.ts';
import * as A from './helpers/arbitraries.ts';

const OfficialAccessToken006 = createRequire(import.meta.url)('agora-access-token/src/AccessToken.js').AccessToken;

interface Vector006 {
  id: string;
  token: string;
  appId: string;
  appCertificate: string;
  channel: string;
  uid: number | string;
  packedUid: string;
  salt: number;
  ts: number;
  privileges: Record<string, number>;
  crcChannel: number;
  crcUid: number;
  signatureHex: string;
  messageHex: string;
  contentHex: string;
}
const file = JSON.parse(readFileSync(new URL('../vectors/official-006.json', import.meta.url), 'utf8'));
const vectors: Vector006[] = file.vectors;
const byId = (id: string) => vectors.find((v) => v.id === id)!;
const nameOf = (id: number) => Object.entries(legacySync.Privileges).find(([, v]) => v === id)![0];
const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const FIXED = { salt: 1, ts: 1111111 };
const EXPIRE_TS = 1446455471;

type Legacy = typeof legacySync | typeof legacyAsync;
const entries = [
  ['legacy (Web Crypto)', legacyAsync],
  ['legacy/sync (pure-JS HMAC)', legacySync],
] as const;

afterEach(() => vi.useRealTimers());

it('the vector file holds the six official 006 vectors with a provenance', () => {
  expect(typeof file.provenance).toBe('string');
  expect(vectors.map((v) => v.id)).toEqual(['rtc-uid-join', 'rtc-uid0-join', 'rtc-uid-string0-join', 'rtc-publisher-all-privileges', 'rtm-login', 'rtm-login-small-expire']);
});

describe.each(entries)('official 006 vectors on %s', (_name, lib) => {
  it.each(vectors.map((v) => v.id))('%s: AccessToken with the vector salt/ts builds the identical string', async (id) => {
    const v = byId(id);
    const t = new lib.AccessToken(v.appId, v.appCertificate, v.channel, v.uid);
    t.salt = v.salt;
    t.ts = v.ts;
    // Inserted in reverse to check that packing sorts privilege ids.
    for (const [p, e] of Object.entries(v.privileges).reverse()) t.addPriviledge(Number(p), e);
    const token = await t.build();
    expect(token).toBe(v.token);
    expect(Buffer.from(token.slice(35), 'base64').toString('hex')).toBe(v.contentHex);
    expect(t.uid).toBe(v.packedUid);
  });

  const builderCases: [string, (l: Legacy) => string | Promise<string>][] = [
    ['rtc-uid-join', (l) => l.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, byId('rtc-uid-join').channel, 2882341273, l.RtcRole.SUBSCRIBER, EXPIRE_TS, FIXED)],
    ['rtc-uid-join', (l) => l.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, byId('rtc-uid-join').channel, '2882341273', l.RtcRole.SUBSCRIBER, EXPIRE_TS, FIXED)],
    ['rtc-uid0-join', (l) => l.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, byId('rtc-uid0-join').channel, 0, l.RtcRole.SUBSCRIBER, EXPIRE_TS, FIXED)],
    ['rtc-uid-string0-join', (l) => l.RtcTokenBuilder.buildTokenWithAccount(APP_ID, CERT, byId('rtc-uid-string0-join').channel, '0', l.RtcRole.SUBSCRIBER, EXPIRE_TS, FIXED)],
    ['rtc-publisher-all-privileges', (l) => l.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, byId('rtc-uid-join').channel, 2882341273, l.RtcRole.PUBLISHER, EXPIRE_TS, FIXED)],
    ['rtc-publisher-all-privileges', (l) => l.RtcTokenBuilder.buildTokenWithAccount(APP_ID, CERT, byId('rtc-uid-join').channel, '2882341273', l.RtcRole.ATTENDEE, EXPIRE_TS, FIXED)],
    ['rtc-publisher-all-privileges', (l) => l.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, byId('rtc-uid-join').channel, 2882341273, l.RtcRole.ADMIN, EXPIRE_TS, FIXED)],
    ['rtm-login', (l) => l.RtmTokenBuilder.buildToken(APP_ID, CERT, 'test_user', l.RtmRole.Rtm_User, EXPIRE_TS, FIXED)],
  ];
  it.each(builderCases)('%s: the builder with { salt, ts } gives the identical string', async (id, build) => {
    expect(await build(lib)).toBe(byId(id).token);
  });

  it('rtm-login-small-expire: the builder refuses 100 as a duration; the AccessToken class writes it verbatim', async () => {
    const v = byId('rtm-login-small-expire');
    await expect(Promise.resolve().then(() => lib.RtmTokenBuilder.buildToken(APP_ID, CERT, 'test_user', 1, 100, FIXED))).rejects.toMatchObject({ code: 'ERR_INVALID_EXPIRE', field: 'privilegeExpiredTs' });
    const t = new lib.AccessToken(APP_ID, CERT, 'test_user', '');
    Object.assign(t, FIXED).addPrivilege(lib.Privileges.kRtmLogin, 100);
    expect(await t.build()).toBe(v.token);
  });
});

const allEntries = [...entries, ['main (Web Crypto)', mainAsync], ['sync (pure-JS HMAC)', mainSync]] as const;

describe.each(allEntries)('decodeToken and verifyToken of 006 on %s', (_name, lib) => {
  it.each(vectors.map((v) => v.id))('%s: decodes to the vector fields and verifies with its channel and uid', async (id) => {
    const v = byId(id);
    const d = lib.decodeToken(v.token);
    if (d.version !== '006') throw new Error('006 expected');
    expect(d).toEqual({
      version: '006', appId: v.appId, ts: v.ts, salt: v.salt, crcChannelName: v.crcChannel, crcUid: v.crcUid, signature: v.signatureHex,
      privileges: Object.entries(v.privileges).map(([id, expire]) => ({ id: Number(id), name: nameOf(Number(id)), expire })),
    });
    const expected = { channelName: v.channel, uid: v.uid };
    expect(await lib.verifyToken(v.token, v.appCertificate, expected)).toBe(true);
    expect(await lib.verifyToken(v.token, v.appCertificate, { channelName: v.channel, uid: v.packedUid })).toBe(true);
    expect(await lib.verifyToken(v.token, v.appCertificate.toLowerCase(), expected)).toBe(false); // certificate case matters (Q12)
    expect(await lib.verifyToken(v.token, 'f'.repeat(32), expected)).toBe(false);
    expect(await lib.verifyToken(v.token, v.appCertificate, { channelName: v.channel + 'x', uid: v.uid })).toBe(false); // CRC mismatch
    expect(await lib.verifyToken(v.token, v.appCertificate, { channelName: v.channel, uid: 12345 })).toBe(false);
  });

  it('a flipped byte in the signed message fails verification; no expectation is a typed error', async () => {
    const v = byId('rtc-uid-join');
    const content = Buffer.from(v.token.slice(35), 'base64');
    content[content.length - 1]! ^= 1; // last byte of the privilege value
    const forged = v.token.slice(0, 35) + content.toString('base64');
    expect(lib.decodeToken(forged)).toMatchObject({ version: '006', privileges: [{ id: 1, expire: EXPIRE_TS ^ (1 << 24) }] });
    expect(await lib.verifyToken(forged, CERT, { channelName: v.channel, uid: v.uid })).toBe(false);
    await expect(Promise.resolve().then(() => lib.verifyToken(v.token, CERT))).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'expected.channelName' });
  });

  it('an expectation with a key other than channelName and uid is refused, not read as "no uid" (a user-README audit)', async () => {
    const v = byId('rtc-uid-join');
    const token007 = await new mainSync.AccessToken2(APP_ID, CERT, 1_700_000_000, 600).addService(new mainSync.ServiceRtc('room', 7).addPrivilege(1, 600)).build();
    for (const [extra, field] of [[{ account: String(v.uid) }, 'expected.account'], [{ uId: v.uid }, 'expected.uId'], [{ channel: v.channel }, 'expected.channel']] as const) {
      const expected = { channelName: v.channel, ...extra } as unknown as { channelName: string };
      await expect(Promise.resolve().then(() => lib.verifyToken(v.token, v.appCertificate, expected))).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field });
      // A 007 token names its channel and uid: `expected` is not read for it (TSDoc), odd keys included.
      expect(await lib.verifyToken(token007, CERT, expected)).toBe(true);
    }
    // A key left undefined (spread from a form) is no option, as in diagnoseToken's expectation.
    expect(await lib.verifyToken(v.token, v.appCertificate, { channelName: v.channel, uid: v.uid, account: undefined } as never)).toBe(true);
    // Inherited keys are neither refused nor read; null reads as no expectation.
    const inherited = Object.assign(Object.create({ uid: 12345, account: 'x' }) as object, { channelName: v.channel, uid: v.uid }) as { channelName: string; uid: number };
    expect(await lib.verifyToken(v.token, v.appCertificate, inherited)).toBe(true);
    expect(await lib.verifyToken(token007, CERT, null as unknown as undefined)).toBe(true);
  });

  it('a CRC-32 field changed after signing (the HMAC covers the channel and uid, not their CRCs) fails verification', async () => {
    const v = byId('rtc-uid-join');
    const expected = { channelName: v.channel, uid: v.uid };
    // content: u16 signature length, 32-byte signature, u32 crcChannelName, u32 crcUid, u16 length + message
    for (const at of [34, 38]) {
      const content = Buffer.from(v.token.slice(35), 'base64');
      content.writeUInt32LE(12345, at);
      const forged = v.token.slice(0, 35) + content.toString('base64');
      expect(lib.decodeToken(forged)).toMatchObject(at === 34 ? { crcChannelName: 12345 } : { crcUid: 12345 });
      expect(await lib.verifyToken(forged, v.appCertificate, expected)).toBe(false);
    }
  });

  it('a message with a byte after its privilege map is ERR_TOKEN_TRAILING_BYTES', () => {
    const v = byId('rtc-uid-join');
    const content = Buffer.from(v.token.slice(35), 'base64');
    content.writeUInt16LE(content.readUInt16LE(42) + 1, 42); // the message's length, which ends the content
    const forged = v.token.slice(0, 35) + Buffer.concat([content, Buffer.of(0)]).toString('base64');
    expect(() => lib.decodeToken(forged)).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_TRAILING_BYTES' }));
  });

  it.each([
    ['005' + 'a'.repeat(40), 'ERR_TOKEN_UNSUPPORTED', /DynamicKey5/],
    ['004' + 'a'.repeat(40), 'ERR_TOKEN_UNSUPPORTED', /DynamicKey4/],
    ['003' + 'a'.repeat(40), 'ERR_TOKEN_UNSUPPORTED', /DynamicKey3/],
    [APP_ID, 'ERR_TOKEN_UNSUPPORTED', /App ID/],
    ['006' + 'z'.repeat(32) + 'AAAA', 'ERR_TOKEN_MALFORMED', /App ID/],
    [byId('rtc-uid-join').token.slice(0, 60), 'ERR_TOKEN_BASE64', /base64/],
  ])('decodeToken(%j) -> %s', (token, code, message) => {
    expect(() => lib.decodeToken(token)).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
  });
});

describe.each(entries)('006 builder rules on %s', (_name, lib) => {
  const build = (over: Partial<{ ts: unknown; role: unknown; uid: unknown; channel: unknown }> = {}) =>
    Promise.resolve().then(() => lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, (over.channel ?? 'room') as string, (over.uid ?? 42) as number, ('role' in over ? over.role : 1) as 1, over.ts as number));

  it('a privilege map too large for the decoders (and, past 10,920, for the u16 message length) is refused, not wrapped', async () => {
    // 6,130 privileges make a 49,147-character token, the most the decoders read (MAX_TOKEN_LENGTH 49,152).
    const withPrivileges = (n: number) => {
      const t = new lib.AccessToken(APP_ID, CERT, 'room', 42);
      for (let id = 0; id < n; id++) t.addPrivilege(id, EXPIRE_TS);
      return Promise.resolve().then(() => t.build());
    };
    const largest = await withPrivileges(6130);
    expect(largest.length).toBe(49_147);
    expect((lib.decodeToken(largest) as legacySync.DecodedToken006).privileges).toHaveLength(6130);
    expect(await lib.verifyToken(largest, CERT, { channelName: 'room', uid: 42 })).toBe(true);
    for (const n of [6131, 11_000]) {
      const error = await withPrivileges(n).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_INVALID_PRIVILEGE', field: 'privileges' });
      expect((error as Error).message).toMatch(new RegExp(`^privileges: ${n} make a token of \\d+ characters, over the 49152 decoders accept$`));
    }
  });

  it('privilegeExpiredTs 0 is written as 0 (the docs: a 24-hour token); 10^9 and up are timestamps', async () => {
    const zero = lib.decodeToken(await build({ ts: 0 }));
    expect(zero).toMatchObject({ privileges: [1, 2, 3, 4].map((id) => ({ id, expire: 0 })) });
    expect(lib.decodeToken(await build({ ts: 1e9, role: 2 }))).toMatchObject({ privileges: [{ id: 1, expire: 1e9 }] });
    expect(lib.decodeToken(await build({ ts: 2 ** 32 - 1, role: 2 }))).toMatchObject({ privileges: [{ id: 1, expire: 2 ** 32 - 1 }] });
  });

  it.each([1, 600, 3600, 86400, 999_999_999])('privilegeExpiredTs %i is refused as a duration, explaining 006 vs 007 units', async (ts) => {
    const error = await build({ ts }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_INVALID_EXPIRE', field: 'privilegeExpiredTs' });
    const message = (error as Error).message;
    expect(message).toContain('absolute Unix timestamp');
    expect(message).toContain('Math.floor(Date.now() / 1000) + 3600');
    expect(message).toContain('007');
    expect(message).toContain('24-hour');
  });

  it.each([
    ['milliseconds', Date.now() + 3_600_000, /milliseconds/],
    ['negative', -1, /negative/],
    ['fractional', 1.7e9 + 0.5, /whole number/],
    ['NaN', NaN, /NaN/],
    ['a string', '1700000000', /string/],
  ])('privilegeExpiredTs %s is refused', async (_label, ts, message) => {
    await expect(build({ ts })).rejects.toMatchObject({ code: 'ERR_INVALID_EXPIRE', message: expect.stringMatching(message) });
  });

  it('roles: ATTENDEE, PUBLISHER and ADMIN get privileges 1-4, SUBSCRIBER only 1; anything else is refused', async () => {
    const ids = async (role: number) => (lib.decodeToken(await build({ ts: 1.8e9, role })) as { privileges: { id: number }[] }).privileges.map((p) => p.id);
    expect(await ids(lib.RtcRole.ATTENDEE)).toEqual([1, 2, 3, 4]);
    expect(await ids(lib.RtcRole.PUBLISHER)).toEqual([1, 2, 3, 4]);
    expect(await ids(lib.RtcRole.ADMIN)).toEqual([1, 2, 3, 4]);
    expect(await ids(lib.RtcRole.SUBSCRIBER)).toEqual([1]);
    for (const role of [3, -1, '1', undefined, 1.5]) await expect(build({ ts: 1.8e9, role })).rejects.toMatchObject({ code: 'ERR_INVALID_ROLE', field: 'role' });
  });

  it('default ts is now + 86400 and the salt a fresh value in 1..99999999 per token', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_800_000_000_500);
    const salts = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const d = lib.decodeToken(await lib.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, 1_800_003_600)) as { ts: number; salt: number };
      expect(d.ts).toBe(1_800_000_000 + 86400);
      expect(d.salt >= 1 && d.salt <= 99_999_999).toBe(true);
      salts.add(d.salt);
    }
    expect(salts.size).toBeGreaterThan(15);
    expect(new lib.AccessToken(APP_ID, CERT, 'c', 1).ts).toBe(1_800_000_000 + 86400);
  });

  it('the privilege table is the official one, and fromString replaces messages a caller already holds', async () => {
    const official006 = createRequire(import.meta.url)('agora-access-token/src/AccessToken.js');
    expect({ ...lib.Privileges }).toEqual(official006.priviledges);
    expect({ ...lib.priviledges }).toEqual(official006.priviledges);
    // Read messages first (creating the live map), then parse a subscriber token into the object:
    // what build() signs must be the parsed privileges, not the earlier (empty) map.
    const expire = Math.floor(Date.now() / 1000) + 600;
    const subscriber = await lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 7, 2, expire);
    const t = new lib.AccessToken(APP_ID, CERT, 'room', 7);
    expect(t.messages).toEqual({});
    expect(t.fromString(subscriber)).toBe(true);
    expect(t.messages).toEqual({ [lib.Privileges.kJoinChannel]: expire });
    expect(lib.decodeToken(await t.build())).toMatchObject({ privileges: [{ id: 1, expire }] });
  });

  it('the AccessToken class: official names, live messages, no certificate in JSON, typed errors', async () => {
    const t = new lib.AccessToken(APP_ID, CERT, 'room', 0);
    expect(t.appID).toBe(APP_ID);
    expect(t.appId).toBe(APP_ID);
    expect(t.uid).toBe('');
    t.addPriviledge(lib.priviledges.kJoinChannel, 1.8e9).addPrivilege(lib.Privileges.kJoinChannel, 1.9e9);
    expect(t.messages).toEqual({ 1: 1.9e9 });
    // messages is the official class's live map: a direct write is built (and checked at build).
    const direct = new lib.AccessToken(APP_ID, CERT, 'room', 7);
    direct.messages[lib.Privileges.kJoinChannel] = 1.9e9;
    expect(lib.decodeToken(await direct.build())).toMatchObject({ privileges: [{ id: 1, expire: 1.9e9 }] });
    direct.messages[lib.Privileges.kPublishAudioStream] = -1;
    await expect(Promise.resolve().then(() => direct.build())).rejects.toMatchObject({ code: 'ERR_INVALID_EXPIRE', field: 'messages[2]' });
    delete direct.messages[lib.Privileges.kPublishAudioStream];
    // appID and appCertificate are writable as on the official object, and checked again when built.
    const read = new lib.AccessToken('', '', '', '');
    expect(read.fromString(await direct.build())).toBe(true);
    read.appCertificate = CERT;
    await expect(Promise.resolve().then(() => read.build())).resolves.toMatch(/^006/);
    (read as { appID: string }).appID = 'nope';
    await expect(Promise.resolve().then(() => read.build())).rejects.toMatchObject({ code: 'ERR_INVALID_APP_ID', field: 'appID' });
    expect(() => (read.appCertificate = 'short')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_APP_CERTIFICATE' }));
    // Replacing the whole object, as code for the official class may do, is built like a direct write.
    const replaced = new lib.AccessToken(APP_ID, CERT, 'room', 7);
    replaced.addPrivilege(lib.Privileges.kPublishVideoStream, 1.7e9);
    replaced.messages = { [lib.Privileges.kJoinChannel]: 1.9e9, [lib.Privileges.kPublishAudioStream]: 1.95e9 };
    const theirs = new OfficialAccessToken006(APP_ID, CERT, 'room', 7);
    theirs.addPriviledge(lib.Privileges.kPublishVideoStream, 1.7e9);
    theirs.messages = { [lib.Privileges.kJoinChannel]: 1.9e9, [lib.Privileges.kPublishAudioStream]: 1.95e9 };
    const privilegesOf = (token: string) => (lib.decodeToken(token) as { privileges: unknown }).privileges;
    expect(privilegesOf(await replaced.build())).toEqual(privilegesOf(theirs.build()));
    expect(privilegesOf(await replaced.build())).toMatchObject([{ id: 1, expire: 1.9e9 }, { id: 2, expire: 1.95e9 }]);
    expect(() => (replaced.messages = null as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field: 'messages' }));
    (direct.messages as Record<string, number>).join = 1;
    await expect(Promise.resolve().then(() => direct.build())).rejects.toMatchObject({ code: 'ERR_INVALID_PRIVILEGE', field: 'messages[join]' });
    // channelName and uid are readonly in the types only: JavaScript's writes are checked when
    // built as packable text (uid holds the packed uid text: '' for uid 0).
    const written = new lib.AccessToken(APP_ID, CERT, 'room', 7);
    written.addPrivilege(lib.Privileges.kJoinChannel, 1.9e9);
    written.salt = 1;
    written.ts = 1.9e9;
    const same = new lib.AccessToken(APP_ID, CERT, 'hall', 0);
    same.addPrivilege(lib.Privileges.kJoinChannel, 1.9e9);
    same.salt = 1;
    same.ts = 1.9e9;
    Object.assign(written, { channelName: 'hall', uid: '' });
    expect(await written.build()).toBe(await same.build());
    // The README's limits for the low-level class: 255 bytes of uid, 65,535 of channel (the bounds build).
    for (const [channelName, uid] of [['c'.repeat(65_535), '7'], ['room', 'u'.repeat(255)]] as const) {
      const edge = Object.assign(new lib.AccessToken(APP_ID, CERT, 'room', 7), { channelName, uid });
      edge.addPrivilege(lib.Privileges.kJoinChannel, 1.9e9);
      expect(await edge.build()).toMatch(/^006/);
    }
    for (const [field, value, code] of [['uid', null, 'ERR_INVALID_UID'], ['uid', 0, 'ERR_INVALID_UID'], ['uid', 'u'.repeat(256), 'ERR_INVALID_UID'], ['channelName', 'c'.repeat(65_536), 'ERR_INVALID_CHANNEL'], ['channelName', 42, 'ERR_INVALID_CHANNEL'], ['channelName', undefined, 'ERR_INVALID_CHANNEL']] as const) {
      const bad = Object.assign(new lib.AccessToken(APP_ID, CERT, 'room', 7), { [field]: value });
      bad.addPrivilege(lib.Privileges.kJoinChannel, 1.9e9);
      await expect(Promise.resolve().then(() => bad.build())).rejects.toMatchObject({ code, field });
    }
    expect(JSON.stringify(t)).not.toContain(CERT);
    expect(Object.keys(t)).not.toContain('appCertificate');
    expect(lib.version).toBe('006');
    await expect(Promise.resolve().then(() => new lib.AccessToken(APP_ID, CERT, 'room', 1).build())).rejects.toMatchObject({ code: 'ERR_NO_SERVICE' });
    t.salt = 2 ** 32;
    await expect(Promise.resolve().then(() => t.build())).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'salt' });
    expect(() => new lib.AccessToken(APP_ID, CERT, 'room', -1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_UID', field: 'uid' }));
    expect(() => new lib.AccessToken(APP_ID, CERT, 'a\uD800', 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_CHANNEL', field: 'channelName' }));
    expect(() => t.addPrivilege(70000, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_PRIVILEGE' }));
  });
});

type Call = (lib: Legacy) => unknown;
const rtc = (over: Record<string, unknown>): Call => (lib) => {
  const a = { appId: APP_ID, cert: CERT, channel: 'room', uid: 42, role: 1, ts: 1.8e9, ...over };
  return lib.RtcTokenBuilder.buildTokenWithUid(a.appId as string, a.cert as string, a.channel as string, a.uid as number, a.role as 1, a.ts as number);
};
const errorCases: [string, string, string, Call][] = [
  ['appId too short', 'ERR_INVALID_APP_ID', 'appId', rtc({ appId: APP_ID.slice(1) })],
  ['certificate not hex', 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate', rtc({ cert: CERT.slice(0, 31) + 'g' })],
  ['channel empty', 'ERR_INVALID_CHANNEL', 'channelName', rtc({ channel: '' })],
  ['channel 64 bytes', 'ERR_INVALID_CHANNEL', 'channelName', rtc({ channel: 'c'.repeat(64) })],
  ['channel illegal character', 'ERR_INVALID_CHANNEL', 'channelName', rtc({ channel: 'a/b' })],
  ['channel "*" (a wildcard token is AccessToken2 only)', 'ERR_INVALID_CHANNEL', 'channelName', rtc({ channel: '*' })],
  ['uid over 2^32-1', 'ERR_INVALID_UID', 'uid', rtc({ uid: 2 ** 32 })],
  ['uid fractional', 'ERR_INVALID_UID', 'uid', rtc({ uid: 1.5 })],
  ['uid a non-numeric string', 'ERR_INVALID_UID', 'uid', rtc({ uid: 'bob' })],
  ['role 3', 'ERR_INVALID_ROLE', 'role', rtc({ role: 3 })],
  ['privilegeExpiredTs a duration', 'ERR_INVALID_EXPIRE', 'privilegeExpiredTs', rtc({ ts: 3600 })],
  ['account over 255 bytes', 'ERR_INVALID_ACCOUNT', 'account', (lib) => lib.RtcTokenBuilder.buildTokenWithAccount(APP_ID, CERT, 'room', 'é'.repeat(128), 1, 1.8e9)],
  ['account with a lone surrogate', 'ERR_INVALID_ACCOUNT', 'account', (lib) => lib.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', 'x\uDC00', 1, 1.8e9)],
  ['RTM account empty', 'ERR_INVALID_ACCOUNT', 'account', (lib) => lib.RtmTokenBuilder.buildToken(APP_ID, CERT, '', 1, 1.8e9)],
  ['RTM account over 64 bytes', 'ERR_INVALID_ACCOUNT', 'account', (lib) => lib.RtmTokenBuilder.buildToken(APP_ID, CERT, 'u'.repeat(65), 1, 1.8e9)],
  ['RTM privilegeExpiredTs a duration', 'ERR_INVALID_EXPIRE', 'privilegeExpiredTs', (lib) => lib.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, 86400)],
  ['options salt over u32', 'ERR_INVALID_ARGUMENT', 'salt', (lib) => lib.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, 1.8e9, { salt: -1 })],
  ['options ts fractional', 'ERR_INVALID_EXPIRE', 'ts', (lib) => lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 1.8e9, { ts: 0.5 })],
  ['options with a misspelt key', 'ERR_INVALID_ARGUMENT', 'options.tS', (lib) => lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 1.8e9, { tS: 1.9e9 } as never)],
];

describe.each([...entries.map(([n, l]) => [n, l, l === legacyAsync] as const)])('validation on %s', (_name, lib, isAsync) => {
  it.each(errorCases)('%s -> %s', async (_label, code, field, call) => {
    let result: unknown;
    let thrown: unknown;
    try {
      result = call(lib);
    } catch (error) {
      thrown = error;
    }
    if (isAsync) {
      expect(thrown).toBeUndefined(); // the async entry rejects, never throws synchronously
      thrown = await (result as Promise<unknown>).then(() => undefined, (e: unknown) => e);
    }
    expect(lib.isAgoraTokenError(thrown)).toBe(true);
    expect(thrown).toBeInstanceOf(lib.AgoraTokenError);
    expect(thrown).toMatchObject({ code, field });
    expect((thrown as Error).message.startsWith(`${field}: `)).toBe(true);
    expect((thrown as Error).message).not.toContain(CERT);
  });
});

describe('sync and async legacy entries agree', () => {
  it('identical strings for the same salt and ts (random inputs, every role, unicode accounts)', async () => {
    const expireTs = fc.oneof(fc.constant(0), fc.integer({ min: 1e9, max: 2 ** 32 - 1 }));
    await fc.assert(fc.asyncProperty(A.hex32, A.hex32, A.channel, A.uid, A.account, fc.constantFrom(0, 1, 2, 101), expireTs, A.salt, A.issueTs, async (appId, cert, ch, uid, account, role, e, salt, ts) => {
      const o = { salt, ts };
      const r = role as 0 | 1 | 2 | 101;
      expect(await legacyAsync.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, uid, r, e, o)).toBe(legacySync.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, uid, r, e, o));
      expect(await legacyAsync.RtcTokenBuilder.buildTokenWithAccount(appId, cert, ch, account, r, e, o)).toBe(legacySync.RtcTokenBuilder.buildTokenWithAccount(appId, cert, ch, account, r, e, o));
      const user = account.length > 20 ? account.slice(0, 20) : account;
      if (new TextEncoder().encode(user).length <= 64 && user.isWellFormed()) {
        expect(await legacyAsync.RtmTokenBuilder.buildToken(appId, cert, user, 1, e, o)).toBe(legacySync.RtmTokenBuilder.buildToken(appId, cert, user, 1, e, o));
      }
      const token = legacySync.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, uid, r, e, o);
      expect(await legacyAsync.verifyToken(token, cert, { channelName: ch, uid })).toBe(true);
      expect(legacySync.verifyToken(token, cert, { channelName: ch, uid })).toBe(true);
    }), { numRuns: 300, seed: 60 });
  });
});
