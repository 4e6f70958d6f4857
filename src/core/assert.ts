/**
 * @module core/assert — boundary validators. Each returns the normalised value or throws an
 * AgoraTokenError naming the field and the rule. No message ever contains a certificate.
 */

import { AgoraTokenError, type TokenErrorCode } from '../errors.ts';
import { utf8 } from './bytes.ts';

/** 32 hex characters (an App ID or certificate); one regex literal for the modules that test it. */
export const HEX32: RegExp = /^[0-9a-fA-F]{32}$/;
// The 89 characters the Agora docs allow in channel names (SPEC 6).
const CHANNEL_CHARS = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]*$/;

// The last two texts that passed the 32-hex test (a server's App ID and certificate): comparing
// with them is cheaper than the regex, and builds repeat them. Seeded with a valid value.
let hexSeenA = '00000000000000000000000000000000';
let hexSeenB = hexSeenA;
function isHex32(value: string): boolean {
  if (value === hexSeenA || value === hexSeenB) return true;
  if (!HEX32.test(value)) return false;
  hexSeenB = hexSeenA;
  hexSeenA = value;
  return true;
}

/** Largest u32. */
export const MAX_U32 = 0xffffffff;

/** What a rule adds when a number arrived as text (a query string, an env file, a form), unconverted. */
export const STRING_FOR_NUMBER = ' (got a string; pass the number)';

function fail(code: TokenErrorCode, field: string, rule: string): never {
  throw new AgoraTokenError(code, `${field}: ${rule}`, { field });
}

/** How a bad value is echoed: a number as itself (String(NaN) is "NaN"), anything else by its type. */
function describe(value: unknown): string {
  // NaN mostly comes from arithmetic on a missing value (`now + body.expire`) or parseInt on text.
  return value === null ? 'null' : typeof value === 'number' ? value + (value === value ? '' : ' (from undefined?)') : typeof value;
}

/** A 32-hex-character text, or `code` naming the field; only the kind or length of a bad value is echoed. */
function assertHex32(value: unknown, code: TokenErrorCode, field: string): string {
  if (typeof value === 'string' && isHex32(value)) return value;
  fail(
    code,
    field,
    typeof value !== 'string'
      ? `expected a string of 32 hex characters, got ${value === null ? 'null' : typeof value}`
      : `expected 32 hex characters, got ${value.length === 32 ? 'a non-hex character' : `length=${value.length}`}${hex32Hint(value)}`,
  );
}

/** What usually went wrong when a credential is 32 hex characters plus something (never the value). */
function hex32Hint(value: string): string {
  return isHex32(value.trim()) ? ' (it has surrounding whitespace, e.g. a line break from an env file)' : /^(["'])[\da-f]{32}\1$/i.test(value) ? ' (it is in quotes)' : '';
}

/** App ID: 32 hex characters. The value is not secret, but only its length is echoed. */
export function assertAppId(value: unknown, field = 'appId'): string {
  return assertHex32(value, 'ERR_INVALID_APP_ID', field);
}

/**
 * App Certificate: 32 hex characters. Never echoed, not even in part. When the App ID is given,
 * a certificate equal to it (any case) is refused: the App ID is written into every token in
 * clear, so a swapped pair would publish the secret.
 */
export function assertCertificate(value: unknown, field = 'appCertificate', appId?: unknown): string {
  const certificate = assertHex32(value, 'ERR_INVALID_APP_CERTIFICATE', field);
  if (typeof appId === 'string' && appId.toLowerCase() === certificate.toLowerCase()) {
    fail('ERR_INVALID_APP_CERTIFICATE', field, 'equals the App ID; the certificate is the other, secret value from the Agora console');
  }
  return certificate;
}

// The last pair that passed: a server signs with one App ID and certificate, and the certificate
// check lower-cases both texts (two string allocations) on every call. NaN never equals anything.
let appIdSeen: unknown = NaN;
let certificateSeen: unknown;

/**
 * Validates an App ID and certificate as a pair (appId first, so credential mistakes are reported
 * before anything else), remembering the last pair that passed. Builders call it with their
 * arguments; the token classes call it at build, since their fields may have been reassigned.
 */
export function assertCredentials(appId: unknown, appCertificate: unknown, appIdField = 'appId'): void {
  if (appId === appIdSeen && appCertificate === certificateSeen) return;
  assertAppId(appId, appIdField);
  assertCertificate(appCertificate, 'appCertificate', appId);
  appIdSeen = appId;
  certificateSeen = appCertificate;
}

// The last channel name that passed (a server builds for the same room again and again).
let channelSeen = 'a';

/**
 * Channel name: 1..63 bytes from the documented 89-character set, or `*`, which makes an AccessToken2
 * a wildcard token (valid in every channel; the 006 builders and the token server refuse it themselves).
 */
export function assertChannel(value: unknown, field = 'channelName'): string {
  if (value === channelSeen) return value;
  if (typeof value !== 'string') fail('ERR_INVALID_CHANNEL', field, `expected a string, got ${describe(value)}`);
  if (value.length === 0) fail('ERR_INVALID_CHANNEL', field, 'must not be empty');
  // The character set first: what passes it is ASCII, so its length below is its size in bytes.
  if (!CHANNEL_CHARS.test(value) && value !== '*') {
    fail('ERR_INVALID_CHANNEL', field, 'may contain only a-z A-Z 0-9 space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,');
  }
  if (value.length >= 64) fail('ERR_INVALID_CHANNEL', field, `must be under 64 bytes, got ${value.length}`);
  channelSeen = value;
  return value;
}

/** An integer in 0..2^32-1 (uids, u32 fields). */
export function isU32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_U32;
}

/**
 * RTC uid: an integer in 0..2^32-1 (0 = any uid may join), or its decimal string as the
 * official builders also accept. Returns the string that is packed: number 0 -> '', string '0' stays '0'.
 */
export function assertUid(value: unknown, field = 'uid'): string {
  if (isU32(value)) return value === 0 ? '' : String(value);
  if (typeof value === 'string' && /^(0|[1-9][0-9]{0,9})$/.test(value) && Number(value) <= MAX_U32) return value;
  // Text that is no number at all (the global isNaN coerces; '1e3' and '0x1F' are numbers) is
  // usually a user account given to a uid method (AgoraIO/Tools#417).
  fail('ERR_INVALID_UID', field, `expected an integer in 0..4294967295, got ${typeof value === 'string' ? `a string that is not one${/[a-z]/i.test(value) && isNaN(value as unknown as number) ? ' (a user account? see buildTokenWithUserAccount)' : ''}` : describe(value)}`);
}

/**
 * True if `text` has a lone UTF-16 surrogate, which TextEncoder would silently turn into U+FFFD.
 * A char scan, not a regex: the regex needs a lookbehind, which Safari before 16.4 cannot parse
 * (a lookbehind literal anywhere in a bundle stops it from loading there) and no transpiler lowers.
 */
function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i) & 0xfc00;
    // A high surrogate must be followed by a low one (past the end, charCodeAt is NaN: lone), which
    // is then skipped; a low surrogate met here has no high one before it.
    if (unit === 0xd800 ? (text.charCodeAt(++i) & 0xfc00) !== 0xdc00 : unit === 0xdc00) return true;
  }
  return false;
}

/**
 * A packable text: a well-formed string of at most `maxBytes` UTF-8 bytes. User accounts and ids by
 * default; the token classes also check channel names (`ERR_INVALID_CHANNEL`), uids and resource
 * names this way, with the code of what the field holds.
 */
export function assertAccount(value: unknown, field = 'account', maxBytes = 255, code: TokenErrorCode = 'ERR_INVALID_ACCOUNT'): string {
  if (typeof value !== 'string') fail(code, field, `expected a string, got ${describe(value)}`);
  if (hasLoneSurrogate(value)) fail(code, field, 'contains an unpaired UTF-16 surrogate');
  const bytes = value.length > maxBytes / 3 ? utf8(value).length : value.length;
  if (bytes > maxBytes) fail(code, field, `must be at most ${maxBytes} bytes of UTF-8, got ${bytes}`);
  return value;
}

/**
 * A channel name as the token classes take it (`ServiceRtc`, the 006 `AccessToken`): any packable
 * text, as the official classes pack any string, but reported as a channel. The builders check the
 * documented rules with {@link assertChannel} first.
 */
export function assertChannelText(value: unknown, field = 'channelName'): string {
  return assertAccount(value, field, 0xffff, 'ERR_INVALID_CHANNEL');
}

/**
 * RTC account-or-uid, as the official `buildTokenWithUserAccount` takes both: a number is a uid
 * (0 -> ''), a string is an account. `code` is the code of a bad string: a uid field (a service's,
 * a 006 token's) passes `ERR_INVALID_UID`.
 */
export function assertRtcAccount(value: unknown, field = 'account', code: TokenErrorCode = 'ERR_INVALID_ACCOUNT'): string {
  // A uid field given neither a number nor a string gets the uid rule, an account field the text rule.
  return typeof value === 'number' || (code === 'ERR_INVALID_UID' && typeof value !== 'string') ? assertUid(value, field) : assertAccount(value, field, 255, code);
}

/**
 * A user id for RTM, Chat, APaaS: a string, or a non-negative integer that is stringified
 * (0 -> '', the official falsy rule).
 */
export function assertUserId(value: unknown, field = 'userId', maxBytes = 255): string {
  if (value === undefined || value === null || value === 0) return '';
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value > 0) return String(value);
    fail('ERR_INVALID_ACCOUNT', field, `expected a string or a non-negative integer, got ${describe(value)}`);
  }
  return assertAccount(value, field, maxBytes);
}

/**
 * A user id for a user-level token: a non-empty string (or positive integer, stringified), at
 * most 255 bytes. Empty is refused because an empty id is the shape of an app-level token.
 */
export function assertNonEmptyUserId(value: unknown, field: string, hint: string): string {
  const id = assertUserId(value, field);
  if (id === '') fail('ERR_INVALID_ACCOUNT', field, `must not be empty (${hint})`);
  return id;
}

/**
 * A duration, timestamp or privilege value: an integer in 0..2^32-1 seconds. `range` is the rule's
 * range as told: the options form's lifetimes (builders/common.ts) take less than the u32 range.
 */
export function assertSeconds(value: unknown, field: string, range = '0..4294967295'): number {
  if (isU32(value)) return value;
  let rule = `expected an integer number of seconds in ${range}`;
  if (typeof value === 'number') {
    if (value < 0) rule = 'must not be negative';
    else if (Number.isFinite(value) && !Number.isInteger(value)) rule = 'must be a whole number of seconds';
    // Date.now() is in milliseconds (10^12 and up since 2001, under 10^14 until the year 5138).
    else if (value >= 1e12 && value < 1e14) rule += ' (milliseconds?)';
  }
  // A string usually comes from a query string or an environment variable, unconverted.
  fail('ERR_INVALID_EXPIRE', field, rule + (typeof value === 'string' ? STRING_FOR_NUMBER : `, got ${describe(value)}`));
}

/** A u16 (privilege ids, service types). */
export function assertU16(value: unknown, field: string, code: TokenErrorCode = 'ERR_INVALID_ARGUMENT'): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff) return value;
  fail(code, field, `expected an integer in 0..65535, got ${describe(value)}`);
}

/** An i16 (APaaS role). */
export function assertI16(value: unknown, field: string, code: TokenErrorCode = 'ERR_INVALID_ROLE'): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= -32768 && value <= 32767) return value;
  fail(code, field, `expected an integer in -32768..32767, got ${describe(value)}`);
}

/** A u32 salt (any u32 signs and parses; the builders draw 1..99999999). */
export function assertSalt(value: unknown, field = 'salt'): number {
  if (isU32(value)) return value;
  fail('ERR_INVALID_ARGUMENT', field, `expected an integer in 0..4294967295, got ${describe(value)}`);
}

/**
 * A caller's object as this library reads it: its own enumerable fields, each read once, so a
 * getter cannot hand a field that was checked a different value when it is used, and nothing
 * inherited, so a polluted Object.prototype (`channel: '*'`) adds no option.
 */
export function ownFields<T extends object>(object: T): T {
  return Object.assign(Object.create(null) as T, object);
}
