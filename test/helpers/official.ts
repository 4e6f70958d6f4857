// The official agora-token 2.0.6 as an oracle: parse a token with its own parser and normalise the
// result to plain data comparable with our decodeToken output.
import { createRequire } from 'node:module';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
export const official = require('agora-token');
export const officialAT2 = require('agora-token/src/AccessToken2');
const OfficialAccessToken006 = require('agora-access-token/src/AccessToken').AccessToken;

const str = (b: unknown) => (Buffer.isBuffer(b) ? b.toString('utf8') : String(b ?? ''));

/** Normalised service content: type, privileges {id: value}, fields as strings. */
export interface PlainService {
  type: number;
  privileges: Record<string, number>;
  fields: Record<string, unknown>;
}

export interface PlainToken {
  appId: string;
  issueTs: number;
  expire: number;
  salt: number;
  services: PlainService[];
}

/** Parses with the official parser; returns undefined where it rejects the token. */
export function officialParse(token: string): PlainToken | undefined {
  const t = new officialAT2.AccessToken2();
  if (!t.from_string(token)) return undefined;
  return {
    appId: str(t.appId),
    issueTs: t.issueTs,
    expire: t.expire,
    salt: t.salt,
    services: t.services.map((s: any) => {
      const fields: Record<string, unknown> = {};
      if ('__channel_name' in s) fields.channelName = str(s.__channel_name);
      if ('__uid' in s) fields.uid = str(s.__uid);
      if ('__account' in s) fields.account = str(s.__account);
      if ('__user_id' in s) fields.userId = str(s.__user_id);
      if ('__room_uuid' in s) fields.roomUuid = str(s.__room_uuid);
      if ('__user_uuid' in s) fields.userUuid = str(s.__user_uuid);
      // The official parser reads the i16 role as unsigned (quirk Q4).
      if ('__role' in s) fields.role = (s.__role << 16) >> 16;
      if ('__permissions' in s) fields.permissions = JSON.parse(JSON.stringify(s.__permissions.details));
      const privileges = Object.fromEntries(Object.entries(s.__privileges).map(([k, v]) => [k, Number(v)]));
      return { type: s.__type, privileges, fields };
    }),
  };
}

/** True when the official verifier accepts the token with this certificate. */
export function officialVerify(token: string, appCertificate: string): boolean {
  const t = new officialAT2.AccessToken2();
  return t.from_string(token) && t.verifySignature(appCertificate);
}

/** Our decodeToken output normalised to the same shape. */
export function plainFromOurs(decoded: any): PlainToken {
  return {
    appId: decoded.appId,
    issueTs: decoded.issueTs,
    expire: decoded.expire,
    salt: decoded.salt,
    services: decoded.services.map((s: any) => {
      const { type, name, privileges, ...rest } = s;
      const fields: Record<string, unknown> = { ...rest };
      if (name === 'rtm2') {
        const details: Record<string, Record<string, string[]>> = {};
        for (const p of rest.permissions) (details[p.resourceType] ??= {})[p.permissionType] = p.resources;
        fields.permissions = details;
      }
      return { type, privileges: Object.fromEntries(privileges.map((p: any) => [String(p.id), p.expire])), fields };
    }),
  };
}

/** Drops what legitimately differs between two builds of the same request (salt; signature is not in PlainToken). */
export function withoutSalt(t: PlainToken | undefined): Omit<PlainToken, 'salt'> | undefined {
  if (!t) return undefined;
  const { salt: _salt, ...rest } = t;
  return rest;
}

/**
 * An official ServiceRtc carrying `privileges` (privilege id -> expire), for officialToken007.
 * The official add_privilege does not chain, hence a helper.
 */
export function officialRtc(channel: string, uid: number | string, privileges: Record<number, number>): unknown {
  const s = new officialAT2.ServiceRtc(channel, uid);
  for (const [id, v] of Object.entries(privileges)) s.add_privilege(Number(id), v);
  return s;
}

/** An official ServiceRtm for `userId` with its login privilege (1) set to `login`. */
export function officialRtm(userId: string, login: number): unknown {
  const s = new officialAT2.ServiceRtm(userId);
  s.add_privilege(1, login);
  return s;
}

/**
 * A 007 token built by the official AccessToken2 class with a fixed issue time and salt, so tests
 * can assert exact times: `services` are official Service objects (ServiceRtc, ServiceRtm, …).
 */
export function officialToken007(appId: string, appCertificate: string, issueTs: number, expire: number, salt: number, services: unknown[]): string {
  const t = new officialAT2.AccessToken2(appId, appCertificate, issueTs, expire);
  t.salt = salt;
  for (const s of services) t.add_service(s);
  return t.build();
}

/**
 * A 006 token built by agora-access-token's AccessToken class with a fixed ts (and salt, when
 * given; otherwise the class draws one): `privileges` maps privilege ids to expiry times.
 */
export function officialToken006(appId: string, appCertificate: string, channel: string, uid: number | string, ts: number, privileges: Record<number, number>, salt?: number): string {
  const t = new OfficialAccessToken006(appId, appCertificate, channel, uid);
  t.ts = ts;
  if (salt !== undefined) t.salt = salt;
  for (const [id, v] of Object.entries(privileges)) t.addPriviledge(Number(id), v);
  return t.build();
}

/** The first service's fields of a 007 token the official parser reads and verifies with `appCertificate`. */
export function officialVerifiedFields(token: unknown, appCertificate: string): Record<string, unknown> {
  expect(officialVerify(token as string, appCertificate)).toBe(true);
  return officialParse(token as string)!.services[0]!.fields;
}
