/**
 * @module bench/breakdown — where the time of one /sync RTC build, one decode and one verify
 * goes, stage by stage, measured on the TypeScript sources (run: `npx tsx bench/breakdown.ts`).
 * A diagnostic for profiling work, not part of `npm run bench`: it imports internal modules,
 * so it follows the source tree rather than the public API.
 */

import { RtcTokenBuilder, decodeToken, verifyToken } from '../src/sync.ts';
import { encodeBase64, decodeBase64 } from '../src/core/base64.ts';
import { compress, decompress } from '../src/core/zlib.ts';
import { nobleBackend } from '../src/sign/noble.ts';
import { parse007 } from '../src/token/decode-007.ts';
import { randomSalt } from '../src/core/random.ts';
import { measureCase } from './lib/timing.mjs';
import { INPUT } from './lib/cases.mjs';
import { table, us } from './lib/format.mjs';

const { appId, appCertificate: cert, channel, uid, expire } = INPUT;
const plan = { warmupMs: 200, sampleMs: 150, samples: 7 };
const build = () => RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, 1, expire, expire);

const token = build();
const zipped = decodeBase64(token, 3) as Uint8Array;
const content = decompress(zipped);
const info = parse007(token).signingInfo;
const k1 = nobleBackend.hmac(new Uint8Array(4), new TextEncoder().encode(cert));
const k2 = nobleBackend.hmac(new Uint8Array(4), k1);

const stages: [string, () => unknown][] = [
  ['full /sync build (RtcTokenBuilder.buildTokenWithUid)', build],
  ['  randomSalt (crypto.getRandomValues)', randomSalt],
  ['  HMAC k2 = HMAC(u32 salt, k1[32])', () => nobleBackend.hmac(new Uint8Array(4), k1)],
  [`  HMAC sig = HMAC(k2[32], signingInfo[${info.length}])`, () => nobleBackend.hmac(k2, info)],
  [`  compress(content[${content.length}]) -> ${zipped.length} B`, () => compress(content)],
  [`  encodeBase64(${zipped.length} B)`, () => encodeBase64(zipped)],
  ['decodeToken', () => decodeToken(token)],
  [`  decodeBase64(${token.length - 3} chars)`, () => decodeBase64(token, 3)],
  [`  decompress(${zipped.length} B)`, () => decompress(zipped)],
  ['  parse007 (base64 + inflate + read)', () => parse007(token)],
  ['/sync verifyToken', () => verifyToken(token, cert)],
];

const rows: string[][] = [];
for (const [name, fn] of stages) {
  const [m] = await measureCase([{ name, fn }], plan);
  rows.push([name, us(m!.usPerOp), `${(m!.spread * 100).toFixed(1)}%`]);
}
console.log(`token ${token.length} chars; payload ${content.length} B; deflated ${zipped.length} B`);
console.log(table(['stage', 'µs/op', '±%'], rows, ['l', 'r', 'r']));
