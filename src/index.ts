/**
 * @module agora-token-kit — build, decode, verify and explain Agora tokens on Web Crypto (async).
 * For synchronous builds use `agora-token-kit/sync`.
 */

export * from './api/common.ts';
export * from './api/async.ts';
export * from './api/inspect.ts';
export * from './api/inspect-async.ts';
