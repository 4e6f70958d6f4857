/**
 * @module inspect/check-time — findings about time: expiry, privileges, clock skew, the 24-hour
 * maximum and the 006/007 unit mix-ups (SPEC 2.8, 3.6; docs: SDKs warn 30 s before expiry).
 */

import { type Finding, finding } from './findings.ts';
import { CLOCK_SKEW_SECONDS, formatDuration, isoTime, MAX_LIFETIME_SECONDS, overMaximumLifetime, relative, SDK_WARNING_SECONDS, SOON_SECONDS, TIMESTAMP_THRESHOLD } from './time.ts';
import type { InspectedPrivilege, InspectedService, InspectedToken } from './types.ts';

/** 2^32 - 1: -1 (a "never expires" some servers pass) written as an unsigned 32-bit number. */
const MINUS_ONE = 0xffffffff;
const MINUS_ONE_TEXT = 'is -1 stored as an unsigned 32-bit number: 007 has no "never expires"';
const names = (ps: InspectedPrivilege[]) => ps.map((p) => p.name ?? `#${p.id}`);
const list = (ps: InspectedPrivilege[]) => names(ps).join(', ');

/**
 * " 3600000 is 3600 x 1000: …?" for a 007 lifetime that looks like milliseconds (Date.now()'s unit)
 * packed as seconds, else ''. From 10 minutes in milliseconds (~7 days in seconds) up, as shorter
 * ones are plausible as seconds, and not whole days up to 400 (10, 30, 365 days): those are
 * lifetimes chosen in seconds.
 */
function millisecondsHint(seconds: number): string {
  const wholeDays = seconds % MAX_LIFETIME_SECONDS === 0 && seconds <= 400 * MAX_LIFETIME_SECONDS;
  return seconds % 1000 === 0 && seconds >= 600_000 && seconds / 1000 <= MAX_LIFETIME_SECONDS && !wholeDays
    ? ` ${seconds} is ${seconds / 1000} x 1000: was a lifetime in milliseconds passed as seconds?`
    : '';
}

/** Time findings for the token as a whole and for the services the caller uses. */
export function timeFindings(info: InspectedToken, relevant: InspectedService[], publisher?: boolean): Finding[] {
  const out: Finding[] = [];
  const is007 = info.version === '007';
  if (is007 && info.issuedAt! - info.now > CLOCK_SKEW_SECONDS) {
    const skew = info.issuedAt! - info.now;
    out.push(finding('ISSUED_IN_FUTURE',
      `The token was issued at ${info.issuedAtIso}, ${formatDuration(skew)} ahead of the reference clock (${info.nowIso}): the token server's clock or this machine's clock is wrong.`,
      'Sync both clocks with NTP; a token server must use the real current time as issueTs.',
      { issuedAt: info.issuedAt, now: info.now, skewSeconds: skew }));
  }
  if (is007 && info.lifetimeSeconds! >= TIMESTAMP_THRESHOLD) {
    out.push(finding('EXPIRE_LOOKS_LIKE_TIMESTAMP',
      `The token lifetime is ${info.lifetimeSeconds} seconds after issue (${formatDuration(info.lifetimeSeconds!)}), which ${info.lifetimeSeconds === MINUS_ONE ? MINUS_ONE_TEXT : 'looks like an absolute Unix time passed where 007 expects seconds from now'}.`,
      `Pass a duration such as 3600 as the 007 token expire${info.lifetimeSeconds === MINUS_ONE ? ' and renew before it ends' : ', not now + 3600 (that was the 006 convention)'}.`,
      { field: 'expire', value: info.lifetimeSeconds }));
  } else if (is007 && overMaximumLifetime(info)) {
    const passed = info.now >= info.issuedAt! + MAX_LIFETIME_SECONDS;
    out.push(finding('LIFETIME_OVER_24H',
      `The token lifetime is ${formatDuration(info.lifetimeSeconds!)}, over Agora's documented 24-hour maximum${passed ? '; 24 hours after issue have already passed' : ''}.${millisecondsHint(info.lifetimeSeconds!)}`,
      'Build tokens for at most 86400 seconds and renew them (renewToken) before they expire.',
      { lifetimeSeconds: info.lifetimeSeconds, maxSeconds: MAX_LIFETIME_SECONDS }));
  } else if (!is007 && overMaximumLifetime(info)) {
    // The official 006 builders always set ts = now + 24 h, so a ts less than a day further ahead is
    // more likely a token server whose clock runs ahead than a ts stretched by hand.
    const ahead = info.secondsLeft - MAX_LIFETIME_SECONDS;
    const skew = ahead < MAX_LIFETIME_SECONDS;
    out.push(finding('LIFETIME_OVER_24H',
      `The 006 token stays valid until ${info.expiresAtIso}, ${formatDuration(info.secondsLeft)} from now, over the documented 24-hour maximum${skew ? `: builders set ts to their now + 24 h, so the token server's clock is probably ${formatDuration(ahead)} ahead (or this one behind)` : ''}.`,
      skew ? 'Sync both clocks with NTP; leave ts to the builder.' : 'Official 006 builders set ts to now + 24 h; do not stretch it, renew tokens instead.',
      { secondsLeft: info.secondsLeft, maxSeconds: MAX_LIFETIME_SECONDS }));
  }
  const pastMaximum = is007 && !info.expired && info.issuedAt! + MAX_LIFETIME_SECONDS <= info.now && info.lifetimeSeconds! > MAX_LIFETIME_SECONDS;
  if (pastMaximum) {
    // inspectToken and tokenExpiresAt already count the token as dead here: say so as an error.
    const at = info.issuedAt! + MAX_LIFETIME_SECONDS;
    out.push(finding('TOKEN_EXPIRED',
      `The token is past Agora's 24-hour maximum since ${isoTime(at)} (${relative(at - info.now)}), although its lifetime field says ${formatDuration(info.lifetimeSeconds!)}.`,
      'Fetch a new token, built for at most 86400 seconds, and renew it before it expires.',
      { expiresAt: at, secondsAgo: info.now - at, limitedBy: '24h-maximum' }));
    return out;
  }
  // Lifetimes that name the call that built them: 0 (an omitted expire) and, with RTM, 1 (006's
  // RtmTokenBuilder.buildToken(…, userId, RtmRole.Rtm_User, ts) on agora-token reads the role 1 as the lifetime).
  // Each comes with the fix of the call: a fresh token from the same call fails the same way.
  const [odd, oddFix] = !is007
    ? ['', '']
    : info.issuedAt! < TIMESTAMP_THRESHOLD
      // new AccessToken2(appId, certificate, 3600): a duration where the class takes the issue time.
      ? [` It was issued at ${info.issuedAtIso}: an issueTs of ${info.issuedAt} looks like a duration, where AccessToken2 takes the issue time in Unix seconds (0 or left out: now).`,
        'Fix the call that builds it: leave issueTs out (or 0) for now.']
      : info.lifetimeSeconds === 0
      ? [' Its lifetime is 0 seconds: an omitted or undefined expire is packed as 0 by the official builders.',
        'Fix the call that builds it: pass expire in seconds (e.g. 3600).']
      : info.lifetimeSeconds === 1 && info.services.every((s) => s.name === 'rtm') // what RtmTokenBuilder.buildToken makes
        ? [" Its lifetime is 1 second: 006's RtmTokenBuilder.buildToken(appId, certificate, userId, role, privilegeExpiredTs) on a 007 builder reads the role (1) as the lifetime; 007 takes (appId, certificate, userId, expire).",
          'Fix the call that builds it: RtmTokenBuilder.buildToken(appId, appCertificate, userId, expire).']
        : ['', ''];
  if (info.expired) {
    out.push(finding('TOKEN_EXPIRED',
      `The token expired at ${info.expiresAtIso} (${relative(info.secondsLeft)}).${odd}`,
      oddFix || 'Fetch a new token from your token server; in the client, renew on onTokenPrivilegeWillExpire (30 s before) and re-join on onRequestToken / token-privilege-did-expire.',
      { expiresAt: info.expiresAt, secondsAgo: info.now - info.expiresAt }));
    return out; // privilege findings would only repeat this
  }
  for (const s of relevant) out.push(...privilegeFindings(info, s, publisher));
  const limits = relevant.map((s) => (publisher === false && s.name === 'rtc' ? joinLimit(info, s) : s));
  const soonest = limits.length ? limits.reduce((a, b) => (b.expiresAt < a.expiresAt ? b : a)) : undefined;
  if (soonest && soonest.secondsLeft > 0 && soonest.secondsLeft <= SOON_SECONDS) {
    const what = soonest.limitedBy === 'token' ? 'The token' : `The ${soonest.limitedBy} limit`;
    out.push(finding('EXPIRES_SOON',
      `${what} expires ${relative(soonest.secondsLeft)} (${soonest.expiresAtIso})${soonest.secondsLeft <= SDK_WARNING_SECONDS ? '; the SDK fires its will-expire callback at once' : ''}.${odd}`,
      oddFix || `Fetch a fresh token now and pass it to renewToken; SDKs warn ${SDK_WARNING_SECONDS} s before expiry (onTokenPrivilegeWillExpire / token-privilege-will-expire).`,
      { expiresAt: soonest.expiresAt, secondsLeft: soonest.secondsLeft, limitedBy: soonest.limitedBy },
      oddFix ? 'error' : undefined));
  }
  return out;
}

type Limit = Pick<InspectedService, 'expiresAt' | 'expiresAtIso' | 'secondsLeft' | 'limitedBy'>;

/** An audience member's RTC limit: joinChannel and the token's own; ending publish privileges do not stop them. */
function joinLimit(info: InspectedToken, s: InspectedService): Limit {
  const max = info.lifetimeSeconds !== null && info.lifetimeSeconds > MAX_LIFETIME_SECONDS;
  let at = max ? info.issuedAt! + MAX_LIFETIME_SECONDS : info.expiresAt;
  let by = max ? '24h-maximum' : 'token';
  const join = s.privileges.find((p) => p.id === 1);
  if (join?.expiresAt != null && join.expiresAt < at) (at = join.expiresAt), (by = `${s.name}.${join.name ?? 1}`);
  return { expiresAt: at, expiresAtIso: isoTime(at), secondsLeft: at - info.now, limitedBy: by };
}

function privilegeFindings(info: InspectedToken, s: InspectedService, publisher: boolean | undefined): Finding[] {
  const out: Finding[] = [];
  const is007 = info.version === '007';
  const zero = s.privileges.filter((p) => p.value === 0);
  const duration = is007 ? [] : s.privileges.filter((p) => p.value > 0 && p.value < TIMESTAMP_THRESHOLD);
  const stamp = is007 ? s.privileges.filter((p) => p.value >= TIMESTAMP_THRESHOLD) : [];
  const expired = s.privileges.filter((p) => p.expired === true && !duration.includes(p));
  const details = (ps: InspectedPrivilege[]) => ({ service: s.name, privileges: names(ps), values: ps.map((p) => p.value) });
  // Agora's 006-era RTM docs called privilegeExpiredTs "currently invalid" (a 24-hour token), and
  // a login past it was reported to work: a warning there, not an error, however it ended.
  const rtm006 = !is007 && s.name === 'rtm';
  const rtmNote = rtm006 ? " Agora's 006 RTM docs say RTM ignores this value, so the login may still work until the token expires." : '';
  if (zero.length) {
    const documented = !is007 || s.name === 'fpa';
    out.push(finding('PRIVILEGE_ZERO',
      is007
        ? `The ${s.name} privilege${zero.length > 1 ? 's' : ''} ${list(zero)} ${zero.length > 1 ? 'have' : 'has'} the value 0${s.name === 'fpa' ? ', as the official FpaTokenBuilder writes' : ': the official builders write 0 when privilegeExpire is omitted, and the sources do not define what the server does with it'}.`
        : `The 006 privilege${zero.length > 1 ? 's' : ''} ${list(zero)} ${zero.length > 1 ? 'are' : 'is'} 0, which the Agora docs define as 24 hours.`,
      is007 && !documented ? 'Pass privilegeExpire (seconds from now, usually equal to tokenExpire) explicitly.' : 'Nothing to do; pass an explicit expiry if you want a shorter privilege.',
      details(zero), documented ? 'info' : 'warning'));
  }
  if (duration.length) {
    out.push(finding('PRIVILEGE_LOOKS_LIKE_DURATION',
      `The 006 privilege${duration.length > 1 ? 's' : ''} ${list(duration)} ${duration.length > 1 ? 'hold' : 'holds'} ${duration.map((p) => p.value).join(', ')}, a duration where 006 expects an absolute Unix time, so ${duration.length > 1 ? 'they' : 'it'} expired in 1970.${rtmNote}`,
      // 1 or 2 is a role's value: the usual cause is one argument too many before `role`
      // (AgoraIO/Tools#175 passed now, role, expire), which also sends the timestamp into `role`.
      `For 006 pass privilegeExpiredTs = Math.floor(Date.now() / 1000) + seconds (007 builders take plain seconds).${
        // Only when nothing but joinChannel is granted: a timestamp in `role` is no publisher role,
        // so agora-access-token grants join alone; publish privileges mean the role was real.
        s.name === 'rtc' && s.privileges.length === 1 && (duration[0]!.value === 1 || duration[0]!.value === 2)
          ? ` ${duration[0]!.value} is also the value of a role (RtcRole.${duration[0]!.value === 1 ? 'PUBLISHER' : 'SUBSCRIBER'}): if your call already passes a timestamp, an extra argument before role shifted the others (006 order: appId, appCertificate, channelName, uid, role, privilegeExpiredTs).`
          : ''
      }`,
      details(duration), rtm006 ? 'warning' : 'error'));
  }
  // -1 stored unsigned and absolute times are told apart: one finding for each kind present.
  for (const group of [stamp.filter((p) => p.value === MINUS_ONE), stamp.filter((p) => p.value !== MINUS_ONE)]) {
    if (!group.length) continue;
    const minusOne = group[0]!.value === MINUS_ONE;
    out.push(finding('EXPIRE_LOOKS_LIKE_TIMESTAMP',
      `The ${s.name} privilege${group.length > 1 ? 's' : ''} ${list(group)} ${group.length > 1 ? 'are' : 'is'} set to ${[...new Set(group.map((p) => p.value))].join(', ')} seconds after issue, which ${minusOne ? MINUS_ONE_TEXT : 'looks like an absolute Unix time; 007 privileges are seconds from issue'}.`,
      `Pass privilegeExpire as a duration such as 3600${minusOne ? '' : ', not now + 3600 (that was the 006 convention)'}.`,
      details(group)));
  }
  if (expired.length) {
    const first = expired.reduce((a, b) => (b.expiresAt! < a.expiresAt! ? b : a));
    // Joining an RTC channel needs only joinChannel (id 1): with it still valid, expired publish
    // privileges stop a host, not an audience member; without the role it is only a warning.
    const joinOnly = s.name === 'rtc' && publisher !== true && expired.every((p) => p.id !== 1) &&
      s.privileges.some((p) => p.id === 1 && p.expired === false && !duration.includes(p));
    const who = !joinOnly ? '' : publisher === false ? ' A subscriber (audience) does not need them: joining still works.' : ' Joining still works; publishing does not (pass role to say which this user is).';
    out.push(finding('PRIVILEGE_EXPIRED',
      `The ${s.name} privilege${expired.length > 1 ? 's' : ''} ${list(expired)} expired at ${first.expiresAtIso} (${relative(first.secondsLeft!)}) although the token is valid until ${info.expiresAtIso}.${who}${rtmNote}`,
      is007 ? 'Build the token with privilege expiries as long as the token (privilegeExpire = tokenExpire) and renew before they end.' : 'Build a new token with privilegeExpiredTs in the future.',
      { ...details(expired), expiredAt: first.expiresAt! },
      joinOnly ? (publisher === false ? 'info' : 'warning') : rtm006 ? 'warning' : 'error'));
  }
  if (is007) {
    const live = s.privileges.filter((p) => p.value > 0 && p.value < TIMESTAMP_THRESHOLD && p.expired === false);
    const early = live.filter((p) => p.value < info.lifetimeSeconds!);
    const late = live.filter((p) => p.value > info.lifetimeSeconds!);
    if (early.length) {
      out.push(finding('PRIVILEGE_ENDS_BEFORE_TOKEN',
        `The ${s.name} privilege${early.length > 1 ? 's' : ''} ${list(early)} end${early.length > 1 ? '' : 's'} ${relative(Math.min(...early.map((p) => p.secondsLeft!)))}, before the token itself (${info.expiresAtIso}).`,
        'Renew before the privilege ends (the SDK warns 30 s ahead), or build it with privilegeExpire = tokenExpire.',
        details(early)));
    }
    if (late.length) {
      out.push(finding('PRIVILEGE_OUTLIVES_TOKEN',
        `The ${s.name} privilege${late.length > 1 ? 's' : ''} ${list(late)} ${late.length > 1 ? 'are' : 'is'} set past the token expiry: the token ends first (${info.expiresAtIso}).`,
        'Nothing breaks; set privilegeExpire no longer than tokenExpire to say what you mean.',
        details(late)));
    }
  }
  return out;
}
