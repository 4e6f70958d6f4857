/**
 * @module inspect/expires-at — `tokenExpiresAt`: when a client should have renewed, for
 * scheduling `renewToken` in the browser before the SDK's 30-second warning. Computed straight
 * from the decoded token (same rule as inspectToken's `effectiveExpiresAt`) so a client bundle
 * that needs only this stays small.
 */

import { decodeToken } from '../token/decode.ts';
import type { DecodedPrivilege } from '../token/decoded.ts';
import { MAX_LIFETIME_SECONDS } from './time.ts';

/**
 * The moment the token, or any of its privileges, stops working: the earliest of the token
 * expiry, the documented 24-hour maximum after issue and every non-zero privilege expiry (a
 * Date). A 006 token stores no issue time, only `ts` (its own expiry, which the builders set 24
 * hours ahead), so for 006 the 24-hour maximum is not applied: a `ts` or privilege set further
 * ahead gives a later time than Agora may honour (diagnoseToken reports LIFETIME_OVER_24H).
 * Needs no secret, so a client can call it on the token it received. Throws an AgoraTokenError
 * for a malformed token.
 *
 * @example
 * ```ts
 * import { tokenExpiresAt } from 'agora-token-kit';
 * const renewIn = tokenExpiresAt(token).getTime() - Date.now() - 60_000; // a minute early
 * setTimeout(async () => client.renewToken(await fetchToken()), Math.max(0, renewIn));
 * ```
 */
export function tokenExpiresAt(token: string): Date {
  const d = decodeToken(token);
  let at: number;
  let privileges: DecodedPrivilege[];
  let base = 0;
  if (d.version === '007') {
    at = d.issueTs + Math.min(d.expire, MAX_LIFETIME_SECONDS);
    base = d.issueTs;
    privileges = d.services.flatMap((s) => (s.name === 'unknown' ? [] : s.privileges));
  } else {
    at = d.ts;
    privileges = d.privileges;
  }
  // Value 0 has no defined expiry (007) or means the 24-hour default (006): it sets no limit.
  for (const p of privileges) if (p.expire !== 0) at = Math.min(at, base + p.expire);
  return new Date(at * 1000);
}
