/**
 * @module inspect/time — the reference clock of inspect/diagnose and the thresholds they use
 * (SPEC 2.8, 3.6, 6): Unix seconds in, ISO text and short human durations out.
 */

import { unixSeconds } from '../core/random.ts';
import { AgoraTokenError } from '../errors.ts';

/** The documented maximum token lifetime: 24 hours. */
export const MAX_LIFETIME_SECONDS = 86_400;
/** SDKs fire `onTokenPrivilegeWillExpire` / `token-privilege-will-expire` this long before expiry. */
export const SDK_WARNING_SECONDS = 30;
/** "Expires soon" threshold of diagnose. */
export const SOON_SECONDS = 300;
/** Clock difference tolerated before an issue time counts as "in the future". */
export const CLOCK_SKEW_SECONDS = 60;
export { isoTime, TIMESTAMP_THRESHOLD } from '../core/random.ts';

/**
 * Whether a token outlives Agora's 24-hour maximum: a 007 token by its lifetime after issue; a 006
 * token, which has no issue time, by how long it stays valid from now, beyond the clock skew.
 * diagnose's LIFETIME_OVER_24H and the CLI's build warning both ask this.
 */
export function overMaximumLifetime(info: { lifetimeSeconds: number | null; secondsLeft: number }): boolean {
  return info.lifetimeSeconds !== null ? info.lifetimeSeconds > MAX_LIFETIME_SECONDS : info.secondsLeft > MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS;
}
// 10^11 seconds is year 5138: a larger "now" is almost surely milliseconds.
const MILLISECONDS_HINT = 100_000_000_000;

/** A reference time: Unix seconds (a number) or a Date. */
export type NowInput = number | Date;

/** Resolves `now` (default: the system clock) to whole Unix seconds, with a typed error naming `field`. */
export function resolveNow(now: unknown, field = 'now'): number {
  if (now === undefined) return unixSeconds();
  // Tested by its tag and read with the getTime of its prototype chain, never the global Date:
  // that reads a Date from another realm (Jest and vm contexts, iframes), a subclass that pins a
  // clock, and a real Date while a test has replaced the global constructor; an object that only
  // claims the tag (with at most an own getTime) has none and is refused below.
  if (Object.prototype.toString.call(now) === '[object Date]') {
    let ms = NaN;
    try {
      ms = (Object.getPrototypeOf(now) as Date).getTime.call(now);
    } catch {
      // an object that only claims to be a Date (Symbol.toStringTag): reported as an invalid Date
    }
    // A time before 1970 is refused as a number (below) and as a Date, not read as negative seconds.
    if (ms >= 0) return Math.floor(ms / 1000);
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${field}: ${ms < 0 ? 'a Date before 1970' : 'invalid Date'}`, { field });
  }
  if (typeof now === 'number' && Number.isFinite(now) && now >= 0) {
    if (now >= MILLISECONDS_HINT) {
      throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${field}: ${now} looks like milliseconds; pass Unix seconds (Math.floor(Date.now() / 1000)) or a Date`, { field });
    }
    return Math.floor(now);
  }
  throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${field}: expected Unix seconds (a non-negative number) or a Date`, { field });
}

/** "1h 2m 5s", "3d 4h", "45s"; negative values get "ago" semantics from the caller. */
export function formatDuration(seconds: number): string {
  let s = Math.abs(Math.trunc(seconds));
  if (s === 0) return '0s';
  const units: [string, number][] = [['y', 31_536_000], ['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]];
  const parts: string[] = [];
  for (const [unit, size] of units) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** "in 1h 2m", "2m 5s ago" or "just now", relative to now. */
export function relative(secondsLeft: number): string {
  if (secondsLeft === 0) return 'just now';
  return secondsLeft > 0 ? `in ${formatDuration(secondsLeft)}` : `${formatDuration(secondsLeft)} ago`;
}
