/**
 * @module legacy/parse-006 — parses an AccessToken ("006") string (SPEC 3.7) and checks its
 * signature when the caller knows the channel name and uid (SPEC 3.2).
 */

import { HEX32 } from '../core/assert.ts';
import { concatBytes, toHex, utf8 } from '../core/bytes.ts';
import { crc32 } from '../core/crc32.ts';
import { ByteReader } from '../core/reader.ts';
import { AgoraTokenError } from '../errors.ts';
import type { Pipeline } from '../sign/types.ts';
import type { DecodedToken006 } from '../token/decoded.ts';
import { caseHint, decodeTokenBase64, readPrivileges } from '../token/decode-007.ts';
import { PRIVILEGE_NAMES_006 } from './privileges.ts';

/** A parsed 006 token with the bytes verification needs. */
export interface Parsed006 {
  decoded: DecodedToken006;
  signature: Uint8Array;
  message: Uint8Array;
}

/**
 * Parses a token string that starts with "006". With `complete` false, bytes after the content and
 * after the message are ignored, the signature may have any length and the App ID may be any 32
 * characters, as the official `fromString` reads them (decodeToken refuses all three).
 */
export function parse006(token: string, complete = true): Parsed006 {
  const appId = token.slice(3, 35);
  // The official fromString takes any 32 characters as the App ID; decodeToken names a bad one.
  if (complete && !HEX32.test(appId)) {
    // A line break inside it is a token wrapped across lines (a log, an e-mail): named as such,
    // as in the base64 after it, not as a bad App ID. The base64 check always refuses it. (A space
    // may be the App ID's own, as "ID " from an env file: that one stays an App ID error.)
    if (/[\r\n]/.test(appId)) decodeTokenBase64(token);
    throw new AgoraTokenError('ERR_TOKEN_MALFORMED', 'token: a 006 token must carry a 32-hex-character App ID after "006"', { field: 'appId' });
  }
  // Base64 characters are all in 43..122: the regex (Unicode spaces) runs only on other text.
  const next = token.charCodeAt(35);
  if (next <= 32 || (next > 127 && /\s/.test(token.charAt(35)))) {
    // The official 006 builders concatenate the App ID as given: "ID\r" from an env file lands here.
    throw new AgoraTokenError('ERR_TOKEN_BASE64', 'token: not valid base64 (whitespace follows the 32-character App ID: the token server used an App ID with a trailing space or line break, e.g. from an env file; trim it)', { field: 'token' });
  }
  const body = '006' + token.slice(35);
  const content = decodeTokenBase64(body, 32);
  // Lower- or upper-casing keeps a 006 body valid base64 (there is no zlib step to notice): it
  // reads as an impossible length, or (upper-cased, ~7% of tokens) as a token whose times fall in
  // 1970 and whose CRCs are of other names, which diagnoseToken then called expired and built for
  // another channel. A real body has both cases (see caseHint): one that has not is refused,
  // naming the cause.
  const hint = complete && caseHint(body);
  if (hint) throw new AgoraTokenError('ERR_TOKEN_MALFORMED', `token: content garbled${hint}`, { field: 'token' });
  return read006(content, appId, complete);
}

function read006(content: Uint8Array, appId: string, complete: boolean): Parsed006 {
  const r = new ByteReader(content);
  const signature = r.bytes('signature');
  // The official fromString keeps a signature of any length (it verifies nothing); decodeToken refuses it.
  if (complete && signature.length !== 32) {
    throw new AgoraTokenError('ERR_TOKEN_MALFORMED', `token field signature: expected 32 bytes, got ${signature.length}`, { field: 'signature' });
  }
  const crcChannelName = r.uint32('crcChannelName');
  const crcUid = r.uint32('crcUid');
  const message = r.bytes('message');
  if (complete) r.expectEnd('token content');
  const m = new ByteReader(message);
  const salt = m.uint32('salt');
  const ts = m.uint32('ts');
  const privileges = readPrivileges(m, PRIVILEGE_NAMES_006);
  if (complete) m.expectEnd('token message');
  return {
    decoded: { version: '006', appId, ts, salt, crcChannelName, crcUid, signature: toHex(signature), privileges },
    signature,
    message,
  };
}

/** The signed bytes of a 006 token: appId || channel || uid || message (SPEC 3.2). */
function signedBytes006(appId: string, channelName: string, uid: string, message: Uint8Array): Uint8Array {
  return concatBytes(utf8(appId), utf8(channelName), utf8(uid), message);
}

/** Checks a parsed 006 token against a certificate, channel and packed uid. CRC mismatches are `false`. */
export function* verify006(parsed: Parsed006, appCertificate: string, channelName: string, uid: string): Pipeline<boolean> {
  const { decoded } = parsed;
  if (crc32(utf8(channelName)) !== decoded.crcChannelName || crc32(utf8(uid)) !== decoded.crcUid) return false;
  return yield {
    op: 'verify',
    key: utf8(appCertificate),
    message: signedBytes006(decoded.appId, channelName, uid, parsed.message),
    mac: parsed.signature,
  };
}
