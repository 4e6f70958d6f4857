// Every official 007 vector through both entries: the inflated payload must equal the official
// one byte for byte, and canonical-zlib vectors must give the identical token string.
import { afterAll, describe, expect, it } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';
import { readFileSync } from 'node:fs';
import { payloadHexOf, payloadOnly007, tokenFor, vectors007 } from './helpers/vectors.ts';
import { V006, V007 } from './runtimes/vectors.mjs';

const entries = [
  ['main (Web Crypto)', asyncLib],
  ['sync (pure-JS HMAC)', syncLib],
] as const;

const canonical = vectors007.filter((v) => v.canonicalZlib);
const identical = new Map<string, number>();

// it.each over an empty list registers no test at all: the lists the tests below are made from
// must hold every vector (an empty canonical subset would drop the token-string tests unnoticed).
it('holds all 28 official 007 vectors (17 canonical zlib) and 6 payload-only ones', () => {
  expect(vectors007).toHaveLength(28);
  expect(canonical).toHaveLength(17);
  expect(payloadOnly007).toHaveLength(6);
});

// The portable runtime suite (test/runtimes/suite.mjs) checks one vector per loop turn over its
// embedded copies, and a runtime row only asks for more than 20 passed checks: copies lost or
// changed would go unnoticed there.
it('the runtime suite embeds 8 of these 007 vectors and 4 of the 006 ones, unchanged', () => {
  const official006: { id: string; token: string }[] = JSON.parse(readFileSync(new URL('../vectors/official-006.json', import.meta.url), 'utf8')).vectors;
  expect(V007).toHaveLength(8);
  expect(V006).toHaveLength(4);
  for (const v of V007) {
    const o = vectors007.find((x) => x.id === v.id);
    expect({ token: v.token, payloadHex: v.payloadHex, exactString: v.exactString }, v.id).toEqual({ token: o?.token, payloadHex: o?.payloadHex, exactString: o?.canonicalZlib });
  }
  for (const v of V006) expect(v.token, v.id).toBe(official006.find((x) => x.id === v.id)?.token);
});

describe.each(entries)('official 007 vectors on %s', (name, lib) => {
  it.each(vectors07Ids())('%s: payload is byte-identical', async (id) => {
    const v = vectors007.find((x) => x.id === id)!;
    const token = await tokenFor(lib, v).build();
    expect(payloadHexOf(token)).toBe(v.payloadHex);
    if (v.canonicalZlib && token === v.token) identical.set(name, (identical.get(name) ?? 0) + 1);
  });

  it.each(canonical.map((v) => v.id))('%s: token string equals the canonical-zlib reference', async (id) => {
    const v = vectors007.find((x) => x.id === id)!;
    expect(await tokenFor(lib, v).build()).toBe(v.token);
  });

  it.each([...vectors007, ...payloadOnly007].map((v) => v.id))('%s: official string decodes and verifies', async (id) => {
    const v = [...vectors007, ...payloadOnly007].find((x) => x.id === id)!;
    const d = lib.decodeToken(v.token);
    if (d.version !== '007') throw new Error('expected 007');
    expect(d).toMatchObject({ appId: v.appId, issueTs: v.issueTs, expire: v.expire, salt: v.salt });
    expect(d.services.map((s) => s.type)).toEqual(v.services.map((s) => s.type));
    d.services.forEach((s, i) => {
      if (s.name === 'unknown') throw new Error('unknown service');
      const privileges = Object.fromEntries(s.privileges.map((p) => [String(p.id), p.expire]));
      expect(privileges).toEqual(v.services[i]!.privileges);
    });
    expect(await lib.verifyToken(v.token, v.appCertificate)).toBe(true);
    expect(await lib.verifyToken(v.token, v.appCertificate.toLowerCase())).toBe(false);
    expect(await lib.verifyToken(v.token, 'f'.repeat(32))).toBe(false);
  });
});

afterAll(() => {
  for (const [name] of entries) {
    console.log(`[vectors] ${name}: ${identical.get(name) ?? 0}/${canonical.length} canonical-zlib token strings identical; ${vectors007.length}/${vectors007.length} payloads identical`);
  }
});

function vectors07Ids(): string[] {
  return vectors007.map((v) => v.id);
}
