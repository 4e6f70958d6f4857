/**
 * @module server/rate-limit — an in-memory token-bucket rate limiter per client address, for one
 * process (the CLI, a single Node server). Memory is bounded: at most `maxClients` buckets, the
 * least recently seen evicted first. Behind several instances use a shared store instead.
 */

import { AgoraTokenError } from '../errors.ts';
import { assertKnownKeys } from '../builders/common.ts';
import { ownFields } from '../core/assert.ts';
import { nowMillis } from '../core/random.ts';
import type { RateLimit, RateLimitExceeded } from './types.ts';

/**
 * Options of {@link createMemoryRateLimiter}.
 * @example
 * ```ts
 * createMemoryRateLimiter({ limit: 10, windowSeconds: 60, key: (req, ip) => req.headers.get('x-user-id') ?? ip ?? 'anon' });
 * ```
 */
export interface MemoryRateLimiterOptions {
  /** Requests each client may make per window (also the burst size). */
  limit: number;
  /** Window length in seconds. Default 60. */
  windowSeconds?: number | undefined;
  /** Most clients tracked at once. Default 10000. */
  maxClients?: number | undefined;
  /**
   * The key a request is counted under. Default: the client address, an IPv6 one by its /64 prefix
   * (see {@link rateLimitKey}); all unknown addresses share one bucket.
   */
  key?: ((request: Request, clientAddress: string | undefined) => string) | undefined;
  /**
   * Clock in milliseconds, like `Date.now` (tests). Default: the global Date, read at each request
   * so fake timers installed later are seen. Note the unit: `createTokenHandler`'s `now` returns seconds.
   */
  now?: (() => number) | undefined;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The default rate-limit key of a client address: IPv4 as is (also when IPv4-mapped, `::ffff:1.2.3.4`,
 * so both forms share a bucket), IPv6 by its /64 prefix: a single host or home commonly holds a
 * whole /64, so one bucket per address would let it step around the limit. `'unknown'` without one.
 * @example
 * ```ts
 * rateLimitKey('2001:db8:1:2::7'); // '2001:db8:1:2::/64'
 * ```
 */
export function rateLimitKey(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4) return v4[1]!;
  // Only a well-formed IPv6 address (hex groups, at most one "::", no dotted tail) is cut to its /64;
  // any other text (a custom clientAddress hook's) counts as given.
  const [head = '', tail, extra] = address.split('%', 1)[0]!.split('::');
  const groups = head === '' ? [] : head.split(':');
  const rest = tail === undefined || tail === '' ? [] : tail.split(':');
  const hex = [...groups, ...rest].every((g) => /^[0-9a-f]{1,4}$/i.test(g));
  const count = groups.length + rest.length;
  if (!address.includes(':') || extra !== undefined || !hex || (tail === undefined ? count !== 8 : count > 7)) return address;
  while (groups.length + rest.length < 8) groups.push('0');
  const prefix = [...groups, ...rest].slice(0, 4).map((g) => parseInt(g, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}

function invalid(field: string, rule: string): never {
  throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `createMemoryRateLimiter: ${field}: ${rule}`, { field });
}

function positiveInt(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  return invalid(field, 'expected a positive integer');
}

/**
 * Creates a `rateLimit` hook: each client gets `limit` requests per `windowSeconds`, refilled
 * continuously; over it, the server answers 429 with `Retry-After`.
 * @example
 * ```ts
 * import { createTokenHandler, createMemoryRateLimiter } from 'agora-token-kit/server';
 * const handler = createTokenHandler({ appId, appCertificate, authorize,
 *   rateLimit: createMemoryRateLimiter({ limit: 30, windowSeconds: 60 }) });
 * ```
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): RateLimit {
  if (typeof options !== 'object' || options === null) invalid('options', 'expected an object such as { limit: 30, windowSeconds: 60 }');
  options = ownFields(options);
  assertKnownKeys(options, ['limit', 'windowSeconds', 'maxClients', 'key', 'now'], 'options', 'createMemoryRateLimiter: ');
  // Checked now: a wrong one would otherwise fail every request with a 500.
  if (options.key !== undefined && typeof options.key !== 'function') invalid('key', 'expected a function (request, clientAddress) => string');
  if (options.now !== undefined && typeof options.now !== 'function') invalid('now', 'expected a function returning milliseconds');
  const limit = positiveInt(options.limit, 'limit');
  const windowMs = positiveInt(options.windowSeconds ?? 60, 'windowSeconds') * 1000;
  const maxClients = positiveInt(options.maxClients ?? 10_000, 'maxClients');
  const now = options.now ?? nowMillis;
  const key = options.key ?? ((_request, address) => rateLimitKey(address));
  const perMs = limit / windowMs;
  const buckets = new Map<string, Bucket>();

  return (request, info): RateLimitExceeded | undefined => {
    const k = key(request, info.clientAddress);
    const t = now();
    const bucket = buckets.get(k);
    let tokens = limit;
    if (bucket) {
      // A clock that stepped back (NTP, a test's fake clock) refills nothing rather than draining the
      // bucket for as long as the step. A clock that keeps stepping back and forth refills on each
      // forward step; only the server's own clock can do that, never a client.
      tokens = Math.min(limit, bucket.tokens + Math.max(0, t - bucket.at) * perMs);
      buckets.delete(k); // re-insert below: Map order doubles as least-recently-seen order
    } else if (buckets.size >= maxClients) {
      buckets.delete(buckets.keys().next().value!);
    }
    // The tolerance absorbs float rounding: a client back after exactly Retry-After seconds could
    // otherwise find 0.9999999 of a token and be refused again.
    if (tokens < 1 - 1e-9) {
      buckets.set(k, { tokens, at: t });
      // The wait to 1 - 5e-10 tokens (inside the tolerance): to a full 1, a balance a rounding error
      // below 0 (left by an admission inside the tolerance) made ceil() announce a second too many.
      return { retryAfterSeconds: Math.max(1, Math.ceil((1 - 5e-10 - tokens) / perMs / 1000)) };
    }
    buckets.set(k, { tokens: tokens - 1, at: t });
    return undefined;
  };
}
