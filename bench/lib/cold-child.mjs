/**
 * @module bench/lib/cold-child — one cold start: import a package, build one RTC token, report
 * timings as one JSON line. Spawned fresh for every sample by bench/cold-start.mjs.
 * argv: official | sync | main, then our dist directory.
 */

import process from 'node:process';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const t0 = performance.now();
const [which, dist] = process.argv.slice(2);
const appId = '970CA35de60c44645bbae8a215061b33';
const cert = '5CFd2fd1755d40ecb72977518be15d3b';
let token;
let t1;
if (which === 'official') {
  const { default: pkg } = await import('agora-token');
  t1 = performance.now();
  token = pkg.RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 2882341273, 1, 3600, 3600);
} else {
  const m = await import(pathToFileURL(path.join(dist, which === 'sync' ? 'sync.js' : 'index.js')).href);
  t1 = performance.now();
  token = await m.RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 2882341273, 1, 3600, 3600);
}
const t2 = performance.now();
if (typeof token !== 'string' || !token.startsWith('007')) throw new Error(`no token: ${token}`);
process.stdout.write(JSON.stringify({ boot: t0, importMs: t1 - t0, buildMs: t2 - t1, importAndBuild: t2 - t0, sinceStart: t2 }) + '\n');
