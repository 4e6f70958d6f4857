/** @module core/near — "did you mean": the known option name closest to a misspelt one. */

/**
 * Edit distance between two short names: insertions, deletions, substitutions and swaps of two
 * neighbouring letters ("hots" for "host" is one edit), i.e. the optimal string alignment distance.
 */
export function editDistance(a: string, b: string): number {
  // d[i][j]: distance between the first i letters of a and the first j of b.
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name a misspelling most likely meant: the same letters in another case or a prefix
 * either way (`basepath`, `maxBodyByte`), else one within two edits (`autorize`, `chanel`; one
 * edit under five letters). Nothing for names under three letters, which are a prefix of too much.
 * @example
 * nearestName('autorize', ['appId', 'authorize']); // 'authorize'
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const k = name.toLowerCase();
  if (k.length < 3) return undefined;
  const lower = known.map((x) => x.toLowerCase());
  const at = lower.findIndex((x) => x.startsWith(k) || k.startsWith(x));
  if (at >= 0) return known[at];
  const limit = k.length < 5 ? 1 : 2;
  // Lengths further apart than the limit cannot be within it: checked first, so a huge key (an
  // options object spread from a request body) costs nothing quadratic.
  const close = lower.findIndex((x) => Math.abs(x.length - k.length) <= limit && editDistance(k, x) <= limit);
  return close >= 0 ? known[close] : undefined;
}

/**
 * An unknown option's name as an error quotes it: any run of 12 or more hex digits (a secret used
 * as a key, `{ [appCertificate]: … }`) shown as "...", then at most 40 characters. Option names
 * never hold such a run, and error messages never hold a secret.
 * @example
 * shownKey('expiresIn'); // 'expiresIn'
 */
export function shownKey(key: string): string {
  return key.replace(/[\da-f]{12,}/gi, '...').slice(0, 40);
}
