// Property tests (seeded fast-check) over both entries: decode(build(x)) = x for every service
// type and both token versions, verify accepts only the right certificate, any single-bit change
// of the signed bytes is rejected, and the sync and async entries agree everywhere.
import { createRequire } from 'node:module';
import { crc32, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compress } from '../src/core/zlib.ts';
import * as asyncLib from '../src/index.ts';
import * as legacyAsync from '../src/legacy.ts';
import * as legacySync from '../src/legacy-sync.ts';
import * as syncLib from '../src/sync.ts';
import {
  anyService, certificate, expectedDecoded, hex32, SERVICE_TYPE_IDS, serviceOf, swapCase, text, tokenObject, tokenSpec, u16, u32, type TokenSpec,
} from './helpers/token-arbitraries.ts';

const require = createRequire(import.meta.url);
const official007 = require('agora-token/src/AccessToken2');
const { AccessToken: Official006 } = require('agora-access-token/src/AccessToken');

const SEED = 0x5eed_0008;
const RUNS = 150;
const run = { seed: SEED, numRuns: RUNS };
const HEX_SIGNATURE = expect.stringMatching(/^[0-9a-f]{64}$/);

/** Builds on both entries and checks they produce the same string. */
async function buildBoth(spec: TokenSpec): Promise<string> {
  const sync: string = tokenObject(syncLib, spec).build();
  const viaAsync: string = await tokenObject(asyncLib, spec).build();
  expect(viaAsync).toBe(sync);
  return sync;
}

type Outcome = { ok: boolean } | { code: string };

/** verifyToken on both entries; a thrown/rejected error must be an AgoraTokenError, the same on both. */
async function verifyBoth(token: string, cert: string, expected?: { channelName: string; uid?: number | string }): Promise<Outcome> {
  let syncOutcome: Outcome;
  try {
    syncOutcome = { ok: syncLib.verifyToken(token, cert, expected) };
  } catch (e) {
    expect(syncLib.isAgoraTokenError(e), String(e)).toBe(true);
    syncOutcome = { code: (e as { code: string }).code };
  }
  let asyncOutcome: Outcome;
  try {
    asyncOutcome = { ok: await asyncLib.verifyToken(token, cert, expected) };
  } catch (e) {
    expect(asyncLib.isAgoraTokenError(e), String(e)).toBe(true);
    asyncOutcome = { code: (e as { code: string }).code };
  }
  expect(asyncOutcome).toEqual(syncOutcome);
  return syncOutcome;
}

/** decodeToken's outcome: the decoded value or the typed error code. */
function decodeOutcome(token: string): { value: unknown } | { code: string } {
  try {
    return { value: syncLib.decodeToken(token) };
  } catch (e) {
    expect(syncLib.isAgoraTokenError(e), String(e)).toBe(true);
    return { code: (e as { code: string }).code };
  }
}

const payloadOf = (token: string) => new Uint8Array(inflateSync(Buffer.from(token.slice(3), 'base64')));
const seal007 = (payload: Uint8Array) => '007' + Buffer.from(compress(payload)).toString('base64');

/** A hex32 certificate that differs from `cert` in one position by more than letter case. */
const otherCertificate = (cert: string) =>
  fc.tuple(fc.nat(31), fc.constantFrom(...'0123456789abcdefABCDEF')).map(([i, c]) => cert.slice(0, i) + c + cert.slice(i + 1))
    .filter((o) => o.toLowerCase() !== cert.toLowerCase());

describe('AccessToken2 (007) properties, both entries', () => {
  it('decode(build(x)) = x, verify true only with the certificate, official parser agrees', async () => {
    await fc.assert(
      fc.asyncProperty(tokenSpec(), hex32, async (spec, randomCert) => {
        const token = await buildBoth(spec);
        const decoded = syncLib.decodeToken(token);
        expect(decoded).toEqual({ ...expectedDecoded(spec), signature: HEX_SIGNATURE });
        expect(asyncLib.decodeToken(token)).toEqual(decoded);

        const official = new official007.AccessToken2();
        expect(official.from_string(token)).toBe(true);
        expect(official.verifySignature(spec.appCertificate)).toBe(true);

        expect(await verifyBoth(token, spec.appCertificate)).toEqual({ ok: true });
        expect(await verifyBoth(token, swapCase(spec.appCertificate))).toEqual({ ok: false });
        expect(await verifyBoth(token, spec.appCertificate.toLowerCase() === spec.appCertificate ? spec.appCertificate.toUpperCase() : spec.appCertificate.toLowerCase()))
          .toEqual({ ok: false });
        if (randomCert !== spec.appCertificate) expect(await verifyBoth(token, randomCert)).toEqual({ ok: false });
      }),
      run,
    );
  });

  it('a certificate differing in one character never verifies', async () => {
    await fc.assert(
      fc.asyncProperty(tokenSpec(fc.array(anyService, { minLength: 1, maxLength: 2 })).chain((s) => fc.tuple(fc.constant(s), otherCertificate(s.appCertificate))), async ([spec, other]) => {
        expect(await verifyBoth(await buildBoth(spec), other)).toEqual({ ok: false });
      }),
      run,
    );
  });

  it.each(SERVICE_TYPE_IDS.map((t) => [t]))('service type %i alone, and twice in one token, round-trips in order', async (type) => {
    const twice = fc.tuple(serviceOf(type), serviceOf(type), fc.array(anyService, { maxLength: 2 })).map(([a, b, rest]) => [a, ...rest, b]);
    await fc.assert(
      fc.asyncProperty(fc.oneof(tokenSpec(serviceOf(type).map((s) => [s])), tokenSpec(twice)), async (spec) => {
        const token = await buildBoth(spec);
        expect(syncLib.decodeToken(token)).toEqual({ ...expectedDecoded(spec), signature: HEX_SIGNATURE });
        expect(await verifyBoth(token, spec.appCertificate)).toEqual({ ok: true });
      }),
      { seed: SEED + type, numRuns: 40 },
    );
  });

  it('any single-bit change of the signed bytes (re-compressed) makes verify false or a typed parse error', async () => {
    const counts = { false: 0, typed: 0 };
    await fc.assert(
      fc.asyncProperty(tokenSpec(), fc.nat(), fc.boolean(), async (spec, where, inSignature) => {
        const token = await buildBoth(spec);
        const payload = payloadOf(token);
        // Bytes 2..33 are the signature, 34.. the signingInfo (SPEC 2.10); both are covered.
        const bit = inSignature ? 16 + (where % 256) : 34 * 8 + (where % ((payload.length - 34) * 8));
        const mutated = payload.slice();
        mutated[bit >> 3]! ^= 1 << (bit & 7);
        const forged = seal007(mutated);
        const decoded = decodeOutcome(forged);
        const verdict = await verifyBoth(forged, spec.appCertificate);
        if ('code' in decoded) {
          // The same parse failure on decode and on both verifies, never a silent "true".
          expect(verdict).toEqual({ code: decoded.code });
          counts.typed++;
        } else {
          expect(verdict).toEqual({ ok: false });
          counts.false++;
        }
      }),
      { seed: SEED + 100, numRuns: 400 },
    );
    // Most flips land in values (ids, times, text) that still parse, so `false` must dominate.
    expect(counts.false).toBeGreaterThan(counts.typed);
  });
});

// ------------------------------------------------------------------------------------------------
// AccessToken (006): built by the official agora-access-token class (the oracle) and by our
// ./legacy and ./legacy/sync entries (which must give the identical string), decoded and verified
// by the main, /sync and both legacy entries.

interface Spec006 {
  appId: string;
  appCertificate: string;
  channel: string;
  uid: number | string;
  salt: number;
  ts: number;
  privileges: [number, number][];
}

const priv006 = fc.array(fc.tuple(fc.oneof(fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 101, 1000), u16), u32), { maxLength: 6 });
const spec006: fc.Arbitrary<Spec006> = fc.record({
  appId: hex32,
  appCertificate: certificate,
  channel: text(24),
  uid: fc.oneof(u32, text(16)),
  salt: u32,
  ts: u32,
  privileges: priv006,
});
const NAMES_006: Record<number, string> = {
  1: 'kJoinChannel', 2: 'kPublishAudioStream', 3: 'kPublishVideoStream', 4: 'kPublishDataStream', 5: 'kPublishAudiocdn',
  6: 'kPublishVideoCdn', 7: 'kRequestPublishAudioStream', 8: 'kRequestPublishVideoStream', 9: 'kRequestPublishDataStream',
  10: 'kInvitePublishAudioStream', 11: 'kInvitePublishVideoStream', 12: 'kInvitePublishDataStream', 101: 'kAdministrateChannel',
  1000: 'kRtmLogin',
};

function build006(s: Spec006): string {
  const t = new Official006(s.appId, s.appCertificate, s.channel, s.uid);
  t.salt = s.salt;
  t.ts = s.ts;
  for (const [id, v] of s.privileges) t.addPriviledge(id, v);
  return t.build();
}

/** Our 006 builds on both legacy entries must equal the official string (ours refuse an empty privilege list). */
async function expectOurs006(s: Spec006, official: string): Promise<void> {
  if (s.privileges.length === 0) {
    const noPrivilege = expect.objectContaining({ code: 'ERR_NO_SERVICE' });
    expect(() => new legacySync.AccessToken(s.appId, s.appCertificate, s.channel, s.uid).build()).toThrow(noPrivilege);
    await expect(new legacyAsync.AccessToken(s.appId, s.appCertificate, s.channel, s.uid).build()).rejects.toEqual(noPrivilege);
    return;
  }
  expect(await buildOurs006(s)).toEqual([official, official]);
}

async function buildOurs006(s: Spec006): Promise<[string, string]> {
  const make = (lib: typeof legacySync | typeof legacyAsync) => {
    const t = new lib.AccessToken(s.appId, s.appCertificate, s.channel, s.uid);
    t.salt = s.salt;
    t.ts = s.ts;
    for (const [id, v] of s.privileges) t.addPriviledge(id, v);
    return t.build();
  };
  return [make(legacySync) as string, await make(legacyAsync)];
}

/** The legacy entries' verifyToken must agree with the main entries' verdict. */
async function legacyVerdict(token: string, cert: string, expected?: { channelName: string; uid?: number | string }): Promise<Outcome> {
  const outcome = async (f: () => boolean | Promise<boolean>): Promise<Outcome> => {
    try {
      return { ok: await f() };
    } catch (e) {
      expect(legacySync.isAgoraTokenError(e), String(e)).toBe(true);
      return { code: (e as { code: string }).code };
    }
  };
  const a = await outcome(() => legacySync.verifyToken(token, cert, expected));
  expect(await outcome(() => legacyAsync.verifyToken(token, cert, expected))).toEqual(a);
  return a;
}

function expected006(s: Spec006): Record<string, unknown> {
  const last = new Map<number, number>();
  for (const [id, v] of s.privileges) last.set(id, v);
  const packedUid = s.uid === 0 ? '' : String(s.uid);
  return {
    version: '006', appId: s.appId, ts: s.ts, salt: s.salt,
    crcChannelName: crc32(Buffer.from(s.channel, 'utf8')), crcUid: crc32(Buffer.from(packedUid, 'utf8')),
    signature: HEX_SIGNATURE,
    privileges: [...last].sort((a, b) => a[0] - b[0]).map(([id, expire]) => ({ id, name: NAMES_006[id], expire })),
  };
}

describe('AccessToken (006) properties, both entries', () => {
  it('decode gives back the fields; verify true only with the certificate, channel and uid', async () => {
    await fc.assert(
      fc.asyncProperty(spec006, hex32, text(8), async (s, randomCert, otherChannel) => {
        const token = build006(s);
        await expectOurs006(s, token);
        const expectation = { channelName: s.channel, uid: s.uid };
        expect(syncLib.decodeToken(token)).toEqual(expected006(s));
        expect(asyncLib.decodeToken(token)).toEqual(syncLib.decodeToken(token));
        expect(legacyAsync.decodeToken(token)).toEqual(syncLib.decodeToken(token));
        expect(await verifyBoth(token, s.appCertificate, expectation)).toEqual({ ok: true });
        expect(await legacyVerdict(token, s.appCertificate, expectation)).toEqual({ ok: true });
        expect(await verifyBoth(token, swapCase(s.appCertificate), expectation)).toEqual({ ok: false });
        expect(await legacyVerdict(token, swapCase(s.appCertificate), expectation)).toEqual({ ok: false });
        if (randomCert !== s.appCertificate) expect(await verifyBoth(token, randomCert, expectation)).toEqual({ ok: false });
        if (otherChannel !== s.channel) expect(await verifyBoth(token, s.appCertificate, { channelName: otherChannel, uid: s.uid })).toEqual({ ok: false });
        const otherUid = typeof s.uid === 'number' ? (s.uid + 1) % 0x100000000 : `${s.uid}x`;
        expect(await verifyBoth(token, s.appCertificate, { channelName: s.channel, uid: otherUid })).toEqual({ ok: false });
      }),
      run,
    );
  });

  it('RTM 006 tokens (account in the channel slot, empty uid) verify without a uid', async () => {
    await fc.assert(
      fc.asyncProperty(spec006, async (s) => {
        const token = build006({ ...s, uid: '' });
        await expectOurs006({ ...s, uid: '' }, token);
        expect(await verifyBoth(token, s.appCertificate, { channelName: s.channel })).toEqual({ ok: true });
        expect(await verifyBoth(token, swapCase(s.appCertificate), { channelName: s.channel })).toEqual({ ok: false });
      }),
      { seed: SEED + 6, numRuns: 60 },
    );
  });

  it('any single-bit change of the signed bytes (app id text, CRCs, message) makes verify false or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(spec006, fc.nat(), fc.boolean(), async (s, where, inAppId) => {
        const token = build006(s);
        const expectation = { channelName: s.channel, uid: s.uid };
        let forged: string;
        if (inAppId) {
          // Flip one bit of one App ID character; a non-hex result is a typed error, a hex one must not verify.
          const i = 3 + (where % 32);
          const c = String.fromCharCode(token.charCodeAt(i) ^ (1 << ((where >> 5) % 7)));
          forged = token.slice(0, i) + c + token.slice(i + 1);
        } else {
          const content = new Uint8Array(Buffer.from(token.slice(35), 'base64'));
          const bit = 34 * 8 + (where % ((content.length - 34) * 8)); // CRCs and message: all signed or bound
          content[bit >> 3]! ^= 1 << (bit & 7);
          forged = token.slice(0, 35) + Buffer.from(content).toString('base64');
        }
        const decoded = decodeOutcome(forged);
        const verdict = await verifyBoth(forged, s.appCertificate, expectation);
        expect(await legacyVerdict(forged, s.appCertificate, expectation)).toEqual(verdict);
        if ('code' in decoded) expect(verdict).toEqual({ code: decoded.code });
        else expect(verdict).toEqual({ ok: false });
      }),
      { seed: SEED + 106, numRuns: 300 },
    );
  });
});
