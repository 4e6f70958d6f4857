/**
 * @module legacy/privileges — the AccessToken ("006") privilege ids (SPEC 3.5), with the official
 * names of `agora-access-token` 2.0.4. The builders use only 1-4 and 1000.
 */

/**
 * 006 privilege ids. In a 006 token each privilege's value is an absolute Unix time in seconds.
 * @example
 * ```ts
 * import { AccessToken, Privileges } from 'agora-token-kit/legacy/sync';
 * const t = new AccessToken(appId, appCertificate, 'room', 42);
 * t.addPrivilege(Privileges.kJoinChannel, Math.floor(Date.now() / 1000) + 3600);
 * ```
 */
export const Privileges = {
  kJoinChannel: 1,
  kPublishAudioStream: 2,
  kPublishVideoStream: 3,
  kPublishDataStream: 4,
  kPublishAudiocdn: 5,
  kPublishVideoCdn: 6,
  kRequestPublishAudioStream: 7,
  kRequestPublishVideoStream: 8,
  kRequestPublishDataStream: 9,
  kInvitePublishAudioStream: 10,
  kInvitePublishVideoStream: 11,
  kInvitePublishDataStream: 12,
  kAdministrateChannel: 101,
  kRtmLogin: 1000,
} as const;

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
