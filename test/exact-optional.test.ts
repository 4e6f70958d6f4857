// Optional options given as `undefined` behave as if left out. The declarations say `?: T | undefined`
// (test/types/strictest.ts compiles under exactOptionalPropertyTypes), so the run-time side must hold
// too: same tokens and verdicts as without the key, no "unknown option" or "expected a number" error.
import { describe, expect, it } from 'vitest';
import * as legacy from '../src/legacy-sync.ts';
import { createMemoryRateLimiter, createTokenHandler } from '../src/server.ts';
import { serve, toNodeHandler } from '../src/server-node.ts';
import * as sync from '../src/sync.ts';
import { officialParse, officialVerify } from './helpers/official.ts';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const u = undefined;
const fixed = { appId: APP_ID, appCertificate: CERT, issuedAt: 1_700_000_000, salt: 7 };
const services = (token: string) => (expect(officialVerify(token, CERT)).toBe(true), officialParse(token)!.services);

describe('undefined options are left-out options', () => {
  it('builders: the same token as without the keys', () => {
    const rtc = sync.buildRtcToken({ ...fixed, channel: 'c', uid: 5, role: 'publisher' });
    expect(sync.buildRtcToken({ ...fixed, channel: 'c', uid: 5, account: u, role: 'publisher', expiresInSeconds: u, privilegeExpiresInSeconds: u, rtm: u, dangerouslyAllowBrowser: u })).toBe(rtc);
    expect(sync.buildRtcToken({ ...fixed, channel: 'c', uid: u, account: 'al', role: 'publisher' })).toBe(sync.buildRtcToken({ ...fixed, channel: 'c', account: 'al', role: 'publisher' }));
    expect(sync.buildRtcToken({ ...fixed, channel: 'c', uid: 5, role: 'publisher', rtm: { userId: u, expiresInSeconds: u } })).toBe(sync.buildRtcToken({ ...fixed, channel: 'c', uid: 5, role: 'publisher', rtm: {} }));
    expect(sync.buildRtmToken({ ...fixed, userId: 'a', permissions: u, expiresInSeconds: u })).toBe(sync.buildRtmToken({ ...fixed, userId: 'a' }));
    // Permissions as a plain { details }, as the declarations now allow: the same token as from the class.
    const perms = new sync.Rtm2Permissions().add(1, 1, ['room-*']);
    expect(sync.buildRtmToken({ ...fixed, userId: 'a', permissions: { details: { 1: { 1: ['room-*'] } } } })).toBe(sync.buildRtmToken({ ...fixed, userId: 'a', permissions: perms }));
    expect(sync.buildChatToken({ ...fixed, userId: 'a', app: u })).toBe(sync.buildChatToken({ ...fixed, userId: 'a' }));
    expect(sync.buildApaasToken({ ...fixed, roomUuid: u, userUuid: 'a', role: u, app: u })).toBe(sync.buildApaasToken({ ...fixed, userUuid: 'a' }));
    expect(services(rtc)[0]!.fields).toEqual({ channelName: 'c', uid: '5' });
    const t006 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', 5, 1, 1_800_000_000, { salt: 9, ts: 1_700_000_000 });
    expect(legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', 5, 1, 1_800_000_000, { salt: 9, ts: 1_700_000_000, dangerouslyAllowBrowser: u })).toBe(t006);
    expect(legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', 5, 1, 1_800_000_000, { salt: u, ts: u }).startsWith('006')).toBe(true);
  });

  it('diagnose, inspect and verify: the same answers', () => {
    const token = sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 5, role: 'publisher' });
    const codes = (f: { code: string }[]) => f.map((x) => x.code);
    expect(codes(sync.diagnoseToken(token, { appId: APP_ID, appCertificate: u, channel: 'c', uid: 5, account: u, role: u, service: u, now: u }))).toEqual(codes(sync.diagnoseToken(token, { appId: APP_ID, channel: 'c', uid: 5 })));
    expect(sync.inspectToken(token, { now: u }).services).toEqual(sync.inspectToken(token).services);
    const t006 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', 0, 1, Math.floor(Date.now() / 1000) + 600);
    expect(sync.verifyToken(t006, CERT, { channelName: 'c', uid: u })).toBe(true);
  });

  it('token server: handler, grant, denial, limiter, node adapter and serve()', async () => {
    const handler = createTokenHandler({
      appId: APP_ID,
      appCertificate: CERT,
      authorize: () => ({ channel: u, uid: u, role: u, rtmUserId: u, chatUserId: u, expiresInSeconds: u }),
      insecureAllowAnyone: u,
      basePath: u,
      tokenTypes: u,
      defaultExpiresInSeconds: u,
      maxExpiresInSeconds: u,
      maxBodyBytes: u,
      cors: { origins: ['https://app.example.com'], allowHeaders: u, credentials: u, maxAgeSeconds: u },
      rateLimit: createMemoryRateLimiter({ limit: 5, windowSeconds: u, maxClients: u, now: u }),
      onIssue: u,
      onError: u,
      clientAddress: u,
      signing: u,
      now: u,
    });
    const res = await handler(new Request('http://localhost/rtc/room/publisher/uid/5/'));
    expect(res.status).toBe(200);
    expect(services(((await res.json()) as { rtcToken: string }).rtcToken)[0]!.fields).toEqual({ channelName: 'room', uid: '5' });
    const denied = createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => ({ deny: 401, message: u }) });
    expect((await denied(new Request('http://localhost/rtc/room/publisher/uid/5/'))).status).toBe(401);
    expect(typeof toNodeHandler(handler, { maxBodyBytes: u, origin: u, onResponse: u, responseTimeoutMs: u })).toBe('function');
    const server = await serve({ handler, port: 0, host: u, signal: u, headersTimeoutMs: u, requestTimeoutMs: u, origin: u, onResponse: u, responseTimeoutMs: u });
    try {
      const viaHttp = await fetch(`${server.url}/rtm/alice/`);
      expect(services(((await viaHttp.json()) as { rtmToken: string }).rtmToken)[0]!.fields).toEqual({ userId: 'alice' });
    } finally {
      await server.close();
    }
  });
});
