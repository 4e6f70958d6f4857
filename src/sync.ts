/**
 * @module agora-token-kit/sync — the same API as the main entry with synchronous builds and
 * verification (a drop-in for `agora-token`).
 */

export * from './api/common.ts';
export * from './api/sync.ts';
export * from './api/inspect.ts';
export * from './api/inspect-sync.ts';
