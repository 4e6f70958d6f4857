/**
 * @module bench/memory — does building tokens retain memory? A child `node --expose-gc` builds
 * 200k RTC tokens with the /sync entry (a different uid each time, and one of 5000 channel names
 * in turn, so per-input caches would show) and records heapUsed after a full GC: after a 10k warm-up, after 100k
 * and after 200k tokens. Flat = the 100k→200k growth stays under FLAT_LIMIT bytes per token.
 *
 * Standalone: `node bench/memory.mjs` (after `npm run build`).
 */

import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import process from 'node:process';
import { num, table } from './lib/format.mjs';
import { distDir } from './lib/load.mjs';

const FLAT_LIMIT = 1; // bytes per token: 100 KB per 100k tokens
const TOKENS = 100_000;

async function measureInChild(dist) {
  const { RtcTokenBuilder } = await import(pathToFileURL(path.join(dist, 'sync.js')).href);
  const appId = '970CA35de60c44645bbae8a215061b33';
  const cert = '5CFd2fd1755d40ecb72977518be15d3b';
  let sum = 0;
  let uid = 1;
  const batch = (n) => {
    for (let i = 0; i < n; i++, uid++) {
      sum += RtcTokenBuilder.buildTokenWithUid(appId, cert, `room-${uid % 5000}`, uid, 1, 3600, 3600).length;
    }
  };
  const heap = () => {
    globalThis.gc();
    globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  batch(10_000);
  const h0 = heap();
  const t0 = performance.now();
  batch(TOKENS);
  const h1 = heap();
  batch(TOKENS);
  const h2 = heap();
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ h0, h1, h2, seconds, sum }) + '\n');
}

/** Spawns the measuring child and reports. */
export async function memory({ log = console.log } = {}) {
  const self = fileURLToPath(import.meta.url);
  const out = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', self, '--child', distDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => { text += d; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`memory child exited ${code}`))));
  });
  const result = {
    ...out,
    tokens: TOKENS,
    flatLimit: FLAT_LIMIT,
    growthFirstHalf: out.h1 - out.h0,
    growthSecondHalf: out.h2 - out.h1,
    bytesPerTokenFirstHalf: (out.h1 - out.h0) / TOKENS,
    bytesPerTokenSecondHalf: (out.h2 - out.h1) / TOKENS,
  };
  const kib = (b) => num(b / 1024, 1);
  log(`## Memory — heapUsed after full GC, /sync RtcTokenBuilder.buildTokenWithUid, uid and channel differ per token (${num(out.seconds, 1)} s for 200k)`);
  log(table(['point', 'heapUsed KiB', 'growth KiB', 'bytes/token'], [
    ['after 10k warm-up', kib(out.h0), '', ''],
    ['after +100k tokens', kib(out.h1), kib(result.growthFirstHalf), num(result.bytesPerTokenFirstHalf, 2)],
    ['after +200k tokens', kib(out.h2), kib(result.growthSecondHalf), num(result.bytesPerTokenSecondHalf, 2)],
  ], ['l', 'r', 'r', 'r']));
  log(`(flat = under ${FLAT_LIMIT} B/token retained from 100k to 200k; a leak of one token string per build would be ~450 B/token)\n`);
  return result;
}

const argv = process.argv.slice(2);
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (argv[0] === '--child') await measureInChild(argv[1]);
  else await memory();
}
