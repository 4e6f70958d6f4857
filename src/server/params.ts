/**
 * @module server/params — strict validators for client-supplied fields. Stricter than the
 * builders on purpose: a token server faces the internet, so values the official builders would
 * silently coerce (negative or fractional uids, numeric-looking accounts, NaN) are refused with a
 * 400 that names the field.
 */

import { assertChannel, MAX_U32 } from '../core/assert.ts';
import { assertLifetime } from '../builders/common.ts';
import { AgoraTokenError, type TokenErrorCode } from '../errors.ts';
import { HttpError } from './respond.ts';
import type { RtcRoleName } from './types.ts';

// The documented character set of channel names also applies to RTC user accounts and RTM ids.
const AGORA_CHARS = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]+$/;
// Agora Chat user ids: letters, digits, '_', '-', '.', at most 64.
const CHAT_ID = /^[A-Za-z0-9_.-]{1,64}$/;
// Anything a person would read as a number: such strings are never accepted as accounts.
const NUMERIC_LOOKING = /^\s*[-+]?(?:\d|\.\d|infinity|nan)/i;

function bad(code: TokenErrorCode, field: string, rule: string): never {
  throw new AgoraTokenError(code, `${field}: ${rule}`, { field });
}

/** True for undefined, null and ''. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Throws a 400 naming a required field that is missing. */
export function missing(field: string): never {
  throw new HttpError(400, 'ERR_MISSING_FIELD', `${field}: required`, { field });
}

/**
 * A required channel name: 1..63 bytes of the documented character set. "*" (a wildcard token,
 * valid in every channel) only when `wildcard`: a client may not ask for one, authorize may grant it.
 */
export function channelOf(value: unknown, field: string, wildcard = false): string {
  if (isAbsent(value)) missing(field);
  if (value === '*' && !wildcard) bad('ERR_INVALID_CHANNEL', field, '"*" asks for a wildcard token, valid in every channel; only authorize can grant one (return { channel: "*" })');
  return assertChannel(value, field);
}

/**
 * An RTC identity: a uid (integer 0..2^32-1, or its decimal string as agora-token-service
 * accepts, without leading zeros) or, when `accounts` is true, a user account (1..255 bytes, documented character set).
 */
export function rtcIdentityOf(value: unknown, field: string, accounts: boolean): number | string {
  if (isAbsent(value)) missing(field);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value <= MAX_U32 && !Object.is(value, -0)) return value;
    bad('ERR_INVALID_UID', field, 'expected an integer in 0..4294967295');
  }
  if (typeof value !== 'string') bad('ERR_INVALID_UID', field, `expected an integer or a string, got ${Array.isArray(value) ? 'array' : typeof value}`);
  // Digits as a number is written, so "007" (uid 7, or the account "007"?) is neither: assertUid's
  // rule, written out again because a helper shared with it measured 10-20 B more gzip in /sync
  // and /server, past their ceilings.
  if (/^(0|[1-9]\d{0,9})$/.test(value) && Number(value) <= MAX_U32) return Number(value);
  if (!accounts || NUMERIC_LOOKING.test(value)) bad('ERR_INVALID_UID', field, 'expected an integer in 0..4294967295');
  return accountOf(value, field, 255);
}

/** A user account or RTM id: 1..maxBytes of the documented character set (ASCII, so chars = bytes). */
export function accountOf(value: unknown, field: string, maxBytes: number): string {
  if (isAbsent(value)) missing(field);
  if (typeof value !== 'string') bad('ERR_INVALID_ACCOUNT', field, `expected a string, got ${typeof value}`);
  if (value.length > maxBytes) bad('ERR_INVALID_ACCOUNT', field, `must be at most ${maxBytes} bytes, got ${value.length}`);
  if (!AGORA_CHARS.test(value)) bad('ERR_INVALID_ACCOUNT', field, 'may contain only a-z A-Z 0-9 space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,');
  return value;
}

/** An RTM user id: 1..64 bytes; "0" is refused as agora-token-service does. A positive integer is stringified. */
export function rtmUserIdOf(value: unknown, field: string): string {
  const id = typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? String(value) : value;
  const s = accountOf(id, field, 64);
  if (s === '0') bad('ERR_INVALID_ACCOUNT', field, 'must not be "0"');
  return s;
}

/** An Agora Chat user id: 1..64 of A-Z a-z 0-9 _ - . */
export function chatUserIdOf(value: unknown, field: string): string {
  if (isAbsent(value)) missing(field);
  if (typeof value !== 'string' || !CHAT_ID.test(value)) bad('ERR_INVALID_ACCOUNT', field, 'expected 1..64 characters of A-Z a-z 0-9 _ - .');
  return value;
}

/** An RTC role: 'publisher' / 'subscriber' (or 1 / 2); `fallback` when absent. */
export function roleOf(value: unknown, field: string, fallback: RtcRoleName, fromQuery = false): RtcRoleName {
  if (isAbsent(value)) return fallback;
  // A query string carries the numeric roles as text ('1'); a JSON body as numbers.
  if (value === 'publisher' || value === 1 || (fromQuery && value === '1')) return 'publisher';
  if (value === 'subscriber' || value === 2 || (fromQuery && value === '2')) return 'subscriber';
  bad('ERR_INVALID_ROLE', field, "expected 'publisher' or 'subscriber'");
}

/**
 * The role on agora-token-service's routes (`/rtc`, `/rte`, POST /getToken) as its real clients
 * send it: "publisher" / "subscriber", "audience" (Agora-Node-TokenServer clients: a subscriber),
 * and in a path the numbers as text, "1" / "2" (AgoraUIKit apps). agora-token-service itself turns any other
 * text into a subscriber; other text is refused here, so a typo such as "PUBLISHER" is not
 * silently downgraded.
 */
export function serviceRoleOf(value: unknown, field: string, fromPath: boolean): RtcRoleName {
  return value === 'audience' ? 'subscriber' : roleOf(value, field, 'subscriber', fromPath);
}

/** Expiry policy: default for absent or 0, at most `max`. */
export interface ExpiryPolicy {
  defaultSeconds: number;
  maxSeconds: number;
}

/**
 * A lifetime in seconds: a JSON integer, or decimal digits when `fromQuery` (a JSON string is a
 * type error, as in agora-token-service's Go struct). Absent or 0 means the server default; above
 * the server maximum is a 400 naming the maximum.
 */
export function expiryOf(value: unknown, field: string, policy: ExpiryPolicy, fromQuery = false): number {
  if (isAbsent(value)) return policy.defaultSeconds;
  let n: number;
  if (typeof value === 'number' && !fromQuery) n = value;
  else if (typeof value === 'string' && fromQuery && /^\d{1,10}$/.test(value)) n = Number(value);
  else bad('ERR_INVALID_EXPIRE', field, 'expected a whole number of seconds');
  if (!Number.isInteger(n) || n < 0 || Object.is(n, -0)) bad('ERR_INVALID_EXPIRE', field, 'expected a whole, non-negative number of seconds');
  if (n === 0) return policy.defaultSeconds;
  if (n > policy.maxSeconds) {
    // now + 3600 (the 006 habit) where a lifetime is asked: the builders' check names it, in their
    // words. Not for expiredTs, whose lifetime is computed from an absolute time, nor above u32,
    // where no Unix time in seconds is (the builders' message there would quote their own range).
    if (n <= MAX_U32 && field !== 'expiredTs') assertLifetime(n, field);
    bad('ERR_INVALID_EXPIRE', field, `must be at most ${policy.maxSeconds} seconds (server maximum)`);
  }
  return n;
}
