// A 007 token whose App ID is not 32 hex digits, signed correctly (tokens made here with
// node:crypto and node:zlib, no code of ours): no official builder makes one, and agora-token's
// verifySignature answers false for it. The strict readers (decodeToken, verifyToken, inspect,
// diagnose) refuse it with a typed error naming the field, as 006 decoding does; the drop-in
// AccessToken2 answers as the official class does.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';
import { officialAT2 } from './helpers/official.ts';
import { bytes, rtcSigningInfo, sign007 } from './helpers/token-bytes.mjs';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const ISSUE = 1_700_000_000;
const SALT = 7;

/** An RTC token (channel 'room', uid 42, join for 600 s) for `appId`, signed with CERT. */
function tokenFor(appId: Buffer): string {
  const info = rtcSigningInfo({ appId, channel: Buffer.from('room'), uid: Buffer.from('42'), issueTs: ISSUE, expire: 600, salt: SALT });
  return '007' + deflateSync(Buffer.concat([bytes(sign007(CERT, ISSUE, SALT, info)), info])).toString('base64');
}

function officialVerdict(token: string): { parsed: boolean; verified: boolean } {
  const t = new officialAT2.AccessToken2();
  const parsed = t.from_string(token) as boolean;
  return { parsed, verified: parsed && (t.verifySignature(CERT) as boolean) };
}

const BAD: [string, Buffer, RegExp][] = [
  ['a non-hex letter', Buffer.from(`Z${APP_ID.slice(1)}`), /not 32 hex characters \(32 bytes\)/],
  ['a non-hex byte last', Buffer.from(`${APP_ID.slice(0, 31)}\u0019`), /not 32 hex characters \(32 bytes\)/],
  ['31 characters', Buffer.from(APP_ID.slice(1)), /\(31 bytes\)/],
  ['33 characters', Buffer.from(`${APP_ID}0`), /\(33 bytes\)/],
  ['empty', Buffer.alloc(0), /\(0 bytes\)/],
  ['UTF-8 text of 32 bytes', Buffer.from(`${APP_ID.slice(0, 30)}é`), /\(32 bytes\)/],
];

describe('007 App ID on the strict readers', () => {
  it('a well-formed App ID in either case reads and verifies, as on the official class', async () => {
    for (const id of [APP_ID, APP_ID.toLowerCase(), APP_ID.toUpperCase()]) {
      const token = tokenFor(Buffer.from(id));
      expect(officialVerdict(token)).toEqual({ parsed: true, verified: true });
      expect(syncLib.decodeToken(token).appId).toBe(id);
      expect(syncLib.verifyToken(token, CERT)).toBe(true);
      expect(await asyncLib.verifyToken(token, CERT)).toBe(true);
    }
  });

  it.each(BAD)('%s: official parse true but verify false; ours refuses with ERR_TOKEN_MALFORMED on field appId', async (_, id, rule) => {
    const token = tokenFor(id);
    expect(officialVerdict(token)).toEqual({ parsed: true, verified: false });
    const error = expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED', field: 'appId', message: expect.stringMatching(rule) });
    expect(() => syncLib.decodeToken(token)).toThrow(error);
    expect(() => syncLib.verifyToken(token, CERT)).toThrow(error);
    expect(() => syncLib.inspectToken(token)).toThrow(error);
    await expect(asyncLib.verifyToken(token, CERT)).rejects.toThrow(error);
    expect(() => asyncLib.decodeToken(token)).toThrow(error);
    // The message names the rule, not the bytes.
    try {
      syncLib.decodeToken(token);
    } catch (e) {
      if (id.length > 0) expect((e as Error).message).not.toContain(id.toString('latin1').slice(1, 20));
    }
    // diagnoseToken explains it as a finding rather than throwing.
    const findings = syncLib.diagnoseToken(token, { appCertificate: CERT });
    expect(findings.map((f) => f.code)).toEqual(['TOKEN_MALFORMED']);
    expect(findings[0]!.message).toMatch(/appId: not 32 hex characters/);
    // The drop-in class reads it and refuses the signature, as agora-token's does.
    const t = new syncLib.AccessToken2();
    expect(t.from_string(token)).toBe(true);
    expect(t.verifySignature(CERT)).toBe(false);
  });

  it('every byte value in any position: read iff it is a hex digit, on decode and verify', () => {
    const hex = /^[0-9a-fA-F]$/;
    for (const at of [0, 17, 31]) {
      for (let c = 0; c < 256; c++) {
        const id = Buffer.from(APP_ID);
        id[at] = c;
        const token = tokenFor(id);
        const ok = hex.test(String.fromCharCode(c));
        if (ok) {
          expect(syncLib.decodeToken(token).appId, `${c} at ${at}`).toBe(id.toString('latin1'));
          expect(syncLib.verifyToken(token, CERT), `${c} at ${at}`).toBe(true);
        } else {
          expect(() => syncLib.decodeToken(token), `${c} at ${at}`).toThrow(expect.objectContaining({ field: 'appId' }));
          expect(() => syncLib.verifyToken(token, CERT), `${c} at ${at}`).toThrow(expect.objectContaining({ field: 'appId' }));
        }
      }
    }
  });

  it('a bad App ID read after a good one, or right after a loose read of itself, is still refused (the remembered App ID is only ever a checked one)', async () => {
    const good = tokenFor(Buffer.from(APP_ID));
    const bad = tokenFor(Buffer.from(`Z${APP_ID.slice(1)}`));
    expect(syncLib.decodeToken(good).appId).toBe(APP_ID);
    // The loose reader takes any text; it must not teach the strict reader a bad App ID. Each
    // strict read of `bad` comes straight after a loose one, so nothing in between (such as a
    // read of `good`) replaces what the loose read might have left behind.
    for (const strict of [() => syncLib.decodeToken(bad), () => syncLib.verifyToken(bad, CERT), () => asyncLib.decodeToken(bad)]) {
      expect(new syncLib.AccessToken2().from_string(bad)).toBe(true);
      expect(strict).toThrow(expect.objectContaining({ field: 'appId' }));
    }
    expect(new syncLib.AccessToken2().from_string(bad)).toBe(true);
    await expect(asyncLib.verifyToken(bad, CERT)).rejects.toThrow(expect.objectContaining({ field: 'appId' }));
    expect(syncLib.verifyToken(good, CERT)).toBe(true);
  });
});
