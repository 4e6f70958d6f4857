/**
 * @module token/lenient-read — the official classes' parse methods (`from_string`, `fromString`)
 * read a token's base64 with Node's `Buffer`, which skips every character outside the alphabet
 * (whitespace, a trailing quote, a line break), takes the URL-safe `-` and `_`, and stops at the
 * first `=`; and the official parsers ignore bytes after what they read. So
 * `from_string(token + '\n')` and `fromString(token + 'A')` are true there. The drop-in methods
 * answer the same: they try the token's text as given first and, only if it fails, the text Buffer
 * would have decoded (their callers allow trailing bytes in both readings). `decodeToken` stays
 * strict on purpose: it says what damaged the token instead.
 */

import { ALPHABET } from '../core/base64.ts';
import { isAgoraTokenError } from '../errors.ts';

/**
 * `parse(token)`, or `parse` of the token as Node's Buffer would read its base64 from `start` on;
 * undefined when neither reads (a typed error). Other errors propagate.
 */
export function readLikeBuffer<T>(token: string, start: number, parse: (token: string) => T): T | undefined {
  for (let lenient = 0; lenient < 2; lenient++) {
    try {
      return parse(lenient ? bufferBase64Text(token, start) : token);
    } catch (error) {
      if (!isAgoraTokenError(error)) throw error;
    }
  }
  return undefined;
}

/** The token with its base64 from `start` on rewritten as the strict base64 Buffer would decode it. */
function bufferBase64Text(token: string, start: number): string {
  let body = token.slice(start).replace(/[^A-Za-z0-9+/=_-]/g, '');
  const end = body.indexOf('=');
  if (end >= 0) body = body.slice(0, end);
  body = body.replace(/-/g, '+').replace(/_/g, '/');
  // A lone last character carries no whole byte: Buffer drops it, and so do we. Buffer also
  // ignores the bits of a last partial group past its last whole byte; the strict decoder wants
  // them zero, so they are cleared. Then re-pad.
  const rest = body.length % 4;
  if (rest === 1) body = body.slice(0, -1);
  else if (rest > 1) {
    const value = ALPHABET.indexOf(body[body.length - 1]!) & (rest === 2 ? 0x30 : 0x3c);
    body = body.slice(0, -1) + ALPHABET[value]! + '='.repeat(4 - rest);
  }
  return token.slice(0, start) + body;
}
