/**
 * @module inspect/check-rtc — RTC findings: channel name, uid/account (uid 0 wildcard, string
 * "0", account-vs-uid), join and publish privileges. 006 compares CRC-32s (SPEC 3.1, 3.4).
 */

import { assertChannel } from '../core/assert.ts';
import { utf8 } from '../core/bytes.ts';
import { crc32 } from '../core/crc32.ts';
import { visibleText } from '../core/text.ts';
import { isAgoraTokenError } from '../errors.ts';
import { crcHex } from './describe-service.ts';
import type { Expected } from './expected.ts';
import { type Finding, finding } from './findings.ts';
import { describeUid, isNumericUid } from './service-info.ts';
import type { InspectedService } from './types.ts';

/** What the RTC checks learned, for the signature check of a 006 token. */
export interface RtcMatch {
  findings: Finding[];
  /** The service compared with (007: the one whose channel matches). */
  service: InspectedService | undefined;
  /** 006: channel/uid whose CRC matched (the signed text), when both did. */
  signed006?: { channel: string; uid: string };
}

const CRC_ZERO_TEXT = /* @__PURE__ */ crc32(/* @__PURE__ */ utf8('0'));
const CRC_WILDCARD = /* @__PURE__ */ crc32(/* @__PURE__ */ utf8('*'));

/** RTC findings for the relevant RTC services of a token. */
export function rtcFindings(version: '007' | '006', relevant: InspectedService[], expected: Expected): RtcMatch {
  const rtc = relevant.filter((s) => s.name === 'rtc');
  if (rtc.length === 0) return { findings: [], service: undefined };
  const out: Finding[] = [];
  const channels = version === '007' ? rtc.map((s) => s.fields['channelName'] as string) : [];
  // "*" in a 007 token is Agora's wildcard channel; as the channel a client joins, it is no name.
  for (const name of new Set([...channels.filter((c) => c !== '*'), ...(expected.channel === undefined ? [] : [expected.channel])])) out.push(...channelRule(name));
  let service = rtc[0]!;
  let channelOk = false;
  if (expected.channel !== undefined) {
    const want = expected.channel;
    if (version === '007') {
      // An exact match first, then a wildcard service, which matches every channel; of each, first
      // one whose uid admits the identity (a named service for another uid hid a wildcard service
      // for this one, a join Agora admits).
      const id = expected.identity;
      const pick = (name: string, any?: boolean) => rtc.find((s) => s.fields['channelName'] === name && (any || !id || s.fields['uid'] === id.packed || (s.fields['uid'] === '' && name !== '*')));
      const hit = pick(want) ?? pick('*') ?? pick(want, true) ?? pick('*', true);
      if (hit) [service, channelOk] = [hit, true];
      else out.push(channelMismatch(channels, want));
    } else {
      const crc = crc32(utf8(want));
      channelOk = crc === service.fields['crcChannelName'];
      if (!channelOk) {
        const stored = service.fields['crcChannelName'] as number;
        out.push(finding('CHANNEL_MISMATCH',
          `The 006 token was built for another channel: it stores CRC-32 ${crcHex(stored)}, and "${want}" gives ${crcHex(crc)}.${stored === CRC_WILDCARD ? ' That is "*", but a wildcard token must be 007.' : ''}`,
          'Build the token for the exact channel name you join (names are case-sensitive; watch for spaces).',
          { tokenCrc: stored, expectedCrc: crc, expectedChannel: want }));
      }
    }
  }
  const uid = expected.identity
    ? version === '007' ? uid007(service.fields['uid'] as string, expected.identity) : uid006(service.fields['crcUid'] as number, expected.identity)
    : noIdentity(version, service);
  if (version === '007' && service.fields['channelName'] === '*') {
    const wildcard = wildcardFinding(service, expected.channel);
    out.push(wildcard);
    // Its uid 0 is no "any uid may join" there: the wildcard token is refused outright.
    if (wildcard.code === 'CHANNEL_WILDCARD_UID_ZERO') uid.findings = uid.findings.filter((f) => f.code !== 'UID_WILDCARD');
  }
  out.push(...uid.findings);
  if (!service.privileges.some((p) => p.id === 1)) {
    out.push(finding('JOIN_PRIVILEGE_MISSING', 'The RTC service has no joinChannel privilege, so joining the channel is refused.', 'Build the RTC token with a builder method (buildTokenWithUid / buildTokenWithUserAccount), which always grants joinChannel.', { privileges: service.privileges.map((p) => p.id) }));
  }
  if (expected.publisher) {
    const missing = [2, 3, 4].filter((id) => !service.privileges.some((p) => p.id === id));
    if (missing.length) {
      const label = missing.map((id) => ['publishAudioStream', 'publishVideoStream', 'publishDataStream'][id - 2]).join(', ');
      out.push(finding('PUBLISH_PRIVILEGE_MISSING',
        `You join as a host/publisher, but the token lacks ${label}; with co-host authentication enabled, publishing is refused.`,
        `Build it with role PUBLISHER (RtcRole.PUBLISHER = 1${version === '006' ? '; 006 also accepts ATTENDEE 0 and ADMIN 101' : ''}) or give the publish privileges explicitly.`,
        { missing }));
    }
  }
  const result: RtcMatch = { findings: out, service };
  if (version === '006' && channelOk && uid.signedUid !== undefined) result.signed006 = { channel: expected.channel!, uid: uid.signedUid };
  return result;
}

/** A 007 wildcard token (channel "*", SPEC 6): fine for any channel, but only with a uid other than 0. */
function wildcardFinding(service: InspectedService, joined: string | undefined): Finding {
  const uid = service.fields['uid'] as string;
  if (uid === '' || uid === '0') {
    return finding('CHANNEL_WILDCARD_UID_ZERO', `The token is a wildcard token (channel "*") built for ${uid === '' ? 'uid 0' : 'the uid text "0"'}, but Agora accepts a wildcard token only for a uid other than 0.`,
      'Build the wildcard token for the uid or user account the user joins with.', { tokenUid: uid });
  }
  const publishes = service.privileges.some((p) => p.id > 1);
  return finding('CHANNEL_WILDCARD',
    `The token is a wildcard token (channel "*"): it joins any channel${joined === undefined ? '' : `, "${joined}" included,`} with ${describeUid(uid)}${publishes ? ', and may publish in every one of them' : ''}.`,
    publishes ? 'Agora advises wildcard tokens for audience members only: build them with role SUBSCRIBER, and a channel-specific token for hosts.' : 'Nothing to do.',
    { tokenUid: uid, publishes });
}

function channelRule(name: string): Finding[] {
  if (name === '*') {
    return [finding('CHANNEL_NAME_INVALID', 'The channel "*" is not a name to join: in a token it stands for every channel (a wildcard token).', 'Join the real channel name; a wildcard token works for any of them.', { channel: name })];
  }
  try {
    assertChannel(name, `channel "${name}"`);
    return [];
  } catch (error) {
    if (!isAgoraTokenError(error)) throw error;
    return [finding('CHANNEL_NAME_INVALID', `The ${error.message.replace(/^channel "(.*)":/s, 'channel name "$1"')}.`, 'Use 1-63 bytes from a-z A-Z 0-9 space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ , on both the token server and the client.', { channel: name })];
  }
}

/** Names that print the same: a zero-width or bidi character (shown as \u{…} in the message) is the difference. */
const INVISIBLE_HINT = ' They differ only in invisible characters.';

function channelMismatch(channels: string[], want: string): Finding {
  const shown = channels.map((c) => `"${c}"`).join(' and ');
  let hint = '';
  if (channels.some((c) => c.toLowerCase() === want.toLowerCase())) hint = ' They differ only in letter case: channel names are case-sensitive.';
  else if (channels.some((c) => c.trim() === want.trim())) hint = ' They differ only in leading/trailing spaces.';
  else if (channels.some((c) => visibleText(c) === visibleText(want))) hint = INVISIBLE_HINT;
  return finding('CHANNEL_MISMATCH', `The token was built for channel ${shown}, but you join "${want}".${hint}`,
    'Build the token for the exact channel name you pass to join (or join the channel the token names).',
    { tokenChannels: channels, expectedChannel: want });
}

function noIdentity(version: '007' | '006', service: InspectedService): UidResult {
  if (version === '007') return { findings: service.fields['uid'] === '0' ? [stringZero()] : [], signedUid: undefined };
  // A 006 uid CRC of 0 is the CRC of '' (uid 0), so the signed uid is known without being told.
  return { findings: [], signedUid: service.fields['crcUid'] === 0 ? '' : undefined };
}

/** The fix when a uid-0 join meets a token for the text "0", whose builder meant the wildcard. */
const STRING_ZERO_FIX = 'Build the token with the number 0, not the string "0": the number packs as an empty uid and lets any uid join.';

function stringZero(): Finding {
  return finding('UID_STRING_ZERO', 'The token holds the uid text "0" (the string), which is not the uid-0 wildcard: only a user joining as user account "0" matches it.', 'To allow any uid, build with the number 0 (it packs as an empty uid); otherwise build for the real uid.');
}

type Identity = NonNullable<Expected['identity']>;
interface UidResult { findings: Finding[]; signedUid: string | undefined }

function uid007(token: string, id: Identity): UidResult {
  const joined = id.packed === '' ? 'uid 0' : id.kind === 'uid' ? `uid ${id.packed}` : `user account "${id.packed}"`;
  const details = { tokenUid: token, expectedUid: id.packed, expectedKind: id.kind };
  if (token === '') {
    return { signedUid: '', findings: [finding('UID_WILDCARD', `The token was built for uid 0, so any uid may join with it; joining with ${joined} is fine.`, 'Nothing to do; build for the real uid if you want the server to check it.', details)] };
  }
  const found: Finding[] = token === '0' ? [stringZero()] : [];
  if (token === id.packed) {
    if (id.kind === 'account' && isNumericUid(token)) {
      found.push(finding('NUMERIC_ACCOUNT', `The token's "${token}" matches your user account, but SDKs treat user account "${token}" and int uid ${token} as different users.`, 'Use either int uids or string user accounts for everyone in a channel, never both.', details));
    }
    return { signedUid: token, findings: found };
  }
  if (id.packed === '') {
    // A token for the text "0" looks built for uid 0, so "join with uid 0" would read as already done.
    const fix = token === '0'
      ? STRING_ZERO_FIX
      : `Join with ${isNumericUid(token) ? `uid ${token}` : `user account "${token}"`}, or build the token with uid 0 to let any uid join.`;
    found.push(finding('UID_MISMATCH', `You join with uid 0, so the SDK assigns a random uid, which cannot match the token's identity, ${describeUid(token)}.`, fix, details));
  } else if (isNumericUid(token) ? id.kind === 'account' && !isNumericUid(id.packed) : id.kind === 'uid') {
    // A uid-like token against a named account, or an account's token against an int uid. Two
    // accounts ("alice" and "42") are a plain mismatch, as are "42" and "43" in any form.
    found.push(finding('ACCOUNT_UID_CONFUSION',
      `The token was built for ${describeUid(token)}, but you join with ${joined}: a numeric uid and a string user account never match each other.`,
      isNumericUid(token) ? 'Build with buildTokenWithUserAccount for the account you join with, or join with the int uid (joinChannel, Web: a number).' : 'Join with joinChannelWithUserAccount (Web: pass the string), or build with buildTokenWithUid for the int uid.',
      details));
  } else {
    found.push(finding('UID_MISMATCH', `The token was built for ${describeUid(token)}, but you join with ${joined}.${accountHint(token, id.packed)}`, 'Build the token for the uid/account you join with (or join with the one the token names).', details));
  }
  return { signedUid: undefined, findings: found };
}

/**
 * Why two user accounts that look alike do not match. Accounts are signed and compared as bytes:
 * "Zoë" typed on one system and pasted from another can be one precomposed "ë" against "e" plus a
 * combining mark, which print the same. (No String#normalize, as in some embedded engines: no hint.)
 */
function accountHint(a: string, b: string): string {
  const nfc = (text: string) => (text.normalize ? text.normalize('NFC') : text);
  if (a.toLowerCase() === b.toLowerCase()) return ' They differ only in letter case: user accounts are case-sensitive.';
  if (a.trim() === b.trim()) return ' They differ only in leading/trailing spaces.';
  if (visibleText(a) === visibleText(b)) return INVISIBLE_HINT;
  if (nfc(a) === nfc(b)) return ' They print the same but differ in Unicode form (an accent as one character or as a combining mark): normalize both with .normalize("NFC").';
  return '';
}

function uid006(tokenCrc: number, id: Identity): UidResult {
  const crc = crc32(utf8(id.packed));
  const details = { tokenCrc, expectedCrc: crc, expectedUid: id.packed };
  // A uid or account whose own CRC-32 is 0 (e.g. uid 863045057) matches before the wildcard
  // reading: its token is signed over its text, not over the empty one.
  if (crc === tokenCrc && id.packed !== '') return { signedUid: id.packed, findings: [] };
  if (tokenCrc === 0) {
    return { signedUid: '', findings: [finding('UID_WILDCARD', 'The 006 token was built for uid 0 (its uid CRC-32 is that of the empty text), so any uid may join with it.', 'Nothing to do; build for the real uid if you want the server to check it.', details)] };
  }
  const found: Finding[] = [];
  if (tokenCrc === CRC_ZERO_TEXT) found.push(stringZero());
  const zero = id.packed === '' ? ' You join with uid 0, so the SDK assigns a random uid, which cannot match.' : '';
  const fix = tokenCrc === CRC_ZERO_TEXT && id.packed === '' ? STRING_ZERO_FIX : 'Build the token for the uid/account you join with (a uid as its decimal text, e.g. 42).';
  found.push(finding('UID_MISMATCH', `The 006 token was built for another uid/account: it stores CRC-32 ${crcHex(tokenCrc)}, and "${id.packed}" gives ${crcHex(crc)}.${zero}`, fix, details));
  return { signedUid: undefined, findings: found };
}
