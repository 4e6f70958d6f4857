/**
 * @module server/client-address — the peer address, from the second argument the platform
 * passes to a fetch handler: `{ clientAddress }` from our node adapter, Deno.serve's
 * `info.remoteAddr`, Bun.serve's `server.requestIP(request)`, and the `{ incoming }` Node request
 * that @hono/node-server passes as Hono's `c.env` (which `hono/mount` hands on as the second
 * argument), also as `{ server: { incoming } }`, the other shape Hono's Node getConnInfo reads.
 * Forwarded headers are not trusted here (any client can send them); pass `clientAddress` in the
 * options when behind a proxy.
 */

/** The part of a Node request (IncomingMessage) read here. */
type NodeRequestLike = { socket?: { remoteAddress?: unknown } };

/** Reads the client address from a platform argument, or undefined. */
export function defaultClientAddress(request: Request, platform: unknown): string | undefined {
  if (typeof platform !== 'object' || platform === null) return undefined;
  const p = platform as {
    clientAddress?: unknown;
    remoteAddr?: { hostname?: unknown };
    requestIP?: (request: Request) => { address?: unknown } | null;
    incoming?: NodeRequestLike;
    server?: { incoming?: NodeRequestLike };
  };
  if (typeof p.clientAddress === 'string') return p.clientAddress;
  if (typeof p.remoteAddr?.hostname === 'string') return p.remoteAddr.hostname;
  // The socket's peer, as our own node adapter reports it; nested under `server` where Hono's own
  // getConnInfo for Node also looks.
  const peer = (p.incoming ?? p.server?.incoming)?.socket?.remoteAddress;
  if (typeof peer === 'string') return peer;
  if (typeof p.requestIP === 'function') {
    try {
      const ip = p.requestIP(request);
      return typeof ip?.address === 'string' ? ip.address : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
