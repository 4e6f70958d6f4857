// The token server against a real node:http server on loopback and a real fetch client. Every
// issued token is parsed and verified by the official agora-token parser (AccessToken2
// from_string + verifySignature) and must carry what was asked.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryRateLimiter, createTokenHandler, rateLimitKey, type TokenRequest } from '../src/server.ts';
import { serve, toNodeHandler } from '../src/server-node.ts';
import { officialParse, officialVerify, type PlainToken } from './helpers/official.ts';
import { APP_ID, CERT, OTHER_CERT, postJson, rawRequest, startTokenServer, type TestServer } from './helpers/token-server.ts';
import { findSecret } from './helpers/secrets.ts';

const HOUR = 3600;

/** Parses with the official parser and checks the signature with the right and a wrong certificate. */
function verified(token: unknown): PlainToken {
  expect(typeof token).toBe('string');
  expect((token as string).startsWith('007')).toBe(true);
  expect(officialVerify(token as string, CERT)).toBe(true);
  expect(officialVerify(token as string, OTHER_CERT)).toBe(false);
  const parsed = officialParse(token as string)!;
  expect(parsed.appId).toBe(APP_ID);
  expect(Math.abs(parsed.issueTs - Date.now() / 1000)).toBeLessThan(30);
  return parsed;
}

const PUBLISHER = (s: number) => ({ '1': s, '2': s, '3': s, '4': s });
const SUBSCRIBER = (s: number) => ({ '1': s });

async function jsonOf(res: Response): Promise<Record<string, unknown>> {
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('cache-control')).toContain('no-store');
  const text = await res.text();
  expect(findSecret(text, [CERT])).toBeUndefined(); // the certificate in any letter case, or any 12 characters of it
  return JSON.parse(text) as Record<string, unknown>;
}

async function expectError(res: Response, status: number, code: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  const body = await jsonOf(res);
  expect(Object.keys(body)).toEqual(['error']);
  const error = body.error as Record<string, unknown>;
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect((error.message as string).length).toBeGreaterThan(3);
  expect(JSON.stringify(body)).not.toMatch(/007eJ/);
  return error;
}

describe('endpoints (agora-token-service, docs and Heroku contracts)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTokenServer();
  });
  afterAll(() => s.close());

  it('POST /getToken rtc with a numeric uid string and role publisher -> { token }', async () => {
    const body = await jsonOf(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', channel: 'my-video-channel', role: 'publisher', uid: '42', expire: 600 }));
    expect(Object.keys(body)).toEqual(['token']);
    const t = verified(body.token);
    expect(t.expire).toBe(600);
    expect(t.services).toEqual([{ type: 1, privileges: PUBLISHER(600), fields: { channelName: 'my-video-channel', uid: '42' } }]);
  });

  it('POST /getToken rtc with a user account, default role subscriber and default expiry', async () => {
    const body = await jsonOf(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', channel: 'room', uid: 'user123' }));
    const t = verified(body.token);
    expect(t.expire).toBe(HOUR);
    expect(t.services).toEqual([{ type: 1, privileges: SUBSCRIBER(HOUR), fields: { channelName: 'room', uid: 'user123' } }]);
  });

  it('POST /getToken rtc with uid 0 (number) packs the empty uid (any uid)', async () => {
    const body = await jsonOf(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', channel: 'room', uid: 0, role: 'publisher' }));
    expect(verified(body.token).services[0]!.fields).toEqual({ channelName: 'room', uid: '' });
  });

  it('POST /getToken rtm and chat user', async () => {
    const rtm = verified((await jsonOf(await postJson(`${s.url}/getToken`, { tokenType: 'rtm', uid: 'alice', expire: 120 }))).token);
    expect(rtm.services).toEqual([{ type: 2, privileges: { '1': 120 }, fields: { userId: 'alice' } }]);
    const chat = verified((await jsonOf(await postJson(`${s.url}/getToken`, { tokenType: 'chat', uid: 'bob_1' }))).token);
    expect(chat.services).toEqual([{ type: 5, privileges: { '1': HOUR }, fields: { userId: 'bob_1' } }]);
  });

  it('GET /rtc/:channelName/:role/:tokenType/:uid/?expiry= -> { rtcToken }, with and without trailing slash', async () => {
    for (const path of ['/rtc/room%201/publisher/uid/7/?expiry=900', '/rtc/room%201/publisher/uid/7?expiry=900']) {
      const body = await jsonOf(await fetch(`${s.url}${path}`));
      expect(Object.keys(body)).toEqual(['rtcToken']);
      const t = verified(body.rtcToken);
      expect(t.expire).toBe(900);
      expect(t.services).toEqual([{ type: 1, privileges: PUBLISHER(900), fields: { channelName: 'room 1', uid: '7' } }]);
    }
    const account = verified((await jsonOf(await fetch(`${s.url}/rtc/room/subscriber/userAccount/carol/`))).rtcToken);
    expect(account.services).toEqual([{ type: 1, privileges: SUBSCRIBER(HOUR), fields: { channelName: 'room', uid: 'carol' } }]);
  });

  it('GET /rtm/:uid/ -> { rtmToken }', async () => {
    const body = await jsonOf(await fetch(`${s.url}/rtm/dave/?expiry=60`));
    expect(Object.keys(body)).toEqual(['rtmToken']);
    expect(verified(body.rtmToken).services).toEqual([{ type: 2, privileges: { '1': 60 }, fields: { userId: 'dave' } }]);
  });

  it('GET /rte/... -> { rtcToken, rtmToken }; rtmuid defaults to the rtc uid', async () => {
    const body = await jsonOf(await fetch(`${s.url}/rte/room/publisher/uid/42/`));
    expect(Object.keys(body).sort()).toEqual(['rtcToken', 'rtmToken']);
    expect(verified(body.rtcToken).services[0]!.fields).toEqual({ channelName: 'room', uid: '42' });
    // As agora-token-service builds it: the RTM token also joins the channel as a stream channel
    // (joinChannel 1 + publishDataStream 4, the RTM user as the RTC account), then logs in to RTM.
    expect(verified(body.rtmToken).services).toEqual([
      { type: 1, privileges: { '1': HOUR, '4': HOUR }, fields: { channelName: 'room', uid: '42' } },
      { type: 2, privileges: { '1': HOUR }, fields: { userId: '42' } },
    ]);
    // A subscriber's stream channel is joined without publishDataStream (agora-token-service adds it
    // whatever the role; here the role asked, or granted, holds for both tokens).
    const named = await jsonOf(await fetch(`${s.url}/rte/room/subscriber/uid/42/erin/?expiry=300`));
    expect(verified(named.rtmToken).services).toEqual([
      { type: 1, privileges: { '1': 300 }, fields: { channelName: 'room', uid: 'erin' } },
      { type: 2, privileges: { '1': 300 }, fields: { userId: 'erin' } },
    ]);
    await expectError(await fetch(`${s.url}/rte/room/publisher/uid/0/`), 400, 'ERR_MISSING_FIELD');
  });

  it("roles as agora-token-service's clients send them: audience, and 1 / 2 in a path; other text is a 400", async () => {
    const privileges = (token: unknown) => Object.keys(verified(token).services[0]!.privileges).sort();
    const JOIN = ['1'];
    const PUBLISH = ['1', '2', '3', '4'];
    // Agora-Node-TokenServer clients (publisher | audience) and AgoraUIKit apps (/rtc/<channel>/1/uid/0/).
    expect(privileges((await jsonOf(await fetch(`${s.url}/rtc/room/audience/uid/7/`))).rtcToken)).toEqual(JOIN);
    expect(privileges((await jsonOf(await fetch(`${s.url}/rtc/room/1/uid/0/?expiry=60`))).rtcToken)).toEqual(PUBLISH);
    expect(privileges((await jsonOf(await fetch(`${s.url}/rtc/room/2/uid/7/`))).rtcToken)).toEqual(JOIN);
    expect(privileges((await jsonOf(await fetch(`${s.url}/rte/room/audience/uid/7/`))).rtcToken)).toEqual(JOIN);
    expect(privileges((await jsonOf(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', channel: 'room', uid: '7', role: 'audience' }))).token)).toEqual(JOIN);
    await expectError(await fetch(`${s.url}/rtc/room/PUBLISHER/uid/7/`), 400, 'ERR_INVALID_ROLE');
    await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', channel: 'room', uid: '7', role: '1' }), 400, 'ERR_INVALID_ROLE');
  });

  it('POST /getToken rtm with a channel adds the stream channel, as agora-token-service does; without one, RTM only', async () => {
    const stream = verified((await jsonOf(await postJson(`${s.url}/getToken`, { tokenType: 'rtm', uid: 'alice', channel: 'lobby', expire: 600 }))).token);
    expect(stream.services).toEqual([
      { type: 1, privileges: { '1': 600, '4': 600 }, fields: { channelName: 'lobby', uid: 'alice' } },
      { type: 2, privileges: { '1': 600 }, fields: { userId: 'alice' } },
    ]);
    expect(s.issued.at(-1)).toMatchObject({ endpoint: 'getToken', types: ['rtm'], channel: 'lobby', rtmUserId: 'alice', streamChannel: 'lobby' });
    const plain = verified((await jsonOf(await postJson(`${s.url}/getToken`, { tokenType: 'rtm', uid: 'alice' }))).token);
    expect(plain.services.map((x) => x.type)).toEqual([2]);
    await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'rtm', uid: 'alice', channel: 'a/b' }), 400, 'ERR_INVALID_CHANNEL');
  });

  it('GET /chat/account/:chatid/ -> { chatToken }; /chat/app/ is off by default (403)', async () => {
    const body = await jsonOf(await fetch(`${s.url}/chat/account/frank/`));
    expect(Object.keys(body)).toEqual(['chatToken']);
    expect(verified(body.chatToken).services).toEqual([{ type: 5, privileges: { '1': HOUR }, fields: { userId: 'frank' } }]);
    await expectError(await fetch(`${s.url}/chat/app/`), 403, 'ERR_TOKEN_TYPE_DISABLED');
    await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'chat' }), 403, 'ERR_TOKEN_TYPE_DISABLED');
    expect(s.issued.some((e) => e.types.includes('chat-app'))).toBe(false);
  });

  it('GET /ping -> { message: "pong" }; HEAD /ping has no body', async () => {
    expect(await jsonOf(await fetch(`${s.url}/ping`))).toEqual({ message: 'pong' });
    const head = await fetch(`${s.url}/ping`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8'); // as GET sends
    expect(await head.text()).toBe('');
  });

  it("the docs' /fetch_rtc_token: POST JSON, GET query and the sample's GET-with-JSON-body -> { code: '200', token }", async () => {
    const post = await jsonOf(await postJson(`${s.url}/fetch_rtc_token`, { uid: '123456', channelName: 'channelA' }));
    expect(Object.keys(post)).toEqual(['code', 'token']);
    expect(post.code).toBe('200');
    expect(verified(post.token).services).toEqual([{ type: 1, privileges: PUBLISHER(HOUR), fields: { channelName: 'channelA', uid: '123456' } }]);
    const get = await jsonOf(await fetch(`${s.url}/fetch_rtc_token?uid=123456&channelName=channelA`));
    expect(verified(get.token).services[0]!.fields).toEqual({ channelName: 'channelA', uid: '123456' });
    // axios in Node sends the docs' GET with a JSON body; Fetch cannot, so use node:http.
    const getBody = JSON.stringify({ uid: 123456, channelName: 'channelA' });
    const raw = await rawRequest(`${s.url}/fetch_rtc_token`, { headers: { 'content-type': 'application/json', 'content-length': String(getBody.length) }, body: getBody });
    expect(raw.status).toBe(200);
    expect(verified(JSON.parse(raw.body).token).services[0]!.fields).toEqual({ channelName: 'channelA', uid: '123456' });
    // A numeric role reads the same from a POST body, the query string and a GET body.
    const subscriber = { uid: 7, channelName: 'channelA', role: 2 };
    expect(verified((await jsonOf(await postJson(`${s.url}/fetch_rtc_token`, subscriber))).token).services[0]!.privileges).toEqual(SUBSCRIBER(HOUR));
    expect(verified((await jsonOf(await fetch(`${s.url}/fetch_rtc_token?uid=7&channelName=channelA&role=2`))).token).services[0]!.privileges).toEqual(SUBSCRIBER(HOUR));
    const getRole = JSON.stringify(subscriber);
    const rawRole = await rawRequest(`${s.url}/fetch_rtc_token`, { headers: { 'content-type': 'application/json', 'content-length': String(getRole.length) }, body: getRole });
    expect(verified(JSON.parse(rawRole.body).token).services[0]!.privileges).toEqual(SUBSCRIBER(HOUR));
  });

  it("the docs' Android client's /fetch_rtc_token body { uid, ChannelName, role } (keys in any case, as the docs' Go server reads them); roles 0 and 101 publish", async () => {
    const android = await jsonOf(await postJson(`${s.url}/fetch_rtc_token`, { uid: 1234, ChannelName: '1234', role: 1 }));
    expect(verified(android.token).services).toEqual([{ type: 1, privileges: PUBLISHER(HOUR), fields: { channelName: '1234', uid: '1234' } }]);
    const shouting = await jsonOf(await postJson(`${s.url}/fetch_rtc_token`, { UID: 5, CHANNELNAME: 'loud', ROLE: 2 }));
    expect(verified(shouting.token).services).toEqual([{ type: 1, privileges: SUBSCRIBER(HOUR), fields: { channelName: 'loud', uid: '5' } }]);
    for (const role of [0, 101]) {
      const body = await jsonOf(await postJson(`${s.url}/fetch_rtc_token`, { uid: 9, channelName: 'legacy-role', role }));
      expect(verified(body.token).services[0]!.privileges, `role ${role}`).toEqual(PUBLISHER(HOUR));
    }
    expect(verified((await jsonOf(await fetch(`${s.url}/fetch_rtc_token?uid=9&channelName=q&role=101`))).token).services[0]!.privileges).toEqual(PUBLISHER(HOUR));
    // the same field twice with different values: refused, not one of them picked
    await expectError(await postJson(`${s.url}/fetch_rtc_token`, { uid: 1, channelName: 'a', ChannelName: 'b' }), 400, 'ERR_BAD_REQUEST');
    expect(verified((await jsonOf(await postJson(`${s.url}/fetch_rtc_token`, { uid: 1, channelName: 'same', ChannelName: 'same' }))).token).services[0]!.fields).toEqual({ channelName: 'same', uid: '1' });
    await expectError(await postJson(`${s.url}/fetch_rtc_token`, { uid: 1, channelName: 'a', role: 3 }), 400, 'ERR_INVALID_ROLE');
    // a JSON body takes roles as numbers, as it does 1 and 2; the query string as text
    for (const role of ['0', '101', '1']) await expectError(await postJson(`${s.url}/fetch_rtc_token`, { uid: 1, channelName: 'a', role }), 400, 'ERR_INVALID_ROLE');
    // GET: the query string, and the docs' GET-with-JSON-body, in any letter case too
    expect(verified((await jsonOf(await fetch(`${s.url}/fetch_rtc_token?UID=3&ChannelName=q`))).token).services[0]!.fields).toEqual({ channelName: 'q', uid: '3' });
    const getBody = JSON.stringify({ uid: 4, ChannelName: 'g' });
    const raw = await rawRequest(`${s.url}/fetch_rtc_token`, { headers: { 'content-type': 'application/json', 'content-length': String(getBody.length) }, body: getBody });
    expect(verified(JSON.parse(raw.body).token).services[0]!.fields).toEqual({ channelName: 'g', uid: '4' });
    // a GET body never overrides a URL field, whatever the letter case of its key
    const shadow = JSON.stringify({ ChannelName: 'private' });
    const kept = await rawRequest(`${s.url}/fetch_rtc_token?uid=1&channelName=public`, { headers: { 'content-type': 'application/json', 'content-length': String(shadow.length) }, body: shadow });
    expect([kept.status, verified(JSON.parse(kept.body).token).services[0]!.fields]).toEqual([200, { channelName: 'public', uid: '1' }]);
    // unrelated query parameters are not read (a repeated one is no error)
    expect((await fetch(`${s.url}/fetch_rtc_token?uid=3&channelName=q&utm=a&utm=b`)).status).toBe(200);
  });

  it("the Heroku sample's GET /access_token?channel=&uid= -> { token } (join only, as the sample granted)", async () => {
    const body = await jsonOf(await fetch(`${s.url}/access_token?channel=test&uid=1234`));
    expect(Object.keys(body)).toEqual(['token']);
    expect(verified(body.token).services).toEqual([{ type: 1, privileges: SUBSCRIBER(HOUR), fields: { channelName: 'test', uid: '1234' } }]);
    const future = Math.floor(Date.now() / 1000) + 1200;
    const abs = verified((await jsonOf(await fetch(`${s.url}/access_token?channel=test&expiredTs=${future}`))).token);
    expect(Math.abs(abs.expire - 1200)).toBeLessThanOrEqual(2);
    expect(abs.services[0]!.fields).toEqual({ channelName: 'test', uid: '' });
  });

  it('records one audit event per issued token request, never with the certificate or the token', () => {
    expect(s.issued.length).toBeGreaterThanOrEqual(15);
    for (const event of s.issued) {
      const { request, ...rest } = event;
      expect(request).toBeInstanceOf(Request);
      const text = JSON.stringify(rest);
      expect(findSecret(text, [CERT])).toBeUndefined();
      expect(text).not.toMatch(/007eJ/);
      expect(Object.keys(rest)).not.toContain('token');
    }
  });
});

describe('chat app tokens', () => {
  it('are issued only when tokenTypes lists chat-app: { chatToken } and { token } with the app privilege', async () => {
    const s = await startTokenServer({ tokenTypes: ['chat', 'chat-app'] });
    try {
      const app = verified((await jsonOf(await fetch(`${s.url}/chat/app/?expiry=300`))).chatToken);
      expect(app.services).toEqual([{ type: 5, privileges: { '2': 300 }, fields: { userId: '' } }]);
      const viaPost = verified((await jsonOf(await postJson(`${s.url}/getToken`, { tokenType: 'chat' }))).token);
      expect(viaPost.services).toEqual([{ type: 5, privileges: { '2': HOUR }, fields: { userId: '' } }]);
      await expectError(await fetch(`${s.url}/rtm/a/`), 403, 'ERR_TOKEN_TYPE_DISABLED');
      expect(s.issued.map((e) => e.types)).toEqual([['chat-app'], ['chat-app']]);
    } finally {
      await s.close();
    }
  });
});

describe('signing backends', () => {
  it("'webcrypto' (default of createTokenHandler) and 'js' (default of serve) issue equivalent, verifying tokens", async () => {
    const parsed = [];
    for (const signing of ['webcrypto', 'js'] as const) {
      const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, signing, now: () => 1_700_000_000 });
      const res = await handler(new Request('http://localhost/rte/room/publisher/uid/9/alice/?expiry=120'));
      const body = await jsonOf(res);
      for (const token of [body.rtcToken, body.rtmToken]) expect(officialVerify(token as string, CERT)).toBe(true);
      parsed.push([officialParse(body.rtcToken as string)!, officialParse(body.rtmToken as string)!].map(({ salt, ...rest }) => rest));
    }
    expect(parsed[0]).toEqual(parsed[1]);
    expect(parsed[0]![0]!.issueTs).toBe(1_700_000_000);
    expect(() => createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, signing: 'fast' as never })).toThrow(/signing/);
  });
});

describe('lifetime limits at their edges', () => {
  it('maxExpiresInSeconds itself is allowed, in a POST body and in a path query', async () => {
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, maxExpiresInSeconds: 7200 });
    const post = (expire: number) => handler(new Request('http://localhost/getToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokenType: 'rtm', uid: 'a', expire }) }));
    expect((await post(7200)).status).toBe(200);
    await expectError(await post(7201), 400, 'ERR_INVALID_EXPIRE');
    const get = await handler(new Request('http://localhost/rtc/a/publisher/uid/1/?expiry=7200'));
    expect(get.status).toBe(200);
    expect(officialParse((await jsonOf(get)).rtcToken as string)).toMatchObject({ expire: 7200 });
    await expectError(await handler(new Request('http://localhost/rtc/a/publisher/uid/1/?expiry=7201')), 400, 'ERR_INVALID_EXPIRE');
  });

  it('/access_token expiredTs (absolute, as agora-token-service) refuses the current second and signs the next as a one-second token', async () => {
    const now = 1_700_000_000;
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, now: () => now });
    await expectError(await handler(new Request(`http://localhost/access_token?channel=a&expiredTs=${now}`)), 400, 'ERR_INVALID_EXPIRE');
    const next = await handler(new Request(`http://localhost/access_token?channel=a&expiredTs=${now + 1}`));
    expect(next.status).toBe(200);
    expect(officialParse((await jsonOf(next)).token as string)).toMatchObject({ issueTs: now, expire: 1 });
  });

  it('a lifetime of 10^9 or more is named as an absolute Unix time (now + 3600, the 006 habit), in the builders\' words', async () => {
    const now = 1_700_000_000;
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, now: () => now });
    const post = (path: string, body: unknown) => handler(new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    const unixTime = (field: string, n: number) => `${field}: ${n} looks like an absolute Unix time (${new Date(n * 1000).toISOString().replace('.000Z', 'Z')}); 007 lifetimes are seconds after issue, e.g. 3600 (now + 3600 was the 006 convention)`;
    const cases: [Promise<Response>, string][] = [
      [handler(new Request(`http://localhost/rtc/r/publisher/uid/1/?expiry=${now + HOUR}`)), 'expiry'],
      [handler(new Request(`http://localhost/rtm/alice/?expiry=${now + HOUR}`)), 'expiry'],
      [post('/getToken', { tokenType: 'rtc', channel: 'r', uid: 1, expire: now + HOUR }), 'expire'],
      [post('/fetch_rtc_token', { uid: 1, channelName: 'r', expire: now + HOUR }), 'expire'],
      [handler(new Request(`http://localhost/access_token?channel=r&expiry=${now + HOUR}`)), 'expiry'],
    ];
    for (const [res, field] of cases) expect(await expectError(await res, 400, 'ERR_INVALID_EXPIRE')).toEqual({ code: 'ERR_INVALID_EXPIRE', message: unixTime(field, now + HOUR), field });
    // The line is the library's TIMESTAMP_THRESHOLD; above u32 (no Unix time in seconds) and below it, the server maximum is named.
    expect((await expectError(await post('/getToken', { tokenType: 'rtm', uid: 'a', expire: 1e9 }), 400, 'ERR_INVALID_EXPIRE')).message).toBe(unixTime('expire', 1e9));
    for (const expire of [1e9 - 1, 2 ** 32, 1.7e12]) {
      expect((await expectError(await post('/getToken', { tokenType: 'rtm', uid: 'a', expire }), 400, 'ERR_INVALID_EXPIRE')).message).toBe('expire: must be at most 86400 seconds (server maximum)');
    }
  });

  it('/access_token: an expiredTs under 10^9 is named as a duration (use expiry); a far expiredTs is not called a Unix time', async () => {
    const now = 1_700_000_000;
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, now: () => now });
    const message = async (query: string) => (await expectError(await handler(new Request(`http://localhost/access_token?channel=a&${query}`)), 400, 'ERR_INVALID_EXPIRE')).message;
    expect(await message('expiredTs=3600')).toBe('expiredTs: must be in the future; 3600 looks like a duration: expiredTs is an absolute Unix time (for seconds from now, use expiry)');
    expect(await message('expiredTs=999999999')).toMatch(/; 999999999 looks like a duration:/);
    // An absolute time in the past is just that.
    expect(await message('expiredTs=1000000000')).toBe('expiredTs: must be in the future');
    expect(await message(`expiredTs=${now}`)).toBe('expiredTs: must be in the future');
    // 2^32 - 1 is 2.6 * 10^9 seconds from now: a lifetime computed from an absolute time, too long, but no Unix time mistake.
    expect(await message('expiredTs=4294967295')).toBe('expiredTs: must be at most 86400 seconds (server maximum)');
  });
});

describe('request limits at their edges', () => {
  const base = { appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true } as const;
  /** A JSON body of exactly `size` bytes (trailing whitespace is valid JSON). */
  const bodyOf = (size: number) => {
    const json = JSON.stringify({ tokenType: 'rtm', uid: 'alice' });
    return json + ' '.repeat(size - json.length);
  };

  it('a body of exactly maxBodyBytes is read, declared or streamed; one byte more is a 413', async () => {
    const handler = createTokenHandler({ ...base, maxBodyBytes: 256 });
    const declared = (body: string) => handler(new Request('http://localhost/getToken', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, body }));
    const streamed = (body: string) => handler(new Request('http://localhost/getToken', {
      method: 'POST', headers: { 'content-type': 'application/json' }, duplex: 'half',
      body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(body)); c.close(); } }),
    } as RequestInit));
    for (const send of [declared, streamed]) {
      expect((await send(bodyOf(256))).status).toBe(200);
      await expectError(await send(bodyOf(257)), 413, 'ERR_PAYLOAD_TOO_LARGE');
    }
  });

  it("the node adapter's maxBodyBytes wins over the handler's", async () => {
    const server = createServer(toNodeHandler(createTokenHandler({ ...base, maxBodyBytes: 1024 }), { maxBodyBytes: 100 }));
    server.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/getToken`;
      const send = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect((await send(bodyOf(100))).status).toBe(200);
      expect((await send(bodyOf(200))).status).toBe(413);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('the largest uid, 4294967295, is accepted as a JSON number and as path text', async () => {
    const handler = createTokenHandler(base);
    const post = await handler(new Request('http://localhost/getToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokenType: 'rtc', channel: 'c', uid: 4294967295 }) }));
    expect(post.status).toBe(200);
    expect(officialParse((await jsonOf(post)).token as string)?.services[0]?.fields).toMatchObject({ uid: '4294967295' });
    expect((await handler(new Request('http://localhost/rtc/c/publisher/uid/4294967295/'))).status).toBe(200);
    await expectError(await handler(new Request('http://localhost/getToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokenType: 'rtc', channel: 'c', uid: 4294967296 }) })), 400, 'ERR_INVALID_UID');
  });

  it('a uid string with leading zeros ("007": uid 7, or the account "007"?) is refused on every route, as the builders refuse it', async () => {
    const handler = createTokenHandler(base);
    const post = (uid: string) => handler(new Request('http://localhost/getToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokenType: 'rtc', channel: 'c', uid }) }));
    for (const uid of ['007', '0042', '00']) {
      await expectError(await post(uid), 400, 'ERR_INVALID_UID');
      await expectError(await handler(new Request(`http://localhost/rtc/c/publisher/uid/${uid}/`)), 400, 'ERR_INVALID_UID');
      await expectError(await handler(new Request(`http://localhost/access_token?channel=c&uid=${uid}`)), 400, 'ERR_INVALID_UID');
    }
    // Plain decimal text is still the number, and "0" still the any-uid wildcard.
    expect(officialParse((await jsonOf(await post('42'))).token as string)?.services[0]?.fields).toMatchObject({ uid: '42' });
    expect(officialParse((await jsonOf(await post('0'))).token as string)?.services[0]?.fields).toMatchObject({ uid: '' });
  });
});

describe('error statuses', () => {
  let s: TestServer;
  const errors: unknown[] = [];
  beforeAll(async () => {
    s = await startTokenServer({
      maxBodyBytes: 1024,
      maxExpiresInSeconds: 7200,
      authorize: (request, asked) => {
        const auth = request.headers.get('authorization');
        if (auth === null) return { deny: 401 };
        if (auth === 'Bearer throw') throw new Error(`boom ${CERT}`);
        if (asked.channel === 'forbidden') return false;
        return true;
      },
      onError: (error) => errors.push(error),
    });
  });
  afterAll(() => s.close());
  const ok = { authorization: 'Bearer ok' };

  it('400: bad JSON, non-object JSON, missing and invalid fields, expiry over the maximum', async () => {
    await expectError(await fetch(`${s.url}/getToken`, { method: 'POST', headers: { 'content-type': 'application/json', ...ok }, body: '{"tokenType":' }), 400, 'ERR_INVALID_JSON');
    await expectError(await postJson(`${s.url}/getToken`, [1, 2], ok), 400, 'ERR_INVALID_JSON');
    const missing = await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', uid: 1 }, ok), 400, 'ERR_MISSING_FIELD');
    expect(missing.field).toBe('channel');
    const channel = await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', uid: 1, channel: 'x'.repeat(64) }, ok), 400, 'ERR_INVALID_CHANNEL');
    expect(channel.message).toMatch(/^channel: /);
    await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', uid: -1, channel: 'a' }, ok), 400, 'ERR_INVALID_UID');
    await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', uid: 1.5, channel: 'a' }, ok), 400, 'ERR_INVALID_UID');
    await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', uid: 1, channel: 'a', role: 'admin' }, ok), 400, 'ERR_INVALID_ROLE');
    const expiry = await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'rtm', uid: 'a', expire: 7201 }, ok), 400, 'ERR_INVALID_EXPIRE');
    expect(expiry.message).toContain('7200');
    await expectError(await fetch(`${s.url}/rtc/a/publisher/uid/1/?expiry=abc`, { headers: ok }), 400, 'ERR_INVALID_EXPIRE');
    await expectError(await fetch(`${s.url}/rtc/a/publisher/uid/1/?expiry=1&expiry=2`, { headers: ok }), 400, 'ERR_BAD_REQUEST');
    await expectError(await fetch(`${s.url}/rtc/a/publisher/uid/%E0%A4%A/`, { headers: ok }), 400, 'ERR_BAD_REQUEST');
  });

  it('401 with WWW-Authenticate when authorize denies an unauthenticated caller', async () => {
    const res = await postJson(`${s.url}/getToken`, { tokenType: 'rtm', uid: 'a' });
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    await expectError(res, 401, 'ERR_UNAUTHORIZED');
  });

  it('403 when authorize returns false', async () => {
    await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', uid: 1, channel: 'forbidden' }, ok), 403, 'ERR_FORBIDDEN');
  });

  it('404 for unknown paths, JSON', async () => {
    for (const path of ['/', '/nope', '/getToken/extra', '/rtc/a/publisher/uid', '/GETTOKEN', '/rtc//publisher/uid/1/']) {
      await expectError(await fetch(`${s.url}${path}`, { headers: ok }), 404, 'ERR_NOT_FOUND');
    }
  });

  it('405 with Allow for a wrong method', async () => {
    const res = await fetch(`${s.url}/getToken`, { headers: ok });
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    await expectError(res, 405, 'ERR_METHOD_NOT_ALLOWED');
    await expectError(await fetch(`${s.url}/rtm/a/`, { method: 'DELETE', headers: ok }), 405, 'ERR_METHOD_NOT_ALLOWED');
  });

  it('413 for a declared and for a streamed (chunked) body over the limit', async () => {
    await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'rtm', uid: 'a', pad: 'x'.repeat(2000) }, ok), 413, 'ERR_PAYLOAD_TOO_LARGE');
    const chunked = await rawRequest(`${s.url}/getToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...ok },
      body: Array.from({ length: 10 }, () => Buffer.from(`{"x":"${'y'.repeat(200)}"}`)),
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe('ERR_PAYLOAD_TOO_LARGE');
    // far over the limit: answered without reading it all, connection closed
    const huge = await rawRequest(`${s.url}/getToken`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(50 << 20), ...ok }, body: 'x'.repeat(4096) });
    expect(huge.status).toBe(413);
    expect(huge.headers.connection).toBe('close');
    // A path no route serves is a 404 whatever its body: the adapter does not read it first, and
    // closes the connection so that the unread body cannot keep streaming in.
    await expectError(await postJson(`${s.url}/nope`, { pad: 'x'.repeat(2000) }, ok), 404, 'ERR_NOT_FOUND');
    const unserved = await rawRequest(`${s.url}/nope`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(50 << 20), ...ok }, body: 'x'.repeat(4096) });
    expect(unserved.status).toBe(404);
    expect(unserved.headers.connection).toBe('close');
    // Dot segments are resolved before routing: the body of a served path is still read (here a
    // bad tokenType in it is what gets reported, not a missing body).
    const dotted = await rawRequest(s.url, { path: '/x/../getToken', method: 'POST', headers: { 'content-type': 'application/json', ...ok }, body: JSON.stringify({ tokenType: 'bogus' }) });
    expect(dotted.status).toBe(400);
    expect(JSON.parse(dotted.body).error.field).toBe('tokenType');
  });

  it('415 for a non-JSON content type', async () => {
    await expectError(await fetch(`${s.url}/getToken`, { method: 'POST', headers: { 'content-type': 'text/plain', ...ok }, body: '{}' }), 415, 'ERR_UNSUPPORTED_MEDIA_TYPE');
    await expectError(await fetch(`${s.url}/getToken`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...ok }, body: 'tokenType=rtc' }), 415, 'ERR_UNSUPPORTED_MEDIA_TYPE');
    await expectError(await fetch(`${s.url}/getToken`, { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1', ...ok }, body: '{}' }), 415, 'ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('500 without details when a hook throws; onError gets the cause; the certificate never leaks', async () => {
    const res = await postJson(`${s.url}/getToken`, { tokenType: 'rtm', uid: 'a' }, { authorization: 'Bearer throw' });
    const error = await expectError(res, 500, 'ERR_INTERNAL');
    expect(error.message).toBe('internal error');
    expect(errors.length).toBe(1);
    expect(String((errors[0] as Error).message)).toContain('boom');
  });

  it('issued nothing for any of the failed requests', () => {
    expect(s.issued).toEqual([]);
  });

  it("a hook's own AgoraTokenError (a build or decode inside it) is a 500 for onError, not a 400 blaming the client", async () => {
    const { AgoraTokenError } = await import('../src/errors.ts');
    const own = () => new AgoraTokenError('ERR_INVALID_UID', 'uid: expected an integer in 0..4294967295, got -5', { field: 'uid' });
    const hooks = {
      authorize: { authorize: () => { throw own(); } },
      rateLimit: { insecureAllowAnyone: true, rateLimit: () => Promise.reject(own()) },
      onIssue: { insecureAllowAnyone: true, onIssue: () => { throw own(); } },
      clientAddress: { insecureAllowAnyone: true, clientAddress: () => { throw own(); } },
    } as const;
    for (const [name, options] of Object.entries(hooks)) {
      const reported: unknown[] = [];
      const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, ...options, onError: (e) => void reported.push(e) });
      const res = await handler(new Request('http://localhost/rtc/room/publisher/uid/42'));
      expect(res.status, name).toBe(500);
      expect(await res.json(), name).toEqual({ error: { code: 'ERR_INTERNAL', message: 'internal error' } });
      expect(reported, name).toHaveLength(1);
      expect(reported[0], name).toBeInstanceOf(AgoraTokenError); // the hook's own error, as thrown
    }
  });
});

describe('onError: its default and an async reporter', () => {
  const failing = { appId: APP_ID, appCertificate: CERT, authorize: () => Promise.reject(new Error('auth backend down')) };
  const ask = () => new Request('http://localhost/rtc/room/publisher/uid/42/?expiry=600');

  it('without onError, a 500 is logged once with console.error: method, path without query, the cause; no certificate', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await createTokenHandler(failing)(ask());
      expect(res.status).toBe(500);
      expect(spy).toHaveBeenCalledTimes(1);
      const [line] = spy.mock.calls[0]!;
      expect(line).toMatch(/^agora-token-kit: 500 internal error for GET \/rtc\/room\/publisher\/uid\/42\/: Error: auth backend down\n +at /);
      expect(spy.mock.calls[0]).toHaveLength(1);
      expect(findSecret(JSON.stringify(spy.mock.calls), [CERT])).toBeUndefined();
      // Only the stack: a hook's error object may carry secrets in its own properties (an HTTP client's request headers).
      const leaky = Object.assign(new Error('upstream 401'), { config: { headers: { Authorization: 'Bearer USER-SECRET' } } });
      await createTokenHandler({ ...failing, authorize: () => Promise.reject(leaky) })(ask());
      expect(String(spy.mock.calls[1]![0])).toContain('upstream 401');
      expect(JSON.stringify(spy.mock.calls)).not.toContain('USER-SECRET');
      // A 4xx is the client's: nothing logged.
      expect((await createTokenHandler(failing)(new Request('http://localhost/nope'))).status).toBe(404);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('an onError that returns a rejected promise does not become an unhandled rejection', async () => {
    const seen: unknown[] = [];
    const onUnhandled = (reason: unknown) => seen.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const handler = createTokenHandler({ ...failing, onError: async () => { throw new Error('log sink down'); } });
      expect((await handler(ask())).status).toBe(500);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('the fetch handler on streamed Request bodies (as Workers, Deno and Bun deliver them)', () => {
  // No Node adapter here: the Request body is a ReadableStream read chunk by chunk by the handler.
  const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, maxBodyBytes: 256 });
  const encoder = new TextEncoder();
  function streamed(chunks: (string | Error)[], headers: Record<string, string> = {}): Request {
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks[i++];
        if (next === undefined) controller.close();
        else if (next instanceof Error) controller.error(next);
        else controller.enqueue(encoder.encode(next));
      },
    });
    return new Request('https://tokens.example.com/getToken', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, duplex: 'half' } as RequestInit);
  }

  it('joins a body that arrives in several chunks', async () => {
    const json = JSON.stringify({ tokenType: 'rtc', channel: 'chunked-room', role: 'publisher', uid: '77', expire: 600 });
    const parts = [json.slice(0, 5), json.slice(5, 6), json.slice(6, 40), json.slice(40)];
    const body = await jsonOf(await handler(streamed(parts)));
    const t = verified(body.token);
    expect(t.services).toEqual([{ type: 1, privileges: PUBLISHER(600), fields: { channelName: 'chunked-room', uid: '77' } }]);
  });

  it('413 as soon as an undeclared body passes maxBodyBytes, without reading the rest', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(encoder.encode(' '.repeat(100)));
      },
    });
    const request = new Request('https://tokens.example.com/getToken', { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    await expectError(await handler(request), 413, 'ERR_PAYLOAD_TOO_LARGE');
    expect(pulled).toBeLessThan(6); // an endless body: the handler stopped after ~3 chunks of 100 bytes
  });

  it('400 for a body stream that fails mid-way, and for a malformed Content-Length', async () => {
    const error = await expectError(await handler(streamed(['{"tokenType":', new Error('connection reset')])), 400, 'ERR_BAD_REQUEST');
    expect(error.message).not.toContain('connection reset');
    const json = JSON.stringify({ tokenType: 'rtc', channel: 'c', uid: '1' });
    await expectError(await handler(streamed([json], { 'content-length': '12abc' })), 400, 'ERR_BAD_REQUEST');
    await expectError(await handler(streamed([json], { 'content-length': '257' })), 413, 'ERR_PAYLOAD_TOO_LARGE');
  });
});

describe('client addresses as each platform passes them (Deno info, Bun server, our Node adapter, Hono on @hono/node-server)', () => {
  it('keys the rate limit by the platform address; unknown shapes and a throwing requestIP share one bucket', async () => {
    const seen: (string | undefined)[] = [];
    const handler = createTokenHandler({
      appId: APP_ID,
      appCertificate: CERT,
      insecureAllowAnyone: true,
      rateLimit: createMemoryRateLimiter({ limit: 1, windowSeconds: 60 }),
      onIssue: (event) => void seen.push(event.clientAddress),
    });
    const ask = (platform: unknown) => handler(new Request('https://tokens.example.com/rtm/alice/'), platform as never);
    const deno = (hostname: string) => ({ remoteAddr: { transport: 'tcp', hostname, port: 50_000 } });
    const bun = (address: string) => ({ requestIP: (r: Request) => (r instanceof Request ? { address, family: 'IPv4', port: 50_000 } : null) });
    expect((await ask(deno('203.0.113.1'))).status).toBe(200);
    expect((await ask(deno('203.0.113.1'))).status).toBe(429);
    expect((await ask(bun('203.0.113.2'))).status).toBe(200);
    expect((await ask(bun('203.0.113.2'))).status).toBe(429);
    expect((await ask({ clientAddress: '203.0.113.3' })).status).toBe(200);
    // Hono's c.env under @hono/node-server (hono/mount passes it on): the Node request's socket peer.
    const honoNode = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } }, outgoing: {} });
    expect((await ask(honoNode('203.0.113.4'))).status).toBe(200);
    expect((await ask(honoNode('203.0.113.4'))).status).toBe(429);
    // ... and nested under `server`, the other shape Hono's getConnInfo for Node reads.
    expect((await ask({ server: honoNode('203.0.113.5') })).status).toBe(200);
    expect((await ask({ server: honoNode('203.0.113.5') })).status).toBe(429);
    // Cloudflare's (env, ctx), a Bun server whose requestIP throws or returns null, a Workers env
    // with a binding named `incoming`, and no platform at all: no address, so one shared
    // "unknown" bucket.
    expect((await ask({ requestIP: () => { throw new Error('closed'); } })).status).toBe(200);
    expect((await ask({ requestIP: () => null })).status).toBe(429);
    expect((await ask({ incoming: { get() {} } })).status).toBe(429);
    expect((await ask(undefined)).status).toBe(429);
    expect((await ask({ waitUntil() {} })).status).toBe(429);
    expect(seen).toEqual(['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4', '203.0.113.5', undefined]);
  });

  it('a clientAddress option replaces the platform reading (behind a trusted proxy)', async () => {
    const seen: (string | undefined)[] = [];
    const handler = createTokenHandler({
      appId: APP_ID,
      appCertificate: CERT,
      insecureAllowAnyone: true,
      clientAddress: (request) => request.headers.get('x-real-ip') ?? undefined,
      onIssue: (event) => void seen.push(event.clientAddress),
    });
    await jsonOf(await handler(new Request('https://tokens.example.com/rtm/alice/', { headers: { 'x-real-ip': '198.51.100.7' } }), { remoteAddr: { hostname: '10.0.0.1' } } as never));
    expect(seen).toEqual(['198.51.100.7']);
  });
});

describe('handler options', () => {
  const base = { appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true };
  it.each([
    ['options not an object', null, 'options'],
    ['authorize not a function', { authorize: 'yes' }, 'authorize'],
    ['maxExpiresInSeconds 0', { maxExpiresInSeconds: 0 }, 'maxExpiresInSeconds'],
    ['maxExpiresInSeconds over 24 h', { maxExpiresInSeconds: 86_401 }, 'maxExpiresInSeconds'],
    ['defaultExpiresInSeconds over the maximum', { maxExpiresInSeconds: 600, defaultExpiresInSeconds: 601 }, 'defaultExpiresInSeconds'],
    ['maxBodyBytes under 64', { maxBodyBytes: 63 }, 'maxBodyBytes'],
    ['maxBodyBytes over 1 MiB', { maxBodyBytes: (1 << 20) + 1 }, 'maxBodyBytes'],
    ['maxBodyBytes fractional', { maxBodyBytes: 100.5 }, 'maxBodyBytes'],
    ['basePath without a leading slash', { basePath: 'api/agora' }, 'basePath'],
    ['basePath with a space', { basePath: '/api agora' }, 'basePath'],
    ['tokenTypes empty', { tokenTypes: [] }, 'tokenTypes'],
    ['tokenTypes unknown', { tokenTypes: ['rtc', 'video'] }, 'tokenTypes'],
    ['clientAddress not a function', { clientAddress: '1.2.3.4' }, 'clientAddress'],
    ['cors.allowHeaders not header names', { cors: { origins: ['https://a.example'], allowHeaders: ['x y'] } }, 'cors.allowHeaders'],
    ['cors.maxAgeSeconds negative', { cors: { origins: ['https://a.example'], maxAgeSeconds: -1 } }, 'cors.maxAgeSeconds'],
    ['cors not an object', { cors: 'https://a.example' }, 'cors.origins'],
    // Misspelt or misplaced options would leave their default in force unnoticed.
    ['a misspelt option', { basepath: '/api' }, 'options.basepath'],
    ['an option of another function', { expiresInSeconds: 600 }, 'options.expiresInSeconds'],
    ['a misspelt cors option', { cors: { origins: ['https://a.example'], allowHeader: ['x-key'] } }, 'cors.allowHeader'],
    ['cors.allowHeaders a string', { cors: { origins: ['https://a.example'], allowHeaders: 'x-foo' } }, 'cors.allowHeaders'],
    ['cors.origins sparse', { cors: { origins: new Array(3) } }, 'cors.origins'],
    ['cors.credentials not a boolean', { cors: { origins: ['https://a.example'], credentials: 'yes' } }, 'cors.credentials'],
  ])('%s -> ERR_INVALID_ARGUMENT naming %s', (_name, over, field) => {
    let error: unknown;
    try {
      createTokenHandler((over === null ? null : { ...base, ...over }) as never);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field });
    expect((error as Error).message).toContain(`${field}: `);
    expect(findSecret((error as Error).message, [CERT])).toBeUndefined();
  });

  it('an App Certificate equal to the App ID is refused when the handler is made, not with a 400 on every request', () => {
    expect(() => createTokenHandler({ ...base, appCertificate: APP_ID.toUpperCase() })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_APP_CERTIFICATE', field: 'appCertificate' }));
  });

  it('a misspelt option suggests the right one', () => {
    expect(() => createTokenHandler({ ...base, basepath: '/api' } as never)).toThrow('options.basepath: unknown option (did you mean basePath?)');
  });

  it('a now() hook returning 0, a duration or milliseconds is the server\'s error (500), not the client\'s (400)', async () => {
    for (const value of [0, 600, 1_700_000_000_000]) {
      const errors: unknown[] = [];
      const handler = createTokenHandler({ ...base, now: () => value, onError: (e) => errors.push(e) });
      const res = await handler(new Request('https://tokens.example.com/rtm/alice/'));
      expect(res.status, String(value)).toBe(500);
      expect(String(errors[0])).toMatch(/now\(\) must return whole Unix seconds/);
    }
  });

  it('a clientAddress hook returning anything but text counts as no address (an object keyed the rate limiter per request)', async () => {
    for (const odd of [42, {}, '', null]) {
      const seen: unknown[] = [];
      const handler = createTokenHandler({ ...base, clientAddress: () => odd as never, rateLimit: (_r, info) => void seen.push(info.clientAddress), onIssue: (e) => void seen.push(e.clientAddress) });
      expect((await handler(new Request('https://tokens.example.com/rtm/alice/'))).status).toBe(200);
      expect(seen).toEqual([undefined, undefined]);
    }
  });

  it('a rateLimit hook\'s odd retryAfterSeconds still answers 429 with Retry-After: 1', async () => {
    for (const retryAfterSeconds of [Symbol('x'), Object.create(null), 'soon', Number.NaN]) {
      const handler = createTokenHandler({ ...base, rateLimit: () => ({ retryAfterSeconds }) as never });
      const res = await handler(new Request('https://tokens.example.com/rtm/alice/'));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
    }
    // As the README says: any object refuses, one that reads "allowed" too; only nothing lets through.
    const allowed = createTokenHandler({ ...base, rateLimit: () => ({ allowed: true }) as never });
    expect((await allowed(new Request('https://tokens.example.com/rtm/alice/'))).status).toBe(429);
    const nothing = createTokenHandler({ ...base, rateLimit: async () => undefined });
    expect((await nothing(new Request('https://tokens.example.com/rtm/alice/'))).status).toBe(200);
  });

  it("accepts the documented edge values: basePath '/' and '/api/', a 64-byte body limit, a 24 h maximum", async () => {
    const handler = createTokenHandler({ ...base, basePath: '/api/', maxBodyBytes: 64, maxExpiresInSeconds: 86_400 });
    await jsonOf(await handler(new Request('https://tokens.example.com/api/rtm/alice/?expiry=86400')));
    expect((await handler(new Request('https://tokens.example.com/rtm/alice/'))).status).toBe(404);
    const root = createTokenHandler({ ...base, basePath: '/' });
    await jsonOf(await root(new Request('https://tokens.example.com/rtm/alice/')));
  });
});

describe('429 rate limit with Retry-After', () => {
  it('lets `limit` requests through per client, then answers 429 with an integer Retry-After', async () => {
    let clock = 1_000_000;
    const seen: (string | undefined)[] = [];
    const s = await startTokenServer({
      rateLimit: createMemoryRateLimiter({ limit: 2, windowSeconds: 60, now: () => clock, key: (_r, address) => (seen.push(address), address ?? 'none') }),
    });
    try {
      expect((await fetch(`${s.url}/rtm/a/`)).status).toBe(200);
      expect((await fetch(`${s.url}/rtm/a/`)).status).toBe(200);
      const limited = await fetch(`${s.url}/rtm/a/`);
      expect(limited.headers.get('retry-after')).toBe('30');
      await expectError(limited, 429, 'ERR_RATE_LIMITED');
      expect((await fetch(`${s.url}/ping`)).status).toBe(200); // health checks are not limited
      clock += 30_000;
      expect((await fetch(`${s.url}/rtm/a/`)).status).toBe(200);
      // The key function was asked once per limited request (not for /ping), with the peer address.
      expect(seen).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1']);
      expect(s.issued.length).toBe(3);
    } finally {
      await s.close();
    }
  });

  it('rateLimitKey, the default key: IPv6 by its /64, IPv4-mapped IPv6 as IPv4, other text as given', async () => {
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
    for (const a of ['2001:db8:1:2::7', '2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd', '2001:db8:1:2:0:0:0:1', '2001:db8:1:2::7%eth0']) expect(rateLimitKey(a), a).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey(undefined)).toBe('unknown');
    expect(rateLimitKey('user-42')).toBe('user-42');
    expect(rateLimitKey('zz:yy')).toBe('zz:yy');
    for (const odd of ['12345::', '0x10::', '1:2:3:4:5:6:7:8:9', '1:2:3', '::1.2.3.4', '::ffff:102:304x', '1::2::3']) expect(rateLimitKey(odd), odd).toBe(odd);
    // So two addresses of one /64 share a bucket in the default limiter.
    const limit = createMemoryRateLimiter({ limit: 1 });
    const request = new Request('https://tokens.example.com/rtm/a/');
    expect(await limit(request, { endpoint: 'rtm', clientAddress: '2001:db8:1:2::1' })).toBeUndefined();
    expect(await limit(request, { endpoint: 'rtm', clientAddress: '2001:db8:1:2::2' })).toMatchObject({ retryAfterSeconds: 60 });
    expect(await limit(request, { endpoint: 'rtm', clientAddress: '2001:db8:1:3::1' })).toBeUndefined();
  });

  it('the memory limiter reads the global clock at each request, survives a clock stepping back, and lets a client in after exactly Retry-After', async () => {
    const request = new Request('https://tokens.example.com/rtm/a/');
    const ask = (limiter: ReturnType<typeof createMemoryRateLimiter>, clientAddress = 'a') => limiter(request, { endpoint: 'rtm', clientAddress });
    // Fake timers installed after the limiter was made (a module-level server in a test file).
    const frozen = createMemoryRateLimiter({ limit: 1, windowSeconds: 60 });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      expect(await ask(frozen)).toBeUndefined();
      expect(await ask(frozen)).toEqual({ retryAfterSeconds: 60 });
      vi.advanceTimersByTime(120_000);
      expect(await ask(frozen)).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
    // An NTP step of an hour back: the client waits one refill, not the hour.
    let clock = 10_000_000;
    const stepped = createMemoryRateLimiter({ limit: 30, windowSeconds: 60, now: () => clock });
    expect(await ask(stepped)).toBeUndefined();
    clock -= 3_600_000;
    for (let i = 0; i < 29; i++) expect(await ask(stepped), `request ${i + 2}`).toBeUndefined();
    expect(await ask(stepped)).toEqual({ retryAfterSeconds: 2 });
    // The announced wait is the time to one token, not a second more: a client that spent its whole
    // bucket at once hears ceil(window / limit) seconds (integer arithmetic here).
    let announcedTooLong = 0;
    for (let limit = 1; limit <= 40; limit++) {
      for (let windowSeconds = 1; windowSeconds <= 400; windowSeconds += 7) {
        clock = 5_000_000;
        const limiter = createMemoryRateLimiter({ limit, windowSeconds, now: () => clock });
        for (let i = 0; i < limit; i++) await ask(limiter);
        const refused = await ask(limiter);
        if (refused?.retryAfterSeconds !== Math.floor((windowSeconds + limit - 1) / limit)) announcedTooLong++;
      }
    }
    expect(announcedTooLong).toBe(0);
    // Waiting exactly the announced Retry-After always suffices, whatever float rounding does to
    // the refill: requests at pseudo-random gaps (some at once), and after each 429 exactly the
    // wait it announced. Without a tolerance, 3 per 30 s and 3 per hour each met a refusal here.
    for (const [limit, windowSeconds] of [[3, 30], [3, 3600], [6, 86_400], [7, 3600], [13, 97]] as const) {
      clock = 1_000_000;
      let x = limit * 7 + windowSeconds;
      const limiter = createMemoryRateLimiter({ limit, windowSeconds, now: () => clock });
      for (let round = 0; round < 400; round++) {
        x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
        clock += x % 3 === 0 ? 0 : x % 5000;
        const refused = await ask(limiter);
        if (refused === undefined) continue;
        clock += refused.retryAfterSeconds * 1000;
        expect(await ask(limiter), `${limit}/${windowSeconds}s round ${round}`).toBeUndefined();
      }
    }
  });

  it('the memory limiter: a refill-rate Retry-After rounded up, a bucket that idles fills only to its limit, and the least recently seen client is evicted', async () => {
    let clock = 0;
    const request = new Request('https://tokens.example.com/rtm/a/');
    const ask = (limiter: ReturnType<typeof createMemoryRateLimiter>, clientAddress: string) => limiter(request, { endpoint: 'rtm', clientAddress });
    // One token per 60 s: half a second after the first request, the next is 59.5 s away: 60.
    const one = createMemoryRateLimiter({ limit: 1, windowSeconds: 60, now: () => clock });
    expect(await ask(one, 'a')).toBeUndefined();
    clock = 500;
    expect(await ask(one, 'a')).toEqual({ retryAfterSeconds: 60 });
    // Ten idle minutes refill to the limit (2), not beyond.
    clock = 0;
    const two = createMemoryRateLimiter({ limit: 2, windowSeconds: 60, now: () => clock });
    expect(await ask(two, 'a')).toBeUndefined();
    clock = 600_000;
    expect(await ask(two, 'a')).toBeUndefined();
    expect(await ask(two, 'a')).toBeUndefined();
    expect(await ask(two, 'a')).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    // Two clients tracked: a, b, a again (limited, so a is the most recent), then c evicts b, not a.
    clock = 0;
    const lru = createMemoryRateLimiter({ limit: 1, windowSeconds: 60, maxClients: 2, now: () => clock });
    expect(await ask(lru, 'a')).toBeUndefined();
    expect(await ask(lru, 'b')).toBeUndefined();
    expect(await ask(lru, 'a')).toEqual({ retryAfterSeconds: 60 });
    expect(await ask(lru, 'c')).toBeUndefined();
    expect(await ask(lru, 'a')).toEqual({ retryAfterSeconds: 60 });
  });

  it('Retry-After is always delay-seconds in 1..86400, whatever number the limiter returns', async () => {
    const cases: [number, string][] = [[Infinity, '86400'], [1e21, '86400'], [NaN, '1'], [-5, '1'], [0.2, '1'], [29.5, '30']];
    for (const [retryAfterSeconds, header] of cases) {
      const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, rateLimit: () => ({ retryAfterSeconds }) });
      const res = await handler(new Request('https://tokens.example.com/rtm/a/'));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe(header);
    }
  });
});

describe('CORS', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTokenServer({ cors: { origins: ['https://app.example.com'], maxAgeSeconds: 120 } });
  });
  afterAll(() => s.close());

  it('echoes an allowlisted origin with Vary: Origin and no credentials', async () => {
    const res = await fetch(`${s.url}/rtm/a/`, { headers: { origin: 'https://app.example.com' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses other origins with 403 (no CORS headers), before any token is signed', async () => {
    const before = s.issued.length;
    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'http://app.example.com', 'null', 'https://app.example.com, https://evil.example']) {
      const res = await fetch(`${s.url}/rtm/a/`, { headers: { origin } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      await expectError(res, 403, 'ERR_ORIGIN_NOT_ALLOWED');
    }
    expect(s.issued.length).toBe(before);
  });

  it('allows same-origin browser requests without CORS headers', async () => {
    const res = await fetch(`${s.url}/rtm/a/`, { headers: { origin: s.url } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const viaFetchMetadata = await fetch(`${s.url}/rtm/a/`, { headers: { origin: 'https://proxy.example', 'sec-fetch-site': 'same-origin' } });
    expect(viaFetchMetadata.status).toBe(200);
    // Only the value same-origin counts: a cross-site request from an unlisted origin is refused.
    for (const site of ['cross-site', 'same-site', 'none']) {
      await expectError(await fetch(`${s.url}/rtm/a/`, { headers: { origin: 'https://evil.example', 'sec-fetch-site': site } }), 403, 'ERR_ORIGIN_NOT_ALLOWED');
    }
  });

  it('a body over the limit from an allowed origin gets a 413 the page can read (CORS headers), a GET-only route its 405', async () => {
    const big = JSON.stringify({ tokenType: 'rtm', uid: 'a', pad: 'x'.repeat(10_000) });
    const headers = { 'content-type': 'application/json', origin: 'https://app.example.com' };
    for (const chunked of [false, true]) {
      const res = await rawRequest(`${s.url}/getToken`, { method: 'POST', headers: chunked ? { ...headers, 'transfer-encoding': 'chunked' } : { ...headers, 'content-length': String(big.length) }, body: chunked ? [Buffer.from(big.slice(0, 5000)), Buffer.from(big.slice(5000))] : big });
      expect(res.status, `chunked ${chunked}`).toBe(413);
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(JSON.parse(res.body).error.code).toBe('ERR_PAYLOAD_TOO_LARGE');
    }
    const wrongMethod = await rawRequest(`${s.url}/rtm/a/`, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' }, body: [Buffer.from(big)] });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, OPTIONS');
  });

  it('answers a preflight with 204, the methods, headers and max-age', async () => {
    const res = await fetch(`${s.url}/getToken`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(res.headers.get('access-control-max-age')).toBe('120');
    expect(s.issued.every((e) => e.request.method !== 'OPTIONS')).toBe(true);
  });

  it('refuses preflights from other origins (403), for other methods (405) and for unknown paths (404)', async () => {
    const pre = (path: string, origin: string, method: string) =>
      fetch(`${s.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method } });
    await expectError(await pre('/getToken', 'https://evil.example', 'POST'), 403, 'ERR_ORIGIN_NOT_ALLOWED');
    await expectError(await pre('/getToken', 'https://app.example.com', 'DELETE'), 405, 'ERR_METHOD_NOT_ALLOWED');
    await expectError(await pre('/nope', 'https://app.example.com', 'GET'), 404, 'ERR_NOT_FOUND');
  });

  it("has no CORS by default and refuses bad origin settings at creation", async () => {
    const plain = await startTokenServer();
    try {
      await expectError(await fetch(`${plain.url}/rtm/a/`, { headers: { origin: 'https://app.example.com' } }), 403, 'ERR_ORIGIN_NOT_ALLOWED');
      expect((await fetch(`${plain.url}/rtm/a/`)).status).toBe(200); // non-browser clients
    } finally {
      await plain.close();
    }
    for (const origins of [['https://a.example/'], ['a.example'], ['https://a.example/path']]) {
      expect(() => createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, cors: { origins } })).toThrow(/cors\.origins/);
    }
    expect(() => createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, cors: { origins: ['*'], credentials: true } })).toThrow(/credentials/);
    const any = await startTokenServer({ cors: { origins: ['*'] } });
    try {
      expect((await fetch(`${any.url}/rtm/a/`, { headers: { origin: 'https://x.example' } })).headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await any.close();
    }
  });
});

describe('base path', () => {
  it('serves the routes only below the base path', async () => {
    const s = await startTokenServer({ basePath: '/api/agora/' });
    try {
      expect(await jsonOf(await fetch(`${s.url}/api/agora/ping`))).toEqual({ message: 'pong' });
      verified((await jsonOf(await fetch(`${s.url}/api/agora/rtm/a/`))).rtmToken);
      for (const path of ['/ping', '/api/agoraX/ping', '/api/ping', '/api/agora']) await expectError(await fetch(`${s.url}${path}`), 404, 'ERR_NOT_FOUND');
    } finally {
      await s.close();
    }
  });
});

describe('authorize', () => {
  it('is required: the handler refuses to start without it (or the insecure flag)', () => {
    expect(() => createTokenHandler({ appId: APP_ID, appCertificate: CERT })).toThrow(/authorize: required/);
    expect(() => createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: false })).toThrow(/authorize/);
    try {
      createTokenHandler({ appId: APP_ID, appCertificate: 'zz' + CERT.slice(2) });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/appCertificate/);
      expect((e as Error).message).not.toContain(CERT.slice(2));
    }
  });

  it('sees the validated request, and can allow, deny and narrow (channel, uid, role, expiry)', async () => {
    const asked: TokenRequest[] = [];
    const s = await startTokenServer({
      authorize: (request, tokenRequest) => {
        asked.push(tokenRequest);
        const user = request.headers.get('x-user');
        if (user === null) return { deny: 401, message: 'sign in first' };
        if (user === 'banned') return { deny: 403 };
        if (user === 'guest') return { channel: 'lobby', uid: 77, role: 'subscriber', expiresInSeconds: 60 };
        if (user === 'bad-grant') return { uid: -5 };
        if (user === 'long-grant') return { expiresInSeconds: 90_000 };
        return true;
      },
    });
    try {
      const body = { tokenType: 'rtc', channel: 'stage', uid: '1001', role: 'publisher', expire: 1800 };
      const denied = await expectError(await postJson(`${s.url}/getToken`, body), 401, 'ERR_UNAUTHORIZED');
      expect(denied.message).toBe('sign in first');
      await expectError(await postJson(`${s.url}/getToken`, body, { 'x-user': 'banned' }), 403, 'ERR_FORBIDDEN');
      const allowed = verified((await jsonOf(await postJson(`${s.url}/getToken`, body, { 'x-user': 'host' }))).token);
      expect(allowed.expire).toBe(1800);
      expect(allowed.services).toEqual([{ type: 1, privileges: PUBLISHER(1800), fields: { channelName: 'stage', uid: '1001' } }]);
      const narrowed = verified((await jsonOf(await postJson(`${s.url}/getToken`, body, { 'x-user': 'guest' }))).token);
      expect(narrowed.expire).toBe(60);
      expect(narrowed.services).toEqual([{ type: 1, privileges: SUBSCRIBER(60), fields: { channelName: 'lobby', uid: '77' } }]);
      expect(s.issued.map((e) => [e.channel, e.uid, e.role, e.expiresInSeconds])).toEqual([['stage', 1001, 'publisher', 1800], ['lobby', 77, 'subscriber', 60]]);
      await expectError(await postJson(`${s.url}/getToken`, body, { 'x-user': 'bad-grant' }), 500, 'ERR_INTERNAL');
      // A grant's lifetime is capped at the server maximum (24 h by default), as documented.
      const capped = verified((await jsonOf(await postJson(`${s.url}/getToken`, body, { 'x-user': 'long-grant' }))).token);
      expect(capped.expire).toBe(86_400);
      expect(s.issued.length).toBe(3);
      expect(asked[0]).toEqual({ endpoint: 'getToken', types: ['rtc'], channel: 'stage', uid: 1001, role: 'publisher', expiresInSeconds: 1800, clientAddress: '127.0.0.1' });
      expect(Object.isFrozen(asked[0])).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('fails closed: undefined, null, a non-object, or an object that is not a grant (a Response, an Error, a class instance) is a 403', async () => {
    for (const verdict of [undefined, null, 'yes', 1, new Response(null, { status: 401 }), new Error('denied'), new Map(), []]) {
      const s = await startTokenServer({ authorize: () => verdict as never });
      try {
        await expectError(await fetch(`${s.url}/rtm/a/`), 403, 'ERR_FORBIDDEN');
        expect(s.issued).toEqual([]);
      } finally {
        await s.close();
      }
    }
  });

  it('fails closed on a plain object with a field a grant does not have: a 500, reported to onError', async () => {
    const errors: unknown[] = [];
    const s = await startTokenServer({ authorize: () => ({ allowed: false }) as never, onError: (e) => void errors.push(e) });
    try {
      await expectError(await fetch(`${s.url}/rtm/a/`), 500, 'ERR_INTERNAL');
      expect(s.issued).toEqual([]);
      expect(String((errors[0] as Error).cause)).toMatch(/grant\.allowed: not a grant field/);
    } finally {
      await s.close();
    }
  });

  it("a grant's channel pins an RTM stream channel too (getToken rtm and /rte)", async () => {
    const s = await startTokenServer({ authorize: () => ({ channel: 'pinned' }) });
    try {
      const rtm = verified((await jsonOf(await postJson(`${s.url}/getToken`, { tokenType: 'rtm', uid: 'alice', channel: 'other' }))).token);
      expect(rtm.services[0]!.fields).toEqual({ channelName: 'pinned', uid: 'alice' });
      const rte = await jsonOf(await fetch(`${s.url}/rte/other/publisher/uid/7/`));
      expect(verified(rte.rtcToken).services[0]!.fields).toEqual({ channelName: 'pinned', uid: '7' });
      expect(verified(rte.rtmToken).services[0]!.fields).toEqual({ channelName: 'pinned', uid: '7' });
    } finally {
      await s.close();
    }
  });

  it('an RTM stream-channel token, which carries RTC privileges, is checked as RTC: asked.channel, tokenTypes and a granted role', async () => {
    // The TokenRequest example of authorize (types.ts): a channel allowlist by asked.channel.
    const seen: unknown[] = [];
    const acl = await startTokenServer({ authorize: (_request, asked) => (seen.push(asked), asked.channel && asked.channel !== 'lobby' ? { deny: 403 } : true) });
    try {
      await expectError(await postJson(`${acl.url}/getToken`, { tokenType: 'rtm', uid: 'alice', channel: 'secret-room' }), 403, 'ERR_FORBIDDEN');
      expect(seen.at(-1)).toMatchObject({ types: ['rtm'], channel: 'secret-room', streamChannel: 'secret-room' });
      expect((await postJson(`${acl.url}/getToken`, { tokenType: 'rtm', uid: 'alice', channel: 'lobby' })).status).toBe(200);
      expect((await postJson(`${acl.url}/getToken`, { tokenType: 'rtm', uid: 'alice' })).status).toBe(200);
    } finally {
      await acl.close();
    }
    // A server without rtc issues no RTC privileges through RTM either.
    const rtmOnly = await startTokenServer({ tokenTypes: ['rtm'] });
    try {
      const refused = await expectError(await postJson(`${rtmOnly.url}/getToken`, { tokenType: 'rtm', uid: 'alice', channel: 'lobby' }), 403, 'ERR_TOKEN_TYPE_DISABLED');
      expect(refused).toMatchObject({ field: 'channel' });
      expect(verified((await jsonOf(await postJson(`${rtmOnly.url}/getToken`, { tokenType: 'rtm', uid: 'alice' }))).token).services.map((x) => x.type)).toEqual([2]);
    } finally {
      await rtmOnly.close();
    }
    // The role of a getToken rtm stream request is visible to authorize: publisher unless asked otherwise.
    const roles: unknown[] = [];
    const seeing = await startTokenServer({ authorize: (_request, asked) => (roles.push(asked.role), true) });
    try {
      const sub = verified((await jsonOf(await postJson(`${seeing.url}/getToken`, { tokenType: 'rtm', uid: 'alice', channel: 'lobby', role: 'subscriber' }))).token);
      expect(sub.services[0]).toMatchObject({ privileges: { '1': HOUR }, fields: { channelName: 'lobby', uid: 'alice' } });
      await postJson(`${seeing.url}/getToken`, { tokenType: 'rtm', uid: 'alice', channel: 'lobby' });
      await postJson(`${seeing.url}/getToken`, { tokenType: 'rtm', uid: 'alice' });
      expect(roles).toEqual(['subscriber', 'publisher', undefined]);
    } finally {
      await seeing.close();
    }
    // A granted subscriber role and channel apply to the stream channel as to the RTC token.
    const pinned = await startTokenServer({ authorize: () => ({ role: 'subscriber', channel: 'pinned' }) });
    try {
      const rte = await jsonOf(await fetch(`${pinned.url}/rte/room/publisher/uid/7/`));
      expect(verified(rte.rtcToken).services[0]).toMatchObject({ privileges: { '1': HOUR }, fields: { channelName: 'pinned', uid: '7' } });
      expect(verified(rte.rtmToken).services[0]).toMatchObject({ privileges: { '1': HOUR }, fields: { channelName: 'pinned', uid: '7' } });
      const rtm = verified((await jsonOf(await postJson(`${pinned.url}/getToken`, { tokenType: 'rtm', uid: 'alice', channel: 'other' }))).token);
      expect(rtm.services[0]).toMatchObject({ privileges: { '1': HOUR }, fields: { channelName: 'pinned', uid: 'alice' } });
      expect(pinned.issued.at(-1)).toMatchObject({ channel: 'pinned', streamChannel: 'pinned', role: 'subscriber' });
    } finally {
      await pinned.close();
    }
  });

  it('a grant of 0, null or a non-number seconds is an invalid grant (500), never the default lifetime', async () => {
    const errors: unknown[] = [];
    let grant: unknown;
    const s = await startTokenServer({ authorize: () => ({ expiresInSeconds: grant }) as never, onError: (e) => void errors.push(e) });
    try {
      for (const bad of [0, null, '', '60', -5, 1.5]) {
        grant = bad;
        await expectError(await fetch(`${s.url}/rtm/alice/?expiry=60`), 500, 'ERR_INTERNAL');
        expect(String((errors.at(-1) as Error).cause), JSON.stringify(bad)).toMatch(/grant\.expiresInSeconds: expected a whole number of seconds, at least 1/);
      }
      grant = 30;
      expect(Object.values(verified((await jsonOf(await fetch(`${s.url}/rtm/alice/?expiry=60`))).rtmToken).services[0]!.privileges)).toEqual([30]);
      expect(s.issued.length).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('a wildcard token (channel "*") only when authorize grants it: a client asking for "*" gets a 400', async () => {
    const open = await startTokenServer();
    try {
      const asked = await expectError(await postJson(`${open.url}/getToken`, { tokenType: 'rtc', uid: 7, channel: '*' }), 400, 'ERR_INVALID_CHANNEL');
      expect(JSON.stringify(asked)).toMatch(/only authorize can grant one/);
      await expectError(await fetch(`${open.url}/rtc/*/subscriber/uid/7/`), 400, 'ERR_INVALID_CHANNEL');
      await expectError(await fetch(`${open.url}/rtc/%2A/subscriber/uid/7/`), 400, 'ERR_INVALID_CHANNEL');
    } finally {
      await open.close();
    }
    const errors: unknown[] = [];
    const s = await startTokenServer({ authorize: (_request, asked) => (asked.channel === 'lobby' ? { channel: '*', role: 'subscriber' } : true), onError: (e) => void errors.push(e) });
    try {
      const granted = verified((await jsonOf(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', uid: 7, channel: 'lobby', role: 'publisher' }))).token);
      expect(granted.services[0]!.fields).toEqual({ channelName: '*', uid: '7' });
      expect(Object.keys(granted.services[0]!.privileges)).toEqual(['1']); // the grant's subscriber role
      // Agora takes no wildcard token for uid 0: a grant of "*" for a uid-0 request must pin the uid,
      // so it is the server's invalid grant (500, onError), not the client's 400.
      await expectError(await postJson(`${s.url}/getToken`, { tokenType: 'rtc', uid: 0, channel: 'lobby' }), 500, 'ERR_INTERNAL');
      expect(String((errors.at(-1) as Error).cause)).toMatch(/grant\.channel: a wildcard token \("\*"\) needs a uid other than 0; pin grant\.uid/);
    } finally {
      await s.close();
    }
  });

  it('a pinned uid also pins the RTM id that defaulted to the asked uid on /rte; a grant pins RTM and Chat ids by their own fields', async () => {
    const s = await startTokenServer({ authorize: () => ({ uid: 1234, rtmUserId: undefined, expiresInSeconds: 600 }) });
    try {
      const rte = await jsonOf(await fetch(`${s.url}/rte/room/publisher/uid/999`));
      expect(verified(rte.rtcToken).services[0]!.fields).toEqual({ channelName: 'room', uid: '1234' });
      expect(verified(rte.rtmToken).services[1]!.fields).toEqual({ userId: '1234' });
      // The client named another RTM id: only grant.rtmUserId replaces it (the docs' grant sets it).
      const named = await jsonOf(await fetch(`${s.url}/rte/room/publisher/uid/999/bob`));
      expect(verified(named.rtmToken).services[1]!.fields).toEqual({ userId: 'bob' });
    } finally {
      await s.close();
    }
    const pinned = await startTokenServer({ tokenTypes: ['rtc', 'rtm', 'chat'], authorize: () => ({ uid: 1234, rtmUserId: 'me', chatUserId: 'me' }) });
    try {
      const rte = await jsonOf(await fetch(`${pinned.url}/rte/room/publisher/uid/999/bob`));
      expect(verified(rte.rtcToken).services[0]!.fields).toEqual({ channelName: 'room', uid: '1234' });
      expect(verified(rte.rtmToken).services[1]!.fields).toEqual({ userId: 'me' });
      expect(verified((await jsonOf(await fetch(`${pinned.url}/rtm/victim`))).rtmToken).services[0]!.fields).toEqual({ userId: 'me' });
      expect(verified((await jsonOf(await fetch(`${pinned.url}/chat/account/victim`))).chatToken).services[0]!.fields).toEqual({ userId: 'me' });
    } finally {
      await pinned.close();
    }
    // With Chat app tokens enabled (for a backend caller), a grant pinning a Chat user still gets no app token.
    const withApp = await startTokenServer({
      tokenTypes: ['rtc', 'rtm', 'chat', 'chat-app'],
      authorize: (request) => (request.headers.get('x-backend') === 'yes' ? true : { uid: 1234, rtmUserId: 'me', chatUserId: 'me' }),
    });
    try {
      const json = { method: 'POST', headers: { 'content-type': 'application/json' } };
      for (const body of ['{"tokenType":"chat","uid":""}', '{"tokenType":"chat"}']) {
        await expectError(await fetch(`${withApp.url}/getToken`, { ...json, body }), 403, 'ERR_FORBIDDEN');
      }
      await expectError(await fetch(`${withApp.url}/chat/app`), 403, 'ERR_FORBIDDEN');
      expect(verified((await jsonOf(await fetch(`${withApp.url}/chat/account/victim`))).chatToken).services[0]!.fields).toEqual({ userId: 'me' });
      // The backend caller (authorize says true) still gets one.
      expect(verified((await jsonOf(await fetch(`${withApp.url}/chat/app`, { headers: { 'x-backend': 'yes' } }))).chatToken).services[0]!.fields).toEqual({ userId: '' });
    } finally {
      await withApp.close();
    }
  });

  it('onIssue failures withhold the token (500)', async () => {
    const s = await startTokenServer({ onIssue: () => { throw new Error('audit store down'); } });
    try {
      await expectError(await fetch(`${s.url}/rtm/a/`), 500, 'ERR_INTERNAL');
    } finally {
      await s.close();
    }
  });
});

describe('built entry points: a handler from /server with the adapter from /server/node', () => {
  // Each entry is its own bundle (its own copy of every module): the adapter must still hand the
  // body over to, and let the handler answer the 413 of, a handler made by another entry.
  it('hands bodies over and lets the handler answer an over-limit body (413 with CORS, 405 on a GET route)', async () => {
    const { createTokenHandler: create } = await import('../dist/server.js');
    const { toNodeHandler: adapt } = await import('../dist/server-node.js');
    const handler = create({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, cors: { origins: ['https://app.example.com'] } });
    const server = createServer(adapt(handler)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const headers = { 'content-type': 'application/json', origin: 'https://app.example.com' };
      const ok = JSON.stringify({ tokenType: 'rtm', uid: 'alice' });
      for (const extra of [{ 'content-length': String(ok.length) }, { 'transfer-encoding': 'chunked' }] as Record<string, string>[]) {
        const res = await rawRequest(`${url}/getToken`, { method: 'POST', headers: { ...headers, ...extra }, body: ok });
        expect(res.status).toBe(200);
        expect(verified(JSON.parse(res.body).token).services[0]!.fields).toEqual({ userId: 'alice' });
      }
      const big = JSON.stringify({ tokenType: 'rtm', uid: 'a', pad: 'x'.repeat(20_000) });
      for (const extra of [{ 'content-length': String(big.length) }, { 'transfer-encoding': 'chunked' }] as Record<string, string>[]) {
        const res = await rawRequest(`${url}/getToken`, { method: 'POST', headers: { ...headers, ...extra }, body: big });
        expect(res.status).toBe(413);
        expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
        const wrong = await rawRequest(`${url}/rtm/a/`, { method: 'POST', headers: { ...headers, ...extra }, body: big });
        expect(wrong.status).toBe(405);
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('node adapter origin option', () => {
  it('takes an origin with or without a trailing slash, and refuses one with a path, query or another scheme', async () => {
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true });
    for (const origin of ['https://tokens.example.com', 'https://tokens.example.com/']) {
      const server = createServer(toNodeHandler(handler, { origin })).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        expect(await jsonOf(await fetch(`${url}/ping`))).toEqual({ message: 'pong' });
      } finally {
        await new Promise((r) => server.close(r));
      }
    }
    for (const origin of ['https://tokens.example.com/api', 'https://tokens.example.com/?x=1', 'ftp://tokens.example.com', 'tokens.example.com', 42]) {
      expect(() => toNodeHandler(handler, { origin: origin as string })).toThrow(/origin: expected an http\(s\) origin/);
    }
  });
});

describe('node adapter and serve(): options checked up front, hooks that throw contained', () => {
  const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true });
  const typed = (run: () => unknown, field: string) => expect(run).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field }));

  it('toNodeHandler and createMemoryRateLimiter refuse wrong arguments with a typed error naming them', () => {
    typed(() => toNodeHandler(undefined as never), 'handler');
    typed(() => toNodeHandler(5 as never), 'handler');
    typed(() => toNodeHandler(handler, null as never), 'options');
    for (const maxBodyBytes of [-1, 0, 1.5, Number.NaN]) typed(() => toNodeHandler(handler, { maxBodyBytes }), 'maxBodyBytes');
    typed(() => toNodeHandler(handler, { onResponse: 5 as never }), 'onResponse');
    typed(() => createMemoryRateLimiter(undefined as never), 'options');
    typed(() => createMemoryRateLimiter({ limit: 2, key: 'x' as never }), 'key');
    typed(() => createMemoryRateLimiter({ limit: 2, now: 5 as never }), 'now');
    expect(() => createMemoryRateLimiter({ limit: 2, windowSeconds: 0 })).toThrow('createMemoryRateLimiter: windowSeconds: expected a positive integer');
    // Misspelt keys would leave defaults in force (a 60 s window; the Host header as the origin).
    expect(() => createMemoryRateLimiter({ limit: 2, windowSecond: 1 } as never)).toThrow('createMemoryRateLimiter: options.windowSecond: unknown option (did you mean windowSeconds?)');
    expect(() => toNodeHandler(handler, { Origin: 'https://a.example' } as never)).toThrow('toNodeHandler: options.Origin: unknown option (did you mean origin?)');
  });

  it('serve() rejects wrong options before listening; an empty host would have bound every interface', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ handler, host: '' }, 'host'],
      [{ handler, host: 5 }, 'host'],
      [{ handler, port: -1 }, 'port'],
      [{ handler, port: 70_000 }, 'port'],
      [{ handler, port: 1.5 }, 'port'],
      [{ handler: 'abc' }, 'handler'],
      [{ handler, signal: {} }, 'signal'],
      [{ handler, headersTimeoutMs: 0 }, 'headersTimeoutMs'],
      [{ handler, headersTimeoutMs: 60_000, requestTimeoutMs: 30_000 }, 'headersTimeoutMs'],
    ];
    for (const [options, field] of cases) {
      await expect(serve(options as never), field).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field });
    }
    await expect(serve(undefined as never)).rejects.toMatchObject({ field: 'options' });
    // One key list for serve, the adapter and the handler: Deno's and Bun's 'hostname' points at host;
    // a handler option next to a ready handler would go unused.
    await expect(serve({ handler, hostname: '0.0.0.0' } as never)).rejects.toThrow('serve: options.hostname: unknown option (did you mean host?)');
    await expect(serve({ handler, basePath: '/api' } as never)).rejects.toThrow('serve: basePath: an option of createTokenHandler: with a ready handler, pass it there');
    await expect(serve({ handler, port: '8080' } as never)).rejects.toThrow(/pass Number\(process\.env\.PORT\)/);
  });

  it('serve() without a handler passes each option to its part; a short requestTimeoutMs alone works; an aborted signal closes at once', async () => {
    const log: number[] = [];
    const controller = new AbortController();
    const running = await serve({
      appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, port: 0, maxBodyBytes: 100,
      origin: 'https://tokens.example.com', onResponse: (e) => log.push(e.status), signal: controller.signal, requestTimeoutMs: 5_000,
    });
    try {
      expect(await jsonOf(await fetch(`${running.url}/ping`))).toEqual({ message: 'pong' });
      const big = await fetch(`${running.url}/getToken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokenType: 'rtc', channel: 'x'.repeat(200), uid: 1 }) });
      expect(big.status).toBe(413); // maxBodyBytes reached both the handler and the adapter
      expect(log).toEqual([200, 413]);
    } finally {
      controller.abort();
      await running.close();
    }
    expect(running.server.listening).toBe(false); // the signal closed it
    const early = await serve({ handler, port: 0, signal: AbortSignal.abort() });
    await early.close();
    expect(early.server.listening).toBe(false);
  });

  it('an onResponse hook that throws does not take the process down; a throwing handles() is a 500, not a hang', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    const odd = Object.assign((request: Request) => handler(request), {
      handles(path: string): boolean {
        if (path === '/boom') throw new Error('handles failed');
        return true;
      },
    });
    let calls = 0;
    const adapter = toNodeHandler(odd, {
      // Sync throw first, then async rejections (a logger that awaits a database): both contained.
      onResponse: async () => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('logger failed'), { name: 'LoggerError' });
        await Promise.resolve();
        throw new Error('async logger failed');
      },
    });
    const syncThrow = toNodeHandler(odd, { onResponse: () => { throw { name: Symbol('odd') }; } });
    const server = createServer((req, res) => (req.url === '/sync-throw' ? syncThrow : adapter)(req, res)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await jsonOf(await fetch(`${url}/ping`))).toEqual({ message: 'pong' });
      expect((await fetch(`${url}/boom`)).status).toBe(500);
      expect((await fetch(`${url}/ping`)).status).toBe(200);
      expect((await fetch(`${url}/sync-throw`)).status).toBe(404);
      await new Promise((r) => setTimeout(r, 50));
      expect(calls).toBe(3);
      expect(rejections).toEqual([]);
      // One warning per adapter, naming only the error's kind (a Symbol name falls back to typeof).
      expect(warnings.filter((w) => w.includes('onResponse hook failed'))).toEqual([
        'the onResponse hook failed (LoggerError); its log entries are dropped (reported once)',
        'the onResponse hook failed (object); its log entries are dropped (reported once)',
      ]);
      expect(warnings.join('\n')).not.toContain('logger failed'); // what the hook was logging stays out of it
    } finally {
      process.off('warning', onWarning);
      process.off('unhandledRejection', onRejection);
      await new Promise((r) => server.close(r));
    }
  });
});

describe('node adapter as Express middleware', () => {
  it('serves token routes, passes other paths to next(), and works after express.json()', async () => {
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true });
    for (const parseFirst of [false, true]) {
      const app = express();
      if (parseFirst) app.use(express.json());
      app.use(toNodeHandler(handler));
      app.use('/tokens', toNodeHandler(handler)); // mounted: routes match below the mount path
      app.get('/other', (_req, res) => void res.json({ other: true }));
      const server = createServer(app).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        expect(await (await fetch(`${url}/other`)).json()).toEqual({ other: true });
        const body = await jsonOf(await postJson(`${url}/getToken`, { tokenType: 'rtc', channel: 'x', uid: 5, role: 'publisher' }));
        expect(verified(body.token).services[0]!.fields).toEqual({ channelName: 'x', uid: '5' });
        await expectError(await fetch(`${url}/getToken`), 405, 'ERR_METHOD_NOT_ALLOWED');
        expect(verified((await jsonOf(await fetch(`${url}/tokens/rtm/mounted/`))).rtmToken).services[0]!.fields).toEqual({ userId: 'mounted' });
      } finally {
        await new Promise((r) => server.close(r));
      }
    }
  });

  it('after any Express body parser (json, text, raw, urlencoded, none): POST JSON and the docs\' GET-with-JSON-body both work', async () => {
    // express.json() parses GET bodies too: the adapter must take the parsed body, not wait on a
    // stream that has already ended (that request used to hang).
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true });
    const parsers = { json: express.json(), text: express.text({ type: '*/*' }), raw: express.raw({ type: '*/*' }), urlencoded: express.urlencoded({ extended: false }), none: undefined };
    for (const [name, parser] of Object.entries(parsers)) {
      const app = express();
      if (parser) app.use(parser);
      app.use(toNodeHandler(handler));
      const server = createServer(app).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        for (const method of ['GET', 'POST']) {
          const body = JSON.stringify({ uid: 4242, channelName: `${name}-${method}` });
          const res = await Promise.race([
            rawRequest(`${url}/fetch_rtc_token`, { method, headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, body }),
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${name} ${method}: no response within 5 s`)), 5000)),
          ]);
          expect(res.status, `${name} ${method}`).toBe(200);
          expect(verified(JSON.parse(res.body).token).services[0]!.fields).toEqual({ channelName: `${name}-${method}`, uid: '4242' });
        }
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    }
  });

  it('runs any fetch handler: a wrapped token handler and an echo handler get real Request bodies', async () => {
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true });
    const wrapped = (request: Request) => handler(request); // not the branded handler: the generic path
    const echo = async (request: Request) => new Response(`${request.method} ${await request.text()}`, { headers: { 'x-echo': '1' } });
    for (const [name, fn] of [['wrapped', wrapped], ['echo', echo]] as const) {
      const server = createServer(toNodeHandler(fn, { maxBodyBytes: 4096 })).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const res = await postJson(`${url}/getToken`, { tokenType: 'rtm', uid: 'zoe' });
        if (name === 'wrapped') expect(verified((await jsonOf(res)).token).services[0]!.fields).toEqual({ userId: 'zoe' });
        else {
          expect(res.headers.get('x-echo')).toBe('1');
          expect(await res.text()).toBe('POST {"tokenType":"rtm","uid":"zoe"}');
          await expectError(await postJson(`${url}/x`, { pad: 'x'.repeat(5000) }), 413, 'ERR_PAYLOAD_TOO_LARGE');
        }
      } finally {
        await new Promise((r) => server.close(r));
      }
    }
  });
});

describe('a wrapped handler (README: copy its properties onto the wrapper)', () => {
  it("Object.assign(wrapper, handler) keeps serve()'s DNS-rebinding check and the adapter's routing", async () => {
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true });
    const statuses: number[] = [];
    const wrapped = Object.assign(async (request: Request, platform?: unknown) => {
      const response = await handler(request, platform);
      statuses.push(response.status);
      return response;
    }, handler);
    const s = await serve({ handler: wrapped, port: 0 });
    try {
      const path = '/rtc/room/publisher/uid/1/';
      expect((await rawRequest(`${s.url}${path}`)).status).toBe(200);
      expect((await rawRequest(`${s.url}${path}`, { headers: { host: 'attacker.example' } })).status).toBe(403);
      expect(statuses).toEqual([200]); // the refused Host never reached the handler
    } finally {
      await s.close(100);
    }
    const app = express();
    app.use(toNodeHandler(wrapped));
    app.get('/health', (_req, res) => void res.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`);
      expect(await res.text()).toBe('ok');
    } finally {
      server.close();
    }
  });
});
