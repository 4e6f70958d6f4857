/**
 * @module bench/run — `npm run bench`: our package (built dist/) against the official
 * `agora-token` 2.0.6 and `agora-access-token` 2.0.4, sampled side by side, same inputs. Under
 * Node each case runs in its own fresh child process (see measureCaseIsolated; --in-process
 * measures all of them in this one, as Deno, Bun and a --child do).
 *
 * Runs unchanged under Node, Deno (`deno run -A bench/run.mjs`) and Bun (`bun bench/run.mjs`).
 * Under Node (without --child) it also runs bench/cold-start.mjs, bench/memory.mjs and this same
 * file under node_modules/.bin/deno and node_modules/.bin/bun, then prints every goal of issue 7.
 *
 * Flags: --quick (shorter samples) --child (this runtime only; ends with a JSON line)
 *        --only=rtc,decode  --no-cold  --no-memory  --no-runtimes  --json=out.json
 *        --in-process (Node: measure every case in this process instead of one fresh child per case)
 * Env:   BENCH_DIST=some/dir to measure another build than ./dist;
 *        BENCH_CLOCK=cpu to time with process CPU time instead of wall time (busy machines).
 */

import process from 'node:process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeCases } from './lib/cases.mjs';
import { machine, runtimeName, runtimeVersion, zlibSeam } from './lib/env.mjs';
import { num, pct, ratio, table, us } from './lib/format.mjs';
import { evaluateGoals } from './lib/goals.mjs';
import { distDir, loadOfficial, loadOurs, ourVersion } from './lib/load.mjs';
import { sanityCheck } from './lib/sanity.mjs';
import { clockKind, measureCase } from './lib/timing.mjs';
import { webCryptoAccounting } from './lib/webcrypto.mjs';
import { ownWorkByProfile } from './lib/own-profile.mjs';

const JSON_MARK = '@@BENCH_JSON ';
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const child = flag('child');
const quick = flag('quick');
const only = option('only')?.split(',');
const plan = quick ? { warmupMs: 150, sampleMs: 100, samples: 4 } : { warmupMs: 250, sampleMs: 200, samples: 5 };
const say = (line = '') => console.log(line);

async function main() {
  const started = performance.now();
  const ours = await loadOurs();
  const off = loadOfficial();
  say(`# agora-token-kit ${ourVersion()} benchmark — ${runtimeVersion()}`);
  say(`machine:   ${machine()}`);
  say(`ours:      ${distDir}  (compression seam: ${zlibSeam(pathToFileURL(`${path.dirname(distDir)}/`)).join(' | ')})`);
  say(`official:  agora-token ${off.tokenVersion}, agora-access-token ${off.accessVersion}`);
  say(`method:    per variant: calibrate+warm-up ${plan.warmupMs} ms, then ${plan.samples} interleaved samples of ~${plan.sampleMs} ms; median ops/s; ±% = (max-min)/median; clock: ${clockKind === 'cpu' ? 'process CPU time (BENCH_CLOCK=cpu)' : 'wall'}`);
  say(`           each case: the official package and our synchronous variants interleaved first, then our async variants against a fresh official round${!child && runtimeName() === 'node' && !flag('in-process') ? '; every case in its own fresh Node process' : ''}`);
  say('');

  const cases = makeCases(ours, off, { concurrent: true }).filter((c) => !only || only.includes(c.id));
  // A --cases-only child measures right away: its parent checked the variants, and running them
  // here (async ones included) would leave the heap state measureCaseRounds avoids.
  const problems = child && flag('cases-only') ? [] : await sanityCheck(cases, ours, off);
  say(problems.length ? `SANITY PROBLEMS:\n  ${problems.join('\n  ')}\n` : 'sanity: every 007 build variant yields a fresh token (two calls differ) that the official agora-token parses and verifies, with the official token\'s appId, expire, issue second and services as agora-token reads them; agora-access-token rebuilds every 006 token byte for byte, with the official privileges and times; decodeToken reads every token of the read cases as agora-token does; verifyToken refuses a wrong certificate and another certificate\'s token.\n');

  // Under Node, each case is measured in a fresh child process (see measureCaseIsolated); a child,
  // Deno and Bun measure the cases one after another in this process.
  const isolate = !child && runtimeName() === 'node' && !flag('in-process');
  const results = [];
  const rows = [];
  for (const c of cases) {
    if (c.skip) {
      results.push({ id: c.id, title: c.title, skip: c.skip });
      rows.push([c.title, `SKIPPED: ${c.skip}`, '', '', '', '']);
      continue;
    }
    const out = isolate ? await measureCaseIsolated(c.id) : await measureCaseRounds(c);
    results.push({ id: c.id, title: c.title, rows: out });
    out.forEach((m, i) => rows.push([i === 0 ? c.title : '', m.name, num(m.opsPerSec), us(m.usPerOp), pct(m.spread), ratio(m.vsOfficial)]));
  }
  if (child && flag('cases-only')) {
    say(JSON_MARK + JSON.stringify({ results }));
    return;
  }
  say(table(['case', 'implementation', 'ops/s', 'µs/op', '±%', 'vs official'], rows, ['l', 'l', 'r', 'r', 'r', 'r']));
  say('');

  let webCrypto;
  if (!only || only.includes('webcrypto')) {
    webCrypto = await webCryptoAccounting(ours, plan);
    if (!webCrypto.skip && runtimeName() === 'node') webCrypto.profile = ownWorkByProfile({ rounds: quick ? 2 : 3, seconds: quick ? 1 : 2 });
    const syncRow = results.find((r) => r.id === 'rtc')?.rows?.find((r) => r.role === 'sync');
    say(webCrypto.skip ? `Web Crypto accounting skipped: ${webCrypto.skip}` : webCryptoReport(webCrypto, syncRow));
    say('');
  }

  let coldStart;
  let memory;
  let others = [];
  if (!child && runtimeName() === 'node') {
    if (!flag('no-cold')) coldStart = await (await import('./cold-start.mjs')).coldStart({ quick, log: say });
    if (!flag('no-memory')) memory = await (await import('./memory.mjs')).memory({ quick, log: say });
    if (!flag('no-runtimes')) others = await (await import('./lib/runtimes.mjs')).otherRuntimes({ log: say, only });
  }

  const goals = evaluateGoals({ results, webCrypto, coldStart, memory, sanityProblems: problems });
  if (problems.length) process.exitCode = 1;
  say(`## Goals (issue 7) — ${runtimeVersion()}, ratios from this run`);
  say(table(['goal', 'target', 'measured', 'result'], goals.map((g) => [g.goal, g.target, g.measured, g.status]), ['l', 'l', 'l', 'l']));
  for (const o of others) say(o.summary);
  say(`\n(total ${num((performance.now() - started) / 1000, 1)} s)`);

  const report = { runtime: runtimeVersion(), machine: machine(), results, webCrypto, coldStart, memory, goals, others: others.map((o) => o.report) };
  if (option('json')) {
    // A fresh clone has no .tmp/ (the README's example path): make it rather than lose the run.
    mkdirSync(path.dirname(option('json')), { recursive: true });
    writeFileSync(option('json'), JSON.stringify(report, null, 2));
  }
  if (child) say(JSON_MARK + JSON.stringify(report));
}

/**
 * Measures one case in two rounds: first the official baseline interleaved with our synchronous
 * variants, then (if any) the baseline again with our async variants, each ratio taken against
 * its own round's baseline. Why: the async variants' promises and Web Crypto jobs leave the heap
 * in a state (a grown young generation) that slowed the allocation-heavy official packages far
 * more than our builds: with them interleaved, agora-token took ~20-40% longer per token and the
 * /sync RTC ratio read ~3.6-4.5x instead of ~3.0-3.4x. The goals use the first round.
 */
async function measureCaseRounds(c) {
  const [base, ...rest] = c.variants;
  const rounds = [[base, ...rest.filter((v) => !v.async)], [base, ...rest.filter((v) => v.async)]];
  const rows = [];
  for (const [round, variants] of rounds.entries()) {
    if (round > 0 && variants.length === 1) break;
    const measured = await measureCase(variants, plan);
    measured.forEach((m, i) => {
      if (round > 0 && i === 0) return;
      // The samples of a round were taken one after the other (official, ours, …), so each
      // round also gives its own ratio: their spread says how far the median ratio can be trusted.
      const roundRatios = m.samples.map((rate, k) => rate / measured[0].samples[k]);
      rows.push({ ...m, role: variants[i].role, vsOfficial: m.opsPerSec / measured[0].opsPerSec, roundRatios, samples: undefined });
    });
  }
  return rows;
}

/**
 * Measures one case in a fresh Node process (this file with --child --cases-only): an earlier
 * case's garbage and code (the official builders before the official decoder, for instance) then
 * cannot slow or speed a later one; measured in one process, decodeToken's ratio read ~8.6x
 * against ~4.4-5.1x for the same case alone.
 */
async function measureCaseIsolated(id) {
  const { spawnSync } = await import('node:child_process');
  const argv = [fileURLToPath(import.meta.url), '--child', '--cases-only', `--only=${id}`, ...(quick ? ['--quick'] : [])];
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', env: process.env, maxBuffer: 1 << 24 });
  const line = r.stdout.split('\n').find((l) => l.startsWith(JSON_MARK));
  if (!line) throw new Error(`bench child for case ${id} failed (exit ${r.status}):\n${r.stderr.trim().split('\n').slice(-15).join('\n')}`);
  return JSON.parse(line.slice(JSON_MARK.length)).results[0].rows;
}

/** The profile attribution (bench/lib/own-profile.mjs): one line per profiled process. */
function profileLines(p) {
  if (!p) return [];
  if (p.skip) return [`own work (profile): skipped: ${p.skip}`];
  return [
    `own work (profile): ours ${p.rounds.map((r) => pct(r.share.ours)).join(', ')} of wall time in ${p.rounds.length} profiled processes (V8 CPU profiler, 250 µs samples):`,
    ...p.rounds.map((r) => `                  ${num(r.builds)} builds at ${us(r.usPerBuild)} µs: ours ${pct(r.share.ours)} (${us(r.share.ours * r.usPerBuild)} µs), Web Crypto ${pct(r.share.webcrypto)}, waiting ${pct(r.share.idle)}, GC ${pct(r.share.gc)}, V8/Node other ${pct(r.share.program + r.share.other)}`),
    '                  (a sample is ours when a frame of dist/index.js is on its stack and no crypto.subtle method is; see bench/lib/own-profile.mjs)',
  ];
}

function webCryptoReport(w, syncRow) {
  return [
    '## Main entry (Web Crypto) accounting — RtcTokenBuilder.buildTokenWithUid, awaited one at a time',
    `calls per token:  ${num(w.callsPerToken, 3)} on average over ${num(w.tokens)} warm builds (max ${w.maxCalls}); ${pct(w.warmSequenceShare)} of them made exactly:`,
    `                  ${w.warmSequence}`,
    `new issue second: ${w.freshSecondCalls} calls (${w.freshSecondSequence}) — the k1 link is cached per (issueTs, certificate)`,
    ...profileLines(w.profile),
    `own work (CPU):   process CPU per async build ${us(w.buildCpuUs)} µs − per raw replay of the same ${w.warmCalls} crypto.subtle calls ${us(w.replayCpuUs)} µs = ${us(w.ownUs)} µs = ${pct(w.ownShare)} of the ${us(w.buildUs)} µs wall time of a build`,
    ...(w.mainOwnUs === undefined ? [] : [`own work (main-thread CPU): ${us(w.buildMainCpuUs)} µs − ${us(w.replayMainCpuUs)} µs = ${us(w.mainOwnUs)} µs = ${pct(w.mainOwnShare)} of a build (the thread our JS runs on; the line above also counts every other thread)`]),
    `own work (wall):  async build ${us(w.buildUs)} µs − raw replay ${us(w.replayUs)} µs = ${us(w.wallOwnUs)} µs = ${pct(w.wallOwnShare)} (±${pct(w.spread)} sample spread; thread wake-up latency dominates both)`,
    '                  method: the replay repeats the recorded call sequence (same methods, algorithm, usages and byte sizes, fresh',
    '                  buffers, awaited in the same order) with raw crypto.subtle; the difference is everything we do outside Web Crypto.',
    ...(syncRow ? [`cross-check:      the whole /sync build (the same work plus two pure-JS HMACs instead of Web Crypto) takes ${us(syncRow.usPerOp)} µs`] : []),
  ].join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
