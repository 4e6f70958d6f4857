/**
 * @module legacy/privileges — the AccessToken ("006") privilege ids (SPEC 3.5), with the official
 * names of `agora-access-token` 2.0.4. The builders use only 1-4 and 1000.
 */

import { frozen } from '../core/frozen.ts';

/** The table behind Privileges (frozen: the 006 builders read it). */
const TABLE = {
  /** 1: join the RTC channel (every RTC token). */
  kJoinChannel: 1,
  /** 2: publish audio (the publisher role). */
  kPublishAudioStream: 2,
  /** 3: publish video (the publisher role). */
  kPublishVideoStream: 3,
  /** 4: publish data streams (the publisher role). */
  kPublishDataStream: 4,
  /** 5: publish audio to a CDN (defined by agora-access-token; no builder sets it). */
  kPublishAudiocdn: 5,
  /** 6: publish video to a CDN (defined by agora-access-token; no builder sets it). */
  kPublishVideoCdn: 6,
  /** 7: request to publish audio (defined by agora-access-token; no builder sets it). */
  kRequestPublishAudioStream: 7,
  /** 8: request to publish video (defined by agora-access-token; no builder sets it). */
  kRequestPublishVideoStream: 8,
  /** 9: request to publish data streams (defined by agora-access-token; no builder sets it). */
  kRequestPublishDataStream: 9,
  /** 10: invite others to publish audio (defined by agora-access-token; no builder sets it). */
  kInvitePublishAudioStream: 10,
  /** 11: invite others to publish video (defined by agora-access-token; no builder sets it). */
  kInvitePublishVideoStream: 11,
  /** 12: invite others to publish data streams (defined by agora-access-token; no builder sets it). */
  kInvitePublishDataStream: 12,
  /** 101: administrate the channel (defined by agora-access-token; no builder sets it). */
  kAdministrateChannel: 101,
  /** 1000: log in to RTM (the 006 RTM token's only privilege; its channel slot holds the account). */
  kRtmLogin: 1000,
} as const;

/**
 * 006 privilege ids. In a 006 token each privilege's value is an absolute Unix time in seconds.
 * @example
 * ```ts
 * import { AccessToken, Privileges } from 'agora-token-kit/legacy/sync';
 * const t = new AccessToken(appId, appCertificate, 'room', 42);
 * t.addPrivilege(Privileges.kJoinChannel, Math.floor(Date.now() / 1000) + 3600);
 * ```
 */
export const Privileges: typeof TABLE = /* @__PURE__ */ frozen(TABLE);

/**
 * The same table under the official (misspelt) export name of `agora-access-token`.
 * @example
 * ```ts
 * import { priviledges } from 'agora-token-kit/legacy';
 * priviledges.kRtmLogin; // 1000
 * ```
 */
export const priviledges: typeof Privileges = Privileges;

/**
 * privilege id -> official name, for decoding. Built in a pure IIFE: a bare annotated call would
 * still keep its argument (and so `Privileges`) in bundles that never decode a 006 token.
 */
export const PRIVILEGE_NAMES_006: Readonly<Record<number, string>> = /* @__PURE__ */ (() =>
  Object.fromEntries(Object.entries(Privileges).map(([name, id]) => [id, name])))();
