/**
 * @module server/respond — JSON responses: one error type carrying an HTTP status, the headers
 * every answer gets (no caching of tokens, no MIME sniffing), and the error-to-status mapping.
 */

import { isAgoraTokenError } from '../errors.ts';
import type { ErrorBody, ServerErrorCode } from './types.ts';

/** An error that becomes a JSON error response. Messages are shown to clients: never put a secret in one. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: ServerErrorCode | string, message: string, options: { field?: string | undefined; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.headers = options.headers ?? {};
  }
}

// Tokens are bearer credentials: no cache (browser, proxy or CDN) may keep a response. The same
// headers as agora-token-service's nocache middleware, plus nosniff.
const BASE_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['content-type', 'application/json; charset=utf-8'],
  ['cache-control', 'private, no-cache, no-store, must-revalidate'],
  ['expires', '-1'],
  ['pragma', 'no-cache'],
  ['x-content-type-options', 'nosniff'],
];

// The JSON text of responses built here, so the node adapter can write it without reading the
// Response's body stream back (a Response is immutable, so the text stays its body).
const serialized = new WeakMap<Response, string>();

/** The JSON text of a response made by {@link json}, if it is one. */
export function serializedBody(response: Response): string | undefined {
  return serialized.get(response);
}

/** A JSON response with the base headers plus `extra`. A `null` body sends headers only (HEAD, 204). */
export function json(status: number, body: unknown, extra?: Readonly<Record<string, string>>): Response {
  const headers = new Headers(BASE_HEADERS as [string, string][]);
  if (extra) for (const name in extra) headers.set(name, extra[name]!);
  if (body === null) {
    headers.delete('content-type');
    return new Response(null, { status, headers });
  }
  const text = JSON.stringify(body);
  const response = new Response(text, { status, headers });
  serialized.set(response, text);
  return response;
}

/** The `{ error: { code, message, field? } }` body of an error. */
export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return field === undefined ? { error: { code, message } } : { error: { code, message, field } };
}

/** AgoraTokenErrors that one of the caller's hooks threw (server/handler): a 500, not the client's 400. */
export const HOOK_ERRORS: WeakSet<object> = /* @__PURE__ */ new WeakSet();

/**
 * Maps anything thrown while handling a request to an {@link HttpError}: HttpError as is, an
 * AgoraTokenError validation failure (its message names the field, never a secret) to 400,
 * everything else to a 500 whose message reveals nothing.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  // Only input-validation codes are the client's fault; ERR_NOT_SUPPORTED and the like are ours.
  if (isAgoraTokenError(error) && error.code.startsWith('ERR_INVALID_') && !HOOK_ERRORS.has(error)) return new HttpError(400, error.code, error.message, { field: error.field });
  return new HttpError(500, 'ERR_INTERNAL', 'internal error');
}

/** The JSON response for an error, with optional extra headers (CORS). */
export function errorResponse(error: HttpError, extra?: Readonly<Record<string, string>>): Response {
  return json(error.status, errorBody(error.code, error.message, error.field), extra ? { ...error.headers, ...extra } : error.headers);
}
