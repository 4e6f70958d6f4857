/**
 * @module legacy/api-common — what `agora-token-kit/legacy` and `/legacy/sync` export identically:
 * roles, the privilege table, decoding and the error class.
 */

export { AgoraTokenError, isAgoraTokenError, type AgoraTokenErrorOptions, type TokenErrorCode } from '../errors.ts';
export { decodeToken, type Verify006Expectation } from '../token/decode.ts';
export type { DecodedPrivilege, DecodedToken, DecodedToken006, DecodedToken007 } from '../token/decoded.ts';
export { tokenKind, type TokenKind } from '../token/version.ts';
// The protected buildPipeline()'s types, so a subclass's declarations can name what it returns.
export type { CryptoStep, HmacStep, Pipeline, VerifyStep } from '../sign/types.ts';
export { DEFAULT_TS_SECONDS, VERSION_006 as version } from './access-token.ts';
export { assertPrivilegeExpiredTs, type Build006Options, MAX_RTM_ACCOUNT_BYTES, RtcRole, RtmRole } from './builders.ts';
export { Privileges, priviledges } from './privileges.ts';
export { dangerouslyAllowBrowserBuilds, isBrowserMainThread } from '../core/environment.ts';
