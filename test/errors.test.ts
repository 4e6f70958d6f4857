// Every validation rule of the 007 builders raises AgoraTokenError with its code and the field
// name, on both entries (rejecting on the async one), and no message contains the certificate.
import { createRequire } from 'node:module';
import { unzlibSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';
import * as legacyAsync from '../src/legacy.ts';
import * as legacySync from '../src/legacy-sync.ts';
import { AgoraTokenError, isAgoraTokenError } from '../src/errors.ts';
import { officialParse } from './helpers/official.ts';
import { thrownMessage } from './helpers/thrown.ts';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';

type Call = (lib: typeof syncLib | typeof asyncLib) => unknown;
const rtc = (over: Partial<Record<string, unknown>>): Call => (lib) => {
  const a = { appId: APP_ID, cert: CERT, channel: 'room', uid: 42, role: 1, te: 3600, pe: 3600, ...over };
  return lib.RtcTokenBuilder.buildTokenWithUid(a.appId as string, a.cert as string, a.channel as string, a.uid as number, a.role as 1, a.te as number, a.pe as number);
};

/** decodeToken's verdict on a string: its error as "CODE message", or 'decoded'. */
function decodeMessage(token: string): string {
  try {
    syncLib.decodeToken(token);
  } catch (error) {
    return `${(error as { code: string }).code} ${(error as Error).message}`;
  }
  return 'decoded';
}

/** The first /sync RTC token (uid 1, 2, …; fresh salts) whose text passes `accept`. */
function rtcTokenWhere(accept: (token: string) => boolean): string {
  for (let uid = 1; ; uid++) {
    const token = syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', uid, 1, 600, 600);
    if (accept(token)) return token;
  }
}

const cases: [string, string, string, Call][] = [
  ['appId too short', 'ERR_INVALID_APP_ID', 'appId', rtc({ appId: APP_ID.slice(1) })],
  ['appId not hex', 'ERR_INVALID_APP_ID', 'appId', rtc({ appId: 'z' + APP_ID.slice(1) })],
  ['appId not a string', 'ERR_INVALID_APP_ID', 'appId', rtc({ appId: 12345 })],
  ['certificate too long', 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate', rtc({ cert: CERT + 'a' })],
  ['certificate not hex', 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate', rtc({ cert: CERT.slice(0, 31) + 'g' })],
  ['certificate missing', 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate', rtc({ cert: undefined })],
  ['certificate with a trailing line break (env file)', 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate', rtc({ cert: `${CERT}\n` })],
  ['appId in quotes', 'ERR_INVALID_APP_ID', 'appId', rtc({ appId: `"${APP_ID}"` })],
  ['channel empty', 'ERR_INVALID_CHANNEL', 'channelName', rtc({ channel: '' })],
  ['channel 64 bytes', 'ERR_INVALID_CHANNEL', 'channelName', rtc({ channel: 'a'.repeat(64) })],
  ['channel illegal character', 'ERR_INVALID_CHANNEL', 'channelName', rtc({ channel: 'room/1' })],
  ['channel non-ASCII', 'ERR_INVALID_CHANNEL', 'channelName', rtc({ channel: 'café' })],
  ['channel not a string', 'ERR_INVALID_CHANNEL', 'channelName', rtc({ channel: 7 })],
  ['uid negative', 'ERR_INVALID_UID', 'uid', rtc({ uid: -1 })],
  ['uid fractional', 'ERR_INVALID_UID', 'uid', rtc({ uid: 1.5 })],
  ['uid over 2^32-1', 'ERR_INVALID_UID', 'uid', rtc({ uid: 2 ** 32 })],
  ['uid NaN', 'ERR_INVALID_UID', 'uid', rtc({ uid: NaN })],
  ['uid empty string (agora-token packs it as uid 0)', 'ERR_INVALID_UID', 'uid', rtc({ uid: '' })],
  ['uid string with leading zeros (agora-token packs the text)', 'ERR_INVALID_UID', 'uid', rtc({ uid: '007' })],
  ['tokenExpire a numeric string (agora-token coerces it)', 'ERR_INVALID_EXPIRE', 'tokenExpire', rtc({ te: '3600' })],
  ['privilegeExpire null (agora-token reads 0)', 'ERR_INVALID_EXPIRE', 'privilegeExpire', rtc({ pe: null })],
  ['Chat user id empty', 'ERR_INVALID_ACCOUNT', 'userUuid', (lib) => lib.ChatTokenBuilder.buildUserToken(APP_ID, CERT, '', 60)],
  ['APaaS room uuid empty', 'ERR_INVALID_ACCOUNT', 'roomUuid', (lib) => lib.ApaasTokenBuilder.buildRoomUserToken(APP_ID, CERT, '', 'user', 1, 60)],
  ['uid non-numeric string', 'ERR_INVALID_UID', 'uid', rtc({ uid: 'abc' })],
  ['role 0 (a 006 role)', 'ERR_INVALID_ROLE', 'role', rtc({ role: 0 })],
  ['role 3', 'ERR_INVALID_ROLE', 'role', rtc({ role: 3 })],
  ['tokenExpire negative', 'ERR_INVALID_EXPIRE', 'tokenExpire', rtc({ te: -1 })],
  ['tokenExpire fractional', 'ERR_INVALID_EXPIRE', 'tokenExpire', rtc({ te: 1.5 })],
  ['tokenExpire over 2^32-1', 'ERR_INVALID_EXPIRE', 'tokenExpire', rtc({ te: 2 ** 32 })],
  ['privilegeExpire NaN', 'ERR_INVALID_EXPIRE', 'privilegeExpire', rtc({ pe: NaN })],
  ['account over 255 bytes', 'ERR_INVALID_ACCOUNT', 'account', (lib) => lib.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', 'é'.repeat(128), 1, 60, 60)],
  // 100 characters of 3 UTF-8 bytes each: few characters, many bytes (the length fast path must not pass it).
  ['account of 100 three-byte characters (300 bytes)', 'ERR_INVALID_ACCOUNT', 'account', (lib) => lib.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', '€'.repeat(100), 1, 60, 60)],
  ['account with a lone surrogate', 'ERR_INVALID_ACCOUNT', 'account', (lib) => lib.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', 'a\uD800', 1, 60, 60)],
  ['RTM user id over 64 bytes', 'ERR_INVALID_ACCOUNT', 'userId', (lib) => lib.RtmTokenBuilder.buildToken(APP_ID, CERT, 'u'.repeat(65), 60)],
  ['RTM expire negative', 'ERR_INVALID_EXPIRE', 'expire', (lib) => lib.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', -5)],
  ['RTM2 resources not an array', 'ERR_INVALID_ARGUMENT', 'resources', (lib) => new lib.Rtm2Permissions().add(0, 0, 'x' as unknown as string[])],
  ['RTM2 resources in a string (the official class would split it into characters)', 'ERR_INVALID_ARGUMENT', 'resources', (lib) => new lib.Rtm2Permissions().add(0, 0, 'lobby' as unknown as string[])],
  ['RTM2 details written directly with a string list, refused when built', 'ERR_INVALID_ARGUMENT', 'details[0][0]', (lib) => lib.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'alice', { details: { 0: { 0: 'lobby' as unknown as string[] } } }, 60)],
  ['RTM2 details written directly with a number resource', 'ERR_INVALID_ARGUMENT', 'details[0][0][1]', (lib) => lib.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'alice', { details: { 0: { 0: ['a', 7 as unknown as string] } } }, 60)],
  ['RTM2 details type key past 65535 (agora-token throws a RangeError; a u16 cast would pack 34463)', 'ERR_INVALID_ARGUMENT', 'details', (lib) => lib.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'alice', { details: { 99999: { 0: ['a'] } } }, 60)],
  ['RTM2 details type key not a number', 'ERR_INVALID_ARGUMENT', 'details', (lib) => lib.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'alice', { details: { abc: { 0: ['a'] } } } as never, 60)],
  ['RTM2 details permission key negative', 'ERR_INVALID_ARGUMENT', 'details[0]', (lib) => lib.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'alice', { details: { 0: { [-1]: ['a'] } } }, 60)],
  ['RTM2 details level set to null', 'ERR_INVALID_ARGUMENT', 'details[0]', (lib) => {
    const p = new lib.Rtm2Permissions().add(0, 0, ['a']);
    (p.details as Record<number, unknown>)[0] = null;
    return lib.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'alice', p, 60);
  }],
  ['services replaced by null', 'ERR_INVALID_ARGUMENT', 'services', (lib) => {
    const t = new lib.AccessToken2(APP_ID, CERT, 1, 60).addService(new lib.ServiceFpa());
    (t as { services: unknown }).services = null;
    return t.build();
  }],
  ['services with a hole', 'ERR_INVALID_ARGUMENT', 'services[0]', (lib) => {
    const t = new lib.AccessToken2(APP_ID, CERT, 1, 60);
    (t.services as unknown[])[1] = new lib.ServiceFpa();
    return t.build();
  }],
  ['services with a non-service pushed directly', 'ERR_INVALID_ARGUMENT', 'services[1]', (lib) => {
    const t = new lib.AccessToken2(APP_ID, CERT, 1, 60).addService(new lib.ServiceFpa());
    (t.services as unknown[]).push({ type: 1 });
    return t.build();
  }],
  ['RTM2 permissions neither an object nor null', 'ERR_INVALID_ARGUMENT', 'permissions', (lib) => lib.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'alice', 5 as never, 60)],
  ['options form: both uid and account', 'ERR_INVALID_UID', 'uid', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 1, account: 'a', role: 'publisher' })],
  ['options form: unknown privilege', 'ERR_INVALID_PRIVILEGE', 'privilegeExpiresInSeconds.fly', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 1, role: 'publisher', privilegeExpiresInSeconds: { fly: 1 } as never })],
  ['options form: issuedAt 0 (the official API would read it as "now")', 'ERR_INVALID_EXPIRE', 'issuedAt', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 1, role: 'publisher', issuedAt: 0 })],
  // Options-form strictness: a misspelt or unknown option is refused, not ignored in favour of a default.
  ['options form: misspelt option (expiresIn)', 'ERR_INVALID_ARGUMENT', 'options.expiresIn', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 1, role: 'publisher', expiresIn: 60 } as never)],
  ['options form: misspelt rtm option (userID)', 'ERR_INVALID_ARGUMENT', 'rtm.userID', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 1, role: 'publisher', rtm: { userID: 'bob' } } as never)],
  ['options form: rtm not an object', 'ERR_INVALID_ARGUMENT', 'rtm', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 1, role: 'publisher', rtm: 'bob' } as never)],
  ['options form: buildRtmToken without userId', 'ERR_INVALID_ACCOUNT', 'userId', (lib) => lib.buildRtmToken({ appId: APP_ID, appCertificate: CERT } as never)],
  ['options form: buildRtmToken with a uid key', 'ERR_INVALID_ARGUMENT', 'options.uid', (lib) => lib.buildRtmToken({ appId: APP_ID, appCertificate: CERT, userId: 'a', uid: 'alice' } as never)],
  ['options form: empty account (would be the uid-0 wildcard)', 'ERR_INVALID_ACCOUNT', 'account', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', account: '', role: 'publisher' })],
  ['options form: empty rtm.userId', 'ERR_INVALID_ACCOUNT', 'rtm.userId', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 1, role: 'publisher', rtm: { userId: '' } })],
  ['options form: rtm with uid 0 and no userId (the uid default names no user)', 'ERR_INVALID_ACCOUNT', 'rtm.userId', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 0, role: 'publisher', rtm: {} })],
  ['options form: expiresInSeconds 0 (expired when issued)', 'ERR_INVALID_EXPIRE', 'expiresInSeconds', (lib) => lib.buildChatToken({ appId: APP_ID, appCertificate: CERT, userId: 'a', expiresInSeconds: 0 })],
  ['options form: expiresInSeconds null', 'ERR_INVALID_EXPIRE', 'expiresInSeconds', (lib) => lib.buildFpaToken({ appId: APP_ID, appCertificate: CERT, expiresInSeconds: null as never })],
  ['options form: privilegeExpiresInSeconds null', 'ERR_INVALID_EXPIRE', 'privilegeExpiresInSeconds', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 1, role: 'publisher', privilegeExpiresInSeconds: null as never })],
  ['options form: no privilege listed', 'ERR_INVALID_PRIVILEGE', 'privilegeExpiresInSeconds', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 1, role: 'publisher', privilegeExpiresInSeconds: {} })],
  ['options form: role by another name', 'ERR_INVALID_ROLE', 'role', (lib) => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'c', uid: 1, role: 'host' as never })],
  ['options form: issuedAt in milliseconds', 'ERR_INVALID_EXPIRE', 'issuedAt', (lib) => lib.buildFpaToken({ appId: APP_ID, appCertificate: CERT, issuedAt: 1_700_000_000_000 })],
  ['inspectToken: misspelt option', 'ERR_INVALID_ARGUMENT', 'options.nwo', (lib) => lib.inspectToken('007x', { nwo: 5 } as never)],
  ['options form: not an object', 'ERR_INVALID_ARGUMENT', 'options', (lib) => lib.buildRtcToken(null as never)],
  // A value the option cannot mean: each used to build another kind of token silently.
  ['options form: app 1 with a userId (built a user token)', 'ERR_INVALID_ARGUMENT', 'app', (lib) => lib.buildChatToken({ appId: APP_ID, appCertificate: CERT, userId: 'a', app: 1 as never })],
  ['options form: APaaS app "yes"', 'ERR_INVALID_ARGUMENT', 'app', (lib) => lib.buildApaasToken({ appId: APP_ID, appCertificate: CERT, userUuid: 'u', app: 'yes' as never })],
  ['options form: RTM permissions 0 (built an RTM 1.x token)', 'ERR_INVALID_ARGUMENT', 'permissions', (lib) => lib.buildRtmToken({ appId: APP_ID, appCertificate: CERT, userId: 'a', permissions: 0 as never })],
  ['no service', 'ERR_NO_SERVICE', 'services', (lib) => new lib.AccessToken2(APP_ID, CERT, 1, 60).build()],
  ['inspectToken: a time where the options go', 'ERR_INVALID_ARGUMENT', 'options', (lib) => lib.inspectToken('007x', 1_700_000_000 as never)],
  // A bare Service of a library type has none of its fields: refused, not built into a token nothing decodes.
  ['a bare Service of the RTC type (no channel name)', 'ERR_INVALID_CHANNEL', 'services[0].channelName', (lib) => new lib.AccessToken2(APP_ID, CERT, 1, 60).addService(new lib.Service(1).addPrivilege(1, 5)).build()],
  // Services are accepted by shape (one from another entry is another class): a look-alike
  // without pack() or service_type(), or with a non-number type, is still refused.
  ['addService of an object with type but no pack', 'ERR_INVALID_ARGUMENT', 'service', (lib) => new lib.AccessToken2(APP_ID, CERT, 1, 60).addService({ type: 1, service_type: () => 1 } as never)],
  ['addService of a look-alike whose type is a string', 'ERR_INVALID_ARGUMENT', 'service', (lib) => new lib.AccessToken2(APP_ID, CERT, 1, 60).addService({ type: '1', pack() {}, service_type: () => 1 } as never)],
  ['ServiceRtm2 with an object whose details is not a tree', 'ERR_INVALID_ARGUMENT', 'permissions', (lib) => new lib.ServiceRtm2('alice', { details: null } as never)],
  ['65536 services (the count is a u16)', 'ERR_INVALID_ARGUMENT', 'services', (lib) => {
    const t = new lib.AccessToken2(APP_ID, CERT, 1, 60);
    for (let i = 0; i < 65_536; i++) t.addService(new lib.ServiceFpa());
    return t.build();
  }],
  ['salt over u32', 'ERR_INVALID_ARGUMENT', 'salt', (lib) => {
    const t = new lib.AccessToken2(APP_ID, CERT, 1, 60).addService(new lib.ServiceFpa());
    t.salt = 2 ** 32;
    return t.build();
  }],
];

/** Cases whose failing call is a constructor or a method that is synchronous on the main entry too. */
const SYNCHRONOUS_ON_MAIN = /^(RTM2 resources |inspectToken: |addService of |ServiceRtm2 with )/;

async function capture(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.each([
  ['sync', syncLib],
  ['main', asyncLib],
] as const)('validation on the %s entry', (entry, lib) => {
  it.each(cases)('%s -> %s', async (_name, code, field, call) => {
    if (entry === 'main') {
      // The async entry rejects rather than throwing synchronously (except plain constructors and
      // the methods that are synchronous on every entry, which throw).
      let result: unknown;
      let thrown: unknown;
      try {
        result = call(lib);
      } catch (e) {
        thrown = e;
      }
      if (SYNCHRONOUS_ON_MAIN.test(_name)) expect(thrown).toBeInstanceOf(AgoraTokenError);
      else {
        expect(thrown, 'threw synchronously').toBeUndefined();
        expect(result).toBeInstanceOf(Promise);
        await expect(result).rejects.toBeInstanceOf(AgoraTokenError);
      }
    }
    const error = await capture(() => call(lib));
    expect(error).toBeInstanceOf(AgoraTokenError);
    expect(isAgoraTokenError(error)).toBe(true);
    const e = error as AgoraTokenError;
    expect(e.code).toBe(code);
    if (field) {
      expect(e.field).toBe(field);
      expect(e.message.startsWith(`${field}:`)).toBe(true);
    }
    for (const secret of [CERT, CERT.toLowerCase(), CERT.toUpperCase()]) {
      expect(e.message).not.toContain(secret);
      expect(JSON.stringify(e)).not.toContain(secret);
    }
  });
});

describe('decode errors', () => {
  const good = '007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj';
  it.each([
    ['not a string', 42, 'ERR_TOKEN_VERSION'],
    ['empty', '', 'ERR_TOKEN_VERSION'],
    ['bad prefix', '008abc', 'ERR_TOKEN_VERSION'],
    ['005 key', '005AQAoADJFMzg', 'ERR_TOKEN_UNSUPPORTED'],
    ['bare App ID', APP_ID, 'ERR_TOKEN_UNSUPPORTED'],
    ['bad base64 character', good.slice(0, 20) + '*' + good.slice(21), 'ERR_TOKEN_BASE64'],
    ['URL-mangled "+" as space', good.slice(0, 10) + ' ' + good.slice(11), 'ERR_TOKEN_BASE64'],
    ['missing padding', good.slice(0, -1), 'ERR_TOKEN_BASE64'],
    ['not zlib', '007' + btoa('hello world!'), 'ERR_TOKEN_ZLIB'],
    ['too long', '007' + 'A'.repeat(60_000), 'ERR_TOKEN_TOO_LARGE'],
  ])('%s', (_n, token, code) => {
    expect(() => syncLib.decodeToken(token as string)).toThrowError(expect.objectContaining({ code }));
  });

  it('the URL-mangling error explains itself', () => {
    expect(() => syncLib.decodeToken(good.slice(0, 10) + ' ' + good.slice(11))).toThrowError(/encodeURIComponent/);
  });

  it('a credential that is 32 hex characters plus damage says which damage, never the value', () => {
    const message = (appId: string, cert: string) => thrownMessage(() => syncLib.RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 1, 1, 600, 600));
    expect(message(APP_ID, `${CERT}\n`)).toBe('appCertificate: expected 32 hex characters, got length=33 (it has surrounding whitespace, e.g. a line break from an env file)');
    expect(message(APP_ID, ` ${CERT}`)).toBe('appCertificate: expected 32 hex characters, got length=33 (it has surrounding whitespace, e.g. a line break from an env file)');
    expect(message(`'${APP_ID}'`, CERT)).toBe('appId: expected 32 hex characters, got length=34 (it is in quotes)');
    expect(message(APP_ID, `"${CERT}"`)).toBe('appCertificate: expected 32 hex characters, got length=34 (it is in quotes)');
    expect(message(APP_ID, CERT.slice(1))).toBe('appCertificate: expected 32 hex characters, got length=31');
  });

  it('the other classic copy-and-paste damage names itself: quotes, percent-encoding, a wrapped line', () => {
    const withPlus = rtcTokenWhere((t) => t.includes('+'));
    expect(decodeMessage(`"${good}"`)).toBe('ERR_TOKEN_VERSION token: does not start with 007 or 006 (it is wrapped in quotes: pass the token without them)');
    expect(decodeMessage(`'${good}'`)).toMatch(/wrapped in quotes/);
    // The migration slip of the async main entry: a build without await, sent as text.
    expect(decodeMessage(`${asyncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 600, 600)}`)).toBe(
      'ERR_TOKEN_VERSION token: does not start with 007 or 006 (it is a Promise turned into text: await the builders of the main entry, or import them from agora-token-kit/sync)',
    );
    for (const wrapped of [`Bearer ${good}`, `token=${good}`, JSON.stringify({ rtcToken: good })]) {
      expect(decodeMessage(wrapped)).toBe(`ERR_TOKEN_VERSION token: does not start with 007 or 006 (a token seems to start at index ${wrapped.indexOf(good)}: pass only the token, not the text around it)`);
    }
    expect(decodeMessage(String(undefined))).toBe('ERR_TOKEN_VERSION token: does not start with 007 or 006 (it is the text "undefined": the value holding the token was never set)');
    expect(decodeMessage(encodeURIComponent(withPlus))).toMatch(/^ERR_TOKEN_BASE64 .*URL-encoded, e\.g\. "%2B" for "\+": decode it with decodeURIComponent/);
    expect(decodeMessage(decodeURIComponent(encodeURIComponent(withPlus)))).toBe('decoded'); // the advice works
    expect(decodeMessage(`${good.slice(0, 60)}\n${good.slice(60)}`)).toMatch(/^ERR_TOKEN_BASE64 .*line break/);
  });

  it('a token copied out of JSON with escaped slashes ("\\/", PHP json_encode) says so, 007 and 006', () => {
    const t007 = rtcTokenWhere((t) => t.includes('/'));
    let t006 = '';
    for (let uid = 1; !t006.slice(35).includes('/'); uid++) t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', uid, 1, 4_000_000_000);
    for (const token of [t007, t006]) {
      // What PHP's json_encode (default flags) prints, read back without a JSON parser.
      const escaped = JSON.stringify(token).slice(1, -1).replaceAll('/', '\\/');
      expect(decodeMessage(escaped)).toBe('ERR_TOKEN_BASE64 token: not valid base64 (it contains "\\/", a JSON-escaped "/" as PHP\'s json_encode writes it: read the token with a JSON parser)');
      expect(decodeMessage(JSON.parse(`"${escaped}"`))).toBe('decoded'); // the advice works
    }
  });
});

describe('text that is not part of a token', () => {
  // Real reports: a token pasted with "****" or a quote after it (AgoraIO/Tools#417), two tokens
  // run together, an invisible U+200B from a chat app. Each names the stray text by position.
  const padded = rtcTokenWhere((t) => t.endsWith('='));
  const unpadded = rtcTokenWhere((t) => !t.endsWith('='));
  const pad = padded.indexOf('=');

  it.each([
    ['"****" after the padding', `${padded}****`, `a token ends with its "=" padding, here at index ${pad}: remove the 4 character(s) after it`],
    ['a closing quote', `${padded}"`, `a token ends with its "=" padding, here at index ${pad}: remove the 1 character(s) after it`],
    ['two tokens run together', padded + padded, `a token ends with its "=" padding, here at index ${pad}: remove the ${padded.length} character(s) after it`], // the whole second token,
    ['"*" after an unpadded token', `${unpadded}*`, `it contains "*" at index ${unpadded.length}, which base64 does not use`],
    ['an invisible U+200B inside', `${unpadded.slice(0, 50)}\u200b${unpadded.slice(50)}`, 'it contains U+200B at index 50, which base64 does not use'],
    ['an emoji', `${unpadded}\u{1F600}`, `it contains U+1F600 at index ${unpadded.length}, which base64 does not use`],
  ])('%s', (_name, token, hint) => {
    expect(decodeMessage(token)).toBe(`ERR_TOKEN_BASE64 token: not valid base64 (${hint})`);
  });

  it('006 tokens count positions in the whole token (after the App ID too)', () => {
    const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 4_000_000_000);
    expect(decodeMessage(`${t006.slice(0, 40)}*${t006.slice(40)}`)).toBe('ERR_TOKEN_BASE64 token: not valid base64 (it contains "*" at index 40, which base64 does not use)');
    // An "=" inside the body too (006 bodies are never padded: 54 + 6n bytes, a multiple of 3).
    expect(decodeMessage(`${t006.slice(0, 60)}=${t006.slice(60)}`)).toBe('ERR_TOKEN_BASE64 token: not valid base64 (it contains "=" at index 60, which base64 uses only as padding at the end)');
  });

  it('a 006 token built by agora-access-token from an App ID with a trailing space or line break says so', () => {
    const official = createRequire(import.meta.url)('agora-access-token') as typeof import('agora-access-token');
    for (const suffix of [' ', '\r', '\n']) {
      const token = official.RtcTokenBuilder.buildTokenWithUid(APP_ID + suffix, CERT, 'room', 1, 1, 4_000_000_000);
      expect(decodeMessage(token)).toMatch(/^ERR_TOKEN_BASE64 token: not valid base64 \(whitespace follows the 32-character App ID: .*trim it\)$/);
    }
  });

  it('an "=" inside a token is named as such, not as the end of a token (cutting there would truncate it)', () => {
    expect(decodeMessage(`${unpadded.slice(0, 50)}=${unpadded.slice(51)}`)).toBe('ERR_TOKEN_BASE64 token: not valid base64 (it contains "=" at index 50, which base64 uses only as padding at the end)');
    expect(decodeMessage(`${padded}abc`)).toBe(`ERR_TOKEN_BASE64 token: not valid base64 (it contains "=" at index ${pad}, which base64 uses only as padding at the end)`);
  });

  it('a truncated token still reads as truncated', () => {
    expect(decodeMessage(padded.slice(0, -5))).toBe('ERR_TOKEN_BASE64 token: not valid base64 (it looks truncated or its "=" padding is missing)');
  });
});

describe('a token changed after it was built', () => {
  // Valid base64 that is not a valid zlib stream: the inflater's rule is kept in parentheses and
  // the error names the field, on decodeToken and verifyToken of both entries alike.
  const caseHint = (which: string) => `(all its letters are ${which} case; base64 is case-sensitive)`;
  const verifyMessage = async (token: string) => {
    const codes: string[] = [];
    for (const run of [() => syncLib.verifyToken(token, CERT), () => asyncLib.verifyToken(token, CERT), () => asyncLib.decodeToken(token)]) {
      try {
        await run();
        codes.push('passed');
      } catch (error) {
        codes.push(`${(error as AgoraTokenError).code} ${(error as AgoraTokenError).field} ${(error as Error).message}`);
      }
    }
    return codes;
  };

  it('one character replaced: the rule zlib broke, the field, and what happened', async () => {
    const token = rtcTokenWhere((t) => t[100] !== 'A');
    const changed = `${token.slice(0, 100)}A${token.slice(101)}`;
    const message = decodeMessage(changed);
    expect(message).toMatch(/^ERR_TOKEN_ZLIB token: payload invalid \([a-z/ -]+\): was it changed\?$/);
    expect(await verifyMessage(changed)).toEqual(Array(3).fill(`ERR_TOKEN_ZLIB token ${message.slice('ERR_TOKEN_ZLIB '.length)}`));
  });

  it('cut at a whole base64 quantum: "cut short"', () => {
    const token = rtcTokenWhere((t) => (t.length - 3) % 4 === 0);
    expect(decodeMessage(token.slice(0, -8))).toMatch(/^ERR_TOKEN_ZLIB token: payload invalid \(.*end of.*\): cut short or changed\?$/);
  });

  it('a token lower- or upper-cased as a whole says so, whether that broke its base64 or its zlib', () => {
    // Lower-casing keeps most tokens valid base64 (and breaks the zlib header); some lose their
    // canonical padding bits instead: both paths carry the hint.
    const zlibBroken = rtcTokenWhere((t) => decodeMessage(t.toLowerCase()).startsWith('ERR_TOKEN_ZLIB'));
    const base64Broken = rtcTokenWhere((t) => decodeMessage(t.toLowerCase()).startsWith('ERR_TOKEN_BASE64'));
    expect(decodeMessage(zlibBroken.toLowerCase())).toBe(`ERR_TOKEN_ZLIB token: payload invalid (unknown compression method) ${caseHint('lower')}`);
    expect(decodeMessage(base64Broken.toLowerCase())).toBe(`ERR_TOKEN_BASE64 token: not valid base64 ${caseHint('lower')}`);
    expect(decodeMessage(zlibBroken.toUpperCase())).toMatch(new RegExp(`^ERR_TOKEN_(BASE64|ZLIB) token: .* \\(all its letters are upper case`));
    // A short fragment is not called case-mangled: it reads as truncated.
    expect(decodeMessage('007abc')).toBe('ERR_TOKEN_BASE64 token: not valid base64 (it looks truncated or its "=" padding is missing)');
  });

  it('a stream that inflates past any token size names the field and the bound', () => {
    // 40 KiB of zeros deflates to a few dozen bytes: short text, oversized payload.
    const bomb = `007${btoa(String.fromCharCode(...zlibSync(new Uint8Array(40_000))))}`;
    expect(decodeMessage(bomb)).toMatch(/^ERR_TOKEN_TOO_LARGE token: payload inflates past \d+ bytes$/);
    expect(() => syncLib.decodeToken(bomb)).toThrowError(expect.objectContaining({ field: 'token' }));
  });

  it('text run on after an unpadded token: "text after the token?"', () => {
    const unpadded = rtcTokenWhere((t) => !t.endsWith('='));
    expect(decodeMessage(`${unpadded}xyz1`)).toBe('ERR_TOKEN_ZLIB token: payload invalid (trailing bytes after zlib stream): text after the token?');
  });

  it('edges of the decode hints: the length limit itself, backticks, a token one character in, 004, a 40-character lower-cased body', () => {
    const good = syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 600, 600);
    // MAX_TOKEN_LENGTH is allowed (the token is then refused for what it is, not for its size).
    expect(decodeMessage(`007${'A'.repeat(syncLib.MAX_TOKEN_LENGTH - 3)}`)).not.toMatch(/^ERR_TOKEN_TOO_LARGE/);
    expect(decodeMessage(`007${'A'.repeat(syncLib.MAX_TOKEN_LENGTH - 2)}`)).toMatch(/^ERR_TOKEN_TOO_LARGE/);
    expect(decodeMessage(`\`${good}\``)).toMatch(/wrapped in quotes/);
    expect(decodeMessage(`x${good}`)).toMatch(/a token seems to start at index 1:/);
    expect(decodeMessage(`004${'a'.repeat(60)}`)).toMatch(/^ERR_TOKEN_UNSUPPORTED .*DynamicKey4 \(004\)/);
    expect(decodeMessage(`007${good.slice(3, 43).toLowerCase()}`)).toMatch(/\(all its letters are lower case; base64 is case-sensitive\)$/);
  });

  it('a 006 token lower- or upper-cased (still base64, no zlib to notice) names the letter case too', () => {
    const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 4_000_000_000);
    // The App ID is hex, so only the body's letters count.
    const lower = `${t006.slice(0, 35)}${t006.slice(35).toLowerCase()}`;
    expect(decodeMessage(lower)).toMatch(/^ERR_TOKEN_\w+ .* \(all its letters are lower case; base64 is case-sensitive\)$/);
    expect(decodeMessage(t006.toUpperCase())).toMatch(/\(all its letters are upper case; base64 is case-sensitive\)$/);
    expect(decodeMessage(t006)).toBe('decoded');
  });
});

describe('every decode failure is typed and names a field', () => {
  // Seeded mutations (replace, cut, insert, delete 1-3 characters) of a 007 RTC, a 007 RTM and a
  // 006 token, read by decodeToken, verifyToken and inspectToken: each failure must be an
  // AgoraTokenError with a field (a trailing-bytes error once had none, and zlib errors too).
  it('3000 damaged tokens', () => {
    // Fixed salts and times, so that a failure reproduces from the seed.
    const fixed = (service: InstanceType<typeof syncLib.Service>) => {
      const t = new syncLib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600);
      t.salt = 12345;
      return t.addService(service.addPrivilege(1, 600)).build();
    };
    const t006 = new legacySync.AccessToken(APP_ID, CERT, 'room', 1);
    t006.salt = 12345;
    t006.ts = 1_800_000_000;
    t006.addPrivilege(legacySync.Privileges.kJoinChannel, 1_800_000_000);
    const tokens = [fixed(new syncLib.ServiceRtc('room', 1)), fixed(new syncLib.ServiceRtm('user')), t006.build()];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
    let seed = 20261123;
    const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff), seed % n);
    const unnamed = new Set<string>();
    const codes = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      let token = tokens[next(3)]!;
      const kind = next(4);
      for (let j = 0, n = 1 + next(3); j < n; j++) {
        const at = next(token.length);
        const c = alphabet[next(alphabet.length)]!;
        token = [token.slice(0, at) + c + token.slice(at + 1), token.slice(0, at), token.slice(0, at) + c + token.slice(at), token.slice(0, at) + token.slice(at + 1)][kind]!;
      }
      for (const read of [() => syncLib.decodeToken(token), () => syncLib.verifyToken(token, CERT, { channelName: 'room', uid: 1 }), () => syncLib.inspectToken(token)]) {
        try {
          read();
        } catch (error) {
          const e = error as AgoraTokenError;
          codes.add(e.code);
          if (!isAgoraTokenError(error) || typeof e.field !== 'string' || !e.field) unnamed.add(`${e.code}: ${e.message}`);
        }
      }
    }
    // Bytes after the last field: rare in random damage, so built on purpose (a payload with one
    // byte appended, compressed again).
    const payload = unzlibSync(Uint8Array.from(atob(tokens[0]!.slice(3)), (ch) => ch.charCodeAt(0)));
    const longer = `007${btoa(String.fromCharCode(...zlibSync(Uint8Array.of(...payload, 0))))}`;
    for (const read of [() => syncLib.decodeToken(longer), () => syncLib.verifyToken(longer, CERT)]) {
      expect(read).toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_TRAILING_BYTES', field: 'token' }));
    }
    // A signature length other than 32 (the field is read as given, then refused by name).
    const shortSignature = Uint8Array.of(31, 0, ...payload.subarray(2, 33), ...payload.subarray(34));
    const odd = `007${btoa(String.fromCharCode(...zlibSync(shortSignature)))}`;
    for (const read of [() => syncLib.decodeToken(odd), () => syncLib.verifyToken(odd, CERT)]) {
      expect(read).toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED', field: 'signature' }));
    }
    expect([...unnamed]).toEqual([]);
    // The sample reaches every kind of damage the decoder reports.
    expect([...codes].sort()).toEqual(expect.arrayContaining(['ERR_TOKEN_BASE64', 'ERR_TOKEN_MALFORMED', 'ERR_TOKEN_TRUNCATED', 'ERR_TOKEN_VERSION', 'ERR_TOKEN_ZLIB']));
  });
});

describe('tokenKind', () => {
  it('names each kind of credential string by its shape, and anything else (a non-string too) unknown', () => {
    const t007 = syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 600, 600);
    const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 4_000_000_000);
    const kinds = [t007, t006, '005AQAoAD', '004x', '003x', APP_ID, 'hello', '', undefined, null, 7, {}].map((t) => syncLib.tokenKind(t as string));
    expect(kinds).toEqual(['007', '006', '005', '004', '003', 'app-id', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(asyncLib.tokenKind(t007)).toBe('007');
    // The 006 entries export it too.
    for (const lib of [legacySync, legacyAsync]) expect([t007, t006, APP_ID, 'x'].map((t) => lib.tokenKind(t))).toEqual(['007', '006', 'app-id', 'unknown']);
  });
});

describe('uid string messages', () => {
  // A string uid is taken only in canonical decimal form within u32; the message must fit every
  // refused string (it once said "non-numeric" for '4294967296' and '007').
  it.each(['4294967296', '007', 'abc', ' 42', '1e3', '0x1F', 'Infinity', 'user-1'])('%j is refused as "a string that is not one"', (uid) => {
    let error: unknown;
    try {
      syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', uid as unknown as number, 1, 60, 60);
    } catch (e) {
      error = e;
    }
    expect((error as AgoraTokenError).code).toBe('ERR_INVALID_UID');
    // Text with letters is usually a user account given to a uid method (AgoraIO/Tools#417).
    const hint = ['abc', 'user-1'].includes(uid) ? ' (a user account? see buildTokenWithUserAccount)' : '';
    expect((error as AgoraTokenError).message).toBe(`uid: expected an integer in 0..4294967295, got a string that is not one${hint}`);
  });
});

describe('uid text in the options form', () => {
  it("reads a decimal string as the number it spells: '0' is the any-uid wildcard, as 0 is", async () => {
    const base = { appId: APP_ID, appCertificate: CERT, channel: 'room', role: 'publisher', issuedAt: 1_700_000_000, salt: 7 } as const;
    for (const [given, same] of [['0', 0], ['1234', 1234]] as const) {
      const token = syncLib.buildRtcToken({ ...base, uid: given as unknown as number });
      expect(token).toBe(syncLib.buildRtcToken({ ...base, uid: same }));
      expect(await asyncLib.buildRtcToken({ ...base, uid: given as unknown as number })).toBe(token);
      expect(officialParse(token)!.services[0]!.fields).toEqual({ channelName: 'room', uid: same === 0 ? '' : '1234' });
    }
    // The positional builders pack the string '0' as the text "0", as agora-token does.
    const positional = syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', '0', 1, 60, 60);
    expect(officialParse(positional)!.services[0]!.fields).toEqual({ channelName: 'room', uid: '0' });
  });

  it('a bigint uid is refused by name in 007 and 006 (the official packages pack its digits; README: pass Number(uid))', () => {
    const expected = expect.objectContaining({ code: 'ERR_INVALID_UID', field: 'uid', message: 'uid: expected an integer in 0..4294967295, got bigint' });
    expect(() => syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42n as unknown as number, 1, 60, 60)).toThrow(expected);
    expect(() => syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 42n as unknown as number, role: 'publisher' })).toThrow(expected);
    expect(() => legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42n as unknown as number, 1, 2_000_000_000)).toThrow(expected);
  });

  it('an object id (a MongoDB ObjectId as req.user._id) is refused by name in 007 and 006; its String() builds (README: pass String(id))', () => {
    // The official RTC builders pack `${id}`; this library takes only numbers and strings there.
    const id = { toString: () => '65f1c2a9e4b0a1b2c3d4e5f6' };
    const account = expect.objectContaining({ code: 'ERR_INVALID_ACCOUNT', field: 'account', message: 'account: expected a string, got object' });
    const uid = expect.objectContaining({ code: 'ERR_INVALID_UID', field: 'uid', message: 'uid: expected an integer in 0..4294967295, got object' });
    expect(() => syncLib.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', id as never, 1, 60, 60)).toThrow(account);
    expect(() => syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', id as never, 1, 60, 60)).toThrow(uid);
    expect(() => legacySync.RtcTokenBuilder.buildTokenWithAccount(APP_ID, CERT, 'room', id as never, 1, 2_000_000_000)).toThrow(account);
    expect(() => legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', id as never, 1, 2_000_000_000)).toThrow(uid);
    const token = syncLib.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', String(id), 1, 60, 60);
    expect(officialParse(token)!.services[0]!.fields).toEqual({ channelName: 'room', uid: '65f1c2a9e4b0a1b2c3d4e5f6' });
  });

  it('points to the account option', () => {
    expect(() => syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 'alice' as unknown as number, role: 'publisher' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_UID', field: 'uid', message: 'uid: expected an integer in 0..4294967295, got a string that is not one (a user account? give it as account)' }),
    );
  });
});

describe('lifetimes in milliseconds', () => {
  // Date.now() is in ms; an expiry built from it is over 2^32 and used to get only the range rule.
  it('the positional and options-form builders ask "milliseconds?"', () => {
    const ms = Date.now() + 3_600_000;
    expect(thrownMessage(() => syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, ms, 3600))).toBe(
      `tokenExpire: expected an integer number of seconds in 0..4294967295 (milliseconds?), got ${ms}`,
    );
    expect(thrownMessage(() => syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 1, role: 'publisher', expiresInSeconds: ms }))).toMatch(
      /^expiresInSeconds: .*\(milliseconds\?\)/,
    );
    // Outside 10^12..10^14 (a u32 overflow that is no time in ms, Infinity) the rule stands alone.
    expect(thrownMessage(() => syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, Infinity, 3600))).toBe(
      'tokenExpire: expected an integer number of seconds in 0..4294967295, got Infinity',
    );
    expect(thrownMessage(() => syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 1e300, 3600))).not.toMatch(/milliseconds/);
    expect(thrownMessage(() => syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 2 ** 32, 3600))).toBe(
      'tokenExpire: expected an integer number of seconds in 0..4294967295, got 4294967296',
    );
  });

  it('values real call sites pass unconverted: an expiry from a query string or env file, NaN from a missing field, a 006 role as text', () => {
    // Seen in public token servers: `process.env.TOKEN_EXPIRE`, `now + body.expire` with no expire,
    // a role read from the request. The official packages build a broken token or throw a bare error.
    const now = Math.floor(Date.now() / 1000);
    expect(thrownMessage(() => syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, '3600' as never, 3600))).toBe(
      'tokenExpire: expected an integer number of seconds in 0..4294967295 (got a string; pass the number)',
    );
    expect(thrownMessage(() => legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, String(now + 60) as never))).toBe(
      'privilegeExpiredTs: expected an integer number of seconds in 0..4294967295 (got a string; pass the number)',
    );
    expect(thrownMessage(() => syncLib.ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'user', now + (undefined as unknown as number)))).toBe(
      'expire: expected an integer number of seconds in 0..4294967295, got NaN (from undefined?)',
    );
    expect(thrownMessage(() => syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 1, role: 'publisher', expiresInSeconds: '600' as never }))).toBe(
      'expiresInSeconds: expected an integer number of seconds in 1..999999999 (got a string; pass the number)',
    );
    for (const role of ['publisher', '1']) {
      expect(thrownMessage(() => legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, role as never, now + 60))).toBe(
        'role: expected RtcRole.ATTENDEE (0), PUBLISHER (1), SUBSCRIBER (2) or ADMIN (101) (got a string; pass the number)',
      );
    }
    // Only a string is told to pass the number: a role left out, null, a bad number or a boolean is not a string.
    for (const role of [undefined, null, 3, 1.5, true]) {
      expect(thrownMessage(() => legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, role as never, now + 60)), String(role)).toBe(
        'role: expected RtcRole.ATTENDEE (0), PUBLISHER (1), SUBSCRIBER (2) or ADMIN (101)',
      );
    }
  });

  it('a 006 role number in a 007 builder is named as such', () => {
    expect(thrownMessage(() => syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 101 as 1, 60, 60))).toBe(
      'role: expected RtcRole.PUBLISHER (1) or RtcRole.SUBSCRIBER (2) (0 and 101 are the 006 roles)',
    );
  });

  it("the options form names its own roles, for a role left out too, and points a client role ('host') to its builder name", () => {
    const base = { appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 1 };
    expect(thrownMessage(() => syncLib.buildRtcToken(base as never))).toBe("role: expected 'publisher' or 'subscriber' (or RtcRole 1 / 2)");
    expect(thrownMessage(() => syncLib.buildRtcToken({ ...base, role: 'host' as never }))).toMatch(/'host' is a client role: use 'publisher'/);
    expect(thrownMessage(() => syncLib.buildRtcToken({ ...base, role: 'audience' as never }))).toMatch(/use 'subscriber'/);
    for (const role of [0, 101]) expect(thrownMessage(() => syncLib.buildRtcToken({ ...base, role: role as never }))).toMatch(/\(0 and 101 are the 006 roles\)$/);
    expect(syncLib.decodeToken(syncLib.buildRtcToken({ ...base, role: 2 }))).toMatchObject({ services: [{ privileges: [{ name: 'joinChannel' }] }] });
  });
});

describe('006 call forms on the 007 builders', () => {
  it("RtmTokenBuilder.buildToken with 006's (account, role, privilegeExpiredTs) is refused, where agora-token builds a 1-second token", async () => {
    const official = createRequire(import.meta.url)('agora-token');
    const now = Math.floor(Date.now() / 1000);
    const theirs: string = official.RtmTokenBuilder.buildToken(APP_ID, CERT, 'user', 1, now + 3600);
    expect(syncLib.decodeToken(theirs)).toMatchObject({ expire: 1 }); // what the official package makes of it
    type Loose = (...args: unknown[]) => unknown;
    for (const lib of [syncLib, asyncLib]) {
      const error = await capture(() => (lib.RtmTokenBuilder.buildToken as Loose)(APP_ID, CERT, 'user', 1, now + 3600));
      expect(error).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'expire' });
      expect((error as Error).message).toMatch(/^expire: RtmTokenBuilder\.buildToken takes \(appId, appCertificate, userId, expire\) in 007.*drop the role/);
    }
    // Four arguments, the 007 form, are unaffected.
    expect(syncLib.decodeToken(syncLib.RtmTokenBuilder.buildToken(APP_ID, CERT, 'user', 3600))).toMatchObject({ expire: 3600 });
  });
});

describe('an error as a value (logged, returned from an API, sent to another thread)', () => {
  it('JSON.stringify and a spread give code, field and name (the message is an ordinary Error message), never the stack', () => {
    // The message stays where Error puts it, not an own enumerable field: set after super(), it left
    // Chromium's stack line without the message and threw under SES lockdown({ overrideTaming: 'min' }).
    const e = new AgoraTokenError('ERR_INVALID_UID', 'uid: expected an integer in 0..4294967295, got -1', { field: 'uid' });
    expect(JSON.parse(JSON.stringify(e))).toEqual({ name: 'AgoraTokenError', code: 'ERR_INVALID_UID', field: 'uid' });
    expect({ ...e }).toEqual({ name: 'AgoraTokenError', code: 'ERR_INVALID_UID', field: 'uid' });
    const fields = { code: e.code, field: e.field, message: e.message }; // what README says to send
    expect(JSON.parse(JSON.stringify(fields))).toEqual({ code: 'ERR_INVALID_UID', field: 'uid', message: e.message });
    expect(Object.getOwnPropertyDescriptor(e, 'message')).toMatchObject({ value: e.message, enumerable: false });
    expect(String(e)).toBe(`AgoraTokenError: ${e.message}`);
    expect(e.stack).toContain(`AgoraTokenError: ${e.message}`);
  });

  it('a structured clone (postMessage, worker_threads) keeps the message only, as README says', () => {
    const clone = structuredClone(new AgoraTokenError('ERR_INVALID_UID', 'uid: bad', { field: 'uid' })) as Error & { code?: string };
    expect(clone.message).toBe('uid: bad');
    expect(clone.code).toBeUndefined();
    expect(isAgoraTokenError(clone)).toBe(false);
  });

  it('a structured clone keeps a cause too, as plain as the error (README: Node keeps a cause)', () => {
    // A payload cut short: the ERR_TOKEN_ZLIB carries the inflater's error as its cause.
    const token = syncLib.RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 'room', 1, 1, 600, 600);
    const thrown = (() => {
      try {
        syncLib.decodeToken(token.slice(0, -8));
      } catch (error) {
        return error as AgoraTokenError;
      }
    })()!;
    expect(thrown).toMatchObject({ code: 'ERR_TOKEN_ZLIB', cause: { code: 'ERR_TOKEN_ZLIB' } });
    const clone = structuredClone(thrown) as Error & { code?: string; cause?: Error & { code?: string } };
    expect(clone.message).toBe(thrown.message);
    expect(clone.code).toBeUndefined();
    expect(clone.cause?.message).toBe((thrown.cause as Error).message);
    expect(clone.cause?.code).toBeUndefined();
  });
});
