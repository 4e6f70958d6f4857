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
