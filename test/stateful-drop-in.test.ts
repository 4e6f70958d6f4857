// Sequences of operations on the drop-in AccessToken2 where ours parted from agora-token 2.0.6
// (found by scripts/stateful-differential.mjs, a model-based differential of the classes): state
// carried from one call to the next, which single-call comparisons do not reach.
import { describe, expect, it } from 'vitest';
import * as syncLib from '../src/sync.ts';
import * as asyncLib from '../src/index.ts';
import { officialAT2 } from './helpers/official.ts';

const APP_ID = '970ca35de60c44645bbae8a215061b33';
const CERT = '5cfd2fd1755d40ecb72977518be15d3b';

/** A token made by the official class: RTC (join, publish audio) for uid 42 in 'room', then RTM. */
function officialToken(): string {
  const t = new officialAT2.AccessToken2(APP_ID, CERT, 1_700_000_000, 3600);
  t.salt = 777;
  const rtc = new officialAT2.ServiceRtc('room', 42);
  rtc.add_privilege(1, 3600);
  rtc.add_privilege(2, 3600);
  const rtm = new officialAT2.ServiceRtm('alice');
  rtm.add_privilege(1, 3600);
  t.add_service(rtc);
  t.add_service(rtm);
  return t.build();
}

describe('from_string gives the object a new services array, as the official class does', () => {
  it('an array taken from `services` before keeps its services, after a read and after a failed read', () => {
    for (const Lib of [officialAT2, syncLib, asyncLib]) {
      const t = new Lib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
      const mine = new Lib.ServiceFpa();
      t.add_service(mine);
      const held = t.services;
      expect(t.from_string(officialToken())).toBe(true);
      expect(held).toEqual([mine]); // ours emptied it in place and filled it with the token's services
      expect(t.services).not.toBe(held);
      expect(t.services.map((s: { service_type(): number }) => s.service_type())).toEqual([1, 2]);
      const read = t.services;
      expect(t.from_string('007 not a token')).toBe(false);
      expect(read.map((s: { service_type(): number }) => s.service_type())).toEqual([1, 2]);
      expect(t.services).toEqual([]);
    }
  });

  it('reads into an object whose `services` code replaced with null (ours threw a TypeError)', () => {
    for (const Lib of [officialAT2, syncLib]) {
      const t = new Lib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
      (t as { services: unknown }).services = null;
      expect(t.from_string(officialToken())).toBe(true);
      expect(t.services).toHaveLength(2);
      (t as { services: unknown }).services = null;
      expect(t.from_string('')).toBe(false);
      expect(t.services).toEqual([]);
    }
  });
});

/** The services of a 007 token, as decodeToken reads them. */
function servicesOf(token: string) {
  const decoded = syncLib.decodeToken(token);
  if (decoded.version !== '007') throw new Error('not a 007 token');
  return decoded.services;
}

/** The privilege ids of a 007 token's first service. */
function firstPrivilegeIds(token: string): number[] {
  const first = servicesOf(token)[0]!;
  return 'privileges' in first ? first.privileges.map((p) => p.id) : [];
}

describe("a service read by from_string: writes to the official class's internal fields are refused, not lost", () => {
  const read = () => {
    const t = new syncLib.AccessToken2(APP_ID, CERT);
    expect(t.from_string(officialToken())).toBe(true);
    return { t, rtc: t.services[0] as unknown as Record<string, Record<string, unknown> | string> };
  };

  it('they still read as the official fields', () => {
    const { rtc } = read();
    expect(rtc.__privileges).toEqual({ 1: 3600, 2: 3600 });
    expect([rtc.__channel_name, rtc.__uid, rtc.__type]).toEqual(['room', '42', 1]);
    expect(JSON.stringify(rtc.__privileges)).toBe('{"1":3600,"2":3600}');
  });

  it('`service.__privileges[id] = expire` throws ERR_INVALID_ARGUMENT (it built a token without that privilege)', () => {
    // The official object packs the privilege written there.
    const theirs = new officialAT2.AccessToken2(APP_ID, CERT);
    theirs.from_string(officialToken());
    theirs.services[0].__privileges[3] = 3600;
    expect(firstPrivilegeIds(theirs.build())).toEqual([1, 2, 3]);
    const { t, rtc } = read();
    expect(() => {
      (rtc.__privileges as Record<string, unknown>)[3] = 3600;
    }).toThrowError(expect.objectContaining({ name: 'AgoraTokenError', code: 'ERR_INVALID_ARGUMENT', field: '__privileges' }));
    expect(() => {
      delete (rtc.__privileges as Record<string, unknown>)[1];
    }).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    // Nothing was changed: the token builds with the privileges read.
    expect(firstPrivilegeIds(t.build())).toEqual([1, 2]);
  });

  it('assigning `__privileges`, `__uid`, `__channel_name` or `__type` throws ERR_INVALID_ARGUMENT, in strict and sloppy code', () => {
    const sloppy = new Function('s', 'key', 'value', 's[key] = value; return s[key];') as (s: unknown, key: string, value: unknown) => unknown;
    for (const [key, value] of [['__privileges', { 1: 60 }], ['__uid', '5'], ['__channel_name', 'other'], ['__type', 2]] as const) {
      const { rtc } = read();
      expect(() => {
        rtc[key] = value as never;
      }).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field: key }));
      // Sloppy-mode code (CommonJS) used to write it into nothing, and build the token without it.
      expect(() => sloppy(rtc, key, value)).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field: key }));
    }
  });

  it('the RTM2 permissions read stay live (as the official `__permissions`): add() is built', () => {
    const theirs = new officialAT2.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
    theirs.add_service(new officialAT2.ServiceRtm2('bob'));
    const t = new syncLib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
    expect(t.from_string(theirs.build())).toBe(true);
    (t.services[0] as unknown as { __permissions: syncLib.Rtm2Permissions }).__permissions.add(0, 0, ['lobby']);
    expect(servicesOf(t.build())[0]).toMatchObject({ permissions: [{ resourceType: 0, permissionType: 0, resources: ['lobby'] }] });
  });
});

describe('a bare Service of a type this library does not name', () => {
  it("`__privileges` written on it is refused at build, as on the library's types (it was left out of the token)", async () => {
    // The official object packs it: u16 type 99, one privilege, id 1 = 3600 (u32), little-endian.
    const theirService = new officialAT2.Service(99);
    theirService.__privileges = { 1: 3600 };
    expect(theirService.pack().toString('hex')).toBe('6300' + '0100' + '0100' + '100e0000');
    for (const Lib of [syncLib, asyncLib]) {
      const service = new Lib.Service(99);
      (service as unknown as Record<string, unknown>).__privileges = { 1: 3600 };
      const t = new Lib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
      t.add_service(service);
      await expect(Promise.resolve().then(() => t.build())).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'services[0].__privileges' });
    }
    // A caller's own subclass of another type may still keep `__` fields it packs itself.
    class Mine extends syncLib.Service {
      __extra = 'packed by me';
    }
    const t = new syncLib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
    t.add_service(new Mine(99).addPrivilege(1, 60));
    expect(syncLib.verifyToken(t.build(), CERT)).toBe(true);
  });
});
