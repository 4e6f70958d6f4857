/**
 * @module token/decode-007 — parses an AccessToken2 string (SPEC 2.9): decode007 gives the typed
 * result (decodeToken), parse007Signed only checks the payload and hands out what verification
 * signs (verifyToken), copied or in place. No certificate needed. Both read the payload where
 * the inflater left it (core/inflate's shared buffers), so a warm decode allocates no byte
 * arrays; the checks and errors are the same on both paths.
 */

import { decodeBase64 } from '../core/base64.ts';
import { inflateBase64Shared, inflateZlibShared, sharedOutput } from '../core/inflate/index.ts';
import { ByteReader, RecentString } from '../core/reader.ts';
import { MAX_PAYLOAD_BYTES } from '../core/zlib.ts';
import { AgoraTokenError } from '../errors.ts';
import type { DecodedPrivilege, DecodedService, DecodedToken007 } from './decoded.ts';
import { Rtm2Permissions } from './rtm2-permissions.ts';
import { SERVICE_TYPES } from './service-types.ts';
import { tokenStart } from './version.ts';

/** base64 text after a 3-character prefix -> bytes, with a typed error that explains common damage. */
export function decodeTokenBase64(token: string, shift = 0): Uint8Array {
  const bytes = decodeBase64(token, 3);
  if (typeof bytes !== 'string') return bytes;
  let hint = '';
  if (/[\r\n]/.test(token)) hint = ' (it contains a line break: copy the token as one line)';
  else if (token.includes('\\/')) hint = ' (it contains "\\/", a JSON-escaped "/" as PHP\'s json_encode writes it: read the token with a JSON parser)';
  else if (/%[0-9A-Fa-f]{2}/.test(token)) hint = ' (it looks URL-encoded, e.g. "%2B" for "+": decode it with decodeURIComponent first)';
  else if (/\s/.test(token)) hint = ' (it contains whitespace: a "+" may have become a space in a URL; encode tokens with encodeURIComponent)';
  else if (/[-_]/.test(token)) hint = ' (it contains "-" or "_": URL-safe base64 is not a valid token spelling)';
  else hint = strayTextHint(token, shift) ?? caseHint(token) ?? secondTokenHint(token, shift) ?? (bytes === 'bits'
      ? ' (the character before "=" is one no base64 encoder writes there: was it changed?)'
      : bytes === 'length' || bytes === 'padding'
        ? ' (it looks truncated or its "=" padding is missing)'
        : '');
  throw new AgoraTokenError('ERR_TOKEN_BASE64', `token: not valid base64${hint}`, { field: 'token' });
}

/**
 * Names text that is not part of any token: characters after the "=" padding (a quote, a comma,
 * a second token run on) or a character base64 never uses (an invisible U+200B from a chat app).
 * Only positions (in the caller's token: `shift` is added) and the stray character are shown,
 * never the token itself.
 */
function strayTextHint(token: string, shift: number): string | undefined {
  const pad = token.indexOf('=', 3);
  const rest = pad < 0 ? '' : token.slice(pad).replace(/^=+/, '');
  if (rest) {
    // Padding then text no token has (a quote, a comma) or a second token: the token ended there.
    // Base64 letters after an "=" are a damaged token instead: following the first advice would cut it.
    return /^(?:[^\w+/]|00[67])/.test(rest)
      ? ` (a token ends with its "=" padding, here at index ${pad + shift}: remove the ${rest.length} character(s) after it)`
      : ` (it contains "=" at index ${pad + shift}, which base64 uses only as padding at the end)`;
  }
  // "-" and "_" were named before this runs, so \w stands for the base64 letters and digits here.
  const at = token.search(/[^\w+/=]/);
  if (at < 0) return undefined;
  const code = token.codePointAt(at)!;
  const shown = code > 32 && code < 127 ? JSON.stringify(token[at]) : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return ` (it contains ${shown} at index ${at + shift}, which base64 does not use)`;
}

/**
 * Two tokens run together where the first has no "=" padding (after padding, strayTextHint names
 * it): "007eJ" is how a 007 token compressed at zlib's default level starts, and these five
 * characters inside a token are a one-in-a-billion coincidence per position; a 006 token starts
 * with "006" and 32 hex characters, which no base64 body holds by chance (2^-64 per position).
 */
function secondTokenHint(token: string, shift: number): string | undefined {
  const at = tokenStart(token, 3);
  return at < 0 ? undefined : ` (a second token starts at index ${at + shift}: decode one token at a time)`;
}

/**
 * Decodes a token string that starts with "007". Reads the payload where the inflater left it
 * (no copy); nothing in the result refers to those bytes.
 */
export function decode007(token: string): DecodedToken007 {
  const n = inflateToken(token);
  return read007(sharedOutput(), n);
}

/** What verifying a 007 token needs: the signed fields and bytes. */
interface Signed007 {
  issueTs: number;
  salt: number;
  signature: Uint8Array;
  signingInfo: Uint8Array;
}

/**
 * Checks a "007" token exactly as {@link decode007} does (same errors, same order) but builds no
 * decoded value: no strings, no hex, no privilege list. With `copy` (the default) the bytes to
 * verify are copied out; without it they are views into the inflater's shared buffer, valid only
 * until the next decode: for a caller that finishes with them synchronously (the `/sync`
 * verifyToken), which saves two copies per verify (the signing info's an off-heap allocation; the
 * 32-byte signature is small enough for V8's heap).
 */
export function parse007Signed(token: string, copy = true): Signed007 {
  const n = inflateToken(token);
  const content = sharedOutput();
  const { issueTs, salt } = read007(content, n, false);
  return copy
    ? { issueTs, salt, signature: content.slice(2, 34), signingInfo: content.slice(34, n) }
    : { issueTs, salt, signature: content.subarray(2, 34), signingInfo: content.subarray(34, n) };
}

/**
 * {@link decode007} plus copies of the bytes verification needs, from one inflate
 * (AccessToken2.from_string). With `loose`, it reads as the official parsers do (SPEC 2.9): a
 * signature of any length, bytes after the last service (signed, so kept in signingInfo), and
 * text that is not UTF-8 (U+FFFD for the bad bytes).
 */
export function decode007Signed(token: string, loose = false): { decoded: DecodedToken007; signature: Uint8Array; signingInfo: Uint8Array } {
  const n = inflateToken(token);
  const content = sharedOutput();
  const decoded = read007(content, n, true, loose);
  const signed = 2 + (content[0]! | (content[1]! << 8)); // read007 checked it is in the payload
  return { decoded, signature: content.slice(2, signed), signingInfo: content.slice(signed, n) };
}

/** base64 + inflate into the shared output buffer; returns the payload length. */
function inflateToken(token: string): number {
  try {
    const n = inflateBase64Shared(token, 3, MAX_PAYLOAD_BYTES);
    if (n >= 0) return n;
    // Not strict base64 for the fast decoder: the strict one explains the problem (and would
    // take over, were they ever to disagree).
    const bytes = decodeTokenBase64(token);
    return inflateZlibShared(bytes, bytes.length, MAX_PAYLOAD_BYTES);
  } catch (error) {
    throw payloadError(error, token);
  }
}

/**
 * The inflater's errors name only zlib's rule ("invalid distance code"); as token errors they
 * also name the field and what usually did it. Valid base64 that is not valid zlib was changed
 * after it was built: a character swapped, cut short, text run on after it, or the whole text
 * lower- or upper-cased (a case-insensitive store or header), which keeps it base64 but changes
 * every letter.
 */
function payloadError(error: unknown, token: string): unknown {
  if (!(error instanceof AgoraTokenError) || error.field) return error;
  const rule = error.message;
  const m =
    error.code === 'ERR_TOKEN_TOO_LARGE'
      ? `inflates past ${MAX_PAYLOAD_BYTES} bytes`
      : `invalid (${rule})${caseHint(token) ?? (/end of/.test(rule) ? ': cut short or changed?' : /trailing/.test(rule) ? ': text after the token?' : ': was it changed?')}`;
  return new AgoraTokenError(error.code, `token: payload ${m}`, { field: 'token', cause: error });
}

/**
 * Names a token (its text after the 3-character version) whose letters were all lower- or
 * upper-cased: base64 is case-sensitive. A genuine 007 body starts "eJ" (zlib's 78 9c), both
 * cases, so it never qualifies; a genuine 006 body avoids one case by chance with probability
 * about 2 * (38/64)^n for n random characters: under 1e-8 at the 40 required here (a short
 * fragment such as "007abc" is named as truncated instead), and 006 bodies are 100+.
 */
export function caseHint(token: string): string | undefined {
  const body = token.slice(3);
  if (body.length < 40) return undefined;
  const mangled = /[A-Z]/.test(body) ? (/[a-z]/.test(body) ? '' : 'upper') : /[a-z]/.test(body) ? 'lower' : '';
  return mangled ? ` (all its letters are ${mangled} case; base64 is case-sensitive)` : undefined;
}

// A server's tokens nearly all carry its one App ID: decode its bytes once.
const recentAppId = /* @__PURE__ */ new RecentString();

/**
 * Reads the payload; with `full` false, only checks its fields (strings '', no privileges); with
 * `loose`, as {@link decode007Signed} says (the signature is then '' unless it is 32 bytes).
 */
function read007(content: Uint8Array, length: number, full = true, loose = false): DecodedToken007 {
  const r = new ByteReader(content, 0, length, !full, loose);
  const signatureLength = r.uint16('signature');
  const signatureAt = r.take(signatureLength, 'signature');
  if (signatureLength !== 32 && !loose) {
    throw new AgoraTokenError('ERR_TOKEN_MALFORMED', `token field signature: expected 32 bytes, got ${signatureLength}`, { field: 'signature' });
  }
  // Every official builder refuses an App ID that is not 32 hex digits, and the official
  // verifySignature answers false for one: the strict reader refuses it (as 006's does); the
  // loose one (from_string) reads any text, as the official parser does.
  const appId = loose ? r.string('appId') : r.hex32('appId', recentAppId);
  const issueTs = r.uint32('issueTs');
  const expire = r.uint32('expire');
  const salt = r.uint32('salt');
  const count = r.uint16('serviceCount');
  const services: DecodedService[] = [];
  let complete = true;
  for (let i = 0; i < count; i++) {
    const type = r.uint16('serviceType');
    const info = SERVICE_TYPES[type];
    if (!info) {
      // Records carry no length: like the official parsers, stop at an unknown type.
      services.push({ name: 'unknown', type, unparsedBytes: r.remaining });
      complete = false;
      break;
    }
    // RTC first, in a function small enough for V8 to inline (readService, with every kind's
    // case, is not): the reader then stays in registers.
    services.push(type === 1 && full ? readRtc(r, info.privileges) : readService(r, type, info.name, full ? info.privileges : undefined));
  }
  if (complete && !loose) r.expectEnd('token payload');
  const signature = full && signatureLength === 32 ? hex32(content, signatureAt) : '';
  return { version: '007', appId, issueTs, expire, salt, signature, services };
}

/**
 * Reads a privilege map (u16 count, then u16 id + u32 value each) as the list the official
 * parsers' object gives: ascending by id, a repeated id keeping its last value. Ascending
 * input (what every builder writes) is listed as read; anything else goes through an object,
 * whose integer keys enumerate in ascending order.
 */
export function readPrivileges(r: ByteReader, names: Readonly<Record<number, string>>): DecodedPrivilege[] {
  const count = r.uint16('privileges');
  // Each entry is 6 bytes: check the whole map fits before allocating anything for it.
  r.need(count * 6, 'privileges');
  const list: DecodedPrivilege[] = [];
  let last = -1;
  for (let i = 0; i < count; i++) {
    const id = r.uint16('privileges');
    const expire = r.uint32('privileges');
    if (id <= last) return unorderedPrivileges(r, names, list, id, expire, count - i - 1);
    list.push({ id, name: names[id], expire });
    last = id;
  }
  return list;
}

/** The checks of {@link readPrivileges} (the count, then that all entries fit) without the list. */
function skipPrivileges(r: ByteReader): DecodedPrivilege[] {
  const count = r.uint16('privileges');
  r.take(count * 6, 'privileges');
  return [];
}

function unorderedPrivileges(
  r: ByteReader,
  names: Readonly<Record<number, string>>,
  read: DecodedPrivilege[],
  id: number,
  expire: number,
  left: number,
): DecodedPrivilege[] {
  const map: Record<number, number> = {};
  for (const p of read) map[p.id] = p.expire;
  map[id] = expire;
  for (let i = 0; i < left; i++) {
    const key = r.uint16('privileges');
    map[key] = r.uint32('privileges');
  }
  return Object.keys(map).map((k) => {
    const n = Number(k);
    return { id: n, name: names[n], expire: map[n]! };
  });
}

// byte b -> its two lowercase hex char codes at [2b, 2b + 1]
const HEX_CODES = /* @__PURE__ */ (() => {
  const t = new Uint8Array(512);
  const digits = '0123456789abcdef';
  for (let b = 0; b < 256; b++) {
    t[2 * b] = digits.charCodeAt(b >> 4);
    t[2 * b + 1] = digits.charCodeAt(b & 15);
  }
  return t;
})();

/**
 * Lowercase hex of the 32 bytes at `at` in one String.fromCharCode call: a flat string, ~5x
 * faster than concatenating 64 characters (toHex) and ~20% faster than four 16-character calls.
 */
function hex32(b: Uint8Array, at: number): string {
  const c = HEX_CODES;
  const x0 = b[at]! << 1, x1 = b[at + 1]! << 1, x2 = b[at + 2]! << 1, x3 = b[at + 3]! << 1;
  const x4 = b[at + 4]! << 1, x5 = b[at + 5]! << 1, x6 = b[at + 6]! << 1, x7 = b[at + 7]! << 1;
  const x8 = b[at + 8]! << 1, x9 = b[at + 9]! << 1, x10 = b[at + 10]! << 1, x11 = b[at + 11]! << 1;
  const x12 = b[at + 12]! << 1, x13 = b[at + 13]! << 1, x14 = b[at + 14]! << 1, x15 = b[at + 15]! << 1;
  const x16 = b[at + 16]! << 1, x17 = b[at + 17]! << 1, x18 = b[at + 18]! << 1, x19 = b[at + 19]! << 1;
  const x20 = b[at + 20]! << 1, x21 = b[at + 21]! << 1, x22 = b[at + 22]! << 1, x23 = b[at + 23]! << 1;
  const x24 = b[at + 24]! << 1, x25 = b[at + 25]! << 1, x26 = b[at + 26]! << 1, x27 = b[at + 27]! << 1;
  const x28 = b[at + 28]! << 1, x29 = b[at + 29]! << 1, x30 = b[at + 30]! << 1, x31 = b[at + 31]! << 1;
  return String.fromCharCode(
    c[x0]!, c[x0 + 1]!, c[x1]!, c[x1 + 1]!, c[x2]!, c[x2 + 1]!, c[x3]!, c[x3 + 1]!,
    c[x4]!, c[x4 + 1]!, c[x5]!, c[x5 + 1]!, c[x6]!, c[x6 + 1]!, c[x7]!, c[x7 + 1]!,
    c[x8]!, c[x8 + 1]!, c[x9]!, c[x9 + 1]!, c[x10]!, c[x10 + 1]!, c[x11]!, c[x11 + 1]!,
    c[x12]!, c[x12 + 1]!, c[x13]!, c[x13 + 1]!, c[x14]!, c[x14 + 1]!, c[x15]!, c[x15 + 1]!,
    c[x16]!, c[x16 + 1]!, c[x17]!, c[x17 + 1]!, c[x18]!, c[x18 + 1]!, c[x19]!, c[x19 + 1]!,
    c[x20]!, c[x20 + 1]!, c[x21]!, c[x21 + 1]!, c[x22]!, c[x22 + 1]!, c[x23]!, c[x23 + 1]!,
    c[x24]!, c[x24 + 1]!, c[x25]!, c[x25 + 1]!, c[x26]!, c[x26 + 1]!, c[x27]!, c[x27 + 1]!,
    c[x28]!, c[x28 + 1]!, c[x29]!, c[x29 + 1]!, c[x30]!, c[x30 + 1]!, c[x31]!, c[x31 + 1]!,
  );
}

/** An RTC service's record (type 1) with its privileges; as readService's 'rtc' case. */
function readRtc(r: ByteReader, names: Readonly<Record<number, string>>): DecodedService {
  const privileges = readPrivileges(r, names);
  return { type: 1, name: 'rtc', privileges, channelName: r.string('rtc.channelName'), uid: r.string('rtc.uid') };
}

/** One service's record; without `names`, its privilege map is only checked (an empty list). */
function readService(r: ByteReader, type: number, name: string, names: Readonly<Record<number, string>> | undefined): DecodedService {
  const privileges = names ? readPrivileges(r, names) : skipPrivileges(r);
  switch (name) {
    case 'rtc':
      return { type, name, privileges, channelName: r.string('rtc.channelName'), uid: r.string('rtc.uid') };
    case 'rtm':
    case 'chat':
      return { type, name, privileges, userId: r.string(`${name}.userId`) };
    case 'streaming':
    case 'fcdn':
      return { type, name, privileges, channelName: r.string(`${name}.channelName`), account: r.string(`${name}.account`) };
    case 'apaas':
      return { type, name, privileges, roomUuid: r.string('apaas.roomUuid'), userUuid: r.string('apaas.userUuid'), role: r.int16('apaas.role') };
    case 'rtm2': {
      const userId = r.string('rtm2.userId');
      const tree = Rtm2Permissions.unpack(r).details;
      const permissions = Object.keys(tree).flatMap((rt) =>
        Object.keys(tree[Number(rt)]!).map((pt) => ({
          resourceType: Number(rt),
          permissionType: Number(pt),
          resources: tree[Number(rt)]![Number(pt)]!,
        })),
      );
      return { type, name, privileges, userId, permissions };
    }
    default:
      return { type, name: name as 'fpa' | 'convoai' | 'stt', privileges };
  }
}
