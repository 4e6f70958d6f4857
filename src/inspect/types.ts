/**
 * @module inspect/types — the result of `inspectToken`: the decoded token plus derived facts
 * (absolute times, time left, effective expiry, what each service is for).
 */

import type { DecodedToken } from '../token/decoded.ts';
import type { ServiceName } from '../token/service-types.ts';

/** One privilege with its absolute expiry. */
export interface InspectedPrivilege {
  id: number;
  /** Official name, or undefined for an unknown id. */
  name: string | undefined;
  /** The raw value: 007 seconds after issue, 006 absolute Unix seconds. */
  value: number;
  /** Absolute expiry in Unix seconds; null when the value is 0 (see `note`). */
  expiresAt: number | null;
  expiresAtIso: string | null;
  /** Seconds from `now` to `expiresAt` (negative once passed); null when the value is 0. */
  secondsLeft: number | null;
  expired: boolean | null;
  /** A plain-language remark (value 0, cut back to the token expiry, looks like a duration...). */
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
  [field: string]: string | number | undefined;
  channelName?: string;
  uid?: string;
  userId?: string;
  account?: string;
  /** RTM2: the channel permissions, summarised. */
  permissions?: string;
  roomUuid?: string;
  userUuid?: string;
  role?: number;
  /** Unknown service: how many bytes were not read. */
  unparsedBytes?: number;
  /** 006: CRC-32 of the channel name, the uid and (RTM) the account. */
  crcChannelName?: number;
  crcUid?: number;
  crcAccount?: number;
}

/** One service of the token (006 tokens show a derived RTC and/or RTM service with `type: null`). */
export interface InspectedService {
  /** 007 service type id; null for 006. */
  type: number | null;
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
  /** One line describing the fields, e.g. `channel "room", uid 42`. */
  summary: string;
  privileges: InspectedPrivilege[];
  /** When this service stops working: the earliest of the token expiry, the 24 h maximum and its privileges. */
  expiresAt: number;
  expiresAtIso: string;
  secondsLeft: number;
  expired: boolean;
  /** What sets `expiresAt`: `'token'`, `'24h-maximum'` or a privilege name. */
  limitedBy: string;
}

/**
 * Everything `decodeToken` gives plus derived, human facts.
 * All times are Unix seconds, with an ISO twin.
 * @example
 * ```ts
 * const info: InspectedToken = inspectToken(token);
 * if (info.effectiveSecondsLeft < 60) scheduleRenewal();
 * ```
 */
export interface InspectedToken {
  version: '007' | '006';
  appId: string;
  salt: number;
  signature: string;
  /** The reference time used for `secondsLeft`/`expired`. */
  now: number;
  nowIso: string;
  /** 007 issue time; null for 006 (which stores no issue time). */
  issuedAt: number | null;
  issuedAtIso: string | null;
  /** 007 `expire` (seconds after issue); null for 006. */
  lifetimeSeconds: number | null;
  /** The token's own expiry (007 issueTs + expire, 006 ts). */
  expiresAt: number;
  expiresAtIso: string;
  secondsLeft: number;
  /**
   * The token's own expiry has passed. A token can be unusable earlier (the 24 h maximum, an
   * expired joinChannel): `effectiveSecondsLeft <= 0` says that, as diagnoseToken does.
   */
  expired: boolean;
  /**
   * When a client loses something: the earliest expiry over all services (token expiry, the
   * documented 24 h maximum, every non-zero privilege). Renew before this.
   */
  effectiveExpiresAt: number;
  effectiveExpiresAtIso: string;
  effectiveSecondsLeft: number;
  /** What sets `effectiveExpiresAt`, e.g. `'token'`, `'24h-maximum'`, `'rtc.joinChannel'`. */
  limitedBy: string;
  services: InspectedService[];
  /** Plain-language remarks about the token as a whole. */
  notes: string[];
  decoded: DecodedToken;
}

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
