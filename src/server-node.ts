/**
 * @module agora-token-kit/server/node — the token server on `node:http`: `toNodeHandler` (a
 * listener that is also Express/Fastify middleware) and `serve()`.
 */

export { toNodeHandler, type AccessLogEntry, type FetchHandler, type NodeHandler, type NodeHandlerOptions } from './server/node.ts';
export { serve, type RunningServer, type ServeOptions } from './server/node-serve.ts';
