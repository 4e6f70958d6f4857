#!/usr/bin/env node
/**
 * @module scripts/ab-sync-build — A/B timer for performance work on the /sync RTC build: bundles
 * `<srcA>/sync.ts` and `<srcB>/sync.ts` with esbuild (as tsup bundles dist, which matters: V8
 * treats bundled module-level bindings differently from tsx's separate modules) and times
 * `RtcTokenBuilder.buildTokenWithUid` from both in one process, in alternating batches, next to
 * agora-token. The pair-median of B/A is the figure to trust on a noisy machine.
 *
 *   git archive <commit> src | tar -x -C /tmp/base
 *   taskset -c 1 node scripts/ab-sync-build.mjs /tmp/base/src src      # ROUNDS=60 by default
 *
 * CASE=006 times the 006 build instead (`<src>/legacy-sync.ts`, next to agora-access-token);
 * CASE=decode times decodeToken on an official token (next to agora-token's from_string);
 * CASE=decode-many the same round-robin over 64 official tokens with different App IDs, channels,
 * uids and roles, after checking that A and B decode each of them to the same JSON.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [A, B] = process.argv.slice(2);
if (!A || !B) throw new Error('usage: node scripts/ab-sync-build.mjs <srcA> <srcB>');
const legacy = process.env.CASE === '006';
const mods = [];
for (const [i, dir] of [A, B].entries()) {
  const out = resolve(`node_modules/.cache/ab-sync-build-${i}-${process.pid}.mjs`);
  await build({ entryPoints: [resolve(dir, legacy ? 'legacy-sync.ts' : 'sync.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: out, logLevel: 'error' });
  mods.push(await import(pathToFileURL(out).href));
}
const official = createRequire(import.meta.url)(legacy ? 'agora-access-token' : 'agora-token');
const appId = '970CA35de60c44645bbae8a215061b33', cert = '5CFd2fd1755d40ecb72977518be15d3b', channel = '7d72365eb983485397e3e3f9d460bdda', uid = 2882341273;
// 006 takes an absolute expiry (Unix seconds), 007 seconds from now.
const expire = legacy ? Math.floor(Date.now() / 1000) + 3600 : 3600;
const args = legacy ? [appId, cert, channel, uid, 1, expire] : [appId, cert, channel, uid, 1, expire, expire];
const decode = process.env.CASE === 'decode' || process.env.CASE === 'decode-many';
// decode-many: 64 tokens from a fixed-seed generator, so runs are comparable.
let seed = 7;
const hex = (n) => Array.from({ length: n }, () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16 & 15).toString(16)).join('');
const tokens = !decode ? [] : process.env.CASE === 'decode' ? [official.RtcTokenBuilder.buildTokenWithUid(...args)]
  : Array.from({ length: 64 }, (_, i) => official.RtcTokenBuilder.buildTokenWithUid(hex(32), hex(32), i & 1 ? hex(32) : `room-${i}`, parseInt(hex(8), 16), 1 + (i & 1), 3600, 3600));
for (const t of tokens) {
  if (JSON.stringify(mods[0].decodeToken(t)) !== JSON.stringify(mods[1].decodeToken(t))) throw new Error(`A and B decode differently: ${t}`);
}
const { AccessToken2 } = decode ? createRequire(import.meta.url)('agora-token/src/AccessToken2') : {};
let next = 0;
const fns = decode
  ? [...mods.map((m) => () => m.decodeToken(tokens[next++ & (tokens.length - 1)]).signature), () => new AccessToken2().from_string(tokens[next++ & (tokens.length - 1)]) && 'ok']
  : [...mods.map((m) => () => m.RtcTokenBuilder.buildTokenWithUid(...args)), () => official.RtcTokenBuilder.buildTokenWithUid(...args)];
let sink = 0;
const N = [3000, 3000, 1000];
function batch(k) {
  const f = fns[k];
  const t0 = performance.now();
  for (let i = 0; i < N[k]; i++) sink += f().length;
  return ((performance.now() - t0) * 1000) / N[k];
}
for (let r = 0; r < 3; r++) for (let k = 0; k < 3; k++) batch(k);
const res = [[], [], []];
const ratios = [];
for (let r = 0; r < Number(process.env.ROUNDS ?? 60); r++) {
  const t = [];
  for (const k of r & 1 ? [1, 0] : [0, 1]) t[k] = batch(k);
  res[0].push(t[0]);
  res[1].push(t[1]);
  ratios.push(t[1] / t[0]);
  if (r % 4 === 0) res[2].push(batch(2));
}
const med = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
const min = (x) => Math.min(...x);
const [a, b, o] = res;
console.log(
  `A min ${min(a).toFixed(2)} med ${med(a).toFixed(2)} µs | B min ${min(b).toFixed(2)} med ${med(b).toFixed(2)} µs | B/A pair-median ${med(ratios).toFixed(3)}` +
    ` | ${legacy ? 'agora-access-token' : decode ? 'agora-token from_string' : 'agora-token'} med ${med(o).toFixed(1)} µs (A ${(med(o) / med(a)).toFixed(2)}x, B ${(med(o) / med(b)).toFixed(2)}x)${sink ? '' : '!'}`,
);
