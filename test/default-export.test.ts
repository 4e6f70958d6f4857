// The default exports of /sync and /legacy/sync stand in for the official CommonJS module objects,
// which ESM code can only import whole (`import agora from 'agora-token'`): the same member names,
// each the same value as our named export, and tokens the official parsers read back.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import syncDefault, * as sync from '../src/sync.ts';
import legacyDefault, * as legacySync from '../src/legacy-sync.ts';
import { officialParse, officialVerify } from './helpers/official.ts';

const require = createRequire(import.meta.url);
const officialToken = require('agora-token');
const officialAccess = require('agora-access-token');
const { AccessToken: Official006 } = require('agora-access-token/src/AccessToken');
const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';

describe('default exports', () => {
  it("/sync's default has agora-token's members, each our named export", () => {
    expect(Object.keys(syncDefault).sort()).toEqual(Object.keys(officialToken).sort());
    for (const [name, value] of Object.entries(syncDefault)) expect(value, name).toBe((sync as Record<string, unknown>)[name]);
    expect(syncDefault.RtcRole).toEqual(officialToken.RtcRole);
  });

  it("/legacy/sync's default has agora-access-token's members, each our named export", () => {
    expect(Object.keys(legacyDefault).sort()).toEqual(Object.keys(officialAccess).sort());
    for (const [name, value] of Object.entries(legacyDefault)) expect(value, name).toBe((legacySync as Record<string, unknown>)[name]);
    expect(legacyDefault.RtcRole).toEqual(officialAccess.RtcRole);
    expect(legacyDefault.RtmRole).toEqual(officialAccess.RtmRole);
  });

  it('the built package serves them to ESM import, and their tokens parse and verify with the official packages', async () => {
    const built = (await import('agora-token-kit/sync')).default;
    const token = built.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, built.RtcRole.PUBLISHER, 3600, 3600);
    expect(officialVerify(token, CERT)).toBe(true);
    expect(officialParse(token)!.services[0]!.fields).toEqual({ channelName: 'room', uid: '42' });
    const built006 = (await import('agora-token-kit/legacy/sync')).default;
    const t006 = built006.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, built006.RtcRole.PUBLISHER, 2_000_000_000);
    const parsed = new Official006(APP_ID, CERT, 'room', 42);
    expect(parsed.fromString(t006)).toBe(true);
    expect(Object.keys(parsed.messages).map(Number).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('AccessToken2.kServices', () => {
  it('maps every service type of the official class to our class of that type', () => {
    const officialMap = require('agora-token/src/AccessToken2').AccessToken2.kServices as Record<string, new (...a: never[]) => { __type: number }>;
    expect(Object.keys(sync.AccessToken2.kServices).sort()).toEqual(Object.keys(officialMap).sort());
    for (const [type, Ours] of Object.entries(sync.AccessToken2.kServices)) {
      expect(Ours.name, type).toBe(officialMap[type]!.name);
      expect(Ours, type).toBe((sync as Record<string, unknown>)[Ours.name]);
    }
  });
});
