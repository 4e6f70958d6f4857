// Option objects as this library reads them: each field once (a getter cannot swap a value after it
// was checked) and only own fields (a polluted Object.prototype adds no option). Found by an audit of
// hostile JavaScript values (2026-11-25): before, a certificate getter could sign with the App ID,
// Object.prototype.channel = '*' made a wildcard token, and the token server read inherited route
// parameters, grant fields and request fields. The official parser is the oracle for the tokens.
import { afterEach, describe, expect, it } from 'vitest';
import * as main from '../src/index.ts';
import * as legacySync from '../src/legacy-sync.ts';
import { createMemoryRateLimiter, createTokenHandler, DEFAULT_TOKEN_TYPES } from '../src/server.ts';
import { serve } from '../src/server-node.ts';
import * as sync from '../src/sync.ts';
import { officialParse, officialVerify } from './helpers/official.ts';

const APP_ID = '970ca35de60c44645bbae8a215061b33';
const CERT = '5cfd2fd1755d40ecb72977518be15d3b';
const proto = Object.prototype as Record<string, unknown>;
const polluted: string[] = [];
/** Sets fields on Object.prototype for one test (removed after it). */
function pollute(fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    Object.defineProperty(proto, key, { value, configurable: true, writable: true, enumerable: false });
    polluted.push(key);
  }
}
afterEach(() => {
  for (const key of polluted.splice(0)) delete proto[key];
});

/** An object whose `key` returns `values` one after another (the last one from then on), counting reads. */
function flipping<T extends object>(base: T, key: string, values: unknown[]): T & { reads: () => number } {
  let reads = 0;
  Object.defineProperty(base, key, { enumerable: true, get: () => values[Math.min(reads++, values.length - 1)] });
  Object.defineProperty(base, 'reads', { enumerable: false, value: () => reads }); // not an option
  return base as T & { reads: () => number };
}

describe('options-form builders read each option once', () => {
  it('a certificate getter that turns into the App ID (or junk) after the check signs with the checked certificate', async () => {
    for (const later of [APP_ID, 'not-hex!!', '']) {
      const options = flipping({ appId: APP_ID, channel: 'room', uid: 42, role: 'publisher' } as Record<string, unknown>, 'appCertificate', [CERT, later]);
      const token = sync.buildRtcToken(options as unknown as sync.RtcTokenOptions);
      expect(officialVerify(token, CERT), later).toBe(true);
      const viaMain = flipping({ appId: APP_ID, userId: 'alice' } as Record<string, unknown>, 'appCertificate', [CERT, later]);
      expect(officialVerify(await main.buildRtmToken(viaMain as unknown as main.RtmTokenOptions), CERT)).toBe(true);
    }
    const appId = flipping({ appCertificate: CERT, userId: 'bob' } as Record<string, unknown>, 'appId', [APP_ID, 'xxxxx']);
    expect(officialParse(sync.buildChatToken(appId as unknown as sync.ChatTokenOptions))?.appId).toBe(APP_ID);
    expect(appId.reads()).toBe(1);
  });

  it('a per-privilege object whose keys change between reads grants the privileges that were checked', () => {
    let calls = 0;
    const seconds = new Proxy({ joinChannel: 600 } as Record<string, number>, { ownKeys: (t) => (calls++ === 0 ? Reflect.ownKeys(t) : []) });
    const token = sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 42, role: 'publisher', privilegeExpiresInSeconds: seconds });
    expect(officialParse(token)?.services[0]?.privileges).toEqual({ 1: 600 });
  });

  it('inherited fields are no options: a polluted Object.prototype adds no wildcard channel, RTM login, privileges or app token', () => {
    const base = { appId: APP_ID, appCertificate: CERT, uid: 42, role: 'subscriber' as const };
    pollute({ channel: '*' });
    expect(() => sync.buildRtcToken(base as sync.RtcTokenOptions)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_CHANNEL', field: 'channel' }));
    pollute({ rtm: { userId: 'mallory' }, privilegeExpiresInSeconds: { joinChannel: 60, publishAudioStream: 60 } });
    const services = officialParse(sync.buildRtcToken({ ...base, channel: 'room' }))?.services;
    expect(services?.map((s) => s.type)).toEqual([1]); // no RTM service
    expect(Object.keys(services?.[0]?.privileges ?? {})).toEqual(['1']); // a subscriber: join only
    pollute({ app: true });
    expect(() => sync.buildChatToken({ appId: APP_ID, appCertificate: CERT } as sync.ChatTokenOptions)).toThrow(expect.objectContaining({ field: 'userId' }));
  });
});

describe('the token server reads its options, grants and route parameters as own fields, once', () => {
  const call = async (handler: (r: Request) => Promise<Response>, path: string, init?: RequestInit) => {
    const response = await handler(new Request(`http://localhost${path}`, init));
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };

  it('a polluted Object.prototype changes no request and no grant', async () => {
    const pinned = createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => ({ uid: 42, rtmUserId: 'alice' }) });
    pollute({ streamChannel: '*', role: 'publisher', channel: '*', rtmuid: 'mallory', chatid: 'mallory', deny: 1 });
    const rtm = await call(pinned, '/rtm/alice');
    expect(rtm.status).toBe(200);
    expect(officialParse(rtm.body['rtmToken']!)?.services.map((s) => s.type)).toEqual([2]); // RTM only: no stream-channel RTC service
    const rtc = await call(pinned, '/rtc/room/subscriber/uid/42');
    expect(officialParse(rtc.body['rtcToken']!)?.services[0]?.fields).toMatchObject({ channelName: 'room' });
    expect(Object.keys(officialParse(rtc.body['rtcToken']!)!.services[0]!.privileges)).toEqual(['1']); // still a subscriber
    const open = createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => true, tokenTypes: ['rtc', 'rtm', 'chat', 'chat-app'] });
    const rte = await call(open, '/rte/room/publisher/uid/42');
    expect(officialParse(rte.body['rtmToken']!)?.services.find((s) => s.type === 2)?.fields).toMatchObject({ userId: '42' });
    const app = await call(open, '/chat/app');
    expect(officialParse(app.body['chatToken']!)?.services[0]?.fields).toMatchObject({ userId: '' }); // an app token, not mallory's
  });

  it('CORS origins and a grant are the values checked, even from getters that change later', async () => {
    const cors = flipping({} as Record<string, unknown>, 'origins', [['https://app.example'], ['https://evil.example']]);
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => true, cors: cors as unknown as { origins: string[] } });
    const evil = await handler(new Request('http://localhost/rtm/a', { headers: { origin: 'https://evil.example' } }));
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const good = await handler(new Request('http://localhost/rtm/a', { headers: { origin: 'https://app.example' } }));
    expect(good.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(cors.reads()).toBe(1);
    const grant = () => flipping({ uid: 42 } as Record<string, unknown>, 'channel', ['room', '*']);
    const pinned = createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: grant as unknown as () => true });
    const token = (await call(pinned, '/rtc/other/publisher/uid/42')).body['rtcToken']!;
    expect(officialParse(token)?.services[0]?.fields).toMatchObject({ channelName: 'room' });
  });

  it('serve() listens on the host it checked', async () => {
    const options = flipping({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, port: 0 } as Record<string, unknown>, 'host', ['127.0.0.1', '']);
    const running = await serve(options as unknown as Parameters<typeof serve>[0]);
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(options.reads()).toBe(1);
    } finally {
      await running.close();
    }
  });
});

describe('AccessToken2.build() packs the services and App ID it checked', () => {
  it('a services getter or an array whose iterator differs from its elements cannot slip in a wildcard service for uid 0', () => {
    const good = new sync.ServiceRtc('room', 42).addPrivilege(1, 600);
    const bad = new sync.ServiceRtc('room', 43).addPrivilege(1, 600);
    (bad as unknown as { channelName: string; uid: string }).channelName = '*';
    (bad as unknown as { uid: string }).uid = ''; // refused when checked: a wildcard needs a uid other than 0
    class Sneaky extends Array<sync.Service> {
      override *[Symbol.iterator](): ArrayIterator<sync.Service> { yield bad; }
    }
    const t = new sync.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
    (t as unknown as { services: unknown }).services = Sneaky.from([good]);
    expect(officialParse(t.build())?.services[0]?.fields).toEqual({ channelName: 'room', uid: '42' });
    const swapped = new sync.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
    let reads = 0;
    Object.defineProperty(swapped, 'services', { get: () => (reads++ === 0 ? [good] : [bad]) });
    expect(officialParse(swapped.build())?.services[0]?.fields).toEqual({ channelName: 'room', uid: '42' });
  });
});

describe('options-form details from an API review (2026-11-25)', () => {
  const base = { appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 42, role: 'publisher' as const };
  it('a privilege named like an Object.prototype member is an unknown privilege, named as such', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const seconds = JSON.parse(`{"joinChannel": 600, "${name}": 5}`) as sync.RtcPrivilegeSeconds;
      expect(() => sync.buildRtcToken({ ...base, privilegeExpiresInSeconds: seconds }), name).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_PRIVILEGE', field: `privilegeExpiresInSeconds.${name}`, message: expect.stringMatching(/unknown RTC privilege/) }),
      );
    }
  });

  it('a per-privilege value of undefined grants nothing, as an absent key; all undefined is still no privilege', () => {
    const token = sync.buildRtcToken({ ...base, privilegeExpiresInSeconds: { joinChannel: 600, publishAudioStream: undefined } });
    expect(officialParse(token)?.services[0]?.privileges).toEqual({ 1: 600 });
    expect(() => sync.buildRtcToken({ ...base, privilegeExpiresInSeconds: { joinChannel: undefined } })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_PRIVILEGE', field: 'privilegeExpiresInSeconds' }));
  });

  it('account: 0 (Number of an empty query value) is refused as account "" is, not built as the uid-0 wildcard', () => {
    for (const account of [0, '']) {
      const options = { appId: APP_ID, appCertificate: CERT, channel: 'room', account, role: 'publisher' } as unknown as sync.RtcTokenOptions;
      expect(() => sync.buildRtcToken(options), String(account)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ACCOUNT', field: 'account' }));
    }
  });
});

describe('gaps a mutation run of these changes found (2026-11-25)', () => {
  const rtcToken = () => sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 42, role: 'publisher' });
  const flipCertificate = (o: Record<string, unknown>) => flipping(o, 'appCertificate', [CERT, APP_ID]) as never;

  it('every options-form builder reads the certificate once; an inherited rtm.userId is no user id', () => {
    expect(officialVerify(sync.buildFpaToken(flipCertificate({ appId: APP_ID })), CERT)).toBe(true);
    expect(officialVerify(sync.buildApaasToken(flipCertificate({ appId: APP_ID, roomUuid: 'r', userUuid: 'u', role: 1 })), CERT)).toBe(true);
    expect(officialVerify(sync.buildSttToken(flipCertificate({ appId: APP_ID, channel: 'room', uid: 42, role: 'publisher' })), CERT)).toBe(true);
    pollute({ userId: 'mallory' });
    const token = sync.buildSttToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 42, role: 'publisher', rtm: {} } as never);
    expect(JSON.stringify(sync.decodeToken(token))).not.toContain('mallory');
  });

  it('diagnoseToken and inspectToken take no inherited expectation or time', () => {
    const token = rtcToken();
    const clean = sync.diagnoseToken(token, { uid: 42 }).map((f) => f.code);
    const left = sync.inspectToken(token, {}).secondsLeft;
    pollute({ channel: 'other', now: 1 });
    expect(sync.diagnoseToken(token, { uid: 42 }).map((f) => f.code)).toEqual(clean); // no CHANNEL_MISMATCH against 'other'
    expect(sync.diagnoseToken(token).map((f) => f.code)).toEqual(sync.diagnoseToken(token, {}).map((f) => f.code));
    expect(sync.inspectToken(token, {}).secondsLeft).toBeLessThan(left + 5); // not judged at 1970
    expect(sync.inspectToken(token, null as never).secondsLeft).toBeLessThan(left + 5); // null options too
    const channel = flipping({ uid: 42 } as Record<string, unknown>, 'channel', ['room', {}]);
    expect(sync.diagnoseToken(token, channel as never).map((f) => f.code)).not.toContain('CHANNEL_MISMATCH');
  });

  it("diagnoseToken's unknown keys: a suggestion for a typo, a short field for a long key, no inherited alias", () => {
    const token = rtcToken();
    expect(() => sync.diagnoseToken(token, { chanel: 'room' } as never)).toThrow(/did you mean channel/);
    expect(() => sync.diagnoseToken(token, { ['x'.repeat(500)]: 1 } as never)).toThrow(expect.objectContaining({ field: `expected.${'x'.repeat(40)}` }));
    expect(() => sync.diagnoseToken(token, JSON.parse('{"toString":1}'))).toThrow(expect.objectContaining({ message: expect.not.stringMatching(/native code|function/) }));
  });

  it('the server takes no inherited option (tokenTypes, a rate-limit key) or request field on an open handler', async () => {
    pollute({ tokenTypes: ['rtc', 'rtm', 'chat', 'chat-app'], key: () => 'everyone', streamChannel: '*' });
    const open = createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => true });
    expect((await open(new Request('http://localhost/chat/app/'))).status).toBe(403);
    const rtm = (await (await open(new Request('http://localhost/rtm/alice'))).json()) as { rtmToken: string };
    expect(officialParse(rtm.rtmToken)?.services.map((s) => s.type)).toEqual([2]);
    const limiter = createMemoryRateLimiter({ limit: 1, windowSeconds: 60 });
    const request = new Request('http://localhost/');
    expect(limiter(request, { endpoint: 'rtm', clientAddress: '192.0.2.1' })).toBeUndefined();
    expect(limiter(request, { endpoint: 'rtm', clientAddress: '192.0.2.2' })).toBeUndefined(); // two clients, two buckets
  });

  it('a grant without chatUserId still gets a Chat app token where chat-app is enabled', async () => {
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, tokenTypes: ['chat', 'chat-app'], authorize: () => ({ expiresInSeconds: 600 }) });
    expect((await handler(new Request('http://localhost/chat/app/'))).status).toBe(200);
  });

  it('a JSON body may start with a byte-order mark (as Request.json() allows); U+FEFF inside a value stays there', async () => {
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => true });
    const post = (body: string) => handler(new Request('http://localhost/getToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    expect((await post('\uFEFF' + JSON.stringify({ tokenType: 'rtm', uid: 'a', expire: 600 }))).status).toBe(200);
    // Kept, so the uid's character rule refuses it (it is not stripped into the uid "a").
    const inside = await post(JSON.stringify({ tokenType: 'rtm', uid: '\uFEFFa', expire: 600 }));
    expect([inside.status, ((await inside.json()) as { error: { field: string } }).error.field]).toEqual([400, 'uid']);
  });

  it('the Node adapter uses the option values it checked', async () => {
    const { toNodeHandler } = await import('../src/server-node.ts');
    const options = flipping({} as Record<string, unknown>, 'maxBodyBytes', [1024, -1]);
    expect(() => toNodeHandler(createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => true }), options as never)).not.toThrow();
    expect(options.reads()).toBe(1);
  });

  it('AccessToken2.build() packs the App ID it checked; a 006 uid-0 token joined as uid 0 is the wildcard', () => {
    const t = new sync.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
    t.addService(new sync.ServiceRtc('room', 42).addPrivilege(1, 600));
    let reads = 0;
    Object.defineProperty(t, 'appId', { get: () => (reads++ === 0 ? APP_ID : 'not-an-app-id') });
    expect(officialParse(t.build())?.appId).toBe(APP_ID);
    const t6 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 0, 1, Math.floor(Date.now() / 1000) + 600);
    expect(sync.diagnoseToken(t6, { channel: 'room', uid: 0 }).map((f) => f.code)).toContain('UID_WILDCARD');
  });

  it('with a channel that matches no RTC service, time is judged on every RTC service', () => {
    const now = Math.floor(Date.now() / 1000);
    const t = new sync.AccessToken2(APP_ID, CERT, now - 100, 3600);
    t.addService(new sync.ServiceRtc('b', 42).addPrivilege(1, 3600));
    t.addService(new sync.ServiceRtc('a', 42).addPrivilege(1, 10));
    expect(sync.diagnoseToken(t.build(), { channel: 'zzz', uid: 42 }).map((f) => f.code)).toContain('PRIVILEGE_EXPIRED');
  });

  it('the loose reading keeps a leading U+FEFF next to bytes that are not UTF-8; proxy addresses with odd ports fall back to the peer', async () => {
    const { decodeUtf8Loose } = await import('../src/core/text.ts');
    expect(decodeUtf8Loose(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61, 0xff))).toBe('\ufeffa\ufffd');
    const { proxiedClientAddress } = await import('../src/cli/serve-auth.ts');
    const peer = { clientAddress: '10.0.0.1' };
    expect(proxiedClientAddress(new Request('http://localhost/'), peer)).toBe('10.0.0.1');
    expect(proxiedClientAddress(new Request('http://localhost/', { headers: { 'x-forwarded-for': '[2001:db8::7]:123456' } }), peer)).toBe('10.0.0.1');
  });
});

describe('exported lookup tables are frozen, as the library reads them itself (a concurrency audit, 2026-11-25)', () => {
  it('SERVICE_TYPES and FINDING_CODES cannot be edited into what decode, verify and diagnose return', async () => {
    const A = '970CA35de60c44645bbae8a215061b33';
    const C = '5CFd2fd1755d40ecb72977518be15d3b';
    const token = sync.RtcTokenBuilder.buildTokenWithRtm(A, C, 'room', 'alice', 1, 3600, 3600);
    // Reflect.set is what a sloppy-mode script's assignment does (it fails silently there); strict code throws.
    expect(Reflect.set(main.SERVICE_TYPES[1]!.privileges, 1, 'Join')).toBe(false);
    expect(Reflect.set(main.SERVICE_TYPES[2]!, 'name', 'RTM')).toBe(false);
    expect(Reflect.set(main.SERVICE_TYPES, 11, { name: 'x', title: 'x', privileges: {} })).toBe(false);
    expect(Reflect.set(main.FINDING_CODES.TOKEN_MALFORMED, 'severity', 'info')).toBe(false);
    expect(() => { (main.SERVICE_TYPES[1]!.privileges as Record<number, string>)[1] = 'Join'; }).toThrow(TypeError);
    const decoded = sync.decodeToken(token);
    if (decoded.version !== '007') throw new Error('007 expected');
    expect(decoded.services.map((s) => [s.name, 'privileges' in s ? s.privileges[0]!.name : ''])).toEqual([['rtc', 'joinChannel'], ['rtm', 'login']]);
    expect(decoded.services[1]).toMatchObject({ userId: 'alice' });
    expect(await main.verifyToken(token, C)).toBe(true);
    expect(await main.diagnoseToken('007garbage')).toMatchObject([{ code: 'TOKEN_MALFORMED', severity: 'error' }]);
    // The other tables the library reads: diagnose's service names, the server's default token
    // types (a push('chat-app') enabled Chat app tokens for every later handler) and 006's ids.
    expect(Reflect.set(main.EXPECTED_SERVICES, 0, 'RTC')).toBe(false);
    expect(() => (DEFAULT_TOKEN_TYPES as string[]).push('chat-app')).toThrow(TypeError);
    expect(Reflect.set(legacySync.Privileges, 'kJoinChannel', 99)).toBe(false);
    const handler = createTokenHandler({ appId: A, appCertificate: C, insecureAllowAnyone: true });
    const chat = await handler(new Request('https://tokens.example.com/getToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokenType: 'chat' }) }));
    expect(chat.status).toBe(403);
    const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(A, C, 'room', 42, legacySync.RtcRole.SUBSCRIBER, 2_000_000_000);
    expect(legacySync.decodeToken(t006)).toMatchObject({ privileges: [{ id: 1 }] });
    expect(await main.diagnoseToken(token, { service: 'rtc' })).not.toContainEqual(expect.objectContaining({ code: 'WRONG_SERVICE' }));
    for (const table of [main.SERVICE_TYPES, main.FINDING_CODES, sync.SERVICE_TYPES, sync.FINDING_CODES, main.EXPECTED_SERVICES, DEFAULT_TOKEN_TYPES, legacySync.Privileges, legacySync.priviledges]) {
      expect(Object.isFrozen(table)).toBe(true);
      for (const entry of Object.values(table)) expect(Object.isFrozen(entry)).toBe(true);
    }
  });
});
