// 006 differential tests against agora-access-token 2.0.4 and the 006 copy inside agora-token 2.0.6
// (devDependencies). 006 has no compression, so with the same salt and ts both sides must produce
// byte-identical strings: thousands of seeded random cases, uid 0 and 2^32-1, unicode accounts,
// every role, through the AccessToken class and through the builders.
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as legacyAsync from '../src/legacy.ts';
import * as legacySync from '../src/legacy-sync.ts';
import * as A from './helpers/arbitraries.ts';

const require = createRequire(import.meta.url);
const packages = [
  {
    name: 'agora-access-token 2.0.4',
    AccessToken: require('agora-access-token/src/AccessToken').AccessToken,
    RtcTokenBuilder: require('agora-access-token').RtcTokenBuilder,
    RtmTokenBuilder: require('agora-access-token').RtmTokenBuilder,
  },
  {
    name: 'agora-token 2.0.6 (006 copy)',
    AccessToken: require('agora-token/src/AccessToken').AccessToken,
    RtcTokenBuilder: require('agora-token/src/RtcTokenBuilder').RtcTokenBuilder,
    RtmTokenBuilder: require('agora-token/src/RtmTokenBuilder').RtmTokenBuilder,
  },
];

// Privilege ids of SPEC 3.5 plus a few unnamed ones: the class packs any u16 id.
const privilegeId = fc.oneof(fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 101, 1000), fc.integer({ min: 0, max: 65535 }));
const privileges = fc.array(fc.tuple(privilegeId, A.salt), { minLength: 1, maxLength: 8 });
const u32 = fc.oneof(fc.constantFrom(0, 1, 2 ** 32 - 1), A.salt);
// Low-level channel slot: any well-formed text (RTM puts the account there).
const channelSlot = fc.oneof(A.channel, A.text(200));
const uidOrAccount = fc.oneof(A.uid, A.account, fc.constant('0'), fc.constant(''));
const expireTs = fc.oneof(fc.constant(0), fc.constantFrom(1e9, 2 ** 32 - 1), fc.integer({ min: 1e9, max: 2 ** 32 - 1 }));
const role = fc.constantFrom(0, 1, 2, 101) as fc.Arbitrary<0 | 1 | 2 | 101>;
const at = fc.integer({ min: 1_000_000_000_000, max: (2 ** 32 - 86_401) * 1000 });

describe.each(packages)('AccessToken class vs $name', (pkg) => {
  it('same inputs, salt, ts and privileges give byte-identical strings; official fromString reads ours back', async () => {
    await fc.assert(fc.asyncProperty(A.hex32, A.hex32, channelSlot, uidOrAccount, u32, u32, privileges, async (appId, cert, channel, uid, salt, ts, privs) => {
      fc.pre(appId.toLowerCase() !== cert.toLowerCase()); // refused by design (it would publish the certificate)
      const theirs = new pkg.AccessToken(appId, cert, channel, uid);
      const oursSync = new legacySync.AccessToken(appId, cert, channel, uid);
      const oursAsync = new legacyAsync.AccessToken(appId, cert, channel, uid);
      for (const t of [theirs, oursSync, oursAsync]) {
        t.salt = salt;
        t.ts = ts;
        for (const [id, value] of privs) t.addPriviledge(id, value);
      }
      const expected: string = theirs.build();
      expect(oursSync.build()).toBe(expected);
      expect(await oursAsync.build()).toBe(expected);
      expect(oursSync.uid).toBe(theirs.uid);

      const parsed = new pkg.AccessToken('', '', '', '');
      expect(parsed.fromString(oursSync.build())).toBe(true);
      expect({ salt: parsed.salt, ts: parsed.ts, messages: { ...parsed.messages } }).toEqual({ salt, ts, messages: { ...oursSync.messages } });
      const decoded = legacySync.decodeToken(expected);
      expect(decoded).toMatchObject({ version: '006', appId, salt, ts, crcChannelName: parsed.crc_channel_name, crcUid: parsed.crc_uid });
      expect(legacySync.verifyToken(expected, cert, { channelName: channel, uid })).toBe(true);
      // Ours reads it back as the official class does (parse form, fromString, messages), on both
      // entries, and, made with the credentials, rebuilds the same string from what it read.
      for (const Lib of [legacySync.AccessToken, legacyAsync.AccessToken]) {
        const back = new Lib('', '', '', '');
        expect(back.fromString(expected)).toBe(true);
        expect({ appID: back.appID, salt: back.salt, ts: back.ts, messages: { ...back.messages } }).toEqual({ appID: appId, salt, ts, messages: { ...parsed.messages } });
      }
      const again = new legacySync.AccessToken(appId, cert, channel, uid);
      expect(again.fromString(expected)).toBe(true);
      expect(again.build()).toBe(expected);
    }), { numRuns: 2500, seed: 61 });
  });

  it('fromString answers as the official one on what is not a readable 006 token, and keeps its state', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {}); // the official fromString logs its parse errors
    const good = new pkg.AccessToken('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 'room', 7);
    good.addPriviledge(1, 2_000_000_000);
    const token: string = good.build();
    for (const input of ['007invalid', `006${token.slice(3, 35)}!`, '006', token.slice(0, 50), token.slice(0, 35)]) {
      const ours = new legacySync.AccessToken('', '', '', '');
      expect(ours.fromString(input), input).toBe(new pkg.AccessToken('', '', '', '').fromString(input));
      expect(ours.fromString(input), input).toBe(false);
      expect({ appID: ours.appID, messages: ours.messages }).toEqual({ appID: '', messages: {} });
      expect(() => ours.build()).toThrow(expect.objectContaining({ code: 'ERR_INVALID_APP_ID' }));
    }
    vi.restoreAllMocks();
  });

  it('fromString takes any 32 characters as the App ID, as the official one; decodeToken still refuses them', () => {
    const good = new pkg.AccessToken('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 'room', 7);
    good.addPriviledge(1, 2_000_000_000);
    const token: string = good.build();
    for (const appId of ['g'.repeat(32), 'my-app-id-that-is-not-hex-at-all', '970CA35de60c44645bbae8a215061b3 ']) {
      const input = `006${appId}${token.slice(35)}`;
      const theirs = new pkg.AccessToken('', '', '', '');
      expect(theirs.fromString(input), appId).toBe(true);
      const ours = new legacySync.AccessToken('', '', '', '');
      expect(ours.fromString(input), appId).toBe(true);
      expect({ salt: ours.salt, ts: ours.ts, messages: ours.messages }).toEqual({ salt: theirs.salt, ts: theirs.ts, messages: theirs.messages });
      expect(ours.appID).toBe(appId);
      expect(() => legacySync.decodeToken(input)).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED', field: 'appId' }));
    }
  });
});

describe.each(packages)('builders vs $name', (pkg) => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  /** The official token with its (module-wide) salt and ts read back by the official parser. */
  const saltAndTs = (token: string) => {
    const parsed = new pkg.AccessToken('', '', '', '');
    expect(parsed.fromString(token)).toBe(true);
    return { salt: parsed.salt as number, ts: parsed.ts as number };
  };

  it('RtcTokenBuilder.buildTokenWithUid: every role, uid 0 and 2^32-1', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, A.channel, A.uid, role, expireTs, A.salt, A.salt, (now, appId, cert, ch, uid, r, e, salt2, ts2) => {
      vi.setSystemTime(now);
      const theirs: string = pkg.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, uid, r, e);
      const o = saltAndTs(theirs);
      expect(o.ts).toBe(Math.floor(now / 1000) + 86400);
      expect(legacySync.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, uid, r, e, o)).toBe(theirs);
      // The official builder keeps its last AccessToken on the class (Q19): rebuild it with another salt and ts.
      const key = pkg.RtcTokenBuilder.key;
      key.salt = salt2;
      key.ts = ts2;
      expect(legacySync.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, uid, r, e, { salt: salt2, ts: ts2 })).toBe(key.build());
    }), { numRuns: 1500, seed: 62 });
  });

  it('RtcTokenBuilder.buildTokenWithAccount / buildTokenWithUserAccount: unicode accounts, every role', async () => {
    await fc.assert(fc.asyncProperty(at, A.hex32, A.hex32, A.channel, A.account, role, expireTs, async (now, appId, cert, ch, account, r, e) => {
      vi.setSystemTime(now);
      const theirs: string = pkg.RtcTokenBuilder.buildTokenWithAccount(appId, cert, ch, account, r, e);
      const o = saltAndTs(theirs);
      expect(legacySync.RtcTokenBuilder.buildTokenWithAccount(appId, cert, ch, account, r, e, o)).toBe(theirs);
      expect(legacySync.RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, ch, account, r, e, o)).toBe(theirs);
      expect(await legacyAsync.RtcTokenBuilder.buildTokenWithAccount(appId, cert, ch, account, r, e, o)).toBe(theirs);
    }), { numRuns: 1500, seed: 63 });
  });

  it('argument lists the official builders accept: privilegeExpiredTs left out (packed as 0) and extra arguments past it (ignored)', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, A.channel, A.uid, role, expireTs, (now, appId, cert, ch, uid, r, e) => {
      vi.setSystemTime(now);
      // RTC with five arguments: the same token as with privilegeExpiredTs 0
      const five: string = (pkg.RtcTokenBuilder.buildTokenWithUid as (...a: unknown[]) => string)(appId, cert, ch, uid, r);
      const o = saltAndTs(five);
      expect((legacySync.RtcTokenBuilder.buildTokenWithUid as (...a: unknown[]) => string)(appId, cert, ch, uid, r, undefined, o)).toBe(five);
      expect(legacySync.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, uid, r, 0, o)).toBe(five);
      // RTM with four arguments (a timestamp in the ignored role slot, as real code does)
      const four: string = (pkg.RtmTokenBuilder.buildToken as (...a: unknown[]) => string)(appId, cert, 'acct', e);
      expect((legacySync.RtmTokenBuilder.buildToken as (...a: unknown[]) => string)(appId, cert, 'acct', e, undefined, saltAndTs(four))).toBe(four);
      // a seventh argument that is no options object (a second timestamp, agora-token style) is ignored
      const ours = legacySync.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, uid, r, e, e as never);
      const key = (pkg.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, uid, r, e), pkg.RtcTokenBuilder.key);
      Object.assign(key, saltAndTs(ours));
      expect(ours).toBe(key.build());
    }), { numRuns: 300, seed: 65 });
  });

  it('RtmTokenBuilder.buildToken: unicode accounts up to 64 bytes, role ignored', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, A.text(64, 1), fc.constantFrom(1, 2, 0), expireTs, (now, appId, cert, account, r, e) => {
      vi.setSystemTime(now);
      const theirs: string = pkg.RtmTokenBuilder.buildToken(appId, cert, account, r, e);
      const o = saltAndTs(theirs);
      expect(legacySync.RtmTokenBuilder.buildToken(appId, cert, account, r, e, o)).toBe(theirs);
      expect(legacySync.verifyToken(theirs, cert, { channelName: account })).toBe(true);
    }), { numRuns: 1500, seed: 64 });
  });
});
