#!/usr/bin/env node
// Transcribes the official 007 vectors from ../shared/vectors into vectors/official-007.json in
// this project's format, so a fresh clone tests without ../shared. Run: node scripts/transcribe-vectors.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceFile = `${root}../shared/vectors/official-007.json`;
// The shared research folder sits next to the project, not in it: a plain clone has no source to read.
if (!existsSync(sourceFile)) {
  console.error(`${sourceFile} not found: this script needs the shared research folder next to the project (../shared/vectors/); vectors/official-007.json is already transcribed`);
  process.exit(2);
}
const source = JSON.parse(readFileSync(sourceFile, 'utf8'));

const pick = (v) => ({
  id: v.id,
  description: v.description,
  token: v.token,
  // which compressor produced `token`: 'zlib' = canonical zlib level 6 (Python/Java/C++/PHP), 'node', 'go', ...
  compressor: v.compressor,
  canonicalZlib: v.canonicalZlib ?? false,
  appId: v.appId,
  appCertificate: v.appCertificate,
  issueTs: v.issueTs,
  expire: v.expire,
  salt: v.salt,
  services: v.services,
  payloadHex: v.payloadHex,
  sources: v.sources,
});

const out = {
  provenance:
    'Official AgoraDynamicKey test vectors (all languages) and agora-token 2.0.6 tests, as collected and re-verified ' +
    'in ../shared/vectors/official-007.json (each string rebuilt by an official implementation, each payload rebuilt ' +
    'and verified by the official Node, Python3 and Go code). Transcribed by scripts/transcribe-vectors.mjs.',
  fields: {
    token: 'expected token string; equal to ours only when compressor is "zlib" (canonical zlib level 6)',
    services: 'in packed order; privileges: id -> seconds after issueTs; uid/account as the tests pass them, packedUid/packedAccount as packed',
    payloadHex: 'the inflated token content (signature + signing info): what every implementation must agree on',
  },
  vectors: source.vectors.map(pick),
  payloadOnly: source.payloadOnly.vectors.map(pick),
};
writeFileSync(`${root}vectors/official-007.json`, JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${out.vectors.length} vectors + ${out.payloadOnly.length} payload-only vectors`);
