/**
 * @module bench/lib/timing — a small, runtime-neutral micro-benchmark harness (Node, Deno, Bun).
 *
 * Every variant of a case is calibrated, warmed up, then sampled in interleaved rounds
 * (A B C, A B C, …) so that drift — GC pressure, turbo boost, another process — hits all the
 * variants of a case alike and the ratios stay honest. The reported rate is the median sample.
 */

/** A sink the optimizer cannot see through: every result feeds it. */
export let sink = 0;

/** Consumes a benchmark result (string, boolean, object) so the call is not dead code. */
export function consume(value) {
  if (typeof value === 'string') sink = (sink + value.length) | 0;
  else if (value === true) sink = (sink + 1) | 0;
  else if (value && typeof value === 'object') sink = (sink + 3) | 0;
  else sink = (sink + 7) | 0;
}

import process from 'node:process';

// Wall-clock ms by default; with BENCH_CLOCK=cpu, this process's user+system CPU ms instead
// (ops per CPU-second: robust on a machine shared with other work, but it also counts CPU
// spent on helper threads — GC, Web Crypto's thread pool — and ignores time spent waiting).
const cpuClock = process.env.BENCH_CLOCK === 'cpu';
const now = cpuClock
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();

/** 'wall' or 'cpu': what the reported times measure. */
export const clockKind = cpuClock ? 'cpu' : 'wall';

async function runBatch(variant, n) {
  const { fn } = variant;
  if (variant.async) {
    const t0 = now();
    for (let i = 0; i < n; i++) consume(await fn());
    return now() - t0;
  }
  const t0 = now();
  for (let i = 0; i < n; i++) consume(fn());
  return now() - t0;
}

/** Runs `variant` in growing batches until one batch lasts `ms`; returns the batch size for `sampleMs`. */
async function calibrate(variant, ms, sampleMs) {
  let n = 1;
  for (;;) {
    const elapsed = await runBatch(variant, n);
    if (elapsed >= ms) return Math.max(1, Math.round((n * sampleMs) / elapsed));
    n = elapsed < 1 ? n * 10 : Math.ceil(n * Math.min(10, (ms * 1.2) / elapsed));
  }
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Measures the variants of one case.
 * @param {{ name: string, fn: () => unknown, async?: boolean, opsPerCall?: number }[]} variants
 * @param {{ warmupMs: number, sampleMs: number, samples: number }} plan
 * @returns {Promise<{ name: string, opsPerSec: number, usPerOp: number, spread: number, samples: number[] }[]>}
 */
export async function measureCase(variants, plan) {
  const sizes = [];
  for (const v of variants) {
    await runBatch(v, 1); // first call: compile, lazy imports, caches
    sizes.push(await calibrate(v, plan.warmupMs, plan.sampleMs));
  }
  const rates = variants.map(() => []);
  for (let round = 0; round < plan.samples; round++) {
    for (let i = 0; i < variants.length; i++) {
      const n = sizes[i];
      const ms = await runBatch(variants[i], n);
      rates[i].push((n * (variants[i].opsPerCall ?? 1) * 1000) / ms);
    }
  }
  return variants.map((v, i) => {
    const opsPerSec = median(rates[i]);
    const spread = (Math.max(...rates[i]) - Math.min(...rates[i])) / opsPerSec;
    return { name: v.name, opsPerSec, usPerOp: 1e6 / opsPerSec, spread, samples: rates[i] };
  });
}

/** Median of a list of numbers. */
export { median };
