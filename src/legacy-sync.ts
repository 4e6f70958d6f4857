/**
 * @module agora-token-kit/legacy/sync — the same 006 API as `agora-token-kit/legacy` with
 * synchronous builds and verification (a drop-in for `agora-access-token`).
 */

export * from './legacy/api-common.ts';
export * from './legacy/api-sync.ts';
