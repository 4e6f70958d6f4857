/**
 * @module agora-token-kit/server — a production token server as a Web-standard fetch handler
 * (Cloudflare Workers, Deno, Bun, Next.js, Remix, Hono). Node: `agora-token-kit/server/node`.
 */

export { createTokenHandler, type TokenHandler } from './server/handler.ts';
export {
  DEFAULT_MAX_BODY_BYTES, DEFAULT_SERVER_EXPIRES_IN_SECONDS, DEFAULT_TOKEN_TYPES, MAX_EXPIRES_IN_SECONDS, type TokenHandlerOptions,
} from './server/options.ts';
export { type CorsOptions } from './server/cors.ts';
export { createMemoryRateLimiter, type MemoryRateLimiterOptions, rateLimitKey } from './server/rate-limit.ts';
export type { Signing } from './server/issue.ts';
export type * from './server/types.ts';
