// Differential tests against the official agora-token 2.0.6 (devDependency): for random valid
// inputs, our tokens parse and verify with the official parser and carry the same content as the
// official builder's token for the same inputs at the same instant; official tokens decode with ours.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';
import * as A from './helpers/arbitraries.ts';
import { official, officialAT2, officialParse, officialVerify, plainFromOurs, withoutSalt } from './helpers/official.ts';
import { makeService, serviceSpec, tokenOf } from './helpers/service-specs.ts';
import { payloadHexOf } from './helpers/vectors.ts';
import { inflateSync } from 'node:zlib';

const RUNS = 400;
const params = (seed: number) => ({ numRuns: RUNS, seed });

beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
afterEach(() => vi.useRealTimers());

/** Builds with both at the same frozen instant and compares everything but the salt. */
function sameContent(ours: string, theirs: string, cert: string): void {
  expect(officialVerify(ours, cert)).toBe(true);
  expect(syncLib.verifyToken(theirs, cert)).toBe(true);
  const oursByOfficial = officialParse(ours);
  expect(oursByOfficial).toEqual(plainFromOurs(syncLib.decodeToken(ours)));
  expect(plainFromOurs(syncLib.decodeToken(theirs))).toEqual(officialParse(theirs));
  expect(withoutSalt(oursByOfficial)).toEqual(withoutSalt(officialParse(theirs)));
}

const at = fc.integer({ min: 1_500_000_000_000, max: 4_000_000_000_000 });
const A_ID = '970CA35de60c44645bbae8a215061b33';
const A_CERT = '5CFd2fd1755d40ecb72977518be15d3b';

describe('RtcTokenBuilder vs agora-token', () => {
  it('buildTokenWithUid', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, A.channel, A.uid, A.role, A.seconds, A.seconds, (now, appId, cert, ch, uid, role, te, pe) => {
      vi.setSystemTime(now);
      sameContent(syncLib.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, uid, role, te, pe), official.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, uid, role, te, pe), cert);
    }), params(1));
  });

  it('buildTokenWithUserAccount (unicode accounts)', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, A.channel, A.account, A.role, A.seconds, A.seconds, (now, appId, cert, ch, account, role, te, pe) => {
      vi.setSystemTime(now);
      sameContent(syncLib.RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, ch, account, role, te, pe), official.RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, ch, account, role, te, pe), cert);
    }), params(2));
  });

  it('buildTokenWithUidAndPrivilege and BuildTokenWithUserAccountAndPrivilege', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, A.channel, A.uid, A.account, fc.array(A.seconds, { minLength: 5, maxLength: 5 }), (now, appId, cert, ch, uid, account, [te, j, a, v, d]) => {
      vi.setSystemTime(now);
      sameContent(syncLib.RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, cert, ch, uid, te!, j!, a!, v!, d!), official.RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, cert, ch, uid, te, j, a, v, d), cert);
      sameContent(syncLib.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(appId, cert, ch, account, te!, j!, a!, v!, d!), official.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(appId, cert, ch, account, te, j, a, v, d), cert);
      // The correctly cased alias (ours only) must build what agora-token's BuildTokenWithUserAccountAndPrivilege builds.
      sameContent(syncLib.RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege(appId, cert, ch, account, te!, j!, a!, v!, d!), official.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(appId, cert, ch, account, te, j, a, v, d), cert);
    }), params(3));
  });

  it('buildTokenWithRtm', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, A.channel, A.account, A.role, A.seconds, A.seconds, (now, appId, cert, ch, account, role, te, pe) => {
      vi.setSystemTime(now);
      sameContent(syncLib.RtcTokenBuilder.buildTokenWithRtm(appId, cert, ch, account, role, te, pe), official.RtcTokenBuilder.buildTokenWithRtm(appId, cert, ch, account, role, te, pe), cert);
    }), params(4));
  });

  it('buildTokenWithRtm2', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, A.channel, fc.oneof(A.account, A.uid), A.role, fc.array(A.seconds, { minLength: 6, maxLength: 6 }), A.text(255, 1), (now, appId, cert, ch, acc, role, [te, j, a, v, d, rte], rtmUser) => {
      vi.setSystemTime(now);
      sameContent(
        syncLib.RtcTokenBuilder.buildTokenWithRtm2(appId, cert, ch, acc, role, te!, j!, a!, v!, d!, rtmUser, rte!),
        official.RtcTokenBuilder.buildTokenWithRtm2(appId, cert, ch, acc, role, te, j, a, v, d, rtmUser, rte),
        cert,
      );
    }), params(5));
  });
});

describe('wildcard tokens (channel "*", AccessToken2 only; Agora docs: "wildcard token")', () => {
  const [S, O] = [syncLib as unknown as typeof official, official];
  // [method, call, identities agora-token takes there (a uid or an account), the uid-0 forms]
  const calls: [string, (lib: typeof official, uid: number | string) => string, (number | string)[], (number | string)[]][] = [
    ['buildTokenWithUid', (lib, uid) => lib.RtcTokenBuilder.buildTokenWithUid(A_ID, A_CERT, '*', uid, 2, 600, 600), [42, 4294967295], [0, '0']],
    ['buildTokenWithUserAccount', (lib, uid) => lib.RtcTokenBuilder.buildTokenWithUserAccount(A_ID, A_CERT, '*', uid, 1, 600, 600), ['alice', 42], [0, '0', '']],
    ['buildTokenWithUidAndPrivilege', (lib, uid) => lib.RtcTokenBuilder.buildTokenWithUidAndPrivilege(A_ID, A_CERT, '*', uid, 600, 600, 0, 0, 0), [42], [0]],
    ['BuildTokenWithUserAccountAndPrivilege', (lib, uid) => lib.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(A_ID, A_CERT, '*', uid, 600, 600, 600, 600, 600), ['alice'], ['', '0']],
    ['buildTokenWithRtm', (lib, uid) => lib.RtcTokenBuilder.buildTokenWithRtm(A_ID, A_CERT, '*', uid, 2, 600, 600), ['alice'], ['0']],
    ['buildTokenWithRtm2', (lib, uid) => lib.RtcTokenBuilder.buildTokenWithRtm2(A_ID, A_CERT, '*', uid, 2, 600, 600, 0, 0, 0, 'bob', 600), ['alice', 42], [0, '']],
    ['ConvoAITokenBuilder.buildToken', (lib, uid) => lib.ConvoAITokenBuilder.buildToken(A_ID, A_CERT, '*', uid, 2, 600, 600, 0, 0, 0, 'agent', 600), ['alice', 42], [0]],
    ['SttTokenBuilder.buildToken', (lib, uid) => lib.SttTokenBuilder.buildToken(A_ID, A_CERT, '*', uid, 2, 600, 600, 0, 0, 0, 'agent', 600), ['alice', 42], [0]],
  ];

  it.each(calls)('%s builds what agora-token builds for "*" and a uid or account, and refuses uid 0', (_, call, ids, zeros) => {
    vi.setSystemTime(1_700_000_000_000);
    for (const uid of ids) sameContent(call(S, uid), call(O, uid), A_CERT);
    for (const zero of zeros) {
      expect(() => call(S, zero), JSON.stringify(zero)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_UID', message: expect.stringMatching(/wildcard token \(channel "\*"\) needs a uid other than 0/) }));
    }
  });

  it('the options form and the async entry build it too; the field named is the one given', async () => {
    vi.setSystemTime(1_700_000_000_000);
    const base = { appId: A_ID, appCertificate: A_CERT, channel: '*', role: 'subscriber' as const };
    sameContent(syncLib.buildRtcToken({ ...base, uid: 42 }), official.RtcTokenBuilder.buildTokenWithUid(A_ID, A_CERT, '*', 42, 2, 3600, 3600), A_CERT);
    const both = syncLib.decodeToken(await asyncLib.buildRtcToken({ ...base, account: 'alice', rtm: {} })) as syncLib.DecodedToken007;
    expect(both.services.map((x) => ('channelName' in x ? x.channelName : 'userId' in x ? x.userId : x.name))).toEqual(['*', 'alice']);
    expect(() => syncLib.buildRtcToken({ ...base, uid: 0 })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_UID', field: 'uid' }));
    expect(() => syncLib.buildRtcToken({ ...base, account: '0' })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_UID', field: 'account' }));
    expect(() => syncLib.RtcTokenBuilder.buildTokenWithUserAccount(A_ID, A_CERT, '*', 0, 1, 600, 600)).toThrow(expect.objectContaining({ field: 'account' }));
    expect(() => syncLib.RtcTokenBuilder.buildTokenWithRtm2(A_ID, A_CERT, '*', '', 1, 600, 600, 0, 0, 0, 'bob', 600)).toThrow(expect.objectContaining({ field: 'rtcAccount' }));
    await expect(asyncLib.RtcTokenBuilder.buildTokenWithUid(A_ID, A_CERT, '*', 0, 1, 600, 600)).rejects.toMatchObject({ code: 'ERR_INVALID_UID', field: 'uid' });
    // The token class checks the same at build(), as it checks other service fields.
    const low = new syncLib.AccessToken2(A_ID, A_CERT, 1_700_000_000, 600);
    low.addService(new syncLib.ServiceRtc('*', 0).addPrivilege(1, 600));
    expect(() => low.build()).toThrow(expect.objectContaining({ code: 'ERR_INVALID_UID', field: 'services[0].uid' }));
    const lowAsync = new asyncLib.AccessToken2(A_ID, A_CERT, 1_700_000_000, 600);
    lowAsync.addService(new asyncLib.ServiceRtc('*', 7).addPrivilege(1, 600));
    expect(syncLib.verifyToken(await lowAsync.build(), A_CERT)).toBe(true);
    // "*" is the whole name or nothing: "room*" and "**" stay outside the documented characters.
    for (const bad of ['room*', '**', ' *']) expect(() => syncLib.RtcTokenBuilder.buildTokenWithUid(A_ID, A_CERT, bad, 42, 1, 600, 600), bad).toThrow(expect.objectContaining({ code: 'ERR_INVALID_CHANNEL' }));
  });
});

describe('RtmTokenBuilder vs agora-token', () => {
  it('buildToken', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, A.userId, A.seconds, (now, appId, cert, user, e) => {
      vi.setSystemTime(now);
      sameContent(syncLib.RtmTokenBuilder.buildToken(appId, cert, user, e), official.RtmTokenBuilder.buildToken(appId, cert, user, e), cert);
    }), params(6));
  });

  it('buildToken with a numeric user id (typed string | number officially, though agora-token throws on one) writes its decimal text', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, fc.integer({ min: 1, max: 2 ** 53 - 1 }), A.seconds, (now, appId, cert, user, e) => {
      vi.setSystemTime(now);
      sameContent(syncLib.RtmTokenBuilder.buildToken(appId, cert, user, e), official.RtmTokenBuilder.buildToken(appId, cert, String(user), e), cert);
    }), { numRuns: 100, seed: 13 });
  });

  it('buildTokenWithPermissions', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, A.userId, A.rtm2Permissions, A.seconds, (now, appId, cert, user, perms, e) => {
      vi.setSystemTime(now);
      const ours = granted(new syncLib.Rtm2Permissions(), perms);
      const theirs = granted(new official.Rtm2Permissions(), perms);
      sameContent(syncLib.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, user, ours, e), official.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, user, theirs, e), cert);
    }), params(7));
  });
});

/** An Rtm2Permissions (ours or the official class) given the arbitrary's grants, each list as an array or a Set. */
function granted<P extends { add(resourceType: number, permissionType: number, resources: Iterable<string>): unknown }>(
  permissions: P,
  grants: { resourceType: number; permissionType: number; resources: string[] }[],
  asSets = false,
): P {
  for (const g of grants) permissions.add(g.resourceType, g.permissionType, asSets ? new Set(g.resources) : g.resources);
  return permissions;
}

describe('RTM2 permissions in every form the official package takes', () => {
  it('resources as a Set, permissions null, a plain { details } object or the official class itself: same content', () => {
    fc.assert(fc.property(at, A.hex32, A.hex32, A.userId, A.rtm2Permissions, A.seconds, (now, appId, cert, user, perms, e) => {
      vi.setSystemTime(now);
      const fromSets = granted(new syncLib.Rtm2Permissions(), perms, true);
      const theirs = granted(new official.Rtm2Permissions(), perms, true);
      const want = official.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, user, theirs, e);
      sameContent(syncLib.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, user, fromSets, e), want, cert);
      sameContent(syncLib.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, user, theirs, e), want, cert);
      sameContent(syncLib.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, user, { details: theirs.details }, e), want, cert);
      sameContent(syncLib.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, user, null, e), official.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, user, null, e), cert);
    }), { numRuns: 150, seed: 17 });
  });

  it('a details tree shared with the official object stays live: later writes to it are built', async () => {
    const theirs = new official.Rtm2Permissions();
    const service = new syncLib.ServiceRtm2('alice', theirs);
    theirs.add(syncLib.Rtm2Permissions.kUsers, syncLib.Rtm2Permissions.kWrite, ['bob']);
    const token = new asyncLib.AccessToken2(A_ID, A_CERT, 1_700_000_000, 600).addService(service);
    const decoded = syncLib.decodeToken(await token.build()) as { services: { permissions?: unknown }[] };
    expect(decoded.services[0]!.permissions).toEqual([{ resourceType: 4, permissionType: 1, resources: ['bob'] }]);
  });
});

// Random service mixes through the low-level classes with fixed issueTs and salt: the inflated
// payloads must be byte-identical (strings differ only by compressor).
describe('random service mixes vs the official AccessToken2', () => {
  it('payloads are byte-identical and cross-verify', () => {
    fc.assert(fc.property(A.hex32, A.hex32, A.issueTs, A.seconds, A.salt, fc.array(serviceSpec, { minLength: 1, maxLength: 6 }), (appId, cert, ts, expire, salt, specs) => {
      const a = tokenOf(syncLib, appId, cert, ts, expire, salt, specs).build();
      const b = tokenOf(officialAT2, appId, cert, ts, expire, salt, specs).build();
      expect(payloadHexOf(a)).toBe(inflateSync(Buffer.from(b.slice(3), 'base64')).toString('hex'));
      expect(officialVerify(a, cert)).toBe(true);
      expect(syncLib.verifyToken(b, cert)).toBe(true);
      expect(plainFromOurs(syncLib.decodeToken(b))).toEqual(officialParse(b));
    }), { numRuns: 1500, seed: 8 });
  });

  it('service_type() matches the official class; getServices(type) lists that type in insertion order', () => {
    fc.assert(fc.property(fc.array(serviceSpec, { minLength: 1, maxLength: 8 }), (specs) => {
      for (const lib of [syncLib, asyncLib]) {
        const token = new lib.AccessToken2(A_ID, A_CERT, 1_700_000_000, 600);
        const made = specs.map((spec) => makeService(lib, spec));
        for (const svc of made) token.addService(svc);
        for (const [i, spec] of specs.entries()) {
          expect(made[i].service_type()).toBe(spec.type);
          expect(made[i].service_type()).toBe(makeService(officialAT2, spec).service_type());
        }
        for (let type = 0; type <= 11; type++) expect(token.getServices(type)).toEqual(made.filter((svc) => svc.type === type));
      }
    }), { numRuns: 200, seed: 12 });
  });

  it('the async entry builds the same payload as the sync entry', async () => {
    await fc.assert(fc.asyncProperty(A.hex32, A.hex32, A.issueTs, A.seconds, A.salt, fc.array(serviceSpec, { minLength: 1, maxLength: 4 }), async (appId, cert, ts, expire, salt, specs) => {
      const token = await tokenOf(asyncLib, appId, cert, ts, expire, salt, specs).build();
      expect(token).toBe(tokenOf(syncLib, appId, cert, ts, expire, salt, specs).build());
      expect(await asyncLib.verifyToken(token, cert)).toBe(true);
    }), { numRuns: 300, seed: 9 });
  });
});
