// Loads the project's vectors and turns a vector's service list into service objects of a given entry.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export interface VectorService {
  type: number;
  channel?: string;
  uid?: number | string;
  account?: number | string;
  userId?: string;
  roomUuid?: string;
  userUuid?: string;
  role?: number;
  permissions?: { resourceType: number; permissionType: number; resources: string[] }[];
  privileges: Record<string, number>;
}

export interface Vector007 {
  id: string;
  description: string;
  token: string;
  compressor: string;
  canonicalZlib: boolean;
  appId: string;
  appCertificate: string;
  issueTs: number;
  expire: number;
  salt: number;
  services: VectorService[];
  payloadHex: string;
}

const file = JSON.parse(readFileSync(new URL('../../vectors/official-007.json', import.meta.url), 'utf8'));
export const vectors007: Vector007[] = file.vectors;
export const payloadOnly007: Vector007[] = file.payloadOnly;

/** Inflates a 007 token with Node's zlib (an independent oracle) and returns the payload as hex. */
export function payloadHexOf(token: string): string {
  return inflateSync(Buffer.from(token.slice(3), 'base64')).toString('hex');
}

// Any entry module (src/index.ts, src/sync.ts, dist/...) has these classes.
type Lib = Record<string, any>;

/** Service objects for a vector, using the given entry's classes. */
export function servicesFor(lib: Lib, v: Vector007): unknown[] {
  return v.services.map((s) => {
    let service: any;
    switch (s.type) {
      case 1: service = new lib.ServiceRtc(s.channel, s.uid); break;
      case 2: service = new lib.ServiceRtm(s.userId); break;
      case 3: service = new lib.ServiceStreaming(s.channel, s.account); break;
      case 4: service = new lib.ServiceFpa(); break;
      case 5: service = new lib.ServiceChat(s.userId); break;
      case 6: service = new lib.ServiceFCdn(s.channel, s.account); break;
      case 7: service = new lib.ServiceApaas(s.roomUuid, s.userUuid, s.role); break;
      case 8: {
        const p = new lib.Rtm2Permissions();
        for (const e of s.permissions ?? []) p.add(e.resourceType, e.permissionType, e.resources);
        service = new lib.ServiceRtm2(s.userId, p);
        break;
      }
      case 9: service = new lib.ServiceConvoAI(); break;
      case 10: service = new lib.ServiceStt(); break;
      default: throw new Error(`vector service type ${s.type}`);
    }
    for (const [id, value] of Object.entries(s.privileges)) service.addPrivilege(Number(id), value);
    return service;
  });
}

/** An AccessToken2 of the given entry with a vector's fixed issueTs, expire, salt and services. */
export function tokenFor(lib: Lib, v: Vector007): { build(): string | Promise<string> } {
  const t = new lib.AccessToken2(v.appId, v.appCertificate, v.issueTs, v.expire);
  t.salt = v.salt;
  for (const s of servicesFor(lib, v)) t.addService(s);
  return t;
}
