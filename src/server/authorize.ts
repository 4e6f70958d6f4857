/**
 * @module server/authorize — runs the `authorize` hook and applies its verdict. Fails closed:
 * only `true` or a plain grant object issues a token. Anything else (false, a Response, an Error,
 * a class instance) is a 403; a plain object with a field a grant does not have, or an invalid
 * value, is the server's bug (500 and `onError`), not the client's: `{ allowed: false }` must not
 * read as "no changes, issue it".
 */

import { ownFields } from '../core/assert.ts';
import { HttpError } from './respond.ts';
import { channelOf, chatUserIdOf, type ExpiryPolicy, roleOf, rtcIdentityOf, rtmUserIdOf } from './params.ts';
import type { Authorize, AuthorizeDenial, TokenGrant, TokenRequest } from './types.ts';

/** The fields a grant may set (TokenGrant); anything else makes the grant invalid. */
export const GRANT_FIELDS: ReadonlySet<string> = new Set(['channel', 'uid', 'role', 'rtmUserId', 'chatUserId', 'expiresInSeconds']);

function isDenial(value: object): value is AuthorizeDenial {
  return 'deny' in value;
}

/** An object literal (or Object.create(null)), not a Response, Error, Map or other class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function deny(denial: AuthorizeDenial): never {
  const status = denial.deny === 401 ? 401 : 403;
  const message = typeof denial.message === 'string' && denial.message !== '' ? denial.message.slice(0, 200) : status === 401 ? 'authentication required' : 'not allowed';
  throw new HttpError(status, status === 401 ? 'ERR_UNAUTHORIZED' : 'ERR_FORBIDDEN', message, status === 401 ? { headers: { 'www-authenticate': 'Bearer' } } : {});
}

/** Applies a grant: fields that belong to the requested token types replace the requested ones. */
function applyGrant(request: TokenRequest, grant: TokenGrant, policy: ExpiryPolicy): TokenRequest {
  try {
    for (const key of Object.keys(grant)) {
      if (!GRANT_FIELDS.has(key)) throw new Error(`grant.${key.slice(0, 40)}: not a grant field (expected ${[...GRANT_FIELDS].join(', ')})`);
    }
    const next: { -readonly [K in keyof TokenRequest]: TokenRequest[K] } = ownFields(request);
    const rtc = request.types.includes('rtc');
    const rtm = request.types.includes('rtm');
    // An RTM stream channel is an RTC channel too (its token joins it): channel and role apply to it.
    const stream = request.streamChannel !== undefined;
    if ((rtc || stream) && grant.channel !== undefined) next.channel = channelOf(grant.channel, 'grant.channel', true);
    // A pinned channel pins an RTM stream channel too (on /rte it is the same channel).
    if (stream && grant.channel !== undefined) next.streamChannel = next.channel;
    if (rtc && grant.uid !== undefined) {
      next.uid = rtcIdentityOf(grant.uid, 'grant.uid', true);
      // On /rte the RTM user id defaults to the requested uid: when it is that uid, a pinned uid
      // pins it too. An RTM id the client named otherwise is only replaced by grant.rtmUserId.
      if (rtm && grant.rtmUserId === undefined && request.rtmUserId === String(request.uid)) {
        next.rtmUserId = rtmUserIdOf(next.uid === 0 ? undefined : String(next.uid), 'grant.rtmUserId');
      }
    }
    if ((rtc || stream) && grant.role !== undefined) next.role = roleOf(grant.role, 'grant.role', 'subscriber');
    // Agora takes a wildcard token only for a real uid: the grant that asks for one must pin it.
    if (rtc && next.channel === '*' && (next.uid === 0 || next.uid === '' || next.uid === '0')) {
      throw new Error('grant.channel: a wildcard token ("*") needs a uid other than 0; pin grant.uid as well');
    }
    if (rtm && grant.rtmUserId !== undefined) next.rtmUserId = rtmUserIdOf(grant.rtmUserId, 'grant.rtmUserId');
    if (request.types.includes('chat') && grant.chatUserId !== undefined) next.chatUserId = chatUserIdOf(grant.chatUserId, 'grant.chatUserId');
    // Capped, as documented: a grant may only shorten what the server allows. Unlike a client's
    // expiry, 0 or null is no "default": a session with 0 seconds left must not get the default hour.
    if (grant.expiresInSeconds !== undefined) {
      const asked: unknown = grant.expiresInSeconds;
      if (typeof asked !== 'number' || !Number.isInteger(asked) || asked < 1) {
        throw new Error('grant.expiresInSeconds: expected a whole number of seconds, at least 1 (to refuse, return { deny: 403 })');
      }
      next.expiresInSeconds = asked > policy.maxSeconds ? policy.maxSeconds : asked;
    }
    return next;
  } catch (cause) {
    throw new Error('authorize returned an invalid grant', { cause });
  }
}

/** Asks `authorize` and returns the request to issue, or throws a 401/403 HttpError. */
export async function authorizeRequest(authorize: Authorize | undefined, request: Request, tokenRequest: TokenRequest, policy: ExpiryPolicy): Promise<TokenRequest> {
  if (authorize === undefined) return tokenRequest;
  let verdict = await authorize(request, Object.freeze({ ...tokenRequest, types: Object.freeze([...tokenRequest.types]) }));
  if (verdict === true) return tokenRequest;
  if (isPlainObject(verdict)) {
    // Each grant field read once (the value checked is the value signed), none inherited.
    verdict = ownFields(verdict);
    if (isDenial(verdict)) deny(verdict);
    // A grant that pins the caller's Chat user does not cover a Chat app token (no user, full REST
    // access): otherwise enabling 'chat-app' for a backend would hand it to every pinned user.
    if (verdict.chatUserId !== undefined && tokenRequest.types.includes('chat-app')) {
      deny({ deny: 403, message: 'a grant that pins chatUserId does not cover a Chat app token' });
    }
    return applyGrant(tokenRequest, verdict, policy);
  }
  deny({ deny: 403 });
}
