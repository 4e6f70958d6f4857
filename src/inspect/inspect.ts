/**
 * @module inspect/inspect — `inspectToken`: decodes a 007 or 006 token and resolves its times
 * (SPEC 2.8: 007 values are seconds after issueTs; SPEC 3.6: 006 values are absolute).
 */

import { ownFields } from '../core/assert.ts';
import { shownKey } from '../core/near.ts';
import { AgoraTokenError } from '../errors.ts';
import type { DecodedPrivilege, DecodedToken006, DecodedToken007 } from '../token/decoded.ts';
import { decodeToken } from '../token/decode.ts';
import { SERVICE_TYPES } from '../token/service-types.ts';
import { crcHex, describe007 } from './describe-service.ts';
import { SERVICE_USAGE } from './service-info.ts';
import { isoTime, MAX_LIFETIME_SECONDS, resolveNow, TIMESTAMP_THRESHOLD } from './time.ts';
import type { InspectedPrivilege, InspectedService, InspectedToken, InspectedToken006, InspectedToken007, InspectOptions } from './types.ts';

/**
 * Decodes a token (no secret needed) and adds human facts: issue and expiry times as ISO text,
 * each privilege's absolute expiry (value 0 explained), time left, whether it has expired, the
 * effective expiry a client sees, and which SDK each service is for. Throws an AgoraTokenError
 * (`ERR_TOKEN_*`) for a malformed token, exactly as `decodeToken`. Same on every entry.
 *
 * @example
 * ```ts
 * import { inspectToken } from 'agora-token-kit';
 * const info = inspectToken(token);
 * console.log(info.expiresAtIso, info.effectiveSecondsLeft, info.services.map((s) => s.summary));
 * ```
 */
export function inspectToken(token: string, options: InspectOptions = {}): InspectedToken {
  // `now` is the only option: a misspelt one (`nwo`), or a time passed in its place, would silently
  // inspect at the current time.
  if (options !== null && typeof options !== 'object') {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `options: expected an object such as { now }, got ${typeof options}${typeof options === 'number' ? ' (pass a time as { now: … })' : ''}`, { field: 'options' });
  }
  const own: InspectOptions = ownFields(options ?? {}); // read once, none inherited (null too)
  const extra = Object.keys(own).find((k) => k !== 'now');
  if (extra !== undefined) {
    const field = `options.${shownKey(extra)}`;
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${field}: not an option of inspectToken() (the only one is now)`, { field });
  }
  const now = resolveNow(own.now, 'options.now');
  const decoded = decodeToken(token);
  lastIsoSeconds = undefined; // a memo from an earlier call may predate a change of the global Date
  return decoded.version === '007' ? inspect007(decoded, now) : inspect006(decoded, now);
}

/*
 * isoTime for one inspectToken call, remembering the last time formatted. A token's services and
 * privileges mostly end at the same few seconds, and a 32 KiB token holds up to 8,171 services:
 * formatting each (a Date and toISOString) was ~20% of diagnosing such a token. The memo is cleared
 * at each call rather than kept, because isoTime follows the global Date as it is at the time
 * (a test may mock it between calls), and one call runs synchronously, under one Date.
 */
let lastIsoSeconds: number | undefined;
let lastIso = '';
function iso(seconds: number): string {
  if (seconds !== lastIsoSeconds) {
    lastIso = isoTime(seconds);
    lastIsoSeconds = seconds;
  }
  return lastIso;
}

interface Limit {
  at: number;
  by: string;
}

function earliest(limits: Limit[]): Limit {
  // Ties keep the first candidate, so the token's own expiry wins over an equal privilege.
  return limits.reduce((a, b) => (b.at < a.at ? b : a));
}

function privilege(p: DecodedPrivilege, expiresAt: number | null, now: number, note: string | undefined): InspectedPrivilege {
  const out: InspectedPrivilege = {
    id: p.id,
    name: p.name,
    value: p.expire,
    expiresAt,
    expiresAtIso: expiresAt === null ? null : iso(expiresAt),
    secondsLeft: expiresAt === null ? null : expiresAt - now,
    expired: expiresAt === null ? null : expiresAt <= now,
  };
  if (note !== undefined) out.note = note;
  return out;
}

function service(base: Omit<InspectedService, 'expiresAt' | 'expiresAtIso' | 'secondsLeft' | 'expired' | 'limitedBy'>, limits: Limit[], now: number): InspectedService {
  for (const p of base.privileges) if (p.expiresAt !== null) limits.push({ at: p.expiresAt, by: `${base.name}.${p.name ?? p.id}` });
  const limit = earliest(limits);
  // Completes `base` (a fresh object literal at every call site) in place, with the keys in the
  // order `{ ...base, expiresAt, ... }` gave: V8 ran that spread ~8x slower than these stores,
  // ~10 µs per service, so a 32 KiB payload of 8,171 four-byte services took 65-165 ms to inspect
  // and 95-250 ms to diagnose (decoding it takes under 1 ms).
  const out = base as InspectedService;
  out.expiresAt = limit.at;
  out.expiresAtIso = iso(limit.at);
  out.secondsLeft = limit.at - now;
  out.expired = limit.at <= now;
  out.limitedBy = limit.by;
  return out;
}

function note007(p: DecodedPrivilege, expire: number, serviceName: string): string | undefined {
  if (p.expire === 0) {
    return serviceName === 'fpa'
      ? 'value 0, as the official FpaTokenBuilder writes for its 24-hour token'
      : 'value 0: written when privilegeExpire is omitted; the sources do not define it (parse.py reads it as expired at issue)';
  }
  if (p.expire >= TIMESTAMP_THRESHOLD) return 'looks like an absolute Unix time; 007 privileges are seconds after issue';
  if (p.expire > expire) return 'set past the token expiry: the token ends first (expiresAt and expired here are the privilege value alone)';
  return undefined;
}

function inspect007(d: DecodedToken007, now: number): InspectedToken007 {
  const expiresAt = d.issueTs + d.expire;
  const tokenLimits = (): Limit[] => {
    const limits: Limit[] = [{ at: expiresAt, by: 'token' }];
    if (d.expire > MAX_LIFETIME_SECONDS) limits.push({ at: d.issueTs + MAX_LIFETIME_SECONDS, by: '24h-maximum' });
    return limits;
  };
  const notes: string[] = [];
  const services = d.services.map((s): InspectedService => {
    const info = SERVICE_TYPES[s.type];
    const { fields, summary } = describe007(s);
    if (s.name === 'unknown') {
      notes.push(`service type ${s.type} is unknown to this library: reading stopped there (the signature still covers it)`);
      return service({ type: s.type, name: 'unknown', title: `unknown service type ${s.type}`, usedFor: 'unknown', fields, summary, privileges: [] }, tokenLimits(), now);
    }
    const privileges = s.privileges.map((p) => privilege(p, p.expire === 0 ? null : d.issueTs + p.expire, now, note007(p, d.expire, s.name)));
    return service({ type: s.type, name: s.name, title: info?.title ?? s.name, usedFor: SERVICE_USAGE[s.name].usedFor, fields, summary, privileges }, tokenLimits(), now);
  });
  if (d.expire > MAX_LIFETIME_SECONDS) notes.push('lifetime over the documented 24-hour maximum: treat it as valid for 24 hours after issue');
  return finish<InspectedToken007>(d, now, d.issueTs, d.expire, expiresAt, services, notes, tokenLimits());
}

function note006(p: DecodedPrivilege): string | undefined {
  if (p.expire === 0) return 'value 0: per the Agora docs the privilege then lasts 24 hours';
  if (p.expire < TIMESTAMP_THRESHOLD) return 'looks like a duration; 006 privileges are absolute Unix times, so this expired in 1970';
  return undefined;
}

function inspect006(d: DecodedToken006, now: number): InspectedToken006 {
  const privileges = d.privileges.map((p) => privilege(p, p.expire === 0 ? null : p.expire, now, note006(p)));
  const rtm = privileges.filter((p) => p.id === 1000);
  const rtc = privileges.filter((p) => p.id !== 1000);
  const services: InspectedService[] = [];
  if (rtc.length > 0) {
    const summary = `channel CRC-32 ${crcHex(d.crcChannelName)}, ${d.crcUid === 0 ? 'uid 0 (any uid may join)' : `uid CRC-32 ${crcHex(d.crcUid)}`}`;
    services.push(service({ type: null, name: 'rtc', title: SERVICE_TYPES[1]!.title, usedFor: SERVICE_USAGE.rtc.usedFor, fields: { crcChannelName: d.crcChannelName, crcUid: d.crcUid }, summary, privileges: rtc }, [{ at: d.ts, by: 'token' }], now));
  }
  if (rtm.length > 0) {
    const summary = `user account CRC-32 ${crcHex(d.crcChannelName)}`;
    services.push(service({ type: null, name: 'rtm', title: SERVICE_TYPES[2]!.title, usedFor: SERVICE_USAGE.rtm.usedFor, fields: { crcAccount: d.crcChannelName }, summary, privileges: rtm }, [{ at: d.ts, by: 'token' }], now));
  }
  const notes = ['006 stores only the CRC-32 of the channel name and uid (the RTM account); give them to diagnoseToken to compare'];
  return finish<InspectedToken006>(d, now, null, null, d.ts, services, notes, [{ at: d.ts, by: 'token' }]);
}

/**
 * The inspected token of either version. The caller names the version's type, which ties `d`,
 * `issuedAt` and `lifetime` together (a 007 token with its issue time, a 006 one with nulls); the
 * one cast below only restates that tie, which TypeScript cannot follow through a generic.
 */
function finish<T extends InspectedToken>(d: T['decoded'], now: number, issuedAt: T['issuedAt'], lifetime: T['lifetimeSeconds'], expiresAt: number, services: InspectedService[], notes: string[], tokenLimits: Limit[]): T {
  const effective = earliest([...tokenLimits, ...services.map((s) => ({ at: s.expiresAt, by: s.limitedBy }))]);
  return {
    version: d.version,
    appId: d.appId,
    salt: d.salt,
    signature: d.signature,
    now,
    nowIso: iso(now),
    issuedAt,
    issuedAtIso: issuedAt === null ? null : iso(issuedAt),
    lifetimeSeconds: lifetime,
    expiresAt,
    expiresAtIso: iso(expiresAt),
    secondsLeft: expiresAt - now,
    expired: expiresAt <= now,
    effectiveExpiresAt: effective.at,
    effectiveExpiresAtIso: iso(effective.at),
    effectiveSecondsLeft: effective.at - now,
    limitedBy: effective.by,
    services,
    notes,
    decoded: d,
  } as T;
}
