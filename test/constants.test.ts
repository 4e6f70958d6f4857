/**
 * The exported constants that no other test named, each checked for what its TSDoc promises, on
 * the BUILT package, against the official packages where those define the same constant.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as main from '../dist/index.js';
import * as sync from '../dist/sync.js';
import * as legacy from '../dist/legacy.js';
import * as legacySync from '../dist/legacy-sync.js';
import * as server from '../dist/server.js';

const require = createRequire(import.meta.url);
const official2 = require('agora-token/src/AccessToken2');
const officialToken = require('agora-token');

const APP = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';

describe('exported constants', () => {
  it('the k…ServiceType ids equal agora-token\'s, and SERVICE_TYPES describes exactly those types with the official privilege ids', () => {
    const names = ['kRtcServiceType', 'kRtmServiceType', 'kStreamingServiceType', 'kFpaServiceType', 'kChatServiceType', 'kFCdnServiceType', 'kApaasServiceType', 'kRtm2ServiceType', 'kConvoAIServiceType', 'kSttServiceType'] as const;
    for (const entry of [main, sync]) {
      for (const name of names) expect(entry[name], name).toBe(official2[name]);
      expect(Object.keys(entry.SERVICE_TYPES).map(Number).sort((a, b) => a - b)).toEqual(names.map((n) => official2[n]));
    }
    // Each service's privilege ids, as the official classes' kPrivilege… statics number them.
    const classes: [number, string][] = [[1, 'ServiceRtc'], [2, 'ServiceRtm'], [3, 'ServiceStreaming'], [4, 'ServiceFpa'], [5, 'ServiceChat'], [6, 'ServiceFCdn'], [8, 'ServiceRtm2']];
    for (const [type, cls] of classes) {
      const ids = Object.entries(official2[cls]).filter(([k]) => k.startsWith('kPrivilege')).map(([, v]) => v as number).sort();
      expect(Object.keys(main.SERVICE_TYPES[type]!.privileges).map(Number).sort(), cls).toEqual(ids);
    }
    expect(Object.keys(main.SERVICE_TYPES[7]!.privileges).map(Number)).toEqual([official2.ServiceApaas.PRIVILEGE_ROOM_USER, official2.ServiceApaas.PRIVILEGE_USER, official2.ServiceApaas.PRIVILEGE_APP]);
  });

  it('DEFAULT_EXPIRES_IN_SECONDS is what an options-form build without expiresInSeconds gets', () => {
    const token = sync.buildRtcToken({ appId: APP, appCertificate: CERT, channel: 'room', uid: 7, role: 'publisher' });
    const decoded = sync.decodeToken(token) as sync.DecodedToken007;
    expect(decoded.expire).toBe(sync.DEFAULT_EXPIRES_IN_SECONDS);
    expect(main.DEFAULT_EXPIRES_IN_SECONDS).toBe(3600);
  });

  it('FPA_TOKEN_EXPIRE_SECONDS is the lifetime of FpaTokenBuilder.buildToken, as in agora-token', () => {
    const ours = sync.decodeToken(sync.FpaTokenBuilder.buildToken(APP, CERT)) as sync.DecodedToken007;
    const theirs = new official2.AccessToken2();
    theirs.from_string(officialToken.FpaTokenBuilder.buildToken(APP, CERT));
    expect(ours.expire).toBe(sync.FPA_TOKEN_EXPIRE_SECONDS);
    expect(theirs.expire).toBe(sync.FPA_TOKEN_EXPIRE_SECONDS);
    expect(main.FPA_TOKEN_EXPIRE_SECONDS).toBe(sync.FPA_TOKEN_EXPIRE_SECONDS);
  });

  it('EXPECTED_SERVICES are exactly the service names diagnoseToken accepts', () => {
    const token = sync.buildRtcToken({ appId: APP, appCertificate: CERT, channel: 'room', uid: 7, role: 'publisher' });
    for (const service of sync.EXPECTED_SERVICES) expect(() => sync.diagnoseToken(token, { service })).not.toThrow();
    expect(() => sync.diagnoseToken(token, { service: 'voice' as never })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    expect(main.EXPECTED_SERVICES).toEqual(sync.EXPECTED_SERVICES);
  });

  it('DEFAULT_TS_SECONDS is how far ahead a new 006 AccessToken\'s own ts lies', () => {
    for (const entry of [legacy, legacySync]) {
      const before = Math.floor(Date.now() / 1000);
      const token = new entry.AccessToken(APP, CERT, 'room', 7);
      const after = Math.floor(Date.now() / 1000);
      expect(token.ts).toBeGreaterThanOrEqual(before + entry.DEFAULT_TS_SECONDS);
      expect(token.ts).toBeLessThanOrEqual(after + entry.DEFAULT_TS_SECONDS);
    }
  });

  it('MAX_RTM_ACCOUNT_BYTES bounds the 006 RTM account in UTF-8 bytes', () => {
    const expire = Math.floor(Date.now() / 1000) + 3600;
    const fits = 'é'.repeat(legacySync.MAX_RTM_ACCOUNT_BYTES / 2); // 2 bytes each
    expect(legacySync.decodeToken(legacySync.RtmTokenBuilder.buildToken(APP, CERT, fits, 1, expire)).version).toBe('006');
    expect(() => legacySync.RtmTokenBuilder.buildToken(APP, CERT, `${fits}a`, 1, expire)).toThrow(expect.objectContaining({ field: 'account' }));
    expect(legacy.MAX_RTM_ACCOUNT_BYTES).toBe(64);
  });

  it('assertPrivilegeExpiredTs passes 0 and absolute times, and refuses durations and milliseconds naming the field', () => {
    const now = Math.floor(Date.now() / 1000);
    for (const entry of [legacy, legacySync]) {
      expect(entry.assertPrivilegeExpiredTs(0)).toBe(0);
      expect(entry.assertPrivilegeExpiredTs(now + 3600)).toBe(now + 3600);
      expect(() => entry.assertPrivilegeExpiredTs(3600)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_EXPIRE', field: 'privilegeExpiredTs', message: expect.stringMatching(/duration/) }));
      expect(() => entry.assertPrivilegeExpiredTs(Date.now(), 'expireAt')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_EXPIRE', field: 'expireAt', message: expect.stringMatching(/milliseconds/) }));
    }
  });

  describe('token server defaults', () => {
    const post = (handler: (r: Request) => Promise<Response>, body: unknown, init: RequestInit = {}) =>
      handler(new Request('http://localhost/getToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body), ...init }));
    const handler = server.createTokenHandler({ appId: APP, appCertificate: CERT, insecureAllowAnyone: true });

    it('DEFAULT_SERVER_EXPIRES_IN_SECONDS is the lifetime of a token asked for without expire', async () => {
      const { token } = (await (await post(handler, { tokenType: 'rtc', channel: 'room', uid: 7 })).json()) as { token: string };
      expect((sync.decodeToken(token) as sync.DecodedToken007).expire).toBe(server.DEFAULT_SERVER_EXPIRES_IN_SECONDS);
    });

    it('MAX_EXPIRES_IN_SECONDS is the most a request may ask for, and the most the options may allow', async () => {
      const { token } = (await (await post(handler, { tokenType: 'rtc', channel: 'room', uid: 7, expire: server.MAX_EXPIRES_IN_SECONDS })).json()) as { token: string };
      expect((sync.decodeToken(token) as sync.DecodedToken007).expire).toBe(server.MAX_EXPIRES_IN_SECONDS);
      const over = await post(handler, { tokenType: 'rtc', channel: 'room', uid: 7, expire: server.MAX_EXPIRES_IN_SECONDS + 1 });
      expect(over.status).toBe(400);
      expect(((await over.json()) as { error: { code: string } }).error.code).toBe('ERR_INVALID_EXPIRE');
      expect(() => server.createTokenHandler({ appId: APP, appCertificate: CERT, insecureAllowAnyone: true, maxExpiresInSeconds: server.MAX_EXPIRES_IN_SECONDS + 1 })).toThrow(/maxExpiresInSeconds/);
    });

    it('DEFAULT_MAX_BODY_BYTES is the largest body accepted without a maxBodyBytes option', async () => {
      const pad = (size: number) => {
        const base = JSON.stringify({ tokenType: 'rtc', channel: 'room', uid: 7, pad: '' });
        return JSON.stringify({ tokenType: 'rtc', channel: 'room', uid: 7, pad: 'x'.repeat(size - base.length) });
      };
      expect((await post(handler, pad(server.DEFAULT_MAX_BODY_BYTES))).status).toBe(200);
      expect((await post(handler, pad(server.DEFAULT_MAX_BODY_BYTES + 1))).status).toBe(413);
    });

    it('DEFAULT_TOKEN_TYPES are the types issued without a tokenTypes option (no Chat app tokens)', async () => {
      expect([...server.DEFAULT_TOKEN_TYPES]).toEqual(['rtc', 'rtm', 'chat']);
      expect((await post(handler, { tokenType: 'rtm', uid: 'alice' })).status).toBe(200);
      expect((await post(handler, { tokenType: 'chat', uid: 'bob' })).status).toBe(200);
      expect((await post(handler, { tokenType: 'chat' })).status).toBe(403); // the app token
    });
  });
});
