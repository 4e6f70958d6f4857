/**
 * @module scripts/lib/acceptance — what the two acceptance differentials (acceptance-differential
 * for 007, acceptance-differential-006) share: their command line, a PRNG per case, the verdict
 * wrappers and the tally they print. The token bytes come from test/helpers/token-bytes.mjs.
 */
import { mulberry32Unit } from '../../test/runtimes/prng.mjs';
import { parseOptions } from './options.mjs';

/** `--cases N --seed S --case I --examples K`, integers; `cases` defaults to `defaultCases`. */
export function parseArgs(argv, defaultCases, script = 'acceptance-differential') {
  return parseOptions(script, argv, { cases: defaultCases, seed: 1, case: undefined, examples: 3 });
}

/** The PRNG of one case: mulberry32 seeded from (seed, index), so a case replays alone. */
export function rngFor(seed, index) {
  const next = mulberry32Unit((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0);
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (list) => list[int(list.length)],
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => int(256))),
  };
}

const HEX = '0123456789abcdefABCDEF';
/** 32 random hex digits of either case. */
export const hex32 = (r) => Array.from({ length: 32 }, () => r.pick(HEX)).join('');

/** How base64 text gets spelt on its way to a reader, by name (see {@link spell}). */
const SPELLINGS = {
  'URL-safe': (b) => b.replace(/\+/g, '-').replace(/\//g, '_'),
  unpadded: (b) => b.replace(/=+$/, ''),
  base64url: (b) => b.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  'line breaks': (b) => b.replace(/(.{76})/g, '$1\n'),
  'trailing newline': (b) => `${b}\n`,
  'trailing space': (b) => `${b} `,
  'leading space': (b) => ` ${b}`,
  'trailing quote': (b) => `${b}"`,
  'junk after': (b) => `${b}AAAA`,
  'extra padding': (b) => `${b}==`,
  'one pad': (b) => b.replace(/=+$/, '') + '=',
  'inner space': (b) => b.slice(0, 10) + ' ' + b.slice(10),
  'plus as space': (b) => b.replace(/\+/g, ' '),
  'lower-cased': (b) => b.toLowerCase(),
};

/**
 * The base64 of `bytes` as is with probability `standardShare`, else in one of the spellings
 * `names` (picked uniformly, in the order given, so a seed replays the same case): { text, how }.
 */
export function spell(r, bytes, standardShare, names) {
  const b64 = bytes.toString('base64');
  if (r.next() < standardShare) return { text: b64, how: 'standard' };
  const how = r.pick(names);
  return { text: SPELLINGS[how](b64), how };
}

/** `outcome(f)` and `outcomeAsync(f)`: f's value as { ok: true, value }, or what `failure` makes of its error. */
export function outcomes(failure) {
  const outcome = (f) => {
    try {
      return { ok: true, value: f() };
    } catch (e) {
      return failure(e);
    }
  };
  const outcomeAsync = async (f) => {
    try {
      return { ok: true, value: await f() };
    } catch (e) {
      return failure(e);
    }
  };
  return { outcome, outcomeAsync };
}

/**
 * Runs cases 0..o.cases-1 (`check(index)` returns the case's `how` and the `found` lines of its
 * comparison), counts each distinct line once per case with up to `o.examples` examples, reports
 * progress on stderr, and prints the tally. Returns the count per class (the text before ':').
 */
export async function tallyCases(o, check, { title, progressEvery, summary }) {
  const tally = new Map();
  const start = Date.now();
  for (let i = 0; i < o.cases; i++) {
    const { how, found } = await check(i);
    for (const f of new Set(found)) {
      const e = tally.get(f) ?? { n: 0, examples: [] };
      e.n++;
      if (e.examples.length < o.examples) e.examples.push({ index: i, how });
      tally.set(f, e);
    }
    if ((i + 1) % progressEvery === 0) console.error(`${i + 1} cases, ${((Date.now() - start) / 1000).toFixed(0)} s`);
  }
  const perClass = {};
  for (const [f, e] of tally) perClass[f.split(':')[0]] = (perClass[f.split(':')[0]] ?? 0) + e.n;
  console.log(`${title}: ${o.cases} tokens, seed ${o.seed}, ${((Date.now() - start) / 1000).toFixed(1)} s`);
  console.log(summary());
  console.log(`disagreements per class (a token counts once per distinct line): ${JSON.stringify(perClass)}`);
  for (const [f, e] of [...tally].sort((a, b) => a[0].localeCompare(b[0]) || b[1].n - a[1].n)) {
    console.log(`${String(e.n).padStart(7)}  ${f}`);
    for (const x of e.examples) console.log(`           case ${x.index}: ${JSON.stringify(x.how)}`);
  }
  return perClass;
}
