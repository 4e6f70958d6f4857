/**
 * @module token/version — tells token kinds apart by their prefix, so decode and diagnose can
 * name what they were given (AccessToken2, AccessToken, an older dynamic key, or an App ID).
 */

import { HEX32 } from '../core/assert.ts';
import { AgoraTokenError } from '../errors.ts';

/** Kinds of Agora credential strings this library recognises. */
export type TokenKind = '007' | '006' | '005' | '004' | '003' | 'app-id' | 'unknown';

/** Largest token string accepted by the decoders (real tokens are a few hundred characters). */
export const MAX_TOKEN_LENGTH = 49_152; // 48 KiB

/** Recognises the kind of an Agora credential string from its shape ('unknown' for anything else, a non-string too). */
export function tokenKind(token: string): TokenKind {
  if (typeof token !== 'string') return 'unknown';
  if (token.length === 32 && HEX32.test(token)) return 'app-id';
  const prefix = token.slice(0, 3);
  if (prefix === '007' || prefix === '006' || prefix === '005' || prefix === '004' || prefix === '003') return prefix;
  return 'unknown';
}

const OLDER: Partial<Record<TokenKind, string>> = {
  '005': 'a DynamicKey5 (005) token',
  '004': 'a DynamicKey4 (004) token',
  '003': 'a DynamicKey3 (003) token',
  // Also what a certificate passed where the token goes looks like (verifyPipeline names the argument order itself).
  'app-id': 'a bare App ID or App Certificate (32 hex characters), not a token ("App ID only" projects need no token)',
};

/**
 * Where a token starts in `text` at or after `from`, or -1: "007eJ" (a 007 token compressed at
 * zlib's default level, as every official builder does) or "006" and 32 hex characters (its App
 * ID). Not any "006" or "007": those digits turn up inside a hex App ID or a base64 body, and a
 * damaged token was then said to hold a token starting there.
 */
export function tokenStart(text: string, from: number): number {
  const at = text.slice(from).search(/007eJ|006[\dA-Fa-f]{32}/);
  return at < 0 ? at : at + from;
}

/** A token inside other text ("Bearer 007…", "token=007…", a JSON body): where it seems to start. */
function embeddedAt(text: string): string {
  const at = tokenStart(text, 1);
  return at > 0 ? ` (a token seems to start at index ${at}: pass only the token, not the text around it)` : '';
}

/** Checks the input is a string of sane size and returns its kind, rejecting kinds no decoder reads. */
export function assertDecodableToken(token: unknown): '007' | '006' {
  if (typeof token !== 'string') {
    throw new AgoraTokenError('ERR_TOKEN_VERSION', `token: expected a string, got ${token === null ? 'null' : typeof token}`, { field: 'token' });
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new AgoraTokenError('ERR_TOKEN_TOO_LARGE', `token: ${token.length} characters, over the ${MAX_TOKEN_LENGTH} accepted`, { field: 'token' });
  }
  const kind = tokenKind(token);
  if (kind === '007' || kind === '006') return kind;
  const older = OLDER[kind];
  if (older) {
    throw new AgoraTokenError('ERR_TOKEN_UNSUPPORTED', `token: this is ${older}; only AccessToken2 (007) and AccessToken (006) are supported`, { field: 'token' });
  }
  const hint =
    token.trim() !== token ? ' (it has leading or trailing whitespace)'
    : token.length === 0 ? ' (it is empty)'
    : /^["'`]00[67]/.test(token) ? ' (it is wrapped in quotes: pass the token without them)'
    // A main-entry build used without await (it returns a Promise) and then turned into text.
    : token === '[object Promise]' ? ' (it is a Promise turned into text: await the builders of the main entry, or import them from agora-token-kit/sync)'
    : token === 'undefined' || token === 'null' ? ` (it is the text "${token}": the value holding the token was never set)`
    : embeddedAt(token);
  throw new AgoraTokenError('ERR_TOKEN_VERSION', `token: does not start with 007 or 006${hint}`, { field: 'token' });
}
