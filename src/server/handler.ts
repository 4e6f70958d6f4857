/**
 * @module server/handler — `createTokenHandler`: a Web-standard `(Request) => Promise<Response>`
 * token server. Each request goes through the same gates in order — origin, route, method, rate
 * limit, media type and size, validation, token-type policy, authorize — and only then is signed.
 */

import { assertBuildEnvironment } from '../core/environment.ts';
import { TIMESTAMP_THRESHOLD, unixSeconds } from '../core/random.ts';
import { AgoraTokenError, isAgoraTokenError } from '../errors.ts';
import { authorizeRequest } from './authorize.ts';
import { CLIENT_GONE, CORS_HEADERS, OPEN_TO_ANYONE, PREREAD_BODY } from './adapter-protocol.ts';
import { readJsonObject } from './body.ts';
import { defaultClientAddress } from './client-address.ts';
import { checkOrigin, preflight } from './cors.ts';
import { issueTokens } from './issue.ts';
import { resolveOptions, type ResolvedOptions, type TokenHandlerOptions } from './options.ts';
import type { ExpiryPolicy } from './params.ts';
import { parseTokenRequest } from './requests.ts';
import { errorResponse, HOOK_ERRORS, HttpError, json, toHttpError } from './respond.ts';
import { matchRoute, relativeSegments, type RouteMatch } from './routes.ts';
import type { TokenRequest } from './types.ts';

/**
 * The handler `createTokenHandler` returns: call it with a `Request`. The optional second
 * argument is whatever the platform passes (Deno's `info`, Bun's `server`, the node adapter's
 * `{ clientAddress }`, or Hono's `c.env` as `hono/mount` passes it on) and is only used to find the
 * client address.
 * @example
 * ```ts
 * const handler: TokenHandler = createTokenHandler({ appId, appCertificate, authorize });
 * Deno.serve(handler);                       // or: export default { fetch: handler }
 * ```
 */
export interface TokenHandler {
  (request: Request, platform?: unknown): Promise<Response>;
  /** The body limit, so adapters can stop reading early. */
  readonly maxBodyBytes: number;
  /** True when `pathname` is one of this handler's routes (adapters pass other paths to `next`). */
  handles(pathname: string): boolean;
}

function notFound(): HttpError {
  return new HttpError(404, 'ERR_NOT_FOUND', 'path: no such endpoint', { field: 'path' });
}

function assertEnabled(o: ResolvedOptions, req: TokenRequest): void {
  for (const type of req.types) {
    if (!o.tokenTypes.has(type)) throw new HttpError(403, 'ERR_TOKEN_TYPE_DISABLED', `tokenType: ${type} tokens are not issued by this server (server option tokenTypes)`, { field: 'tokenType' });
  }
  // An RTM token with a stream channel carries RTC privileges on it: a server without rtc must not issue them.
  if (req.streamChannel !== undefined && !o.tokenTypes.has('rtc')) {
    throw new HttpError(403, 'ERR_TOKEN_TYPE_DISABLED', 'channel: an RTM token for a stream channel also grants RTC privileges there, and this server does not issue rtc tokens (server option tokenTypes); ask without a channel', { field: 'channel' });
  }
}

/** Longest Retry-After sent: a day. A limiter asking for more (or for Infinity) is clamped to it. */
const MAX_RETRY_AFTER_SECONDS = 86_400;

function issuedAtNow(o: ResolvedOptions): number {
  const t = o.now ? o.now() : unixSeconds();
  // Checked here, as the server's own fault (a 500): left to the builder, 0 or a duration would be
  // a 400 blaming the client for an issuedAt it never sent.
  if (!Number.isInteger(t) || t < TIMESTAMP_THRESHOLD || t > 0xffffffff) throw new Error('now() must return whole Unix seconds (after 2001, not milliseconds)');
  return t;
}

/**
 * Runs one of the caller's hooks. A hook that throws is the server's fault (a 500 and onError, as
 * documented), also when what it threw is an AgoraTokenError of its own (a decode or a build in
 * authorize): unmarked, an ERR_INVALID_ code would answer a 400 blaming the client with the hook's
 * message, and onError (whose default logs the stack) would never see it.
 */
async function hook<T>(run: () => T): Promise<Awaited<T>> {
  try {
    return await run();
  } catch (error) {
    if (isAgoraTokenError(error)) HOOK_ERRORS.add(error);
    throw error;
  }
}

async function handleToken(o: ResolvedOptions, policy: ExpiryPolicy, request: Request, url: URL, route: RouteMatch & { name: TokenRequest['endpoint'] }, platform: unknown): Promise<Record<string, string>> {
  // Only text is an address: a hook returning an object would give the rate limiter a new key per
  // request (never limiting) and onIssue a value its type does not allow.
  const address: unknown = await hook(() => (o.clientAddress ?? defaultClientAddress)(request, platform));
  const clientAddress = typeof address === 'string' && address !== '' ? address : undefined;
  if (o.rateLimit) {
    const limited = await hook(() => o.rateLimit!(request, { endpoint: route.name, clientAddress }));
    if (limited) {
      // Retry-After is delay-seconds (RFC 9110): a whole number; Infinity or 1e21 would print as text.
      const raw: unknown = limited.retryAfterSeconds;
      const asked = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : Number.NaN; // a Symbol or a bare object would throw
      const seconds = asked > MAX_RETRY_AFTER_SECONDS ? MAX_RETRY_AFTER_SECONDS : Math.max(1, Math.ceil(asked) || 1);
      throw new HttpError(429, 'ERR_RATE_LIMITED', `too many requests: retry after ${seconds} s`, { headers: { 'retry-after': String(seconds) } });
    }
  }
  const body = request.method === 'POST' ? await readJsonObject(request, o.maxBodyBytes) : undefined;
  const issuedAt = issuedAtNow(o);
  const asked = parseTokenRequest({ endpoint: route.name, params: route.params, query: url.searchParams, body, policy, clientAddress, now: issuedAt });
  assertEnabled(o, asked);
  const granted = await hook(() => authorizeRequest(o.authorize, request, asked, policy));
  stillWanted(request);
  const result = await issueTokens(granted, { appId: o.appId, appCertificate: o.appCertificate, issuedAt, signing: o.signing });
  stillWanted(request);
  if (o.onIssue) {
    const { endpoint, types, channel, uid, role, rtmUserId, streamChannel, chatUserId, expiresInSeconds } = granted;
    await hook(() => o.onIssue!({ endpoint, types, channel, uid, role, rtmUserId, streamChannel, chatUserId, expiresInSeconds, issuedAt, clientAddress, request }));
  }
  return result;
}

/**
 * Stops a request whose client has gone (its signal aborted, as Bun does on a closed connection,
 * or the Node adapter's CLIENT_GONE: a closed connection or its 503 after responseTimeoutMs), so
 * that no token is signed or reported to onIssue for an answer nobody receives. The status only
 * reaches logs. Not on Deno: Deno 2.9 prints a warning about its legacy abort behaviour into the
 * app's log at the first read of a Deno.serve request's `signal`, so there the signal is left alone.
 */
function stillWanted(request: Request): void {
  const signal = typeof (globalThis as { Deno?: unknown }).Deno === 'object' ? undefined : request.signal;
  if (signal?.aborted || (request as { [CLIENT_GONE]?: () => boolean })[CLIENT_GONE]?.() === true) throw new HttpError(408, 'ERR_REQUEST_ABORTED', 'request: the client went away before the token was issued');
}

/**
 * onError's default. The response says only "internal error", so without this line an operator would
 * see a bare 500 (Express and Hono log such errors by default too). Only the stack (name, message,
 * frames), as Express logs it: not the error object, whose own properties may hold a hook's secrets
 * (an HTTP client's error carries its request headers). The path is logged without its query.
 */
function logInternalError(error: unknown, request: Request): void {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : `a thrown ${typeof error}`;
  console.error(`agora-token-kit: 500 internal error for ${request.method} ${new URL(request.url).pathname}: ${text}`);
}

/**
 * Creates a token server as a fetch handler: runs as is in Cloudflare Workers, Deno.serve,
 * Bun.serve, Next.js / Remix route handlers and Hono; in Node use `agora-token-kit/server/node`.
 * Throws an AgoraTokenError at creation for bad options — including a missing `authorize` — and
 * `ERR_UNSAFE_ENVIRONMENT` on a browser page (window and document globals, as in Jest or Vitest DOM
 * environments) or in a React Native app, where every build would be refused and each request
 * would answer 500; a demo that opts in with `dangerouslyAllowBrowserBuilds()` does so before
 * creating the handler.
 * @example
 * ```ts
 * import { createTokenHandler } from 'agora-token-kit/server';
 * const handler = createTokenHandler({
 *   appId: env.AGORA_APP_ID, appCertificate: env.AGORA_APP_CERTIFICATE,
 *   cors: { origins: ['https://app.example.com'] },
 *   authorize: async (request, asked) => {
 *     const user = await sessionUser(request);           // your auth
 *     if (!user) return { deny: 401 };
 *     // Pin the caller's identities (each token type has its own) and keep the asked role.
 *     return { uid: user.agoraUid, rtmUserId: user.id, chatUserId: user.id, role: asked.role };
 *   },
 * });
 * export default { fetch: handler };                     // Cloudflare Workers
 * ```
 */
export function createTokenHandler(options: TokenHandlerOptions): TokenHandler {
  const o = resolveOptions(options);
  try {
    assertBuildEnvironment();
  } catch {
    // Said here, once, rather than as an opaque 500 per request (the cause reached only onError).
    throw new AgoraTokenError(
      'ERR_UNSAFE_ENVIRONMENT',
      'createTokenHandler: this looks like a browser page or a React Native app, where builds are refused. ' +
        'In Jest or Vitest, test server code in the node environment, not jsdom, happy-dom or a React Native preset (demos: call dangerouslyAllowBrowserBuilds() before this)',
    );
  }
  const policy: ExpiryPolicy = { defaultSeconds: o.defaultExpiresInSeconds, maxSeconds: o.maxExpiresInSeconds };

  async function handle(request: Request, platform?: unknown): Promise<Response> {
    let cors: Record<string, string> | undefined;
    try {
      const url = new URL(request.url);
      cors = checkOrigin(o.cors, request, url);
      const segments = relativeSegments(url.pathname, o.basePath);
      const route = segments && matchRoute(segments);
      if (!route) throw notFound();
      if (request.method === 'OPTIONS') return preflight(o.cors, request, route.methods, cors);
      if (!route.methods.includes(request.method)) {
        throw new HttpError(405, 'ERR_METHOD_NOT_ALLOWED', `method: ${route.methods.join(' or ')} expected for this path`, { field: 'method', headers: { allow: [...route.methods, 'OPTIONS'].join(', ') } });
      }
      if (route.name === 'ping') {
        if (request.method !== 'HEAD') return json(200, { message: 'pong' }, cors);
        const head = json(200, null, cors);
        head.headers.set('content-type', 'application/json; charset=utf-8'); // what GET would send
        return head;
      }
      const body = await handleToken(o, policy, request, url, route as RouteMatch & { name: TokenRequest['endpoint'] }, platform);
      return json(200, body, cors);
    } catch (error) {
      const http = toHttpError(error);
      if (http.status >= 500) {
        try {
          // An async reporter's rejection is caught too: unhandled, it would end a Node process.
          const reported = (o.onError ?? logInternalError)(error, request) as unknown;
          if (typeof (reported as PromiseLike<unknown> | undefined)?.then === 'function') (reported as PromiseLike<unknown>).then(undefined, () => {});
        } catch {
          // a failing error reporter must not turn a 500 into a crash
        }
      }
      return errorResponse(http, cors);
    }
  }

  function handles(pathname: string): boolean {
    const segments = relativeSegments(pathname, o.basePath);
    try {
      return segments !== undefined && matchRoute(segments) !== undefined;
    } catch {
      return true; // a malformed parameter of one of our routes: answer it (400)
    }
  }

  function corsHeaders(request: Request): Record<string, string> {
    try {
      return checkOrigin(o.cors, request, new URL(request.url));
    } catch {
      return {}; // a refused origin gets no CORS headers, as its 403 would not
    }
  }

  return Object.assign(handle, { maxBodyBytes: o.maxBodyBytes, handles, [PREREAD_BODY]: true, [OPEN_TO_ANYONE]: o.authorize === undefined, [CORS_HEADERS]: corsHeaders });
}
