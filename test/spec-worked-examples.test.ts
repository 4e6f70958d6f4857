// The worked examples of docs/SPEC.md (2.10 for 007, 3.8 for 006) show real bytes: the token and
// hex dump shown must be the named vector's, our decoder must read the values the text names,
// every `offset | bytes` row of the tables must match the content at that offset, and the
// signatures and k1/k2 must be what node:crypto computes from the vector's inputs.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RtmTokenBuilder } from '../src/legacy-sync.ts';
import { decodeToken, verifyToken } from '../src/sync.ts';
import { hmac, u32 } from './helpers/token-bytes.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const SPEC = readFileSync(join(ROOT, 'docs', 'SPEC.md'), 'utf8');
const json = (name: string) => JSON.parse(readFileSync(join(ROOT, 'vectors', name), 'utf8')) as { vectors: Record<string, unknown>[] };

/** The text of the section whose heading starts "### <id> ", up to the next heading of level 2 or 3. */
function section(id: string): string {
  const start = SPEC.search(new RegExp(`^### ${id.replace('.', '\\.')} `, 'm'));
  expect(start, `### ${id}`).toBeGreaterThanOrEqual(0);
  const rest = SPEC.slice(start + 4);
  const end = rest.search(/^#{2,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The vector id named in the section heading: "(vector `rtm-login`)". */
const vectorId = (text: string) => /\(vector `([^`]+)`\)/.exec(text)![1]!;

/** The ```hex dump: lines "  0: 20 00 …" -> bytes. */
function hexDump(text: string): Buffer {
  const block = /```hex\n([\s\S]*?)```/.exec(text)![1]!;
  return Buffer.from(block.split('\n').map((line) => line.replace(/^\s*\d+:/, '').replace(/\s+/g, '')).join(''), 'hex');
}

/** The `| offset | bytes | … |` rows: hex cells and quoted text cells, each with its offset. */
function tableRows(text: string): { offset: number; bytes: Buffer }[] {
  const rows: { offset: number; bytes: Buffer }[] = [];
  for (const m of text.matchAll(/^\| (\d+) \| `([^`]+)` \|/gm)) {
    const cell = m[2]!;
    const quoted = /^"(.*)"$/.exec(cell);
    if (!quoted) expect(cell, `row at ${m[1]}`).toMatch(/^[0-9a-f ]+$/);
    rows.push({ offset: Number(m[1]), bytes: quoted ? Buffer.from(quoted[1]!, 'utf8') : Buffer.from(cell.replace(/ /g, ''), 'hex') });
  }
  return rows;
}

/**
 * The section's hex dump is `content`, its byte count is stated, and its table (at least `minRows`
 * rows) shows `content` row by row: each row's bytes at its offset, each starting where the one
 * before it ends, from offset 0 to the end.
 */
function expectDocumentedBytes(text: string, content: Buffer, minRows: number): void {
  expect(hexDump(text).equals(content)).toBe(true);
  expect(text).toContain(`${content.length} bytes`);
  const rows = tableRows(text);
  expect(rows.length).toBeGreaterThanOrEqual(minRows);
  let at = 0;
  for (const row of rows) {
    expect(content.subarray(row.offset, row.offset + row.bytes.length).toString('hex'), `offset ${row.offset}`).toBe(row.bytes.toString('hex'));
    expect(row.offset, `the row after offset ${at}`).toBe(at);
    at = row.offset + row.bytes.length;
  }
  expect(at).toBe(content.length);
}

describe('docs/SPEC.md 2.10: the 007 worked example', () => {
  const text = section('2.10');
  const v = json('official-007.json').vectors.find((x) => x.id === vectorId(text)) as {
    token: string; appId: string; appCertificate: string; issueTs: number; expire: number; salt: number; payloadHex: string;
  };

  it('shows the vector token, and our decoder reads the inputs the section names', () => {
    expect(v).toBeDefined();
    const shown = text.match(/^007eJ[A-Za-z0-9+/=]+$/m)![0];
    expect(shown).toBe(v.token);
    expect(text).toContain(`(${v.token.length} characters`);
    const d = decodeToken(shown);
    expect(d).toMatchObject({ version: '007', appId: v.appId, issueTs: v.issueTs, expire: v.expire, salt: v.salt });
    if (d.version !== '007') throw new Error('not 007');
    expect(d.services.map((s) => s.type)).toEqual([1, 2]);
    expect(d.services[0]).toMatchObject({ channelName: '7d72365eb983485397e3e3f9d460bdda', uid: '2882341273' });
    expect(d.services[0]).toMatchObject({ privileges: [1, 2, 3, 4].map((id) => ({ id, expire: 600 })) });
    expect(d.services[1]).toMatchObject({ userId: 'test_user', privileges: [{ id: 1, expire: 600 }] });
    expect(verifyToken(shown, v.appCertificate)).toBe(true);
  });

  it('the hex dump and every table row are the inflated content', () => {
    const content = inflateSync(Buffer.from(v.token.slice(3), 'base64'));
    expect(content.toString('hex')).toBe(v.payloadHex);
    expectDocumentedBytes(text, content, 20);
    expect(decodeToken(v.token).signature).toBe(content.subarray(2, 34).toString('hex'));
  });

  it('k1, k2 and the signature are the HMAC chain over the vector inputs', () => {
    const content = inflateSync(Buffer.from(v.token.slice(3), 'base64'));
    const k1 = hmac(u32(v.issueTs), v.appCertificate);
    const k2 = hmac(u32(v.salt), k1);
    const signature = hmac(k2, content.subarray(34));
    expect(text).toMatch(new RegExp(`k1\\s+= ${k1.toString('hex')}`));
    expect(text).toMatch(new RegExp(`k2\\s+= ${k2.toString('hex')}`));
    expect(text).toContain(`= ${signature.toString('hex')}`);
    expect(signature.equals(content.subarray(2, 34))).toBe(true);
  });
});

describe('docs/SPEC.md 3.8: the 006 worked example', () => {
  const text = section('3.8');
  const v = json('official-006.json').vectors.find((x) => x.id === vectorId(text)) as {
    token: string; appId: string; appCertificate: string; channel: string; packedUid: string; salt: number; ts: number; privileges: Record<string, number>; contentHex: string;
  };

  it('shows the vector token, which our builder rebuilds and our decoder reads', () => {
    expect(v).toBeDefined();
    const shown = text.match(/^006[0-9A-Fa-f]{32}[A-Za-z0-9+/=]+$/m)![0];
    expect(shown).toBe(v.token);
    expect(text).toContain(`(${v.token.length} characters)`);
    expect(RtmTokenBuilder.buildToken(v.appId, v.appCertificate, v.channel, 1, v.privileges['1000']!, { salt: v.salt, ts: v.ts })).toBe(v.token);
    const d = decodeToken(shown);
    expect(d).toMatchObject({ version: '006', appId: v.appId, salt: v.salt, ts: v.ts, crcUid: 0, privileges: [{ id: 1000, expire: v.privileges['1000'] }] });
    expect(verifyToken(shown, v.appCertificate, { channelName: v.channel })).toBe(true);
  });

  it('the hex dump and every table row are the base64-decoded content', () => {
    const content = Buffer.from(v.token.slice(35), 'base64');
    expect(content.toString('hex')).toBe(v.contentHex);
    expectDocumentedBytes(text, content, 9);
    const d = decodeToken(v.token);
    if (d.version !== '006') throw new Error('not 006');
    expect(d.signature).toBe(content.subarray(2, 34).toString('hex'));
    expect([d.crcChannelName, d.crcUid]).toEqual([content.readUInt32LE(34), content.readUInt32LE(38)]);
  });

  it('the signature is HMAC(certificate, appId ‖ channel ‖ uid ‖ message)', () => {
    const content = Buffer.from(v.token.slice(35), 'base64');
    const message = content.subarray(44);
    const signature = hmac(v.appCertificate, Buffer.concat([Buffer.from(v.appId + v.channel + v.packedUid), message]));
    expect(signature.equals(content.subarray(2, 34))).toBe(true);
  });
});
