/**
 * @module core/random — salt and clock. The salt comes from a CSPRNG (the official code uses
 * Math.random); the clock is the global Date as it is at each call, so test doubles of it are
 * seen. Also the line between absolute Unix times and durations, and Unix seconds as ISO text.
 */

import { AgoraTokenError } from '../errors.ts';

/**
 * Values at or above this (2001-09-09) read as absolute Unix times; below, as durations. Shared by
 * diagnose and the builders' unit checks, so both draw the 006/007 line in the same place.
 */
export const TIMESTAMP_THRESHOLD = 1_000_000_000;

/**
 * ISO 8601 text of Unix seconds. The global Date is looked up at each call, like the clock: one
 * kept from import would keep a test's mock for good when the mock was in place first (a setup
 * file); while a mock of the constructor is active (Jest's `spyOn(global, 'Date')`), times print
 * as that mock's fixed date.
 */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Current Unix time in milliseconds from the global Date as it is now, so a faked clock is seen:
 * `Date.now()` (fake timers, spies on Date.now), or `new Date()` where a test replaced the
 * constructor and left no `now`, as Jest's `spyOn(global, 'Date')` does. The official packages
 * read `new Date()`, so tests mocking it that way work with them and must work here.
 */
export function nowMillis(): number {
  return Date.now?.() ?? +new Date();
}

/** Current Unix time in whole seconds (see {@link nowMillis}). */
export function unixSeconds(): number {
  return Math.floor(nowMillis() / 1000);
}

// One getRandomValues call per 1024 salts: in Node 20 each call costs ~2.3 µs of fixed overhead
// whatever its size (64 salts per call: ~35 ns a salt; 1024: ~3 ns). Salts are public (they travel
// in the token), so holding some ahead of use leaks nothing; each is zeroed once handed out.
/** How many salts one CSPRNG call draws. */
export const SALT_POOL_SIZE = 1024;
const pool = /* @__PURE__ */ new Uint32Array(SALT_POOL_SIZE);
let next = SALT_POOL_SIZE; // a constant, not pool.length: V8 types a typed array length as a double

/** Drops the salts drawn ahead, so the next salt comes from a fresh getRandomValues call (tests). */
export function resetSaltPool(): void {
  pool.fill(0);
  next = SALT_POOL_SIZE;
}

/** A uniformly random salt in 1..99999999, the range the official builders use. */
export function randomSalt(): number {
  const c = globalThis.crypto;
  if (!c || typeof c.getRandomValues !== 'function') {
    throw new AgoraTokenError('ERR_NOT_SUPPORTED', 'crypto.getRandomValues is missing: polyfill it, or pass a salt');
  }
  // Rejection sampling keeps the distribution uniform: 42 * 99999999 < 2^32.
  const limit = 42 * 99_999_999;
  for (;;) {
    if (next === SALT_POOL_SIZE) {
      c.getRandomValues(pool);
      next = 0;
    }
    const v = pool[next]!;
    pool[next++] = 0;
    if (v < limit) return (v % 99_999_999) + 1;
  }
}
