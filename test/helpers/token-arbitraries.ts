// fast-check arbitraries for AccessToken2 inputs of every service type, and the decoded value
// each input must give back, written from SPEC 2.2-2.5 (not from the library's own tables).
import fc from 'fast-check';

type Lib = Record<string, any>;
type Privs = [id: number, value: number][];
export type UserId = string | number;

export type ServiceSpec =
  | { type: 1; privs: Privs; channel: string; uid: number | string }
  | { type: 2 | 5; privs: Privs; userId: UserId }
  | { type: 3 | 6; privs: Privs; channel: string; account: number | string }
  | { type: 4 | 9 | 10; privs: Privs }
  | { type: 7; privs: Privs; roomUuid: UserId; userUuid: UserId; role: number }
  | { type: 8; privs: Privs; userId: UserId; perms: { rt: number; pt: number; resources: string[] }[] };

export interface TokenSpec {
  appId: string;
  appCertificate: string;
  issueTs: number;
  expire: number;
  salt: number;
  services: ServiceSpec[];
}

// SPEC 2.4, privilege names per service type.
const NAMES: Record<number, Record<number, string>> = {
  1: { 1: 'joinChannel', 2: 'publishAudioStream', 3: 'publishVideoStream', 4: 'publishDataStream' },
  2: { 1: 'login' },
  3: { 1: 'publishMixStream', 2: 'publishRawStream' },
  4: { 1: 'login' },
  5: { 1: 'user', 2: 'app' },
  6: { 1: 'publish', 2: 'play' },
  7: { 1: 'roomUser', 2: 'user', 3: 'app' },
  8: { 1: 'login' },
  9: {},
  10: {},
};
const SERVICE_NAMES = ['', 'rtc', 'rtm', 'streaming', 'fpa', 'chat', 'fcdn', 'apaas', 'rtm2', 'convoai', 'stt'];

export const hex32 = fc.stringMatching(/^[0-9a-fA-F]{32}$/);
/** A certificate with at least one letter, so a re-cased copy is a different certificate. */
export const certificate = hex32.filter((c) => /[a-fA-F]/.test(c));
export const u16 = fc.integer({ min: 0, max: 0xffff });
export const u32 = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(u16, u16).map(([hi, lo]) => hi * 0x10000 + lo) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 0xffffffff, 86400) },
);
/** Well-formed Unicode text (astral code points included, no lone surrogates). */
export const text = (maxLength = 12) =>
  fc.oneof(fc.string({ unit: 'binary', maxLength }), fc.string({ maxLength }), fc.constant(''));
const userId: fc.Arbitrary<UserId> = fc.oneof(
  { weight: 4, arbitrary: text(16) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) },
);
const account = fc.oneof(text(16), u32);

function privs(ids: number[]): fc.Arbitrary<Privs> {
  // Mostly the type's own ids, sometimes any u16 id; duplicates exercise "last value wins".
  const id = ids.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: u16 }) : u16;
  return fc.array(fc.tuple(id, u32), { maxLength: 6 });
}
const p = (type: number) => privs(Object.keys(NAMES[type]!).map(Number));

const perms = fc.array(
  fc.record({
    rt: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: u16 }),
    pt: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 1 }) }, { weight: 1, arbitrary: u16 }),
    resources: fc.array(text(10), { maxLength: 4 }),
  }),
  { maxLength: 6 },
);

/** One service of the given type. */
export function serviceOf(type: number): fc.Arbitrary<ServiceSpec> {
  switch (type) {
    case 1: return fc.record({ type: fc.constant(1 as const), privs: p(1), channel: text(20), uid: account });
    case 2: case 5: return fc.record({ type: fc.constant(type as 2 | 5), privs: p(type), userId });
    case 3: case 6: return fc.record({ type: fc.constant(type as 3 | 6), privs: p(type), channel: text(20), account });
    case 7:
      return fc.record({ type: fc.constant(7 as const), privs: p(7), roomUuid: userId, userUuid: userId, role: fc.integer({ min: -32768, max: 32767 }) });
    case 8: return fc.record({ type: fc.constant(8 as const), privs: p(8), userId, perms });
    default: return fc.record({ type: fc.constant(type as 4 | 9 | 10), privs: p(type) });
  }
}

export const SERVICE_TYPE_IDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const anyService = fc.constantFrom(...SERVICE_TYPE_IDS).chain(serviceOf);

/** A full token input; `services` defaults to 1..6 services of any types (repeats included). */
export function tokenSpec(services: fc.Arbitrary<ServiceSpec[]> = fc.array(anyService, { minLength: 1, maxLength: 6 })): fc.Arbitrary<TokenSpec> {
  return fc.record({ appId: hex32, appCertificate: certificate, issueTs: u32.filter((t) => t > 0), expire: u32, salt: u32, services });
}

/** The service object of an entry (`lib` = src/index.ts, src/sync.ts or a dist build). */
export function serviceObject(lib: Lib, s: ServiceSpec): any {
  let o: any;
  switch (s.type) {
    case 1: o = new lib.ServiceRtc(s.channel, s.uid); break;
    case 2: o = new lib.ServiceRtm(s.userId); break;
    case 3: o = new lib.ServiceStreaming(s.channel, s.account); break;
    case 4: o = new lib.ServiceFpa(); break;
    case 5: o = new lib.ServiceChat(s.userId); break;
    case 6: o = new lib.ServiceFCdn(s.channel, s.account); break;
    case 7: o = new lib.ServiceApaas(s.roomUuid, s.userUuid, s.role); break;
    case 8: {
      const tree = new lib.Rtm2Permissions();
      for (const e of s.perms) tree.add(e.rt, e.pt, e.resources);
      o = new lib.ServiceRtm2(s.userId, tree);
      break;
    }
    case 9: o = new lib.ServiceConvoAI(); break;
    case 10: o = new lib.ServiceStt(); break;
  }
  for (const [id, v] of s.privs) o.addPrivilege(id, v);
  return o;
}

/** An AccessToken2 of an entry, ready to build. */
export function tokenObject(lib: Lib, t: TokenSpec): any {
  const token = new lib.AccessToken2(t.appId, t.appCertificate, t.issueTs, t.expire);
  token.salt = t.salt;
  for (const s of t.services) token.addService(serviceObject(lib, s));
  return token;
}

const packedId = (v: UserId) => (v === 0 ? '' : String(v));

function expectedService(s: ServiceSpec): Record<string, unknown> {
  const last = new Map<number, number>();
  for (const [id, v] of s.privs) last.set(id, v);
  const privileges = [...last].sort((a, b) => a[0] - b[0]).map(([id, expire]) => ({ id, name: NAMES[s.type]![id], expire }));
  const base = { type: s.type, name: SERVICE_NAMES[s.type], privileges };
  switch (s.type) {
    case 1: return { ...base, channelName: s.channel, uid: packedId(s.uid) };
    case 2: case 5: return { ...base, userId: packedId(s.userId) };
    case 3: case 6: return { ...base, channelName: s.channel, account: packedId(s.account) };
    case 7: return { ...base, roomUuid: packedId(s.roomUuid), userUuid: packedId(s.userUuid), role: s.role };
    case 8: {
      const tree = new Map<number, Map<number, string[]>>();
      for (const e of s.perms) {
        if (!tree.has(e.rt)) tree.set(e.rt, new Map());
        tree.get(e.rt)!.set(e.pt, e.resources);
      }
      const permissions = [...tree.keys()].sort((a, b) => a - b).flatMap((rt) => {
        const byPt = tree.get(rt)!;
        return [...byPt.keys()].sort((a, b) => a - b).map((pt) => ({ resourceType: rt, permissionType: pt, resources: byPt.get(pt) }));
      });
      return { ...base, userId: packedId(s.userId), permissions };
    }
    default: return base;
  }
}

/** What decodeToken must return for a built spec (signature aside): services stably sorted by type. */
export function expectedDecoded(t: TokenSpec): Record<string, unknown> {
  const services = t.services.map((s, i) => [s, i] as const).sort((a, b) => a[0].type - b[0].type || a[1] - b[1]).map(([s]) => expectedService(s));
  return { version: '007', appId: t.appId, issueTs: t.issueTs, expire: t.expire, salt: t.salt, services };
}

/** The same hex text with the letter case of every letter swapped. */
export function swapCase(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
}
