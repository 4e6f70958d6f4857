/**
 * @module scripts/fuzz-deflate — differential fuzzer: src/core/deflate against canonical zlib level 6.
 *
 *   npx tsx scripts/fuzz-deflate.ts --cases 200000 --seed 1 [--max-size 32768] [--workers 2]
 *
 * The reference is pako 3 with `legacyHash: true`, which reproduces zlib 1.2.13 `compress()`
 * byte for byte. Inputs of every size from 0 up to CANONICAL_MAX_INPUT (32 KiB), skewed toward
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

import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { unzlibSync } from 'fflate';
import { deflate as pakoDeflate } from 'pako';
import { CANONICAL_MAX_INPUT, deflateZlib } from '../src/core/deflate/index.ts';

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
/** Set in the child processes: which residue class of case indices this process runs. */
const PART = arg('part', -1);

/** mulberry32: small, fast, seedable; returns uint32. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
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

interface Stats {
  cases: number;
  mismatches: number;
  roundTrips: number;
  bytes: number;
  largest: number;
  msOurs: number;
  msPako: number;
  perShape: Record<string, number>;
  perBand: number[];
  failures: string[];
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
    perShape: Object.fromEntries(names.map((n) => [n, 0])),
    perBand: new Array<number>(BANDS.length).fill(0),
    failures: [],
  };
  const started = performance.now();
  let lastReport = started;
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
    const want = pakoDeflate(data, { level: 6, legacyHash: true });
    st.msPako += performance.now() - t1;
    st.msOurs += t1 - t0;
    if (!sameBytes(got, want)) {
      st.mismatches++;
      let at = 0;
      while (at < got.length && got[at] === want[at]) at++;
      if (st.failures.length < 20) {
        st.failures.push(`case ${index} (seed ${SEED}): shape ${shape}, ${size} bytes: got ${got.length}, want ${want.length}, first difference at ${at}`);
      }
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
  console.log(`  fflate round trips: ${sum((s) => s.roundTrips)}`);
  console.log(`  mismatches: ${mismatches}`);
  for (const s of all) for (const f of s.failures) console.log(`  FAIL ${f}`);
  console.log(
    `  elapsed: ${seconds.toFixed(1)} s (CPU in deflateZlib ${(sum((s) => s.msOurs) / 1000).toFixed(1)} s, ` +
      `in pako ${(sum((s) => s.msPako) / 1000).toFixed(1)} s)`,
  );
  return mismatches === 0 ? 0 : 1;
}

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
  const shared = ['--cases', String(CASES), '--seed', String(SEED), '--max-size', String(MAX_SIZE), '--workers', String(WORKERS)];
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
