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
  /** The service's privileges, ascending by id (a repeated id keeps its last value). */
  privileges: DecodedPrivilege[];
}

/** RTC service. `uid` is the packed text: '' means uid 0 (any uid), otherwise a uid or user account. */
export interface DecodedRtcService extends ServiceCommon {
  /** Always 'rtc' (service type 1). */
  name: 'rtc';
  /** The channel name the token is for ('*' is the wildcard: any channel). */
  channelName: string;
  /** The uid as packed text: '' for uid 0, decimal digits for a numeric uid, else a user account. */
  uid: string;
}
/** RTM 1.x service. */
export interface DecodedRtmService extends ServiceCommon {
  /** Always 'rtm' (service type 2). */
  name: 'rtm';
  /** The user id that logs in with the token. */
  userId: string;
}
/** Streaming or FCDN service. */
export interface DecodedChannelAccountService extends ServiceCommon {
  /** 'streaming' (type 3) or 'fcdn' (type 6). */
  name: 'streaming' | 'fcdn';
  /** The channel name the token is for. */
  channelName: string;
  /** The account as packed text, like an RTC uid ('' for 0). */
  account: string;
}
/** Services without fields. */
export interface DecodedBareService extends ServiceCommon {
  /** 'fpa' (type 4), 'convoai' (type 9) or 'stt' (type 10). */
  name: 'fpa' | 'convoai' | 'stt';
}
/** Chat service ('' userId for an app token). */
export interface DecodedChatService extends ServiceCommon {
  /** Always 'chat' (service type 5). */
  name: 'chat';
  /** The Chat user id; '' for an app token. */
  userId: string;
}
/** APaaS / Flexible Classroom service. `role` is the signed i16 (-1 = default). */
export interface DecodedApaasService extends ServiceCommon {
  /** Always 'apaas' (service type 7). */
  name: 'apaas';
  /** The room UUID; '' when the token is not for a room (user and app tokens). */
  roomUuid: string;
  /** The user UUID; '' for an app token. */
  userUuid: string;
  /** The role, a signed 16-bit integer (-1 = default). */
  role: number;
}
/** One RTM2 permission entry. */
export interface DecodedRtm2Permission {
  /** Resource type id, e.g. Rtm2Permissions.kMessageChannels (0) to kUsers (4). */
  resourceType: number;
  /** Permission type id: Rtm2Permissions.kRead (0) or kWrite (1). */
  permissionType: number;
  /** The resource names (e.g. channel names), in the order stored. */
  resources: string[];
}
/** RTM 2.x service. */
export interface DecodedRtm2Service extends ServiceCommon {
  /** Always 'rtm2' (service type 8). */
  name: 'rtm2';
  /** The user id that logs in with the token. */
  userId: string;
  /** One entry per resource type and permission type, ascending by resource type, then permission type. */
  permissions: DecodedRtm2Permission[];
}
/**
 * A service type this library does not know. Records carry no length, so (like the official
 * parsers) decoding stops here; `unparsedBytes` counts what was left. The signature still covers it.
 */
export interface DecodedUnknownService {
  /** Marks a service type this library does not know. */
  name: 'unknown';
  /** The unknown service type id, as stored. */
  type: number;
  /** Bytes of the payload left unread, from just after this service's type id to the end. */
  unparsedBytes: number;
}

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
  /** Token version: '007' for an AccessToken2. */
  version: '007';
  /** The App ID stored in the token. */
  appId: string;
  /** Unix seconds when issued. */
  issueTs: number;
  /** Lifetime in seconds after issueTs (the token expires at issueTs + expire). */
  expire: number;
  /** The salt the signing key is derived with (an unsigned 32-bit integer). */
  salt: number;
  /** Hex of the 32-byte HMAC-SHA256 signature. */
  signature: string;
  /** The services in the order stored; an unknown type ends the list. */
  services: DecodedService[];
}

/** A decoded AccessToken (006). Channel and uid are not in the token, only their CRC-32s. */
export interface DecodedToken006 {
  /** Token version: '006' for an AccessToken. */
  version: '006';
  /** The App ID: the 32 hex characters after "006" in the token text. */
  appId: string;
  /** Absolute Unix seconds at which the token itself expires. */
  ts: number;
  /** The salt stored in the signed message (an unsigned 32-bit integer). */
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
