// A correctly signed 007 token whose payload inflates past MAX_PAYLOAD_BYTES (32 KiB): an RTC
// channel name of 40,000 bytes, within the format's 65,535-byte field limit (token made here with
// node:crypto and node:zlib, no code of ours). agora-token reads and verifies it (Node's zlib has
// no cap). Every reader of ours keeps the 32 KiB bound against zlib bombs: the strict ones throw
// ERR_TOKEN_TOO_LARGE, and the drop-in AccessToken2 answers false where the official class answers
// true. A deliberate, documented difference (README "Migrating from agora-token", docs/SPEC.md
// 2.9): a token of that size is no real token, and reading it costs unbounded inflation. Found by
// scripts/acceptance-differential.mjs, which counts such tokens as class Cd.
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

/** An RTC token for a channel of `size` bytes, uid 42, signed with CERT. */
function tokenWithChannelOf(size: number): string {
  const info = rtcSigningInfo({ appId: Buffer.from(APP_ID), channel: Buffer.alloc(size, 'a'), uid: Buffer.from('42'), issueTs: ISSUE, expire: 600, salt: SALT });
  return '007' + deflateSync(Buffer.concat([bytes(sign007(CERT, ISSUE, SALT, info)), info])).toString('base64');
}

function officialVerdict(token: string): { parsed: boolean; verified: boolean } {
  const t = new officialAT2.AccessToken2();
  const parsed = t.from_string(token) as boolean;
  return { parsed, verified: parsed && (t.verifySignature(CERT) as boolean) };
}

describe('007 token with a payload over MAX_PAYLOAD_BYTES', () => {
  const token = tokenWithChannelOf(40_000);

  it('agora-token reads and verifies it; the strict readers refuse it (documented)', () => {
    expect(officialVerdict(token)).toEqual({ parsed: true, verified: true });
    const error = expect.objectContaining({ code: 'ERR_TOKEN_TOO_LARGE', field: 'token' });
    expect(() => syncLib.decodeToken(token)).toThrow(error);
    expect(() => syncLib.verifyToken(token, CERT)).toThrow(error);
  });

  it('the drop-in AccessToken2 answers false on both entries, where agora-token answers true (documented difference)', async () => {
    for (const T of [syncLib.AccessToken2, asyncLib.AccessToken2]) {
      const t = new T();
      expect(t.from_string(token)).toBe(false);
      expect(await t.verifySignature(CERT)).toBe(false);
    }
  });

  it('just under the cap, both read and verify it', () => {
    const small = tokenWithChannelOf(32_000);
    expect(officialVerdict(small)).toEqual({ parsed: true, verified: true });
    const t = new syncLib.AccessToken2();
    expect(t.from_string(small) && t.verifySignature(CERT)).toBe(true);
    expect(syncLib.verifyToken(small, CERT)).toBe(true);
  });
});
