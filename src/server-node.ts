/**
 * @module agora-token-kit/server/node — the token server on `node:http`: `toNodeHandler` (a
 * listener that is also Express/Fastify middleware) and `serve()`.
 */

export {
  serve, toNodeHandler, type AccessLogEntry, type FetchHandler, type NodeHandler, type NodeHandlerOptions, type RunningServer, type ServeOptions,
} from './server/node.ts';
