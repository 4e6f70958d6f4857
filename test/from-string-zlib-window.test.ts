// A correctly signed 007 token whose zlib header declares a small window (CINFO < 7) while its
// deflate data refers further back, up to 32 KiB (tokens made here with node:crypto and node:zlib,
// no code of ours). Node's inflateSync keeps a 32 KiB window whatever the header says, so
// agora-token's from_string reads it and verifySignature answers true: the drop-in AccessToken2
// must answer the same. The strict readers keep refusing it (RFC 1950, zlib's INFLATE_STRICT;
// SPEC 2.9), naming the rule. Found by scripts/acceptance-differential.mjs.
import { createHmac } from 'node:crypto';
import { deflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';
import { officialAT2, officialParse } from './helpers/official.ts';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const OTHER = 'b3a9F1c07d2E4f5a8B6c9d0e1F2a3b4C';
const ISSUE = 1_700_000_000;
const SALT = 7;

const u16 = (v: number) => Buffer.from([v & 255, v >>> 8]);
const u32 = (v: number) => Buffer.from([v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24]);
const be32 = (v: number) => Buffer.from([v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);
const bytes = (b: Buffer) => Buffer.concat([u16(b.length), b]);

function adler32(b: Buffer): number {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}

// 'head' + 600 characters that repeat nothing nearby + 'head' again: level 9 codes the second
// 'head…' as a match about 600 bytes back, past a 256-byte window (CINFO 0) or a 512-byte one (1).
const FILLER = Array.from({ length: 600 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[(i * 7 + ((i * i) >> 3)) % 26]).join('');
const CHANNEL = `head-of-the-channel-${FILLER}head-of-the-channel`;

/** An RTC token (CHANNEL, uid 42) signed with CERT, its zlib header declaring 2^(8 + cinfo) bytes of window. */
function tokenWithWindow(cinfo: number): string {
  const rtc = Buffer.concat([u16(1), u16(1), u16(1), u32(600), bytes(Buffer.from(CHANNEL)), bytes(Buffer.from('42'))]);
  const info = Buffer.concat([bytes(Buffer.from(APP_ID)), u32(ISSUE), u32(600), u32(SALT), u16(1), rtc]);
  const k2 = createHmac('sha256', u32(SALT)).update(createHmac('sha256', u32(ISSUE)).update(CERT).digest()).digest();
  const content = Buffer.concat([bytes(createHmac('sha256', k2).update(info).digest()), info]);
  const cmf = (cinfo << 4) | 8;
  let flg = 0x80; // FLEVEL 2, as zlib's default level writes; FCHECK makes the pair a multiple of 31
  while (((cmf << 8) | flg) % 31 !== 0) flg++;
  const stream = Buffer.concat([Buffer.from([cmf, flg]), deflateRawSync(content, { level: 9 }), be32(adler32(content))]);
  expect(inflateSync(stream).equals(content)).toBe(true); // node:zlib reads it
  return '007' + stream.toString('base64');
}

function officialVerdict(token: string, cert: string): { parsed: boolean; verified: boolean } {
  const t = new officialAT2.AccessToken2();
  const parsed = t.from_string(token) as boolean;
  return { parsed, verified: parsed && (t.verifySignature(cert) as boolean) };
}

describe('007 token whose zlib header declares a window smaller than its distances', () => {
  it.each([0, 1])('CINFO %i: the drop-in AccessToken2 reads and verifies it, as agora-token does', async (cinfo) => {
    const token = tokenWithWindow(cinfo);
    expect(officialVerdict(token, CERT)).toEqual({ parsed: true, verified: true });
    expect(officialVerdict(token, OTHER)).toEqual({ parsed: true, verified: false });

    const t = new syncLib.AccessToken2();
    expect(t.from_string(token)).toBe(true);
    expect(t.verifySignature(CERT)).toBe(true);
    expect(t.verifySignature(OTHER)).toBe(false);
    expect(t.appId).toBe(APP_ID);
    expect(t.getServices(1).map((s) => (s as syncLib.ServiceRtc).channelName)).toEqual([officialParse(token)!.services[0]!.fields.channelName]);

    const a = new asyncLib.AccessToken2();
    expect(a.from_string(token)).toBe(true);
    expect(await a.verifySignature(CERT)).toBe(true);
  });

  it.each([0, 1])('CINFO %i: the strict readers refuse it with ERR_TOKEN_ZLIB naming the window rule', async (cinfo) => {
    const token = tokenWithWindow(cinfo);
    const error = expect.objectContaining({ code: 'ERR_TOKEN_ZLIB', field: 'token', message: expect.stringMatching(new RegExp(`beyond the ${256 << cinfo}-byte window`)) });
    expect(() => syncLib.decodeToken(token)).toThrow(error);
    expect(() => syncLib.verifyToken(token, CERT)).toThrow(error);
    await expect(asyncLib.verifyToken(token, CERT)).rejects.toThrow(error);
    expect(syncLib.diagnoseToken(token, { appCertificate: CERT }).map((f) => f.code)).toEqual(['TOKEN_MALFORMED']);
  });

  it('the same stream under a 32 KiB window header (CINFO 7) reads everywhere', () => {
    const token = tokenWithWindow(7);
    expect(officialVerdict(token, CERT)).toEqual({ parsed: true, verified: true });
    expect(syncLib.verifyToken(token, CERT)).toBe(true);
    const t = new syncLib.AccessToken2();
    expect(t.from_string(token) && t.verifySignature(CERT)).toBe(true);
  });
});
