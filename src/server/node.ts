/// <reference types="node" />
/**
 * @module server/node — runs a fetch handler on `node:http`: maps the request (headers, body
 * streamed with a byte limit, client address) to a `Request`, writes the `Response` back. Works
 * as a plain `http.createServer` listener and as Express/Fastify (middie) middleware. Reading the
 * request is in node-request.ts and writing the response in node-response.ts; with those and
 * `node-serve.ts`, the only library files besides the CLI that import `node:*`.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { attachBody, attachTooLarge, CLIENT_GONE, CORS_HEADERS, PREREAD_BODY } from './adapter-protocol.ts';
import { AgoraTokenError } from '../errors.ts';
import { assertKnownKeys } from '../builders/common.ts';
import { ownFields } from '../core/assert.ts';
import { BodyConsumed, BodyTooLarge, hasBody, hostHeader, mergeGetBody, parsedBody, readLimited, requestUrl, targetOf, toHeaders } from './node-request.ts';
import { fallback, writeResponse } from './node-response.ts';
import { HttpError } from './respond.ts';

/**
 * Any fetch handler; `maxBodyBytes` and `handles` are used when present (a TokenHandler has both).
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { toNodeHandler, type FetchHandler } from 'agora-token-kit/server/node';
 *
 * const echo: FetchHandler = async (request) => new Response(await request.text());
 * createServer(toNodeHandler(echo)).listen(8080);
 * ```
 */
export type FetchHandler = ((request: Request, platform?: unknown) => Promise<Response>) & {
  readonly maxBodyBytes?: number;
  handles?(pathname: string): boolean;
};

/**
 * One finished request, for access logs. Carries no headers, bodies or query strings.
 * @example
 * ```ts
 * toNodeHandler(handler, { onResponse: (e: AccessLogEntry) => console.log(`${e.method} ${e.path} ${e.status}`) });
 * ```
 */
export interface AccessLogEntry {
  /** The request method, e.g. `GET`. */
  method: string;
  /** Path without the query string. */
  path: string;
  /** The HTTP status sent. */
  status: number;
  /** Milliseconds from the adapter receiving the request to the response being written. */
  durationMs: number;
  /** The socket's peer (behind a proxy, the proxy), also when the handler's `clientAddress` option reads another. */
  clientAddress: string | undefined;
}

/**
 * Options of {@link toNodeHandler}.
 * @example
 * ```ts
 * toNodeHandler(handler, { origin: 'https://tokens.example.com', maxBodyBytes: 4096 });
 * ```
 */
export interface NodeHandlerOptions {
  /** Body limit in bytes. Default: the handler's `maxBodyBytes`, else 1 MiB. */
  maxBodyBytes?: number | undefined;
  /**
   * Public origin used to build request URLs, e.g. `'https://tokens.example.com'` behind a proxy.
   * Default: from the Host header. Under `serve()`, for an `insecureAllowAnyone` handler, its host
   * is also the one host name served besides localhost and IP addresses.
   */
  origin?: string | undefined;
  /**
   * Called after each response (access log); may return a promise. If it throws or rejects, the
   * entry is dropped and one process warning is emitted (without the error's text): a logger's
   * failure never takes the server down.
   */
  onResponse?: ((entry: AccessLogEntry) => void) | undefined;
  /**
   * Time the handler has to return its Response once the request has been read, in milliseconds
   * (1..2147483647); then the client gets a 503 `ERR_RESPONSE_TIMEOUT` (with the CORS headers of a
   * `createTokenHandler` handler, so a browser page can read it) and the connection is closed, so a
   * hook that never settles (an `authorize` waiting on a dead database) cannot hold requests
   * forever. The Response's body is then written as it comes. Default: no limit here (your
   * framework's applies); `serve()` sets 30 s.
   */
  responseTimeoutMs?: number | undefined;
}

/**
 * A node:http listener that is also Express/Connect-style middleware (`next` is called for other
 * paths). For a request it answers, it returns a promise that settles (never rejects) once the
 * response is written and logged, so frameworks that await their handlers (Next.js API routes) see
 * when it is done; for a path it passes on, it returns nothing.
 * @example
 * ```ts
 * const app = express();
 * app.use(toNodeHandler(handler)); // token routes here, everything else falls through
 * ```
 */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void> | void;

const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
const HOST_REFUSED =
  'host: this server issues tokens to anyone (insecureAllowAnyone), so it answers only requests for an IP address or localhost, not a host name (DNS rebinding); behind a proxy or tunnel, set origin (--public-origin) to its public URL';
/** The adapter's own option names (serve() accepts them too). */
export const ADAPTER_OPTIONS: string[] = ['maxBodyBytes', 'origin', 'onResponse', 'responseTimeoutMs'];

/** toNodeHandler's arguments, checked when the adapter is made rather than on every request. */
function checkAdapterOptions(handler: unknown, options: unknown): void {
  const invalid = (field: string, rule: string): never => {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `toNodeHandler: ${field}: ${rule}`, { field });
  };
  if (typeof handler !== 'function') invalid('handler', 'expected a fetch handler, (request) => Response (e.g. from createTokenHandler)');
  if (typeof options !== 'object' || options === null) invalid('options', 'expected an object');
  assertKnownKeys(options as object, ADAPTER_OPTIONS, 'options', 'toNodeHandler: ');
  const { maxBodyBytes, onResponse, responseTimeoutMs } = options as NodeHandlerOptions;
  if (maxBodyBytes !== undefined && !(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes > 0)) invalid('maxBodyBytes', 'expected a whole number of bytes above 0');
  if (responseTimeoutMs !== undefined && !(Number.isSafeInteger(responseTimeoutMs) && responseTimeoutMs > 0 && responseTimeoutMs <= 0x7fffffff)) invalid('responseTimeoutMs', 'expected a whole number of milliseconds in 1..2147483647');
  if (onResponse !== undefined && typeof onResponse !== 'function') invalid('onResponse', 'expected a function');
}

/**
 * The `origin` option as scheme://host[:port]. A trailing slash is dropped; a path, query or
 * fragment is refused: request paths are appended to it, so 'https://x/' would make every route '//…'.
 */
function originOf(value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]$/.test(value as string)) {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', "origin: expected an http(s) origin such as 'https://tokens.example.com', without a path", { field: 'origin' });
  }
  return url.origin;
}

/**
 * Adapts a fetch handler to `node:http`. Pass the result to `http.createServer`, or mount it:
 * `app.use(toNodeHandler(handler))` (Express; mounted under a path, routes are matched below it).
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createTokenHandler } from 'agora-token-kit/server';
 * import { toNodeHandler } from 'agora-token-kit/server/node';
 * createServer(toNodeHandler(createTokenHandler({ appId, appCertificate, authorize }))).listen(8080);
 * ```
 */
export function toNodeHandler(handler: FetchHandler, options: NodeHandlerOptions = {}): NodeHandler {
  return nodeHandler(handler, options);
}

/**
 * toNodeHandler, plus, for serve(), `hostAllowed`: a request whose Host it refuses gets a 403 naming
 * `host` (serve()'s DNS-rebinding check for handlers open to anyone), answered and logged like any
 * other error, with its body unread.
 */
export function nodeHandler(handler: FetchHandler, options: NodeHandlerOptions, hostAllowed?: (host: string) => boolean): NodeHandler {
  if (typeof options === 'object' && options !== null) options = ownFields(options); // the values checked are the values used
  checkAdapterOptions(handler, options);
  const limit = options.maxBodyBytes ?? handler.maxBodyBytes ?? 1 << 20;
  const origin = options.origin === undefined ? undefined : originOf(options.origin);
  const onResponse = options.onResponse;
  let warned = false;
  /**
   * A logger's bug must not take the server down: this promise chain has no one to reject to, and
   * an unhandled rejection ends the process. One warning per adapter, naming only the error's
   * kind (the error may carry what the hook was logging); later failures are dropped quietly.
   */
  const hookFailed = (error: unknown): void => {
    if (warned) return;
    warned = true;
    let kind: string = typeof error;
    try {
      const name = (error as { name?: unknown } | null)?.name;
      if (typeof name === 'string') kind = name.slice(0, 40);
    } catch {
      // a throwing `name` getter: keep the typeof
    }
    process.emitWarning(`the onResponse hook failed (${kind}); its log entries are dropped (reported once)`, 'AgoraTokenKitWarning');
  };

  const timeoutMs = options.responseTimeoutMs;
  /** The handler's response, or a 503 once responseTimeoutMs has passed (a late answer is discarded). */
  function answered(pending: Promise<Response>, res: ServerResponse, request: Request, abort: () => void): Promise<Response> {
    if (timeoutMs === undefined) return pending;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        abort(); // a late answer must not issue a token the client never gets (request.signal)
        if (!res.headersSent) res.setHeader('connection', 'close');
        // Our handler's CORS headers, so that the page that asked can read the 503 (a fetch() of
        // an answer without them fails as a network error, indistinguishable from an outage).
        let headers: Record<string, string> = {};
        try {
          headers = (handler as { [CORS_HEADERS]?: (r: Request) => Record<string, string> })[CORS_HEADERS]?.(request) ?? {};
        } catch {
          // not ours, or it failed: the 503 goes out without them
        }
        reject(new HttpError(503, 'ERR_RESPONSE_TIMEOUT', `the server did not answer within ${timeoutMs} ms`, { headers }));
      }, timeoutMs);
      // Neither a graceful close nor the process's exit waits for it, and a client gone stops it.
      timer.unref?.();
      res.once('close', () => clearTimeout(timer));
    });
    pending.then(
      (response) => {
        if (timedOut) response.body?.cancel().catch(() => {});
      },
      () => {},
    );
    return Promise.race([pending, late]).finally(() => clearTimeout(timer));
  }

  async function run(req: IncomingMessage, res: ServerResponse, target: string, clientAddress: string | undefined): Promise<number> {
    const method = req.method ?? 'GET';
    // Fetch cannot represent these (Request throws); they are never token requests.
    if (FORBIDDEN_METHODS.has(method)) throw new HttpError(405, 'ERR_METHOD_NOT_ALLOWED', `method: ${method} is not supported`, { field: 'method' });
    // No Host at all is answered below (HTTP/1.1 requires one; browsers always send it).
    const host = hostHeader(req);
    if (hostAllowed !== undefined && host !== undefined && !hostAllowed(host)) {
      res.setHeader('connection', 'close'); // unread, the body must not keep streaming in
      throw new HttpError(403, 'ERR_FORBIDDEN', HOST_REFUSED, { field: 'host' });
    }
    if (req.httpVersion === '1.1' && host === undefined) throw new HttpError(400, 'ERR_BAD_REQUEST', 'host: required in HTTP/1.1', { field: 'host' });
    const url = requestUrl(req, target, origin, host);
    const headers = toHeaders(req);
    let body: Uint8Array | undefined;
    const branded = (handler as { [PREREAD_BODY]?: boolean })[PREREAD_BODY] === true;
    let tooLarge = false;
    // A path the handler does not serve gets its 404 without the body being read (or a 413 first);
    // the connection is then closed, so an unread body cannot keep streaming into it.
    const served = handler.handles === undefined || handler.handles(url.pathname);
    if (!served) {
      if (hasBody(req)) res.setHeader('connection', 'close');
    } else if (method !== 'GET' && method !== 'HEAD') {
      try {
        body = parsedBody(req) ?? (await readLimited(req, limit));
      } catch (error) {
        // Our own handler, with the same limit, answers the 413 (with CORS headers); others get the fallback.
        if (!(error instanceof BodyTooLarge) || !branded || limit !== handler.maxBodyBytes) throw error;
        tooLarge = true;
        if (error.closeConnection) res.setHeader('connection', 'close');
      }
    }
    // A body parser that ran before us (express.json() parses GET bodies too) has consumed the stream.
    else if (hasBody(req)) mergeGetBody(url, headers, parsedBody(req) ?? (await readLimited(req, limit)));
    const handOver = body !== undefined && body.length > 0 && branded;
    // Set when the client goes away before its answer is written (or the 503 of responseTimeoutMs
    // goes out): the handler then issues nothing and calls no onIssue (see CLIENT_GONE).
    let gone = false;
    res.once('close', () => {
      if (!res.writableFinished) gone = true;
    });
    let request: Request;
    try {
      request = new Request(url, { method, headers, ...(body && body.length > 0 && !handOver ? { body: body as Uint8Array<ArrayBuffer> } : {}) });
    } catch {
      throw new HttpError(400, 'ERR_BAD_REQUEST', 'request: cannot be represented as a Fetch Request', { field: 'method' });
    }
    Object.defineProperty(request, CLIENT_GONE, { value: () => gone });
    if (handOver) attachBody(request, body!);
    if (tooLarge) attachTooLarge(request);
    const response = await answered(handler(request, { clientAddress, req, res }), res, request, () => void (gone = true));
    await writeResponse(res, response, method === 'HEAD');
    return response.status;
  }

  let warnedConsumed = false;
  return (req, res, next) => {
    const started = performance.now();
    const target = targetOf(req, handler);
    const path = target.split('?', 1)[0]!;
    // The socket's peer, never a forwarded header (any client can send one; see the handler's
    // clientAddress option for using a proxy's, e.g. Express's req.ip, which the platform carries).
    const clientAddress = req.socket.remoteAddress;
    let elsewhere = false;
    try {
      elsewhere = next !== undefined && handler.handles !== undefined && !handler.handles(path);
    } catch {
      // A custom handler's handles() that throws: run() calls it again and answers the 500.
    }
    if (elsewhere) {
      next!();
      return;
    }
    return run(req, res, target, clientAddress)
      .catch((error) => {
        if (error instanceof BodyConsumed && !warnedConsumed) {
          warnedConsumed = true;
          process.emitWarning(
            'a request body was read by middleware before the token handler and is not on req.body (e.g. a Koa or Fastify body parser); mount the handler before it, or set req.body to the parsed body (answered 500, reported once)',
            'AgoraTokenKitWarning',
          );
        }
        return fallback(res, error).then(() => res.statusCode);
      })
      .catch(() => {
        res.destroy();
        return 500;
      })
      .then((status) => {
        if (res.getHeader('connection') === 'close') req.socket.destroySoon?.(); // an unread body must not keep streaming in
        if (onResponse === undefined) return;
        try {
          const done: unknown = onResponse({ method: req.method ?? '', path, status, durationMs: performance.now() - started, clientAddress });
          // An async logger (`async (e) => db.insert(e)`) rejects instead of throwing.
          if (typeof (done as Promise<unknown> | undefined)?.then === 'function') (done as Promise<unknown>).then(undefined, hookFailed);
        } catch (error) {
          hookFailed(error);
        }
      });
  };
}
