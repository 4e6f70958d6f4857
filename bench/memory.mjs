/**
 * @module bench/memory — does building tokens retain memory? A child `node --expose-gc` builds
 * 200k RTC tokens with the /sync entry (a different uid each time, and one of 5000 channel names
 * in turn, so per-input caches would show) and records heapUsed plus ArrayBuffer memory after a full GC: after a 10k warm-up, after 100k
 * and after 200k tokens. Flat = the 100k→200k growth stays under FLAT_LIMIT bytes per token.
 * ArrayBuffer memory counts because typed arrays keep their bytes outside the V8 heap: heapUsed
 * alone sees only a ~100-byte handle of a retained buffer, and nothing of a buffer that grows.
 * A second child does the same with awaited main-entry builds (Web Crypto, its CryptoKeys and
 * promises, the k1 cache), fewer of them as each takes ~100-200 µs: informational.
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

/** Awaited main-entry builds per half: 20k at ~100-200 µs each keeps it to a few seconds. */
const MAIN_TOKENS = 20_000;
// Its heap after GC moved by up to ~165 KiB between points with no leak (~8 B/token at 20k); one
// object kept per build (a CryptoKey, a token string) would be 100 B/token or more.
const MAIN_FLAT_LIMIT = 50;

async function measureInChild(dist, entry, tokens) {
  const { RtcTokenBuilder } = await import(pathToFileURL(path.join(dist, entry === 'main' ? 'index.js' : 'sync.js')).href);
  const appId = '970CA35de60c44645bbae8a215061b33';
  const cert = '5CFd2fd1755d40ecb72977518be15d3b';
  let sum = 0;
  let uid = 1;
  const batch = async (n) => {
    for (let i = 0; i < n; i++, uid++) {
      const token = RtcTokenBuilder.buildTokenWithUid(appId, cert, `room-${uid % 5000}`, uid, 1, 3600, 3600);
      sum += (entry === 'main' ? await token : token).length;
    }
  };
  const heap = () => {
    globalThis.gc();
    globalThis.gc();
    const m = process.memoryUsage();
    return { heap: m.heapUsed, buffers: m.arrayBuffers };
  };
  await batch(Math.min(10_000, tokens / 2));
  const h0 = heap();
  const t0 = performance.now();
  await batch(tokens);
  const h1 = heap();
  await batch(tokens);
  const h2 = heap();
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ h0, h1, h2, seconds, sum }) + '\n');
}

function child(entry, tokens) {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--expose-gc', self, '--child', distDir, entry, String(tokens)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    c.stdout.on('data', (d) => { text += d; });
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`memory child (${entry}) exited ${code}`))));
  });
}

/** Retained bytes at a point: the V8 heap plus ArrayBuffer memory. */
const retained = (p) => p.heap + p.buffers;

function summarize(out, tokens, flatLimit) {
  return {
    ...out,
    tokens,
    flatLimit,
    growthFirstHalf: retained(out.h1) - retained(out.h0),
    growthSecondHalf: retained(out.h2) - retained(out.h1),
    bytesPerTokenFirstHalf: (retained(out.h1) - retained(out.h0)) / tokens,
    bytesPerTokenSecondHalf: (retained(out.h2) - retained(out.h1)) / tokens,
  };
}

/** Spawns the measuring children and reports. */
export async function memory({ log = console.log } = {}) {
  const result = summarize(await child('sync', TOKENS), TOKENS, FLAT_LIMIT);
  result.main = summarize(await child('main', MAIN_TOKENS), MAIN_TOKENS, MAIN_FLAT_LIMIT);
  const kib = (b) => num(b / 1024, 1);
  const rows = (r, n, name) => [
    [`${name}: after warm-up`, kib(r.h0.heap), kib(r.h0.buffers), '', ''],
    [`${name}: after +${num(n / 1000)}k tokens`, kib(r.h1.heap), kib(r.h1.buffers), kib(r.growthFirstHalf), num(r.bytesPerTokenFirstHalf, 2)],
    [`${name}: after +${num((2 * n) / 1000)}k tokens`, kib(r.h2.heap), kib(r.h2.buffers), kib(r.growthSecondHalf), num(r.bytesPerTokenSecondHalf, 2)],
  ];
  log(`## Memory — heapUsed and ArrayBuffer memory after full GC, RtcTokenBuilder.buildTokenWithUid, uid and channel differ per token (/sync ${num(result.seconds, 1)} s for 200k; main, awaited, ${num(result.main.seconds, 1)} s for 40k)`);
  log(table(['point', 'heapUsed KiB', 'ArrayBuffers KiB', 'growth KiB', 'bytes/token'], [...rows(result, TOKENS, '/sync'), ...rows(result.main, MAIN_TOKENS, 'main')], ['l', 'r', 'r', 'r', 'r']));
  log(`(flat = under ${FLAT_LIMIT} B/token retained, heap plus ArrayBuffers, over the second half; a leak of one token string per build would be ~450 B/token; the goal is the /sync row; main, informational, is read against ${MAIN_FLAT_LIMIT} B/token, its noise at 20k tokens)\n`);
  return result;
}

const argv = process.argv.slice(2);
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (argv[0] === '--child') await measureInChild(argv[1], argv[2], Number(argv[3]));
  else await memory();
}
