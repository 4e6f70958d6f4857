/**
 * @module token/services — the ten AccessToken2 service classes with the official names,
 * constructors and privilege constants (agora-token 2.0.6), validated at construction.
 */

import { assertChannelText, assertI16, assertRtcAccount, assertSeconds, assertU16, assertUserId } from '../core/assert.ts';
import type { ByteWriter } from '../core/writer.ts';
import { AgoraTokenError } from '../errors.ts';
import type { DecodedService } from './decoded.ts';
import { Rtm2Permissions } from './rtm2-permissions.ts';
import * as T from './service-types.ts';

/**
 * A service type and its privilege map (privilege id -> seconds after issueTs). Usable on its own,
 * as in the official package, for a service type with no fields of its own (e.g. one newer than
 * this library): `new Service(type).addPrivilege(1, 3600)`.
 */
export class Service {
  // Fields are `declare`d and assigned in the constructors, in declaration order (so the same own
  // keys in the same order): a class field definition is code in every bundle that keeps the class.
  /** Service type id (u16), e.g. 1 for RTC, 8 for RTM 2.x. */
  declare readonly type: number;
  readonly #privileges = new Map<number, number>();

  /**
   * Builds a service with an empty privilege map.
   * @param type the service type id, any integer in 0..65535 (1..10 are the known types).
   */
  constructor(type: number) {
    this.type = assertU16(type, 'serviceType');
  }

  /**
   * Sets a privilege's expiry in seconds after the token's issueTs (0 is written as 0). Setting
   * the same privilege again replaces the value.
   */
  addPrivilege(privilege: number, expire: number): this {
    this.#privileges.set(assertU16(privilege, 'privilege', 'ERR_INVALID_PRIVILEGE'), assertSeconds(expire, 'privilegeExpire'));
    return this;
  }

  /** Official spelling of {@link addPrivilege}. */
  add_privilege(privilege: number, expire: number): this {
    return this.addPrivilege(privilege, expire);
  }

  /** Official accessor for the type id. */
  service_type(): number {
    return this.type;
  }

  /** privilege id -> value, ascending by id. */
  get privileges(): ReadonlyMap<number, number> {
    return new Map([...this.#privileges].sort((a, b) => a[0] - b[0]));
  }

  /** Writes `u16 type`, the privilege map and the fields. */
  pack(w: ByteWriter): void {
    w.uint16(this.type).map32(this.#privileges);
    this.packFields(w);
  }

  /** Writes the type-specific fields (SPEC 2.4); a bare Service has none. */
  protected packFields(_w: ByteWriter): void {}
}

/** RTC: channel name and uid/account. A uid of 0 is packed as '' (any uid may join). */
export class ServiceRtc extends Service {
  /** Privilege id 1: join the channel. */
  static readonly kPrivilegeJoinChannel = 1;
  /** Privilege id 2: publish audio. */
  static readonly kPrivilegePublishAudioStream = 2;
  /** Privilege id 3: publish video. */
  static readonly kPrivilegePublishVideoStream = 3;
  /** Privilege id 4: publish data streams. */
  static readonly kPrivilegePublishDataStream = 4;
  /** The channel name as packed. */
  declare readonly channelName: string;
  /** The packed uid string ('' for uid 0). */
  declare readonly uid: string;
  /**
   * Builds an RTC service with an empty privilege map.
   * @param channelName text of at most 65535 UTF-8 bytes (the builders check the documented
   *   channel rules themselves).
   * @param uid an integer uid in 0..4294967295 (0 is packed as '', any uid) or a user account
   *   string of at most 255 bytes, packed as given.
   */
  constructor(channelName: string, uid: number | string) {
    super(T.kRtcServiceType);
    this.channelName = assertChannelText(channelName);
    this.uid = assertRtcAccount(uid, 'uid', 'ERR_INVALID_UID');
  }
  /** Writes `bytes(channelName)` and `bytes(uid)` (SPEC 2.4). */
  protected override packFields(w: ByteWriter): void {
    w.string(this.channelName).string(this.uid);
  }
}

/** RTM (1.x): user id. */
export class ServiceRtm extends Service {
  /** Privilege id 1: log in to RTM. */
  static readonly kPrivilegeLogin = 1;
  /** The packed user id ('' for 0, null or undefined). */
  declare readonly userId: string;
  /**
   * Builds an RTM 1.x service with an empty privilege map.
   * @param userId a string of at most 255 UTF-8 bytes, or a non-negative integer, which is
   *   stringified (0 -> '').
   */
  constructor(userId: string | number) {
    super(T.kRtmServiceType);
    this.userId = assertUserId(userId, 'userId');
  }
  /** Writes `bytes(userId)` (SPEC 2.4). */
  protected override packFields(w: ByteWriter): void {
    w.string(this.userId);
  }
}

/** Streaming: channel name and account (0 -> ''). */
export class ServiceStreaming extends Service {
  /** Privilege id 1: publish a mixed stream. */
  static readonly kPrivilegePublishMixStream = 1;
  /** Privilege id 2: publish a raw stream. */
  static readonly kPrivilegePublishRawStream = 2;
  /** The channel name as packed ('' by default). */
  declare readonly channelName: string;
  /** The packed account ('' for 0 or when omitted). */
  declare readonly account: string;
  /**
   * Builds a streaming service with an empty privilege map.
   * @param channelName text of at most 65535 UTF-8 bytes; defaults to ''.
   * @param account an integer uid in 0..4294967295 (0 -> '') or an account string of at most 255
   *   bytes; defaults to ''.
   */
  constructor(channelName: string = '', account: string | number = '') {
    super(T.kStreamingServiceType);
    this.channelName = assertChannelText(channelName);
    this.account = assertRtcAccount(account, 'account');
  }
  /** Writes `bytes(channelName)` and `bytes(account)` (SPEC 2.4). */
  protected override packFields(w: ByteWriter): void {
    w.string(this.channelName).string(this.account);
  }
}

/** FPA: no fields. */
export class ServiceFpa extends Service {
  /** Privilege id 1: log in to FPA. */
  static readonly kPrivilegeLogin = 1;
  /** An FPA service (type 4) with no privileges yet. */
  constructor() {
    super(T.kFpaServiceType);
  }
  /** FPA has no fields after the privilege map. */
  protected override packFields(): void {}
}

/** Chat: user id ('' for an app token). */
export class ServiceChat extends Service {
  /** Privilege id 1: user-level access (a user token). */
  static readonly kPrivilegeUser = 1;
  /** Privilege id 2: app-level access (an app token). */
  static readonly kPrivilegeApp = 2;
  /** The packed user id ('' for an app token). */
  declare readonly userId: string;
  /**
   * Builds a Chat service with an empty privilege map.
   * @param userId a string of at most 255 UTF-8 bytes, or a non-negative integer, which is
   *   stringified (0 -> ''); defaults to '' (app token).
   */
  constructor(userId: string | number = '') {
    super(T.kChatServiceType);
    this.userId = assertUserId(userId, 'userId');
  }
  /** Writes `bytes(userId)` (SPEC 2.4). */
  protected override packFields(w: ByteWriter): void {
    w.string(this.userId);
  }
}

/** FCDN: channel name and account (0 -> ''). */
export class ServiceFCdn extends Service {
  /** Privilege id 1: publish to the CDN. */
  static readonly kPrivilegePublish = 1;
  /** Privilege id 2: play from the CDN. */
  static readonly kPrivilegePlay = 2;
  /** The channel name as packed ('' by default). */
  declare readonly channelName: string;
  /** The packed account ('' for 0 or when omitted). */
  declare readonly account: string;
  /**
   * Builds a Fusion CDN service with an empty privilege map.
   * @param channelName text of at most 65535 UTF-8 bytes; defaults to ''.
   * @param account an integer uid in 0..4294967295 (0 -> '') or an account string of at most 255
   *   bytes; defaults to ''.
   */
  constructor(channelName: string = '', account: string | number = '') {
    super(T.kFCdnServiceType);
    this.channelName = assertChannelText(channelName);
    this.account = assertRtcAccount(account, 'account');
  }
  /** Writes `bytes(channelName)` and `bytes(account)` (SPEC 2.4). */
  protected override packFields(w: ByteWriter): void {
    w.string(this.channelName).string(this.account);
  }
}

/** APaaS (Flexible Classroom): room uuid, user uuid, i16 role (-1 when omitted). */
export class ServiceApaas extends Service {
  /** Privilege id 1: a user in a room (room user token). */
  static readonly PRIVILEGE_ROOM_USER = 1;
  /** Privilege id 2: a user (user token). */
  static readonly PRIVILEGE_USER = 2;
  /** Privilege id 3: the app (app token). */
  static readonly PRIVILEGE_APP = 3;
  /** The packed room uuid ('' when omitted). */
  declare readonly roomUuid: string;
  /** The packed user uuid ('' when omitted). */
  declare readonly userUuid: string;
  /** The role as an i16 (-1 when omitted). */
  declare readonly role: number;
  /**
   * Builds an APaaS service with an empty privilege map.
   * @param roomUuid a string of at most 255 UTF-8 bytes, or a non-negative integer, which is
   *   stringified (0 -> ''); defaults to ''.
   * @param userUuid same rules as `roomUuid`; defaults to ''.
   * @param role i16. Omitted (undefined/null) means -1. Unlike the official Node class, an explicit
   *   0 is kept (as Python and Go do); pass -1 to get the Node default.
   */
  constructor(roomUuid: string | number = '', userUuid: string | number = '', role: number = -1) {
    super(T.kApaasServiceType);
    this.roomUuid = assertUserId(roomUuid, 'roomUuid');
    this.userUuid = assertUserId(userUuid, 'userUuid');
    this.role = assertI16(role ?? -1, 'role');
  }
  /** Writes `bytes(roomUuid)`, `bytes(userUuid)` and the role as an i16 (SPEC 2.4). */
  protected override packFields(w: ByteWriter): void {
    w.string(this.roomUuid).string(this.userUuid).uint16(this.role & 0xffff); // i16, two's complement
  }
}

/** RTM 2.x: user id and a permission tree. Numeric user ids are stringified. */
export class ServiceRtm2 extends Service {
  /** Privilege id 1: log in to RTM 2.x. */
  static readonly kPrivilegeLogin = 1;
  /** The packed user id ('' for 0, null or undefined). */
  declare readonly userId: string;
  /** The permission tree packed after the user id (empty when none was given). */
  declare readonly permissions: Rtm2Permissions;
  /**
   * Builds an RTM 2.x service with an empty privilege map.
   * @param userId a string of at most 255 UTF-8 bytes, or a non-negative integer, which is
   *   stringified (0, null or undefined -> '').
   * @param permissions an Rtm2Permissions (from any entry, or the official package's), or any
   * `{ details }` object of that shape; omitted or null means none, as in the official class.
   */
  constructor(userId: string | number, permissions?: Pick<Rtm2Permissions, 'details'> | null) {
    super(T.kRtm2ServiceType);
    this.userId = assertUserId(userId, 'userId');
    this.permissions = asPermissions(permissions);
  }
  /** Writes `bytes(userId)` and the permission tree (SPEC 2.4, 2.5). */
  protected override packFields(w: ByteWriter): void {
    w.string(this.userId);
    this.permissions.pack(w);
  }
}

/**
 * Permissions by shape (see assertService): another entry's Rtm2Permissions is used as it is;
 * any other object with a `details` tree (the official class, a plain object) is packed through
 * this one, sharing that tree, so later writes to it are still built.
 */
function asPermissions(permissions: unknown): Rtm2Permissions {
  if (permissions === undefined || permissions === null) return new Rtm2Permissions();
  const p = permissions as Partial<Rtm2Permissions>;
  if (typeof p !== 'object' || typeof p.details !== 'object' || p.details === null) {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'permissions: expected an Rtm2Permissions', { field: 'permissions' });
  }
  if (typeof p.pack === 'function') return permissions as Rtm2Permissions;
  const own = new Rtm2Permissions();
  own.details = p.details;
  return own;
}

/** Conversational AI Engine: no fields, no privileges defined. */
export class ServiceConvoAI extends Service {
  /** A ConvoAI service (type 9) with no privileges. */
  constructor() {
    super(T.kConvoAIServiceType);
  }
  /** ConvoAI has no fields after the privilege map. */
  protected override packFields(): void {}
}

/** Real-time STT: no fields, no privileges defined. */
export class ServiceStt extends Service {
  /** An STT service (type 10) with no privileges. */
  constructor() {
    super(T.kSttServiceType);
  }
  /** STT has no fields after the privilege map. */
  protected override packFields(): void {}
}

/**
 * The service object for a service read from a token (AccessToken2 `from_string`), or undefined
 * for a type this library does not know. Fields go in as read, past the builders' limits (a 255-byte
 * account, for one): a token holds whatever the implementation that built it allowed.
 */
export function serviceFromDecoded(d: DecodedService): Service | undefined {
  let s: Service;
  switch (d.name) {
    case 'rtc':
      s = Object.assign(new ServiceRtc('', ''), { channelName: d.channelName, uid: d.uid });
      break;
    case 'rtm':
      s = Object.assign(new ServiceRtm(''), { userId: d.userId });
      break;
    case 'streaming':
      s = Object.assign(new ServiceStreaming(), { channelName: d.channelName, account: d.account });
      break;
    case 'fcdn':
      s = Object.assign(new ServiceFCdn(), { channelName: d.channelName, account: d.account });
      break;
    case 'chat':
      s = Object.assign(new ServiceChat(), { userId: d.userId });
      break;
    case 'apaas':
      s = Object.assign(new ServiceApaas('', '', d.role), { roomUuid: d.roomUuid, userUuid: d.userUuid });
      break;
    case 'rtm2': {
      const permissions = new Rtm2Permissions();
      for (const p of d.permissions) (permissions.details[p.resourceType] ??= {})[p.permissionType] = p.resources;
      s = Object.assign(new ServiceRtm2('', permissions), { userId: d.userId });
      break;
    }
    case 'fpa':
      s = new ServiceFpa();
      break;
    case 'convoai':
      s = new ServiceConvoAI();
      break;
    case 'stt':
      s = new ServiceStt();
      break;
    default:
      return undefined;
  }
  for (const p of d.privileges) s.addPrivilege(p.id, p.expire);
  officialFieldNames(s, FIELD_NAMES[d.name]);
  return s;
}

/** The official class's field for each of ours, per kind (its from_string fills those fields). */
const FIELD_NAMES: Record<string, Record<string, string>> = {
  rtc: { __channel_name: 'channelName', __uid: 'uid' },
  rtm: { __user_id: 'userId' },
  streaming: { __channel_name: 'channelName', __account: 'account' },
  fcdn: { __channel_name: 'channelName', __account: 'account' },
  chat: { __user_id: 'userId' },
  apaas: { __room_uuid: 'roomUuid', __user_uuid: 'userUuid', __role: 'role' },
  rtm2: { __user_id: 'userId', __permissions: 'permissions' },
};

/**
 * Read-only, non-enumerable aliases under the official class's field names (`__channel_name`,
 * `__uid`, `__privileges` as an object, …) on a service read from a token: agora-token has no other
 * way to read a parsed service, so code written against it (Agora's own tests included) reads these.
 * Writes through them, which the official object would pack, throw as such writes on a constructed
 * service are refused at build: with a getter alone, an assignment was lost in sloppy code (a
 * TypeError in strict code), and so was `__privileges[id] = expire` (a write into a copy), each
 * leaving a token without what the code wrote.
 */
function officialFieldNames(s: Service, names: Record<string, string> = {}): void {
  for (const [name, field] of Object.entries({ __type: 'type', __privileges: '', ...names })) {
    const set = (): never => internalField(name);
    // Not enumerable (defineProperty's default): build() refuses enumerable `__` fields.
    // `__privileges` is a copy: a write to it would be lost, so it throws instead.
    Object.defineProperty(s, name, {
      get: () => (field ? (s as unknown as Record<string, unknown>)[field] : new Proxy(Object.fromEntries(s.privileges), { set, deleteProperty: set })),
      set,
      configurable: true,
    });
  }
}

/** ERR_INVALID_ARGUMENT for a write to the official class's internal field `field` (`__uid`, …). */
export function internalField(field: string): never {
  throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${field}: the official class's internal field, which this library does not read; use the constructor and addPrivilege`, { field });
}
