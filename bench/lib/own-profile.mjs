/**
 * @module bench/lib/own-profile — our own share of an awaited main-entry build, read from V8's
 * sampling CPU profiler instead of subtracting two timings.
 *
 * Why: the subtraction in webcrypto.mjs takes the difference of two ~150 µs figures dominated by
 * Web Crypto and its thread pool to estimate ~15 µs; on this VM its per-round results ran from
 * −2% to +45% within one run. A profile attributes each sample to what was running, so it needs
 * no second measurement to subtract.
 *
 * Method: a fresh Node process imports dist/index.js, warms up, then profiles itself (node:inspector,
 * one sample per 250 µs) while it awaits RtcTokenBuilder.buildTokenWithUid one at a time for a fixed
 * time (own-profile-child.mjs). Every sample is classified by its stack:
 *   webcrypto  a crypto.subtle method (importKey, sign, verify, digest) is on the stack;
 *   ours       otherwise, a frame of our bundle is on the stack (so V8 builtins and Node APIs our
 *              code calls, such as TextDecoder, count as ours);
 *   idle       the main thread waiting (for Web Crypto's thread pool: nothing else is pending);
 *   gc, program, other (Node internals with none of our frames, e.g. completing a Web Crypto job).
 * Own work = ours / all samples, i.e. a share of wall time. GC is not attributed to us: a raw
 * replay of the same four crypto.subtle calls spends at least as much in GC per call sequence
 * (measured while writing this), so our allocations do not add to it measurably. The profiler
 * itself costs a few percent of every category alike. Node only.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { distDir } from './load.mjs';

const CHILD = fileURLToPath(new URL('./own-profile-child.mjs', import.meta.url));
const SUBTLE_METHODS = new Set(['importKey', 'sign', 'verify', 'digest']);

/** Classifies every sample of a .cpuprofile (`ourUrl`: our bundle's file URL); returns microseconds per category. */
export function attribute(profile, ourUrl) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map();
  const classify = (id) => {
    if (memo.has(id)) return memo.get(id);
    const name = byId.get(id).callFrame.functionName;
    let kind = name === '(idle)' ? 'idle' : name === '(garbage collector)' ? 'gc' : name === '(program)' ? 'program' : 'other';
    if (kind === 'other') {
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const frame = byId.get(cur).callFrame;
        if (frame.url.includes('internal/crypto/webcrypto') && SUBTLE_METHODS.has(frame.functionName)) {
          kind = 'webcrypto';
          break;
        }
        if (frame.url === ourUrl) kind = 'ours';
      }
    }
    memo.set(id, kind);
    return kind;
  };
  const us = { ours: 0, webcrypto: 0, idle: 0, gc: 0, program: 0, other: 0 };
  profile.samples.forEach((id, i) => {
    us[classify(id)] += profile.timeDeltas[i] ?? 0;
  });
  return us;
}

/**
 * Runs `rounds` profiled child processes of `seconds` each.
 * @returns {{ rounds: { share: object, usPerBuild: number, builds: number }[], ownShares: number[] } | { skip: string }}
 */
export function ownWorkByProfile({ rounds = 3, seconds = 2 } = {}) {
  if (typeof process === 'undefined' || !process.versions?.node || process.versions.bun || process.versions.deno) {
    return { skip: 'needs Node (node:inspector profiler)' };
  }
  const entry = path.join(distDir, 'index.js');
  const out = [];
  for (let r = 0; r < rounds; r++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'agora-token-kit-prof-'));
    try {
      const file = path.join(dir, 'build.cpuprofile');
      const run = spawnSync(process.execPath, [CHILD, entry, String(seconds), file], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`profiled child failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-5).join('\n')}`);
      const { builds, ms } = JSON.parse(run.stdout.trim().split('\n').pop());
      const us = attribute(JSON.parse(readFileSync(file, 'utf8')), pathToFileURL(entry).href);
      // A profile in which nothing is ours means the bundle's frames were not recognised.
      if (us.ours === 0) throw new Error(`no profile sample ran in ${entry}: the attribution does not recognise our bundle`);
      const total = Object.values(us).reduce((a, b) => a + b, 0);
      const share = Object.fromEntries(Object.entries(us).map(([k, v]) => [k, v / total]));
      out.push({ share, usPerBuild: (ms * 1000) / builds, builds });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { rounds: out, ownShares: out.map((o) => o.share.ours) };
}
