// The committed differential set (vectors/generated-007.json, built by the official agora-token):
// both entries must rebuild each payload byte for byte, and decode and verify each official string.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';
import { payloadHexOf, tokenFor, type Vector007 } from './helpers/vectors.ts';

const generated: (Vector007 & { officialToken: string })[] = JSON.parse(
  readFileSync(new URL('../vectors/generated-007.json', import.meta.url), 'utf8'),
).vectors;

describe.each([
  ['main', asyncLib],
  ['sync', syncLib],
] as const)('generated differential vectors on the %s entry', (_name, lib) => {
  it(`rebuilds all ${generated.length} official payloads byte for byte`, async () => {
    expect(generated.length).toBeGreaterThanOrEqual(300);
    for (const v of generated) {
      const token = await tokenFor(lib, v).build();
      expect(payloadHexOf(token), v.id).toBe(v.payloadHex);
    }
  });

  it('decodes and verifies every official string (wrong certificate: false)', async () => {
    for (const v of generated) {
      const d = lib.decodeToken(v.officialToken);
      expect(d, v.id).toMatchObject({ version: '007', appId: v.appId, issueTs: v.issueTs, expire: v.expire, salt: v.salt });
      expect(await lib.verifyToken(v.officialToken, v.appCertificate), v.id).toBe(true);
      expect(await lib.verifyToken(v.officialToken, v.appId === v.appCertificate ? 'a'.repeat(32) : v.appId), v.id).toBe(false);
    }
  });
});
