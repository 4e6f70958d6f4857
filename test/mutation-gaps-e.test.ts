// Edges a test-quality audit's mutants got past (2026-11-24): each test below fails with the
// mutant named in it. Tokens come from the official packages where one is involved.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as mainAsync from '../src/index.ts';
import * as legacyAsync from '../src/legacy.ts';
import * as legacySync from '../src/legacy-sync.ts';
import * as mainSync from '../src/sync.ts';
import { officialRtc, officialToken007 } from './helpers/official.ts';

const require = createRequire(import.meta.url);
const legacyOfficial = require('agora-access-token');

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5cfd2fd1755d40ecb72977518be15d3b';
const ISSUE = 1_700_000_000;
const entries = [['main', mainAsync], ['sync', mainSync], ['legacy', legacyAsync], ['legacy/sync', legacySync]] as const;

describe('verifyToken of a 006 token: expected.uid null is a bad uid, not "no uid"', () => {
  // Mutant: decode.ts `expected?.uid === undefined` -> `== null`, which verified a uid-0 token as true.
  const token: string = legacyOfficial.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 0, 1, Math.floor(Date.now() / 1000) + 600);
  it.each(entries)('%s', async (_name, lib) => {
    expect(await lib.verifyToken(token, CERT, { channelName: 'room' })).toBe(true); // the control: uid left out
    await expect(async () => lib.verifyToken(token, CERT, { channelName: 'room', uid: null as never })).rejects.toMatchObject({ code: 'ERR_INVALID_UID', field: 'expected.uid' });
  });
});

describe('Rtm2Permissions.add: resources must be iterable', () => {
  // Mutant: rtm2-permissions.ts resourceList without the Symbol.iterator check took {} as no names.
  it.each([['main', mainAsync], ['sync', mainSync]] as const)('%s', (_name, lib) => {
    for (const bad of [{}, { length: 1, 0: 'lobby' }]) {
      expect(() => new lib.Rtm2Permissions().add(0, 0, bad as never)).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field: 'resources' }));
    }
    expect(new lib.Rtm2Permissions().add(0, 0, new Set(['lobby'])).details).toEqual({ 0: { 0: ['lobby'] } }); // the control
  });
});

describe('diagnoseToken: a uid given as text reaches 4294967295', () => {
  // Mutant: expected.ts /^[0-9]{1,10}$/ -> {1,9}, which refused the largest uid written as text.
  const token: string = officialToken007(APP_ID, CERT, ISSUE, 3600, 99, [officialRtc('room', 4294967295, { 1: 3600 })]);
  it('matches the uid 4294967295 given as "4294967295"; refuses 2^32 and an 11-digit text', async () => {
    const expected = { appCertificate: CERT, channel: 'room', now: ISSUE + 10 };
    expect((await mainAsync.diagnoseToken(token, { ...expected, uid: '4294967295' as never })).map((f) => f.code)).toEqual(['SIGNATURE_VALID']);
    for (const uid of ['4294967296', '00000000001']) {
      expect(() => mainSync.diagnoseToken(token, { ...expected, uid: uid as never }), uid).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_UID' }));
    }
  });
});

describe('diagnoseToken: the milliseconds hint starts at 600,000 seconds', () => {
  // Mutant: check-time.ts `seconds >= 600_000` -> `> 600_000`, which lost the hint at its lower edge.
  const lifetimeMessage = (seconds: number) => {
    const found = mainSync.diagnoseToken(officialToken007(APP_ID, CERT, ISSUE, seconds, 99, [officialRtc('room', 42, { 1: 3600 })]), { now: ISSUE }).find((f) => f.code === 'LIFETIME_OVER_24H');
    if (!found) throw new Error(`no LIFETIME_OVER_24H for ${seconds}`);
    return found.message;
  };
  it('600000 gets it; 599000 and 86401000 (over 24 hours in milliseconds) do not', () => {
    expect(lifetimeMessage(600_000)).toMatch(/600000 is 600 x 1000: was a lifetime in milliseconds passed as seconds\?/);
    expect(lifetimeMessage(599_000)).not.toMatch(/milliseconds/);
    expect(lifetimeMessage(86_401_000)).not.toMatch(/milliseconds/);
  });
});
