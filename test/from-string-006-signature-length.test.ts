// A 006 token whose signature field is not 32 bytes (tokens made here with node:crypto only, no
// code of ours). agora-access-token 2.0.4's fromString keeps a signature of any length and reads
// the rest (it verifies nothing), so the drop-in AccessToken.fromString of both legacy entries
// must answer true with the same fields; decodeToken and verifyToken stay strict (SPEC 3.7) and
// name the field. Found by scripts/acceptance-differential-006.mjs.
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as legacyAsync from '../src/legacy.ts';
import * as legacySync from '../src/legacy-sync.ts';
import * as syncLib from '../src/sync.ts';
import { bytes, hmac, u16, u32 } from './helpers/token-bytes.mjs';

const require = createRequire(import.meta.url);
const OfficialAccessToken = require('agora-access-token/src/AccessToken').AccessToken;

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';

/** channel 'room', uid 42, kJoinChannel; the HMAC cut or extended to `sigLength` bytes. */
function tokenWithSignature(sigLength: number): string {
  const message = Buffer.concat([u32(7), u32(1_700_000_000), u16(1), u16(1), u32(1_700_003_600)]);
  const mac = hmac(CERT, Buffer.concat([Buffer.from(APP_ID), Buffer.from('room'), Buffer.from('42'), message]));
  const signature = Buffer.concat([mac, Buffer.alloc(Math.max(0, sigLength - 32), 0xab)]).subarray(0, sigLength);
  const content = Buffer.concat([bytes(signature), u32(crc32('room') >>> 0), u32(crc32('42') >>> 0), bytes(message)]);
  return `006${APP_ID}${content.toString('base64')}`;
}

function officialRead(token: string) {
  const t = new OfficialAccessToken('', '', '', '');
  return { ok: t.fromString(token) as boolean, t };
}

const fields = (t: any) => ({
  signature: Buffer.from(t.signature).toString('hex'),
  crc_channel_name: t.crc_channel_name,
  crc_uid: t.crc_uid,
  m: Buffer.from(t.m).toString('hex'),
  salt: t.salt,
  ts: t.ts,
  messages: { ...t.messages },
});

describe('006 fromString with a signature of another length than 32 bytes', () => {
  for (const sigLength of [0, 1, 16, 31, 33, 64]) {
    const token = tokenWithSignature(sigLength);

    it(`${sigLength} bytes: the drop-in classes read it as agora-access-token does`, () => {
      const official = officialRead(token);
      expect(official.ok).toBe(true);
      for (const lib of [legacySync, legacyAsync]) {
        const ours = new lib.AccessToken('', '', '', '');
        expect(ours.fromString(token)).toBe(true);
        expect(fields(ours)).toEqual(fields(official.t));
        expect(ours.appID).toBe(APP_ID);
      }
    });

    it(`${sigLength} bytes: decodeToken and verifyToken still refuse it, naming the field`, () => {
      expect(() => syncLib.decodeToken(token)).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED', field: 'signature' }));
      expect(() => syncLib.verifyToken(token, CERT, { channelName: 'room', uid: 42 })).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED', field: 'signature' }));
    });
  }

  it('32 bytes: the token verifies (the generator above signs correctly)', () => {
    expect(syncLib.verifyToken(tokenWithSignature(32), CERT, { channelName: 'room', uid: 42 })).toBe(true);
  });
});
