/**
 * @module server/adapter-protocol — how the fetch handler (server/handler.ts) and the Node adapter
 * (server/node.ts) talk past the Fetch API: registered symbols that mark a handler's abilities and
 * carry what the adapter already knows on a Request. Registered (Symbol.for) because every entry
 * point is its own bundle.
 */

/**
 * Marks token handlers that take a body the node adapter has already read (and limited): for
 * such a handler the adapter hands the bytes over directly instead of re-streaming them through a
 * Request body, which costs more than the rest of the request parsing. A registered symbol
 * (Symbol.for), because every entry point is its own bundle: a handler from
 * `agora-token-kit/server` must be recognised by the adapter in `agora-token-kit/server/node`.
 * The `v1` names this hand-over protocol; a copy of the library that speaks another one is
 * simply not recognised and gets an ordinary Request.
 */
export const PREREAD_BODY: unique symbol = Symbol.for('agora-token-kit.preread-body.v1') as never;
/** Marks a handler made with insecureAllowAnyone, for serve()'s host check (a registered symbol, as above). */
export const OPEN_TO_ANYONE: unique symbol = Symbol.for('agora-token-kit.open-to-anyone.v1') as never;
/**
 * A handler's CORS headers for a request (none for a refused origin), for answers the node
 * adapter writes itself: its 503 on responseTimeoutMs must stay readable by the browser page that
 * asked (a registered symbol, as above).
 */
export const CORS_HEADERS: unique symbol = Symbol.for('agora-token-kit.cors-headers.v1') as never;
/**
 * On a Request from the Node adapter: a function telling whether its client has gone (the
 * connection closed before the answer, or the adapter's 503 went out). A flag rather than an
 * AbortSignal on the Request: on Node 20 a Request made with a signal cost the adapter ~15% of its
 * throughput and ~60 MiB more memory under load.
 */
export const CLIENT_GONE: unique symbol = Symbol.for('agora-token-kit.client-gone.v1') as never;
/** Where the bytes travel: a registered-symbol property of the Request, for the same reason. */
export const BODY: unique symbol = Symbol.for('agora-token-kit.preread-body.v1.bytes') as never;

export type Carrier = Request & { [BODY]?: Uint8Array | null };

/** Attaches already-read body bytes to a body-less Request (node adapter fast path). */
export function attachBody(request: Request, bytes: Uint8Array): void {
  Object.defineProperty(request, BODY, { value: bytes });
}

/**
 * Marks a body-less Request whose body the node adapter found over the handler's limit, so the
 * handler answers the 413 itself: after routing, the method check and the rate limiter, and
 * with the CORS headers a browser needs to read it.
 */
export function attachTooLarge(request: Request): void {
  Object.defineProperty(request, BODY, { value: null });
}
