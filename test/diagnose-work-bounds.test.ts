// Work bounds of diagnoseToken on hostile input: a 32 KiB payload (a ~200-character token, as it
// compresses) holds thousands of services, and `expected` comes from whoever pastes the token.
// Counted, not timed: the work per service must not grow with the number of services, and the
// expectation's text must stay within what a login can use.
import { describe, expect, it, vi } from 'vitest';
import * as md5 from '../src/core/md5.ts';
import * as sync from '../src/sync.ts';
import { Payload } from './helpers/payload.ts';

vi.mock('../src/core/md5.ts', async (original) => {
  const real = await original<typeof md5>();
  return { ...real, md5Hex: vi.fn(real.md5Hex) };
});

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const NOW = 1_700_000_000;

/** A token of `count` Chat services for user "x" (no privilege), then an APaaS room-user service. */
function chatServices(count: number): string {
  const p = new Payload().u16(32).raw(new Array(32).fill(1)).text(APP_ID).u32(NOW).u32(3600).u32(1).u16(count + 1);
  for (let i = 0; i < count; i++) p.u16(5).u16(0).text('x');
  p.u16(7).u16(0).text('room').text('user').u16(1);
  expect(p.out.length).toBeLessThanOrEqual(sync.MAX_PAYLOAD_BYTES);
  return p.token();
}

describe('diagnoseToken: user id checks on a token of thousands of Chat services', () => {
  it('hashes the expected user id for the APaaS Chat id once, not once per Chat service', () => {
    const token = chatServices(4000);
    const hash = vi.mocked(md5.md5Hex);
    hash.mockClear();
    const findings = sync.diagnoseToken(token, { account: 'bob', now: NOW });
    expect(findings.filter((f) => f.code === 'USER_ID_MISMATCH' && f.details?.service === 'chat')).toHaveLength(4000);
    expect(hash.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('with the certificate, re-parses only the details that quote it (JSON round trips counted)', () => {
    const token = chatServices(4000);
    const certificate = '5CFd2fd1755d40ecb72977518be15d3b';
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const findings = sync.diagnoseToken(token, { account: 'bob', appCertificate: certificate, now: NOW });
      expect(findings.length).toBeGreaterThan(8000);
      expect(parse.mock.calls.length).toBe(0);
      // A finding that quotes it (the certificate given as the account too) still has it hidden.
      parse.mockClear();
      const quoting = sync.diagnoseToken(token, { account: certificate, appCertificate: certificate, now: NOW });
      expect(JSON.stringify(quoting).toLowerCase()).not.toContain(certificate.toLowerCase());
      expect(parse.mock.calls.length).toBeGreaterThan(0);
      expect(parse.mock.calls.length).toBeLessThanOrEqual(quoting.filter((f) => JSON.stringify(f.details ?? {}).includes('[App Certificate]')).length);
    } finally {
      parse.mockRestore();
    }
  });

  it('still recognises the md5(userUuid) Chat id of an APaaS room-user token', () => {
    const p = new Payload().u16(32).raw(new Array(32).fill(1)).text(APP_ID).u32(NOW).u32(3600).u32(1).u16(2);
    p.u16(5).map([[1, 3600]]).text(md5.md5Hex('bob'));
    p.u16(7).u16(0).text('room').text('bob').u16(1);
    expect(sync.diagnoseToken(p.token(), { account: 'bob', now: NOW }).filter((f) => f.code === 'USER_ID_MISMATCH')).toEqual([]);
  });
});

describe('diagnoseToken: the expected account is bounded', () => {
  // Each USER_ID_MISMATCH quotes the account (message, fix for an app token, details): with the
  // 64 KiB once accepted, a 191-character token of 5,445 Chat app-token services made 715 million
  // characters of findings (the CLI died with "Invalid string length").
  it('refuses an account over 255 bytes with a typed error naming the field and the bound', () => {
    const token = chatServices(10);
    const error = (() => {
      try {
        sync.diagnoseToken(token, { account: 'a'.repeat(256), service: 'chat', now: NOW });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ code: 'ERR_INVALID_ACCOUNT', field: 'expected.account' });
    expect((error as Error).message).toMatch(/at most 255 bytes/);
    expect(() => sync.diagnoseToken(token, { account: 'é'.repeat(128), now: NOW })).toThrow(/expected\.account: must be at most 255 bytes of UTF-8, got 256/);
  });

  it('takes one of 255 bytes, as long as an RTC user account may be', () => {
    const account = 'a'.repeat(255);
    const token = sync.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, '5CFd2fd1755d40ecb72977518be15d3b', 'room', account, sync.RtcRole.PUBLISHER, 3600, 3600);
    expect(sync.diagnoseToken(token, { channel: 'room', account }).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
