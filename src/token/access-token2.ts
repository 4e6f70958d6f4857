/**
 * @module token/access-token2 — the AccessToken2 ("007") model and its build pipeline
 * (pack → sign → seal → compress → encode), shared by the async and sync entries.
 */

import { Inspectable } from '../core/inspectable.ts';
import { assertAccount, assertAppId, assertCertificate, assertCredentials, assertI16, assertSalt, assertSeconds, assertU16, HEX32, isU32 } from '../core/assert.ts';
import { encodeBase64 } from '../core/base64.ts';
import { assertBuildEnvironment } from '../core/environment.ts';
import { randomSalt, unixSeconds } from '../core/random.ts';
import { releaseWriter, takeWriter } from '../core/writer.ts';
import { compress, MAX_PAYLOAD_BYTES } from '../core/zlib.ts';
import { AgoraTokenError } from '../errors.ts';
import type { Pipeline } from '../sign/types.ts';
import { withTrailingAllowed } from '../core/inflate/index.ts';
import { decode007Signed } from './decode-007.ts';
import { readLikeBuffer } from './lenient-read.ts';
import {
  internalField,
  Service,
  ServiceApaas,
  ServiceChat,
  ServiceConvoAI,
  ServiceFCdn,
  ServiceFpa,
  serviceFromDecoded,
  ServiceRtc,
  ServiceRtm,
  ServiceRtm2,
  ServiceStreaming,
  ServiceStt,
} from './services.ts';
import * as T from './service-types.ts';
import { findK1, k1Step, k2Step, rememberK1, verify007 } from './signing.ts';

let kServices: Readonly<Record<number, new (...args: never[]) => Service>> | undefined;

/** Token version prefix of AccessToken2. */
const VERSION_007 = '007';

/**
 * AccessToken2 state shared by both entries; `build()` lives on the entry-specific subclasses.
 * The certificate is kept in a private field so it never shows up in logs or JSON.
 */
export class AccessToken2Base extends Inspectable {
  /**
   * The service class for each service type, as the official class's `kServices` (which its parser
   * uses to pick a class for each packed service).
   * @example
   * ```ts
   * const Rtc = AccessToken2.kServices[1]; // ServiceRtc
   * ```
   */
  static get kServices(): Readonly<Record<number, new (...args: never[]) => Service>> {
    // A getter, not a static field: an initializer would keep this class (and every service class)
    // in bundles that never use it.
    return (kServices ??= Object.freeze({
      [T.kRtcServiceType]: ServiceRtc,
      [T.kRtmServiceType]: ServiceRtm,
      [T.kFpaServiceType]: ServiceFpa,
      [T.kChatServiceType]: ServiceChat,
      [T.kApaasServiceType]: ServiceApaas,
      [T.kStreamingServiceType]: ServiceStreaming,
      [T.kFCdnServiceType]: ServiceFCdn,
      [T.kRtm2ServiceType]: ServiceRtm2,
      [T.kConvoAIServiceType]: ServiceConvoAI,
      [T.kSttServiceType]: ServiceStt,
    }));
  }

  // Public fields are `declare`d and set in the constructor in this order (the same own keys, in
  // the same order, as field definitions, which would be code in every bundle keeping the class).
  /** The App ID (32 hex characters; '' in the parse form until from_string reads one). */
  declare readonly appId: string;
  #appCertificate: string;
  /** Unix seconds when issued. Defaults to now. */
  declare issueTs: number;
  /** Token lifetime in seconds after issueTs. Defaults to 900 (as Agora's Python implementation). */
  declare expire: number;
  /** Random u32 mixed into the signature; a fresh CSPRNG value in 1..99999999 by default (0 in the parse form until from_string reads one or build() draws one). */
  declare salt: number;
  /** Services in insertion order (packing sorts a copy by type, stably). */
  declare readonly services: Service[];
  /** Set to true to allow `build()` on a browser main thread (the certificate is then public). */
  declare dangerouslyAllowBrowser: boolean;
  /** What {@link from_string} read for verifySignature: the signature and the bytes it signs. */
  #parsed: { signature: Uint8Array; signingInfo: Uint8Array } | undefined;
  /** True while `salt` is the placeholder 0 of the parse form or of a failed from_string: build() draws one then. */
  #unsalted: boolean;

  /**
   * @param appId 32 hex characters.
   * @param appCertificate 32 hex characters (secret).
   * @param issueTs Unix seconds; omitted or 0 means now.
   * @param expire token lifetime in seconds after issueTs; default 900.
   *
   * To parse a token with {@link from_string}, construct without credentials, as the official
   * samples do: `new AccessToken2()` or `new AccessToken2('', '', 0, 0)`. Such a token cannot be
   * built (build() fails with ERR_INVALID_APP_ID or ERR_INVALID_APP_CERTIFICATE).
   */
  constructor(appId?: string, appCertificate?: string, issueTs?: number, expire: number = 900) {
    super();
    const parseForm = (appId === undefined || appId === '') && (appCertificate === undefined || appCertificate === '');
    if (parseForm) {
      this.appId = '';
      this.#appCertificate = '';
    } else {
      this.appId = assertAppId(appId);
      this.#appCertificate = assertCertificate(appCertificate, 'appCertificate', appId);
    }
    this.issueTs = issueTs ? assertSeconds(issueTs, 'issueTs') : unixSeconds();
    this.expire = assertSeconds(expire, 'expire');
    // The parse form draws no salt until it is built (from_string sets one): reading must work
    // where there is no crypto.getRandomValues (React Native).
    this.#unsalted = parseForm;
    this.salt = parseForm ? 0 : randomSalt();
    (this as { services: Service[] }).services = [];
    this.dangerouslyAllowBrowser = false;
  }

  /**
   * Reads a 007 token into this object, as the official `from_string` does: appId, issueTs, expire,
   * salt and the services (reading stops at a service type this library does not know). Returns
   * false, with every field cleared, for anything that is not a readable 007 token. Like the
   * official method (Node's Buffer and zlib), it reads past whitespace or quotes after the token (not
   * before it), URL-safe characters and junk after the token, and inside it a signature of any
   * length, bytes after the last service and text that is not UTF-8 (U+FFFD in place of the bad
   * bytes, so building again packs U+FFFD). For the reason why a token does not read, or for 006
   * tokens, use `decodeToken`, which is strict and throws a typed error instead.
   * The certificate this object was made with stays; building then re-signs the token's content
   * with it.
   * @example
   * ```ts
   * const t = new AccessToken2();
   * if (t.from_string(token)) console.log(t.appId, t.issueTs + t.expire, t.getServices(1));
   * ```
   */
  from_string(token: string): boolean {
    (this as { appId: string }).appId = '';
    this.issueTs = this.expire = this.salt = 0;
    this.#unsalted = true;
    // A new array, as the official class: an array code took from `services` before keeps its
    // services, and a `services` code replaced (even with null) does not stop the read.
    (this as { services: Service[] }).services = [];
    this.#parsed = undefined;
    if (typeof token !== 'string' || !token.startsWith(VERSION_007)) return false;
    const read = readLikeBuffer(token, VERSION_007.length, (t) => withTrailingAllowed(() => decode007Signed(t, true)));
    if (read === undefined) return false;
    const { decoded, signature, signingInfo } = read;
    this.#parsed = { signature, signingInfo };
    (this as { appId: string }).appId = decoded.appId;
    this.issueTs = decoded.issueTs;
    this.expire = decoded.expire;
    this.salt = decoded.salt;
    this.#unsalted = false;
    for (const d of decoded.services) {
      const service = serviceFromDecoded(d);
      if (service === undefined) break;
      this.services.push(service);
    }
    return true;
  }

  /**
   * The verification of the token {@link from_string} read, with `appCertificate`, over its signed
   * bytes and this object's current issueTs and salt (as the official verifySignature). Undefined
   * where the official method answers false without computing: nothing parsed, or an appId or
   * certificate that is not 32 hex characters.
   */
  protected signatureCheck(appCertificate: unknown): Pipeline<boolean> | undefined {
    const parsed = this.#parsed;
    if (parsed === undefined || !HEX32.test(this.appId) || typeof appCertificate !== 'string' || !HEX32.test(appCertificate)) return undefined;
    if (!isU32(this.issueTs) || !isU32(this.salt)) return undefined;
    return verify007(appCertificate, this.issueTs, this.salt, parsed.signingInfo, parsed.signature);
  }

  /** The App Certificate this token signs with (not enumerable, never serialised). */
  get appCertificate(): string {
    return this.#appCertificate;
  }

  /** Replaces the certificate, as an official object allows: checked now, and against the App ID when built. */
  set appCertificate(value: string) {
    this.#appCertificate = assertCertificate(value);
  }

  /** Adds a service; several of the same type are allowed. */
  addService(service: Service): this {
    this.services.push(assertService(service));
    return this;
  }

  /** Official spelling of {@link addService}. */
  add_service(service: Service): this {
    return this.addService(service);
  }

  /** Services of one type, in insertion order. */
  getServices(type: number): Service[] {
    return this.services.filter((s) => s.type === type);
  }

  /** The build pipeline; entries run it on their crypto backend. */
  protected buildPipeline(): Pipeline<string> {
    assertBuildEnvironment(this.dangerouslyAllowBrowser);
    // appId and the certificate are plain writable fields, as in the official class (and unset in
    // the parse form): check the pair again (a no-op when it is the last pair that passed).
    const appId = this.appId; // read once: the App ID checked is the one packed
    assertCredentials(appId, this.#appCertificate);
    // `services` is a public array, as the official object's is a public map: code may replace it
    // or push into it directly, so what is there is checked now rather than failing inside pack().
    // The services packed are the ones checked: read once, by index, into a list of our own.
    const services: unknown = this.services;
    if (!Array.isArray(services)) {
      throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'services: expected an array of Service objects (use addService)', { field: 'services' });
    }
    const checked: Service[] = [];
    for (let i = 0; i < services.length; i++) checked.push(assertServiceFields(assertService(services[i], `services[${i}]`), `services[${i}]`)); // holes too
    if (this.#unsalted) {
      if (this.salt === 0) this.salt = randomSalt(); // unless code assigned one
      this.#unsalted = false;
    }
    return buildPipeline(appId, this.#appCertificate, this.issueTs, this.expire, this.salt, checked);
  }

  /** For `JSON.stringify` and console output: the public fields only. */
  toJSON(): Record<string, unknown> {
    return { appId: this.appId, issueTs: this.issueTs, expire: this.expire, salt: this.salt, services: this.services };
  }
}

/** A Service instance (ServiceRtc, ServiceRtm, …), or ERR_INVALID_ARGUMENT. */
export function assertService(service: unknown, field = 'service'): Service {
  // By shape, not instanceof: each entry point is a self-contained file with its own classes, so
  // a ServiceRtc made through another entry (agora-token-kit vs /sync) is another class's instance.
  if (!(service instanceof Service) && !isServiceShaped(service)) {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${field}: expected a Service (ServiceRtc, ServiceRtm, …)`, { field });
  }
  return service as Service;
}

/**
 * The string fields each library service type packs (SPEC 2.4), space-separated, keyed by type id:
 * rtc 1, rtm 2, streaming 3, chat 5, fcdn 6, apaas 7, rtm2 8. Bare numbers on purpose: computed keys
 * from service-types.ts keep this table in the builders' bundle (a), which they push over its 8 KB
 * budget (by 75 B when measured).
 */
const STRING_FIELDS: Readonly<Record<number, string>> = { 1: 'channelName uid', 2: 'userId', 3: 'channelName account', 5: 'userId', 6: 'channelName account', 7: 'roomUuid userUuid', 8: 'userId' };

/**
 * The library's service fields are readonly in the types only: JavaScript may write them, so they
 * are checked when built as packable values (strings of at most 65535 bytes, as a parsed token may
 * carry; the APaaS role an int16; RTM2 permissions an Rtm2Permissions), not converted as the
 * constructors convert their arguments, instead of failing in the packer with a RangeError. Only
 * the fields of the library's service types are checked: a caller's own Service subclass (another
 * type) packs its own fields.
 */
function assertServiceFields(service: Service, field: string): Service {
  const type = assertU16(service.type, `${field}.type`);
  const s = service as unknown as Record<string, unknown>;
  // Code written for the official class may set its internal fields (`__privileges`, `__uid`, …),
  // which nothing here reads: refused, rather than a token that silently lacks them. Only on the
  // library's types (1..10) and on a bare Service (any type, which packs no field of its own): a
  // caller's own subclass may keep `__` fields it packs itself. (The aliases on a parsed service
  // are non-enumerable, so Object.keys does not list them.)
  const official = (type >= 1 && type <= 10) || service.constructor === Service;
  for (const key of official ? Object.keys(s) : []) {
    if (key.startsWith('__')) internalField(`${field}.${key}`);
  }
  for (const key of STRING_FIELDS[type]?.split(' ') ?? []) {
    // The code of what the field holds, as the constructors give it.
    assertAccount(s[key], `${field}.${key}`, 0xffff, key === 'uid' ? 'ERR_INVALID_UID' : key === 'channelName' ? 'ERR_INVALID_CHANNEL' : 'ERR_INVALID_ACCOUNT');
  }
  // As the builders: Agora takes a wildcard RTC token (channel "*") only for a uid other than 0.
  if (type === 1 && s.channelName === '*' && (s.uid === '' || s.uid === '0')) {
    throw new AgoraTokenError('ERR_INVALID_UID', `${field}.uid: a wildcard token (channel "*") needs a uid other than 0`, { field: `${field}.uid` });
  }
  if (type === T.kApaasServiceType) assertI16(s.role, `${field}.role`);
  if (type === T.kRtm2ServiceType && typeof (s.permissions as { pack?: unknown } | null)?.pack !== 'function') {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${field}.permissions: expected an Rtm2Permissions (other forms go to the constructor)`, { field: `${field}.permissions` });
  }
  return service;
}

function isServiceShaped(value: unknown): boolean {
  const s = value as Partial<Service> | null;
  return typeof s === 'object' && s !== null && typeof s.type === 'number' && typeof s.pack === 'function' && typeof s.service_type === 'function';
}

/**
 * The 007 build pipeline over already validated fields (it checks the numbers again when run).
 * Exported for the builders, which call it directly so their bundles need not keep the
 * AccessToken2Base class and its methods.
 */
export function* buildPipeline(
  appId: string,
  appCertificate: string,
  issueTsValue: number,
  expireValue: number,
  saltValue: number,
  services: readonly Service[],
): Pipeline<string> {
  // Fields are writable, so check them again at the moment they are used.
  const issueTs = assertSeconds(issueTsValue, 'issueTs');
  const expire = assertSeconds(expireValue, 'expire');
  const salt = assertSalt(saltValue);
  if (services.length === 0) throw new AgoraTokenError('ERR_NO_SERVICE', 'services: add at least one service before build()', { field: 'services' });
  if (services.length > 0xffff) throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'services: at most 65535 services', { field: 'services' });

  // Pack [34 bytes of room for the length-prefixed signature][signingInfo]; the signature is
  // written into that room afterwards, so the content is compressed from the writer's buffer.
  const writer = takeWriter();
  try {
    writer.reset().skip(SIGNATURE_FIELD).string(appId).uint32(issueTs).uint32(expire).uint32(salt).uint16(services.length);
    for (const service of services.length > 1 ? [...services].sort((a, b) => a.type - b.type) : services) service.pack(writer);
    const content = writer.view();
    if (content.length > MAX_PAYLOAD_BYTES) {
      throw new AgoraTokenError(
        'ERR_INVALID_ARGUMENT',
        `services: the token payload would be ${content.length} bytes, over the ${MAX_PAYLOAD_BYTES}-byte limit decoders accept`,
        { field: 'services' },
      );
    }
    // The signing chain (token/signing.ts): k1 (cached per second), k2, then the signature.
    const k1 = findK1(appCertificate, issueTs) ?? rememberK1(appCertificate, issueTs, yield k1Step(appCertificate, issueTs));
    const k2 = yield k2Step(salt, k1);
    const signature = yield { op: 'hmac', key: k2, message: writer.view(SIGNATURE_FIELD) };
    content[0] = signature.length; // u16 little-endian 32
    content.set(signature, 2);
    return VERSION_007 + encodeBase64(compress(content));
  } finally {
    releaseWriter(writer);
  }
}

/** u16 length + 32-byte HMAC-SHA256 signature, the first field of the content. */
const SIGNATURE_FIELD = 34;
