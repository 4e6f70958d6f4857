/**
 * @module scripts/fuzz/run — runs a range of fuzz cases against a library's sync and async
 * entries and collects per-class counts, codes, timings, ArrayBuffer growth and failures.
 */

import { checkAsync, checkSync } from './check.mjs';
import { createCaseFactory } from './cases.mjs';

// process.memoryUsage() costs ~0.1 ms, so only the classes built to allocate are measured.
const MEMORY_CLASSES = new Set(['bomb', 'grow', 'boundary']);
const MAX_EXTERNAL_GROWTH = 8 * 1024 * 1024;
const preview = (v) => (typeof v === 'string' ? JSON.stringify(v.length > 120 ? `${v.slice(0, 100)}…(${v.length} chars)` : v) : String(typeof v === 'symbol' ? v.toString() : v));
export { preview };

/** Runs cases [from, to) and returns the stats. */
export async function runRange({ syncLib, asyncLib }, { from, to, seed, maxMs, asyncEvery, warmup = 300, skip = [] }, progress) {
  const { makeCase, seeds } = createCaseFactory(syncLib, { skip });
  // Warm-up (not counted): let the JIT compile the hot paths before timing starts.
  for (let i = 0; i < warmup; i++) for (const s of seeds.all) checkSync(syncLib, { input: s.token, cert: s.cert, expected: s.expected, seed: s, resigned: true });

  const classes = {};
  const failures = [];
  let retimed = 0;
  let slowest = { ms: 0 };
  const t0 = performance.now();
  for (let i = from; i < to; i++) {
    const c = makeCase(seed, i);
    const tracked = MEMORY_CLASSES.has(c.cls);
    const before = tracked ? process.memoryUsage().arrayBuffers : 0;
    let r = checkSync(syncLib, c);
    const growth = tracked ? process.memoryUsage().arrayBuffers - before : 0;
    // Re-time a moderately slow case: a GC pause is not the input's fault (a 5x overrun is).
    if (r.ms > maxMs && r.ms <= 5 * maxMs && !r.failure) {
      retimed++;
      for (let k = 0; k < 3 && r.ms > maxMs; k++) r = { ...r, ms: Math.min(r.ms, checkSync(syncLib, c).ms) };
    }
    if (r.ms > maxMs && !r.failure) {
      r.failure = `took ${r.ms.toFixed(1)} ms (limit ${maxMs} ms)`;
    }
    if (!r.failure && growth > MAX_EXTERNAL_GROWTH) r.failure = `allocated ${(growth / 1048576).toFixed(1)} MiB of ArrayBuffers`;
    if (!r.failure && i % asyncEvery === 0) r.failure = await checkAsync(asyncLib, c, r.verdict);

    const k = (classes[c.cls] ??= { cases: 0, codes: {}, slowestMs: 0, slowestIndex: -1, maxGrowth: 0, failures: 0 });
    k.cases++;
    k.codes[r.code] = (k.codes[r.code] ?? 0) + 1;
    k.maxGrowth = Math.max(k.maxGrowth, growth);
    if (r.ms > k.slowestMs) (k.slowestMs = r.ms), (k.slowestIndex = i);
    if (r.ms > slowest.ms) slowest = { ms: r.ms, index: i, cls: c.cls };
    if (r.failure) {
      k.failures++;
      if (failures.length < 25) failures.push({ index: i, cls: c.cls, failure: r.failure, input: preview(c.input) });
    }
    if (progress && (i - from) % 50_000 === 49_999) progress(i - from + 1);
  }
  return { classes, failures, slowest, retimed, ms: performance.now() - t0, maxRss: process.resourceUsage().maxRSS * 1024 };
}

export function merge(results) {
  const total = { classes: {}, failures: [], slowest: { ms: 0 }, retimed: 0, maxRss: 0 };
  for (const r of results) {
    for (const [name, k] of Object.entries(r.classes)) {
      const t = (total.classes[name] ??= { cases: 0, codes: {}, slowestMs: 0, slowestIndex: -1, maxGrowth: 0, failures: 0 });
      t.cases += k.cases;
      t.failures += k.failures;
      t.maxGrowth = Math.max(t.maxGrowth, k.maxGrowth);
      for (const [code, n] of Object.entries(k.codes)) t.codes[code] = (t.codes[code] ?? 0) + n;
      if (k.slowestMs > t.slowestMs) (t.slowestMs = k.slowestMs), (t.slowestIndex = k.slowestIndex);
    }
    total.failures.push(...r.failures);
    total.retimed += r.retimed;
    total.maxRss = Math.max(total.maxRss, r.maxRss);
    if (r.slowest.ms > total.slowest.ms) total.slowest = r.slowest;
  }
  return total;
}

