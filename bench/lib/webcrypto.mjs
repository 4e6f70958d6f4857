/**
 * @module bench/lib/webcrypto — how many Web Crypto calls our main (async) entry makes per
 * token once warm, and which share of an async build is our own work rather than Web Crypto.
 *
 * Method: every `crypto.subtle` method is wrapped with a recorder (in a separate pass, never
 * while timing). The most common per-token call sequence of the warm builds is then replayed
 * as raw `crypto.subtle` calls with the same methods, algorithms, usages and byte sizes (fresh
 * buffers per call), awaited one after another exactly as the pipeline awaits them. Both are timed in interleaved samples:
 *   own work = (async build time − raw replay time) / async build time.
 * It includes everything that is not inside Web Crypto: validation, packing, deflate, base64,
 * the generator pipeline, our promise glue and the k1 memo look-up. Because the wall-clock
 * times are dominated by thread-pool wake-ups that vary between runs, the same subtraction is
 * also made on process CPU time (waiting costs no CPU):
 *   own work = (CPU per async build − CPU per replay) / wall time per async build.
 * That CPU figure was the goal metric until 2026-11-23; the goal now uses the profile attribution
 * (own-profile.mjs) where it ran (Node), with this subtraction printed as a cross-check
 * (goals.mjs), and falls back to it where no profile ran.
 */

import { readFileSync } from 'node:fs';
import { INPUT } from './cases.mjs';
import process from 'node:process';
import { measureCase, median } from './timing.mjs';

const METHODS = ['importKey', 'sign', 'verify', 'digest', 'exportKey', 'deriveBits', 'deriveKey', 'encrypt', 'decrypt', 'generateKey', 'wrapKey', 'unwrapKey'];

function describe(arg) {
  if (arg instanceof ArrayBuffer) return { bytes: arg.byteLength };
  if (ArrayBuffer.isView(arg)) return { bytes: arg.byteLength };
  if (typeof CryptoKey !== 'undefined' && arg instanceof CryptoKey) return { key: true };
  if (arg && typeof arg === 'object' && 'type' in arg && 'algorithm' in arg && 'usages' in arg) return { key: true };
  return { value: arg };
}

/** Wraps crypto.subtle's methods; `current` collects the calls of the token being built. */
function instrument(subtle) {
  const rec = { current: null };
  const wrapped = [];
  for (const name of METHODS) {
    const original = subtle[name];
    if (typeof original !== 'function') continue;
    Object.defineProperty(subtle, name, {
      configurable: true,
      writable: true,
      value: function (...args) {
        rec.current?.push({ name, args: args.map(describe) });
        return original.apply(this, args);
      },
    });
    wrapped.push(name);
  }
  rec.restore = () => { for (const name of wrapped) delete subtle[name]; };
  return rec;
}

const signature = (calls) => calls.map((c) => `${c.name}(${c.args.map((a) => ('bytes' in a ? `${a.bytes}B` : 'key' in a ? 'key' : JSON.stringify(a.value))).join(',')})`).join(' → ');

/** A function that replays one recorded call sequence with raw crypto.subtle calls. */
function replayer(subtle, calls) {
  // Fresh buffers per call, as any implementation needs (the salt key and the message change
  // per token); reusing one buffer makes Node's Web Crypto measurably cheaper than real use.
  const templates = new Map();
  const bytes = (n) => {
    if (!templates.has(n)) templates.set(n, crypto.getRandomValues(new Uint8Array(n)));
    return templates.get(n).slice();
  };
  const plan = calls.map((c) => ({ name: c.name, args: c.args }));
  return async () => {
    let key;
    let last;
    for (const step of plan) {
      const args = step.args.map((a) => ('bytes' in a ? bytes(a.bytes) : 'key' in a ? key : a.value));
      last = await subtle[step.name](...args);
      if (step.name === 'importKey') key = last;
    }
    return last;
  };
}

/**
 * Counts and times the Web Crypto work of one async RTC build.
 * @returns {Promise<object | { skip: string }>}
 */
export async function webCryptoAccounting(ours, plan) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return { skip: 'crypto.subtle is not available' };
  const { appId, appCertificate: cert, channel, uid, expire } = INPUT;
  const build = () => ours.main.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, 1, expire, expire);
  for (let i = 0; i < 200; i++) await build();

  const rec = instrument(subtle);
  const perToken = [];
  let freshSecond;
  try {
    const t0 = performance.now();
    while (perToken.length < 5000 && performance.now() - t0 < 1500) {
      rec.current = [];
      await build();
      perToken.push(rec.current);
    }
    // A token for an issue second never seen before: the k1 link cannot come from the memo.
    rec.current = [];
    const token = new ours.main.AccessToken2(appId, cert, 1_600_000_000 + Math.floor(Math.random() * 1e8), expire);
    token.addService(new ours.main.ServiceRtc(channel, uid).addPrivilege(1, expire));
    await token.build();
    freshSecond = rec.current;
  } finally {
    rec.current = null;
    rec.restore();
  }

  const counts = new Map();
  for (const calls of perToken) {
    const sig = signature(calls);
    const entry = counts.get(sig) ?? { n: 0, calls };
    entry.n++;
    counts.set(sig, entry);
  }
  const [modeSig, mode] = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  const total = perToken.reduce((s, c) => s + c.length, 0);

  const replay = replayer(subtle, mode.calls);
  const [b, r] = await measureCase([
    { name: 'ours main RtcTokenBuilder.buildTokenWithUid (await)', fn: build, async: true },
    { name: 'raw crypto.subtle replay of its warm call sequence', fn: replay, async: true },
  ], plan);
  const cpu = await cpuPerOp([build, replay], [b.usPerOp, r.usPerOp], plan);
  return {
    tokens: perToken.length,
    callsPerToken: total / perToken.length,
    maxCalls: Math.max(...perToken.map((c) => c.length)),
    warmSequence: modeSig,
    warmSequenceShare: mode.n / perToken.length,
    warmCalls: mode.calls.length,
    freshSecondCalls: freshSecond.length,
    freshSecondSequence: signature(freshSecond),
    buildUs: b.usPerOp,
    replayUs: r.usPerOp,
    wallOwnUs: b.usPerOp - r.usPerOp,
    wallOwnShare: (b.usPerOp - r.usPerOp) / b.usPerOp,
    spread: Math.max(b.spread, r.spread),
    ...(cpu && {
      buildCpuUs: cpu.process[0],
      replayCpuUs: cpu.process[1],
      ownUs: cpu.process[0] - cpu.process[1],
      ownShare: (cpu.process[0] - cpu.process[1]) / b.usPerOp,
      ownShareRounds: cpu.ownRounds.map((us) => us / b.usPerOp),
    }),
    ...(cpu?.mainThread && {
      buildMainCpuUs: cpu.mainThread[0],
      replayMainCpuUs: cpu.mainThread[1],
      mainOwnUs: cpu.mainThread[0] - cpu.mainThread[1],
      mainOwnShare: (cpu.mainThread[0] - cpu.mainThread[1]) / b.usPerOp,
    }),
  };
}

/**
 * The CPU time of this process's main thread (where JavaScript runs) in µs, from Linux's
 * per-thread scheduler statistics (nanoseconds), or undefined where they cannot be read.
 */
function mainThreadCpuReader() {
  const file = `/proc/self/task/${process.pid}/schedstat`;
  const read = () => Number(readFileSync(file, 'utf8').split(' ')[0]) / 1000;
  try {
    return Number.isFinite(read()) ? read : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU µs per awaited call, in interleaved rounds: of the whole process (process.cpuUsage) and, on
 * Linux, of the main thread alone. Waiting for Web Crypto's thread pool costs no CPU, so
 * CPU(build) − CPU(replay) is our own work even when thread wake-up latency (which varies a lot
 * between an idle and a busy VM) dominates the wall-clock times. The process figure also counts
 * every other thread (the thread pool's wake-ups, V8's GC and compiler helpers), which can differ
 * between the build and the replay for reasons other than our code; the main-thread figure is
 * only the thread our JavaScript runs on. Returns undefined where process.cpuUsage is missing.
 */
async function cpuPerOp(fns, usEstimates, plan) {
  if (typeof process?.cpuUsage !== 'function') return undefined;
  const cpuNow = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  const mainNow = mainThreadCpuReader();
  const per = fns.map(() => []);
  const perMain = fns.map(() => []);
  for (let round = 0; round < plan.samples; round++) {
    for (let i = 0; i < fns.length; i++) {
      const n = Math.max(10, Math.round((plan.sampleMs * 1000) / usEstimates[i]));
      const m0 = mainNow?.();
      const c0 = cpuNow();
      for (let k = 0; k < n; k++) await fns[i]();
      per[i].push((cpuNow() - c0) / n);
      if (mainNow) perMain[i].push((mainNow() - m0) / n);
    }
  }
  // Per round, build minus replay of that same round: shows how far noise moves the difference.
  const ownRounds = per[0].map((v, r) => v - per[1][r]);
  return { process: per.map(median), mainThread: mainNow ? perMain.map(median) : undefined, ownRounds };
}
