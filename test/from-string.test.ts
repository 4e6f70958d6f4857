// AccessToken2.from_string and verifySignature, the official way to read and check a 007 token with
// agora-token's AccessToken2 class, against that class itself (agora-token 2.0.6): the same
// answers on random service mixes built by either side, on malformed input and on unknown service
// types; and what the fields read back rebuild into the same payload.
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';
import * as legacySync from '../src/legacy-sync.ts';
import * as A from './helpers/arbitraries.ts';
import { official, officialAT2 } from './helpers/official.ts';
import { serviceSpec, tokenOf } from './helpers/service-specs.ts';
import { bytes, rtcSigningInfo, sign007, u16, u32 } from './helpers/token-bytes.mjs';
import { payloadHexOf } from './helpers/vectors.ts';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const OTHER = 'f2c1b0a9e8d7c6b5a4f3e2d1c0b9a8f7';

/** Official from_string + verifySignature with a certificate. */
function officialRead(token: unknown, cert: string) {
  const t = new officialAT2.AccessToken2('', '', 0, 0);
  const ok = t.from_string(token);
  // The official reader leaves appId (and every string field) as a Buffer of its UTF-8 bytes.
  return { ok, appId: String(t.appId), issueTs: t.issueTs, expire: t.expire, salt: t.salt, types: t.services.map((s: { service_type(): number }) => s.service_type()), verified: t.verifySignature(cert) };
}

function oursRead(token: unknown, cert: string) {
  const t = new syncLib.AccessToken2('', '', 0, 0);
  const ok = t.from_string(token as string);
  return { ok, appId: t.appId, issueTs: t.issueTs, expire: t.expire, salt: t.salt, types: t.services.map((s) => s.service_type()), verified: t.verifySignature(cert) };
}

describe('from_string + verifySignature vs the official AccessToken2', () => {
  it('random service mixes built by either side: same fields, same verdicts, and the fields rebuild the payload', async () => {
    await fc.assert(fc.asyncProperty(A.hex32, A.hex32, A.issueTs, A.seconds, A.salt, fc.array(serviceSpec, { minLength: 1, maxLength: 6 }), async (appId, cert, ts, expire, salt, specs) => {
      fc.pre(appId.toLowerCase() !== cert.toLowerCase()); // we refuse a certificate equal to the App ID
      for (const token of [tokenOf(officialAT2, appId, cert, ts, expire, salt, specs).build() as string, tokenOf(syncLib, appId, cert, ts, expire, salt, specs).build() as string]) {
        const want = officialRead(token, cert);
        expect(want.ok && want.verified).toBe(true);
        expect(oursRead(token, cert)).toEqual(want);
        expect(oursRead(token, OTHER)).toEqual(officialRead(token, OTHER)); // verified: false
        expect(oursRead(token, 'not a certificate').verified).toBe(false);
        // The main entry reads the same and verifies on Web Crypto.
        const main = new asyncLib.AccessToken2();
        expect(main.from_string(token)).toBe(true);
        expect(await main.verifySignature(cert)).toBe(true);
        expect(await main.verifySignature(OTHER)).toBe(false);
        // Made with the certificate, the object re-signs what it read into the same payload.
        const again = new syncLib.AccessToken2(appId, cert);
        expect(again.from_string(token)).toBe(true);
        expect(payloadHexOf(again.build())).toBe(payloadHexOf(token));
      }
    }), { numRuns: 150, seed: 31 });
  });

  it('unreadable input: false on both, every field cleared, and nothing left to verify', () => {
    const good = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600) as string;
    const legacy = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 2_000_000_000);
    const inputs: unknown[] = [undefined, null, 42, '', '007', '00', legacy, '007eJ', `007${'A'.repeat(40)}`, good.slice(0, 40), `008${good.slice(3)}`, '007garbage!'];
    for (const input of inputs) {
      const ours = new syncLib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
      ours.addService(new syncLib.ServiceFpa());
      expect(ours.from_string(good)).toBe(true);
      expect(ours.from_string(input as string), String(input)).toBe(false);
      expect(officialRead(input, CERT).ok, String(input)).toBe(false);
      expect({ appId: ours.appId, issueTs: ours.issueTs, expire: ours.expire, salt: ours.salt, services: ours.services.length }).toEqual({ appId: '', issueTs: 0, expire: 0, salt: 0, services: 0 });
      expect(ours.verifySignature(CERT)).toBe(false); // the earlier good token is forgotten
      expect(() => ours.build()).toThrow(expect.objectContaining({ code: 'ERR_INVALID_APP_ID' }));
    }
  });

  it('stops at an unknown service type and keeps the services before it, as the official class', () => {
    // RTC (type 1, join privilege) then type 99 with bytes nobody can read.
    const str = (s: string) => bytes(Buffer.from(s));
    const rtc = Buffer.concat([u16(1), u16(1), u16(1), u32(600), str('room'), str('42')]);
    const info = Buffer.concat([str(APP_ID), u32(1_700_000_000), u32(600), u32(7), u16(2), rtc, Buffer.from([99, 0, 1, 2, 3])]);
    const token = '007' + deflateSync(Buffer.concat([bytes(sign007(CERT, 1_700_000_000, 7, info)), info])).toString('base64');
    const want = officialRead(token, CERT);
    expect(want).toMatchObject({ ok: true, types: [1], verified: true });
    expect(oursRead(token, CERT)).toEqual(want);
    const t = new syncLib.AccessToken2();
    t.from_string(token);
    expect(t.getServices(1)[0]).toMatchObject({ channelName: 'room', uid: '42' });
  });

  it('reads fields past the builders\' limits (a 300-byte account from the official builder) rather than refusing them', () => {
    const account = 'a'.repeat(300);
    const token = official.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', account, 1, 600, 600) as string;
    expect(() => syncLib.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', account, 1, 600, 600)).toThrow(/account/);
    const t = new syncLib.AccessToken2();
    expect(t.from_string(token)).toBe(true);
    expect(t.getServices(1)[0]).toMatchObject({ channelName: 'room', uid: account });
    expect(t.verifySignature(CERT)).toBe(true);
  });

  it('verifySignature uses the current issueTs and salt, as the official method does', () => {
    const token = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600) as string;
    for (const Lib of [syncLib.AccessToken2, officialAT2.AccessToken2]) {
      const t = new Lib('', '', 0, 0);
      t.from_string(token);
      t.salt += 1;
      expect(t.verifySignature(CERT)).toBe(false);
      t.salt -= 1;
      expect(t.verifySignature(CERT)).toBe(true);
    }
  });

  it('a bare Service (a type newer than the library) packs its type and privileges, as the official base class', async () => {
    for (const lib of [syncLib, asyncLib]) {
      const t = new lib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
      t.salt = 7;
      t.addService(new lib.ServiceRtc('room', 42).addPrivilege(1, 600)).addService(new lib.Service(12).addPrivilege(1, 600));
      const theirs = new officialAT2.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
      theirs.salt = 7;
      theirs.add_service(new officialAT2.ServiceRtc('room', 42));
      theirs.services[0].add_privilege(1, 600);
      theirs.add_service(new officialAT2.Service(12));
      theirs.services[1].add_privilege(1, 600);
      const token = await t.build();
      expect(payloadHexOf(token)).toBe(payloadHexOf(theirs.build()));
      const decoded = syncLib.decodeToken(token);
      expect(decoded.version).toBe('007');
      expect(decoded.version === '007' && decoded.services.at(-1)).toEqual({ name: 'unknown', type: 12, unparsedBytes: 8 });
    }
  });

  it('appId and appCertificate are writable as on the official object, and checked again when built', async () => {
    const token = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600) as string;
    for (const lib of [syncLib, asyncLib]) {
      // Read, then give the certificate: the same content re-signed, as the official object does.
      const t = new lib.AccessToken2();
      expect(t.from_string(token)).toBe(true);
      t.appCertificate = CERT;
      expect(payloadHexOf(await t.build())).toBe(payloadHexOf(token));
      t.appCertificate = OTHER;
      expect(syncLib.verifyToken(await t.build(), OTHER)).toBe(true);
      expect(() => (t.appCertificate = 'not hex')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_APP_CERTIFICATE' }));
      t.appCertificate = APP_ID; // the App ID is public: refused when built
      await expect(Promise.resolve().then(() => t.build())).rejects.toMatchObject({ code: 'ERR_INVALID_APP_CERTIFICATE' });
      const u = new lib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600).addService(new lib.ServiceFpa());
      (u as { appId: string }).appId = 'not an app id';
      await expect(Promise.resolve().then(() => u.build())).rejects.toMatchObject({ code: 'ERR_INVALID_APP_ID', field: 'appId' });
      (u as { appId: string }).appId = APP_ID;
      expect(syncLib.verifyToken(await u.build(), CERT)).toBe(true);
    }
  });

  it('never throws on mangled tokens: 3,000 seeded mutations of 007 and 006 strings give a boolean, and verify a boolean', () => {
    const t007 = official.RtcTokenBuilder.buildTokenWithRtm(APP_ID, CERT, 'room', 'alice', 1, 600, 600) as string;
    const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 2_000_000_000);
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
    fc.assert(fc.property(fc.constantFrom(t007, t006), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('flip', 'cut', 'insert', 'delete')), { minLength: 1, maxLength: 4 }), (token, edits) => {
      let s = token;
      for (const [at, pick, kind] of edits) {
        const i = 3 + (at % Math.max(1, s.length - 3));
        const c = B64[pick % B64.length]!;
        if (kind === 'flip') s = s.slice(0, i) + c + s.slice(i + 1);
        else if (kind === 'cut') s = s.slice(0, i);
        else if (kind === 'insert') s = s.slice(0, i) + c + s.slice(i);
        else s = s.slice(0, i) + s.slice(i + 1);
      }
      const a = new syncLib.AccessToken2();
      const read = a.from_string(s);
      expect(typeof read).toBe('boolean');
      expect(typeof a.verifySignature(CERT)).toBe('boolean');
      if (!read) expect(a.services).toHaveLength(0);
      const b = new legacySync.AccessToken('', '', '', '');
      expect(typeof b.fromString(s)).toBe('boolean');
    }), { numRuns: 3000, seed: 77 });
  });

  it("reads base64 as Node's Buffer does (whitespace, quotes, URL-safe, no padding), answering as the official from_string / fromString", () => {
    // The official classes decode with Buffer, which skips characters outside the alphabet, takes
    // - and _, and stops at '='. decodeToken stays strict and names the damage instead.
    const t007 = [
      official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600) as string,
      official.RtcTokenBuilder.buildTokenWithRtm(APP_ID, CERT, 'lobby', 'alice', 1, 600, 600) as string,
      syncLib.ChatTokenBuilder.buildAppToken(APP_ID, CERT, 600),
    ];
    const t006 = [legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 2_000_000_000), legacySync.RtmTokenBuilder.buildToken(APP_ID, CERT, 'bob', 1, 2_000_000_000)];
    const Official006 = createRequire(import.meta.url)('agora-access-token/src/AccessToken.js').AccessToken;
    const NOISE = [' ', '\n', '\r\n', '\t', '"', "'", '%', '*', '\u00e9'];
    let changed = 0;
    // Trailing junk: Buffer drops a lone last character, and the official parsers ignore bytes
    // after what they read.
    const TAILS = ['', '', '', 'A', 'AA', 'AAAA', '%2', 'QUJD', 'QUJDRA'];
    fc.assert(fc.property(fc.constantFrom(...t007, ...t006), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NOISE)), { maxLength: 4 }), fc.boolean(), fc.boolean(), fc.constantFrom(...TAILS), (token, inserts, urlSafe, unpad, tail) => {
      const start = token.startsWith('006') ? 35 : 3; // 006: the App ID sits before the base64
      let s = token.slice(start);
      if (urlSafe) s = s.replace(/\+/g, '-').replace(/\//g, '_');
      if (unpad) s = s.replace(/=+$/, '');
      for (const [at, c] of inserts) {
        const i = at % (s.length + 1);
        s = s.slice(0, i) + c + s.slice(i);
      }
      s = token.slice(0, start) + s + tail;
      if (s !== token) {
        changed++;
        expect(() => syncLib.decodeToken(s)).toThrow(expect.objectContaining({ name: 'AgoraTokenError' }));
      }
      if (start === 3) {
        const want = officialRead(s, CERT);
        expect(want.ok && want.verified).toBe(true);
        expect(oursRead(s, CERT)).toEqual(want);
        expect(oursRead(s, OTHER)).toEqual(officialRead(s, OTHER));
      } else {
        const want = new Official006('', '', '', '');
        expect(want.fromString(s)).toBe(true);
        const ours = new legacySync.AccessToken('', '', '', '');
        expect(ours.fromString(s)).toBe(true);
        expect({ salt: ours.salt, ts: ours.ts, messages: ours.messages }).toEqual({ salt: want.salt, ts: want.ts, messages: want.messages });
        // The official read-back fields (Buffers there, Uint8Arrays here).
        expect([ours.crc_channel_name, ours.crc_uid, Buffer.from(ours.signature!).toString('hex'), Buffer.from(ours.m!).toString('hex')])
          .toEqual([want.crc_channel_name, want.crc_uid, want.signature.toString('hex'), want.m.toString('hex')]);
        expect(ours.appID).toBe(APP_ID); // the official method leaves appID as constructed
      }
    }), { numRuns: 600, seed: 41 });
    expect(changed).toBeGreaterThan(400);
  });

  it('the parse form needs no credentials; a token made with only one of them is still refused at once', () => {
    expect(new syncLib.AccessToken2().appId).toBe('');
    expect(new asyncLib.AccessToken2('', '', 0, 0).expire).toBe(0);
    expect(() => new syncLib.AccessToken2(APP_ID, '')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_APP_CERTIFICATE' }));
    expect(() => new syncLib.AccessToken2('', CERT)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_APP_ID' }));
  });
});

// Edges a mutation audit found untested: each is something the official class does too.
describe('AccessToken2: defaults, checks and packing the official class shares', () => {
  const token = () => official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600) as string;

  it('verifySignature uses the current issueTs, and an appId that is no App ID verifies as false', () => {
    for (const Lib of [syncLib.AccessToken2, officialAT2.AccessToken2]) {
      const t = new Lib('', '', 0, 0);
      expect(t.from_string(token())).toBe(true);
      t.issueTs += 1;
      expect(t.verifySignature(CERT)).toBe(false);
      t.issueTs -= 1;
      expect(t.verifySignature(CERT)).toBe(true);
      t.appId = 'not-an-app-id';
      expect(t.verifySignature(CERT)).toBe(false);
    }
  });

  it('from_string checks the zlib Adler-32 trailer: a token with its last byte changed reads as false on both', () => {
    const bytes = Buffer.from(token().slice(3), 'base64');
    bytes[bytes.length - 1]! ^= 1;
    const damaged = `007${bytes.toString('base64')}`;
    expect(new syncLib.AccessToken2('', '', 0, 0).from_string(damaged)).toBe(false);
    expect(new officialAT2.AccessToken2('', '', 0, 0).from_string(damaged)).toBe(false);
  });

  it('defaults: expire 900 (as Agora\'s Python class; the Node one leaves it undefined), an APaaS service role -1 (as the official class)', () => {
    expect(new syncLib.AccessToken2(APP_ID, CERT).expire).toBe(900);
    expect(new syncLib.ServiceApaas('room', 'user').role).toBe(-1);
    expect(new officialAT2.ServiceApaas('room', 'user').__role).toBe(-1);
  });

  it('build() refuses a wildcard RTC service whose uid is the text "0" (uid 0), as the builders do', () => {
    const t = new syncLib.AccessToken2(APP_ID, CERT);
    const rtc = new syncLib.ServiceRtc('*', 5);
    (rtc as { uid: string }).uid = '0';
    t.add_service(rtc.add_privilege(syncLib.ServiceRtc.kPrivilegeJoinChannel, 600));
    expect(() => t.build()).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_UID' }));
  });

  it("the official class's internal fields written directly (`__privileges`, `__uid`) are refused at build, not silently left out", async () => {
    // The official class packs what code writes there: a token with the privilege.
    const theirs = new officialAT2.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
    const theirService = new officialAT2.ServiceRtc('c', 1);
    theirService.__privileges = { 1: 600 };
    theirs.add_service(theirService);
    expect(syncLib.decodeToken(theirs.build())).toMatchObject({ services: [{ privileges: [{ id: 1, expire: 600 }] }] });
    for (const lib of [syncLib, asyncLib]) {
      for (const [key, value] of [['__privileges', { 1: 600 }], ['__uid', '5']] as const) {
        const t = new lib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
        const service = new lib.ServiceRtc('c', 1).addPrivilege(2, 600);
        (service as unknown as Record<string, unknown>)[key] = value;
        t.addService(service);
        await expect(Promise.resolve().then(() => t.build())).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: `services[0].${key}` });
      }
    }
    // A service read from a token carries the same names as getters: it builds as before.
    const read = new syncLib.AccessToken2(APP_ID, CERT);
    expect(read.from_string(theirs.build())).toBe(true);
    expect(syncLib.verifyToken(read.build(), CERT)).toBe(true);
  });

  it('RTM2 permissions pack resource types in numeric order (10 after 2), byte for byte as the official class', () => {
    const ours = new syncLib.Rtm2Permissions().add(10, 0, ['x']).add(2, 0, ['y']);
    const theirs = new officialAT2.Rtm2Permissions();
    theirs.add(10, 0, ['x']);
    theirs.add(2, 0, ['y']);
    const payloads = [[syncLib, ours], [officialAT2, theirs]].map(([Lib, permissions]) => {
      const t = new Lib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
      t.salt = 7;
      t.add_service(new Lib.ServiceRtm2('alice', permissions));
      return payloadHexOf(t.build());
    });
    expect(payloads[0]).toBe(payloads[1]);
  });
});

describe('building from a parse-form object (it starts with no salt, so reading needs no CSPRNG)', () => {
  const APP = '970CA35de60c44645bbae8a215061b33';
  const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
  const saltOf = (token: string): number => syncLib.decodeToken(token).salt;

  it('AccessToken2: a parse form given credentials draws a random salt at build; a salt assigned before is kept', () => {
    const made = () => {
      const t = new syncLib.AccessToken2();
      expect(t.salt).toBe(0);
      (t as { appId: string }).appId = APP;
      t.appCertificate = CERT;
      t.addService(new syncLib.ServiceRtc('room', 1).addPrivilege(1, 600));
      return t;
    };
    const salts = [0, 1, 2, 3].map(() => saltOf(made().build()));
    for (const salt of salts) expect(salt).toBeGreaterThanOrEqual(1);
    expect(new Set(salts).size).toBeGreaterThan(1);
    const once = made();
    expect(saltOf(once.build())).toBe(once.salt); // drawn once, kept for later builds
    expect(saltOf(once.build())).toBe(once.salt);
    const fixed = made();
    fixed.salt = 77;
    expect(saltOf(fixed.build())).toBe(77);
    // A failed from_string clears the object, salt included: a build then draws one too.
    const failed = new syncLib.AccessToken2(APP, CERT);
    failed.from_string('007garbage');
    (failed as { appId: string }).appId = APP;
    failed.addService(new syncLib.ServiceRtc('room', 1).addPrivilege(1, 600));
    expect(saltOf(failed.build())).toBeGreaterThanOrEqual(1);
  });

  it('AccessToken (006): the same, and a token read by fromString keeps its salt when re-signed', () => {
    const made = () => {
      const t = new legacySync.AccessToken('', '', 'room', 42);
      expect(t.salt).toBe(0);
      (t as { appID: string }).appID = APP;
      t.appCertificate = CERT;
      t.addPrivilege(legacySync.Privileges.kJoinChannel, 2_000_000_000);
      return t;
    };
    const salts = [0, 1, 2, 3].map(() => saltOf(made().build()));
    for (const salt of salts) expect(salt).toBeGreaterThanOrEqual(1);
    expect(new Set(salts).size).toBeGreaterThan(1);
    const fixed = made();
    fixed.salt = 5;
    expect(saltOf(fixed.build())).toBe(5);
    const token = legacySync.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, 1, 2_000_000_000, { salt: 1234, ts: 2_000_000_000 });
    const read = new legacySync.AccessToken('', '', 'room', 42);
    expect(read.fromString(token)).toBe(true);
    read.appCertificate = CERT;
    expect(read.build()).toBe(token);
  });
});

describe('from_string reads what the official parser reads inside the payload (a code review, 2026-11-25)', () => {
  const ISSUE = 1_700_000_000;
  /** A 007 token packed by hand (SPEC 2.2/2.6): an RTC service for `channel` (raw bytes), then `after`. */
  function packed(channel: Buffer, after = Buffer.alloc(0), signatureLength = 32): string {
    const info = Buffer.concat([rtcSigningInfo({ appId: Buffer.from(APP_ID), channel, uid: Buffer.from('42'), issueTs: ISSUE, expire: 3600, salt: 7 }), after]);
    const sig = sign007(CERT, ISSUE, 7, info).subarray(0, signatureLength);
    return '007' + deflateSync(Buffer.concat([bytes(sig), info])).toString('base64');
  }
  const channelOf = (t: syncLib.AccessToken2) => (t.getServices(1)[0] as unknown as { __channel_name: string }).__channel_name;

  it('bytes after the last service (signed): true on both, and the signature verifies on both', () => {
    const token = packed(Buffer.from('room'), Buffer.from([0xaa, 0xbb]));
    expect(officialRead(token, CERT)).toMatchObject({ ok: true, verified: true });
    expect(oursRead(token, CERT)).toMatchObject({ ok: true, verified: true, types: [1] });
    expect(oursRead(token, OTHER)).toMatchObject({ ok: true, verified: false });
    // decodeToken and verifyToken stay strict: builders never write such bytes.
    expect(() => syncLib.decodeToken(token)).toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_TRAILING_BYTES' }));
  });

  it('a signature field that is not 32 bytes: read as the official class reads it, and it never verifies', () => {
    for (const length of [0, 16]) {
      const token = packed(Buffer.from('room'), undefined, length);
      expect(officialRead(token, CERT)).toMatchObject({ ok: true, verified: false });
      expect(oursRead(token, CERT)).toMatchObject({ ok: true, verified: false, appId: APP_ID, issueTs: ISSUE });
    }
  });

  it('text that is not UTF-8 (a Latin-1 channel packed as raw bytes): read with U+FFFD as Buffer reads it, and the signature verifies', () => {
    const latin1 = Buffer.from('caf\xe9', 'latin1');
    const token = packed(latin1);
    expect(officialRead(token, CERT)).toMatchObject({ ok: true, verified: true });
    const ours = new syncLib.AccessToken2();
    expect(ours.from_string(token)).toBe(true);
    expect(ours.verifySignature(CERT)).toBe(true);
    expect(channelOf(ours)).toBe(latin1.toString());
    // A strict read afterwards of the same bytes still refuses them (nothing cached from the loose one).
    expect(() => syncLib.decodeToken(token)).toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED', field: 'rtc.channelName' }));
  });

  it('a leading U+FEFF is part of the text, in decodeToken and from_string alike, as the official parser reads it', () => {
    const token = packed(Buffer.from('\ufeffroom'));
    const official = new officialAT2.AccessToken2('', '', 0, 0);
    expect(official.from_string(token)).toBe(true);
    const officialChannel = String(official.services[0].__channel_name);
    expect(officialChannel).toBe('\ufeffroom');
    const ours = new syncLib.AccessToken2();
    expect(ours.from_string(token)).toBe(true);
    expect(channelOf(ours)).toBe(officialChannel);
    expect(syncLib.decodeToken(token)).toMatchObject({ services: [{ channelName: officialChannel }] });
    // Built by us with that text, it reads back the same, and rebuilding from the read gives the same payload.
    const t = new syncLib.AccessToken2(APP_ID, CERT, ISSUE, 3600);
    t.salt = 7;
    t.addService(new syncLib.ServiceRtc('\ufeffroom', '\ufeffalice').addPrivilege(1, 3600));
    const built = t.build();
    expect(syncLib.decodeToken(built)).toMatchObject({ services: [{ channelName: '\ufeffroom', uid: '\ufeffalice' }] });
    const again = new syncLib.AccessToken2(APP_ID, CERT);
    expect(again.from_string(built)).toBe(true);
    expect(again.build()).toBe(built);
  });
});
