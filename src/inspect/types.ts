/**
 * @module inspect/types — the result of `inspectToken`: the decoded token plus derived facts
 * (absolute times, time left, effective expiry, what each service is for).
 */

import type { DecodedToken006, DecodedToken007 } from '../token/decoded.ts';
import type { ServiceName } from '../token/service-types.ts';

/** One privilege with its absolute expiry. */
export interface InspectedPrivilege {
  /** Privilege id, as in the decoded token. */
  id: number;
  /** Official name, or undefined for an unknown id. */
  name: string | undefined;
  /** The raw value: 007 seconds after issue, 006 absolute Unix seconds. */
  value: number;
  /** Absolute expiry in Unix seconds; null when the value is 0 (see `note`). */
  expiresAt: number | null;
  /** `expiresAt` as ISO 8601 text in UTC, e.g. `2025-01-31T12:00:00Z`; null when the value is 0. */
  expiresAtIso: string | null;
  /** Seconds from `now` to `expiresAt` (negative once passed); null when the value is 0. */
  secondsLeft: number | null;
  /** Whether `expiresAt` is at or before `now`; null when the value is 0. */
  expired: boolean | null;
  /** A plain-language remark (value 0, set past the token expiry, looks like a duration...). */
  note?: string;
}

/**
 * Identity fields of an {@link InspectedService}; which ones are present depends on the service.
 * The known ones are named, so `fields.channelName` reads under `noPropertyAccessFromIndexSignature`.
 * @example
 * ```ts
 * const rtc = inspectToken(token).services.find((s) => s.name === 'rtc');
 * console.log(rtc?.fields.channelName, rtc?.fields.uid);
 * ```
 */
export interface InspectedFields {
  /** Any field by name (the named fields below are the ones this version sets). */
  [field: string]: string | number | undefined;
  /** rtc, streaming, fcdn: the channel name. */
  channelName?: string;
  /** rtc: the uid as packed text ('' for uid 0). */
  uid?: string;
  /** rtm, rtm2, chat: the user id ('' for a Chat app token). */
  userId?: string;
  /** streaming, fcdn: the account as packed text ('' for 0). */
  account?: string;
  /** RTM2: the channel permissions, summarised. */
  permissions?: string;
  /** apaas: the room UUID ('' when none). */
  roomUuid?: string;
  /** apaas: the user UUID ('' for an app token). */
  userUuid?: string;
  /** apaas: the signed 16-bit role (-1 = default). */
  role?: number;
  /** Unknown service: how many bytes were not read. */
  unparsedBytes?: number;
  /** 006 RTC: CRC-32 of the channel name. */
  crcChannelName?: number;
  /** 006 RTC: CRC-32 of the packed uid (0 for uid 0, whose packed text is ''). */
  crcUid?: number;
  /** 006 RTM: CRC-32 of the user account (the token's `crcChannelName` field). */
  crcAccount?: number;
}

/** One service of the token (006 tokens show a derived RTC and/or RTM service with `type: null`). */
export interface InspectedService {
  /** 007 service type id; null for 006. */
  type: number | null;
  /** Service name; 'unknown' for a 007 service type this library does not know. */
  name: ServiceName | 'unknown';
  /** Human name of the service. */
  title: string;
  /** Which SDK, API or product call uses this service. */
  usedFor: string;
  /**
   * Identity fields as stored: rtc `channelName`/`uid`, rtm/rtm2/chat `userId`, streaming/fcdn
   * `channelName`/`account`, apaas `roomUuid`/`userUuid`/`role`; 006 RTC `crcChannelName`/`crcUid`, 006 RTM `crcAccount`.
   */
  fields: InspectedFields;
  /**
   * One line describing the fields, e.g. `channel "room", uid 42`. Safe to print or log: control,
   * bidi and invisible characters of token text show as `\u{…}` escapes (`fields` keeps the text).
   */
  summary: string;
  /** The service's privileges with absolute expiries; empty for an unknown service. */
  privileges: InspectedPrivilege[];
  /**
   * When this service stops working: the earliest of the token expiry, the 24 h maximum after
   * issue (007 only: a 006 token stores no issue time) and its privileges.
   */
  expiresAt: number;
  /** `expiresAt` as ISO 8601 text in UTC. */
  expiresAtIso: string;
  /** Seconds from `now` to `expiresAt`; negative once passed. */
  secondsLeft: number;
  /** Whether `expiresAt` is at or before `now`. */
  expired: boolean;
  /** What sets `expiresAt`: `'token'`, `'24h-maximum'` or `<service>.<privilege>`, e.g. `'rtc.joinChannel'` (006: `'rtc.kJoinChannel'`). */
  limitedBy: string;
}

/**
 * What {@link InspectedToken007} and {@link InspectedToken006} share: every field of an inspected
 * token except the version, the issue time and lifetime (007 only) and the decoded token.
 */
export interface InspectedTokenCommon {
  /** The App ID stored in the token. */
  appId: string;
  /** The token's salt (an unsigned 32-bit integer). */
  salt: number;
  /** Hex of the token's 32-byte signature. */
  signature: string;
  /** The reference time used for `secondsLeft`/`expired`. */
  now: number;
  /** `now` as ISO 8601 text in UTC. */
  nowIso: string;
  /** The token's own expiry (007 issueTs + expire, 006 ts). */
  expiresAt: number;
  /** `expiresAt` as ISO 8601 text in UTC. */
  expiresAtIso: string;
  /** Seconds from `now` to `expiresAt`; negative once passed. */
  secondsLeft: number;
  /**
   * The token's own expiry has passed. A token can be unusable earlier (the 24 h maximum, an
   * expired joinChannel): `effectiveSecondsLeft <= 0` says that, as diagnoseToken does.
   */
  expired: boolean;
  /**
   * When a client loses something: the earliest expiry over all services (token expiry, the
   * documented 24 h maximum after issue, every non-zero privilege). Renew before this. A 006
   * token stores no issue time, only `ts` (its own expiry, which the builders set 24 hours ahead),
   * so for 006 the 24-hour maximum is not applied: a `ts` or privilege set further ahead gives a
   * later time than Agora may honour (diagnoseToken reports LIFETIME_OVER_24H).
   */
  effectiveExpiresAt: number;
  /** `effectiveExpiresAt` as ISO 8601 text in UTC. */
  effectiveExpiresAtIso: string;
  /** Seconds from `now` to `effectiveExpiresAt`; 0 or less once something has expired. */
  effectiveSecondsLeft: number;
  /** What sets `effectiveExpiresAt`, e.g. `'token'`, `'24h-maximum'`, `'rtc.joinChannel'`. */
  limitedBy: string;
  /** 007: the services in token order; 006: a derived RTC and/or RTM service. */
  services: InspectedService[];
  /** Plain-language remarks about the token as a whole. */
  notes: string[];
}

/** An inspected AccessToken2 (007): it stores its issue time and lifetime. */
export interface InspectedToken007 extends InspectedTokenCommon {
  /** Token version, as in `decoded`. */
  version: '007';
  /** The issue time (Unix seconds). */
  issuedAt: number;
  /** `issuedAt` as ISO 8601 text in UTC. */
  issuedAtIso: string;
  /** The token's `expire` (seconds after issue). */
  lifetimeSeconds: number;
  /** The `decodeToken` result this was derived from. */
  decoded: DecodedToken007;
}

/** An inspected AccessToken (006): it stores no issue time, only its expiry (`ts`). */
export interface InspectedToken006 extends InspectedTokenCommon {
  /** Token version, as in `decoded`. */
  version: '006';
  /** Always null: 006 stores no issue time. */
  issuedAt: null;
  /** Always null (see `issuedAt`). */
  issuedAtIso: null;
  /** Always null: 006 stores no lifetime, only `ts` (`expiresAt`). */
  lifetimeSeconds: null;
  /** The `decodeToken` result this was derived from. */
  decoded: DecodedToken006;
}

/**
 * Everything `decodeToken` gives plus derived, human facts. All times are Unix seconds, with an ISO
 * twin. A union on `version`: checking it narrows `issuedAt`, `lifetimeSeconds` and `decoded`.
 * @example
 * ```ts
 * const info: InspectedToken = inspectToken(token);
 * if (info.effectiveSecondsLeft < 60) scheduleRenewal();
 * if (info.version === '007') console.log(info.issuedAtIso, info.decoded.services.length);
 * ```
 */
export type InspectedToken = InspectedToken007 | InspectedToken006;

/**
 * Options of `inspectToken`.
 * @example
 * ```ts
 * inspectToken(token, { now: new Date('2025-01-31T12:00:00Z') });
 * ```
 */
export interface InspectOptions {
  /** Reference time: Unix seconds or a Date. Default: now. */
  now?: number | Date | undefined;
}
