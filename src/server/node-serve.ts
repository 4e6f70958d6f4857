/// <reference types="node" />
/**
 * @module server/node-serve — `serve()`: a hardened `node:http` server around the adapter
 * (header and request timeouts, JSON answers even to requests node's parser rejects, graceful
 * close that drains in-flight requests).
 */

import { createServer, type Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AgoraTokenError } from '../errors.ts';
import { createTokenHandler } from './handler.ts';
import { ADAPTER_OPTIONS, type FetchHandler, type NodeHandlerOptions, nodeHandler } from './node.ts';
import { HANDLER_OPTIONS, type TokenHandlerOptions } from './options.ts';
import { assertKnownKeys } from '../builders/common.ts';
import { ownFields } from '../core/assert.ts';
import { errorBody } from './respond.ts';
import { OPEN_TO_ANYONE } from './adapter-protocol.ts';

/**
 * Options of {@link serve}: handler options (or a ready `handler`) plus listening and timeouts.
 * @example
 * ```ts
 * await serve({ appId, appCertificate, authorize, host: '0.0.0.0', port: 8080, headersTimeoutMs: 5000 });
 * ```
 */
export interface ServeOptions extends Partial<TokenHandlerOptions>, NodeHandlerOptions {
  /** A ready handler; otherwise one is created from the other options. */
  handler?: FetchHandler | undefined;
  /** Port; 0 picks a free one. Default 8080. */
  port?: number | undefined;
  /**
   * Interface to bind. Default '127.0.0.1' (loopback): pass '0.0.0.0' (or '::') to accept outside
   * connections. An empty string is refused: Node would bind every interface.
   */
  host?: string | undefined;
  /** Closes the server when aborted. */
  signal?: AbortSignal | undefined;
  /** Slowloris guard: time to receive all headers. Default 10 s, or `requestTimeoutMs` when that is lower. */
  headersTimeoutMs?: number | undefined;
  /** Time to receive a whole request. Default 30 s. */
  requestTimeoutMs?: number | undefined;
}

/** serve()'s default `responseTimeoutMs`: the handler's hooks (authorize, rateLimit, onIssue) get 30 s. */
const RESPONSE_TIMEOUT_MS = 30_000;

/**
 * A listening server.
 * @example
 * ```ts
 * const running: RunningServer = await serve({ handler, port: 0 });
 * console.log(running.url); await running.close();
 * ```
 */
export interface RunningServer {
  /** The underlying `node:http` server. */
  server: Server;
  /** e.g. `http://127.0.0.1:8080` */
  url: string;
  /** The port it listens on (the one the system chose when `port` was 0). */
  port: number;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs` (default 10 s), then closes every connection. Responses sent meanwhile say `Connection: close`. */
  close(graceMs?: number): Promise<void>;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 405: 'Method Not Allowed', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

function rawJson(socket: Socket, status: number, code: string, message: string): void {
  const body = JSON.stringify(errorBody(code, message));
  socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncache-control: no-store\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

// Requests node's parser rejects (bad syntax, huge headers, timeouts) get the same JSON error shape.
function onClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') rawJson(socket, 431, 'ERR_BAD_REQUEST', 'headers: too large');
  else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') rawJson(socket, 408, 'ERR_REQUEST_TIMEOUT', 'request: too slow');
  else rawJson(socket, 400, 'ERR_BAD_REQUEST', 'request: malformed HTTP');
}

/**
 * True for a Host a DNS-rebinding page cannot have made: an IP address, `localhost` (or a name
 * under it, which browsers resolve to loopback themselves), or the server's configured public host.
 */
function isSafeHost(header: string, publicHost: string | undefined): boolean {
  const h = header.toLowerCase();
  const name = h.startsWith('[') ? h.slice(1, h.indexOf(']')) : h.replace(/:\d*$/, '');
  if (name === publicHost || name === 'localhost' || name.endsWith('.localhost')) return true;
  return h.startsWith('[') ? /^[0-9a-f:.]+$/.test(name) : /^\d{1,3}(?:\.\d{1,3}){3}$/.test(name);
}

/**
 * Starts a hardened `node:http` token server (header/request timeouts, JSON answers to malformed
 * HTTP) and resolves once it listens.
 * @example
 * ```ts
 * import { serve } from 'agora-token-kit/server/node';
 * const { url, close } = await serve({ appId, appCertificate, authorize, port: 8080 });
 * process.on('SIGTERM', () => close());
 * ```
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  if (typeof options === 'object' && options !== null) options = ownFields(options); // each read once: the host checked is the host bound
  checkServeOptions(options);
  // Each part gets the options that are its own (checkServeOptions checked every key).
  const { handler: given, port: _port, host: _host, signal: _signal, headersTimeoutMs: _h, requestTimeoutMs: _r, responseTimeoutMs: _t, origin, onResponse, ...own } = options;
  // On Node the library's synchronous HMAC signs ~2.5x faster than crypto.subtle (same tokens).
  const handler = given ?? createTokenHandler({ signing: 'js', ...(own as TokenHandlerOptions) });
  const adapterOptions: NodeHandlerOptions = {
    ...(options.maxBodyBytes !== undefined && { maxBodyBytes: options.maxBodyBytes }),
    ...(origin !== undefined && { origin }),
    ...(onResponse !== undefined && { onResponse }),
    responseTimeoutMs: options.responseTimeoutMs ?? RESPONSE_TIMEOUT_MS,
  };
  // requireHostHeader: the adapter refuses a missing Host itself, with the JSON error shape.
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const headersTimeout = options.headersTimeoutMs ?? Math.min(10_000, requestTimeout);
  const listener = nodeHandler(handler, adapterOptions, hostCheck(handler, origin));
  // While draining (close), every response whose head is written from then on says `Connection:
  // close`: a keep-alive client that kept sending on its connection would otherwise hold the drain
  // open for the whole grace period. Decided when the head is written, so nothing tracks responses
  // (a set of them would leak those of pipelined requests whose connection dies before their turn).
  let draining = false;
  // One function for every response (no closure per request), over the prototype's writeHead.
  function writeHeadDraining(this: ServerResponse, ...args: unknown[]): ServerResponse {
    if (draining && !this.headersSent) this.setHeader('connection', 'close');
    return (ServerResponse.prototype.writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  }
  const server = createServer(
    {
      requestTimeout,
      headersTimeout,
      // node checks the timeouts every 30 s by default, which would let a slow client hold a socket 4x longer
      connectionsCheckingInterval: Math.max(250, Math.min(2_000, Math.floor(headersTimeout / 2))),
      requireHostHeader: false,
    },
    (req, res) => {
      res.writeHead = writeHeadDraining as ServerResponse['writeHead'];
      return listener(req, res);
    },
  );
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
  server.on('clientError', onClientError);
  server.on('connect', (_req, socket: Socket) => rawJson(socket, 405, 'ERR_METHOD_NOT_ALLOWED', 'method: CONNECT is not supported'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 8080);
  const host = options.host ?? '127.0.0.1';
  let closing: Promise<void> | undefined;
  const close = (graceMs = 10_000): Promise<void> => {
    draining = true;
    closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });
  if (options.signal?.aborted) await close(); // aborted before it listened: the event has already fired
  // An IPv6 zone id ("fe80::1%eth0") is written %25 in a URL (RFC 6874).
  return { server, url: `http://${host.includes(':') ? `[${host.replace('%', '%25')}]` : host}:${port}`, port, close };
}

/**
 * For a handler that issues tokens to anyone (insecureAllowAnyone): the Host names it may answer,
 * an IP address, localhost or the public `origin`. Otherwise a web page whose own host name the
 * attacker points at the server (DNS rebinding) is "same-origin" by the Host header and can read
 * tokens from a local demo. Servers with an authorize hook need no check: such a page has no one's
 * credentials.
 */
function hostCheck(handler: FetchHandler, origin: string | undefined): ((host: string) => boolean) | undefined {
  if ((handler as { [OPEN_TO_ANYONE]?: boolean })[OPEN_TO_ANYONE] !== true) return undefined;
  let publicHost: string | undefined;
  try {
    publicHost = origin === undefined ? undefined : new URL(origin).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    // nodeHandler refuses a malformed origin with a typed error as soon as this returns
  }
  return (host) => isSafeHost(host, publicHost);
}

const SERVE_OPTIONS = ['handler', 'port', 'host', 'signal', 'headersTimeoutMs', 'requestTimeoutMs'];

/** serve()'s own options, checked before anything listens (Node's errors would name its internals). */
function checkServeOptions(options: unknown): asserts options is ServeOptions {
  const invalid = (field: string, rule: string): never => {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `serve: ${field}: ${rule}`, { field });
  };
  if (typeof options !== 'object' || options === null) invalid('options', 'expected an object');
  const o = options as ServeOptions;
  // One list for all three parts, so that a misspelt key is refused whichever part it was meant for
  // ('hostname', Deno's and Bun's spelling, suggests host).
  assertKnownKeys(o, [...SERVE_OPTIONS, ...ADAPTER_OPTIONS, ...HANDLER_OPTIONS], 'options', 'serve: ');
  if (o.handler !== undefined) {
    // With a ready handler these would be silently unused.
    const unused = HANDLER_OPTIONS.find((k) => k !== 'maxBodyBytes' && (o as Record<string, unknown>)[k] !== undefined);
    if (unused !== undefined) invalid(unused, 'an option of createTokenHandler: with a ready handler, pass it there');
  }
  if (o.handler !== undefined && typeof o.handler !== 'function') invalid('handler', 'expected a fetch handler, (request) => Response');
  if (o.port !== undefined && !(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535)) {
    invalid('port', `expected a whole number in 0..65535 (0 picks a free port)${typeof o.port === 'string' ? ', got a string: pass Number(process.env.PORT)' : ''}`);
  }
  // '' would bind every interface, the opposite of the loopback default it looks like.
  if (o.host !== undefined && (typeof o.host !== 'string' || o.host.trim() === '')) invalid('host', "expected an interface address such as '127.0.0.1' (the default), or '0.0.0.0' / '::' for every interface");
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) invalid('signal', 'expected an AbortSignal');
  for (const field of ['headersTimeoutMs', 'requestTimeoutMs', 'responseTimeoutMs'] as const) {
    const v = o[field];
    // Node's timers take at most 2^31 - 1 ms (a larger one fires at once).
    if (v !== undefined && !(Number.isSafeInteger(v) && v > 0 && v <= 0x7fffffff)) invalid(field, 'expected a whole number of milliseconds in 1..2147483647');
  }
  if (o.headersTimeoutMs !== undefined && o.headersTimeoutMs > (o.requestTimeoutMs ?? 30_000)) invalid('headersTimeoutMs', 'must not exceed requestTimeoutMs (the time for the whole request)');
}
