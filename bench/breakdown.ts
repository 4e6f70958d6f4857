/**
 * @module bench/breakdown — where the time of one /sync RTC build, one decode and one verify
 * goes, stage by stage, measured on the TypeScript sources (run: `npx tsx bench/breakdown.ts`).
 * A diagnostic for profiling work, not part of `npm run bench`: it imports internal modules,
 * so it follows the source tree rather than the public API. Its numbers are indicative only: tsx
 * runs the modules unbundled, and V8 optimises a bundle's module-level bindings differently; and
 * a stage timed on its own can cost less than inside a build (deflate: 7-8.5 µs alone on changing
 * payloads vs ~9.5 µs inside /sync builds, in one session's measurements). Decide A/B questions
 * with scripts/ab-sync-build.mjs, which bundles both trees and alternates them in one process.
 */

import { RtcTokenBuilder, decodeToken, verifyToken } from '../src/sync.ts';
import { encodeBase64, decodeBase64 } from '../src/core/base64.ts';
import { compress, decompress, MAX_PAYLOAD_BYTES } from '../src/core/zlib.ts';
import { decodeBase64Input } from '../src/core/inflate/base64-input.ts';
import { inflateBase64Shared } from '../src/core/inflate/index.ts';
import { jsHmacBackend } from '../src/sign/hmac-sync.ts';
import { parse007Signed } from '../src/token/decode-007.ts';
import { randomSalt } from '../src/core/random.ts';
import { utf8 } from '../src/core/bytes.ts';
import { clockKind, measureCase } from './lib/timing.mjs';
import { INPUT } from './lib/cases.mjs';
import { table, us } from './lib/format.mjs';

const { appId, appCertificate: cert, channel, uid, expire } = INPUT;
const plan = { warmupMs: 200, sampleMs: 150, samples: 7 };
const build = () => RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, 1, expire, expire);

// 64 real tokens (different salts, so different signatures and payloads), used round-robin so
// no stage sees the same input twice in a row.
const tokens = Array.from({ length: 64 }, build);
const zippedAll = tokens.map((t) => decodeBase64(t, 3) as Uint8Array);
const contents = zippedAll.map((z) => decompress(z));
const infos = tokens.map((t) => parse007Signed(t).signingInfo);
const keys = tokens.map((t) => parse007Signed(t).signature); // any 32 random-looking bytes
let i = 0;
const pick = <T>(list: T[]): T => list[i++ & 63]!;
const token = tokens[0]!;
const zipped = zippedAll[0]!;
const content = contents[0]!;
const info = infos[0]!;
const salt4 = new Uint8Array(4);

const stages: [string, () => unknown][] = [
  ['full /sync build (RtcTokenBuilder.buildTokenWithUid)', build],
  ['  randomSalt (crypto.getRandomValues)', randomSalt],
  ['  HMAC k2 = HMAC(u32 salt, k1[32])', () => jsHmacBackend.hmac(salt4, pick(keys))],
  [`  HMAC sig = HMAC(k2[32], signingInfo[${info.length}])`, () => jsHmacBackend.hmac(pick(keys), pick(infos))],
  [`  compress(content[${content.length}]) -> ${zipped.length} B`, () => compress(pick(contents))],
  [`  encodeBase64(${zipped.length} B)`, () => encodeBase64(pick(zippedAll))],
  ['  utf8(32-char certificate) (TextEncoder)', () => utf8(cert)],
  ['decodeToken', () => decodeToken(pick(tokens))],
  [`  decodeBase64Input(${token.length - 3} chars, into a reused buffer)`, () => decodeBase64Input(pick(tokens), 3)],
  [`  inflateBase64Shared (base64 + inflate in place, as decodeToken)`, () => inflateBase64Shared(pick(tokens), 3, MAX_PAYLOAD_BYTES)],
  ['  parse007Signed (base64 + inflate + check, as verifyToken)', () => parse007Signed(pick(tokens))],
  ['/sync verifyToken', () => verifyToken(pick(tokens), cert)],
];

const rows: string[][] = [];
for (const [name, fn] of stages) {
  const [m] = await measureCase([{ name, fn }], plan);
  rows.push([name, us(m!.usPerOp), `${(m!.spread * 100).toFixed(1)}%`]);
}
console.log(`token ${token.length} chars; payload ${content.length} B; deflated ${zipped.length} B; clock ${clockKind}`);
console.log(table(['stage', 'µs/op', '±%'], rows, ['l', 'r', 'r']));
