/**
 * @module server/cors — CORS with an explicit origin allowlist (no `*` unless asked for) and
 * preflight answers. A browser request from an origin that is neither listed nor our own is
 * refused with 403 before any work, as agora-token-service does: the token would be unreadable
 * to that page anyway, so signing it only helps an attacker's scripted use of someone's cookies.
 */

import { AgoraTokenError } from '../errors.ts';
import { assertKnownKeys } from '../builders/common.ts';
import { ownFields } from '../core/assert.ts';
import { HttpError, json } from './respond.ts';

/**
 * Cross-origin settings.
 * @example
 * ```ts
 * const cors: CorsOptions = { origins: ['https://app.example.com', 'http://localhost:5173'], credentials: true };
 * const handler = createTokenHandler({ appId, appCertificate, authorize, cors });
 * ```
 */
export interface CorsOptions {
  /** Exact origins allowed to call the server, e.g. `['https://app.example.com']`; `['*']` allows any (no credentials then). */
  origins: readonly string[];
  /** Request headers a page may send besides `Content-Type` and `Authorization`. */
  allowHeaders?: readonly string[] | undefined;
  /** Let pages send cookies (`Access-Control-Allow-Credentials: true`). Default false. */
  credentials?: boolean | undefined;
  /** How long a browser may cache a preflight answer, in seconds. Default 600. */
  maxAgeSeconds?: number | undefined;
}

/** Resolved CORS policy. */
export interface CorsPolicy {
  anyOrigin: boolean;
  origins: ReadonlySet<string>;
  allowHeaders: string;
  credentials: boolean;
  maxAgeSeconds: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function invalid(field: string, rule: string): never {
  throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `createTokenHandler: cors.${field}: ${rule}`, { field: `cors.${field}` });
}

/** Checks CORS options: every origin must be a bare serialized origin such as `https://a.example:8443`. */
export function resolveCors(options: CorsOptions): CorsPolicy {
  if (typeof options !== 'object' || options === null) invalid('origins', 'expected an array of origins');
  options = ownFields(options); // the origins checked are the origins allowed
  if (!Array.isArray(options.origins)) invalid('origins', 'expected an array of origins');
  assertKnownKeys(options, ['origins', 'allowHeaders', 'credentials', 'maxAgeSeconds'], 'cors', 'createTokenHandler: ');
  const anyOrigin = options.origins.includes('*');
  for (const origin of options.origins as unknown[]) {
    if (origin === '*') continue;
    if (typeof origin !== 'string') invalid('origins', 'expected strings (a sparse array or another value found)');
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || parsed.origin !== origin) invalid('origins', `not a serialized origin (scheme://host[:port], no path or trailing slash): ${JSON.stringify(origin).slice(0, 80)}`);
  }
  if (options.credentials !== undefined && typeof options.credentials !== 'boolean') invalid('credentials', 'expected true or false');
  const credentials = options.credentials === true;
  if (anyOrigin && credentials) invalid('credentials', "cannot be combined with origins ['*']");
  const extra = options.allowHeaders ?? [];
  if (!Array.isArray(extra)) invalid('allowHeaders', "expected an array of header names, e.g. ['x-api-key']");
  for (const h of extra) if (typeof h !== 'string' || !TOKEN.test(h)) invalid('allowHeaders', 'expected header names');
  const maxAgeSeconds = options.maxAgeSeconds ?? 600;
  if (!Number.isSafeInteger(maxAgeSeconds) || maxAgeSeconds < 0) invalid('maxAgeSeconds', 'expected a non-negative integer');
  const allowHeaders = [...new Set(['content-type', 'authorization', ...extra.map((h) => h.toLowerCase())])].join(', ');
  return { anyOrigin, origins: new Set(options.origins), allowHeaders, credentials, maxAgeSeconds };
}

/**
 * Checks the request's origin. Returns the CORS response headers to add (none for same-origin and
 * non-browser requests); throws a 403 HttpError for an origin that is not allowed.
 */
export function checkOrigin(policy: CorsPolicy | undefined, request: Request, url: URL): Record<string, string> {
  const headers: Record<string, string> = policy ? { vary: 'Origin' } : {};
  const origin = request.headers.get('origin');
  if (origin === null) return headers;
  // Sec-Fetch-Site cannot be set by page scripts, so it identifies same-origin browser requests
  // even behind a proxy that rewrites the host.
  if (origin === url.origin || request.headers.get('sec-fetch-site') === 'same-origin') return headers;
  if (policy && (policy.anyOrigin || policy.origins.has(origin))) {
    headers['access-control-allow-origin'] = policy.anyOrigin ? '*' : origin;
    if (policy.credentials) headers['access-control-allow-credentials'] = 'true';
    headers['access-control-expose-headers'] = 'Retry-After';
    return headers;
  }
  throw new HttpError(403, 'ERR_ORIGIN_NOT_ALLOWED', 'origin: not allowed to call this token server (server option cors.origins)', { field: 'origin' });
}

/**
 * Answers an OPTIONS request: a CORS preflight (204 with the allowed methods and headers), or a
 * plain OPTIONS (204 with `Allow`). `cors` are the headers from {@link checkOrigin}.
 */
export function preflight(policy: CorsPolicy | undefined, request: Request, methods: readonly string[], cors: Record<string, string>): Response {
  const allow = [...methods, 'OPTIONS'].join(', ');
  const requested = request.headers.get('access-control-request-method');
  if (requested === null || cors['access-control-allow-origin'] === undefined) return json(204, null, { ...cors, allow });
  if (!methods.includes(requested)) {
    throw new HttpError(405, 'ERR_METHOD_NOT_ALLOWED', `method: ${methods.join(' or ')} expected for this path`, { field: 'method', headers: { allow } });
  }
  return json(204, null, {
    ...cors,
    'access-control-allow-methods': allow,
    'access-control-allow-headers': policy?.allowHeaders ?? 'content-type, authorization',
    'access-control-max-age': String(policy?.maxAgeSeconds ?? 600),
  });
}
