/// <reference types="node" />
/**
 * @module cli/serve-auth — the `authorize` hooks the `serve` command can build without code:
 * API keys (server-to-server callers) and forward auth (ask your own auth service, like nginx
 * `auth_request`), plus the proxy-aware client address.
 */

import { timingSafeEqual } from 'node:crypto';
import { GRANT_FIELDS } from '../server/authorize.ts';
import type { Authorize, AuthorizeResult } from '../server/types.ts';

/** `Authorization: Bearer <key>` must match one of `keys` (constant-time). */
export function apiKeyAuthorize(keys: readonly string[]): Authorize {
  const expected = keys.map((k) => Buffer.from(k));
  return (request) => {
    const header = request.headers.get('authorization') ?? '';
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
    if (!match) return { deny: 401, message: 'authorization: Bearer API key required' };
    const given = Buffer.from(match[1]!);
    let ok = false;
    for (const key of expected) if (key.length === given.length && timingSafeEqual(key, given)) ok = true;
    return ok ? true : { deny: 401, message: 'authorization: unknown API key' };
  };
}

/** What a forward-auth 2xx body may carry: a grant's fields, or a denial. */
const FORWARDED_FIELDS = new Set([...GRANT_FIELDS, 'deny', 'message']);

/**
 * Forward auth: POSTs the validated token request as JSON to `url` with the caller's
 * `Authorization` and `Cookie` headers. 2xx allows (the grant fields of a JSON object body narrow
 * the request; other fields are ignored), 401 and 403 deny; anything else (including a timeout) fails closed with a 500.
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
    const text = await response.text();
    if (text.trim() === '') return true;
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return true;
    // A 2xx is the auth service's "allow"; of its body only grant fields (and a deny) count, so a
    // reply such as { "ok": true, "user": … } allows as asked instead of being an invalid grant.
    const picked: Record<string, unknown> = Object.fromEntries(Object.entries(body).filter(([key]) => FORWARDED_FIELDS.has(key)));
    if (!('deny' in picked)) delete picked['message']; // a message only goes with a denial
    return picked as AuthorizeResult;
  };
}

/** Client address that trusts one proxy hop: the last `X-Forwarded-For` entry, else the peer. */
export function proxiedClientAddress(request: Request, platform: unknown): string | undefined {
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').pop()?.trim();
  if (last && /^[0-9A-Fa-f:.]{2,45}$/.test(last)) return last;
  const p = platform as { clientAddress?: unknown } | undefined;
  return typeof p?.clientAddress === 'string' ? p.clientAddress : undefined;
}
