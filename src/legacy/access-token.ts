/**
 * @module legacy/access-token — the AccessToken ("006") model and its build pipeline (SPEC 3):
 * pack the message → sign it with one HMAC → seal with the CRC-32s of channel and uid → base64.
 * No compression, so every correct implementation produces the same string.
 */

import { Inspectable } from '../core/inspectable.ts';
import { assertAppId, assertCertificate, assertCredentials, assertRtcAccount, assertSalt, assertSeconds, assertU16, assertAccount, assertChannelText } from '../core/assert.ts';
import { encodeBase64 } from '../core/base64.ts';
import { certificateBytes } from '../core/bytes.ts';
import { crc32 } from '../core/crc32.ts';
import { assertBuildEnvironment } from '../core/environment.ts';
import { randomSalt, unixSeconds } from '../core/random.ts';
import { releaseWriter, takeWriter } from '../core/writer.ts';
import { AgoraTokenError } from '../errors.ts';
import type { Pipeline } from '../sign/types.ts';
import { readLikeBuffer } from '../token/lenient-read.ts';
import { MAX_TOKEN_LENGTH } from '../token/version.ts';
import { parse006 } from './parse-006.ts';

/**
 * Token version prefix of AccessToken, exported as `version` like the official module.
 * @example
 * ```ts
 * import { version } from 'agora-token-kit/legacy';
 * token.startsWith(version); // '006'
 * ```
 */
export const VERSION_006 = '006';

/**
 * Default lifetime of the token's own `ts`: now + 24 hours, as the official AccessToken.
 * @example
 * ```ts
 * const token = new AccessToken(appId, appCertificate, 'room', 42);
 * token.ts = Math.floor(Date.now() / 1000) + DEFAULT_TS_SECONDS; // the default
 * ```
 */
export const DEFAULT_TS_SECONDS = 86_400; // 24 h

/**
 * AccessToken (006) state shared by the async and sync legacy entries; `build()` lives on the
 * entry-specific subclasses. The certificate is kept in a private field, never serialised.
 *
 * Differences from `agora-access-token` 2.0.4, on purpose:
 * - `salt` is a fresh CSPRNG value in 1..99999999 per token; the official module draws one
 *   `Math.random` value in 0..4294967294 when it loads and reuses it for every token of the
 *   process (SPEC Q17). Any u32 may be assigned.
 * - Inputs are validated (typed AgoraTokenError) instead of being packed as given.
 */
export class AccessTokenBase extends Inspectable {
  /** App ID (official field name). */
  readonly appID: string;
  #appCertificate: string;
  /** Channel name; for a 006 RTM token, the user account. Only its CRC-32 is in the token. */
  readonly channelName: string;
  /** Packed uid text: '' for uid 0 (any uid) and for RTM tokens. Only its CRC-32 is in the token. */
  readonly uid: string;
  /** u32 mixed into the signature. Default: CSPRNG 1..99999999 (0 in the parse form until fromString reads one or build() draws one). Writable for reproducible tokens. */
  salt: number;
  /** True while `salt` is a placeholder 0 (parse form, builders before their options): build() draws one then. */
  #unsalted: boolean;
  /** Absolute Unix time (s) at which the token itself expires. Default: now + 86400. Writable. */
  ts: number;
  /** Set to true to allow `build()` on a browser main thread (the certificate is then public). */
  dangerouslyAllowBrowser = false;
  /** After {@link fromString}: the token's signature (32 bytes), as the official field. */
  declare signature?: Uint8Array;
  /** After {@link fromString}: the CRC-32 of the channel name the token was built for. */
  declare crc_channel_name?: number;
  /** After {@link fromString}: the CRC-32 of the uid text the token was built for. */
  declare crc_uid?: number;
  /** After {@link fromString}: the signed message bytes (salt, ts, privileges), as the official field `m`. */
  declare m?: Uint8Array;
  /** privilege id -> absolute expiry, as set by addPrivilege (checked). */
  readonly #privileges = new Map<number, number>();
  /** The live `messages` object, made on first access; from then on it is what gets built. */
  #messages: Record<number, number> | undefined;

  /**
   * @param appId 32 hex characters, copied into the token in clear.
   * @param appCertificate 32 hex characters (secret).
   * @param channelName the channel (RTM: the user account), any well-formed text.
   * @param uid a uid 0..2^32-1 (0 packs as '' = any uid), or a user account string ('' for RTM).
   *
   * To read a token with {@link fromString}, construct without credentials, as the official
   * samples do: `new AccessToken('', '', '', '')`. Such a token cannot be built.
   */
  constructor(appId: string, appCertificate: string, channelName: string, uid: number | string) {
    super();
    const parseForm = (appId === undefined || appId === '') && (appCertificate === undefined || appCertificate === '');
    if (parseForm) {
      this.appID = '';
      this.#appCertificate = '';
    } else {
      this.appID = assertAppId(appId);
      this.#appCertificate = assertCertificate(appCertificate, 'appCertificate', appId);
    }
    // The official samples' parse form passes 0 for the channel too: with no credentials, 0 is ''.
    const unset = parseForm && ((channelName as unknown) === 0 || channelName === undefined);
    this.channelName = unset ? '' : assertChannelText(channelName);
    this.uid = parseForm && uid === undefined ? '' : assertRtcAccount(uid, 'uid', 'ERR_INVALID_UID');
    // The parse form draws no salt until it is built (fromString sets one): reading must work where
    // there is no crypto.getRandomValues (React Native). So do the builders, which may be given one.
    this.#unsalted = parseForm || this.defersSalt();
    this.salt = this.#unsalted ? 0 : randomSalt();
    this.ts = unixSeconds() + DEFAULT_TS_SECONDS;
  }

  /** Same as `appID`. */
  get appId(): string {
    return this.appID;
  }

  /** The App Certificate this token signs with (not enumerable, never serialised). */
  get appCertificate(): string {
    return this.#appCertificate;
  }

  /** Replaces the certificate, as an official object allows: checked now, and against the App ID when built. */
  set appCertificate(value: string) {
    this.#appCertificate = assertCertificate(value);
  }

  /**
   * Sets one privilege's expiry, an absolute Unix time in seconds (written verbatim, any u32:
   * this low-level method does not apply the builders' duration check). Setting it again replaces it.
   * Agora's 24-hour rule applies: 0, or a time more than 24 hours ahead, gives 24 hours.
   * @example
   * ```ts
   * const token = new AccessToken(appId, appCertificate, 'room', 42);
   * token.addPrivilege(Privileges.kJoinChannel, Math.floor(Date.now() / 1000) + 3600);
   * ```
   */
  addPrivilege(privilege: number, expireTimestamp: number): this {
    const id = assertU16(privilege, 'privilege', 'ERR_INVALID_PRIVILEGE');
    const value = assertSeconds(expireTimestamp, 'expireTimestamp');
    this.#privileges.set(id, value);
    if (this.#messages !== undefined) this.#messages[id] = value;
    return this;
  }

  /**
   * privilege id -> absolute expiry (the official field): a live object, so a direct write, as code
   * for the official class may make, is built (and checked when built). The builders never touch
   * it, which keeps their path free of that check.
   */
  get messages(): Record<number, number> {
    return (this.#messages ??= Object.fromEntries(this.#privileges));
  }

  /** Replaces the whole privilege map, as code for the official class may do; checked when built. */
  set messages(value: Record<number, number>) {
    if (typeof value !== 'object' || value === null) {
      throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'messages: expected an object of privilege id -> expiry (Unix seconds)', { field: 'messages' });
    }
    this.#messages = value;
  }

  /** Official (misspelt) name of {@link addPrivilege}. */
  addPriviledge(privilege: number, expireTimestamp: number): this {
    return this.addPrivilege(privilege, expireTimestamp);
  }

  /**
   * Reads a 006 token into this object, as the official `fromString` does: salt, ts and the
   * privileges (`messages`), and the official read-back fields `signature`, `crc_channel_name`,
   * `crc_uid` and `m`; it also sets `appID` from the token (agora-access-token 2.0.4 leaves it
   * unchanged; the 006 copy in agora-token sets it). Returns false, changing nothing, for anything that is not a readable 006
   * token; `decodeToken` says why. Like the official method (Node's Buffer), it reads past
   * whitespace or quotes after the token (not before it), URL-safe characters, trailing junk, an
   * App ID of any 32 characters and a signature of any length (decodeToken wants 32 bytes).
   * The channel and uid are not in a 006 token (only their CRC-32s), so they stay as constructed.
   * @example
   * ```ts
   * const t = new AccessToken('', '', '', '');
   * if (t.fromString(token)) console.log(t.appID, t.messages[Privileges.kJoinChannel]);
   * ```
   */
  fromString(token: string): boolean {
    if (typeof token !== 'string' || !token.startsWith(VERSION_006)) return false;
    // The base64 starts after the version and the 32-character App ID.
    const parsed = readLikeBuffer(token, VERSION_006.length + 32, (t) => parse006(t, false));
    if (parsed === undefined) return false;
    const { decoded } = parsed;
    // The official read-back fields, set only by fromString as there (bytes as Uint8Array, not Buffer).
    this.signature = parsed.signature;
    this.crc_channel_name = decoded.crcChannelName;
    this.crc_uid = decoded.crcUid;
    this.m = parsed.message;
    (this as { appID: string }).appID = decoded.appId;
    this.salt = decoded.salt;
    this.#unsalted = false;
    this.ts = decoded.ts;
    this.#privileges.clear();
    for (const p of decoded.privileges) this.#privileges.set(p.id, p.expire);
    this.#messages = undefined;
    return true;
  }

  /** Whether a new object leaves its salt to build time; the builders' subclass does (see saltGiven). */
  protected defersSalt(): boolean {
    return false;
  }

  /** Marks `salt` as chosen, even if 0, so build() keeps it (the builders' `{ salt }` option). */
  protected saltGiven(): void {
    this.#unsalted = false;
  }

  /** The build pipeline; entries run it on their crypto backend. */
  protected buildPipeline(): Pipeline<string> {
    assertBuildEnvironment(this.dangerouslyAllowBrowser);
    // appID and the certificate are plain writable fields, as in the official class (and unset in
    // the parse form): check the pair again (a no-op when it is the last pair that passed).
    assertCredentials(this.appID, this.#appCertificate, 'appID');
    // channelName and uid are readonly in the types only, as plain as the official class's fields:
    // what JavaScript assigns to them is checked as packable text (uid holds the packed uid text,
    // '' for uid 0), as AccessToken2.build() checks service fields. Unchecked, a number or null
    // failed deep in the packer.
    const channelName = assertChannelText(this.channelName);
    const uid = assertAccount(this.uid, 'uid', 255, 'ERR_INVALID_UID');
    if (this.#unsalted) {
      if (this.salt === 0) this.salt = randomSalt(); // unless code assigned one
      this.#unsalted = false;
    }
    return build006(this.appID, this.#appCertificate, channelName, uid, this.salt, this.ts, this.#messages === undefined ? new Map(this.#privileges) : checkedMessages(this.#messages));
  }

  /** For `JSON.stringify` and console output: the public fields only. */
  toJSON(): Record<string, unknown> {
    return { appID: this.appID, channelName: this.channelName, uid: this.uid, salt: this.salt, ts: this.ts, messages: this.messages };
  }
}

/** The `messages` object as a checked map: what code wrote there directly is validated here. */
function checkedMessages(messages: Record<number, number>): Map<number, number> {
  const privileges = new Map<number, number>();
  for (const key of Object.keys(messages)) {
    const value = (messages as Record<string, unknown>)[key];
    privileges.set(assertU16(/^\d+$/.test(key) ? Number(key) : key, `messages[${key}]`, 'ERR_INVALID_PRIVILEGE'), assertSeconds(value, `messages[${key}]`));
  }
  return privileges;
}

function* build006(
  appId: string,
  appCertificate: string,
  channelName: string,
  uid: string,
  saltValue: number,
  tsValue: number,
  privileges: ReadonlyMap<number, number>,
): Pipeline<string> {
  // salt and ts are writable, so check them at the moment they are used.
  const salt = assertSalt(saltValue);
  const ts = assertSeconds(tsValue, 'ts');
  if (privileges.size === 0) {
    throw new AgoraTokenError('ERR_NO_SERVICE', 'privileges: add at least one privilege (addPrivilege) before build()', { field: 'privileges' });
  }

  // One pooled writer holds both the signed bytes (appId || channel || uid || message, SPEC 3.2)
  // and, after them, the token content; views into it replace five separate allocations.
  const w = takeWriter();
  try {
    w.reset().text(appId).text(channelName);
    const uidStart = w.length;
    w.text(uid);
    const messageStart = w.length;
    w.uint32(salt).uint32(ts).map32(privileges);
    const messageEnd = w.length;
    // The decoders' bound, which also keeps the message under its u16 length (SPEC 3.3): the
    // content is 44 bytes + the message, after "006" and the 32-character App ID.
    const chars = 35 + 4 * Math.ceil((44 + messageEnd - messageStart) / 3);
    if (chars > MAX_TOKEN_LENGTH) {
      throw new AgoraTokenError('ERR_INVALID_PRIVILEGE', `privileges: ${privileges.size} make a token of ${chars} characters, over the ${MAX_TOKEN_LENGTH} decoders accept`, { field: 'privileges' });
    }
    const crcChannel = crc32(w.view(appId.length, uidStart));
    const crcUid = crc32(w.view(uidStart, messageStart));
    const signature: Uint8Array = yield { op: 'hmac', key: certificateBytes(appCertificate), message: w.view(0, messageEnd), longLivedKey: true };
    // u16 length + signature (SPEC 1.2): an HMAC-SHA256 is 32 bytes, so no length check (and the
    // writer has no bytes() method that every 007 builder's bundle would carry).
    w.uint16(signature.length).raw(signature).uint32(crcChannel).uint32(crcUid).uint16(messageEnd - messageStart).raw(w.view(messageStart, messageEnd));
    return VERSION_006 + appId + encodeBase64(w.view(messageEnd));
  } finally {
    releaseWriter(w);
  }
}
