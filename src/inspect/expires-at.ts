/**
 * @module inspect/expires-at — `tokenExpiresAt`: when a client should have renewed, for
 * scheduling `renewToken` in the browser before the SDK's 30-second warning.
 */

import { inspectToken } from './inspect.ts';

/**
 * The moment the token, or any of its privileges, stops working: the earliest of the token
 * expiry, the documented 24-hour maximum and every non-zero privilege expiry (a Date). Needs no
 * secret, so a client can call it on the token it received. Throws an AgoraTokenError for a
 * malformed token.
 *
 * @example
 * ```ts
 * import { tokenExpiresAt } from 'agora-token-kit';
 * const renewIn = tokenExpiresAt(token).getTime() - Date.now() - 60_000; // a minute early
 * setTimeout(async () => client.renewToken(await fetchToken()), Math.max(0, renewIn));
 * ```
 */
export function tokenExpiresAt(token: string): Date {
  // `now` only feeds fields this function does not read; pass 0 to skip the clock.
  return new Date(inspectToken(token, { now: 0 }).effectiveExpiresAt * 1000);
}
