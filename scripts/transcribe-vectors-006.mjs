#!/usr/bin/env node
// Transcribes the official 006 vectors from ../shared/vectors into vectors/official-006.json, so a
// fresh clone tests without ../shared. Run: node scripts/transcribe-vectors-006.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceFile = `${root}../shared/vectors/official-006.json`;
// The shared research folder sits next to the project, not in it: a plain clone has no source to read.
if (!existsSync(sourceFile)) {
  console.error(`${sourceFile} not found: this script needs the shared research folder next to the project (../shared/vectors/); vectors/official-006.json is already transcribed`);
  process.exit(2);
}
const source = JSON.parse(readFileSync(sourceFile, 'utf8'));

const pick = (v) => ({
  id: v.id,
  note: v.note,
  token: v.token,
  appId: v.appId,
  appCertificate: v.appCertificate,
  channel: v.channel,
  uid: v.uid,
  packedUid: v.packedUid,
  salt: v.salt,
  ts: v.ts,
  privileges: v.privileges,
  crcChannel: v.crcChannel,
  crcUid: v.crcUid,
  signatureHex: v.signatureHex,
  messageHex: v.messageHex,
  contentHex: v.contentHex,
  reproducedBy: v.reproducedBy,
  sources: v.sources,
});

const out = {
  provenance:
    'Every deterministic AccessToken (006) string in the official test suites (AgoraDynamicKey repository, all ' +
    'languages, and the npm packages agora-access-token 2.0.4 and agora-token 2.0.6), as collected in ' +
    '../shared/vectors/official-006.json, where each string was rebuilt byte for byte by the official Node ' +
    '(agora-access-token 2.0.4), Python3 and Go implementations. 006 is not compressed, so every correct ' +
    'implementation yields these exact strings. Transcribed by scripts/transcribe-vectors-006.mjs.',
  fields: {
    ...source.fields,
    note: 'what the vector shows (from the shared vector file)',
    'reproducedBy/sources': 'official implementations that rebuilt the string; official test files holding it',
  },
  vectors: source.vectors.map(pick),
};
writeFileSync(`${root}vectors/official-006.json`, JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${out.vectors.length} vectors`);
