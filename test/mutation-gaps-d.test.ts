// Tests for gaps found by hand-made mutation testing of the code of 2026-11-23/24 (text decoding, browser
// and React Native refusal, the server's logging and client-gone checks, salts of parsed tokens, 006
// builder arguments, `now` as a Date): each test fails on a mutant that every other test let through.
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeUtf8Js } from '../src/core/text.ts';
import * as syncLib from '../src/sync.ts';
import * as legacySync from '../src/legacy-sync.ts';
import { createTokenHandler } from '../src/server.ts';
import { APP_ID, CERT } from './helpers/secrets.ts';

const g = globalThis as Record<string, unknown>;

describe('decodeUtf8Js reads EF BB BF, and only that, as U+FEFF', () => {
  it('EF BB not followed by BF is invalid UTF-8; a whole one is kept', () => {
    expect(decodeUtf8Js(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA');
    expect(decodeUtf8Js(Uint8Array.of(0xef, 0xbb, 0x41))).toBeUndefined();
    expect(decodeUtf8Js(Uint8Array.of(0xef, 0xbb, 0xbe))).toBe('\ufefe');
  });
});

describe('a non-true value turns the page-wide switch off', () => {
  afterEach(() => {
    delete g.window;
    delete g.document;
    syncLib.dangerouslyAllowBrowserBuilds(false);
  });
  it('dangerouslyAllowBrowserBuilds(1) after dangerouslyAllowBrowserBuilds() refuses builds again', () => {
    g.window = globalThis;
    g.document = { nodeType: 9 };
    syncLib.dangerouslyAllowBrowserBuilds();
    expect(syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 600, 600).startsWith('007')).toBe(true);
    syncLib.dangerouslyAllowBrowserBuilds(1 as never);
    expect(() => syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 600, 600)).toThrow(expect.objectContaining({ code: 'ERR_UNSAFE_ENVIRONMENT' }));
  });
});

describe('server: 500 logging and the client-gone check after signing', () => {
  const ask = () => new Request('http://localhost/rtc/room/publisher/uid/42/?expiry=600');
  afterEach(() => vi.restoreAllMocks());

  it('a client gone while the token is signed gets a 408 and no onIssue', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const realSign = crypto.subtle.sign.bind(crypto.subtle);
    vi.spyOn(crypto.subtle, 'sign').mockImplementation((...args: Parameters<SubtleCrypto['sign']>) => {
      controller.abort(); // the connection closes while signing
      return realSign(...args);
    });
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, signing: 'webcrypto', authorize: () => true, onIssue: () => void seen.push('issue'), onError: () => void seen.push('error') });
    const res = await handler(new Request('http://localhost/rtc/room/publisher/uid/1/', { signal: controller.signal }));
    expect(res.status).toBe(408);
    expect(seen).toEqual([]);
  });

  it('a thrown non-Error is logged by its type only (it may carry secrets)', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const [thrown, type] of [['token=USER-SECRET', 'string'], [{ message: 'token=USER-SECRET' }, 'object']] as const) {
      spy.mockClear();
      await createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => Promise.reject(thrown) })(ask());
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]![0])).toMatch(new RegExp(`: a thrown ${type}$`));
      expect(JSON.stringify(spy.mock.calls)).not.toContain('USER-SECRET');
    }
  });

  it('with onError given, nothing goes to console.error', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const errors: unknown[] = [];
    const res = await createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => Promise.reject(new Error('down')), onError: (e) => void errors.push(e) })(ask());
    expect(res.status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('salt: a salt read from a token, or assigned after a build, is kept (even 0)', () => {
  it('AccessToken2 re-signs a salt-0 token read by from_string byte for byte', () => {
    const token = syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 7, role: 'publisher', salt: 0, issuedAt: 1_790_000_000 });
    const t = new syncLib.AccessToken2();
    expect(t.from_string(token)).toBe(true);
    t.appCertificate = CERT;
    expect(t.build()).toBe(token);
  });

  it('AccessToken (006) re-signs a salt-0 token read by fromString byte for byte', () => {
    const token = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 2_000_000_000, { salt: 0, ts: 2_000_000_000 });
    const t = new legacySync.AccessToken('', '', 'room', 42);
    expect(t.fromString(token)).toBe(true);
    t.appCertificate = CERT;
    expect(t.build()).toBe(token);
  });

  it('salt = 0 assigned after a first build is used by the next build', () => {
    const t2 = new syncLib.AccessToken2();
    (t2 as { appId: string }).appId = APP_ID;
    t2.appCertificate = CERT;
    t2.addService(new syncLib.ServiceRtc('room', 1).addPrivilege(1, 600));
    t2.build();
    t2.salt = 0;
    expect(syncLib.decodeToken(t2.build()).salt).toBe(0);
    const t6 = new legacySync.AccessToken('', '', 'room', 42);
    (t6 as { appID: string }).appID = APP_ID;
    t6.appCertificate = CERT;
    t6.addPrivilege(legacySync.Privileges.kJoinChannel, 2_000_000_000);
    t6.build();
    t6.salt = 0;
    expect(syncLib.decodeToken(t6.build()).salt).toBe(0);
  });
});

describe('006 builders: privilegeExpiredTs and trailing arguments', () => {
  it('null is not "left out": ERR_INVALID_EXPIRE', () => {
    expect(() => legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, null as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_EXPIRE', field: 'privilegeExpiredTs' }));
    expect(() => legacySync.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, null as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_EXPIRE', field: 'privilegeExpiredTs' }));
  });

  it('a trailing null or string (not an options object) is ignored, as agora-access-token ignores it', () => {
    // Same channel, uid and privileges as without it (salt and ts differ from call to call).
    const fields = (token: string) => {
      const { crcChannelName, crcUid, privileges } = legacySync.decodeToken(token) as { crcChannelName: number; crcUid: number; privileges: unknown };
      return { crcChannelName, crcUid, privileges };
    };
    const base = fields(legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 2_000_000_000));
    for (const extra of [null, 'x']) {
      expect(fields(legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 2_000_000_000, extra as never))).toEqual(base);
    }
  });
});

describe('RTC *AndPrivilege: tokenExpire is checked before the uid', () => {
  it('a bad tokenExpire and a bad uid report tokenExpire', () => {
    expect(() => syncLib.RtcTokenBuilder.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'room', -1, -1, 600, 600, 600, 600)).toThrow(expect.objectContaining({ field: 'tokenExpire' }));
  });
});

describe('now: a Date', () => {
  const token = syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 7, role: 'publisher', issuedAt: 1_790_000_000 });
  it("a same-realm Date's own getTime is used (a fixed-clock Date subclass)", () => {
    class Fixed extends Date {
      override getTime(): number {
        return 1_790_000_123_000;
      }
    }
    expect(syncLib.inspectToken(token, { now: new Fixed(0) }).now).toBe(1_790_000_123);
  });
  it('milliseconds are floored, as for a foreign-realm Date', () => {
    expect(syncLib.inspectToken(token, { now: new Date(1_790_000_000_999) }).now).toBe(1_790_000_000);
    expect(syncLib.inspectToken(token, { now: runInNewContext('new Date(1790000000999)') as Date }).now).toBe(1_790_000_000);
  });
});
