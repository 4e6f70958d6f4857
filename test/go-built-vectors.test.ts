/**
 * Tokens made by Agora's Go implementation, whose compress/zlib is not zlib's encoder (other block
 * types and Huffman codes), read by our decoder: vectors/go-built-007.json holds 60 of them, from 15
 * builders with random inputs, each with the token of ours Go rebuilt it from (see vectors/README.md).
 * Each must inflate (node:zlib) to that token's payload, decode exactly like it on both 007 entries,
 * and verify with its certificate only. The official Node parser reads them as a control.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.ts';
import * as sync from '../src/sync.ts';

const require = createRequire(import.meta.url);
const { AccessToken2: OfficialAccessToken2 } = require('agora-token/src/AccessToken2');
const { cases } = JSON.parse(readFileSync(new URL('../vectors/go-built-007.json', import.meta.url), 'utf8')) as {
  cases: { builder: string; certificate: string; token: string; goToken: string }[];
};
const payload = (token: string) => inflateSync(Buffer.from(token.slice(3), 'base64'));
const OTHER = '0123456789abcdef0123456789abcdef';

describe('Go-built 007 tokens (vectors/go-built-007.json)', () => {
  it('holds 60 Go-built tokens from 15 builders, none byte-equal to ours', () => {
    expect(cases).toHaveLength(60);
    expect(new Set(cases.map((c) => c.builder)).size).toBe(15);
    for (const c of cases) expect(c.goToken).not.toBe(c.token);
  });

  it.each(cases.map((c, i) => [i, c.builder, c] as const))('%i %s: same payload, decoded like ours on both entries, verified with its certificate only', async (_i, _name, c) => {
    expect(payload(c.goToken).equals(payload(c.token))).toBe(true);
    const expected = JSON.stringify(sync.decodeToken(c.token));
    expect(JSON.stringify(sync.decodeToken(c.goToken))).toBe(expected);
    expect(JSON.stringify(main.decodeToken(c.goToken))).toBe(expected);
    expect(sync.verifyToken(c.goToken, c.certificate)).toBe(true);
    expect(sync.verifyToken(c.goToken, OTHER)).toBe(false);
    await expect(main.verifyToken(c.goToken, c.certificate)).resolves.toBe(true);
    const official = new OfficialAccessToken2();
    expect(official.from_string(c.goToken) && official.verifySignature(c.certificate)).toBe(true);
  });
});
