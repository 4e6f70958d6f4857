/**
 * @module inspect/diagnose — "why is my token rejected?": the diagnose pipeline behind both
 * entries' `diagnoseToken`. It only yields crypto steps for the signature check, so the async
 * entry runs it on Web Crypto and `/sync` on the pure-JS HMAC with the same findings.
 */

import { utf8 } from '../core/bytes.ts';
import { crc32 } from '../core/crc32.ts';
import { type AgoraTokenError, isAgoraTokenError } from '../errors.ts';
import type { Pipeline } from '../sign/types.ts';
import { tokenKind } from '../token/version.ts';
import { appIdFindings, loginUserId, serviceFindings, userIdFindings } from './check-identity.ts';
import { rtcFindings } from './check-rtc.ts';
import { type Signed006, signatureFindings } from './check-signature.ts';
import { timeFindings } from './check-time.ts';
import { type DiagnoseExpectation, type Expected, normaliseExpected } from './expected.ts';
import { type Finding, finding, sortFindings } from './findings.ts';
import { inspectToken } from './inspect.ts';
import type { InspectedService, InspectedToken } from './types.ts';

/**
 * The diagnosis as a pipeline. Throws an AgoraTokenError only for a bad `expected`; anything
 * wrong with the token itself is a finding. Findings are sorted: errors, warnings, info.
 */
export function* diagnosePipeline(token: string, expectedInput?: DiagnoseExpectation): Pipeline<Finding[]> {
  const expected = normaliseExpected(expectedInput);
  let info: InspectedToken;
  try {
    info = inspectToken(token, { now: expected.now });
  } catch (error) {
    if (isAgoraTokenError(error)) return [unreadable(token, error, expected)];
    throw error;
  }
  const findings = appIdFindings(info, expected);
  const services = serviceFindings(info, expected);
  // An account alone (no channel, uid, role or service) on a token that also logs a user in to
  // RTM, Chat or APaaS is the user id of that login (DiagnoseExpectation.account) unless it is the
  // RTC identity: it is compared with those user ids, not taken for the RTC account, which was an
  // error for a healthy token. An app token (empty user id) logs no user in.
  const id = expected.identity;
  const login = services.relevant.filter((s) => s.name !== 'rtc' && (loginUserId(s) ?? '') !== '');
  const loginOnly = id?.kind === 'account' && expected.service === undefined && expected.channel === undefined && expected.publisher === undefined &&
    login.length > 0 && services.relevant.find((s) => s.name === 'rtc')?.fields['uid'] !== id.packed; // the RTC service rtcFindings reads without a channel
  const rtc = rtcFindings(info.version, services.relevant, loginOnly ? { ...expected, identity: undefined } : expected);
  // With several RTC services, time is judged on the one for the channel you join (if it matched,
  // by name or as the wildcard "*").
  const channel = rtc.service?.fields['channelName'];
  const joined = expected.channel !== undefined && (channel === expected.channel || channel === '*') ? rtc.service : undefined;
  const timed = joined ? services.relevant.filter((s) => s.name !== 'rtc' || s === joined) : services.relevant;
  findings.push(...services.findings, ...timeFindings(info, timed, expected.publisher));
  findings.push(...rtc.findings, ...userIdFindings(info, loginOnly ? login : services.relevant, expected));
  let signed: Signed006 = rtc.signed006;
  if (info.version === '006' && !rtc.service) signed = rtm006(services.relevant, expected);
  const why = whyUnchecked006(rtc.service, services.relevant, expected, findings);
  const signature = yield* signatureFindings(token, expected.appCertificate, signed, why);
  findings.push(...signature);
  // `signed` is set only when every CRC-32 the signature needs was compared and matched.
  if (info.version === '006' && signed !== undefined && expected.appCertificate === undefined) {
    findings.push(finding('CRC_ONLY_CHECK',
      `A 006 token stores only the CRC-32 of the ${rtc.service ? 'channel name and uid' : 'user account'}; yours match, which is strong evidence but not proof.`,
      'Give the App Certificate too, so the signature over the real values is checked.'));
  }
  return sortFindings(withoutCertificate(findings, expected.appCertificate));
}

/**
 * Why a 006 signature could not be checked (only the CRC-32s of the channel, uid or account are in
 * the token, so the real values must be given and match): what was missing, and what did not match.
 */
function whyUnchecked006(rtc: InspectedService | undefined, relevant: readonly InspectedService[], expected: Expected, findings: readonly Finding[]): string {
  const has = (code: string) => findings.some((f) => f.code === code);
  if (rtc) {
    const channel = expected.channel === undefined ? 'no channel was given' : has('CHANNEL_MISMATCH') ? 'the channel given does not match its CRC-32' : '';
    const uid = expected.identity === undefined
      ? (rtc.fields['crcUid'] !== 0 ? 'no uid/account was given' : '')
      : has('UID_MISMATCH') || has('ACCOUNT_UID_CONFUSION') ? 'the uid/account given does not match its CRC-32' : '';
    return [channel, uid].filter(Boolean).join('; ') || 'the channel/uid given do not match the CRC-32s in the token';
  }
  if (relevant.some((x) => x.name === 'rtm')) return expected.identity === undefined ? 'no user account was given' : 'the account given does not match the CRC-32 in the token';
  return 'the token has no service of the kind asked for to check it with';
}

/**
 * No finding quotes the certificate: when it was also given as a channel or account (or packed
 * into the token as one), the messages that compare those would. Replaced, whatever its case.
 */
function withoutCertificate(findings: Finding[], certificate: string | undefined): Finding[] {
  if (certificate === undefined) return findings;
  // 32 hex characters: no regex syntax. Made once, and details copied only where they quote it: a
  // 32 KiB token can give ~14,000 findings, and a JSON round trip of each was most of diagnosing it.
  const pattern = new RegExp(certificate, 'gi');
  const hide = (text: string) => text.replace(pattern, '[App Certificate]');
  return findings.map((f) => {
    const out: Finding = { ...f, message: hide(f.message), fix: hide(f.fix) };
    const json = f.details && JSON.stringify(f.details);
    const hidden = json && hide(json);
    if (hidden !== json) out.details = JSON.parse(hidden!) as Finding['details'];
    return out;
  });
}

function rtm006(relevant: InspectedService[], expected: Expected): Signed006 {
  const rtm = relevant.find((s) => s.name === 'rtm');
  const id = expected.identity;
  if (!rtm || !id || crc32(utf8(id.packed)) !== rtm.fields['crcAccount']) return undefined;
  // 006 RTM tokens sign the account in the channel slot and an empty uid (SPEC Q18).
  return { channel: id.packed, uid: '' };
}

// A field that runs past the payload's end is a cut token as often as a changed one: a changed
// character in a 006 length field, or a 006 token lower- or upper-cased (no zlib step to notice),
// claims more bytes than there are. So ERR_TOKEN_TRUNCATED gets zlib's advice, not "cut short".
const ALTERED = 'The token was altered, cut short or changed in letter case: copy it whole and unmodified.';

const MALFORMED_FIX: Partial<Record<string, string>> = {
  ERR_TOKEN_BASE64: 'Pass the token exactly as the server returned it (the message names what changed it); in URLs encode it with encodeURIComponent so "+" does not become a space.',
  ERR_TOKEN_VERSION: 'A token starts with 007 (AccessToken2) or 006 (AccessToken): check that you passed the token and not another value, without quotes or spaces.',
  ERR_TOKEN_TRUNCATED: ALTERED,
  ERR_TOKEN_ZLIB: ALTERED,
};

function unreadable(token: string, error: AgoraTokenError, expected: Expected): Finding {
  const kind = typeof token === 'string' ? tokenKind(token) : 'unknown';
  if (kind === 'app-id') {
    // An App Certificate has the same shape: when it is the one given (or not the App ID given),
    // say so, and keep it off the client, rather than advise passing it to the SDK as its appId.
    const lower = token.toLowerCase();
    const certificate = lower === expected.appCertificate?.toLowerCase() ? 'are your App Certificate' : expected.appId !== undefined && lower !== expected.appId.toLowerCase() ? 'are not your App ID, so probably an App Certificate, and' : '';
    return certificate
      ? finding('APP_ID_INSTEAD_OF_TOKEN', `These 32 hex characters ${certificate} not a token.`, 'Pass the token your token server built; keep the App Certificate on the server (if it leaked, rotate it in Agora Console).', { errorCode: error.code })
      : finding('APP_ID_INSTEAD_OF_TOKEN', 'This is a 32-hex App ID (or an App Certificate), not a token (a project in "App ID only" mode needs no token).', 'Pass the token your token server built; an App ID goes to the SDK\'s appId, an App Certificate stays on the server.', { errorCode: error.code });
  }
  if (error.code === 'ERR_TOKEN_UNSUPPORTED') {
    return finding('TOKEN_UNSUPPORTED', `This is an older dynamic key (${kind}), which current SDKs and this library do not support.`, 'Build AccessToken2 (007) tokens with agora-token-kit or the official agora-token package.', { errorCode: error.code, kind });
  }
  return finding('TOKEN_MALFORMED', `The token cannot be read: ${error.message}${error.message.endsWith('?') ? '' : '.'}`, MALFORMED_FIX[error.code] ?? 'Rebuild the token with an official builder or agora-token-kit and pass it unmodified.', { errorCode: error.code, field: error.field ?? null });
}
