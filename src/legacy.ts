/**
 * @module agora-token-kit/legacy — AccessToken ("006") builders with the `agora-access-token`
 * API on Web Crypto (async). 006 expiries are absolute Unix timestamps; see `RtcTokenBuilder`.
 * For synchronous builds use `agora-token-kit/legacy/sync`.
 */

export * from './legacy/api-common.ts';
export * from './legacy/api-async.ts';
