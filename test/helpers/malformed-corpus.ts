// A seeded corpus of malformed token-server requests: bad JSON, wrong types, huge numbers, NaN,
// negative and fractional uids, 64+ byte and illegal-character channels, oversized bodies, wrong
// methods and content types, path/query abuse and header abuse (raw HTTP). Every case must be
// answered with a 4xx JSON error and must never yield a token.

import { mulberry32Unit as prng } from '../../scripts/lib/prng.ts';

export type CorpusCase =
  | { name: string; kind: 'http'; method: string; path: string; headers?: Record<string, string | string[]>; body?: string | Buffer | Buffer[] }
  | { name: string; kind: 'raw'; data: string | Buffer };

const JSON_CT = { 'content-type': 'application/json' };
const json = (name: string, path: string, body: string, headers: Record<string, string> = JSON_CT): CorpusCase => ({ name, kind: 'http', method: 'POST', path, headers, body });

// Values written as raw JSON text so NaN, Infinity and 1e400 reach the parser as such.
const BAD_CHANNELS = ['null', '0', '1', 'true', '[]', '{}', '""', JSON.stringify('x'.repeat(64)), JSON.stringify('x'.repeat(1000)), '"a/b"', '"é"', '"a\\u0000b"', '"a\\nb"', '"😀"', `"a'b"`, '"a\\"b"', '"a\\\\b"', '"a`b"', '"a*b"', '"\\u202e"', '["room"]'];
const BAD_UIDS = ['true', '[]', '{}', '[1]', '-1', '-0', '1.5', '-0.5', '4294967296', '1e21', '1e400', '-1e400', '9007199254740993', '"-1"', '"1.5"', '"4294967296"', '"99999999999"', '"1e3"', '"+1"', '" 1"', '"0x10"', '"NaN"', '"Infinity"', '"-Infinity"', JSON.stringify('x'.repeat(256)), '"a/b"', '"é"', '"a\\tb"'];
const BAD_ROLES = ['"admin"', '"PUBLISHER"', '"Subscriber"', '0', '3', '101', 'true', '[]', '{}', '-1', '1.5', '"1"'];
const BAD_EXPIRES = ['"3600"', '-1', '1.5', '86401', '1e10', '4294967296', 'true', '[]', '{}', '"1e3"', '-0', '"NaN"', '1e400'];
const BAD_TOKEN_TYPES = ['"RTC"', '"rtc "', '""', 'null', '1', '[]', '{}', '"rtm2"', '"apaas"', 'true', '["rtc"]'];
const BAD_RTM_UIDS = ['null', '""', '"0"', '0', '-1', '1.5', 'true', '[]', '{}', JSON.stringify('x'.repeat(65)), '"a/b"', '"é"', '"a\\u0000"'];
const BAD_CHAT_UIDS = ['"a b"', JSON.stringify('x'.repeat(65)), '"é"', '"a/b"', '0', '-1', 'true', '[]', '{}', '1.5', '"a@b"'];

function body(fields: Record<string, string>): string {
  return `{${Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

function fieldCases(path: string, base: Record<string, string>, field: string, values: string[]): CorpusCase[] {
  return values.map((v) => json(`${path} ${field}=${v.slice(0, 24)}`, path, body({ ...base, [field]: v })));
}

function jsonBodyCases(): CorpusCase[] {
  const rtc = { tokenType: '"rtc"', channel: '"room"', uid: '"42"', role: '"publisher"', expire: '600' };
  const rtm = { tokenType: '"rtm"', uid: '"alice"', expire: '600' };
  const chat = { tokenType: '"chat"', uid: '"bob"', expire: '600' };
  const docs = { uid: '"123456"', channelName: '"channelA"' };
  return [
    ...fieldCases('/getToken', rtc, 'channel', BAD_CHANNELS),
    ...fieldCases('/getToken', rtc, 'uid', BAD_UIDS),
    ...fieldCases('/getToken', rtc, 'role', BAD_ROLES),
    ...fieldCases('/getToken', rtc, 'expire', BAD_EXPIRES),
    ...fieldCases('/getToken', rtc, 'tokenType', BAD_TOKEN_TYPES),
    ...fieldCases('/getToken', rtm, 'uid', BAD_RTM_UIDS),
    ...fieldCases('/getToken', rtm, 'expire', BAD_EXPIRES),
    ...fieldCases('/getToken', chat, 'uid', BAD_CHAT_UIDS),
    ...fieldCases('/getToken', chat, 'expire', BAD_EXPIRES),
    ...fieldCases('/fetch_rtc_token', docs, 'channelName', BAD_CHANNELS),
    ...fieldCases('/fetch_rtc_token', docs, 'uid', [...BAD_UIDS, '"alice"', 'null']),
    // The docs' Go server takes its roles 0 (attendee) and 101 (admin) as numbers: valid there.
    ...fieldCases('/fetch_rtc_token', docs, 'role', BAD_ROLES.filter((r) => r !== '0' && r !== '101')),
    ...fieldCases('/fetch_rtc_token', docs, 'expire', BAD_EXPIRES),
    json('/getToken missing everything', '/getToken', '{}'),
    json('/getToken rtc without uid', '/getToken', body({ tokenType: '"rtc"', channel: '"a"' })),
    json('/getToken rtc without channel', '/getToken', body({ tokenType: '"rtc"', uid: '1' })),
    json('/getToken rtm without uid', '/getToken', body({ tokenType: '"rtm"' })),
    json('/getToken chat app (disabled)', '/getToken', body({ tokenType: '"chat"' })),
  ];
}

const MALFORMED_JSON: (string | Buffer)[] = [
  '', ' ', '{', '}', '{"a":}', `{'tokenType':'rtc'}`, '{"tokenType":"rtc",}', '{"tokenType":"rtc"} x', 'null', 'true', '1', '"str"', '[]', '[{}]',
  '{"uid":NaN}', '{"uid":Infinity}', '/*c*/{}', '\uFEFF{}', '{"tokenType":"rtc","channel":"a","uid":01}', '{"tokenType":"rtc","channel":"a","uid":.5}',
  Buffer.from([0x7b, 0xff, 0x7d]), Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]), Buffer.from('{"tokenType":"rtc","channel":"\xe9"}', 'latin1'),
  `${'['.repeat(3000)}${']'.repeat(3000)}`, `${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}`, '{"__proto__":{"tokenType":"rtc","channel":"a","uid":1}}',
  '{"constructor":{"prototype":{"tokenType":"rtc"}}}', '{"tokenType":"rtc","tokenType":"rtm"}', '{"tokenType":"rtc","channel":"a","uid":1,"role":"publisher","expire":3600', 'undefined',
  '\u0000', '{"tokenType":"rtc","channel":"a","uid":1}\u0000',
];

function malformedJsonCases(): CorpusCase[] {
  return MALFORMED_JSON.flatMap((b, i) => [json(`/getToken malformed #${i}`, '/getToken', b as string), json(`/fetch_rtc_token malformed #${i}`, '/fetch_rtc_token', b as string)]);
}

const get = (name: string, path: string, headers?: Record<string, string>): CorpusCase => ({ name, kind: 'http', method: 'GET', path, ...(headers ? { headers } : {}) });
const enc = encodeURIComponent;

function pathCases(): CorpusCase[] {
  const badChannelSegs = ['x'.repeat(64), 'x'.repeat(300), 'a%2Fb', '%C3%A9', 'a%00b', '%F0%9F%98%80', `a${enc("'")}b`, 'a%22b', 'a%5Cb', 'a*b', '%E2%80%AE', '%E0%A4%A', '%', '%zz'];
  const badUidSegs = ['-1', '1.5', '4294967296', 'abc', '1e3', '0x10', 'NaN', '%201', '99999999999', '-0', 'Infinity', '%00'];
  const badExpiry = ['-1', '1.5', 'abc', '86401', '99999999999', 'NaN', '1e3', '%201', '+1', '0x10', '1&expiry=2'];
  const cases: CorpusCase[] = [
    ...badChannelSegs.map((c) => get(`rtc channel ${c.slice(0, 20)}`, `/rtc/${c}/publisher/uid/1/`)),
    // '1', '2' and 'audience' are roles real clients send on these routes (see serviceRoleOf).
    ...['admin', 'PUBLISHER', 'Subscriber', 'host', 'Audience'].map((r) => get(`rtc role ${r}`, `/rtc/room/${r}/uid/1/`)),
    ...['UID', 'account', 'x', 'useraccount'].map((t) => get(`rtc tokenType ${t}`, `/rtc/room/publisher/${t}/1/`)),
    ...badUidSegs.map((u) => get(`rtc uid ${u}`, `/rtc/room/publisher/uid/${u}/`)),
    ...['x'.repeat(256), 'a%2Fb', '%C3%A9', '%00'].map((u) => get(`rtc account ${u.slice(0, 12)}`, `/rtc/room/publisher/userAccount/${u}/`)),
    ...badExpiry.map((e) => get(`rtc expiry ${e}`, `/rtc/room/publisher/uid/1/?expiry=${e}`)),
    ...['0', 'x'.repeat(65), '%C3%A9', '%00', 'a%2Fb'].map((u) => get(`rtm uid ${u.slice(0, 12)}`, `/rtm/${u}/`)),
    ...badExpiry.map((e) => get(`rtm expiry ${e}`, `/rtm/alice/?expiry=${e}`)),
    get('rte uid 0 without rtmuid', '/rte/room/publisher/uid/0/'),
    ...['0', 'x'.repeat(65), '%C3%A9'].map((u) => get(`rte rtmuid ${u.slice(0, 12)}`, `/rte/room/publisher/uid/1/${u}/`)),
    ...['a%20b', 'x'.repeat(65), '%C3%A9', 'a@b'].map((u) => get(`chat id ${u.slice(0, 12)}`, `/chat/account/${u}/`)),
    get('chat app (disabled)', '/chat/app/'),
    ...badExpiry.map((e) => get(`chat expiry ${e}`, `/chat/account/bob/?expiry=${e}`)),
    get('access_token no channel', '/access_token?uid=1'),
    ...['x'.repeat(64), 'a%2Fb', '%C3%A9'].map((c) => get(`access_token channel ${c.slice(0, 12)}`, `/access_token?channel=${c}&uid=1`)),
    ...badUidSegs.map((u) => get(`access_token uid ${u}`, `/access_token?channel=a&uid=${u}`)),
    ...['1', '100', 'abc', '-5', '99999999999', '9999999999'].map((t) => get(`access_token expiredTs ${t}`, `/access_token?channel=a&expiredTs=${t}`)),
    get('access_token duplicate channel', '/access_token?channel=a&channel=b'),
    ...badUidSegs.map((u) => get(`fetch_rtc_token GET uid ${u}`, `/fetch_rtc_token?uid=${u}&channelName=a`)),
    get('fetch_rtc_token GET no channel', '/fetch_rtc_token?uid=1'),
    ...['/', '/nope', '/getToken/x', '/rtc', '/rtc/a/publisher/uid', '/../getToken', '/rtc//publisher/uid/1/', `/${'a/'.repeat(500)}`, `/${'x'.repeat(6000)}`, '/PING', '/ping%00', '/rtm/a/b/c/'].map((p) => get(`unknown path ${p.slice(0, 20)}`, p)),
  ];
  return cases;
}

function oversizedCases(): CorpusCase[] {
  const sizes = [8193, 9000, 16384, 65536, 1 << 20, 3 << 20];
  return sizes.flatMap((n) => {
    const big = `{"tokenType":"rtm","uid":"alice","pad":"${'x'.repeat(n)}"}`;
    const chunks = Array.from({ length: Math.ceil(big.length / 4096) }, (_, i) => Buffer.from(big.slice(i * 4096, (i + 1) * 4096)));
    return [
      json(`oversized declared ${n}`, '/getToken', big),
      { name: `oversized chunked ${n}`, kind: 'http' as const, method: 'POST', path: '/getToken', headers: { ...JSON_CT, 'transfer-encoding': 'chunked' }, body: chunks },
    ];
  });
}

function methodCases(): CorpusCase[] {
  const valid = ['/ping', '/getToken', '/rtc/room/publisher/uid/1/', '/rtm/alice/', '/rte/room/publisher/uid/1/', '/chat/account/bob/', '/fetch_rtc_token?uid=1&channelName=a', '/access_token?channel=a&uid=1'];
  const out: CorpusCase[] = [];
  for (const path of valid) {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'FOO', 'TRACE']) out.push({ name: `${method} ${path}`, kind: 'http', method, path, headers: JSON_CT, body: '{}' });
    if (path !== '/ping' && path !== '/getToken' && !path.startsWith('/fetch')) out.push(json(`POST ${path}`, path, '{}'));
    if (path !== '/ping') out.push({ name: `HEAD ${path}`, kind: 'http', method: 'HEAD', path });
  }
  out.push(get('GET /getToken', '/getToken'));
  return out;
}

function contentTypeCases(): CorpusCase[] {
  const types = [undefined, 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/jsonx', 'application/json, text/plain', 'text/json', 'application/xml', '', 'application/json; charset=latin1', 'application/javascript', 'application/json;;', 'application/ld+json'];
  const valid = '{"tokenType":"rtm","uid":"alice"}';
  return types.flatMap((t) =>
    ['/getToken', '/fetch_rtc_token'].map((path): CorpusCase => ({ name: `content-type ${t} ${path}`, kind: 'http', method: 'POST', path, headers: t === undefined ? {} : { 'content-type': t }, body: path === '/getToken' ? valid : '{"uid":1,"channelName":"a"}' })),
  );
}

function headerAbuseCases(): CorpusCase[] {
  const req = (name: string, head: string, payload = ''): CorpusCase => ({ name, kind: 'raw', data: `${head}\r\n\r\n${payload}` });
  const post = 'POST /getToken HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json';
  const valid = '{"tokenType":"rtm","uid":"alice"}';
  const origins = ['https://evil.example', 'null', 'https://a.example, https://b.example', 'garbage', 'javascript:alert(1)', `https://${'x'.repeat(3000)}.example`, 'file://'];
  return [
    req('no Host', 'GET /rtm/alice/ HTTP/1.1\r\nConnection: close'),
    req('garbage request line', 'GARBAGE'),
    req('HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM'),
    req('duplicate content-length', `${post}\r\nContent-Length: 2\r\nContent-Length: 3`, '{}'),
    req('content-length + transfer-encoding', `${post}\r\nContent-Length: 2\r\nTransfer-Encoding: chunked`, '0\r\n\r\n'),
    req('non-numeric content-length', `${post}\r\nContent-Length: abc`),
    req('negative content-length', `${post}\r\nContent-Length: -1`),
    req('NUL in a header', `${post}\r\nX-A: a\0b\r\nContent-Length: 2`, '{}'),
    req('header without colon', `${post}\r\nBadHeader\r\nContent-Length: 2`, '{}'),
    req('obs-fold', `${post}\r\nX-A: a\r\n b\r\nContent-Length: 2`, '{}'),
    req('20 KB header', `GET /rtm/alice/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ${'a'.repeat(20000)}`),
    req('bad chunk size', `${post}\r\nTransfer-Encoding: chunked`, 'zz\r\n{}\r\n0\r\n\r\n'),
    req('transfer-encoding gzip', `${post}\r\nTransfer-Encoding: gzip`),
    req('space in target', 'GET /rtm/al ice/ HTTP/1.1\r\nHost: 127.0.0.1'),
    req('bad HTTP version', 'GET /rtm/alice/ HTTP/9.9\r\nHost: 127.0.0.1'),
    req('lowercase method', 'get /rtm/alice/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close'),
    req('bare LF', 'GET /rtm/alice/ HTTP/1.1\nHost: 127.0.0.1\nConnection: close'),
    req('CONNECT', 'CONNECT a:443 HTTP/1.1\r\nHost: a:443'),
    req('TRACE', 'TRACE /rtm/alice/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close'),
    req('duplicate content-type', `${post}\r\nContent-Type: application/json\r\nContent-Length: ${valid.length}`, valid),
    req('control char in header', `${post}\r\nX-A: a\x01b\r\nContent-Length: ${valid.length}`, valid),
    req('content-length larger than body', `${post}\r\nContent-Length: 99999999999`, valid),
    req('absolute-form target', 'GET http://evil.example/rtm/alice/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close'),
    req('asterisk target', 'GET * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close'),
    ...origins.map((o) => req(`origin ${o.slice(0, 24)}`, `GET /rtm/alice/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nOrigin: ${o}`)),
    ...origins.map((o) => req(`preflight origin ${o.slice(0, 24)}`, `OPTIONS /getToken HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nOrigin: ${o}\r\nAccess-Control-Request-Method: POST`)),
    req('two origins', 'GET /rtm/alice/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nOrigin: https://a.example\r\nOrigin: https://b.example'),
    req('latin1 header bytes', `${post}\r\nX-Name: caf\xe9\r\nContent-Length: 2`, '{}'),
  ];
}

/** Channels, uids and expiries drawn from a seeded PRNG; every drawn value breaks a rule. */
function randomCases(seed: number, count: number): CorpusCase[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const illegal = ['/', '\\', '"', "'", '`', '*', 'é', '\u0000', '\n', '\t', '😀', '\u202e', '\u00a0'];
  const legal = 'abcXYZ019 !#$%&()+-:;<=.>?@[]^_{}|~,';
  const out: CorpusCase[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    if (kind === 0) {
      const len = 1 + Math.floor(rand() * 80);
      let channel = Array.from({ length: len }, () => legal[Math.floor(rand() * legal.length)]).join('');
      if (len < 64 || rand() < 0.5) channel = channel.slice(0, Math.floor(rand() * channel.length)) + pick(illegal) + channel.slice(Math.floor(rand() * channel.length));
      out.push(json(`random channel #${i}`, '/getToken', JSON.stringify({ tokenType: 'rtc', channel, uid: 1, role: 'publisher' })));
    } else if (kind === 1) {
      const uid = pick([() => -Math.floor(rand() * 1e9) - 1, () => rand() * 1e6 + 0.25, () => 2 ** 32 + Math.floor(rand() * 1e12), () => -rand()]);
      out.push(json(`random uid #${i}`, pick(['/getToken', '/fetch_rtc_token']), JSON.stringify({ tokenType: 'rtc', channel: 'room', channelName: 'room', uid: uid() })));
    } else {
      const expire = pick([() => 86_401 + Math.floor(rand() * 1e9), () => -1 - Math.floor(rand() * 1e6), () => rand() * 1000 + 0.5, () => 2 ** 32 + Math.floor(rand() * 1e6)]);
      out.push(get(`random expiry #${i}`, `/rtm/alice/?expiry=${expire()}`));
    }
  }
  return out;
}

/** The whole corpus for a seed. */
export function malformedCorpus(seed = 0x5eed): CorpusCase[] {
  return [...jsonBodyCases(), ...malformedJsonCases(), ...pathCases(), ...oversizedCases(), ...methodCases(), ...contentTypeCases(), ...headerAbuseCases(), ...randomCases(seed, 90)];
}
