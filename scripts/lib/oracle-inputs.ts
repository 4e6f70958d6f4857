/**
 * @module scripts/lib/oracle-inputs — seeded random builder inputs for the official-implementation
 * oracles (python-oracle.ts, java-oracle.ts): App IDs, channel names over the whole allowed
 * alphabet, uids over 0..2^32-1, Unicode accounts up to a byte limit, lifetimes over 0..2^32-1.
 */

/** mulberry32: small, seedable; returns uint32. */
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

const HEX = '0123456789abcdef';
/** Every character a channel name may contain (SPEC; core/assert.ts assertChannel). */
export const CHANNEL_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&()+-:;<=.>?@[]^_{}|~,';
const UNICODE = ['é', 'ß', '中', '文', '😀', 'ж', ' ', '"', '\\', '\u0000'];
const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** Input generators drawing from one PRNG seeded with `seed`. */
export function oracleInputs(seed: number) {
  const rnd = prng(seed);
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
