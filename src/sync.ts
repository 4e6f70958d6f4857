/**
 * @module agora-token-kit/sync — the same API as the main entry with synchronous builds and
 * verification (a drop-in for `agora-token`).
 */

export * from './api/common.ts';
export * from './api/sync.ts';
export * from './api/inspect.ts';
export * from './api/inspect-sync.ts';

import { RtcRole, Rtm2Permissions } from './api/common.ts';
import {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcTokenBuilder,
  RtmTokenBuilder,
  SttTokenBuilder,
} from './api/sync.ts';

/**
 * The members of `agora-token`'s module object, as a default export: from ESM, the official
 * CommonJS package is imported whole (`import agora from 'agora-token'`; of its named imports
 * only `ApaasTokenBuilder` resolves in Node), so that is the line existing code has. Prefer named imports.
 * @example
 * ```ts
 * import agora from 'agora-token-kit/sync'; // was: import agora from 'agora-token'
 * const token = agora.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, agora.RtcRole.PUBLISHER, 3600, 3600);
 * ```
 */
const agoraToken: {
  /** Flexible Classroom (APaaS) token builder: {@link ApaasTokenBuilder}. */
  ApaasTokenBuilder: typeof ApaasTokenBuilder;
  /** Agora Chat token builder: {@link ChatTokenBuilder}. */
  ChatTokenBuilder: typeof ChatTokenBuilder;
  /** Conversational AI Engine token builder: {@link ConvoAITokenBuilder}. */
  ConvoAITokenBuilder: typeof ConvoAITokenBuilder;
  /** The official alias of ApaasTokenBuilder: {@link EducationTokenBuilder}. */
  EducationTokenBuilder: typeof EducationTokenBuilder;
  /** FPA token builder: {@link FpaTokenBuilder}. */
  FpaTokenBuilder: typeof FpaTokenBuilder;
  /** RTC roles: {@link RtcRole}. */
  RtcRole: typeof RtcRole;
  /** RTC token builder: {@link RtcTokenBuilder}. */
  RtcTokenBuilder: typeof RtcTokenBuilder;
  /** RTM token builder: {@link RtmTokenBuilder}. */
  RtmTokenBuilder: typeof RtmTokenBuilder;
  /** RTM 2.x permission tree: {@link Rtm2Permissions}. */
  Rtm2Permissions: typeof Rtm2Permissions;
  /** Real-time STT token builder: {@link SttTokenBuilder}. */
  SttTokenBuilder: typeof SttTokenBuilder;
} = {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcRole,
  RtcTokenBuilder,
  RtmTokenBuilder,
  Rtm2Permissions,
  SttTokenBuilder,
};
export default agoraToken;
