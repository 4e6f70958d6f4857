/**
 * @module scripts/interleave-differential — the async entries under interleavings, with the sync
 * entries as the model.
 *
 * From a fixed seed, generates random sequences of operations on AccessToken2, its services and
 * Rtm2Permissions (`agora-token-kit` against `agora-token-kit/sync`) and on the 006 AccessToken
 * (`agora-token-kit/legacy` against `/legacy/sync`), with the async calls (build, verifySignature,
 * the static and options-form builders, verifyToken, diagnoseToken) started and left pending while
 * later operations mutate the same objects (fields, services, privileges, permission trees, a
 * from_string into the same object, the options object a builder was given, the clock), then
 * awaited in random order, with random macrotask and microtask yields in between so the Web Crypto
 * steps of the pending calls land at different points.
 *
 * The model: each async call must resolve (or reject) with what the sync twin gives for the state
 * at the call. So the sync call is made at the moment the async one starts, on a twin world that
 * gets every operation too; after every operation the two worlds' visible states must be equal.
 *
 * Builder calls with no salt / issue-time option (positional): the sync twin is made at the same
 * (faked) clock second, and the async token must have the same payload apart from its salt and
 * verify with its own certificate (sync verifyToken, sync verifySignature) and not with another.
 *
 * Also a concurrency phase: Promise.all of hundreds of builds and verifies per round over 8 App IDs
 * and 8 certificates in several issue seconds (options-form and positional builders, the classes,
 * 006), each token checked against the sync twin and against every certificate.
 *
 *   node scripts/interleave-differential.mjs [--cases N] [--seed S] [--case I] [--kind 007|006|both]
 *       [--rounds R] [--per-round K]
 *   deno run -A scripts/interleave-differential.mjs …   bun scripts/interleave-differential.mjs …
 *
 * --case I prints one sequence; BREAKDOWN=1 prints how the calls ended (token, value, error code)
 * per kind, to see that the sequences reach builds and verifications. Each kind of discrepancy is
 * shrunk to a minimal sequence and printed; the run exits 1 on any.
 *
 * Needs `npm run build` first (it loads dist/index.js, sync.js, legacy.js, legacy-sync.js, or those in
 * the directory INTERLEAVE_DIST names, e.g. a build with a deliberate fault, to see that it is caught).
 */
import { rngFor } from './lib/acceptance.mjs';
import { parseOptions } from './lib/options.mjs';

// INTERLEAVE_DIST (a directory of built entries) lets a deliberately broken build be checked.
const DIST = globalThis.process?.env?.INTERLEAVE_DIST ?? new URL('../dist', import.meta.url).href;
const A = await import(`${DIST}/index.js`);
const S = await import(`${DIST}/sync.js`);
const A6 = await import(`${DIST}/legacy.js`);
const S6 = await import(`${DIST}/legacy-sync.js`);

const argv = typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2);
const opts = parseOptions('interleave-differential', argv, { cases: 3000, seed: 1, case: undefined, kind: 'both', rounds: 40, 'per-round': 400 }, ['kind']);
const runtime = typeof Deno !== 'undefined' ? `deno ${Deno.version.deno}` : typeof Bun !== 'undefined' ? `bun ${Bun.version}` : `node ${process.version}`;

// ---------------------------------------------------------------------------------------------
// Randomness: rngFor (scripts/lib/acceptance.mjs, mulberry32 per (seed, index)). A faked clock both
// entries read (Date.now at each call)
const realNow = Date.now;
let fakeMs = 1_700_000_000_000;
Date.now = () => fakeMs;
const NOW = 1_700_000_000;

// ---------------------------------------------------------------------------------------------
// Value pools (mostly valid, some refused values so rejections are compared too)
const A1 = '970ca35de60c44645bbae8a215061b33';
const A2 = '0123456789ABCDEF0123456789ABCDEF';
const C1 = '5cfd2fd1755d40ecb72977518be15d3b';
const C2 = 'ABCDEF0123456789ABCDEF0123456789';
const C3 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const APPS = [A1, A2, A1, '', 'not-hex'];
const APP_W = [50, 30, 10, 5, 5];
const CERTS = [C1, C2, C3, '', 'zz'];
const CERT_W = [40, 30, 20, 5, 5];
const ISSUES = [NOW, NOW + 1, NOW + 2, NOW - 7, 1, 4294967295, 0, 1.5];
const ISSUE_W = [30, 20, 15, 10, 5, 5, 10, 5];
const EXPIRES = [3600, 900, 0, 86400, 4294967295, -1];
const EXPIRE_W = [40, 20, 10, 15, 10, 5];
const SALTS = [12345, 1, 99999999, 4294967295, 0, -1, 1.5];
const SALT_W = [40, 15, 15, 10, 10, 5, 5];
const CHANNELS = ['room', '', 'a b', '*', 'Ωmega', 'x'.repeat(70), 7];
const CH_W = [50, 10, 10, 6, 8, 6, 2];
const UIDS = [42, 0, '0', '42', 'alice', '', 4294967295, -1];
const UID_W = [30, 15, 10, 10, 15, 8, 7, 3];
const USERS = ['alice', '', 0, 'bob', 7, 'Ωb'];
const USER_W = [40, 10, 10, 20, 8, 8];
const PRIVS = [1, 2, 3, 4, 101, 0, 65535, 65536];
const PRIV_W = [30, 15, 15, 10, 5, 5, 5, 2];
const PEXP = [3600, 0, 86400, 4294967295, 1.5, -5];
const PEXP_W = [50, 15, 10, 10, 3, 3];
const pickW = (r, pool, weights) => {
  let total = 0;
  for (const x of weights) total += x;
  let x = r.next() * total;
  for (let i = 0; i < pool.length; i++) if ((x -= weights[i]) < 0) return pool[i];
  return pool[pool.length - 1];
};

// ---------------------------------------------------------------------------------------------
// Outcomes
const isAgora = (e) => e instanceof A.AgoraTokenError || e instanceof S.AgoraTokenError || e instanceof A6.AgoraTokenError || e instanceof S6.AgoraTokenError;
const fail = (e) => ({ ok: false, agora: isAgora(e), name: e?.name, code: e?.code, message: String(e?.message ?? e) });
function attempt(f) {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return fail(e);
  }
}
const KEEP = (_k, v) =>
  v instanceof Map ? { map: [...v] } : v instanceof Uint8Array ? { bytes: [...v].join(',') } : v === undefined ? '<undefined>' : typeof v === 'number' && !Number.isFinite(v) ? `<${v}>` : v;
const json = (x) => JSON.stringify(x, KEEP);
const same = (a, b) => json(a) === json(b);
const brief = (x) => (x.ok ? `ok ${json(x.value)?.slice(0, 160)}` : `rejects ${x.agora ? `AgoraTokenError ${x.code}` : x.name}: ${x.message.slice(0, 160)}`);

// ---------------------------------------------------------------------------------------------
// Worlds: A (async entries) and S (sync entries) get the same operations.
function serviceState(s, w) {
  if (typeof s !== 'object' || s === null) return { notService: String(s) };
  const st = { id: w.services.indexOf(s), type: s.type, privileges: s.privileges };
  for (const k of ['channelName', 'uid', 'userId', 'account', 'roomUuid', 'userUuid', 'role']) if (k in s) st[k] = s[k];
  if (s.permissions) st.perms = { id: w.perms.indexOf(s.permissions), details: s.permissions.details };
  return st;
}
function token007State(t, w) {
  return {
    appId: t.appId,
    appCertificate: t.appCertificate,
    issueTs: t.issueTs,
    expire: t.expire,
    salt: t.salt,
    servicesId: w.arrays.indexOf(t.services),
    services: Array.isArray(t.services) ? t.services.map((s) => serviceState(s, w)) : String(t.services),
  };
}
function world007State(w) {
  return {
    tokens: w.tokens.map((t) => token007State(t, w)),
    services: w.services.map((s) => serviceState(s, w)),
    perms: w.perms.map((p) => p.details),
    options: w.options.map((o) => o.value),
  };
}
const msgNorm = (m) => (typeof m === 'object' && m !== null ? Object.fromEntries(Object.keys(m).sort((a, b) => a - b).map((k) => [k, m[k]])) : String(m));
function world006State(w) {
  return {
    tokens: w.tokens.map((t) => ({
      appID: t.appID,
      appCertificate: t.appCertificate,
      channelName: t.channelName,
      uid: t.uid,
      salt: t.salt,
      ts: t.ts,
      messages: msgNorm(t.messages),
      signature: t.signature,
      crc: [t.crc_channel_name, t.crc_uid],
      m: t.m,
      sharing: w.held.indexOf(t.messages),
    })),
    held: w.held.map(msgNorm),
    options: w.options.map((o) => o.value),
  };
}

// ---------------------------------------------------------------------------------------------
// Fixed token strings (made by the sync entries once)
const FIXED007 = (() => {
  const mk = (services, cert = C1, ts = NOW, salt = 777) => {
    const t = new S.AccessToken2(A1, cert, ts, 3600);
    t.salt = salt;
    for (const s of services) t.addService(s);
    return t.build();
  };
  const rtc = new S.ServiceRtc('room', 42).addPrivilege(1, 3600).addPrivilege(2, 3600);
  const rtm = new S.ServiceRtm('alice').addPrivilege(1, 3600);
  const perms = new S.Rtm2Permissions().add(0, 0, ['lobby', 'x']).add(4, 1, ['bob']);
  const rtm2 = new S.ServiceRtm2('bob', perms).addPrivilege(1, 7200);
  const chat = new S.ServiceChat('alice').addPrivilege(1, 60);
  const list = [mk([rtc]), mk([rtc, rtm]), mk([rtm2], C2, NOW + 1, 5), mk([chat, new S.ServiceFpa().addPrivilege(1, 0)], C3, NOW - 7), mk([rtc, rtm2], C2, NOW + 2, 4294967295)];
  list.push(list[0] + '  ', list[0].slice(0, 40), '', '007abc', '006' + A1 + 'AAAA');
  return list;
})();
const FIXED007_CERT = [C1, C1, C2, C3, C2, C1, C1, C1, C1, C1];
const FIXED006 = (() => {
  const mk = (ch, uid, privs, salt = 4242, ts = NOW + 86400, cert = C1) => {
    const t = new S6.AccessToken(A1, cert, ch, uid);
    t.salt = salt;
    t.ts = ts;
    for (const [k, v] of privs) t.addPrivilege(k, v);
    return t.build();
  };
  const list = [mk('room', 42, [[1, NOW + 3600], [2, NOW + 3600]]), mk('alice', '', [[1000, 0]], 9, NOW + 99, C2), mk('room', 'acct', [[101, 5]], 0, 0, C3)];
  list.push(list[0] + '  ', list[0].slice(0, 60), '006', FIXED007[0]);
  return list;
})();
const FIXED006_CERT = [C1, C2, C3, C1, C1, C1, C1];
const FIXED006_FOR = [{ channelName: 'room', uid: 42 }, { channelName: 'alice' }, { channelName: 'room', uid: 'acct' }, { channelName: 'room', uid: 42 }];

// ---------------------------------------------------------------------------------------------
// 007 operations
const KINDS = ['rtc', 'rtm', 'rtm2', 'chat', 'fpa', 'apaas', 'streaming', 'fcdn', 'convoai', 'stt', 'generic'];
const KIND_W = [30, 12, 16, 8, 5, 8, 5, 5, 3, 3, 2];
const CLASS = { rtc: 'ServiceRtc', rtm: 'ServiceRtm', rtm2: 'ServiceRtm2', chat: 'ServiceChat', fpa: 'ServiceFpa', apaas: 'ServiceApaas', streaming: 'ServiceStreaming', fcdn: 'ServiceFCdn', convoai: 'ServiceConvoAI', stt: 'ServiceStt', generic: 'Service' };
const ASYNC_OPS = new Set(['build', 'verify', 'builderOpts', 'builderPos', 'verifyToken', 'diagnose']);

const fixedIdx = (r, list) => (r.chance(0.8) ? r.int(5) : r.int(list.length));
function gen007Op(r, n) {
  const T0 = () => r.int(Math.max(n.tokens, 1));
  // Mostly tokens that can be built or verified: constructed with credentials, or read.
  const T = () => (n.good.length && r.chance(0.85) ? r.pick(n.good) : T0());
  const TR = () => (n.read.length && r.chance(0.85) ? r.pick(n.read) : T());
  const Sv = () => r.int(Math.max(n.services, 1));
  const ops = [];
  const add = (w, f) => ops.push([w, f]);
  add(n.tokens === 0 ? 100 : 5, () => {
    if (r.chance(0.15)) return { op: 'newToken', parse: true, salt: r.chance(0.5) ? 0 : 10000 + r.int(90000) };
    return { op: 'newToken', a: [pickW(r, APPS, APP_W), pickW(r, CERTS, CERT_W), pickW(r, ISSUES, ISSUE_W), pickW(r, EXPIRES, EXPIRE_W)], salt: 10000 + r.int(90000), rtc: r.chance(0.7) };
  });
  add(n.services < 2 ? 30 : 8, () => {
    const kind = pickW(r, KINDS, KIND_W);
    const a = [];
    if (kind === 'rtc' || kind === 'streaming' || kind === 'fcdn') a.push(pickW(r, CHANNELS, CH_W), pickW(r, UIDS, UID_W));
    if (kind === 'rtm' || kind === 'chat' || kind === 'rtm2') a.push(pickW(r, USERS, USER_W));
    if (kind === 'apaas') a.push('room-1', pickW(r, USERS, USER_W), r.pick([-1, 0, 1, 2, 3]));
    if (kind === 'generic') a.push(r.pick([11, 99, 1, 4]));
    return { op: 'newService', kind, a, perm: kind === 'rtm2' ? (n.perms && r.chance(0.8) ? r.int(n.perms) : -1) : undefined };
  });
  add(6, () => ({ op: 'newPerms' }));
  if (n.perms) add(12, () => ({ op: 'permsAdd', p: r.int(n.perms), rt: r.pick([0, 1, 4, 9]), pt: r.pick([0, 1]), res: r.pick([['a'], ['a', 'b'], [], ['Ω'], [1]]) }));
  if (n.perms) add(4, () => ({ op: 'permsWrite', p: r.int(n.perms), rt: r.pick([0, 2, 3]), pt: r.pick([0, 1]), res: r.pick([['w'], [], 'str']) }));
  if (n.services) add(25, () => ({ op: 'addPrivilege', s: Sv(), priv: pickW(r, PRIVS, PRIV_W), exp: pickW(r, PEXP, PEXP_W) }));
  if (n.tokens && n.services) add(20, () => ({ op: 'addService', t: T(), s: Sv() }));
  if (n.tokens && n.services) add(3, () => ({ op: 'pushService', t: T(), s: Sv() }));
  if (n.tokens) add(4, () => ({ op: 'resetServices', t: T(), to: r.chance(0.2) ? 'null' : '[]' }));
  if (n.tokens) add(25, () => ({ op: 'build', t: T() }));
  if (n.tokens) add(8, () => ({ op: 'set', t: T(), field: 'salt', v: pickW(r, SALTS, SALT_W) }));
  if (n.tokens) add(6, () => ({ op: 'set', t: T(), field: 'issueTs', v: pickW(r, ISSUES, ISSUE_W) }));
  if (n.tokens) add(5, () => ({ op: 'set', t: T(), field: 'expire', v: pickW(r, EXPIRES, EXPIRE_W) }));
  if (n.tokens) add(5, () => ({ op: 'set', t: T(), field: 'appCertificate', v: pickW(r, CERTS, CERT_W) }));
  if (n.tokens) add(3, () => ({ op: 'set', t: T(), field: 'appId', v: pickW(r, APPS, APP_W) }));
  if (n.tokens) add(12, () => ({ op: 'fromString', t: r.chance(0.5) ? T0() : T(), src: n.built && r.chance(0.5) ? { built: r.int(n.built) } : { fixed: fixedIdx(r, FIXED007) } }));
  if (n.tokens) add(12, () => ({ op: 'verify', t: TR(), cert: r.chance(0.6) ? null : pickW(r, CERTS, CERT_W) }));
  if (n.tokens) add(3, () => ({ op: 'parsedPrivilege', t: T(), i: r.int(3), priv: pickW(r, PRIVS, PRIV_W), exp: pickW(r, PEXP, PEXP_W) }));
  add(8, () => ({ op: 'builderOpts', which: r.int(6), app: pickW(r, APPS, APP_W), cert: pickW(r, CERTS, CERT_W), issuedAt: r.chance(0.9) ? pickW(r, ISSUES, ISSUE_W) : undefined, salt: r.chance(0.9) ? pickW(r, SALTS, SALT_W) : undefined, uid: pickW(r, UIDS, UID_W), perm: n.perms && r.chance(0.5) ? r.int(n.perms) : -1 }));
  add(5, () => ({ op: 'builderPos', which: r.int(6), app: pickW(r, APPS, APP_W), cert: pickW(r, CERTS, CERT_W), uid: pickW(r, UIDS, UID_W), perm: n.perms && r.chance(0.5) ? r.int(n.perms) : -1 }));
  if (n.optionObjects) add(8, () => ({ op: 'mutateOptions', o: r.int(n.optionObjects), k: r.int(6) }));
  add(6, () => ({ op: 'verifyToken', src: n.built && r.chance(0.6) ? { built: r.int(n.built) } : { fixed: r.int(FIXED007.length) }, cert: r.chance(0.6) ? null : pickW(r, CERTS, CERT_W) }));
  add(4, () => ({ op: 'diagnose', src: n.built && r.chance(0.6) ? { built: r.int(n.built) } : { fixed: fixedIdx(r, FIXED007) }, cert: r.chance(0.8) ? (r.chance(0.6) ? null : pickW(r, CERTS, CERT_W)) : undefined, channel: r.chance(0.5) ? 'room' : undefined, uid: r.chance(0.5) ? 42 : undefined }));
  add(6, () => ({ op: 'clock', sec: r.pick([0, 1, 2, 3, 60, -7]) }));
  add(14, () => ({ op: 'tick', kind: r.int(3), n: 1 + r.int(6) }));
  if (n.pending) add(10, () => ({ op: 'awaitOne', k: r.int(1000) }));
  return pickW(r, ops.map((x) => x[1]), ops.map((x) => x[0]))();
}

function makeWorld() {
  return { tokens: [], services: [], perms: [], arrays: [], options: [], held: [], readCert: new Map() };
}

/** The token string an op names and the certificate it was signed with. */
function source(op, shared, kind) {
  if (op.src.fixed !== undefined) return kind === '007' ? { str: FIXED007[op.src.fixed], cert: FIXED007_CERT[op.src.fixed] } : { str: FIXED006[op.src.fixed], cert: FIXED006_CERT[op.src.fixed], for: FIXED006_FOR[op.src.fixed] };
  return shared.built[op.src.built];
}
/** `null` in an op's cert: the right one (the certificate the token was signed with). */
const certOr = (cert, right) => (cert === null ? right ?? C1 : cert);

/** 007 options-form builder call (async `L` = A, sync = S); `o` the options object, shared per side. */
function builderOptsCall(L, which, o) {
  switch (which) {
    case 0:
      return L.buildRtcToken(o);
    case 1:
      return L.buildRtmToken(o);
    case 2:
      return L.buildChatToken(o);
    case 3:
      return L.buildApaasToken(o);
    case 4:
      return L.buildConvoAIToken(o);
    default:
      return L.buildFpaToken(o);
  }
}
function optionsFor(op, w) {
  const base = { appId: op.app, appCertificate: op.cert, expiresInSeconds: 3600 };
  if (op.issuedAt !== undefined) base.issuedAt = op.issuedAt;
  if (op.salt !== undefined) base.salt = op.salt;
  const p = op.perm >= 0 ? w.perms[op.perm] : undefined;
  switch (op.which) {
    case 0:
      return { ...base, channel: 'room', uid: typeof op.uid === 'number' ? op.uid : 0, role: 'publisher', privilegeExpiresInSeconds: { joinChannel: 600, publishAudioStream: 300 }, rtm: { userId: 'alice' } };
    case 1:
      return { ...base, userId: 'alice', ...(p ? { permissions: p } : {}) };
    case 2:
      return { ...base, userId: 'alice' };
    case 3:
      return { ...base, roomUuid: 'room-1', userUuid: 'user-1', role: 2 };
    case 4:
      return { ...base, channel: 'room', uid: 1001, role: 'publisher', rtm: { userId: 'agent' } };
    default:
      return base;
  }
}
function builderPosCall(L, op, w) {
  const uid = op.uid;
  const p = op.perm >= 0 ? w.perms[op.perm] : null;
  switch (op.which) {
    case 0:
      return L.RtcTokenBuilder.buildTokenWithUid(op.app, op.cert, 'room', uid, 1, 3600, 1800);
    case 1:
      return L.RtcTokenBuilder.buildTokenWithRtm(op.app, op.cert, 'room', typeof uid === 'string' ? uid : 'acc', 1, 3600, 1800);
    case 2:
      return L.RtmTokenBuilder.buildTokenWithPermissions(op.app, op.cert, 'alice', p, 600);
    case 3:
      return L.ChatTokenBuilder.buildUserToken(op.app, op.cert, 'alice', 60);
    case 4:
      return L.ApaasTokenBuilder.buildRoomUserToken(op.app, op.cert, 'room-1', 'user-1', 2, 3600);
    default:
      return L.ConvoAITokenBuilder.buildToken(op.app, op.cert, 'room', 1001, 1, 3600, 3600, 3600, 3600, 3600, 'agent', 3600);
  }
}
const MUTATIONS = [
  (o) => (o.salt = 1),
  (o) => (o.issuedAt = NOW + 99),
  (o) => (o.appCertificate = C3),
  (o) => (o.expiresInSeconds = 5),
  (o) => {
    if (o.rtm) o.rtm.userId = 'mallory';
    if (o.privilegeExpiresInSeconds) o.privilegeExpiresInSeconds.joinChannel = 1;
    if (o.permissions) o.permissions.add(3, 1, ['late']);
  },
  (o) => (o.channel = 'other'),
];

/** Runs a 007 op on one side. Returns { res, expect? } or undefined when it does not apply. */
function apply007(side, w, op, shared) {
  const L = side;
  const t = op.t !== undefined ? w.tokens[op.t] : undefined;
  const s = op.s !== undefined ? w.services[op.s] : undefined;
  if ((op.t !== undefined && !t) || (op.s !== undefined && !s)) return undefined;
  switch (op.op) {
    case 'newToken': {
      const res = attempt(() => (op.parse ? new L.AccessToken2() : new L.AccessToken2(...op.a)));
      if (!res.ok) return { res };
      const tok = res.value;
      if (op.parse || !op.a[2]) tok.issueTs = NOW + 5;
      if (!op.parse || op.salt) tok.salt = op.salt; // the parse form keeps 0 (drawn at build) half the time
      if (op.rtc) {
        const rtc = new L.ServiceRtc('room', 42).addPrivilege(1, 3600);
        w.services.push(rtc);
        tok.addService(rtc);
      }
      w.tokens.push(tok);
      w.arrays.push(tok.services);
      return { res: { ok: true, value: 'token' } };
    }
    case 'newService': {
      const args = [...op.a];
      if (op.kind === 'rtm2') {
        if (op.perm >= 0) {
          if (!w.perms[op.perm]) return undefined;
          args.push(w.perms[op.perm]);
        }
      }
      const res = attempt(() => new L[CLASS[op.kind]](...args));
      if (res.ok) w.services.push(res.value);
      return { res: res.ok ? { ok: true, value: 'service' } : res };
    }
    case 'newPerms':
      w.perms.push(new L.Rtm2Permissions());
      return { res: { ok: true, value: 'perms' } };
    case 'permsAdd': {
      const p = w.perms[op.p];
      if (!p) return undefined;
      return { res: attempt(() => (p.add(op.rt, op.pt, Array.isArray(op.res) ? [...op.res] : op.res), 'added')) };
    }
    case 'permsWrite': {
      const p = w.perms[op.p];
      if (!p) return undefined;
      return { res: attempt(() => ((p.details[op.rt] ??= {})[op.pt] = Array.isArray(op.res) ? [...op.res] : op.res, 'written')) };
    }
    case 'addPrivilege':
      return { res: attempt(() => (s.addPrivilege(op.priv, op.exp), 'added')) };
    case 'addService':
      return { res: attempt(() => (t.addService(s), 'added')) };
    case 'pushService':
      return { res: attempt(() => t.services.push(s)) };
    case 'resetServices':
      return {
        res: attempt(() => {
          t.services = op.to === 'null' ? null : [];
          if (Array.isArray(t.services)) w.arrays.push(t.services);
          return 'reset';
        }),
      };
    case 'set':
      return { res: attempt(() => ((t[op.field] = op.v), 'set')) };
    case 'fromString': {
      const src = source(op, shared, '007');
      if (src === undefined) return undefined;
      const res = attempt(() => t.from_string(src.str));
      w.readCert.set(t, src.cert);
      return { res };
    }
    case 'parsedPrivilege': {
      const ps = Array.isArray(t.services) ? t.services[op.i] : undefined;
      if (!ps) return undefined;
      return { res: attempt(() => (ps.addPrivilege(op.priv, op.exp), 'added')) };
    }
    case 'mutateOptions': {
      const o = w.options[op.o];
      if (!o) return undefined;
      return { res: attempt(() => (MUTATIONS[op.k](o.value), 'mutated')) };
    }
    case 'clock':
      return { res: { ok: true, value: 'clock' } };
    // Calls: async on A (a promise), sync on S (the model's answer at the call)
    case 'build':
      return { call: () => t.build() };
    case 'verify':
      return { call: () => t.verifySignature(certOr(op.cert, w.readCert.get(t))) };
    case 'builderOpts': {
      const o = optionsFor(op, w);
      w.options.push({ value: o });
      return { call: () => builderOptsCall(L, op.which, o), positional: op.salt === undefined };
    }
    case 'builderPos':
      if (op.perm >= 0 && !w.perms[op.perm]) return undefined;
      return { call: () => builderPosCall(L, op, w), positional: true };
    case 'verifyToken': {
      const src = source(op, shared, '007');
      if (src === undefined) return undefined;
      return { call: () => L.verifyToken(src.str, certOr(op.cert, src.cert)) };
    }
    case 'diagnose': {
      const src = source(op, shared, '007');
      if (src === undefined) return undefined;
      const str = src.str;
      const expected = { now: NOW + 10 };
      if (op.cert !== undefined) expected.appCertificate = certOr(op.cert, src.cert);
      if (op.channel !== undefined) expected.channel = op.channel;
      if (op.uid !== undefined) expected.uid = op.uid;
      return { call: () => L.diagnoseToken(str, expected), mutate: () => ((expected.uid = 7), (expected.appCertificate = C2), (expected.channel = 'zzz')) };
    }
  }
  throw new Error(`unknown op ${op.op}`);
}

// ---------------------------------------------------------------------------------------------
// 006 operations
const CH6 = ['room', '', 'a b', 'Ω', 7];
const CH6_W = [60, 15, 10, 10, 5];
const UIDS6 = [42, 0, '0', 'alice', '', 4294967295, -1];
const UIDS6_W = [30, 20, 10, 15, 10, 10, 5];
const PRIVS6 = [1, 2, 3, 4, 101, 1000, 65536];
const PRIVS6_W = [30, 15, 15, 10, 10, 10, 3];
const PEXP6 = [NOW + 3600, 0, 4294967295, 1.5, -1];
const PEXP6_W = [60, 15, 15, 5, 5];
const SALTS6 = [12345, 0, 4294967295, 99999999, -1, 4294967296];
const SALTS6_W = [50, 10, 15, 15, 5, 5];
const TS6 = [NOW + 86400, 0, 4294967295, 1.5];
const TS6_W = [60, 15, 15, 10];

function gen006Op(r, n) {
  const T0 = () => r.int(Math.max(n.tokens, 1));
  const T = () => (n.good.length && r.chance(0.85) ? r.pick(n.good) : T0());
  const ops = [];
  const add = (w, f) => ops.push([w, f]);
  add(n.tokens === 0 ? 100 : 6, () => {
    if (r.chance(0.12)) return { op: 'new', parse: true, salt: r.chance(0.5) ? 0 : 10000 + r.int(90000) };
    return { op: 'new', a: [pickW(r, APPS, APP_W), pickW(r, CERTS, CERT_W), pickW(r, CH6, CH6_W), pickW(r, UIDS6, UIDS6_W)], salt: r.chance(0.5) ? 10000 + r.int(90000) : 4000000000 + r.int(1000000), priv: r.chance(0.7) };
  });
  if (n.tokens) add(30, () => ({ op: 'addPriv', t: T(), spelling: r.int(2), priv: pickW(r, PRIVS6, PRIVS6_W), exp: pickW(r, PEXP6, PEXP6_W) }));
  if (n.tokens) add(25, () => ({ op: 'build', t: T() }));
  if (n.tokens) add(8, () => ({ op: 'set', t: T(), field: 'salt', v: pickW(r, SALTS6, SALTS6_W) }));
  if (n.tokens) add(6, () => ({ op: 'set', t: T(), field: 'ts', v: pickW(r, TS6, TS6_W) }));
  if (n.tokens) add(5, () => ({ op: 'set', t: T(), field: 'appCertificate', v: pickW(r, CERTS, CERT_W) }));
  if (n.tokens) add(6, () => ({ op: 'messagesWrite', t: T(), priv: pickW(r, PRIVS6, PRIVS6_W), exp: pickW(r, PEXP6, PEXP6_W) }));
  if (n.tokens) add(3, () => ({ op: 'messagesDelete', t: T(), priv: pickW(r, PRIVS6, PRIVS6_W) }));
  if (n.tokens) add(3, () => ({ op: 'messagesReplace', t: T(), from: T(), kind: r.int(3) }));
  if (n.tokens) add(2, () => ({ op: 'holdMessages', t: T() }));
  if (n.tokens) add(12, () => ({ op: 'fromString', t: r.chance(0.5) ? T0() : T(), src: n.built && r.chance(0.5) ? { built: r.int(n.built) } : { fixed: r.chance(0.8) ? r.int(3) : r.int(FIXED006.length) } }));
  add(8, () => ({ op: 'builder', which: r.int(3), cert: pickW(r, CERTS, CERT_W), ch: pickW(r, CH6, CH6_W), uid: pickW(r, UIDS6, UIDS6_W), role: r.pick([0, 1, 2, 101]), exp: pickW(r, PEXP6, PEXP6_W), salt: r.chance(0.85) ? pickW(r, SALTS6, SALTS6_W) : undefined, ts: r.chance(0.9) ? pickW(r, TS6, TS6_W) : undefined }));
  if (n.optionObjects) add(6, () => ({ op: 'mutateOptions', o: r.int(n.optionObjects) }));
  add(10, () => ({ op: 'verifyToken', src: n.built && r.chance(0.6) ? { built: r.int(n.built) } : { fixed: r.chance(0.8) ? r.int(3) : r.int(FIXED006.length) }, cert: r.chance(0.6) ? null : pickW(r, CERTS, CERT_W), right: r.chance(0.7), ch: pickW(r, CH6, CH6_W), uid: pickW(r, UIDS6, UIDS6_W) }));
  add(4, () => ({ op: 'clock', sec: r.pick([0, 1, 2, 60]) }));
  add(14, () => ({ op: 'tick', kind: r.int(3), n: 1 + r.int(6) }));
  if (n.pending) add(10, () => ({ op: 'awaitOne', k: r.int(1000) }));
  return pickW(r, ops.map((x) => x[1]), ops.map((x) => x[0]))();
}

function apply006(side, w, op, shared) {
  const L = side;
  const t = op.t !== undefined ? w.tokens[op.t] : undefined;
  if (op.t !== undefined && !t) return undefined;
  switch (op.op) {
    case 'new': {
      const res = attempt(() => (op.parse ? new L.AccessToken('', '', '', '') : new L.AccessToken(...op.a)));
      if (!res.ok) return { res };
      const tok = res.value;
      if (!op.parse || op.salt) tok.salt = op.salt;
      tok.ts = NOW + 86400;
      if (op.priv) tok.addPrivilege(1, NOW + 3600);
      w.tokens.push(tok);
      return { res: { ok: true, value: 'token' } };
    }
    case 'addPriv':
      return { res: attempt(() => (t[op.spelling ? 'addPriviledge' : 'addPrivilege'](op.priv, op.exp), 'added')) };
    case 'set':
      return { res: attempt(() => ((t[op.field] = op.v), 'set')) };
    case 'messagesWrite':
      return { res: attempt(() => ((t.messages[op.priv] = op.exp), 'written')) };
    case 'messagesDelete':
      return { res: attempt(() => (delete t.messages[op.priv], 'deleted')) };
    case 'messagesReplace': {
      const other = w.tokens[op.from];
      if (!other) return undefined;
      return {
        res: attempt(() => {
          if (op.kind === 0) t.messages = other.messages;
          else if (op.kind === 1) t.messages = { 1: NOW + 10, 2: NOW + 20 };
          else t.messages = {};
          return 'replaced';
        }),
      };
    }
    case 'holdMessages':
      return { res: attempt(() => (w.held.push(t.messages), 'held')) };
    case 'fromString': {
      const src = source(op, shared, '006');
      if (src === undefined) return undefined;
      return { res: attempt(() => t.fromString(src.str)) };
    }
    case 'mutateOptions': {
      const o = w.options[op.o];
      if (!o) return undefined;
      return { res: attempt(() => ((o.value.salt = 3), (o.value.ts = 5), 'mutated')) };
    }
    case 'clock':
      return { res: { ok: true, value: 'clock' } };
    case 'build':
      return { call: () => t.build(), verifyWith: t.uid === '' ? { channelName: t.channelName } : { channelName: t.channelName, uid: t.uid } };
    case 'builder': {
      const o = {};
      if (op.salt !== undefined) o.salt = op.salt;
      if (op.ts !== undefined) o.ts = op.ts;
      w.options.push({ value: o });
      const call = () => {
        if (op.which === 0) return L.RtcTokenBuilder.buildTokenWithUid(A1, op.cert, op.ch, op.uid, op.role, op.exp, o);
        if (op.which === 1) return L.RtcTokenBuilder.buildTokenWithAccount(A1, op.cert, op.ch, op.uid, op.role, op.exp, o);
        return L.RtmTokenBuilder.buildToken(A1, op.cert, op.ch, 1, op.exp, o);
      };
      return { call, positional: op.salt === undefined, verifyWith: op.which === 2 ? { channelName: op.ch } : { channelName: op.ch, uid: op.uid } };
    }
    case 'verifyToken': {
      const src = source(op, shared, '006');
      if (src === undefined) return undefined;
      const expected = op.right && src.for ? { ...src.for } : { channelName: op.ch, uid: op.uid };
      return { call: () => L.verifyToken(src.str, certOr(op.cert, src.cert), expected), mutate: () => ((expected.channelName = 'zz'), (expected.uid = 9)) };
    }
  }
  throw new Error(`unknown op ${op.op}`);
}

// ---------------------------------------------------------------------------------------------
// Running a sequence
const macrotask = () => new Promise((res) => setTimeout(res, 0));
async function tick(op) {
  if (op.kind === 0) for (let i = 0; i < op.n; i++) await Promise.resolve();
  else if (op.kind === 1) for (let i = 0; i < op.n; i++) await macrotask();
  else await new Promise((res) => setTimeout(res, op.n % 3));
}

/** The sync twin of a positional-builder token: same payload apart from salt and signature. */
function payloadWithoutSalt(tok) {
  const d = attempt(() => S.decodeToken(tok));
  if (!d.ok) return d;
  const { salt: _s, signature: _g, ...rest } = d.value;
  return rest;
}

const BREAKDOWN = new Map();
async function runSequence(kind, ops, r) {
  const apply = kind === '007' ? apply007 : apply006;
  const stateOf = kind === '007' ? world007State : world006State;
  const LA = kind === '007' ? A : A6;
  const LS = kind === '007' ? S : S6;
  const wa = makeWorld();
  const ws = makeWorld();
  const shared = { built: [] };
  const pending = [];
  const found = [];
  let calls = 0;
  let awaited = 0;
  let resolved = 0;
  let mutatedWhilePending = 0;
  const check = async (p) => {
    const got = await p.settled;
    awaited++;
    if (got.ok && typeof got.value === 'string') resolved++;
    const key = `${kind} ${p.op.op} ${got.ok ? (typeof got.value === 'string' ? 'token' : json(got.value).slice(0, 20)) : got.code}`;
    BREAKDOWN.set(key, (BREAKDOWN.get(key) ?? 0) + 1);

    const exp = p.expected;
    let bad;
    if (p.positional && exp.ok && got.ok) {
      // No salt given: the same payload but the salt; the async token must verify with its own
      // certificate only.
      const other = p.cert === C1 ? C2 : C1;
      if (!same(payloadWithoutSalt(got.value), payloadWithoutSalt(exp.value))) bad = 'salt-less builder: payload differs from the sync twin at the call';
      else if (kind === '007') {
        // (Not a rebuild after from_string: a packed RTM2 resource type with no permission types,
        // which a throwing Rtm2Permissions.add leaves, as the official one does, is not read back.)
        const t2 = new S.AccessToken2();
        if (!t2.from_string(got.value) || t2.verifySignature(p.cert) !== true) bad = 'salt-less builder: the sync class does not verify its signature';
        else if (attempt(() => S.verifyToken(got.value, p.cert)).value !== true) bad = 'salt-less builder: does not verify with its certificate';
        else if (attempt(() => S.verifyToken(got.value, other)).value !== false) bad = 'salt-less builder: verifies with another certificate';
      } else {
        const v = (tok, c) => attempt(() => S6.verifyToken(tok, c, p.verifyWith));
        if (!same(v(got.value, p.cert), v(exp.value, p.cert)) || !same(v(got.value, other), v(exp.value, other))) bad = 'salt-less 006 builder: verifies differently from the sync twin';
      }
    } else if (!same(got, exp)) bad = 'async result differs from the sync result at the call';
    if (bad) found.push({ at: p.at, cls: bad, o: brief(exp), u: brief(got) });
  };
  for (let i = 0; i < ops.length && !found.length; i++) {
    const op = ops[i];
    if (op.op === 'tick') {
      await tick(op);
    } else if (op.op === 'awaitOne') {
      if (!pending.length) continue;
      const [p] = pending.splice(op.k % pending.length, 1);
      await check(p);
    } else {
      if (op.op === 'clock') fakeMs = (NOW + op.sec) * 1000 + 321;
      const a = apply(LA, wa, op, shared);
      if (a === undefined) continue;
      if (a.call) {
        // The async call first (it reads everything it needs at the call), then the model.
        const before = kind === '007' ? wa.tokens[op.t]?.salt : wa.tokens[op.t]?.salt;
        let promise;
        try {
          promise = a.call();
        } catch (e) {
          found.push({ at: i, cls: `async ${op.op} threw synchronously instead of rejecting`, o: '', u: brief(fail(e)) });
          break;
        }
        if (!(promise instanceof Promise)) {
          found.push({ at: i, cls: `async ${op.op} returned no promise`, o: '', u: String(promise) });
          break;
        }
        const callCert = op.op === 'build' ? wa.tokens[op.t].appCertificate : op.op === 'builderOpts' ? wa.options.at(-1).value.appCertificate : op.cert;
        const settled = promise.then((value) => ({ ok: true, value }), fail);
        calls++;
        // A salt drawn by the async build at the call (placeholder 0): give the model the same one.
        const ta = wa.tokens[op.t];
        const ts = ws.tokens[op.t];
        if (op.op === 'build' && ta && before === 0 && ta.salt !== 0 && ts && ts.salt === 0) ts.salt = ta.salt;
        const s = apply(LS, ws, op, shared);
        const expected = attempt(s.call);
        if (expected.ok && typeof expected.value === 'string') shared.built.push({ str: expected.value, cert: callCert, for: a.verifyWith });
        pending.push({ at: i, op, settled, expected, positional: a.positional, cert: op.cert, verifyWith: a.verifyWith });
        if (a.mutate) a.mutate(), s.mutate();
      } else {
        if (pending.length && a.res.ok) mutatedWhilePending++;
        const s = apply(LS, ws, op, shared);
        if (!same(a.res, s?.res)) {
          found.push({ at: i, cls: `${op.op}: async world and sync world differ`, o: brief(s.res), u: brief(a.res) });
          break;
        }
      }
    }
    const sa = stateOf(wa);
    const ss = stateOf(ws);
    if (!same(sa, ss)) {
      found.push({ at: i, cls: `state differs after ${op.op}`, o: json(ss).slice(0, 400), u: json(sa).slice(0, 400) });
      break;
    }
  }
  // The rest, awaited in random order.
  while (pending.length) {
    const [p] = pending.splice(r.int(pending.length), 1);
    await check(p);
  }
  // States again after every call settled (nothing may change them late).
  if (!found.length && !same(stateOf(wa), stateOf(ws))) found.push({ at: ops.length, cls: 'state differs after all calls settled', o: json(stateOf(ws)).slice(0, 400), u: json(stateOf(wa)).slice(0, 400) });
  return { found, calls, awaited, resolved, mutatedWhilePending };
}

function genSequence(kind, r) {
  const len = 4 + r.int(kind === '007' ? 36 : 28);
  const ops = [];
  const n = { tokens: 0, services: 0, perms: 0, built: 0, pending: 0, optionObjects: 0, good: [], read: [] };
  for (let i = 0; i < len; i++) {
    const op = (kind === '007' ? gen007Op : gen006Op)(r, n);
    // After a call, most often mutate right away what it read (the case under test).
    ops.push(op);
    // Right after a call on a token, most often change what it read (the case under test).
    if (op.t !== undefined && (op.op === 'build' || op.op === 'verify') && r.chance(0.6)) {
      const m = r.int(kind === '007' ? 8 : 6);
      const t = op.t;
      if (kind === '007') {
        ops.push(
          [
            { op: 'set', t, field: 'salt', v: r.pick([1, 12345, 0, 4294967295]) },
            { op: 'set', t, field: 'issueTs', v: r.pick([NOW + 1, NOW + 3600]) },
            { op: 'set', t, field: 'expire', v: r.pick([1, 86400]) },
            { op: 'set', t, field: 'appCertificate', v: r.pick([C1, C2, C3]) },
            { op: 'parsedPrivilege', t, i: 0, priv: r.pick([1, 2, 3]), exp: 5 },
            { op: 'fromString', t, src: { fixed: r.int(FIXED007.length) } },
            { op: 'build', t },
            { op: 'resetServices', t, to: '[]' },
          ][m],
        );
      } else {
        ops.push(
          [
            { op: 'set', t, field: 'salt', v: r.pick([1, 12345, 0, 4294967295]) },
            { op: 'set', t, field: 'ts', v: r.pick([NOW + 1, 0]) },
            { op: 'set', t, field: 'appCertificate', v: r.pick([C1, C2, C3]) },
            { op: 'addPriv', t, spelling: 0, priv: r.pick([1, 2, 3]), exp: NOW + 5 },
            { op: 'messagesWrite', t, priv: 4, exp: NOW + 6 },
            { op: 'fromString', t, src: { fixed: r.int(FIXED006.length) } },
          ][m],
        );
      }
    }
    if ((op.op === 'newToken' || op.op === 'new') && !op.parse && /^[0-9a-f]{32}$/i.test(op.a[0]) && /^[0-9a-f]{32}$/i.test(op.a[1])) n.good.push(n.tokens);
    if (op.op === 'fromString' && !n.read.includes(op.t)) n.read.push(op.t), n.good.includes(op.t) || n.good.push(op.t);
    if (op.op === 'newToken' || op.op === 'new') n.tokens++;
    if (op.op === 'newService') n.services++;
    if (op.op === 'newPerms') n.perms++;
    if (ASYNC_OPS.has(op.op) || op.op === 'builder') n.pending++, (n.built += op.op === 'build' || op.op.startsWith('builder') ? 1 : 0);
    if (op.op === 'builderOpts' || op.op === 'builder') n.optionObjects++;
  }
  return ops;
}

const render = (op) => JSON.stringify(op);

async function shrink(kind, ops, cls, seedIndex) {
  let cur = ops;
  for (let progress = true; progress; ) {
    progress = false;
    for (let i = cur.length - 1; i >= 0; i--) {
      const next = cur.slice(0, i).concat(cur.slice(i + 1));
      fakeMs = NOW * 1000 + 321;
      const res = await runSequence(kind, next, rngFor(opts.seed, seedIndex));
      if (res.found[0]?.cls === cls) {
        cur = next;
        progress = true;
      }
    }
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// Phase 2: concurrency bursts sharing the caches
async function concurrency() {
  const apps = Array.from({ length: 8 }, (_, i) => (i * 0x1111 + 0x970c).toString(16).padStart(4, '0').slice(-4).repeat(8));
  const certs = Array.from({ length: 8 }, (_, i) => ((i + 3) * 0x2d31).toString(16).padStart(4, '0').slice(-4).repeat(8));
  let builds = 0;
  let verifies = 0;
  const problems = [];
  for (let round = 0; round < opts.rounds; round++) {
    const r = rngFor(opts.seed + 77, round);
    const jobs = [];
    for (let k = 0; k < opts['per-round']; k++) {
      const ai = r.int(8);
      const ci = r.int(8);
      const appId = apps[ai];
      const cert = certs[ci];
      const second = NOW + r.int(5);
      const salt = 1 + r.int(4294967295);
      const form = r.int(6);
      // Positional builders and classes read the clock at the call: move it between calls.
      fakeMs = second * 1000 + r.int(1000);
      let p;
      let twin;
      if (form === 0) {
        const o = { appId, appCertificate: cert, channel: `c${k}`, uid: k, role: 'publisher', issuedAt: second, salt };
        p = A.buildRtcToken(o);
        twin = S.buildRtcToken(o);
      } else if (form === 1) {
        const o = { appId, appCertificate: cert, userId: `u${k}`, issuedAt: second, salt, permissions: new A.Rtm2Permissions().add(0, 0, [`r${k}`]) };
        p = A.buildRtmToken(o);
        twin = S.buildRtmToken(o);
      } else if (form === 2) {
        const t = new A.AccessToken2(appId, cert, 0, 3600);
        t.salt = salt;
        t.addService(new A.ServiceRtc('room', k).addPrivilege(1, 3600));
        const u = new S.AccessToken2(appId, cert, 0, 3600);
        u.salt = salt;
        u.addService(new S.ServiceRtc('room', k).addPrivilege(1, 3600));
        p = t.build();
        t.salt = (salt ^ 1) >>> 0; // mutate right after the call
        t.appCertificate = certs[(ci + 1) % 8];
        twin = u.build();
      } else if (form === 3) {
        p = A.RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', k, 1, 3600, 1800);
        twin = undefined; // checked by re-signing
      } else if (form === 4) {
        const o = { salt, ts: second + 86400 };
        p = A6.RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', k, 1, second + 3600, o);
        twin = S6.RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', k, 1, second + 3600, o);
        o.salt = 1;
      } else {
        const t = new A6.AccessToken(appId, cert, 'room', k);
        t.salt = salt;
        t.ts = second + 86400;
        t.addPrivilege(1, second + 3600);
        const u = new S6.AccessToken(appId, cert, 'room', k);
        u.salt = salt;
        u.ts = second + 86400;
        u.addPrivilege(1, second + 3600);
        p = t.build();
        t.addPrivilege(2, 5);
        t.salt = 7;
        twin = u.build();
      }
      jobs.push(p.then((token) => ({ token, twin, ci, cert, k, form, second }), (e) => ({ error: e, form })));
    }
    const done = await Promise.all(jobs);
    builds += done.length;
    // Verifies of every token with its own and another certificate, all at once.
    const checks = [];
    for (const d of done) {
      if (d.error) {
        problems.push(`round ${round}: form ${d.form} rejected: ${d.error.message}`);
        continue;
      }
      if (d.twin !== undefined && d.token !== d.twin) problems.push(`round ${round} job ${d.k}: form ${d.form} token differs from the sync twin`);
      if (d.form === 3) {
        const t2 = new S.AccessToken2();
        t2.from_string(d.token);
        t2.appCertificate = d.cert;
        if (attempt(() => t2.build()).value !== d.token) problems.push(`round ${round} job ${d.k}: positional token is not the sync re-signing of its payload`);
        if (t2.issueTs !== d.second) problems.push(`round ${round} job ${d.k}: positional token issued at ${t2.issueTs}, clock at the call said ${d.second}`);
      }
      const other = certs[(d.ci + 1 + (d.k % 7)) % 8];
      const expected006 = { channelName: 'room', uid: d.k };
      const isLegacy = d.form >= 4;
      const V = isLegacy ? A6 : A;
      const VS = isLegacy ? S6 : S;
      const no = (e) => e;
      checks.push(V.verifyToken(d.token, d.cert, expected006).then((ok) => ok === true || problems.push(`round ${round} job ${d.k}: form ${d.form} does not verify with its own certificate (async)`), no));
      checks.push(V.verifyToken(d.token, other, expected006).then((ok) => ok === false || problems.push(`round ${round} job ${d.k}: form ${d.form} verifies with another certificate (async)`), no));
      if (attempt(() => VS.verifyToken(d.token, d.cert, expected006)).value !== true) problems.push(`round ${round} job ${d.k}: form ${d.form} does not verify with its own certificate (sync)`);
      if (attempt(() => VS.verifyToken(d.token, other, expected006)).value !== false) problems.push(`round ${round} job ${d.k}: verifies with another certificate (sync)`);
      if (!isLegacy) {
        const t = new A.AccessToken2();
        t.from_string(d.token);
        const pv = t.verifySignature(d.cert);
        const pw = t.verifySignature(other);
        t.from_string(done[(d.k + 1) % done.length].token ?? ''); // read another into the same object while both are pending
        checks.push(pv.then((ok) => ok === true || problems.push(`round ${round} job ${d.k}: verifySignature(own) false after a later from_string`)));
        checks.push(pw.then((ok) => ok === false || problems.push(`round ${round} job ${d.k}: verifySignature(other) true`)));
        checks.push(A.diagnoseToken(d.token, { appCertificate: d.cert, now: d.second + 1 }).then((f) => f.some((x) => x.code === 'SIGNATURE_VALID') || problems.push(`round ${round} job ${d.k}: diagnose does not find SIGNATURE_VALID`), no));
      }
    }
    verifies += checks.length;
    await Promise.all(checks);
  }
  return { builds, verifies, problems };
}

// ---------------------------------------------------------------------------------------------
async function main() {
  const start = realNow();
  let exit = 0;
  const kinds = opts.kind === 'both' ? ['007', '006'] : [opts.kind];
  for (const kind of kinds) {
    const tally = new Map();
    let calls = 0;
    let awaited = 0;
    let resolved = 0;
    let mutated = 0;
    let opsTotal = 0;
    const range = opts.case !== undefined ? [opts.case] : Array.from({ length: opts.cases }, (_, i) => i);
    for (const index of range) {
      const r = rngFor(opts.seed + (kind === '006' ? 1_000_003 : 0), index);
      const ops = genSequence(kind, r);
      opsTotal += ops.length;
      fakeMs = NOW * 1000 + 321;
      const res = await runSequence(kind, ops, rngFor(opts.seed, index));
      calls += res.calls;
      awaited += res.awaited;
      resolved += res.resolved;
      mutated += res.mutatedWhilePending;
      if (opts.case !== undefined) ops.forEach((op, i) => console.log(`${String(i).padStart(3)} ${render(op)}`));
      for (const f of res.found) {
        const e = tally.get(f.cls) ?? { n: 0, first: undefined };
        e.n++;
        if (!e.first || ops.length < e.first.ops.length) e.first = { index, ops, f };
        tally.set(f.cls, e);
      }
    }
    console.log(`== ${runtime} ${kind}: ${range.length} sequences (seed ${opts.seed}), ${opsTotal} ops, ${calls} async calls started and compared with the sync model at the call, ${awaited} awaited (${resolved} resolved to a token), ${mutated} operations applied while calls were pending; ${tally.size} kinds of discrepancy`);
    for (const [cls, e] of tally) {
      exit = 1;
      console.log(`${String(e.n).padStart(6)}  ${cls}`);
      const min = await shrink(kind, e.first.ops, cls, e.first.index);
      fakeMs = NOW * 1000 + 321;
      const res = await runSequence(kind, min, rngFor(opts.seed, e.first.index));
      console.log(`        minimal (from sequence ${e.first.index}):`);
      min.forEach((op, i) => console.log(`          ${i}: ${render(op)}`));
      console.log(`          sync model: ${res.found[0]?.o}\n          async:      ${res.found[0]?.u}`);
    }
  }
  if (globalThis.process?.env?.BREAKDOWN) for (const [k, v] of [...BREAKDOWN].sort()) console.log(`${String(v).padStart(6)} ${k}`);
  if (opts.rounds > 0) {
    const c = await concurrency();
    console.log(`== ${runtime} concurrency: ${opts.rounds} rounds of ${opts['per-round']} builds in flight (8 App IDs, 8 certificates, 5 issue seconds), ${c.builds} builds, ${c.verifies} async verifies/diagnoses; ${c.problems.length} problems`);
    for (const p of c.problems.slice(0, 20)) console.log(`  ${p}`);
    if (c.problems.length) exit = 1;
  }
  console.log(`${((realNow() - start) / 1000).toFixed(1)} s`);
  if (typeof process !== 'undefined') process.exitCode = exit;
  else if (exit && typeof Deno !== 'undefined') Deno.exit(exit);
}

await main();
