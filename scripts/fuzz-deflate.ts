/**
 * @module scripts/fuzz-deflate — differential fuzzer: src/core/deflate against canonical zlib level 6.
 *
 *   npx tsx scripts/fuzz-deflate.ts --cases 200000 --seed 1 [--max-size 32768] [--workers 2] [--oracle pako|python|both]
 *
 * The reference is pako 3 with `legacyHash: true`, which reproduces zlib 1.2.13 `compress()`
 * byte for byte. `--oracle python` checks against canonical zlib itself instead: Python 3's
 * `zlib.compress(data, 6)` (a `python3` on PATH; the report names the zlib version it links),
 * fed in batches through one `python3` process per batch; `both` checks against both. Inputs of every size from 0 up to CANONICAL_MAX_INPUT (32 KiB), skewed toward
 * token payloads (half of all cases are 100-600 bytes, about 40% are token-shaped), in many
 * shapes: random, single-byte runs, small alphabets, skewed bytes, repeated units with sparse
 * mutations, byte runs, text, Agora token payloads (also with repeated services), far
 * back-references around MAX_DIST and TOO_FAR, counters, and mixtures of those. Sizes also
 * cluster around the boundaries that matter: the 16383-symbol block flush, MAX_DIST and the
 * bound itself. Every 100th output is also round-tripped through fflate. Each case is derived
 * from (seed, index), so any failure can be replayed (--only INDEX). Cases are split over
 * --workers child processes (default: 2, or fewer cores). Prints counts per shape and size band,
 * mismatches, seed and time; exits 1 on any mismatch.
 */

import { fork, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { unzlibSync } from 'fflate';
import { deflate as pakoDeflate } from 'pako';
import { CANONICAL_MAX_INPUT, deflateZlib } from '../src/core/deflate/index.ts';
import { mulberry32 as prng } from './lib/prng.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} needs a non-negative integer`);
  return v;
}

const CASES = arg('cases', 200_000);
const SEED = arg('seed', 1);
const MAX_SIZE = Math.min(arg('max-size', CANONICAL_MAX_INPUT), CANONICAL_MAX_INPUT);
const WORKERS = Math.max(1, arg('workers', Math.min(2, availableParallelism())));
const ONLY = arg('only', -1);
const ORACLE = (() => {
  const i = process.argv.indexOf('--oracle');
  const v = i < 0 ? 'pako' : process.argv[i + 1];
  if (v !== 'pako' && v !== 'python' && v !== 'both') throw new Error('--oracle takes pako, python or both');
  return v;
})();
const USE_PAKO = ORACLE !== 'python';
const USE_PYTHON = ORACLE !== 'pako';
/** Set in the child processes: which residue class of case indices this process runs. */
const PART = arg('part', -1);

type Rng = () => number;
const below = (rnd: Rng, n: number): number => (rnd() % n) >>> 0;
const between = (rnd: Rng, lo: number, hi: number): number => lo + below(rnd, hi - lo + 1);

// ---------------------------------------------------------------- sizes

/** Sizes where behaviour changes: lookahead < MIN_MATCH, MAX_MATCH, symbol-buffer flush, MAX_DIST, the bound (and powers of two). */
const EDGES = [
  0, 1, 2, 3, 4, 127, 128, 257, 258, 259, 261, 262, 263, 4096, 8_191, 8_192, 16_383, 16_384, 32_505, 32_506, 32_507, 32_767,
  32_768,
];

/**
 * Size bands, as [weight %, lo, hi]; lo -1 means "an edge size +-3". Most cases are token-sized; the
 * weights keep the total volume (and so the run time) bounded while every size up to the bound can occur.
 */
const BANDS: [number, number, number][] = [
  [10, 0, 100],
  [50, 100, 600],
  [20, 600, 3_000],
  [14, 3_000, 16_384],
  [5, 16_384, MAX_SIZE],
  [0.8, -1, -1],
  [0.2, MAX_SIZE - 3, MAX_SIZE],
];
const BAND_TOTAL = BANDS.reduce((s, b) => s + b[0], 0);

function pickSize(rnd: Rng): [number, number] {
  let r = (rnd() / 2 ** 32) * BAND_TOTAL;
  for (let band = 0; band < BANDS.length; band++) {
    const [w, lo, hi] = BANDS[band]!;
    if ((r -= w) >= 0) continue;
    if (lo < 0) return [band, Math.max(0, Math.min(MAX_SIZE, EDGES[below(rnd, EDGES.length)]! + between(rnd, -3, 3)))];
    return [band, between(rnd, Math.min(lo, MAX_SIZE), Math.min(hi, MAX_SIZE))];
  }
  return [0, 0];
}

// ---------------------------------------------------------------- shapes

const WORDS = 'the of and to in is that for it as with was on be by this are from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people mr how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(
  ' ',
);
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';

type Fill = (out: Uint8Array, rnd: Rng) => void;

function fillRandom(out: Uint8Array, rnd: Rng): void {
  let i = 0;
  for (; i + 4 <= out.length; i += 4) {
    const v = rnd();
    out[i] = v;
    out[i + 1] = v >>> 8;
    out[i + 2] = v >>> 16;
    out[i + 3] = v >>> 24;
  }
  for (; i < out.length; i++) out[i] = rnd();
}

/** Agora AccessToken2 payload: signature, app id, ts/expire/salt, services; optionally repetitive. */
function fillToken(out: Uint8Array, rnd: Rng, repetitive: boolean): void {
  let p = 0;
  const byte = (v: number) => {
    if (p < out.length) out[p++] = v;
  };
  const u16 = (v: number) => (byte(v & 0xff), byte((v >>> 8) & 0xff));
  const u32 = (v: number) => (u16(v & 0xffff), u16(v >>> 16));
  const str = (s: string) => {
    u16(s.length);
    for (let i = 0; i < s.length; i++) byte(s.charCodeAt(i));
  };
  const pick = (alphabet: string, n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[below(rnd, alphabet.length)];
    return s;
  };
  u16(32);
  for (let i = 0; i < 32; i++) byte(rnd());
  str(pick('0123456789abcdef', 32));
  const issued = 1_600_000_000 + below(rnd, 200_000_000);
  u32(issued);
  u32(between(rnd, 1, 86_400));
  u32(rnd());
  u16(between(rnd, 1, 10));
  const channel = pick(ALNUM, between(rnd, 1, 64));
  const uid = below(rnd, 4) === 0 ? '' : String(rnd());
  while (p < out.length) {
    u16(between(rnd, 1, 10));
    const privileges = between(rnd, 1, 4);
    u16(privileges);
    for (let k = 1; k <= privileges; k++) {
      u16(repetitive ? k : between(rnd, 1, 4));
      u32(repetitive ? issued + 3600 : issued + below(rnd, 90_000));
    }
    str(repetitive ? channel : pick(ALNUM, between(rnd, 1, 64)));
    str(repetitive || below(rnd, 2) === 0 ? uid : String(rnd()));
  }
}

const SHAPES: Record<string, Fill> = {
  random: fillRandom,
  same: (out, rnd) => out.fill(rnd()),
  alphabet: (out, rnd) => {
    const k = between(rnd, 2, 40);
    const base = below(rnd, 256 - k);
    for (let i = 0; i < out.length; i++) out[i] = base + below(rnd, k);
  },
  skewed: (out, rnd) => {
    // Geometric byte values: a few very frequent symbols and a long tail (deep Huffman trees).
    const q = 1 + below(rnd, 6);
    for (let i = 0; i < out.length; i++) out[i] = Math.min(255, Math.clz32(rnd() | 1) * q);
  },
  repeat: (out, rnd) => {
    const unit = between(rnd, 1, below(rnd, 4) === 0 ? 4000 : 300);
    const mutate = below(rnd, 3) === 0 ? 0 : between(rnd, 1, 2000);
    fillRandom(out.subarray(0, unit), rnd);
    for (let i = unit; i < out.length; i++) out[i] = mutate !== 0 && below(rnd, 100_000) < mutate ? rnd() : out[i - unit]!;
  },
  runs: (out, rnd) => {
    for (let i = 0; i < out.length; ) {
      const v = rnd() & (below(rnd, 2) === 0 ? 3 : 255);
      const end = Math.min(out.length, i + between(rnd, 1, below(rnd, 4) === 0 ? 600 : 12));
      out.fill(v, i, end);
      i = end;
    }
  },
  text: (out, rnd) => {
    let i = 0;
    while (i < out.length) {
      const w = WORDS[below(rnd, WORDS.length)]!;
      for (let k = 0; k < w.length && i < out.length; k++) out[i++] = w.charCodeAt(k);
      if (i < out.length) out[i++] = below(rnd, 12) === 0 ? 10 : 32;
    }
  },
  token: (out, rnd) => fillToken(out, rnd, false),
  tokenRepeat: (out, rnd) => fillToken(out, rnd, true),
  far: (out, rnd) => {
    // Random data with copies from around MAX_DIST (32506) back, and from around TOO_FAR (4096).
    fillRandom(out, rnd);
    for (let i = 0; i < out.length >>> 7; i++) {
      const len = between(rnd, 3, 300);
      const dist = below(rnd, 2) === 0 ? between(rnd, 32_400, 32_600) : between(rnd, 4_000, 4_200);
      const at = between(rnd, 0, Math.max(0, out.length - len));
      if (at >= dist) out.copyWithin(at, at - dist, at - dist + len);
    }
  },
  near: (out, rnd) => {
    // Low-entropy data with many short copies: long hash chains and lazy-match ties.
    const k = between(rnd, 2, 8);
    for (let i = 0; i < out.length; i++) out[i] = i > 8 && below(rnd, 3) !== 0 ? out[i - between(rnd, 1, 8)]! : below(rnd, k);
  },
  counter: (out, rnd) => {
    let v = rnd();
    const step = between(rnd, 1, 1000);
    for (let i = 0; i + 4 <= out.length; i += 4) {
      out[i] = v;
      out[i + 1] = v >>> 8;
      out[i + 2] = v >>> 16;
      out[i + 3] = v >>> 24;
      v = (v + step) >>> 0;
    }
  },
};
const SHAPE_NAMES = Object.keys(SHAPES);

function fillMix(out: Uint8Array, rnd: Rng): void {
  for (let i = 0; i < out.length; ) {
    const end = Math.min(out.length, i + between(rnd, 1, Math.max(1, out.length >>> between(rnd, 0, 4))));
    SHAPES[SHAPE_NAMES[below(rnd, SHAPE_NAMES.length)]!]!(out.subarray(i, end), rnd);
    i = end;
  }
}

// ---------------------------------------------------------------- run

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const names = [...SHAPE_NAMES, 'mix'];
/** Shape draws: token shapes weighted up so about 40% of all cases are token-shaped. */
const DRAWS = [...names, 'token', 'token', 'token', 'tokenRepeat', 'tokenRepeat'];

/** Counts a mismatch (and describes the first 20) when `got` differs from the oracle's `want`. */
function compare(st: Stats, got: Uint8Array, want: Uint8Array, label: string): void {
  if (sameBytes(got, want)) return;
  st.mismatches++;
  let at = 0;
  while (at < got.length && got[at] === want[at]) at++;
  if (st.failures.length < 20) st.failures.push(`${label}: got ${got.length}, want ${want.length}, first difference at ${at}`);
}

interface Stats {
  cases: number;
  mismatches: number;
  roundTrips: number;
  bytes: number;
  largest: number;
  msOurs: number;
  msPako: number;
  msPython: number;
  pythonChecked: number;
  perShape: Record<string, number>;
  perBand: number[];
  failures: string[];
}

// Canonical zlib through Python: one `python3` per batch reads length-prefixed inputs on stdin and
// writes length-prefixed `zlib.compress(data, 6)` outputs (wbits 15, memLevel 8, default
// strategy: the same stream as zlib's compress2 at level 6).
const PYTHON_COMPRESS = [
  'import sys, zlib, struct',
  'd = sys.stdin.buffer.read(); out = []; i = 0',
  'while i < len(d):',
  '    n = struct.unpack_from("<I", d, i)[0]; i += 4',
  '    c = zlib.compress(d[i:i + n], 6); i += n',
  '    out.append(struct.pack("<I", len(c))); out.append(c)',
  'sys.stdout.buffer.write(b"".join(out))',
].join('\n');

/** The zlib version Python's zlib module runs with (ZLIB_RUNTIME_VERSION). */
function pythonZlibVersion(): string {
  const r = spawnSync('python3', ['-c', 'import zlib; print(zlib.ZLIB_RUNTIME_VERSION)'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`--oracle ${ORACLE}: python3 did not run (${r.error?.message ?? r.stderr.trim()})`);
  return r.stdout.trim();
}

/** Compresses every input with Python's zlib in one process. */
function pythonCompress(inputs: Uint8Array[]): Uint8Array[] {
  const total = inputs.reduce((t, d) => t + 4 + d.length, 0);
  const buf = new Uint8Array(total);
  const view = new DataView(buf.buffer);
  let at = 0;
  for (const d of inputs) {
    view.setUint32(at, d.length, true);
    buf.set(d, at + 4);
    at += 4 + d.length;
  }
  const r = spawnSync('python3', ['-c', PYTHON_COMPRESS], { input: buf, maxBuffer: 2 * total + 1024 * inputs.length + 1024 });
  if (r.status !== 0) throw new Error(`python3 zlib.compress failed: ${r.error?.message ?? String(r.stderr)}`);
  const out: Uint8Array[] = [];
  const o = new Uint8Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.length);
  const ov = new DataView(o.buffer, o.byteOffset, o.length);
  for (let i = 0; i < o.length; ) {
    const n = ov.getUint32(i, true);
    out.push(o.subarray(i + 4, i + 4 + n));
    i += 4 + n;
  }
  if (out.length !== inputs.length) throw new Error(`python3 returned ${out.length} outputs for ${inputs.length} inputs`);
  return out;
}

/** Run the case indices congruent to `part` modulo `parts` (or just ONLY). */
function runPart(part: number, parts: number): Stats {
  const st: Stats = {
    cases: 0,
    mismatches: 0,
    roundTrips: 0,
    bytes: 0,
    largest: 0,
    msOurs: 0,
    msPako: 0,
    msPython: 0,
    pythonChecked: 0,
    perShape: Object.fromEntries(names.map((n) => [n, 0])),
    perBand: new Array<number>(BANDS.length).fill(0),
    failures: [],
  };
  const started = performance.now();
  let lastReport = started;
  let batch: { data: Uint8Array; got: Uint8Array; label: string }[] = [];
  let batchBytes = 0;
  const flushPython = () => {
    if (batch.length === 0) return;
    const t = performance.now();
    const wants = pythonCompress(batch.map((b) => b.data));
    st.msPython += performance.now() - t;
    batch.forEach((b, i) => compare(st, b.got, wants[i]!, `${b.label} (python)`));
    st.pythonChecked += batch.length;
    batch = [];
    batchBytes = 0;
  };
  const first = ONLY >= 0 ? ONLY : part;
  const end = ONLY >= 0 ? ONLY + 1 : CASES;
  for (let index = first; index < end; index += parts) {
    const rnd = prng(Math.imul(SEED, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
    const [band, size] = pickSize(rnd);
    const shape = DRAWS[below(rnd, DRAWS.length)]!;
    const data = new Uint8Array(size);
    if (shape === 'mix') fillMix(data, rnd);
    else SHAPES[shape]!(data, rnd);

    const t0 = performance.now();
    const got = deflateZlib(data);
    const t1 = performance.now();
    st.msOurs += t1 - t0;
    const label = `case ${index} (seed ${SEED}): shape ${shape}, ${size} bytes`;
    if (USE_PAKO) {
      const want = pakoDeflate(data, { level: 6, legacyHash: true });
      st.msPako += performance.now() - t1;
      compare(st, got, want, `${label} (pako)`);
    }
    if (USE_PYTHON) {
      // deflateZlib's small results share a slab that later calls do not touch, but copy anyway.
      batch.push({ data, got: got.slice(), label });
      batchBytes += size;
      if (batchBytes > 8 << 20 || batch.length >= 4000) flushPython();
    }
    if (index % 100 === 0) {
      st.roundTrips++;
      if (!sameBytes(unzlibSync(got), data)) {
        st.mismatches++;
        st.failures.push(`case ${index} (seed ${SEED}): shape ${shape}, ${size} bytes: round trip failed`);
      }
    }
    st.cases++;
    st.perShape[shape]!++;
    st.perBand[band]!++;
    st.bytes += size;
    if (size > st.largest) st.largest = size;

    const now = performance.now();
    if (now - lastReport > 20_000) {
      lastReport = now;
      console.log(`  [${part}] ${st.cases} cases, ${st.mismatches} mismatches, ${((now - started) / 1000).toFixed(0)} s`);
    }
  }
  flushPython();
  return st;
}

function report(all: Stats[], seconds: number): number {
  const sum = (f: (s: Stats) => number) => all.reduce((t, s) => t + f(s), 0);
  const mismatches = sum((s) => s.mismatches);
  const largest = Math.max(...all.map((s) => s.largest));
  console.log(
    `fuzz-deflate: ${sum((s) => s.cases)} cases, seed ${SEED}, sizes 0..${MAX_SIZE} (largest ${largest}), ` +
      `${(sum((s) => s.bytes) / 2 ** 20).toFixed(1)} MiB in total, ${all.length} process(es)`,
  );
  console.log(`  shapes: ${names.map((n) => `${n} ${sum((s) => s.perShape[n]!)}`).join(', ')}`);
  const bandName = ([, lo, hi]: [number, number, number]) => (lo < 0 ? 'edges±3' : `${lo}..${Math.min(hi, MAX_SIZE)}`);
  console.log(`  size bands: ${BANDS.map((b, i) => `${bandName(b)} ${sum((s) => s.perBand[i]!)}`).join(', ')}`);
  const oracles = [USE_PAKO ? 'pako 3 { legacyHash: true }' : '', USE_PYTHON ? `Python zlib ${pythonZlibVersion()} (${sum((s) => s.pythonChecked)} cases)` : ''];
  console.log(`  oracle(s): ${oracles.filter(Boolean).join(' and ')}`);
  console.log(`  fflate round trips: ${sum((s) => s.roundTrips)}`);
  console.log(`  mismatches: ${mismatches}`);
  for (const s of all) for (const f of s.failures) console.log(`  FAIL ${f}`);
  console.log(
    `  elapsed: ${seconds.toFixed(1)} s (CPU in deflateZlib ${(sum((s) => s.msOurs) / 1000).toFixed(1)} s, ` +
      `in pako ${(sum((s) => s.msPako) / 1000).toFixed(1)} s, in Python incl. process start ${(sum((s) => s.msPython) / 1000).toFixed(1)} s)`,
  );
  return mismatches === 0 ? 0 : 1;
}

if (USE_PYTHON && PART < 0) pythonZlibVersion(); // fail before any work when python3 is missing

if (PART >= 0) {
  // Child process: run one share and hand the counts back.
  const st = runPart(PART, WORKERS);
  process.send!(st, () => process.exit(0));
} else if (WORKERS === 1 || ONLY >= 0) {
  const started = performance.now();
  const st = runPart(0, 1);
  process.exit(report([st], (performance.now() - started) / 1000));
} else {
  const started = performance.now();
  const script = fileURLToPath(import.meta.url);
  const shared = ['--cases', String(CASES), '--seed', String(SEED), '--max-size', String(MAX_SIZE), '--workers', String(WORKERS), '--oracle', ORACLE];
  const results = await Promise.all(
    Array.from(
      { length: WORKERS },
      (_, part) =>
        new Promise<Stats>((resolve, reject) => {
          let result: Stats | undefined;
          const child = fork(script, [...shared, '--part', String(part)]);
          child.on('message', (m) => (result = m as Stats));
          child.on('error', reject);
          child.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`worker ${part} exited with ${code}`))));
        }),
    ),
  );
  process.exit(report(results, (performance.now() - started) / 1000));
}
