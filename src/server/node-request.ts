/// <reference types="node" />
/**
 * @module server/node-request — reads a `node:http` request for the Node adapter (server/node.ts):
 * its Host, URL, headers and routing target, and its body, streamed with a byte limit or taken from
 * a body parser that already read it.
 */

import type { IncomingMessage } from 'node:http';
import type { FetchHandler } from './node.ts';
import { HttpError } from './respond.ts';

// After the limit we keep reading (and discarding) up to this much, so an over-limit client gets
// its 413 over a healthy connection; beyond it the connection is closed.
const DRAIN_BYTES = 1 << 20;
/** A Host header usable as a URL authority: a name or an IPv4/bracketed IPv6 address, an optional port. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** A body over the limit: answered 413, closing the connection when the client sent far more than the limit. */
export class BodyTooLarge extends Error {
  readonly limit: number;
  readonly closeConnection: boolean;
  constructor(limit: number, closeConnection: boolean) {
    super('body too large');
    this.limit = limit;
    this.closeConnection = closeConnection;
  }
}

/**
 * The Host header as sent. req.headers keeps only the first server.maxHeadersCount headers (serve()
 * sets 100), rawHeaders keeps all, and the handler sees those: a Host after the 100th header counts.
 */
export function hostHeader(req: IncomingMessage): string | undefined {
  if (req.headers.host !== undefined) return req.headers.host;
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'host') return raw[i + 1];
  return undefined;
}

/** The request's URL: under `origin` when given, else the Host the client sent (when well formed) or localhost. */
export function requestUrl(req: IncomingMessage, path: string, origin: string | undefined, host: string | undefined): URL {
  const base = origin ?? `${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${host !== undefined && HOST.test(host) ? host : 'localhost'}`;
  try {
    // Only origin-form targets are ours; an absolute-form or '*' target maps to '/' (404).
    return new URL(path.startsWith('/') ? `${base}${path}` : `${base}/`);
  } catch {
    throw new HttpError(400, 'ERR_BAD_REQUEST', 'path: not a valid request target', { field: 'path' });
  }
}

/**
 * The request's headers as Fetch Headers, from rawHeaders (every header, as sent), or from
 * req.headers when rawHeaders is empty: serverless wrappers such as serverless-http build requests
 * that fill only req.headers, where rawHeaders alone would leave the handler without Authorization,
 * Origin or Content-Type.
 */
export function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const add = (name: string, value: string) => {
    if (name.startsWith(':')) return; // HTTP/2 pseudo-headers
    try {
      headers.append(name, value);
    } catch {
      // a header value Fetch refuses (it cannot matter to the handler): drop it
    }
  };
  const raw = req.rawHeaders ?? [];
  if (raw.length > 0) {
    for (let i = 0; i + 1 < raw.length; i += 2) add(raw[i]!, raw[i + 1]!);
    return headers;
  }
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') add(name, value);
    else if (Array.isArray(value)) for (const v of value) add(name, v);
  }
  return headers;
}

/**
 * The request target to route: req.url, or Express's req.originalUrl when the app mounted the
 * handler under a path (`app.use('/api/token', …)`), which Express strips from req.url, and only
 * the full path is one the handler serves (it was made with that path as its basePath). Mounted
 * without a basePath, req.url stays the target.
 */
export function targetOf(req: IncomingMessage, handler: FetchHandler): string {
  const url = req.url ?? '/';
  const original = (req as { originalUrl?: unknown }).originalUrl;
  if (typeof original !== 'string' || original === url || !original.startsWith('/') || handler.handles === undefined) return url;
  const path = (target: string) => target.split('?', 1)[0]!;
  try {
    return !handler.handles(path(url)) && handler.handles(path(original)) ? original : url;
  } catch {
    return url; // a custom handles() that throws: run() calls it again and answers the 500
  }
}

/** The body, read up to `limit` bytes (then drained up to DRAIN_BYTES more, or the connection is closed). */
export function readLimited(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit + DRAIN_BYTES) return Promise.reject(new BodyTooLarge(limit, true));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (error?: Error) => {
      req.off('data', onData).off('end', onEnd).off('error', onFail).off('aborted', onFail);
      if (error) reject(error);
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit + DRAIN_BYTES) {
        req.pause();
        done(new BodyTooLarge(limit, true));
      } else if (total <= limit) chunks.push(chunk);
    };
    const onEnd = () => done(total > limit ? new BodyTooLarge(limit, false) : undefined);
    const onFail = () => done(new HttpError(400, 'ERR_BAD_REQUEST', 'body: the request was aborted', { field: 'body' }));
    req.on('data', onData).on('end', onEnd).on('error', onFail).on('aborted', onFail);
  });
}

/**
 * A body an Express/Connect body parser already consumed, re-serialized; undefined if none.
 * A body read by middleware that keeps it elsewhere (Koa's ctx.request.body, Fastify's
 * request.body) is gone from the stream and not on req.body: that is a 500 with a process warning
 * saying how to mount the handler, not an empty body (which would make a valid POST a 400 ERR_INVALID_JSON).
 */
export function parsedBody(req: IncomingMessage): Uint8Array | undefined {
  if (!req.readableEnded) return undefined;
  const body = (req as { body?: unknown }).body;
  if (body === undefined) {
    if (hasBody(req)) throw new BodyConsumed();
    return new Uint8Array(0);
  }
  if (body instanceof Uint8Array) return body;
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
}

/** See parsedBody. */
export class BodyConsumed extends Error {}

/** Whether the request declares a body (chunked, or a non-zero content-length). */
export function hasBody(req: IncomingMessage): boolean {
  // String(): wrappers such as serverless-http set content-length as a number.
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && String(length) !== '0');
}

/**
 * Fetch cannot carry a GET body, yet the Agora docs' sample client sends `{ uid, channelName }`
 * as the JSON body of a GET. Its scalar fields become query parameters (never overriding ones
 * given in the URL), so the handler sees them.
 */
export function mergeGetBody(url: URL, headers: Headers, bytes: Uint8Array): void {
  if (bytes.length === 0 || !/^application\/json\b/i.test(headers.get('content-type') ?? '')) return;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, 'ERR_INVALID_JSON', 'body: not valid UTF-8 JSON', { field: 'body' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const given = new Set([...url.searchParams.keys()].map((k) => k.toLowerCase()));
  for (const [key, v] of Object.entries(value)) {
    // Never over a URL field, whatever its letter case (/fetch_rtc_token reads fields in any case).
    if (!given.has(key.toLowerCase()) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) url.searchParams.set(key, String(v));
  }
}
