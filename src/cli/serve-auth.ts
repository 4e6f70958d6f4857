/// <reference types="node" />
/**
 * @module cli/serve-auth — the `authorize` hooks the `serve` command can build without code:
 * API keys (server-to-server callers) and forward auth (ask your own auth service, like nginx
 * `auth_request`), plus the proxy-aware client address.
 */

import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { GRANT_FIELDS } from '../server/authorize.ts';
import { readBodyBytes } from '../server/body.ts';
import type { Authorize, AuthorizeResult } from '../server/types.ts';

/** What an API key may be: visible ASCII that fits an Authorization header, as the check below reads it. */
export const API_KEY: RegExp = /^[\x21-\x7e]{1,512}$/;

/** `Authorization: Bearer <key>` (the scheme in any case, RFC 9110) must match one of `keys` (constant-time). */
export function apiKeyAuthorize(keys: readonly string[]): Authorize {
  const expected = keys.map((k) => Buffer.from(k));
  return (request) => {
    const header = request.headers.get('authorization') ?? '';
    const match = /^bearer ([\x21-\x7e]{1,512})$/i.exec(header);
    if (!match) return { deny: 401, message: 'authorization: Bearer API key required' };
    const given = Buffer.from(match[1]!);
    let ok = false;
    for (const key of expected) if (key.length === given.length && timingSafeEqual(key, given)) ok = true;
    return ok ? true : { deny: 401, message: 'authorization: unknown API key' };
  };
}

/** What a forward-auth 2xx body may carry: a grant's fields, or a denial. */
const FORWARDED_FIELDS = new Set([...GRANT_FIELDS, 'deny', 'message']);

/** The most of a forward-auth reply that is read: a verdict is a few hundred bytes. */
const MAX_REPLY_BYTES = 64 * 1024;

/**
 * The reply body as text, refusing (without reading further) one over MAX_REPLY_BYTES, by the same
 * bounded reader the token server reads request bodies with. Its errors are HTTP errors for our
 * own client; here they become the auth service's failure (a 500, failing closed).
 */
async function replyText(response: Response): Promise<string> {
  try {
    return new TextDecoder().decode(await readBodyBytes(response, MAX_REPLY_BYTES));
  } catch {
    await response.body?.cancel().catch(() => {});
    throw new Error(`forward auth reply could not be read within ${MAX_REPLY_BYTES} bytes`);
  }
}

/**
 * Forward auth: POSTs the validated token request as JSON to `url` with the caller's
 * `Authorization` and `Cookie` headers. 401 and 403 deny. A 2xx allows when its body is empty,
 * `true`, or a JSON object of grant fields (which narrow the request); `false` and a JSON denial
 * (`{ "deny": 403, "message": "…" }`) deny. Any other reply, including a 2xx body with other fields
 * (`{ "allowed": false }` must not read as "allow"), a body over 64 KiB or a timeout, fails
 * closed with a 500, as the library's `authorize` does for an invalid grant.
 */
export function forwardAuthorize(url: string, timeoutMs = 5_000): Authorize {
  return async (request, tokenRequest): Promise<AuthorizeResult> => {
    const headers = new Headers({ 'content-type': 'application/json', accept: 'application/json' });
    for (const name of ['authorization', 'cookie']) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(tokenRequest), signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      return { deny: response.status };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`forward auth answered ${response.status}`);
    }
    const text = (await replyText(response)).trim();
    if (text === '' || text === 'true') return true;
    if (text === 'false') return { deny: 403 };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Not the parser's message: it quotes the start of the reply, which may be a login page.
      throw new Error('forward auth replied 2xx with a body that is not JSON (expected no body, true, false or a grant object)');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new Error('forward auth replied 2xx with JSON that is not a verdict (expected no body, true, false or a grant object)');
    }
    const unknown = Object.keys(body).filter((key) => !FORWARDED_FIELDS.has(key));
    if (unknown.length > 0) {
      throw new Error(`forward auth replied 2xx with fields that are not grant fields (${unknown.slice(0, 5).map((k) => k.slice(0, 40)).join(', ')}); expected ${[...FORWARDED_FIELDS].join(', ')}`);
    }
    // A message only goes with a denial: { "message": "not allowed" } alone is no "allow".
    if ('message' in body && !('deny' in body)) throw new Error('forward auth replied 2xx with a message but no deny (expected { "deny": 401 or 403, "message": … })');
    return body as AuthorizeResult;
  };
}

/**
 * Client address that trusts one proxy hop: the address in the last `X-Forwarded-For` entry, else
 * the peer. Some proxies (Azure's) append the client's port: "203.0.113.8:50000", or
 * "[2001:db8::1]:443" for IPv6. Without the port, each connection would get its own rate-limit
 * bucket, and a bracketed IPv6 client would share the proxy's.
 */
export function proxiedClientAddress(request: Request, platform: unknown): string | undefined {
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').pop()?.trim() ?? '';
  const address = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(last)?.[1] ?? /^([0-9.]+):\d{1,5}$/.exec(last)?.[1] ?? last;
  if (isIP(address) !== 0) return address;
  const p = platform as { clientAddress?: unknown } | undefined;
  return typeof p?.clientAddress === 'string' ? p.clientAddress : undefined;
}
