/**
 * @module bench/lib/cases — the benchmark cases: the same inputs for our entries and the
 * official packages. Each case lists its variants; variant 0 is the official baseline.
 * A case whose API is missing from our build is returned with a `skip` reason instead.
 */

/** Fixed inputs (the appId/certificate pair of Agora's own test vectors). */
export const INPUT = {
  appId: '970CA35de60c44645bbae8a215061b33',
  appCertificate: '5CFd2fd1755d40ecb72977518be15d3b',
  channel: '7d72365eb983485397e3e3f9d460bdda',
  uid: 2882341273,
  account: 'test_user_2882341273',
  rtmUserId: 'test_user_rtm',
  expire: 3600,
};

/** Concurrency of the "many in flight" async variant. */
export const IN_FLIGHT = 32;

function fill(p) {
  p.add(0, 0, ['lobby', 'room-42', 'room-43']);
  p.add(0, 1, ['room-42']);
  p.add(1, 0, ['stream-1', 'stream-2']);
  p.add(4, 0, ['alice', 'bob', 'carol']);
  return p;
}

function rtm2Permissions(Rtm2Permissions) {
  return fill(new Rtm2Permissions());
}

/** Official parse + verify (agora-token 2.0.6 has no one-call verify). */
function officialVerify(AccessToken2, token, cert) {
  const t = new AccessToken2();
  return t.from_string(token) && t.verifySignature(cert);
}

function inFlight(fn) {
  return async () => {
    const all = [];
    for (let i = 0; i < IN_FLIGHT; i++) all.push(fn());
    return (await Promise.all(all))[0];
  };
}

/** A 007 build case: official, ours /sync, ours main (await each), optionally main with IN_FLIGHT in flight. */
function buildCase(id, title, official, ours, { concurrent = false } = {}) {
  const variants = [
    { name: official.name, role: 'official', fn: official.fn },
    { name: 'ours /sync', role: 'sync', fn: ours.sync },
    { name: 'ours main (await)', role: 'async', fn: ours.main, async: true },
  ];
  if (concurrent) {
    variants.push({ name: `ours main (${IN_FLIGHT} in flight)`, role: 'async-many', fn: inFlight(ours.main), async: true, opsPerCall: IN_FLIGHT });
  }
  return { id, title, variants };
}

/**
 * Builds the case list.
 * @param {{ sync: any, main: any, legacy?: any, legacySync?: any }} ours
 * @param {ReturnType<typeof import('./load.mjs').loadOfficial>} off
 * @param {{ concurrent?: boolean }} options
 */
export function makeCases(ours, off, { concurrent = true } = {}) {
  const { appId, appCertificate: cert, channel, uid, account, rtmUserId, expire } = INPUT;
  const at = `agora-token ${off.tokenVersion}`;
  const cases = [];

  cases.push(buildCase('rtc', 'RTC uid token, publisher (buildTokenWithUid)',
    { name: at, fn: () => off.token.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, 1, expire, expire) },
    {
      sync: () => ours.sync.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, 1, expire, expire),
      main: () => ours.main.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, 1, expire, expire),
    }, { concurrent }));

  cases.push(buildCase('rtc-rtm', 'RTC + RTM token (buildTokenWithRtm)',
    { name: at, fn: () => off.token.RtcTokenBuilder.buildTokenWithRtm(appId, cert, channel, account, 1, expire, expire) },
    {
      sync: () => ours.sync.RtcTokenBuilder.buildTokenWithRtm(appId, cert, channel, account, 1, expire, expire),
      main: () => ours.main.RtcTokenBuilder.buildTokenWithRtm(appId, cert, channel, account, 1, expire, expire),
    }));

  const offPerm = rtm2Permissions(off.token.Rtm2Permissions);
  const ourPerm = rtm2Permissions(ours.sync.Rtm2Permissions);
  cases.push(buildCase('rtm2', 'RTM2 token with permissions (buildTokenWithPermissions)',
    { name: at, fn: () => off.token.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, rtmUserId, offPerm, expire) },
    {
      sync: () => ours.sync.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, rtmUserId, ourPerm, expire),
      main: () => ours.main.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, rtmUserId, ourPerm, expire),
    }));

  if (typeof ours.sync.ChatTokenBuilder?.buildAppToken === 'function' && typeof ours.main.ChatTokenBuilder?.buildAppToken === 'function') {
    cases.push(buildCase('chat', 'Chat app token (ChatTokenBuilder.buildAppToken)',
      { name: at, fn: () => off.token.ChatTokenBuilder.buildAppToken(appId, cert, expire) },
      { sync: () => ours.sync.ChatTokenBuilder.buildAppToken(appId, cert, expire), main: () => ours.main.ChatTokenBuilder.buildAppToken(appId, cert, expire) }));
  } else {
    cases.push({ id: 'chat', title: 'Chat app token (ChatTokenBuilder.buildAppToken)', skip: 'ChatTokenBuilder is not exported by dist/index.js and dist/sync.js yet' });
  }

  // The RTC case again with every build in an issue second of its own, as on a server that builds
  // less than one token a second: our k1 link (HMAC(issueTs, certificate), cached per second) is
  // then computed every time, as agora-token always does; at full speed above it is always cached.
  // Date.now steps 1 s per call around both calls (agora-token reads `new Date()`, which this
  // leaves alone; both pay the same wrapper). Informational: no goal.
  const realNow = Date.now;
  let clock = realNow();
  const stepped = () => (clock += 1000);
  const newSecond = (build) => () => {
    Date.now = stepped;
    try {
      return build();
    } finally {
      Date.now = realNow;
    }
  };
  cases.push({ id: 'rtc-new-second', title: 'RTC uid token, each in a new issue second (k1 not cached)', variants: [
    { name: at, role: 'official', fn: newSecond(() => off.token.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, 1, expire, expire)) },
    { name: 'ours /sync', role: 'sync', fn: newSecond(() => ours.sync.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, 1, expire, expire)) },
  ] });

  const legacySync = ours.legacySync?.RtcTokenBuilder;
  const legacyMain = ours.legacy?.RtcTokenBuilder;
  if (typeof legacySync?.buildTokenWithUid === 'function') {
    const ts = () => Math.floor(Date.now() / 1000) + expire;
    const variants = [
      { name: `agora-access-token ${off.accessVersion}`, role: 'official', fn: () => off.access.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, 1, ts()) },
      { name: 'ours /legacy/sync', role: 'sync', fn: () => legacySync.buildTokenWithUid(appId, cert, channel, uid, 1, ts()) },
    ];
    if (typeof legacyMain?.buildTokenWithUid === 'function') {
      const probe = legacyMain.buildTokenWithUid(appId, cert, channel, uid, 1, ts());
      variants.push({ name: 'ours /legacy', role: 'async', fn: () => legacyMain.buildTokenWithUid(appId, cert, channel, uid, 1, ts()), async: typeof probe?.then === 'function' });
    }
    cases.push({ id: '006', title: '006 RTC uid token, publisher (legacy buildTokenWithUid)', variants });
  } else {
    cases.push({ id: '006', title: '006 RTC uid token (legacy buildTokenWithUid)', skip: 'dist/legacy-sync.js with RtcTokenBuilder is not built yet' });
  }

  // One token, built by the official package, is decoded and verified by both sides.
  const token = off.token.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, 1, expire, expire);
  const { AccessToken2 } = off.token2;
  cases.push({ id: 'decode', title: 'decode a 007 RTC token', tokens: [token], variants: [
    { name: `${at} from_string`, role: 'official', fn: () => new AccessToken2().from_string(token) },
    { name: 'ours decodeToken', role: 'sync', fn: () => ours.sync.decodeToken(token) },
  ] });
  // The same, round-robin over 64 different official tokens (other channels, uids, salts): a
  // server decodes many tokens, not one. Reported next to the goal case, not a goal itself.
  const many = Array.from({ length: 64 }, (_, k) =>
    off.token.RtcTokenBuilder.buildTokenWithUid(appId, cert, `${channel.slice(0, 24)}-room-${k}`, uid + k * 7919, 1, expire, expire));
  let next = 0;
  const anyToken = () => many[next++ & 63];
  cases.push({ id: 'decode-many', title: 'decode 64 different 007 RTC tokens', tokens: many, variants: [
    { name: `${at} from_string`, role: 'official', fn: () => new AccessToken2().from_string(anyToken()) },
    { name: 'ours decodeToken', role: 'sync', fn: () => ours.sync.decodeToken(anyToken()) },
  ] });
  cases.push({ id: 'verify', title: 'verify a 007 RTC token', tokens: [token], variants: [
    { name: `${at} from_string+verifySignature`, role: 'official', fn: () => officialVerify(AccessToken2, token, cert) },
    { name: 'ours /sync verifyToken', role: 'sync', fn: () => ours.sync.verifyToken(token, cert) },
    { name: 'ours main verifyToken', role: 'async', fn: () => ours.main.verifyToken(token, cert), async: true },
  ] });
  // Verifying one token again and again hits our k1 cache every time (its issue second never
  // changes); a server verifies tokens issued at many different seconds. 64 tokens, each issued
  // in its own second, in turn: more than the 16 cached k1 links, so every verify computes k1, as
  // agora-token does. Informational: no goal.
  const issued = Math.floor(Date.now() / 1000);
  const aged = Array.from({ length: 64 }, (_, k) => {
    const t = new AccessToken2(appId, cert, issued - k * 7, expire);
    const rtc = new off.token2.ServiceRtc(channel, uid);
    for (const privilege of [1, 2, 3, 4]) rtc.add_privilege(privilege, expire);
    t.add_service(rtc);
    return t.build();
  });
  let nextAged = 0;
  let nextAgedOurs = 0;
  cases.push({ id: 'verify-many', title: 'verify 64 007 RTC tokens of different issue seconds', tokens: aged, variants: [
    { name: `${at} from_string+verifySignature`, role: 'official', fn: () => officialVerify(AccessToken2, aged[nextAged++ & 63], cert) },
    { name: 'ours /sync verifyToken', role: 'sync', fn: () => ours.sync.verifyToken(aged[nextAgedOurs++ & 63], cert) },
  ] });
  return cases;
}

export { officialVerify };
