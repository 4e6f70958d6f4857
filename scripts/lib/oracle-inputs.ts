/**
 * @module scripts/lib/oracle-inputs — what the official-implementation oracles (python-oracle.ts,
 * parser-oracle.ts, parser-oracle-006.ts) share: their command-line options, and seeded random builder inputs: App IDs,
 * channel names over the whole allowed alphabet, uids over 0..2^32-1, Unicode accounts up to a byte
 * limit, lifetimes over 0..2^32-1.
 */

import { mulberry32 } from './prng.ts';

const HEX = '0123456789abcdef';
/** Every character a channel name may contain (SPEC; core/assert.ts assertChannel). */
export const CHANNEL_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&()+-:;<=.>?@[]^_{}|~,';
const UNICODE = ['é', 'ß', '中', '文', '😀', 'ж', ' ', '"', '\\', '\u0000'];
const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/**
 * What keeps an oracle from running at all (no `--tools`, an unknown `--lang`, a missing toolchain or
 * source file, a driver that does not compile): printed as one line with exit code 2, without the
 * stack trace that would bury it. Any other error still prints its stack.
 */
export class SetupError extends Error {}
process.on('uncaughtException', (error) => {
  console.error(error instanceof SetupError ? `${process.argv[1]?.split('/').pop()}: ${error.message}` : error);
  process.exit(error instanceof SetupError ? 2 : 1);
});

/** The value after `--name` on the command line, if given. */
export function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

/** The options every oracle takes: `--tools` (required), `--cases` and `--seed`. */
export function oracleOptions(defaultCases: number): { tools: string; cases: number; seed: number } {
  const tools = option('tools');
  if (!tools) throw new SetupError('--tools <path to a checkout of github.com/AgoraIO/Tools> is required');
  return { tools, cases: Number(option('cases') ?? defaultCases), seed: Number(option('seed') ?? 1) };
}

/**
 * `--lang`: a comma-separated list out of `all` (default: every one of them); `aliases` names
 * preset lists. An unknown language is an error naming the choices.
 */
export function languagesOption<L extends string>(all: readonly L[], aliases: Record<string, readonly L[]> = {}): L[] {
  const given = option('lang') ?? 'all';
  const langs = (given === 'all' ? [...all] : aliases[given] ? [...aliases[given]!] : given.split(',')) as L[];
  const names = [...all, 'all', ...Object.keys(aliases)].join(', ');
  for (const lang of langs) if (!all.includes(lang)) throw new SetupError(`--lang takes a comma-separated list of ${names}: got ${lang}`);
  return langs;
}

/** Input generators drawing from one PRNG seeded with `seed`. */
export function oracleInputs(seed: number) {
  const rnd = mulberry32(seed);
  const below = (n: number) => rnd() % n;
  const pick = <T>(xs: readonly T[]): T => xs[below(xs.length)]!;
  return {
    rnd,
    below,
    pick,
    /** 32 lowercase hex characters (an App ID or certificate). */
    hex32: () => Array.from({ length: 32 }, () => HEX[below(16)]).join(''),
    /** 1-63 characters of the channel alphabet. */
    channel: () => Array.from({ length: 1 + below(63) }, () => CHANNEL_ALPHABET[below(CHANNEL_ALPHABET.length)]).join(''),
    /** An account of at most `max` UTF-8 bytes: sometimes empty, sometimes Unicode, sometimes long. */
    account(max = 255): string {
      const kind = below(6);
      if (kind === 0) return '';
      const len = kind === 1 ? 1 + below(max) : 1 + below(24);
      let s = '';
      while (utf8Length(s) < len) s += below(4) === 0 ? pick(UNICODE) : CHANNEL_ALPHABET[below(CHANNEL_ALPHABET.length)];
      while (utf8Length(s) > max) s = [...s].slice(0, -1).join('');
      return s;
    },
    uid: () => pick([0, 1, 2 ** 32 - 1, below(1000), rnd()]),
    seconds: () => pick([0, 1, 3600, 86_400, below(100_000), rnd()]),
    role: () => pick([1, 2]),
  };
}
