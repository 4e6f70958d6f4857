/**
 * @module inspect/check-identity — findings about which project and service a token is for:
 * App ID, wrong service (e.g. an RTM-only token used for RTC), RTM/Chat/APaaS user ids.
 */

import { md5Hex } from '../core/md5.ts';
import { crc32 } from '../core/crc32.ts';
import { utf8 } from '../core/bytes.ts';
import type { Expected } from './expected.ts';
import { type Finding, finding } from './findings.ts';
import { crcHex } from './describe-service.ts';
import { satisfiedBy } from './service-info.ts';
import type { InspectedService, InspectedToken } from './types.ts';

/**
 * An App ID that matches nothing, shown in part: a certificate passed as the App ID by mistake has
 * the same form, and findings get pasted into issue trackers.
 */
function partly(value: string): string {
  return value.length > 12 ? `${value.slice(0, 4)}…${value.slice(-4)}` : value;
}

/** App ID checks, including certificate and App ID swapped. */
export function appIdFindings(info: InspectedToken, expected: Expected): Finding[] {
  const out: Finding[] = [];
  if (expected.appCertificate !== undefined && expected.appCertificate.toLowerCase() === info.appId.toLowerCase()) {
    // The token's App ID is the certificate here, so no other finding may quote it.
    return [finding('CREDENTIALS_SWAPPED',
      'The token carries your App Certificate in its App ID field: the token server passes the certificate where the App ID belongs.',
      'Swap the two arguments on the token server (appId first, appCertificate second) and rotate the certificate, since tokens are not secret.')];
  }
  // The certificate packed as a channel name or account (the builders take any text there): the
  // token is public, so the certificate is too.
  const cert = expected.appCertificate?.toLowerCase();
  const leaked = cert === undefined ? undefined : info.services.flatMap((s) => Object.entries(s.fields)).find(([, v]) => typeof v === 'string' && v.toLowerCase() === cert);
  if (leaked) {
    out.push(finding('CERTIFICATE_IN_TOKEN',
      `The token carries your App Certificate in its ${leaked[0]} field, readable by anyone who sees the token.`,
      'Rotate the certificate in Agora Console; pass it only as appCertificate.',
      { field: leaked[0] }));
  }
  if (expected.appId === undefined || expected.appId === info.appId) return out;
  if (expected.appId.toLowerCase() === info.appId.toLowerCase()) {
    out.push(finding('APP_ID_CASE_MISMATCH',
      `The token's App ID ${info.appId} differs from yours (${expected.appId}) only in letter case; the App ID text is signed as written.`,
      'Use the App ID exactly as Agora Console shows it, on the token server and in the client.',
      { tokenAppId: info.appId, expectedAppId: expected.appId }));
  } else {
    out.push(finding('APP_ID_MISMATCH',
      `The token was built for App ID ${info.appId}, but you use ${partly(expected.appId)}.`,
      'Build tokens with the same project\'s App ID and App Certificate that the client passes to the SDK (if the value shown is your App Certificate, the two are swapped).',
      { tokenAppId: info.appId, expectedAppId: partly(expected.appId) }));
  }
  return out;
}

/** The services the caller uses (all when unknown), plus WRONG_SERVICE / NO_SERVICES / UNKNOWN_SERVICE. */
export function serviceFindings(info: InspectedToken, expected: Expected): { relevant: InspectedService[]; findings: Finding[] } {
  const out: Finding[] = [];
  const known = info.services.filter((s) => s.name !== 'unknown');
  for (const s of info.services) {
    if (s.name === 'unknown') out.push(finding('UNKNOWN_SERVICE', `The token holds service type ${s.type}, which this library does not know; services after it were not read.`, 'Update agora-token-kit; the signature check still covers the whole token.', { type: s.type }));
  }
  if (known.length === 0 && !out.length) {
    out.push(finding('NO_SERVICES', `The ${info.version} token grants no ${info.version === '007' ? 'service' : 'privilege'} at all.`, 'Build it with a builder for the service you use (e.g. RtcTokenBuilder.buildTokenWithUid).'));
    return { relevant: [], findings: out };
  }
  if (expected.service === undefined) return { relevant: known, findings: out };
  const wanted = satisfiedBy(expected.service) as readonly string[];
  // A ConvoAI/STT agent also joins RTC and logs in to RTM with the same token: check those too.
  const companions = expected.service === 'convoai' || expected.service === 'stt' ? ['rtc', 'rtm'] : [];
  const relevant = known.filter((s) => wanted.includes(s.name) || companions.includes(s.name));
  if (!known.some((s) => wanted.includes(s.name))) {
    const has = known.map((s) => `${s.name.toUpperCase()} (${s.usedFor})`).join('; ');
    out.push(finding('WRONG_SERVICE',
      `This token has no ${expected.service.toUpperCase()} service; it is for ${has || 'nothing this library can read'}.`,
      `Build a token for ${expected.service.toUpperCase()} (e.g. ${builderHint(expected.service)}) or use this one with the service it was built for.`,
      { expectedService: expected.service, tokenServices: known.map((s) => s.name) }));
  }
  return { relevant, findings: out };
}

function builderHint(service: string): string {
  const hints: Record<string, string> = {
    rtc: 'RtcTokenBuilder.buildTokenWithUid, or buildTokenWithRtm for one token with both RTC and RTM',
    rtm: 'RtmTokenBuilder.buildToken',
    rtm2: 'RtmTokenBuilder.buildTokenWithPermissions',
    chat: 'ChatTokenBuilder.buildUserToken',
    apaas: 'ApaasTokenBuilder.buildRoomUserToken',
    education: 'EducationTokenBuilder.buildRoomUserToken',
    fpa: 'FpaTokenBuilder.buildToken',
    convoai: 'ConvoAITokenBuilder.buildToken',
    stt: 'SttTokenBuilder.buildToken',
  };
  return hints[service] ?? `a builder for ${service}`;
}

/** The user id a service logs in with (APaaS: userUuid; RTM, RTM2, Chat: userId); undefined for the others. */
export function loginUserId(s: InspectedService): string | number | undefined {
  return s.fields[s.name === 'apaas' ? 'userUuid' : 'userId'];
}

/** RTM/RTM2/Chat/APaaS user id checks (007 strings, 006 RTM via the account's CRC-32). */
export function userIdFindings(info: InspectedToken, relevant: InspectedService[], expected: Expected): Finding[] {
  const id = expected.identity;
  // When an RTC service is in play, the identity is the RTC uid/account (see rtcFindings).
  if (!id || relevant.some((s) => s.name === 'rtc')) return [];
  const out: Finding[] = [];
  // The Chat user id an APaaS room-user token gives this user, found once: looked for per service,
  // a 32 KiB token of ~4,700 Chat services scanned every service (and hashed the id) for each one.
  const apaasChatId = info.services.some((x) => x.name === 'apaas') ? md5Hex(id.packed) : undefined;
  for (const s of relevant) {
    if (s.name === 'rtm' && info.version === '006') {
      const want = crc32(utf8(id.packed));
      if (want !== s.fields['crcAccount']) {
        out.push(finding('USER_ID_MISMATCH',
          `The 006 RTM token was built for another user account: its CRC-32 is ${crcHex(s.fields['crcAccount'] as number)}, "${id.packed}" gives ${crcHex(want)}.`,
          'Build the RTM token for the exact user id you log in with (case and spaces matter).',
          { service: 'rtm', tokenCrc: s.fields['crcAccount']!, expectedCrc: want }));
      }
      continue;
    }
    const actual = loginUserId(s);
    if (typeof actual !== 'string') continue;
    if ((s.name === 'chat' || s.name === 'apaas') && actual === '') {
      // A Chat or APaaS app token names no user: it is for the app server's REST calls, and the SDK
      // refuses it at login. Said only when the caller names the service it logs in to (+ a user).
      if (expected.service !== undefined) {
        out.push(finding('USER_ID_MISMATCH',
          `The ${s.name} service is an app token (it names no user): it authorizes your app server's REST calls, not a login as "${id.packed}".`,
          `Build a user token for the login: ${s.name === 'chat' ? 'Chat' : expected.service === 'education' ? 'Education' : 'Apaas'}TokenBuilder.buildUserToken(appId, appCertificate, "${id.packed}", expire).`,
          { service: s.name, tokenUserId: actual, expectedUserId: id.packed }));
      }
      continue;
    }
    // A login needs its privilege (RTM, RTM2: login; Chat: user), as joining RTC needs joinChannel.
    if (s.name !== 'apaas' && !s.privileges.some((p) => p.id === 1)) {
      out.push(finding('LOGIN_PRIVILEGE_MISSING', `The ${s.name} service has no ${s.name === 'chat' ? 'user' : 'login'} privilege, so the login is refused.`,
        `Build it with ${builderHint(s.name)}, which grants it.`, { service: s.name, privileges: s.privileges.map((p) => p.id) }));
    }
    // APaaS / Education room-user tokens log the user in to Chat as md5(userUuid), by design.
    const apaasChat = s.name === 'chat' && actual === apaasChatId;
    // The Chat SDK takes user ids case-insensitively (it lowercases them) from a-z 0-9 _ - . only.
    const chatLogin = s.name === 'chat' && !apaasChat;
    if (chatLogin && !/^[a-z0-9_.-]{1,64}$/.test(actual)) {
      out.push(finding('CHAT_USER_ID_FORM',
        `The Chat user id in the token, "${actual}", is not one the Chat SDK logs in with: it lowercases upper-case letters and takes at most 64 of a-z, 0-9, "_", "-" and ".".`,
        'Build the Chat token for the user id as the Chat SDK uses it: lower case, with only a-z, 0-9, "_", "-" and ".".',
        { service: s.name, tokenUserId: actual }));
    }
    if (chatLogin ? actual.toLowerCase() !== id.packed.toLowerCase() : actual !== id.packed && !apaasChat) {
      out.push(finding('USER_ID_MISMATCH',
        `The ${s.name} service was built for user "${actual}", but you log in as "${id.packed}".`,
        'Build the token for the exact user id you log in with (case and spaces matter).',
        { service: s.name, tokenUserId: actual, expectedUserId: id.packed }));
    }
  }
  return out;
}
