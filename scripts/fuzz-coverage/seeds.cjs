/**
 * Writes seed corpora for the Jazzer.js targets from vectors/ (official, generated and Go-built
 * tokens): `node scripts/fuzz-coverage/seeds.cjs /tmp/fz-corpus` makes one directory per target
 * (token-string, payload-007, stream-007, inflate-direct, token-006), each input in the target's
 * own framing (see the target's header). Run it before the first campaign; corpora are not committed.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = process.argv[2] ?? '/tmp/fz-corpus';
const V = path.resolve(__dirname, '../../vectors');
const load = (f) => JSON.parse(fs.readFileSync(path.join(V, f), 'utf8'));
const t007 = [...load('official-007.json').vectors.map((v) => [v.token, v.payloadHex]), ...load('generated-007.json').vectors.slice(0, 60).map((v) => [v.officialToken, v.payloadHex])];
const t006 = load('official-006.json').vectors;
const dirs = {};
const put = (target, name, bytes) => {
  const d = (dirs[target] ??= path.join(root, target));
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(d, name), bytes);
};
t007.forEach(([token, payloadHex], i) => {
  put('token-string', `007-${i}`, Buffer.concat([Buffer.from([0]), Buffer.from(token, 'latin1')]));
  const payload = Buffer.from(payloadHex, 'hex');
  put('payload-007', `p-${i}`, Buffer.concat([Buffer.from([6, 0]), payload]));
  const z = Buffer.from(token.slice(3), 'base64');
  put('stream-007', `z-${i}`, Buffer.concat([Buffer.from([0]), z]));
  put('inflate-direct', `z-${i}`, Buffer.concat([Buffer.from([0]), z]));
  put('inflate-direct', `r-${i}`, Buffer.concat([Buffer.from([1]), zlib.deflateRawSync(payload, { level: i % 10 })]));
  if (i < 8) put('stream-007', `r-${i}`, Buffer.concat([Buffer.from([5]), zlib.deflateRawSync(payload, { level: i % 10 })]));
});
t006.forEach((v, i) => {
  put('token-string', `006-${i}`, Buffer.concat([Buffer.from([0]), Buffer.from(v.token, 'latin1')]));
  const content = Buffer.from(v.token.slice(35), 'base64');
  put('token-006', `c-${i}`, Buffer.concat([Buffer.from([0]), content]));
  put('token-006', `h-${i}`, Buffer.concat([Buffer.from([3]), Buffer.from(v.appId, 'hex'), content]));
});
for (const [t, d] of Object.entries(dirs)) console.log(`${t}: ${fs.readdirSync(d).length} seeds in ${d}`);
