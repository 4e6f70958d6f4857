#!/usr/bin/env node
/**
 * @module scripts/fuzz — mutation fuzzing of decodeToken/verifyToken on the built package.
 *
 *   npm run fuzz                                   # 1,000,000 cases, seed 1, one worker per core
 *   node scripts/fuzz.mjs --cases 200000 --seed 7  # after `npm run build`
 *   node scripts/fuzz.mjs --case 12345 --seed 7    # replay one case and print it
 *   node scripts/fuzz.mjs --skip bomb,oversize     # leave classes out (replay with the same --skip)
 *   node scripts/fuzz.mjs --dist path/to/build      # fuzz another build (needs its index.js and sync.js)
 *
 * Every case must end in a value or an AgoraTokenError, within --max-ms (default 50 ms; a case
 * over it is re-timed 3 times so a GC pause is not blamed on the input). Exit code 1 on any
 * failure. Cases are a pure function of (seed, index), so any failure can be replayed alone.
 */

import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { checkAsync, checkSync } from './fuzz/check.mjs';
import { CLASSES, createCaseFactory } from './fuzz/cases.mjs';
import { merge, preview, runRange } from './fuzz/run.mjs';

const DEFAULT_DIST = new URL('../dist/', import.meta.url);

/** A mistake in the command line: printed as one line, without a stack. */
class UsageError extends Error {}

function parseArgs(argv) {
  const o = { cases: 1_000_000, seed: 1, workers: availableParallelism(), maxMs: 50, asyncEvery: 16, case: undefined, skip: [], dist: DEFAULT_DIST.href };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (!(key in o)) throw new UsageError(`unknown option ${argv[i]} (use --cases N --seed S --workers W --max-ms M --async-every K --case I --skip class,class --dist DIR)`);
    if (key === 'skip') {
      o.skip = String(argv[i + 1] ?? '').split(',').filter(Boolean);
      continue;
    }
    if (key === 'dist') {
      o.dist = pathToFileURL(`${resolve(String(argv[i + 1]))}/`).href;
      continue;
    }
    o[key] = Number(argv[i + 1]);
    if (!Number.isFinite(o[key])) throw new UsageError(`${argv[i]} needs a number`);
  }
  return o;
}

async function loadLibs(dist) {
  return { syncLib: await import(new URL('sync.js', dist).href), asyncLib: await import(new URL('index.js', dist).href) };
}

function report(opts, total, wallMs) {
  const count = Object.values(total.classes).reduce((a, k) => a + k.cases, 0);
  const order = CLASSES.map((c) => c[0]).filter((n) => total.classes[n]);
  const skipped = opts.skip.length ? `, skipped classes: ${opts.skip.join(', ')}` : '';
  console.log(`\nfuzz: ${count} cases, seed ${opts.seed}, ${opts.workers} worker(s), async verify on every ${opts.asyncEvery}th case${skipped}\n`);
  console.log('class             cases   ok(verified/rejected)  typed errors (top codes)                          slowest ms  failures');
  for (const name of order) {
    const k = total.classes[name];
    const verified = k.codes['ok:verified'] ?? 0;
    const rejected = k.codes['ok:rejected'] ?? 0;
    const typed = Object.entries(k.codes).filter(([c]) => !c.startsWith('ok:')).sort((a, b) => b[1] - a[1]);
    const top = typed.slice(0, 3).map(([c, n]) => `${c.replace(/^(verify:)?ERR_/, '$1')}=${n}`).join(' ');
    console.log(`${name.padEnd(16)} ${String(k.cases).padStart(7)}  ${`${verified}/${rejected}`.padStart(21)}  ${top.padEnd(50)} ${k.slowestMs.toFixed(2).padStart(10)}  ${k.failures}`);
  }
  const failures = Object.values(total.classes).reduce((a, k) => a + k.failures, 0);
  const growth = Math.max(...Object.values(total.classes).map((k) => k.maxGrowth));
  console.log(`\nslowest case: ${total.slowest.ms.toFixed(2)} ms (#${total.slowest.index}, ${total.slowest.cls}); re-timed after a first run over ${opts.maxMs} ms: ${total.retimed}`);
  console.log(`largest ArrayBuffer growth in one case: ${(growth / 1024).toFixed(0)} KiB; peak RSS of a worker: ${(total.maxRss / 1048576).toFixed(0)} MiB`);
  console.log(`total time: ${(wallMs / 1000).toFixed(1)} s (${Math.round(count / (wallMs / 1000))} cases/s)`);
  for (const f of total.failures) console.log(`FAIL #${f.index} [${f.cls}] ${f.failure}\n     input: ${f.input}  (replay: node scripts/fuzz.mjs --case ${f.index} --seed ${opts.seed})`);
  console.log(failures === 0 ? 'fuzz: no failures' : `fuzz: ${failures} failure(s)`);
  return failures;
}

async function replay(opts) {
  const { syncLib, asyncLib } = await loadLibs(opts.dist);
  const c = createCaseFactory(syncLib, { skip: opts.skip }).makeCase(opts.seed, opts.case);
  const r = checkSync(syncLib, c);
  const a = await checkAsync(asyncLib, c, r.verdict);
  console.log({ cls: c.cls, input: preview(c.input), cert: preview(c.cert), expected: c.expected, resigned: c.resigned, expectCode: c.expectCode, ...r, asyncFailure: a });
  let detail;
  try {
    detail = syncLib.decodeToken(c.input);
  } catch (e) {
    detail = e;
  }
  console.dir(detail, { depth: 4 });
  return r.failure || a ? 1 : 0;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.case !== undefined) return replay(opts);
  const start = performance.now();
  const per = Math.ceil(opts.cases / opts.workers);
  let done = 0;
  const results = await Promise.all(
    Array.from({ length: opts.workers }, (_, w) => {
      const range = { from: w * per, to: Math.min(opts.cases, (w + 1) * per), seed: opts.seed, maxMs: opts.maxMs, asyncEvery: opts.asyncEvery, skip: opts.skip, dist: opts.dist };
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: range });
        worker.on('message', (m) => {
          if (m.progress) {
            done += 50_000;
            process.stderr.write(`  ${done} / ${opts.cases} cases, ${((performance.now() - start) / 1000).toFixed(0)} s\n`);
          } else resolve(m.result);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
      });
    }),
  );
  return report(opts, merge(results), performance.now() - start) === 0 ? 0 : 1;
}

if (isMainThread) {
  main().then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e instanceof UsageError ? `fuzz: ${e.message}` : e);
      process.exitCode = 2;
    },
  );
} else {
  const result = await runRange(await loadLibs(workerData.dist), workerData, () => parentPort.postMessage({ progress: true }));
  parentPort.postMessage({ result });
}
