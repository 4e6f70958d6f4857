// A random service of every kind the official AccessToken2 can parse (types 1..10), as a plain
// spec, and the service object one library's classes make from it: the same spec through ours and
// through agora-token's classes gives the same service.
import fc from 'fast-check';
import * as A from './arbitraries.ts';

export const serviceSpec = fc.oneof(
  fc.record({ type: fc.constant(1), a: A.channel, b: fc.oneof(A.uid, A.account), p: A.privileges([1, 2, 3, 4]) }),
  fc.record({ type: fc.constant(2), a: A.userId, p: A.privileges([1]) }),
  fc.record({ type: fc.constant(3), a: A.channel, b: fc.oneof(A.uid, A.account), p: A.privileges([1, 2]) }),
  fc.record({ type: fc.constant(4), p: A.privileges([1]) }),
  fc.record({ type: fc.constant(5), a: A.userId, p: A.privileges([1, 2]) }),
  fc.record({ type: fc.constant(6), a: A.channel, b: fc.oneof(A.uid, A.account), p: A.privileges([1, 2]) }),
  // Role 0 is left out: the official Node class turns an explicit 0 into -1 (quirk Q4), we keep it.
  fc.record({ type: fc.constant(7), a: A.userId, b: A.userId, role: fc.integer({ min: -32768, max: 32767 }).filter((r) => r !== 0), p: A.privileges([1, 2, 3]) }),
  fc.record({ type: fc.constant(8), a: A.userId, perms: A.rtm2Permissions, p: A.privileges([1]) }),
  fc.record({ type: fc.constant(9), p: fc.constant({}) }),
  fc.record({ type: fc.constant(10), p: fc.constant({}) }),
);

/** The service `lib`'s classes make from a spec (`lib`: one of our entries, or agora-token's AccessToken2 module). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function makeService(lib: any, s: any): any {
  const svc = (() => {
    switch (s.type) {
      case 1: return new lib.ServiceRtc(s.a, s.b);
      case 2: return new lib.ServiceRtm(s.a);
      case 3: return new lib.ServiceStreaming(s.a, s.b);
      case 4: return new lib.ServiceFpa();
      case 5: return new lib.ServiceChat(s.a);
      case 6: return new lib.ServiceFCdn(s.a, s.b);
      case 7: return new lib.ServiceApaas(s.a, s.b, s.role);
      case 8: {
        const p = new lib.Rtm2Permissions();
        for (const e of s.perms) p.add(e.resourceType, e.permissionType, e.resources);
        return new lib.ServiceRtm2(s.a, p);
      }
      case 9: return new lib.ServiceConvoAI();
      default: return new lib.ServiceStt();
    }
  })();
  for (const [id, v] of Object.entries(s.p)) svc.add_privilege(Number(id), v);
  return svc;
}

/**
 * A `lib` AccessToken2 (ours, either entry, or agora-token's module) for these inputs, with `salt`
 * fixed and one service per spec, added in order (ours through `addService`, the official class
 * through `add_service`, its only name).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function tokenOf(lib: any, appId: string, cert: string, issueTs: number, expire: number, salt: number, specs: readonly unknown[]): any {
  const token = new lib.AccessToken2(appId, cert, issueTs, expire);
  token.salt = salt;
  const add = (token.addService ?? token.add_service).bind(token);
  for (const spec of specs) add(makeService(lib, spec));
  return token;
}
