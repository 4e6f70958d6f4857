// A polluted Object.prototype (another package's prototype-pollution bug) must not change what the
// library does. This runs a battery of ordinary calls (every options-form builder, decode, inspect,
// diagnose, verify, the token server's routes with and without grants), then sets every option,
// field, grant, request and route-parameter name the library reads on Object.prototype to a
// hostile value, runs the battery again and compares: same tokens (decoded, salt and time left
// out), same findings, same HTTP answers. The names come from the library's own option lists and
// a list of the fields it reads; test/hostile-values.test.ts has the targeted cases.
import { afterEach, describe, expect, it } from 'vitest';
import * as main from '../src/index.ts';
import { createTokenHandler } from '../src/server.ts';
import * as sync from '../src/sync.ts';
import * as legacy from '../src/legacy-sync.ts';

const APP_ID = '970ca35de60c44645bbae8a215061b33';
const CERT = '5cfd2fd1755d40ecb72977518be15d3b';
const NOW = 1_700_000_000;

/** Every name the library reads from a caller's object or its own request/grant/expectation objects. */
const NAMES = [
  // options-form builders
  'appId', 'appCertificate', 'channel', 'uid', 'account', 'role', 'expiresInSeconds', 'privilegeExpiresInSeconds', 'rtm', 'userId',
  'app', 'roomUuid', 'userUuid', 'issuedAt', 'salt', 'dangerouslyAllowBrowser', 'permissions',
  'joinChannel', 'publishAudioStream', 'publishVideoStream', 'publishDataStream',
  // inspect / diagnose
  'now', 'service', 'appID', 'channelName', 'userAccount', 'certificate',
  // token server options, CORS, rate limiter, adapter
  'authorize', 'tokenTypes', 'basePath', 'defaultExpiresInSeconds', 'maxExpiresInSeconds', 'maxBodyBytes', 'cors', 'rateLimit', 'onIssue',
  'onError', 'clientAddress', 'signing', 'origins', 'allowHeaders', 'credentials', 'maxAgeSeconds', 'limit', 'windowSeconds', 'maxClients', 'key',
  // requests, grants, denials and route parameters
  'endpoint', 'types', 'streamChannel', 'rtmUserId', 'chatUserId', 'deny', 'message', 'rtmuid', 'rtcuid', 'chatid', 'tokenType',
  'expire', 'expiry', 'expiredTs', 'privileges', 'details', 'services', 'signature', 'version',
  // names of the library's own intermediate objects (identities, policies, findings)
  'type', 'name', 'id', 'value', 'fields', 'identity', 'packed', 'kind', 'publisher', 'expected', 'grant', 'policy', 'maxSeconds',
  'defaultSeconds', 'host', 'port', 'origin', 'reason', 'severity', 'code', 'field', 'ttl', 'crcUid', 'crcChannelName', 'issueTs', 'ts',
];
/** A hostile value per kind of name: each would change a token, a finding or an answer if read. */
function hostile(name: string): unknown {
  if (/^(app|dangerouslyAllowBrowser|credentials)$/.test(name)) return true;
  if (/seconds|expire|expiry|limit|salt|issuedAt|now|maxBodyBytes|maxClients|privilege|Stream$|joinChannel/i.test(name)) return 7;
  if (/^(authorize|onIssue|onError|key|rateLimit)$/.test(name)) return () => 'polluted';
  if (/^(rtm|cors|details)$/.test(name)) return { userId: 'mallory', origins: ['https://evil.example'] };
  if (/^(tokenTypes|types|origins|allowHeaders|services)$/.test(name)) return ['rtc', 'rtm', 'chat', 'chat-app', 'https://evil.example'];
  if (name === 'deny') return 403;
  return '*';
}

const proto = Object.prototype as Record<string, unknown>;
afterEach(() => {
  for (const name of NAMES) if (Object.hasOwn(proto, name)) delete proto[name];
});

/** A token as the official fields say it, without salt, signature or issue time. */
function content(token: string): unknown {
  const d = sync.decodeToken(token) as unknown as Record<string, unknown>;
  const { salt: _s, signature: _g, issueTs: _i, ts: _t, ...rest } = d;
  return rest;
}

async function battery(): Promise<unknown[]> {
  const base = { appId: APP_ID, appCertificate: CERT, issuedAt: NOW, salt: 5 };
  const out: unknown[] = [];
  const tokens = [
    sync.buildRtcToken({ ...base, channel: 'room', uid: 42, role: 'subscriber' }),
    sync.buildRtcToken({ ...base, channel: 'room', account: 'alice', role: 'publisher', rtm: {} }),
    sync.buildRtcToken({ ...base, channel: 'room', uid: 42, role: 'publisher', privilegeExpiresInSeconds: { joinChannel: 600 } }),
    await main.buildRtmToken({ ...base, userId: 'bob' }),
    sync.buildChatToken({ ...base, userId: 'carol' }),
    sync.buildApaasToken({ ...base, roomUuid: 'r', userUuid: 'u', role: 1 }),
    sync.buildFpaToken(base),
    sync.buildSttToken({ ...base, channel: 'room', uid: 42, role: 'publisher' }),
  ];
  // Positional: a fresh salt and the clock's second, so only its content is compared.
  out.push(content(sync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, sync.RtcRole.SUBSCRIBER, 600, 600)));
  for (const token of tokens) {
    out.push(content(token));
    out.push(sync.inspectToken(token, { now: NOW + 10 }));
    out.push(sync.diagnoseToken(token, { channel: 'room', uid: 42, appCertificate: CERT, now: NOW + 10 }).map((f) => [f.code, f.severity]));
    out.push(sync.diagnoseToken(token, { now: NOW + 10 }).map((f) => [f.code, f.severity]));
    out.push(sync.verifyToken(token, CERT));
  }
  const t6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, legacy.RtcRole.SUBSCRIBER, NOW + 600, { salt: 3, ts: NOW + 86_400 });
  out.push(content(t6), sync.verifyToken(t6, CERT, { channelName: 'room', uid: 42 }));
  out.push(sync.diagnoseToken(t6, { channel: 'room', uid: 42, appCertificate: CERT, now: NOW + 10 }).map((f) => f.code));

  const handlers = [
    createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => true }),
    createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => ({ uid: 42, rtmUserId: 'alice', chatUserId: 'alice' }), tokenTypes: ['rtc', 'rtm', 'chat'] }),
  ];
  const requests: [string, RequestInit?][] = [
    ['/rtc/room/subscriber/uid/42/'], ['/rtm/alice/'], ['/rte/room/publisher/uid/42'], ['/chat/account/alice'], ['/chat/app'],
    ['/getToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokenType: 'rtc', channel: 'room', uid: 42, role: 2, expire: 600 }) }],
    ['/rtc/room/publisher/uid/42/', { headers: { origin: 'https://evil.example' } }],
  ];
  for (const handler of handlers) {
    for (const [path, init] of requests) {
      // RequestInit's own `credentials`: undici (not the library) would read a polluted one.
      const response = await handler(new Request(`http://localhost${path}`, { credentials: 'same-origin', ...init }), { clientAddress: '192.0.2.1' });
      const body = (await response.json()) as Record<string, unknown>;
      const decoded = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' && /^00[67]/.test(v) ? content(v) : k === 'expiresAt' ? 'time' : v]));
      out.push([path, response.status, response.headers.get('access-control-allow-origin'), decoded]);
    }
  }
  return out;
}

describe('a polluted Object.prototype changes nothing the library does', () => {
  it(`${NAMES.length} names set to hostile values: the same tokens, findings and HTTP answers`, async () => {
    const clean = await battery();
    for (const name of NAMES) Object.defineProperty(proto, name, { value: hostile(name), configurable: true, writable: true, enumerable: false });
    let polluted: unknown[];
    try {
      polluted = await battery();
    } finally {
      for (const name of NAMES) delete proto[name];
    }
    for (let i = 0; i < clean.length; i++) expect(JSON.stringify(polluted[i]), `battery item ${i}`).toBe(JSON.stringify(clean[i]));
    expect(polluted).toEqual(clean);
  });
});
