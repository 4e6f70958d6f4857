/**
 * Type-level tests of the public API as a TypeScript consumer sees it: compiled (never run) by
 * test/types.test.ts against the BUILT declarations in dist/, resolved by package name through
 * "exports". `expectType<Equal<A, B>>()` fails to compile unless A and B are the same type, and
 * each `@ts-expect-error` must sit on a real error (tsc reports an unused one).
 */
import {
  AccessToken2,
  buildRtcToken,
  decodeToken,
  diagnoseToken,
  inspectToken,
  RtcRole,
  RtcTokenBuilder,
  Rtm2Permissions,
  ServiceRtc,
  ServiceRtm2,
  tokenExpiresAt,
  verifyToken,
  type Finding,
  type InspectedToken,
  type InspectedToken006,
  type InspectedToken007,
} from 'agora-token-kit';
import { AgoraTokenError, isAgoraTokenError, type TokenErrorCode } from 'agora-token-kit/errors';
import type * as official from 'agora-token';
import type * as official006 from 'agora-access-token';
import * as legacy from 'agora-token-kit/legacy';
import * as legacySync from 'agora-token-kit/legacy/sync';
import { createTokenHandler } from 'agora-token-kit/server';
import * as sync from 'agora-token-kit/sync';
import syncDefault from 'agora-token-kit/sync';
import legacySyncDefault from 'agora-token-kit/legacy/sync';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | void {}

const APP = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
declare const token: string;

// The main entry is asynchronous; /sync has the same names, synchronous (agora-token's types).
const mainRtc = RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, RtcRole.PUBLISHER, 3600, 3600);
expectType<Equal<typeof mainRtc, Promise<string>>>();
const syncRtc = sync.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, sync.RtcRole.SUBSCRIBER, 3600, 3600);
expectType<Equal<typeof syncRtc, string>>();
expectType<Equal<ReturnType<typeof verifyToken>, Promise<boolean>>>();
expectType<Equal<ReturnType<typeof sync.verifyToken>, boolean>>();
expectType<Equal<ReturnType<typeof diagnoseToken>, Promise<Finding[]>>>();
expectType<Equal<ReturnType<typeof sync.diagnoseToken>, Finding[]>>();
// Inspecting needs no certificate and no Web Crypto: synchronous on both entries.
expectType<Equal<ReturnType<typeof inspectToken>, InspectedToken>>();
// InspectedToken is a union on `version`: checking it narrows the issue time, the lifetime and `decoded`.
const inspected = inspectToken(token);
expectType<Equal<InspectedToken, InspectedToken007 | InspectedToken006>>();
expectType<Equal<typeof inspected.issuedAt, number | null>>();
if (inspected.version === '007') {
  expectType<Equal<typeof inspected.issuedAt, number>>();
  expectType<Equal<typeof inspected.lifetimeSeconds, number>>();
  expectType<Equal<typeof inspected.decoded.version, '007'>>();
  void inspected.decoded.services.length;
} else {
  expectType<Equal<typeof inspected.issuedAt, null>>();
  expectType<Equal<typeof inspected.issuedAtIso, null>>();
  expectType<Equal<typeof inspected.decoded.version, '006'>>();
  // @ts-expect-error a 006 token has no services list in `decoded` (only privileges)
  void inspected.decoded.services;
}
expectType<Equal<ReturnType<typeof tokenExpiresAt>, Date>>();
expectType<Equal<typeof RtcRole.PUBLISHER, RtcRole>>();
// The constants have the role type, not single literals: a `let` of one can take the other, as with agora-token.
let role = sync.RtcRole.SUBSCRIBER;
if (mainRtc !== undefined) role = sync.RtcRole.PUBLISHER;
let role006 = legacySync.RtcRole.ATTENDEE;
if (mainRtc !== undefined) role006 = legacySync.RtcRole.ADMIN;
export const roles = [role, role006];
// The class type has only the official static methods (no private members leak into it).
expectType<Equal<Exclude<keyof typeof sync.RtcTokenBuilder, 'prototype'>, 'buildTokenWithUid' | 'buildTokenWithUserAccount' | 'buildTokenWithUidAndPrivilege' | 'BuildTokenWithUserAccountAndPrivilege' | 'buildTokenWithUserAccountAndPrivilege' | 'buildTokenWithRtm' | 'buildTokenWithRtm2'>>();
// The default exports stand in for the official CommonJS module objects.
expectType<Equal<keyof typeof syncDefault, keyof typeof official>>();
expectType<Equal<keyof typeof legacySyncDefault, keyof typeof official006>>();

// The positional API takes the official role numbers only.
// @ts-expect-error a string is not a role here (the options form takes 'publisher')
RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, 'publisher', 3600, 3600);
// @ts-expect-error 007 roles are 1 and 2 (0 and 101 are 006 roles)
sync.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, 101, 3600, 3600);
// @ts-expect-error tokenExpire is required, as in agora-token
sync.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, 1);
// privilegeExpire too, as in agora-token: the 006 habit of one absolute time must not compile.
// @ts-expect-error a 006-style call (one privilegeExpiredTs) to a 007 builder
sync.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, 1, Math.floor(Date.now() / 1000) + 3600);
// @ts-expect-error the same for user accounts
RtcTokenBuilder.buildTokenWithUserAccount(APP, CERT, 'room', 'alice', 1, 3600);
// @ts-expect-error and for RTC + RTM
sync.RtcTokenBuilder.buildTokenWithRtm(APP, CERT, 'room', 'alice', 1, 3600);

// The options form: named fields, role by name, typos caught.
const fromOptions = buildRtcToken({ appId: APP, appCertificate: CERT, channel: 'room', uid: 42, role: 'publisher', expiresInSeconds: 600 });
expectType<Equal<typeof fromOptions, Promise<string>>>();
expectType<Equal<ReturnType<typeof sync.buildRtcToken>, string>>();
// @ts-expect-error 'owner' is no role
buildRtcToken({ appId: APP, appCertificate: CERT, channel: 'room', uid: 42, role: 'owner' });
// @ts-expect-error channel is required
sync.buildRtcToken({ appId: APP, appCertificate: CERT, uid: 42, role: 'subscriber' });
// @ts-expect-error a misspelt option is an error, not silently ignored
sync.buildRtcToken({ appId: APP, appCertificate: CERT, channel: 'room', uid: 42, role: 'subscriber', expireSeconds: 60 });

// AccessToken2 as in agora-token; services and permissions may come from either 007 entry.
const t = new sync.AccessToken2(APP, CERT, 0, 3600);
t.addService(new ServiceRtc('room', 42).addPrivilege(ServiceRtc.kPrivilegeJoinChannel, 3600));
t.add_service(new sync.ServiceRtm2('alice', new Rtm2Permissions().add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kRead, ['lobby'])));
expectType<Equal<ReturnType<typeof t.build>, string>>();
expectType<Equal<ReturnType<AccessToken2['build']>, Promise<string>>>();
void new ServiceRtm2('bob');
// Reading a token the official way: no credentials, from_string, verifySignature.
const parsed = new sync.AccessToken2();
expectType<Equal<ReturnType<typeof parsed.from_string>, boolean>>();
expectType<Equal<ReturnType<typeof parsed.verifySignature>, boolean>>();
expectType<Equal<ReturnType<AccessToken2['verifySignature']>, Promise<boolean>>>();
void new AccessToken2('', '', 0, 0).from_string(token);
// @ts-expect-error from_string takes the token string
parsed.from_string(42);
// @ts-expect-error a plain object is not a Service
t.addService({ type: 1 });

// decodeToken: a union on `version`, narrowed by checking it.
const decoded = decodeToken(token);
if (decoded.version === '007') {
  expectType<Equal<typeof decoded.salt, number>>();
  for (const service of decoded.services) void service.name;
} else {
  expectType<Equal<typeof decoded.version, '006'>>();
}
expectType<Equal<ReturnType<typeof decodeToken>, ReturnType<typeof sync.decodeToken>>>();

// Errors: one class for every entry, a closed set of codes, and a type guard.
try {
  syncRtc.toString();
} catch (error) {
  if (isAgoraTokenError(error)) {
    expectType<Equal<typeof error, AgoraTokenError>>();
    expectType<Equal<typeof error.code, TokenErrorCode>>();
    expectType<Equal<typeof error.field, string | undefined>>();
  }
}
const code: TokenErrorCode = 'ERR_INVALID_APP_ID';
void code;
// @ts-expect-error not one of the library's error codes
const notACode: TokenErrorCode = 'ERR_SOMETHING_ELSE';
void notACode;

// 006: absolute expiry (Unix seconds), its own role numbers, async and sync entries.
const t006 = legacy.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, legacy.RtcRole.PUBLISHER, 1_900_000_000);
expectType<Equal<typeof t006, Promise<string>>>();
const t006s = legacySync.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, legacySync.RtcRole.ADMIN, 1_900_000_000);
expectType<Equal<typeof t006s, string>>();

// The server: a Web-standard fetch handler.
const handler = createTokenHandler({ appId: APP, appCertificate: CERT });
expectType<Equal<Awaited<ReturnType<typeof handler>>, Response>>();

// Drop-in typing: /sync's builders fit agora-token's own declarations (its index.d.ts), so code
// typed against it compiles against ours. The one deliberate exception: an RTC role typed as any
// number does not fit ours, which takes RtcRole (1 | 2) so that 006 roles fail to compile.
export const fitsChat: typeof official.ChatTokenBuilder = sync.ChatTokenBuilder;
export const fitsApaas: typeof official.ApaasTokenBuilder = sync.ApaasTokenBuilder;
export const fitsEducation: typeof official.EducationTokenBuilder = sync.EducationTokenBuilder;
export const fitsFpa: typeof official.FpaTokenBuilder = sync.FpaTokenBuilder;
export const fitsRtcRole: typeof official.RtcRole = sync.RtcRole;
export const fitsRtmBuildToken: typeof official.RtmTokenBuilder.buildToken = sync.RtmTokenBuilder.buildToken;
// @ts-expect-error role: number (official) does not fit role: RtcRole (ours), on purpose
export const fitsRtc: typeof official.RtcTokenBuilder = sync.RtcTokenBuilder;
// The same for /legacy/sync and agora-access-token's declarations (roles: RtcRole, 0 | 1 | 2 | 101).
export const fits006Rtm: typeof official006.RtmTokenBuilder = legacySync.RtmTokenBuilder;
export const fits006RtcRole: typeof official006.RtcRole = legacySync.RtcRole;
export const fits006RtmRole: typeof official006.RtmRole = legacySync.RtmRole;
// @ts-expect-error role: number (official) does not fit role: RtcRole (ours), on purpose
export const fits006Rtc: typeof official006.RtcTokenBuilder = legacySync.RtcTokenBuilder;

// The builders are classes, as the official ones are: code that extends one (to add its own
// static helpers) or instantiates one compiles, and the subclass keeps the entry's return types.
class RoomTokens extends sync.RtcTokenBuilder {
  static forRoom(room: string): string {
    return RoomTokens.buildTokenWithUid(APP, CERT, room, 0, sync.RtcRole.SUBSCRIBER, 600, 600);
  }
}
expectType<Equal<ReturnType<typeof RoomTokens.forRoom>, string>>();
expectType<Equal<ReturnType<typeof RtcTokenBuilder.buildTokenWithRtm>, Promise<string>>>();
export const instance006 = new legacySync.RtcTokenBuilder();
