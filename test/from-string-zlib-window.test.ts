// A correctly signed 007 token whose zlib header declares a small window (CINFO < 7) while its
// deflate data refers further back, up to 32 KiB (tokens made here with node:crypto and node:zlib,
// no code of ours). Node's inflateSync keeps a 32 KiB window whatever the header says, so
// agora-token's from_string reads it and verifySignature answers true: the drop-in AccessToken2
// must answer the same. The strict readers keep refusing it (RFC 1950, zlib's INFLATE_STRICT;
// SPEC 2.9), naming the rule. Found by scripts/acceptance-differential.mjs.
import { deflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';
import { officialAT2, officialParse } from './helpers/official.ts';
import { adler32, be32, bytes, rtcSigningInfo, sign007 } from './helpers/token-bytes.mjs';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const OTHER = 'b3a9F1c07d2E4f5a8B6c9d0e1F2a3b4C';
const ISSUE = 1_700_000_000;
const SALT = 7;

// 'head' + 600 characters that repeat nothing nearby + 'head' again: level 9 codes the second
// 'head…' as a match about 600 bytes back, past a 256-byte window (CINFO 0) or a 512-byte one (1).
const FILLER = Array.from({ length: 600 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[(i * 7 + ((i * i) >> 3)) % 26]).join('');
const CHANNEL = `head-of-the-channel-${FILLER}head-of-the-channel`;

/** An RTC token (CHANNEL, uid 42) signed with CERT, its zlib header declaring 2^(8 + cinfo) bytes of window. */
function tokenWithWindow(cinfo: number): string {
  const info = rtcSigningInfo({ appId: Buffer.from(APP_ID), channel: Buffer.from(CHANNEL), uid: Buffer.from('42'), issueTs: ISSUE, expire: 600, salt: SALT });
  const content = Buffer.concat([bytes(sign007(CERT, ISSUE, SALT, info)), info]);
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
