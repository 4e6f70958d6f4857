/**
 * @module server/options — the options of `createTokenHandler`, checked once at creation so a
 * misconfigured server refuses to start instead of failing (or leaking) per request.
 */

import { frozen } from '../core/frozen.ts';
import { assertAppId, assertCertificate, assertSeconds, ownFields } from '../core/assert.ts';
import { AgoraTokenError } from '../errors.ts';
import { assertKnownKeys } from '../builders/common.ts';
import { type CorsOptions, type CorsPolicy, resolveCors } from './cors.ts';
import type { Signing } from './issue.ts';
import type { Authorize, IssueEvent, RateLimit, TokenType } from './types.ts';

/**
 * Agora accepts at most 24 hours; the server never issues longer.
 * @example
 * ```ts
 * createTokenHandler({ appId, appCertificate, authorize, maxExpiresInSeconds: MAX_EXPIRES_IN_SECONDS });
 * ```
 */
export const MAX_EXPIRES_IN_SECONDS = 86_400;
/**
 * Default token lifetime: 1 hour (as agora-token-service).
 * @example
 * ```ts
 * createTokenHandler({ appId, appCertificate, authorize, defaultExpiresInSeconds: DEFAULT_SERVER_EXPIRES_IN_SECONDS / 2 });
 * ```
 */
export const DEFAULT_SERVER_EXPIRES_IN_SECONDS = 3600;
/**
 * Default request body limit: token requests are a few hundred bytes.
 * @example
 * ```ts
 * createTokenHandler({ appId, appCertificate, authorize, maxBodyBytes: DEFAULT_MAX_BODY_BYTES / 2 });
 * ```
 */
export const DEFAULT_MAX_BODY_BYTES = 8_192; // 8 KiB (a literal: see core/inflate/constants.ts)
/**
 * Token types enabled by default. `chat-app` (full Chat REST access) must be listed explicitly.
 * @example
 * ```ts
 * createTokenHandler({ appId, appCertificate, authorize, tokenTypes: [...DEFAULT_TOKEN_TYPES, 'chat-app'] });
 * ```
 */
// Frozen: every handler created without tokenTypes reads it, so a push('chat-app') anywhere enabled Chat app tokens.
export const DEFAULT_TOKEN_TYPES: readonly TokenType[] = /* @__PURE__ */ frozen(['rtc', 'rtm', 'chat']);

/**
 * Options of {@link createTokenHandler}. Only `appId`, `appCertificate` and `authorize` are needed.
 * @example
 * ```ts
 * const options: TokenHandlerOptions = {
 *   appId: env.AGORA_APP_ID, appCertificate: env.AGORA_APP_CERTIFICATE,
 *   authorize: (req) => (req.headers.get('authorization') === `Bearer ${env.API_KEY}` ? true : { deny: 401 }),
 *   basePath: '/api/agora', maxExpiresInSeconds: 3600, cors: { origins: ['https://app.example.com'] },
 * };
 * ```
 */
export interface TokenHandlerOptions {
  /** Your App ID (32 hex characters). */
  appId: string;
  /** Your App Certificate (32 hex characters, not equal to the App ID). Never appears in a response, an error or an event. */
  appCertificate: string;
  /**
   * Decides who gets which token (required unless `insecureAllowAnyone`). Authenticate the caller
   * here (cookie, bearer token, session) and return `true`, a narrowing grant, `false` or `{ deny: 401 }`.
   */
  authorize?: Authorize | undefined;
  /**
   * Issue any token to anyone who asks: the "fatal security flaw" of the sample servers. For local
   * demos only; the handler refuses to start without `authorize` unless this is `true`. Run by
   * `serve()`, such a handler answers only requests addressed to an IP address, localhost or the
   * `origin` option (DNS rebinding).
   */
  insecureAllowAnyone?: boolean | undefined;
  /** Path prefix the routes live under, e.g. `'/api/agora'`. Default `''`. */
  basePath?: string | undefined;
  /** Token types the server may issue. Default `['rtc', 'rtm', 'chat']`. */
  tokenTypes?: readonly TokenType[] | undefined;
  /** Lifetime when the client asks for none (or 0). Default 3600, or `maxExpiresInSeconds` when that is lower. */
  defaultExpiresInSeconds?: number | undefined;
  /** Longest lifetime a client may ask for; longer asks get a 400. Default and hard cap 86400. */
  maxExpiresInSeconds?: number | undefined;
  /** Largest request body in bytes (413 above). Default 8192. */
  maxBodyBytes?: number | undefined;
  /** Cross-origin access. Default: none (same-origin pages and non-browser clients only). */
  cors?: CorsOptions | undefined;
  /** Optional rate limiter, e.g. {@link createMemoryRateLimiter}. Runs before the handler reads the body (the Node adapter reads it first: see {@link RateLimit}). */
  rateLimit?: RateLimit | undefined;
  /** Audit hook, awaited after signing and before the response; if it throws, no token is sent (500). */
  onIssue?: ((event: IssueEvent) => void | Promise<void>) | undefined;
  /**
   * Called with the cause of every 500 (whose response says only "internal error"); a returned
   * promise's rejection is ignored. Default: one `console.error` line with the method, the path
   * (without its query) and the error's stack (not its other properties); pass `() => {}` to log nothing.
   */
  onError?: ((error: unknown, request: Request) => void) | undefined;
  /**
   * How to find the client's address from the platform argument (default: `{ clientAddress }` as the
   * node adapter passes it, the socket's peer; Deno.serve's info; Bun.serve's server; the Node
   * request in Hono's `c.env` under @hono/node-server, also the socket's peer). Forwarded
   * headers are not read: any client can send them. Behind a proxy, return the address the proxy
   * vouches for; under Express the node adapter's platform carries `req`, so
   * `(_request, p) => (p as { req: { ip?: string } }).req.ip` uses Express's `'trust proxy'` setting
   * (set it to your proxy hop count or addresses: `true` trusts whatever the client sends). Without
   * an address, every client shares one rate-limit bucket. A hook that throws (or returns a
   * promise that rejects) is the server's error: a 500, reported to `onError`.
   */
  clientAddress?: ((request: Request, platform: unknown) => string | undefined) | undefined;
  /**
   * HMAC implementation: `'webcrypto'` (default; `crypto.subtle`) or `'js'` (the library's
   * synchronous HMAC, same tokens, faster on Node where `serve()` picks it). See {@link Signing}.
   */
  signing?: Signing | undefined;
  /**
   * Issue time source in whole Unix seconds (tests). Default: the global Date, read at each request.
   * Note the unit: `createMemoryRateLimiter`'s `now` returns milliseconds, like `Date.now`.
   */
  now?: (() => number) | undefined;
}

/** Options after validation and defaults. */
export interface ResolvedOptions {
  appId: string;
  appCertificate: string;
  authorize: Authorize | undefined;
  basePath: string;
  tokenTypes: ReadonlySet<TokenType>;
  defaultExpiresInSeconds: number;
  maxExpiresInSeconds: number;
  maxBodyBytes: number;
  cors: CorsPolicy | undefined;
  rateLimit: RateLimit | undefined;
  onIssue: TokenHandlerOptions['onIssue'];
  onError: TokenHandlerOptions['onError'];
  clientAddress: TokenHandlerOptions['clientAddress'];
  now: (() => number) | undefined;
  signing: Signing;
}

const TOKEN_TYPES: readonly TokenType[] = ['rtc', 'rtm', 'chat', 'chat-app'];

export const HANDLER_OPTIONS: string[] = [
  'appId', 'appCertificate', 'authorize', 'insecureAllowAnyone', 'basePath', 'tokenTypes', 'defaultExpiresInSeconds', 'maxExpiresInSeconds',
  'maxBodyBytes', 'cors', 'rateLimit', 'onIssue', 'onError', 'clientAddress', 'signing', 'now',
];

function invalid(field: string, rule: string): never {
  throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `createTokenHandler: ${field}: ${rule}`, { field });
}

function fn<T>(value: T, field: string): T {
  if (value !== undefined && typeof value !== 'function') invalid(field, 'expected a function');
  return value;
}

function basePathOf(value: unknown): string {
  if (value === undefined || value === '' || value === '/') return '';
  if (typeof value !== 'string' || !/^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+\/?$/.test(value)) {
    invalid('basePath', "expected a path like '/api/agora'");
  }
  return value.endsWith('/') ? value.slice(0, -1) : value;
}

function tokenTypesOf(value: unknown): Set<TokenType> {
  if (value === undefined) return new Set(DEFAULT_TOKEN_TYPES);
  if (!Array.isArray(value) || value.length === 0) invalid('tokenTypes', `expected a non-empty array of ${TOKEN_TYPES.join(', ')}`);
  for (const t of value) if (!TOKEN_TYPES.includes(t)) invalid('tokenTypes', `unknown token type (known: ${TOKEN_TYPES.join(', ')})`);
  return new Set(value as TokenType[]);
}

function signingOf(value: unknown): Signing {
  if (value === undefined || value === 'webcrypto') return 'webcrypto';
  if (value === 'js') return 'js';
  invalid('signing', "expected 'webcrypto' or 'js'");
}

/** Validates and completes handler options; throws an AgoraTokenError naming the bad option. */
export function resolveOptions(options: TokenHandlerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) invalid('options', 'expected an options object');
  options = ownFields(options); // each option read once, none inherited
  // A misspelt option (basepath, maxExpiresIn) would otherwise leave its default in force unnoticed.
  assertKnownKeys(options, HANDLER_OPTIONS, 'options', 'createTokenHandler: ');
  const appId = assertAppId(options.appId, 'appId');
  const appCertificate = assertCertificate(options.appCertificate, 'appCertificate', appId); // not equal to the App ID: every request would be a 400
  const authorize = fn(options.authorize, 'authorize');
  if (authorize === undefined && options.insecureAllowAnyone !== true) {
    invalid('authorize', 'required: pass an authorize(request, tokenRequest) hook that authenticates callers (or insecureAllowAnyone: true for a local demo)');
  }
  const maxExpiresInSeconds = assertSeconds(options.maxExpiresInSeconds ?? MAX_EXPIRES_IN_SECONDS, 'maxExpiresInSeconds');
  if (maxExpiresInSeconds < 1 || maxExpiresInSeconds > MAX_EXPIRES_IN_SECONDS) invalid('maxExpiresInSeconds', `must be in 1..${MAX_EXPIRES_IN_SECONDS}`);
  const defaultExpiresInSeconds = assertSeconds(options.defaultExpiresInSeconds ?? Math.min(DEFAULT_SERVER_EXPIRES_IN_SECONDS, maxExpiresInSeconds), 'defaultExpiresInSeconds');
  if (defaultExpiresInSeconds < 1 || defaultExpiresInSeconds > maxExpiresInSeconds) invalid('defaultExpiresInSeconds', 'must be in 1..maxExpiresInSeconds');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 64 || maxBodyBytes > 1 << 20) invalid('maxBodyBytes', 'expected an integer in 64..1048576');
  return {
    appId,
    appCertificate,
    authorize,
    basePath: basePathOf(options.basePath),
    tokenTypes: tokenTypesOf(options.tokenTypes),
    defaultExpiresInSeconds,
    maxExpiresInSeconds,
    maxBodyBytes,
    cors: options.cors === undefined ? undefined : resolveCors(options.cors),
    rateLimit: fn(options.rateLimit, 'rateLimit'),
    onIssue: fn(options.onIssue, 'onIssue'),
    onError: fn(options.onError, 'onError'),
    clientAddress: fn(options.clientAddress, 'clientAddress'),
    now: fn(options.now, 'now'),
    signing: signingOf(options.signing),
  };
}
