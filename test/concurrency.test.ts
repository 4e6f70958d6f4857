// Many builds in flight at once on the async entries: each build keeps its own pooled writer and
// signing state across its Web Crypto awaits, so every token must equal the /sync token for the
// same inputs (fixed issue time and salt) and verify with the official parser.
import { describe, expect, it } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';
import * as legacyAsync from '../src/legacy.ts';
import * as legacySync from '../src/legacy-sync.ts';
import { officialParse, officialVerify } from './helpers/official.ts';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERTS = ['5CFd2fd1755d40ecb72977518be15d3b', 'a1b2c3d4e5f60718293a4b5c6d7e8f90'];
const N = 96;

describe('concurrent async builds', () => {
  it(`${N} interleaved 007 builds with different channels, sizes, certificates and seconds equal their /sync twins`, async () => {
    const inputs = Array.from({ length: N }, (_, i) => ({
      appId: APP_ID,
      appCertificate: CERTS[i % 2]!,
      channel: `room-${i}-${'x'.repeat(i % 40)}`,
      uid: i * 7919,
      role: (i % 2) + 1,
      issuedAt: 1_700_000_000 + (i % 3),
      salt: 1000 + i,
      expiresInSeconds: 600 + i,
      ...(i % 3 === 0 ? { rtm: { userId: `user-${i}` } } : {}),
    }));
    const tokens = await Promise.all(inputs.map((o) => asyncLib.buildRtcToken(o as never)));
    inputs.forEach((o, i) => {
      expect(tokens[i]).toBe(syncLib.buildRtcToken(o as never));
      expect(officialVerify(tokens[i]!, o.appCertificate)).toBe(true);
      expect(JSON.stringify(officialParse(tokens[i]!))).toContain(o.channel);
    });
  });

  it(`${N} interleaved 006 builds equal their /legacy/sync twins`, async () => {
    const expireTs = 2_000_000_000;
    const make = (lib: typeof legacySync | typeof legacyAsync, i: number) =>
      lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERTS[i % 2]!, `chan-${i}-${'y'.repeat(i % 50)}`, i, 1, expireTs, { salt: 7 + i, ts: 1_900_000_000 });
    const tokens = await Promise.all(Array.from({ length: N }, (_, i) => make(legacyAsync, i)));
    tokens.forEach((t, i) => expect(t).toBe(make(legacySync, i)));
    expect(legacySync.verifyToken(tokens[5]!, CERTS[1]!, { channelName: `chan-5-${'y'.repeat(5)}`, uid: 5 })).toBe(true);
  });
});

describe('the k1 cache under a burst of awaited builds', () => {
  it('builds that all missed it in one second store their k1 once: 15 other certificates keep their entries', async () => {
    const { findK1 } = await import('../src/token/signing.ts');
    const hex = (i: number) => i.toString(16).padStart(2, '0').repeat(16);
    const second = 1_650_000_777;
    // 15 other certificates cached for this second (the cache holds 16)
    const others = Array.from({ length: 15 }, (_, i) => hex(0x10 + i));
    for (const cert of others) await asyncLib.buildRtcToken({ appId: APP_ID, appCertificate: cert, channel: 'warm', uid: 1, role: 'publisher', issuedAt: second, salt: 1 });
    for (const cert of others) expect(findK1(cert, second), cert).toBeDefined();
    // 20 builds in flight at once for a new certificate: every one misses (none has stored k1 yet)
    const burstCert = hex(0x77);
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) => asyncLib.buildRtcToken({ appId: APP_ID, appCertificate: burstCert, channel: 'burst', uid: i + 1, role: 'publisher', issuedAt: second, salt: 100 + i })),
    );
    for (const t of tokens) expect(officialVerify(t, burstCert)).toBe(true);
    expect(findK1(burstCert, second)).toBeDefined();
    // before: 20 copies of the burst's entry pushed all 15 out of the 16-entry cache
    for (const cert of others) expect(findK1(cert, second), cert).toBeDefined();
  });
});
