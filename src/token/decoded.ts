/**
 * @module token/decoded — the typed result of decoding a token.
 */

/** One privilege of a 007 service. */
export interface DecodedPrivilege {
  /** Privilege id (e.g. 1 = joinChannel for RTC). */
  id: number;
  /** Official name, or undefined for an id this library does not know. */
  name: string | undefined;
  /** 007: seconds after issueTs. 006: absolute Unix seconds. */
  expire: number;
}

interface ServiceCommon {
  /** Service type id. */
  type: number;
  privileges: DecodedPrivilege[];
}

/** RTC service. `uid` is the packed text: '' means uid 0 (any uid), otherwise a uid or user account. */
export interface DecodedRtcService extends ServiceCommon { name: 'rtc'; channelName: string; uid: string }
/** RTM 1.x service. */
export interface DecodedRtmService extends ServiceCommon { name: 'rtm'; userId: string }
/** Streaming or FCDN service. */
export interface DecodedChannelAccountService extends ServiceCommon { name: 'streaming' | 'fcdn'; channelName: string; account: string }
/** Services without fields. */
export interface DecodedBareService extends ServiceCommon { name: 'fpa' | 'convoai' | 'stt' }
/** Chat service ('' userId for an app token). */
export interface DecodedChatService extends ServiceCommon { name: 'chat'; userId: string }
/** APaaS / Flexible Classroom service. `role` is the signed i16 (-1 = default). */
export interface DecodedApaasService extends ServiceCommon { name: 'apaas'; roomUuid: string; userUuid: string; role: number }
/** One RTM2 permission entry. */
export interface DecodedRtm2Permission { resourceType: number; permissionType: number; resources: string[] }
/** RTM 2.x service. */
export interface DecodedRtm2Service extends ServiceCommon { name: 'rtm2'; userId: string; permissions: DecodedRtm2Permission[] }
/**
 * A service type this library does not know. Records carry no length, so (like the official
 * parsers) decoding stops here; `unparsedBytes` counts what was left. The signature still covers it.
 */
export interface DecodedUnknownService { name: 'unknown'; type: number; unparsedBytes: number }

/** Any decoded 007 service. */
export type DecodedService =
  | DecodedRtcService
  | DecodedRtmService
  | DecodedChannelAccountService
  | DecodedBareService
  | DecodedChatService
  | DecodedApaasService
  | DecodedRtm2Service
  | DecodedUnknownService;

/** A decoded AccessToken2. */
export interface DecodedToken007 {
  version: '007';
  appId: string;
  /** Unix seconds when issued. */
  issueTs: number;
  /** Lifetime in seconds after issueTs (the token expires at issueTs + expire). */
  expire: number;
  salt: number;
  /** Hex of the 32-byte HMAC-SHA256 signature. */
  signature: string;
  services: DecodedService[];
}

/** A decoded AccessToken (006). Channel and uid are not in the token, only their CRC-32s. */
export interface DecodedToken006 {
  version: '006';
  appId: string;
  /** Absolute Unix seconds at which the token itself expires. */
  ts: number;
  salt: number;
  /** CRC-32 of the channel name (006 RTM tokens: of the user account). */
  crcChannelName: number;
  /** CRC-32 of the packed uid ('' for uid 0; '' for RTM tokens). */
  crcUid: number;
  /** Hex of the 32-byte signature. */
  signature: string;
  /** Privileges; `expire` is absolute Unix seconds. */
  privileges: DecodedPrivilege[];
}

/** Any decoded token. */
export type DecodedToken = DecodedToken007 | DecodedToken006;
