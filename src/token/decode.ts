/**
 * @module token/decode — `decodeToken` and `verifyToken`'s pipeline for both token versions.
 */

import { assertCertificate, assertRtcAccount, ownFields } from '../core/assert.ts';
import { shownKey } from '../core/near.ts';
import { AgoraTokenError } from '../errors.ts';
import { parse006, verify006 } from '../legacy/parse-006.ts';
import type { Pipeline } from '../sign/types.ts';
import type { DecodedToken } from './decoded.ts';
import { decode007, parse007Signed } from './decode-007.ts';
import { verify007 } from './signing.ts';
import { assertDecodableToken, tokenKind } from './version.ts';

/**
 * Decodes an AccessToken2 (007) or AccessToken (006) string without any secret. Synchronous on
 * every entry. Throws an AgoraTokenError with a `ERR_TOKEN_*` code for anything malformed.
 *
 * @example
 * ```ts
 * import { decodeToken } from 'agora-token-kit';
 * const t = decodeToken(token);
 * if (t.version === '007') console.log(t.appId, t.issueTs + t.expire, t.services.map((s) => s.name));
 * ```
 */
export function decodeToken(token: string): DecodedToken {
  return assertDecodableToken(token) === '007' ? decode007(token) : parse006(token).decoded;
}

/**
 * What a 006 verification needs besides the certificate (the token holds only CRCs of these).
 * Not read for a 007 token, which carries its channel and uid: compare them after decodeToken.
 */
export interface Verify006Expectation {
  /** The channel name the token was built for (for a 006 RTM token: the user account). */
  channelName: string;
  /**
   * The uid or user account the token was built for; omit for a 006 RTM token. A token built for
   * uid 0 (any uid may join) was signed over uid 0, so it verifies with `uid: 0`, not with the uid
   * that joins: a server checking a join should try 0 too, or use `diagnoseToken`.
   */
  uid?: number | string | undefined;
}

/**
 * `expected` as its own fields, refusing any key but channelName and uid: a 006 verification with
 * `{ channelName, account }` (diagnoseToken's and the CLI's name) would otherwise read no uid and
 * answer false for a valid token. A 007 token's verification does not read `expected` at all.
 */
function expectation(expected: unknown): Verify006Expectation | undefined {
  if (expected == null) return undefined;
  const own = ownFields(expected as Verify006Expectation);
  for (const key of Object.keys(own)) {
    // A key left undefined (spread from a form) is no option, as diagnoseToken's expectation reads it.
    if (key === 'channelName' || key === 'uid' || own[key as keyof Verify006Expectation] === undefined) continue;
    const field = `expected.${shownKey(key)}`;
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${field}: unknown option (give channelName and uid; an account goes in uid)`, { field });
  }
  return own;
}

/**
 * The verification pipeline shared by the async and sync `verifyToken`. `synchronous` says the
 * pipeline will run to completion without yielding to other code (runSync): a 007 token's
 * signed bytes are then read in place instead of copied, since no other decode can overwrite
 * them before the signature is checked. An async run must copy: a Web Crypto await lets other
 * decodes run in between.
 */
export function* verifyPipeline(token: string, appCertificate: string, expected?: Verify006Expectation, synchronous = false): Pipeline<boolean> {
  // verifyToken(appCertificate, token), the arguments swapped: the token's error says which order.
  if (tokenKind(token) === 'app-id' && tokenKind(appCertificate) !== 'app-id') {
    throw new AgoraTokenError('ERR_TOKEN_UNSUPPORTED', 'token: 32 hex characters (an App ID or App Certificate), not a token: verifyToken takes (token, appCertificate)', { field: 'token' });
  }
  const version = assertDecodableToken(token);
  const cert = assertCertificate(appCertificate);
  if (version === '007') {
    const { issueTs, salt, signature, signingInfo } = parse007Signed(token, !synchronous);
    return yield* verify007(cert, issueTs, salt, signingInfo, signature);
  }
  expected = expectation(expected);
  const parsed = parse006(token);
  const channelName: unknown = expected?.channelName;
  if (typeof channelName !== 'string') {
    throw new AgoraTokenError(
      'ERR_INVALID_ARGUMENT',
      channelName === undefined
        ? 'expected.channelName: a 006 token signs the channel name and uid without storing them; pass { channelName, uid } to verify it'
        : `expected.channelName: expected a string, got ${channelName === null ? 'null' : typeof channelName}`,
      { field: 'expected.channelName' },
    );
  }
  const uid = expected?.uid === undefined ? '' : assertRtcAccount(expected.uid, 'expected.uid', 'ERR_INVALID_UID');
  return yield* verify006(parsed, cert, channelName, uid);
}
