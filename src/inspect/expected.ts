/**
 * @module inspect/expected — validates what the caller says the token is for. Mistakes in this
 * input throw an AgoraTokenError (they are the caller's bug); everything about the token itself
 * becomes a finding instead.
 */

import { nearestName, shownKey } from '../core/near.ts';
import { assertAccount, assertAppId, assertCertificate, assertUid, ownFields } from '../core/assert.ts';
import { AgoraTokenError, type TokenErrorCode } from '../errors.ts';
import { EXPECTED_SERVICES, type ExpectedService } from './service-info.ts';
import { type NowInput, resolveNow } from './time.ts';

/**
 * What the token is supposed to work for. Every field is optional; give what you know.
 * @example
 * ```ts
 * const expected: DiagnoseExpectation = { appId, channel: 'room', uid: 42, role: 'publisher' };
 * const findings = await diagnoseToken(token, expected);
 * ```
 */
export interface DiagnoseExpectation {
  /** Your App ID (compared with the token's). */
  appId?: string | undefined;
  /** Your App Certificate: enables the signature check. Server-side only; never printed. */
  appCertificate?: string | undefined;
  /** The channel name you join. */
  channel?: string | undefined;
  /** The numeric uid you join with (0 = let the SDK assign one), or its decimal string. */
  uid?: number | string | undefined;
  /**
   * The user account (string uid) you join with, or the RTM/Chat/APaaS user id you log in with.
   * Given without channel, uid, role or service, it is that login's user id when the token has one.
   * At most 255 bytes of UTF-8 (an RTC user account's limit; RTM and Chat ids are shorter).
   */
  account?: string | undefined;
  /** The RTC role you join as: a host/publisher needs the publish privileges. */
  role?: 'publisher' | 'subscriber' | 'host' | 'audience' | 1 | 2 | undefined;
  /** The service you use the token for. Default: `rtc` when channel, uid or role is given. */
  service?: ExpectedService | undefined;
  /** Reference time: Unix seconds or a Date. Default: now. */
  now?: NowInput | undefined;
}

/** Normalised expectation. `uid` is the packed text ('' = uid 0); `identity` says how it was given. */
export interface Expected {
  appId?: string;
  appCertificate?: string;
  channel?: string;
  identity?: { packed: string; kind: 'uid' | 'account' };
  publisher?: boolean;
  service?: ExpectedService;
  now: number;
}

const KEYS = /* @__PURE__ */ new Set(['appId', 'appCertificate', 'channel', 'uid', 'account', 'role', 'service', 'now']);
const ALIASES: Record<string, string> = { channelName: 'channel', userAccount: 'account', userId: 'account', certificate: 'appCertificate', appID: 'appId' };

function invalid(field: string, rule: string, code: TokenErrorCode = 'ERR_INVALID_ARGUMENT'): never {
  const name = field === '' ? 'expected' : `expected.${field}`;
  throw new AgoraTokenError(code, `${name}: ${rule}`, { field: name });
}

/** Validates and normalises `expected`. */
export function normaliseExpected(input: DiagnoseExpectation | undefined): Expected {
  // The result has no prototype either: an expectation left out (channel, uid) reads undefined, never
  // a polluted Object.prototype's.
  if (input === undefined || input === null) return ownFields({ now: resolveNow(undefined) });
  if (typeof input !== 'object') invalid('', 'expected an object');
  input = ownFields(input); // each field read once, none inherited
  for (const key of Object.keys(input)) {
    if (KEYS.has(key) || (input as Record<string, unknown>)[key] === undefined) continue;
    const near = (Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined) ?? nearestName(key, [...KEYS]);
    invalid(shownKey(key), `unknown option${near ? `; did you mean ${near}?` : ''}`);
  }
  const out: Expected = ownFields({ now: resolveNow(input.now, 'expected.now') });
  if (input.appId !== undefined) out.appId = assertAppId(input.appId, 'expected.appId');
  if (input.appCertificate !== undefined) out.appCertificate = assertCertificate(input.appCertificate, 'expected.appCertificate', input.appId);
  if (input.channel !== undefined) {
    if (typeof input.channel !== 'string') invalid('channel', `expected a string, got ${input.channel === null ? 'null' : typeof input.channel}`);
    out.channel = input.channel;
  }
  if (input.uid !== undefined && input.account !== undefined) invalid('uid', 'give uid or account, not both');
  if (input.uid !== undefined) {
    // A join uid given as text means the number: "0" is uid 0 here, not the packed string "0".
    const uid = typeof input.uid === 'string' && /^[0-9]{1,10}$/.test(input.uid) ? Number(input.uid) : input.uid;
    // ERR_INVALID_UID as assertUid's for any other bad uid: one code per field, whatever the value.
    if (typeof uid === 'string') invalid('uid', 'expected an integer in 0..4294967295; for a string user account use expected.account', 'ERR_INVALID_UID');
    out.identity = { packed: assertUid(uid, 'expected.uid'), kind: 'uid' };
  }
  if (input.account !== undefined) {
    // At most 255 bytes, the longest user account or user id any SDK logs in with (and any builder
    // here takes): findings quote it once per login service, and a 32 KiB token holds thousands.
    const packed = assertAccount(input.account, 'expected.account');
    // '' is the packed text of uid 0: judged as an account it read "you join with uid 0".
    if (packed === '') invalid('account', 'must not be empty (to join with uid 0, give uid: 0)', 'ERR_INVALID_ACCOUNT');
    out.identity = { packed, kind: 'account' };
  }
  if (input.role !== undefined) {
    const r = input.role;
    if (r === 'publisher' || r === 'host' || r === 1) out.publisher = true;
    else if (r === 'subscriber' || r === 'audience' || r === 2) out.publisher = false;
    else invalid('role', 'expected publisher, subscriber, host, audience, 1 or 2');
  }
  if (input.service !== undefined) {
    if (!(EXPECTED_SERVICES as readonly unknown[]).includes(input.service)) invalid('service', `expected one of ${EXPECTED_SERVICES.join(', ')}`);
    out.service = input.service;
  } else if (out.channel !== undefined || out.publisher !== undefined || out.identity?.kind === 'uid') {
    out.service = 'rtc';
  }
  return out;
}
