/**
 * @module server/types — the public shapes of the token server: what `authorize`, `rateLimit`
 * and `onIssue` receive and may return. Types only; no runtime code.
 */

/**
 * The endpoint a request came in on (one name per contract the server speaks).
 * @example
 * ```ts
 * authorize: (req, asked) => asked.endpoint === 'access_token' ? { deny: 403 } : true
 * ```
 */
export type TokenEndpoint =
  /** `POST /getToken` (agora-token-service). */
  | 'getToken'
  /** `GET /rtc/:channelName/:role/:tokenType/:uid/` (agora-token-service). */
  | 'rtc'
  /** `GET /rtm/:uid/` (agora-token-service). */
  | 'rtm'
  /** `GET /rte/:channelName/:role/:tokenType/:rtcuid/:rtmuid?/` (agora-token-service). */
  | 'rte'
  /** `GET /chat/app/` and `GET /chat/account/:chatid/` (agora-token-service). */
  | 'chat'
  /** `GET|POST /fetch_rtc_token` (the Agora docs' client contract). */
  | 'fetch_rtc_token'
  /** `GET /access_token?channel=&uid=` (the Heroku sample's contract). */
  | 'access_token';

/**
 * A kind of token the server can issue. `chat-app` is the Chat app token (full Chat REST API
 * access for your backend) and is therefore off unless listed in `tokenTypes`.
 * @example
 * ```ts
 * createTokenHandler({ appId, appCertificate, authorize, tokenTypes: ['rtc'] }); // RTC only
 * ```
 */
export type TokenType = 'rtc' | 'rtm' | 'chat' | 'chat-app';

/**
 * RTC role by name: a publisher may also publish audio, video and data streams.
 * @example
 * ```ts
 * authorize: (req, asked) => (isHost(req) ? true : { role: 'subscriber' })
 * ```
 */
export type RtcRoleName = 'publisher' | 'subscriber';

/**
 * A validated request for one or more tokens, as `authorize` sees it. Only the fields of the
 * requested `types` are set.
 * @example
 * ```ts
 * // POST /getToken {"tokenType":"rtc","channel":"room","uid":"42","role":"publisher"} arrives as
 * // { endpoint: 'getToken', types: ['rtc'], channel: 'room', uid: 42, role: 'publisher',
 * //   expiresInSeconds: 3600, clientAddress: '203.0.113.7' }
 * ```
 */
export interface TokenRequest {
  /** The endpoint that was called. */
  readonly endpoint: TokenEndpoint;
  /** What will be issued: `['rtc']`, `['rtm']`, `['rtc', 'rtm']` (rte), `['chat']` or `['chat-app']`. */
  readonly types: readonly TokenType[];
  /**
   * RTC channel name. Also set for an RTM token with a stream channel (it is that channel), whose
   * RTC part joins it: check `channel` in `authorize` and both kinds of token are covered.
   */
  readonly channel?: string;
  /** RTC identity: a number is a uid (0 = any uid), a string a user account. */
  readonly uid?: number | string;
  /** RTC role (a grant's role also applies to the RTC part of an RTM stream-channel token). */
  readonly role?: RtcRoleName;
  /** RTM user id. */
  readonly rtmUserId?: string;
  /**
   * RTM stream channel, as agora-token-service adds it: POST /getToken `rtm` with a `channel`, and
   * `/rte` (its channel). The RTM token then also grants joinChannel and publishDataStream on this
   * channel to the RTM user (joinChannel only when the role is `subscriber`), so it is issued only
   * when the server's `tokenTypes` has `rtc` too. A grant's `channel` pins it.
   */
  readonly streamChannel?: string;
  /** Chat user id (user tokens only). */
  readonly chatUserId?: string;
  /** Requested lifetime in seconds, already defaulted and within the server's maximum. */
  readonly expiresInSeconds: number;
  /** The peer address when the platform exposes one (node adapter, Deno, Bun, Hono on @hono/node-server). */
  readonly clientAddress: string | undefined;
}

/**
 * What `authorize` may change: any field given replaces the requested one (validated again;
 * `expiresInSeconds` is capped at `maxExpiresInSeconds`). Use it to pin identities to the
 * signed-in user, downgrade the role or set the lifetime. Fields of token types not requested
 * are ignored, so a grant can pin every identity at once: each token type has its own (`uid` is
 * RTC only; RTM and Chat ids are `rtmUserId` and `chatUserId`). On `/rte`, an RTM id equal to
 * the asked uid (left to default to it, or named the same, as in `/rte/room/publisher/uid/5/5`)
 * follows a pinned `uid`; one named otherwise changes only with `rtmUserId`. A field not listed
 * here makes the grant invalid (500).
 * @example
 * ```ts
 * authorize: async (req) => {
 *   const u = await user(req);
 *   return { uid: u.agoraUid, rtmUserId: u.id, chatUserId: u.id, expiresInSeconds: 600 };
 * }
 * ```
 */
export interface TokenGrant {
  /**
   * The channel to sign for instead of the asked one. `'*'` issues a wildcard token, valid in every
   * channel for the granted uid (not uid 0, nor the user account `'0'`: either is an invalid grant,
   * 500, unless the grant pins another `uid`); a client cannot ask for `'*'` itself.
   */
  channel?: string | undefined;
  /** RTC identity to sign for (RTC only): an integer 0..2^32-1 (or its digits as a string) is a uid, other text a user account. */
  uid?: number | string | undefined;
  /** RTC role to sign for, e.g. `'subscriber'` to downgrade a publisher; also applies to an RTM stream channel. */
  role?: RtcRoleName | undefined;
  /** RTM user id to sign for (1-64 bytes, not `"0"`); used only when an RTM token is requested. */
  rtmUserId?: string | undefined;
  /**
   * Chat user id to sign for (1-64 of A-Z a-z 0-9 _ - .); used only for a Chat user token. A grant
   * that sets it refuses a Chat app token request (403): an app token has no user to pin.
   */
  chatUserId?: string | undefined;
  /** Replaces the asked lifetime, capped at `maxExpiresInSeconds`; 0, null or a non-integer makes the grant invalid (500). */
  expiresInSeconds?: number | undefined;
}

/**
 * A refusal from `authorize`: 401 (not signed in; sent with `WWW-Authenticate: Bearer`) or 403
 * (signed in, not allowed). The message is shown to the client.
 * @example
 * ```ts
 * authorize: (req) => (req.headers.has('authorization') ? true : { deny: 401, message: 'sign in first' })
 * ```
 */
export interface AuthorizeDenial {
  /** The HTTP status to answer with: 401 (not signed in) or 403 (not allowed). */
  deny: 401 | 403;
  /** Shown to the client; must not contain secrets. */
  message?: string | undefined;
}

/**
 * The verdict of `authorize`: `true` issues what was asked, a {@link TokenGrant} (a plain object)
 * issues the narrowed request, an {@link AuthorizeDenial} answers 401/403, and `false` or anything
 * else (a `Response`, an `Error`, any class instance) answers 403.
 * @example
 * ```ts
 * const verdict: AuthorizeResult = signedIn ? { uid: userId, rtmUserId: String(userId), chatUserId: String(userId) } : { deny: 401 };
 * ```
 */
export type AuthorizeResult = boolean | TokenGrant | AuthorizeDenial | null | undefined;

/**
 * Decides who gets which token. Runs after validation, before anything is signed; if it throws,
 * the client gets a 500 and no token. The request body has already been read and validated: use
 * `tokenRequest`, and the request's headers (cookies, `Authorization`) to identify the caller.
 * @example
 * ```ts
 * const authorize: Authorize = async (request, asked) => {
 *   const session = await sessions.get(request.headers.get('cookie'));
 *   if (!session) return { deny: 401 };
 *   if (asked.channel && !session.rooms.includes(asked.channel)) return { deny: 403 };
 *   // Pin every identity: uid (RTC), rtmUserId and chatUserId are separate fields.
 *   return { uid: session.agoraUid, rtmUserId: session.id, chatUserId: session.id };
 * };
 * ```
 */
export type Authorize = (request: Request, tokenRequest: TokenRequest) => AuthorizeResult | Promise<AuthorizeResult>;

/**
 * What a rate limiter is told about a request.
 * @example
 * ```ts
 * rateLimit: (req, { clientAddress }) => (blocked.has(clientAddress ?? '') ? { retryAfterSeconds: 60 } : undefined)
 * ```
 */
export interface RateLimitInfo {
  /** The endpoint that was called. */
  endpoint: TokenEndpoint;
  /** The client's address, or undefined when the platform or the `clientAddress` option gives none. */
  clientAddress: string | undefined;
}

/**
 * A rate limiter's refusal: the server answers 429 with `Retry-After` (whole seconds, rounded up
 * into 1..86400; a value that is not a finite number, such as Infinity or NaN, is sent as 86400
 * or 1 respectively).
 * @example
 * ```ts
 * const tooMany: RateLimitExceeded = { retryAfterSeconds: 30 };
 * ```
 */
export interface RateLimitExceeded {
  /** Seconds the client should wait before trying again, sent as `Retry-After`. */
  retryAfterSeconds: number;
}

/**
 * Returns a {@link RateLimitExceeded} to refuse the request, or nothing to let it through (any
 * falsy value lets it through; any truthy one refuses it, with its `retryAfterSeconds` if it has
 * one, else 1). In the fetch handler it runs before the body is read; the Node adapter
 * (`agora-token-kit/server/node`) reads the body first, up to `maxBodyBytes`, so there a limiter
 * sees a POST once its body has arrived. `/ping` and preflights are not limited.
 * @example
 * ```ts
 * const rateLimit: RateLimit = async (req, info) => ((await redisCount(info.clientAddress)) > 30 ? { retryAfterSeconds: 60 } : undefined);
 * ```
 */
export type RateLimit = (
  request: Request,
  info: RateLimitInfo,
) => RateLimitExceeded | undefined | void | Promise<RateLimitExceeded | undefined | void>;

/**
 * An audit record of issued tokens. It never carries the certificate or the tokens themselves.
 * @example
 * ```ts
 * onIssue: ({ endpoint, types, channel, uid, expiresInSeconds, clientAddress }) =>
 *   audit.write({ endpoint, types, channel, uid, expiresInSeconds, clientAddress, at: Date.now() })
 * ```
 */
export interface IssueEvent {
  /** The endpoint that was called. */
  endpoint: TokenEndpoint;
  /** The kinds of token issued. */
  types: readonly TokenType[];
  /** Channel signed for, after `authorize` (also set for an RTM stream channel); `'*'` for a wildcard token. */
  channel?: string | undefined;
  /** RTC uid (number) or user account (string) signed for, after `authorize`. */
  uid?: number | string | undefined;
  /** RTC role signed for, after `authorize`. */
  role?: RtcRoleName | undefined;
  /** RTM user id signed for, after `authorize`. */
  rtmUserId?: string | undefined;
  /** RTM stream channel the RTM token also joins, when one was requested. */
  streamChannel?: string | undefined;
  /** Chat user id signed for (Chat user tokens only). */
  chatUserId?: string | undefined;
  /** Lifetime of the issued tokens in seconds from `issuedAt`, after `authorize`. */
  expiresInSeconds: number;
  /** Unix seconds written into the token as its issue time. */
  issuedAt: number;
  /** The client's address, or undefined when the platform or the `clientAddress` option gives none. */
  clientAddress: string | undefined;
  /** The incoming request (headers, URL) for correlating with your own auth. */
  request: Request;
}

/**
 * Machine-readable error codes of the server's JSON errors (plus the library's validation codes
 * such as `ERR_INVALID_CHANNEL`).
 * @example
 * ```ts
 * if (body.error.code === 'ERR_RATE_LIMITED') await sleep(Number(res.headers.get('retry-after')) * 1000);
 * ```
 */
export type ServerErrorCode =
  | 'ERR_INVALID_JSON'
  | 'ERR_MISSING_FIELD'
  | 'ERR_UNAUTHORIZED'
  | 'ERR_FORBIDDEN'
  | 'ERR_ORIGIN_NOT_ALLOWED'
  | 'ERR_TOKEN_TYPE_DISABLED'
  | 'ERR_NOT_FOUND'
  | 'ERR_METHOD_NOT_ALLOWED'
  | 'ERR_PAYLOAD_TOO_LARGE'
  | 'ERR_UNSUPPORTED_MEDIA_TYPE'
  | 'ERR_RATE_LIMITED'
  | 'ERR_BAD_REQUEST'
  | 'ERR_REQUEST_TIMEOUT'
  | 'ERR_RESPONSE_TIMEOUT'
  /** The client went away before its token was issued (seen only in logs and onResponse). */
  | 'ERR_REQUEST_ABORTED'
  | 'ERR_INTERNAL';

/**
 * The body of every error response: `{ error: { code, message, field? } }`.
 * @example
 * ```ts
 * // 400 {"error":{"code":"ERR_INVALID_CHANNEL","message":"channel: must be under 64 bytes, got 70","field":"channel"}}
 * ```
 */
export interface ErrorBody {
  /** A {@link ServerErrorCode} or validation `code`, a `message` safe to show, and the request `field` at fault when there is one. */
  error: { code: string; message: string; field?: string };
}
