/**
 * @module bench/lib/cold-child.cjs — one CommonJS cold start: `require` a package, build one RTC
 * token, report timings as one JSON line (the same fields as cold-child.mjs). Spawned fresh for
 * every sample by bench/cold-start.mjs. argv: official-cjs | sync-cjs | main-cjs, then our dist directory.
 */
'use strict';

const t0 = performance.now();
const path = require('node:path');

const [which, dist] = process.argv.slice(2);
const appId = '970CA35de60c44645bbae8a215061b33';
const cert = '5CFd2fd1755d40ecb72977518be15d3b';
const pkg = which === 'official-cjs' ? require('agora-token') : require(path.join(dist, which === 'sync-cjs' ? 'sync.cjs' : 'index.cjs'));
const t1 = performance.now();
Promise.resolve(pkg.RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 2882341273, 1, 3600, 3600)).then((token) => {
  const t2 = performance.now();
  if (typeof token !== 'string' || !token.startsWith('007')) throw new Error(`no token: ${token}`);
  process.stdout.write(JSON.stringify({ boot: t0, importMs: t1 - t0, buildMs: t2 - t1, importAndBuild: t2 - t0, sinceStart: t2 }) + '\n');
});
