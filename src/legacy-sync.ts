/**
 * @module agora-token-kit/legacy/sync — the same 006 API as `agora-token-kit/legacy` with
 * synchronous builds and verification (a drop-in for `agora-access-token`).
 */

export * from './legacy/api-common.ts';
export * from './legacy/api-sync.ts';

import { RtcRole, RtmRole } from './legacy/api-common.ts';
import { RtcTokenBuilder, RtmTokenBuilder } from './legacy/api-sync.ts';

/**
 * The members of `agora-access-token`'s module object, as a default export: from ESM the official
 * CommonJS package is imported whole (`import agora from 'agora-access-token'`; of its named
 * imports only `RtcTokenBuilder` resolves in Node, not `RtcRole`), so that is the line existing
 * code has. Prefer named imports.
 * @example
 * ```ts
 * import agora from 'agora-token-kit/legacy/sync'; // was: import agora from 'agora-access-token'
 * const token = agora.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, agora.RtcRole.PUBLISHER, Math.floor(Date.now() / 1000) + 3600);
 * ```
 */
const agoraAccessToken: {
  /** 006 RTC token builder: {@link RtcTokenBuilder}. */
  RtcTokenBuilder: typeof RtcTokenBuilder;
  /** 006 RTC roles: {@link RtcRole}. */
  RtcRole: typeof RtcRole;
  /** 006 RTM token builder: {@link RtmTokenBuilder}. */
  RtmTokenBuilder: typeof RtmTokenBuilder;
  /** 006 RTM role: {@link RtmRole}. */
  RtmRole: typeof RtmRole;
} = { RtcTokenBuilder, RtcRole, RtmTokenBuilder, RtmRole };
export default agoraAccessToken;
