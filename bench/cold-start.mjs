/**
 * @module bench/cold-start — a fresh `node` process imports the package (ESM dist) and builds
 * one RTC token; the same with `agora-token`. N processes per variant, spawned in alternation.
 * Informative rows do the same through CommonJS `require` (ours: dist/*.cjs; agora-token as it
 * is), paired with a CommonJS `agora-token` start from the same rotation.
 *
 * Reported per variant (medians): wall time from spawn to exit as seen by the parent (the goal
 * metric: what a CLI, a cron job or a serverless cold start pays), and inside the child the time
 * from the first line of the script to the finished token (import + first build), split in two.
 *
 * Standalone: `node bench/cold-start.mjs [--quick]` (after `npm run build`).
 */

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { num, ratio, table } from './lib/format.mjs';
import { distDir } from './lib/load.mjs';
import { median } from './lib/timing.mjs';

const childFile = fileURLToPath(new URL('./lib/cold-child.mjs', import.meta.url));
const cjsChildFile = fileURLToPath(new URL('./lib/cold-child.cjs', import.meta.url));

function once(which) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [which.endsWith('-cjs') ? cjsChildFile : childFile, which, distDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = performance.now() - t0;
      if (code !== 0) return reject(new Error(`cold-start child ${which} exited ${code}: ${err.trim()}`));
      resolve({ wall, ...JSON.parse(out) });
    });
  });
}

/** Runs the cold-start comparison; returns medians per variant. */
export async function coldStart({ quick = false, log = console.log } = {}) {
  // 25 rotations: Node's own boot (~110 ms here, the same for every variant) varies by ±10 ms, as
  // much as the difference measured; with 25 pairs, 18 or more wins either way is significant.
  const n = quick ? 9 : 25;
  const variants = ['official', 'sync', 'main', 'official-cjs', 'sync-cjs', 'main-cjs'];
  const samples = Object.fromEntries(variants.map((v) => [v, []]));
  for (const v of variants) await once(v); // warm the OS file cache for every variant
  for (let i = 0; i < n; i++) {
    // rotate the order so no variant always runs right after another one
    for (let j = 0; j < variants.length; j++) {
      const v = variants[(i + j) % variants.length];
      samples[v].push(await once(v));
    }
  }
  // Rotation i starts every variant once, one after the other: a pair (official, ours) from the
  // same rotation saw the same machine state, so counting the pairs ours won is a sign test.
  const baseOf = (v) => (v.endsWith('-cjs') ? 'official-cjs' : 'official');
  const summary = (v) => ({
    median: median(samples[v].map((s) => s.wall)),
    wins: samples[v].filter((s, i) => s.wall < samples[baseOf(v)][i].wall).length,
    importAndBuild: median(samples[v].map((s) => s.importAndBuild)),
    importMs: median(samples[v].map((s) => s.importMs)),
    buildMs: median(samples[v].map((s) => s.buildMs)),
  });
  const key = (v) => v.replace(/-cjs$/, 'Cjs'); // result.officialCjs etc.
  const result = { n, ...Object.fromEntries(variants.map((v) => [key(v), summary(v)])) };
  const names = {
    official: 'agora-token (CJS via import)', sync: 'ours /sync (dist/sync.js)', main: 'ours main (dist/index.js, Web Crypto)',
    'official-cjs': 'agora-token (require)', 'sync-cjs': 'ours /sync (require dist/sync.cjs)', 'main-cjs': 'ours main (require dist/index.cjs)',
  };
  log(`## Cold start — ${n} fresh \`node\` processes per variant (median ms), each imports and builds one RTC token`);
  log(table(
    ['variant', 'spawn→exit', 'time vs official', 'faster in', 'import+build', 'import', 'first build'],
    variants.map((v) => {
      const r = result[key(v)];
      const base = result[key(baseOf(v))];
      return [names[v], num(r.median, 1), ratio(r.median / base.median), v === baseOf(v) ? '' : `${r.wins}/${n} pairs`, num(r.importAndBuild, 2), num(r.importMs, 2), num(r.buildMs, 2)];
    }),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
  ));
  log('(spawn→exit is measured by the parent and includes Node\'s own boot, identical for all; the other columns are measured inside the child.\n' +
    ' The goal compares ESM imports (first three rows); the require rows are informative, each against agora-token required the same way)\n');
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await coldStart({ quick: process.argv.includes('--quick') });
}
