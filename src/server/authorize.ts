/**
 * @module server/authorize — runs the `authorize` hook and applies its verdict. Fails closed:
 * only `true` or a grant object issues a token; a grant is validated like client input, and an
 * invalid grant is the server's bug (500), not the client's.
 */

import { HttpError } from './respond.ts';
import { channelOf, chatUserIdOf, type ExpiryPolicy, expiryOf, roleOf, rtcIdentityOf, rtmUserIdOf } from './params.ts';
import type { Authorize, AuthorizeDenial, TokenGrant, TokenRequest } from './types.ts';

function isDenial(value: object): value is AuthorizeDenial {
  return 'deny' in value;
}

function deny(denial: AuthorizeDenial): never {
  const status = denial.deny === 401 ? 401 : 403;
  const message = typeof denial.message === 'string' && denial.message !== '' ? denial.message.slice(0, 200) : status === 401 ? 'authentication required' : 'not allowed';
  throw new HttpError(status, status === 401 ? 'ERR_UNAUTHORIZED' : 'ERR_FORBIDDEN', message, status === 401 ? { headers: { 'www-authenticate': 'Bearer' } } : {});
}

/** Applies a grant: fields that belong to the requested token types replace the requested ones. */
export function applyGrant(request: TokenRequest, grant: TokenGrant, policy: ExpiryPolicy): TokenRequest {
  try {
    const next: { -readonly [K in keyof TokenRequest]: TokenRequest[K] } = { ...request };
    const rtc = request.types.includes('rtc');
    if (rtc && grant.channel !== undefined) next.channel = channelOf(grant.channel, 'grant.channel');
    if (rtc && grant.uid !== undefined) next.uid = rtcIdentityOf(grant.uid, 'grant.uid', true);
    if (rtc && grant.role !== undefined) next.role = roleOf(grant.role, 'grant.role', 'subscriber');
    if (request.types.includes('rtm') && grant.rtmUserId !== undefined) next.rtmUserId = rtmUserIdOf(grant.rtmUserId, 'grant.rtmUserId');
    if (request.types.includes('chat') && grant.chatUserId !== undefined) next.chatUserId = chatUserIdOf(grant.chatUserId, 'grant.chatUserId');
    if (grant.expiresInSeconds !== undefined) next.expiresInSeconds = expiryOf(grant.expiresInSeconds, 'grant.expiresInSeconds', policy);
    return next;
  } catch (cause) {
    throw new Error('authorize returned an invalid grant', { cause });
  }
}

/** Asks `authorize` and returns the request to issue, or throws a 401/403 HttpError. */
export async function authorizeRequest(authorize: Authorize | undefined, request: Request, tokenRequest: TokenRequest, policy: ExpiryPolicy): Promise<TokenRequest> {
  if (authorize === undefined) return tokenRequest;
  const verdict = await authorize(request, Object.freeze({ ...tokenRequest, types: Object.freeze([...tokenRequest.types]) }));
  if (verdict === true) return tokenRequest;
  if (typeof verdict === 'object' && verdict !== null && !Array.isArray(verdict)) {
    if (isDenial(verdict)) deny(verdict);
    return applyGrant(tokenRequest, verdict, policy);
  }
  deny({ deny: 403 });
}
