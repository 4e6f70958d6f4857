/**
 * @module scripts/stateful-differential — model-based differential test of the drop-in CLASSES.
 *
 * From a fixed seed, generates random sequences of operations on AccessToken2 and its services
 * (`agora-token-kit/sync` against agora-token 2.0.6) and on the 006 AccessToken
 * (`agora-token-kit/legacy/sync` against agora-access-token 2.0.4), runs each sequence on the
 * official objects and on ours side by side (salt and issue time set equal), and after every step
 * compares: the return value, thrown or not (and what), built strings (007: by inflated payload
 * when the strings differ, since ours are canonical zlib), and every object's visible state.
 *
 * Classes of difference:
 * - `doc:` what the README's "Migrating from agora-token" / "…agora-access-token" sections say
 *   differs (our typed error where the official class returns '' or throws a TypeError, …);
 * - `stricter:` / `lenient:` ours throws an AgoraTokenError where the official call goes through,
 *   or goes through where it throws; every one seen (seeds 1-3, 20,000 sequences each) is an input
 *   the README lists as refused (or, lenient, accepted), so they are counted, not failed;
 * - `benign:` undocumented, harmless, and counted without stopping (ours returns `this` where the
 *   official method returns undefined);
 * - `minor:` undocumented but judged harmless (printed with a reproduction under --verbose 1);
 * - `UNDOC:` anything else: the run exits 1, and the shortest sequence that shows it is shrunk by
 *   deleting operations and printed as a reproduction.
 * A sequence stops at its first UNDOC or minor outcome, or when the two sides' state parts.
 *
 *   node scripts/stateful-differential.mjs [--cases N] [--seed S] [--case I] [--kind 007|006|both]
 *       [--verbose 1] [--mask 1]
 *
 * --case I replays one sequence step by step; --verbose 1 prints a reproduction for every class;
 * --mask 1 leaves out which array `services` is (to look past a from_string that reuses it).
 * Needs `npm run build` first (it loads dist/sync.cjs and dist/legacy-sync.cjs).
 */
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { rngFor } from './lib/acceptance.mjs';
import { parseOptions } from './lib/options.mjs';

const require = createRequire(import.meta.url);
const O = require('agora-token/src/AccessToken2.js');
const OB = require('agora-token'); // official 007 builders
const U = require('../dist/sync.cjs');
const O6 = require('agora-access-token/src/AccessToken.js');
const O6B = require('agora-access-token');
const U6 = require('../dist/legacy-sync.cjs');

// ---------------------------------------------------------------------------------------------
// Command line
const opts = parseOptions('stateful-differential', process.argv.slice(2), { cases: 4000, seed: 1, case: undefined, kind: 'both', verbose: 0, mask: 0 }, ['kind']);

// ---------------------------------------------------------------------------------------------
// Value pools: each entry { v, src } (src is the JavaScript text of the value, for reproductions).
const A1 = '970ca35de60c44645bbae8a215061b33';
const A2 = '0123456789ABCDEF0123456789ABCDEF';
const C1 = '5cfd2fd1755d40ecb72977518be15d3b';
const C2 = 'ABCDEF0123456789ABCDEF0123456789';
const val = (v, src = v === undefined ? 'undefined' : JSON.stringify(v)) => ({ v, src });
const APPS = [val(A1, 'A1'), val(A2, 'A2'), val(A1, 'A1'), val(''), val(undefined), val('not-hex')];
const APP_W = [40, 20, 20, 10, 6, 4];
const CERTS = [val(C1, 'C1'), val(C2, 'C2'), val(C1, 'C1'), val(''), val(undefined), val(A1, 'A1'), val('zz')];
const CERT_W = [40, 20, 20, 8, 5, 4, 3];
const ISSUE = [val(1700000000), val(undefined), val(0), val(1), val(4294967295), val(1700000000.5), val('1700000000')];
const ISSUE_W = [40, 20, 10, 5, 5, 2, 2];
const EXPIRES = [val(3600), val(0), val(900), val(86400), val(4294967295), val(undefined), val(-1), val(1.5), val('3600')];
const EXPIRE_W = [40, 10, 10, 10, 5, 15, 2, 2, 2];
const SALTS = [val(12345), val(1), val(99999999), val(4294967295), val(0), val(-1), val(1.5)];
const SALT_W = [50, 10, 10, 10, 10, 2, 2];
const CHANNELS = [val('room'), val(''), val('a b'), val('*'), val('Ωmega'), val('x'.repeat(70), "'x'.repeat(70)"), val(7)];
const CH_W = [50, 10, 10, 6, 8, 6, 2];
const UIDS = [val(42), val(0), val('0'), val('42'), val('alice'), val(''), val(4294967295), val('007'), val(undefined), val(-1)];
const UID_W = [25, 15, 10, 10, 15, 8, 5, 5, 3, 2];
const USERS = [val('alice'), val(''), val(0), val('0'), val(7), val(undefined), val(null), val('Ωb')];
const USER_W = [40, 10, 10, 10, 8, 10, 4, 8];
const ROLES = [val(2), val(undefined), val(-1), val(0), val(1), val(3), val('2')];
const ROLE_W = [30, 20, 15, 10, 10, 10, 3];
const PRIVS = [val(1), val(2), val(3), val(4), val(101), val(0), val(65535), val(65536), val(-1), val('1')];
const PRIV_W = [30, 15, 15, 10, 5, 5, 5, 2, 2, 2];
const PEXP = [val(3600), val(0), val(86400), val(4294967295), val(1.5), val('3600'), val(-5), val(undefined)];
const PEXP_W = [50, 15, 10, 10, 3, 3, 3, 3];
const RTYPES = [val(0), val(1), val(2), val(3), val(4), val(9), val(65536)];
const RTYPE_W = [30, 20, 10, 10, 10, 5, 2];
const PTYPES = [val(0), val(1), val(5)];
const PTYPE_W = [50, 40, 10];
const RESOURCES = [val(['a']), val(['a', 'b']), val([]), val(new Set(['s']), "new Set(['s'])"), val('str'), val(['Ω']), val([1])];
const RES_W = [40, 20, 10, 10, 3, 10, 3];
const GEN_TYPES = [val(11), val(99), val(1), val(4)];

// Entries the README documents as refused here (or packed differently there): drawn only in the
// sequences that mix them in (about a third); the others use plausible values only and run deeper.
const BAD = new Map([
  [APPS, [3, 4, 5]],
  [CERTS, [3, 4, 5, 6]],
  [ISSUE, [5, 6]],
  [EXPIRES, [6, 7, 8]],
  [SALTS, [5, 6]],
  [CHANNELS, [6]],
  [UIDS, [8, 9]],
  [USERS, [4]],
  [ROLES, [6]],
  [PRIVS, [7, 8, 9]],
  [PEXP, [4, 5, 6, 7]],
  [RTYPES, [6]],
  [RESOURCES, [4, 6]],
]);
let mixBad = true;
const pickW = (r, pool, weights) => {
  const bad = mixBad ? undefined : BAD.get(pool);
  const w = bad ? weights.map((x, i) => (bad.includes(i) ? 0 : x)) : weights;
  let total = 0;
  for (const x of w) total += x;
  let x = r.next() * total;
  for (let i = 0; i < pool.length; i++) if ((x -= w[i]) < 0) return i;
  return pool.length - 1;
};

// ---------------------------------------------------------------------------------------------
// Fixed token strings for from_string / fromString, made once by the official packages.
const NOW = 1700000000;
function officialToken007(make) {
  const t = new O.AccessToken2(A1, C1, NOW, 3600);
  t.salt = 777;
  for (const s of make()) t.add_service(s);
  return t.build();
}
const FIXED007 = (() => {
  const rtc = new O.ServiceRtc('room', 42);
  rtc.add_privilege(1, 3600);
  rtc.add_privilege(2, 3600);
  const rtm = new O.ServiceRtm('alice');
  rtm.add_privilege(1, 3600);
  const perms = new O.Rtm2Permissions();
  perms.add(0, 0, ['lobby', 'x']);
  perms.add(4, 1, ['bob']);
  const rtm2 = new O.ServiceRtm2('bob', perms);
  rtm2.add_privilege(1, 7200);
  const ap = new O.ServiceApaas('r', 'u'); // role -1
  ap.add_privilege(1, 100);
  const ap2 = new O.ServiceApaas('r', 'u', 2);
  ap2.add_privilege(2, 100);
  const chat = new O.ServiceChat('alice');
  chat.add_privilege(1, 60);
  const unknown = new O.Service(11);
  unknown.add_privilege(1, 5);
  const fpa = new O.ServiceFpa();
  fpa.add_privilege(1, 0);
  const strm = new O.ServiceStreaming('ch', 99);
  strm.add_privilege(1, 1);
  const fcdn = new O.ServiceFCdn('ch', 'acc');
  fcdn.add_privilege(2, 1);
  const rtcNonUtf8 = new O.ServiceRtc(Buffer.from([0xff, 0x61]), 5);
  rtcNonUtf8.add_privilege(1, 1);
  const list = [
    val(officialToken007(() => [rtc]), 'TOK_RTC'),
    val(officialToken007(() => [rtc, rtm]), 'TOK_RTC_RTM'),
    val(officialToken007(() => [rtm2]), 'TOK_RTM2'),
    val(officialToken007(() => [ap]), 'TOK_APAAS_ROLE_MINUS1'),
    val(officialToken007(() => [ap2]), 'TOK_APAAS_ROLE2'),
    val(officialToken007(() => [chat, fpa, new O.ServiceConvoAI(), new O.ServiceStt()]), 'TOK_CHAT_FPA_CONVO_STT'),
    val(officialToken007(() => [rtc, unknown, rtm]), 'TOK_RTC_UNKNOWN11_RTM'),
    val(officialToken007(() => [strm, fcdn]), 'TOK_STREAMING_FCDN'),
    val(officialToken007(() => [rtcNonUtf8]), 'TOK_RTC_NON_UTF8'),
    val(''),
    val('007'),
    val('007abc'),
    val('006' + A1 + 'AAAA'),
  ];
  const t = list[0].v;
  list.push(val(t + '  ', 'TOK_RTC + "  "'));
  list.push(val(t.slice(0, 40), 'TOK_RTC.slice(0, 40)'));
  list.push(val(t.replace(/\+/g, '-').replace(/\//g, '_'), 'TOK_RTC_URLSAFE'));
  list.push(val(null));
  return list;
})();
const FIXED007_W = FIXED007.map((e, i) => (i < 9 ? 8 : 2));

// ---------------------------------------------------------------------------------------------
// Outcomes and normalisation
const isAgora = (e) => e instanceof U.AgoraTokenError || e instanceof U6.AgoraTokenError;
const quiet = () => {}; // the official 006 fromString logs every parse error with console.log
function attempt(f) {
  const log = console.log;
  console.log = quiet;
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, agora: isAgora(e), name: e?.name ?? typeof e, code: e?.code, field: e?.field, message: String(e?.message ?? e).slice(0, 160) };
  } finally {
    console.log = log;
  }
}
const text = (x) => (Buffer.isBuffer(x) || x instanceof Uint8Array ? Buffer.from(x).toString('utf8') : x);
const hex = (x) => (x === undefined ? undefined : Buffer.from(x).toString('hex'));
function privObj(p) {
  if (p === undefined || p === null) return p;
  const out = {};
  for (const k of Object.keys(p).sort((a, b) => Number(a) - Number(b))) out[Number(k)] = p[k];
  return out;
}
function detailsNorm(d) {
  if (d === undefined || d === null) return d;
  const out = {};
  for (const rt of Object.keys(d).sort((a, b) => a - b)) {
    out[rt] = {};
    for (const pt of Object.keys(d[rt]).sort((a, b) => a - b)) out[rt][pt] = [...d[rt][pt]].map(text);
  }
  return out;
}

/** A service's content in one shape for both sides. */
function serviceState(side, s, world) {
  if (s === undefined || s === null || typeof s !== 'object') return { notService: String(s) };
  const o = side === 'O';
  const type = o ? s.__type : s.type;
  const st = { type, id: world.services.indexOf(s) };
  // A service whose official internal fields were written: its content is no longer comparable
  // (the official object packs what was written; ours refuses it at build, README), so only
  // whether a build refuses or packs it is compared.
  if (world.tainted?.has(s)) return { ...st, tainted: true };
  st.privileges = o ? privObj(s.__privileges) : Object.fromEntries(s.privileges);
  const f = (oName, uName) => text(o ? s[oName] : s[uName]);
  switch (type) {
    case 1:
      st.channel = f('__channel_name', 'channelName');
      st.uid = f('__uid', 'uid');
      break;
    case 2:
    case 5:
      st.userId = f('__user_id', 'userId');
      break;
    case 3:
    case 6:
      st.channel = f('__channel_name', 'channelName');
      st.account = f('__account', 'account');
      break;
    case 7:
      st.room = f('__room_uuid', 'roomUuid');
      st.user = f('__user_uuid', 'userUuid');
      st.role = f('__role', 'role');
      break;
    case 8: {
      st.userId = f('__user_id', 'userId');
      const p = o ? s.__permissions : s.permissions;
      st.perms = detailsNorm(p?.details);
      st.permsId = world.perms.indexOf(p);
      break;
    }
  }
  // Fields written the official class's way onto our object (state the build refuses).
  if (!o) for (const k of Object.keys(s)) if (k.startsWith('__')) st[`written ${k}`] = JSON.stringify(s[k]);
  return st;
}

function token007State(side, t, world) {
  const o = side === 'O';
  return {
    appId: text(t.appId) ?? '',
    appCertificate: t.appCertificate ?? '',
    issueTs: t.issueTs,
    expire: t.expire,
    salt: t.salt,
    services: Array.isArray(t.services) ? t.services.map((s) => serviceState(side, s, world)) : { notArray: String(t.services) },
    ...(opts.mask ? {} : { servicesId: world.arrays.indexOf(t.services) }),
  };
}

function world007State(side, w) {
  return {
    tokens: w.tokens.map((t) => token007State(side, t, w)),
    services: w.services.map((s) => serviceState(side, s, w)),
    perms: w.perms.map((p) => detailsNorm(p.details)),
    ...(opts.mask ? {} : { arrays: w.arrays.map((a) => a.map((s) => serviceState(side, s, w))) }),
  };
}

const inflated = (tok) => {
  try {
    return inflateSync(Buffer.from(tok.slice(3), 'base64')).toString('hex');
  } catch {
    return undefined;
  }
};

// ---------------------------------------------------------------------------------------------
// 007 operations
const SERVICE_KINDS = ['rtc', 'rtm', 'rtm2', 'chat', 'fpa', 'apaas', 'streaming', 'fcdn', 'convoai', 'stt', 'generic'];
const SERVICE_KIND_W = [30, 12, 14, 8, 5, 8, 5, 5, 3, 3, 2];
const CLASS = { rtc: 'ServiceRtc', rtm: 'ServiceRtm', rtm2: 'ServiceRtm2', chat: 'ServiceChat', fpa: 'ServiceFpa', apaas: 'ServiceApaas', streaming: 'ServiceStreaming', fcdn: 'ServiceFCdn', convoai: 'ServiceConvoAI', stt: 'ServiceStt', generic: 'Service' };

function gen007Op(r, sizes) {
  const { tokens, services, perms, built, arrays } = sizes;
  const anyT = () => r.int(Math.max(tokens, 1));
  const anyS = () => r.int(Math.max(services, 1));
  const ops = [];
  const add = (w, f) => ops.push([w, f]);
  add(tokens === 0 ? 100 : 6, () => {
    const form = r.next();
    if (form < 0.12) return { op: 'newToken', parse: true };
    const op = { op: 'newToken', app: pickW(r, APPS, APP_W), cert: pickW(r, CERTS, CERT_W), issue: pickW(r, ISSUE, ISSUE_W), exp: pickW(r, EXPIRES, EXPIRE_W) };
    if (r.chance(0.15)) delete op.exp; // 3-argument form
    op.salt = 10000 + r.int(90000);
    return op;
  });
  add(services < 2 ? 30 : 10, () => {
    const kind = SERVICE_KINDS[pickW(r, SERVICE_KINDS, SERVICE_KIND_W)];
    const a = [];
    if (kind === 'rtc') a.push(pickW(r, CHANNELS, CH_W), pickW(r, UIDS, UID_W));
    if (kind === 'rtm' || kind === 'chat') a.push(pickW(r, USERS, USER_W));
    if (kind === 'streaming' || kind === 'fcdn') {
      if (r.chance(0.8)) a.push(pickW(r, CHANNELS, CH_W));
      if (a.length && r.chance(0.8)) a.push(pickW(r, UIDS, UID_W));
    }
    if (kind === 'apaas') a.push(pickW(r, USERS, USER_W), pickW(r, USERS, USER_W), pickW(r, ROLES, ROLE_W));
    if (kind === 'generic') a.push(r.int(GEN_TYPES.length));
    const op = { op: 'newService', kind, a };
    if (kind === 'rtm2') {
      op.a.push(pickW(r, USERS, USER_W));
      op.perm = perms > 0 && r.chance(0.7) ? r.int(perms) : r.chance(0.5) ? -1 : -2; // -1 undefined, -2 null
    }
    return op;
  });
  add(8, () => ({ op: 'newPerms' }));
  if (perms) add(10, () => ({ op: 'permsAdd', p: r.int(perms), rt: pickW(r, RTYPES, RTYPE_W), pt: pickW(r, PTYPES, PTYPE_W), res: pickW(r, RESOURCES, RES_W) }));
  if (perms) add(2, () => ({ op: 'permsDetailsWrite', p: r.int(perms), rt: pickW(r, RTYPES, RTYPE_W), pt: pickW(r, PTYPES, PTYPE_W), res: pickW(r, RESOURCES, RES_W) }));
  if (services) add(25, () => ({ op: 'addPrivilege', s: anyS(), priv: pickW(r, PRIVS, PRIV_W), exp: pickW(r, PEXP, PEXP_W) }));
  if (tokens && services) add(25, () => ({ op: 'addService', t: anyT(), s: anyS() }));
  if (tokens) add(20, () => ({ op: 'build', t: anyT() }));
  if (tokens) add(4, () => ({ op: 'setField', t: anyT(), field: 'expire', v: pickW(r, EXPIRES, EXPIRE_W) }));
  if (tokens) add(4, () => ({ op: 'setField', t: anyT(), field: 'salt', v: pickW(r, SALTS, SALT_W) }));
  if (tokens) add(3, () => ({ op: 'setField', t: anyT(), field: 'issueTs', v: pickW(r, ISSUE, ISSUE_W) }));
  if (tokens) add(3, () => ({ op: 'setField', t: anyT(), field: 'appCertificate', v: pickW(r, CERTS, CERT_W) }));
  if (tokens) add(3, () => ({ op: 'setField', t: anyT(), field: 'appId', v: pickW(r, APPS, APP_W) }));
  if (tokens) add(14, () => {
    const choice = r.next();
    if (built && choice < 0.3) return { op: 'fromString', t: anyT(), str: { own: r.int(built) } };
    if (built && choice < 0.45) return { op: 'fromString', t: anyT(), str: { official: r.int(built) } };
    return { op: 'fromString', t: anyT(), str: { fixed: pickW(r, FIXED007, FIXED007_W) } };
  });
  if (tokens) add(10, () => ({ op: 'verify', t: anyT(), cert: pickW(r, CERTS, CERT_W) }));
  if (tokens) add(5, () => ({ op: 'getServices', t: anyT(), type: 1 + r.int(11) }));
  if (services) add(1, () => ({ op: 'writePrivilegesEntry', s: anyS(), priv: pickW(r, PRIVS, PRIV_W), exp: pickW(r, PEXP, PEXP_W) }));
  if (services) add(1, () => ({ op: 'writeInternal', s: anyS(), which: r.int(2) }));
  if (tokens) add(3, () => ({ op: 'holdServices', t: anyT() }));
  if (tokens) add(2, () => ({ op: 'resetServices', t: anyT(), to: r.chance(0.25) ? 1 : 0 }));
  if (tokens && services) add(2, () => ({ op: 'pushService', t: anyT(), s: anyS() }));
  if (tokens) add(3, () => ({ op: 'parsedPrivilege', t: anyT(), i: r.int(3), priv: pickW(r, PRIVS, PRIV_W), exp: pickW(r, PEXP, PEXP_W) }));
  if (tokens) add(2, () => ({ op: 'parsedWrite', t: anyT(), i: r.int(3), which: r.int(3), priv: pickW(r, PRIVS, PRIV_W), exp: pickW(r, PEXP, PEXP_W) }));
  add(3, () => ({ op: 'builder007', which: r.int(4), uid: pickW(r, UIDS, UID_W) }));
  return ops[pickW(r, ops, ops.map((x) => x[0]))][1]();
}

function makeWorld() {
  return { tokens: [], services: [], perms: [], arrays: [], built: [], tainted: new Set(), nonUtf8: new Set() };
}

/** Marks `s` as written through the official internal fields when the write went through. */
function taint(w, s, res) {
  if (res.ok) w.tainted.add(s);
  return res;
}

/** Runs one op on one side; returns undefined when the op does not apply (an index out of range). */
function apply007(side, w, op, shared) {
  const L = side === 'O' ? O : U;
  const t = op.t !== undefined ? w.tokens[op.t] : undefined;
  const s = op.s !== undefined ? w.services[op.s] : undefined;
  if ((op.t !== undefined && !t) || (op.s !== undefined && !s)) return undefined;
  switch (op.op) {
    case 'newToken': {
      let res;
      if (op.parse) res = attempt(() => new L.AccessToken2());
      else {
        const args = [APPS[op.app].v, CERTS[op.cert].v, ISSUE[op.issue].v];
        if (op.exp !== undefined) args.push(EXPIRES[op.exp].v);
        res = attempt(() => new L.AccessToken2(...args));
      }
      if (res.ok) {
        const tok = res.value;
        // Same salt and issue time on both sides (the defaults are random / the clock).
        if (op.salt !== undefined) tok.salt = op.salt;
        if (!op.parse && (ISSUE[op.issue].v === undefined || ISSUE[op.issue].v === 0)) tok.issueTs = NOW + 5;
        if (op.parse) tok.issueTs = NOW + 5;
        // Documented: expire left out is 900 here, undefined (packed 0) there; the parse form's
        // appId/appCertificate are '' here, undefined there. Aligned so the rest can be compared.
        if (side === 'O' && (op.parse || op.exp === undefined || EXPIRES[op.exp].v === undefined)) tok.expire = 900;
        if (side === 'O' && op.parse) tok.salt = 0; // ours: 0 until built or read (documented TSDoc)
        w.tokens.push(tok);
        w.arrays.push(tok.services);
        return { ok: true, value: 'token' };
      }
      return res;
    }
    case 'newService': {
      const vals = op.a.map((i, k) => {
        if (op.kind === 'rtc') return [CHANNELS, UIDS][k][i].v;
        if (op.kind === 'rtm' || op.kind === 'chat' || op.kind === 'rtm2') return USERS[i].v;
        if (op.kind === 'streaming' || op.kind === 'fcdn') return [CHANNELS, UIDS][k][i].v;
        if (op.kind === 'apaas') return [USERS, USERS, ROLES][k][i].v;
        if (op.kind === 'generic') return GEN_TYPES[i].v;
        return undefined;
      });
      if (op.kind === 'rtm2') {
        if (op.perm >= 0) {
          if (!w.perms[op.perm]) return undefined;
          vals.push(w.perms[op.perm]);
        } else vals.push(op.perm === -1 ? undefined : null);
      }
      const res = attempt(() => new L[CLASS[op.kind]](...vals));
      if (res.ok) {
        w.services.push(res.value);
        return { ok: true, value: 'service' };
      }
      return res;
    }
    case 'newPerms': {
      w.perms.push(new L.Rtm2Permissions());
      return { ok: true, value: 'perms' };
    }
    case 'permsAdd': {
      const p = w.perms[op.p];
      if (!p) return undefined;
      const res = RESOURCES[op.res].v;
      return attempt(() => p.add(RTYPES[op.rt].v, PTYPES[op.pt].v, res instanceof Set ? new Set(res) : Array.isArray(res) ? [...res] : res));
    }
    case 'permsDetailsWrite': {
      const p = w.perms[op.p];
      if (!p) return undefined;
      const res = RESOURCES[op.res].v;
      // A Set here: the official pack() counts it as 0 names and then writes its names (a malformed
      // token); ours packs it as the names it holds (README: written resources are checked when built).
      if (res instanceof Set) w.setInDetails = true;
      return attempt(() => {
        (p.details[RTYPES[op.rt].v] ??= {})[PTYPES[op.pt].v] = Array.isArray(res) ? [...res] : res;
      });
    }
    case 'addPrivilege':
      return attempt(() => s.add_privilege(PRIVS[op.priv].v, PEXP[op.exp].v));
    case 'addService':
      return attempt(() => t.add_service(s));
    case 'pushService':
      return attempt(() => t.services.push(s));
    case 'build': {
      const res = attempt(() => t.build());
      return res;
    }
    case 'setField': {
      const pool = { expire: EXPIRES, salt: SALTS, issueTs: ISSUE, appCertificate: CERTS, appId: APPS }[op.field];
      return attempt(() => {
        t[op.field] = pool[op.v].v;
      });
    }
    case 'fromString': {
      let str;
      let b;
      if (op.str.fixed !== undefined) str = FIXED007[op.str.fixed].v;
      else {
        b = shared.built[op.str.own ?? op.str.official];
        if (!b) return undefined;
        str = op.str.own !== undefined ? b[side] : b.O;
      }
      const res = attempt(() => t.from_string(str));
      // Documented: text that is not UTF-8 is read with U+FFFD here (the official class keeps
      // the bytes), so building such a token again packs U+FFFD (and so on, for its rebuilds).
      if (res.ok && res.value === true && (str === FIXED007[8].v || b?.nonUtf8)) w.nonUtf8.add(t);
      else w.nonUtf8.delete(t);
      return res;
    }
    case 'verify':
      return attempt(() => t.verifySignature(CERTS[op.cert].v));
    case 'getServices':
      return attempt(() => t.getServices(op.type).map((x) => w.services.indexOf(x)));
    case 'writePrivilegesEntry':
      // Code written for the official class: `service.__privileges[id] = expire`.
      return taint(w, s, attempt(() => {
        s.__privileges[PRIVS[op.priv].v] = PEXP[op.exp].v;
      }));
    case 'writeInternal':
      return taint(w, s, attempt(() => {
        if (op.which === 0) s.__privileges = { 1: 3600 };
        else s.__uid = '5';
      }));
    case 'holdServices':
      if (!Array.isArray(t.services)) return undefined;
      w.arrays.push(t.services);
      return { ok: true, value: 'held' };
    case 'resetServices':
      return attempt(() => {
        t.services = op.to === 1 ? null : [];
        if (op.to !== 1) w.arrays.push(t.services);
      });
    case 'parsedPrivilege': {
      // A service read by from_string, changed the official way before building again.
      const ps = Array.isArray(t.services) ? t.services[op.i] : undefined;
      if (!ps) return undefined;
      return attempt(() => ps.add_privilege(PRIVS[op.priv].v, PEXP[op.exp].v));
    }
    case 'parsedWrite': {
      // Code written for the official class changing a service read by from_string through its
      // internal fields (the only fields the official object has).
      const ps = Array.isArray(t.services) ? t.services[op.i] : undefined;
      if (!ps) return undefined;
      return taint(w, ps, attempt(() => {
        if (op.which === 0) ps.__privileges[PRIVS[op.priv].v] = PEXP[op.exp].v;
        else if (op.which === 1) ps.__privileges = { [PRIVS[op.priv].v]: PEXP[op.exp].v };
        else ps.__uid = '5';
      }));
    }
    case 'builder007': {
      // Interleaved builder call: ours must verify under the official parser and carry the same
      // services as the official builder's token (salt and issue time are the clock's / random).
      const uid = UIDS[op.uid].v;
      const B = side === 'O' ? OB : U;
      const res = attempt(() => {
        switch (op.which) {
          case 0:
            return B.RtcTokenBuilder.buildTokenWithUid(A1, C1, 'room', uid, 1, 3600, 1800);
          case 1:
            return B.RtmTokenBuilder.buildToken(A2, C2, typeof uid === 'string' ? uid : 'u', 600);
          case 2:
            return B.ChatTokenBuilder.buildUserToken(A1, C2, 'alice', 60);
          default:
            return B.RtcTokenBuilder.buildTokenWithRtm(A1, C1, 'room', typeof uid === 'string' ? uid : 'acc', 1, 3600, 1800);
        }
      });
      if (!res.ok) return res;
      const p = new O.AccessToken2();
      if (!p.from_string(res.value)) return { ok: true, value: 'unreadable' };
      const cert = [C1, C2, C2, C1][op.which];
      return { ok: true, value: { verifies: p.verifySignature(cert), expire: p.expire, services: p.services.map((x) => serviceState('O', x, { services: [], perms: [] })) } };
    }
  }
  throw new Error(`unknown op ${op.op}`);
}

// ---------------------------------------------------------------------------------------------
// Rendering a sequence as code (for reproductions)
function render007(op) {
  const T = `t${op.t}`;
  const S = `s${op.s}`;
  switch (op.op) {
    case 'newToken':
      if (op.parse) return `new AccessToken2() /* parse form; issueTs=${NOW + 5} */`;
      return `new AccessToken2(${[APPS[op.app].src, CERTS[op.cert].src, ISSUE[op.issue].src, ...(op.exp !== undefined ? [EXPIRES[op.exp].src] : [])].join(', ')}); .salt = ${op.salt}`;
    case 'newService':
      return `new ${CLASS[op.kind]}(${op.a
        .map((i, k) => {
          if (op.kind === 'rtc' || op.kind === 'streaming' || op.kind === 'fcdn') return [CHANNELS, UIDS][k][i].src;
          if (op.kind === 'apaas') return [USERS, USERS, ROLES][k][i].src;
          if (op.kind === 'generic') return GEN_TYPES[i].src;
          return USERS[i].src;
        })
        .concat(op.kind === 'rtm2' ? [op.perm >= 0 ? `p${op.perm}` : op.perm === -1 ? 'undefined' : 'null'] : [])
        .join(', ')})`;
    case 'newPerms':
      return 'new Rtm2Permissions()';
    case 'permsAdd':
      return `p${op.p}.add(${RTYPES[op.rt].src}, ${PTYPES[op.pt].src}, ${RESOURCES[op.res].src})`;
    case 'permsDetailsWrite':
      return `(p${op.p}.details[${RTYPES[op.rt].src}] ??= {})[${PTYPES[op.pt].src}] = ${RESOURCES[op.res].src}`;
    case 'addPrivilege':
      return `${S}.add_privilege(${PRIVS[op.priv].src}, ${PEXP[op.exp].src})`;
    case 'addService':
      return `${T}.add_service(${S})`;
    case 'pushService':
      return `${T}.services.push(${S})`;
    case 'build':
      return `${T}.build()`;
    case 'setField': {
      const pool = { expire: EXPIRES, salt: SALTS, issueTs: ISSUE, appCertificate: CERTS, appId: APPS }[op.field];
      return `${T}.${op.field} = ${pool[op.v].src}`;
    }
    case 'fromString':
      return `${T}.from_string(${op.str.fixed !== undefined ? FIXED007[op.str.fixed].src : op.str.own !== undefined ? `<this side's built #${op.str.own}>` : `<official built #${op.str.official}>`})`;
    case 'verify':
      return `${T}.verifySignature(${CERTS[op.cert].src})`;
    case 'getServices':
      return `${T}.getServices(${op.type})`;
    case 'writePrivilegesEntry':
      return `${S}.__privileges[${PRIVS[op.priv].src}] = ${PEXP[op.exp].src}`;
    case 'writeInternal':
      return op.which === 0 ? `${S}.__privileges = { 1: 3600 }` : `${S}.__uid = '5'`;
    case 'holdServices':
      return `held = ${T}.services`;
    case 'resetServices':
      return `${T}.services = ${op.to === 1 ? 'null' : '[]'}`;
    case 'parsedPrivilege':
      return `${T}.services[${op.i}].add_privilege(${PRIVS[op.priv].src}, ${PEXP[op.exp].src})`;
    case 'parsedWrite':
      return [`${T}.services[${op.i}].__privileges[${PRIVS[op.priv].src}] = ${PEXP[op.exp].src}`, `${T}.services[${op.i}].__privileges = { [${PRIVS[op.priv].src}]: ${PEXP[op.exp].src} }`, `${T}.services[${op.i}].__uid = '5'`][op.which];
    case 'builder007':
      return `builder #${op.which} (uid ${UIDS[op.uid].src})`;
  }
  return JSON.stringify(op);
}

// ---------------------------------------------------------------------------------------------
// 006
const APPS6 = APPS;
const CH6 = [val('room'), val(''), val('a b'), val('Ω'), val(7), val(undefined)];
const CH6_W = [60, 15, 10, 10, 2, 3];
const UIDS6 = [val(42), val(0), val('0'), val('42'), val('alice'), val(''), val(undefined), val(4294967295), val(-1)];
const UIDS6_W = [25, 15, 10, 10, 15, 10, 5, 5, 2];
const PRIVS6 = [val(1), val(2), val(3), val(4), val(101), val(1000), val(0), val(65536), val('1')];
const PRIVS6_W = [30, 15, 15, 10, 5, 10, 5, 2, 3];
const PEXP6 = [val(NOW + 3600), val(0), val(4294967295), val(1.5), val('3600'), val(-1), val(undefined)];
const PEXP6_W = [60, 15, 10, 3, 3, 3, 3];
const SALTS6 = [val(12345), val(0), val(4294967295), val(99999999), val(-1), val(4294967296)];
const SALTS6_W = [50, 10, 15, 15, 3, 3];
const TS6 = [val(NOW + 86400), val(0), val(4294967295), val(1.5), val('5')];
const TS6_W = [60, 15, 15, 5, 5];
BAD.set(CH6, [4, 5]).set(UIDS6, [6, 8]).set(PRIVS6, [7, 8]).set(PEXP6, [3, 4, 5, 6]).set(SALTS6, [4, 5]).set(TS6, [3, 4]);

const FIXED006 = (() => {
  const make = (ch, uid, privs, salt = 4242, ts = NOW + 86400) => {
    const t = new O6.AccessToken(A1, C1, ch, uid);
    t.salt = salt;
    t.ts = ts;
    for (const [k, v] of privs) t.addPriviledge(k, v);
    return t.build();
  };
  const list = [
    val(make('room', 42, [[1, NOW + 3600], [2, NOW + 3600]]), 'T6_RTC'),
    val(make('alice', '', [[1000, 0]]), 'T6_RTM'),
    val(make('room', 0, []), 'T6_EMPTY_PRIVS'),
    val(make('room', 'acct', [[101, 5]], 0, 0), 'T6_SALT0'),
    val(''),
    val('006'),
    val('006' + A1),
    val(FIXED007[0].v, 'TOK_RTC(007)'),
  ];
  const t = list[0].v;
  list.push(val(t + '  ', 'T6_RTC + "  "'));
  list.push(val(t.slice(0, 60), 'T6_RTC.slice(0, 60)'));
  list.push(val(t.replace(/\+/g, '-').replace(/\//g, '_'), 'T6_RTC_URLSAFE'));
  list.push(val(t.slice(0, 3) + A2 + t.slice(35), 'T6_RTC with appID A2'));
  return list;
})();
const FIXED006_W = FIXED006.map((e, i) => (i < 4 ? 10 : 3));

function gen006Op(r, sizes) {
  const { tokens, built } = sizes;
  const anyT = () => r.int(Math.max(tokens, 1));
  const ops = [];
  const add = (w, f) => ops.push([w, f]);
  add(tokens === 0 ? 100 : 6, () => {
    if (r.chance(0.1)) return { op: 'new', parse: true };
    return { op: 'new', app: pickW(r, APPS6, APP_W), cert: pickW(r, CERTS, CERT_W), ch: pickW(r, CH6, CH6_W), uid: pickW(r, UIDS6, UIDS6_W), salt: r.int(2) ? 10000 + r.int(90000) : 4000000000 + r.int(1000000) };
  });
  if (tokens) add(30, () => ({ op: 'addPriv', t: anyT(), spelling: r.int(2), priv: pickW(r, PRIVS6, PRIVS6_W), exp: pickW(r, PEXP6, PEXP6_W) }));
  if (tokens) add(20, () => ({ op: 'build', t: anyT() }));
  if (tokens) add(4, () => ({ op: 'set', t: anyT(), field: 'salt', v: pickW(r, SALTS6, SALTS6_W) }));
  if (tokens) add(4, () => ({ op: 'set', t: anyT(), field: 'ts', v: pickW(r, TS6, TS6_W) }));
  if (tokens) add(3, () => ({ op: 'set', t: anyT(), field: 'appCertificate', v: pickW(r, CERTS, CERT_W) }));
  if (tokens) add(4, () => ({ op: 'messagesWrite', t: anyT(), priv: pickW(r, PRIVS6, PRIVS6_W), exp: pickW(r, PEXP6, PEXP6_W) }));
  if (tokens) add(2, () => ({ op: 'messagesDelete', t: anyT(), priv: pickW(r, PRIVS6, PRIVS6_W) }));
  if (tokens) add(3, () => ({ op: 'messagesReplace', t: anyT(), from: r.int(Math.max(tokens, 1)), kind: r.int(3) }));
  if (tokens) add(2, () => ({ op: 'holdMessages', t: anyT() }));
  if (tokens) add(14, () => {
    const c = r.next();
    if (built && c < 0.35) return { op: 'fromString', t: anyT(), str: { own: r.int(built) } };
    if (built && c < 0.5) return { op: 'fromString', t: anyT(), str: { official: r.int(built) } };
    return { op: 'fromString', t: anyT(), str: { fixed: pickW(r, FIXED006, FIXED006_W) } };
  });
  add(6, () => ({ op: 'builder', which: r.int(3), ch: pickW(r, CH6, CH6_W), uid: pickW(r, UIDS6, UIDS6_W), role: r.int(4), exp: pickW(r, PEXP6, PEXP6_W) }));
  return ops[pickW(r, ops, ops.map((x) => x[0]))][1]();
}

const ROLES6 = [0, 1, 2, 101];

function apply006(side, w, op, shared) {
  const L = side === 'O' ? O6 : U6;
  const t = op.t !== undefined ? w.tokens[op.t] : undefined;
  if (op.t !== undefined && !t) return undefined;
  switch (op.op) {
    case 'new': {
      const args = op.parse ? ['', '', '', ''] : [APPS6[op.app].v, CERTS[op.cert].v, CH6[op.ch].v, UIDS6[op.uid].v];
      const res = attempt(() => new L.AccessToken(...args));
      if (!res.ok) return res;
      const tok = res.value;
      if (!op.parse) tok.salt = op.salt;
      else if (side === 'O') tok.salt = 0; // ours: 0 until read or built (documented TSDoc)
      tok.ts = NOW + 86400;
      w.tokens.push(tok);
      return { ok: true, value: 'token' };
    }
    case 'addPriv': {
      const f = side === 'O' || op.spelling === 0 ? 'addPriviledge' : 'addPrivilege';
      return attempt(() => t[f](PRIVS6[op.priv].v, PEXP6[op.exp].v));
    }
    case 'build':
      return attempt(() => t.build());
    case 'set': {
      const pool = { salt: SALTS6, ts: TS6, appCertificate: CERTS }[op.field];
      return attempt(() => {
        t[op.field] = pool[op.v].v;
      });
    }
    case 'messagesWrite':
      return attempt(() => {
        t.messages[PRIVS6[op.priv].v] = PEXP6[op.exp].v;
      });
    case 'messagesDelete':
      return attempt(() => {
        delete t.messages[PRIVS6[op.priv].v];
      });
    case 'messagesReplace': {
      const other = w.tokens[op.from];
      if (!other) return undefined;
      return attempt(() => {
        if (op.kind === 0) t.messages = other.messages; // shared between two tokens
        else if (op.kind === 1) t.messages = { 1: NOW + 10, 2: NOW + 20 };
        else t.messages = {};
      });
    }
    case 'holdMessages':
      return attempt(() => {
        w.held.push(t.messages);
      });
    case 'fromString': {
      let str;
      if (op.str.fixed !== undefined) str = FIXED006[op.str.fixed].v;
      else {
        const b = shared.built[op.str.own ?? op.str.official];
        if (!b) return undefined;
        str = op.str.own !== undefined ? b[side] : b.O;
      }
      const res = attempt(() => t.fromString(str));
      // Documented: ours sets appID from the token (agora-access-token 2.0.4 does not; agora-token's
      // 006 copy does). The oracle is given the same, so the rest of the sequence compares.
      if (side === 'O' && res.ok && res.value === true) t.appID = str.slice(3, 35);
      return res;
    }
    case 'builder': {
      const ch = CH6[op.ch].v;
      const uid = UIDS6[op.uid].v;
      const role = ROLES6[op.role];
      const exp = PEXP6[op.exp].v;
      if (side === 'O') {
        const res = attempt(() => {
          if (op.which === 0) return O6B.RtcTokenBuilder.buildTokenWithUid(A1, C1, ch, uid, role, exp);
          if (op.which === 1) return O6B.RtcTokenBuilder.buildTokenWithAccount(A1, C1, ch, uid, role, exp);
          return O6B.RtmTokenBuilder.buildToken(A1, C1, ch, 1, exp);
        });
        shared.lastOfficial = res;
        return res;
      }
      // Ours gets the salt and ts the official one packed (read back from its token).
      const ref = shared.lastOfficial;
      let options = {};
      if (ref?.ok && typeof ref.value === 'string') {
        const p = new O6.AccessToken('', '', '', '');
        if (p.fromString(ref.value)) options = { salt: p.salt, ts: p.ts };
      }
      return attempt(() => {
        if (op.which === 0) return U6.RtcTokenBuilder.buildTokenWithUid(A1, C1, ch, uid, role, exp, options);
        if (op.which === 1) return U6.RtcTokenBuilder.buildTokenWithAccount(A1, C1, ch, uid, role, exp, options);
        return U6.RtmTokenBuilder.buildToken(A1, C1, ch, 1, exp, options);
      });
    }
  }
  throw new Error(`unknown op ${op.op}`);
}

function render006(op) {
  const T = `t${op.t}`;
  switch (op.op) {
    case 'new':
      return op.parse ? "new AccessToken('', '', '', '')" : `new AccessToken(${APPS6[op.app].src}, ${CERTS[op.cert].src}, ${CH6[op.ch].src}, ${UIDS6[op.uid].src}); .salt = ${op.salt}; .ts = ${NOW + 86400}`;
    case 'addPriv':
      return `${T}.${op.spelling === 0 ? 'addPriviledge' : 'addPrivilege'}(${PRIVS6[op.priv].src}, ${PEXP6[op.exp].src})`;
    case 'build':
      return `${T}.build()`;
    case 'set':
      return `${T}.${op.field} = ${{ salt: SALTS6, ts: TS6, appCertificate: CERTS }[op.field][op.v].src}`;
    case 'messagesWrite':
      return `${T}.messages[${PRIVS6[op.priv].src}] = ${PEXP6[op.exp].src}`;
    case 'messagesDelete':
      return `delete ${T}.messages[${PRIVS6[op.priv].src}]`;
    case 'messagesReplace':
      return `${T}.messages = ${op.kind === 0 ? `t${op.from}.messages` : op.kind === 1 ? `{ 1: ${NOW + 10}, 2: ${NOW + 20} }` : '{}'}`;
    case 'holdMessages':
      return `held = ${T}.messages`;
    case 'fromString':
      return `${T}.fromString(${op.str.fixed !== undefined ? FIXED006[op.str.fixed].src : op.str.own !== undefined ? `<this side's built #${op.str.own}>` : `<official built #${op.str.official}>`})`;
    case 'builder':
      return `${['RtcTokenBuilder.buildTokenWithUid', 'RtcTokenBuilder.buildTokenWithAccount', 'RtmTokenBuilder.buildToken'][op.which]}(A1, C1, ${CH6[op.ch].src}, ${op.which === 2 ? '1' : `${UIDS6[op.uid].src}, ${ROLES6[op.role]}`}, ${PEXP6[op.exp].src})`;
  }
  return JSON.stringify(op);
}

function messagesNorm(m) {
  if (typeof m !== 'object' || m === null) return String(m);
  const out = {};
  for (const k of Object.keys(m).sort((a, b) => Number(a) - Number(b))) out[k] = m[k];
  return out;
}
function token006State(side, t) {
  return {
    appID: t.appID ?? '', // parse form: undefined there, '' here
    appCertificate: t.appCertificate ?? '',
    channelName: t.channelName,
    uid: t.uid,
    salt: t.salt,
    ts: t.ts,
    messages: messagesNorm(t.messages),
    signature: hex(t.signature),
    crc_channel_name: t.crc_channel_name,
    crc_uid: t.crc_uid,
    m: hex(t.m),
  };
}
function world006State(side, w) {
  return { tokens: w.tokens.map((t) => token006State(side, t)), held: w.held.map(messagesNorm), sharing: w.tokens.map((t) => w.held.indexOf(t.messages)) };
}

// ---------------------------------------------------------------------------------------------
// Comparison and classification
const KEEP = (_k, v) => (v === undefined ? '<undefined>' : typeof v === 'number' && !Number.isFinite(v) ? `<${v}>` : v);
const same = (a, b) => JSON.stringify(a, KEEP) === JSON.stringify(b, KEEP);
const brief = (x) => (x.ok ? `ok ${JSON.stringify(x.value)?.slice(0, 120)}` : `throws ${x.agora ? `AgoraTokenError ${x.code}` : x.name}: ${x.message}`);

/**
 * The class of a difference between the official outcome `o` and ours `u` of `op`, 'same', or
 * 'zlib' (same token payload, different deflate stream). Prefixed 'doc:' when the README documents it.
 */
const SET_IN_DETAILS = 'doc:a Set written straight into Rtm2Permissions.details is packed as its names (the official class packs a count of 0 before them, a malformed token)';
function classify(kind, op, o, u, ctx) {
  if (ctx?.setInDetails && (op.op === 'fromString' || op.op === 'build') && o.ok && u.ok && !same(o.value, u.value)) {
    if (op.op === 'fromString' || inflated(o.value) !== inflated(u.value)) return SET_IN_DETAILS;
  }
  if (op.op === 'build' && ctx?.nonUtf8 && o.ok && u.ok && inflated(o.value) !== inflated(u.value)) return 'doc:build after from_string of text that is not UTF-8 packs U+FFFD';
  if (op.op === 'build' && ctx?.tainted) {
    if (o.ok && !u.ok && u.agora && /internal field/.test(u.message)) return "doc:build refuses a service whose official internal fields were written";
    if (o.ok && u.ok && o.value !== u.value && inflated(o.value) !== inflated(u.value)) return 'UNDOC:build-silently-drops-written-internal-field';
  }
  const name = op.op + (op.kind ? `(${op.kind})` : op.field ? `(${op.field})` : '');
  if (o.ok && u.ok) {
    let ov = o.value;
    let uv = u.value;
    // add_service / add_privilege / Rtm2Permissions.add return undefined there, `this` here.
    if (ov === undefined && uv !== undefined && typeof uv === 'object' && ['addPrivilege', 'addService', 'permsAdd', 'parsedPrivilege', 'addPriv'].includes(op.op)) {
      return 'benign:add_service / add_privilege / Rtm2Permissions.add / addPriviledge return the object (for chaining), not undefined';
    }
    if (same(ov, uv)) return 'same';
    if (kind === '007' && op.op === 'build' && typeof ov === 'string' && typeof uv === 'string' && ov.startsWith('007') && uv.startsWith('007')) {
      const a = inflated(ov);
      const b = inflated(uv);
      if (a !== undefined && a === b) return 'zlib';
      const saltOf = (tok) => {
        const p = new O.AccessToken2();
        return p.from_string(tok) ? p.salt : undefined;
      };
      if (saltOf(ov) === 0 && saltOf(uv) !== 0) return SALT0;
      return `UNDOC:build-payload-differs`;
    }
    if (op.op === 'build' && ov === '' && typeof uv === 'string') return `UNDOC:official-empty-ours-built`;
    if (op.op === 'verify' && ov === true && uv === false && ctx?.nonNumeric) return "doc:verifySignature is false when issueTs or salt was set to a string or a fraction (README: such values are refused; the official class coerces them)";
    return `UNDOC:${name}:values-differ`;
  }
  if (!o.ok && !u.ok) {
    if (!u.agora && !o.agora && o.name === u.name && o.message === u.message) return 'same';
    if (!u.agora) return `UNDOC:${name}:ours-untyped-${u.name}`;
    return `doc:${name}:both-throw(official ${o.name}, ours ${u.code})`;
  }
  if (!u.ok) {
    if (!u.agora && (op.op === 'writePrivilegesEntry' || op.op === 'parsedWrite') && /Cannot set properties of undefined/.test(u.message)) {
      return "minor:service.__privileges[id] = … on a constructed service is a plain TypeError at the write (it has no __privileges)";
    }
    if (u.agora && /^(writePrivilegesEntry|parsedWrite|writeInternal)$/.test(op.op) && u.code === 'ERR_INVALID_ARGUMENT' && /^__/.test(u.field ?? '')) {
      return "doc:a write to an official internal field of a parsed service throws ERR_INVALID_ARGUMENT";
    }
    if (!u.agora) return `UNDOC:${name}:ours-throws-untyped-${u.name}(official ok)`;
    if (o.value === '') return `doc:${name}:official-returns-empty-ours-throws(${u.code})`;
    return `stricter:${name}:ours-throws(${u.code})`;
  }
  return `lenient:${name}:official-throws-${o.name}-ours-ok`;
}

function runSequence(kind, ops, { stopAtFirst = true } = {}) {
  const apply = kind === '007' ? apply007 : apply006;
  const stateOf = kind === '007' ? world007State : world006State;
  const wo = kind === '007' ? makeWorld() : { tokens: [], held: [] };
  const wu = kind === '007' ? makeWorld() : { tokens: [], held: [] };
  const shared = { built: [] };
  const found = [];
  let zlib = 0;
  let steps = 0;
  let builds = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const o = apply('O', wo, op, shared);
    const u = apply('U', wu, op, shared);
    if (o === undefined || u === undefined) continue;
    steps++;
    const tainted = kind === '007' && op.op === 'build' && Array.isArray(wo.tokens[op.t]?.services) && wo.tokens[op.t].services.some((x) => wo.tainted.has(x));
    const nonUtf8 = kind === '007' && op.op === 'build' && (wo.nonUtf8.has(wo.tokens[op.t]) || wu.nonUtf8.has(wu.tokens[op.t]));
    const tt = kind === '007' ? wo.tokens[op.t] : undefined;
    const nonNumeric = tt !== undefined && [tt.issueTs, tt.salt].some((x) => typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 0xffffffff);
    const c = classify(kind, op, o, u, { tainted, nonUtf8, nonNumeric, setInDetails: wo.setInDetails });
    if (c === 'zlib') zlib++;
    if (op.op === 'build' && o.ok && u.ok) builds++;
    if (op.op === 'build' && o.ok && u.ok && typeof o.value === 'string' && o.value !== '') shared.built.push({ O: o.value, U: u.value, nonUtf8 });
    if (c !== 'same' && c !== 'zlib') found.push({ at: i, cls: c, o: brief(o), u: brief(u) });
    const so = stateOf('O', wo);
    const su = stateOf('U', wu);
    if (!same(so, su)) {
      const diff = firstDiff(so, su);
      // A state difference right after a documented outcome difference is that difference.
      const prev = found.at(-1);
      const doc = documentedState(diff.path, diff.o, diff.u);
      const cls = doc ?? (prev && prev.at === i ? `${prev.cls} => state ${diff.path.replace(/\d+/g, '#')}` : `UNDOC:state-after-${op.op}${op.field ? `(${op.field})` : ''}:${diff.path.replace(/\d+/g, '#')}`);
      found.push({ at: i, cls, o: JSON.stringify(diff.o)?.slice(0, 200), u: JSON.stringify(diff.u)?.slice(0, 200), state: true });
      return { found, steps, zlib, builds, stopped: true };
    }
    if (stopAtFirst && found.length && found.at(-1).at === i && /^(UNDOC|minor)/.test(found.at(-1).cls)) return { found, steps, zlib, builds, stopped: true };
  }
  return { found, steps, zlib, builds, stopped: false };
}

function firstDiff(a, b, path = '') {
  if (same(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return { path: path || '.', o: a, u: b };
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDiff(a[k], b[k], `${path}.${k}`);
    if (d) return d;
  }
  return { path: path || '.', o: a, u: b };
}

/**
 * State differences the README documents, by the path that differs and the two values; undefined
 * for any other.
 */
const SALT0 = 'minor:a salt of 0 (parse form, or left by a failed from_string) is redrawn at build (TSDoc; the official class packs 0)';
function documentedState(path, o, u) {
  if (/\.salt$/.test(path) && o === 0 && u !== 0) return SALT0;
  if (/\.role$/.test(path) && o === 65535 && u === -1) return 'doc:APaaS role -1 reads back as -1 (official parser: 65535)';
  if (/\.role$/.test(path) && o === -1 && u === 0) return 'doc:ServiceApaas keeps an explicit role 0';
  if (/\.(userId|room|user)$/.test(path) && typeof o === 'number' && u === String(o)) return 'doc:numeric RTM/Chat/APaaS id packed as its decimal text';
  if (/\.written __/.test(path) && o === undefined) return "doc:official internal field written on our service (refused at build)";
  if (/^\.tokens\.\d+\.(uid|channelName)$/.test(path) && (o === 'undefined' || o === undefined) && u === '') return "doc:parse form (no appId and certificate): a uid or channel left undefined is '' here";
  return undefined;
}

/** The class a sequence ends with (its last finding), for shrinking. */
const endClass = (kind, ops) => runSequence(kind, ops).found.at(-1)?.cls;

function shrink(kind, ops, cls) {
  let cur = ops;
  let progress = true;
  while (progress) {
    progress = false;
    for (let i = cur.length - 1; i >= 0; i--) {
      const next = cur.slice(0, i).concat(cur.slice(i + 1));
      if (endClass(kind, next) === cls) {
        cur = next;
        progress = true;
      }
    }
  }
  return cur;
}

function genSequence(kind, r) {
  mixBad = r.chance(0.35);
  const n = 3 + r.int(kind === '007' ? 22 : 16);
  const ops = [];
  const sizes = { tokens: 0, services: 0, perms: 0, built: 0, arrays: 0 };
  for (let i = 0; i < n; i++) {
    const op = (kind === '007' ? gen007Op : gen006Op)(r, sizes);
    ops.push(op);
    // Sizes as generated (an op that fails at run time leaves an index that is skipped).
    if (op.op === 'newToken' || op.op === 'new') sizes.tokens++;
    if (op.op === 'newService') sizes.services++;
    if (op.op === 'newPerms') sizes.perms++;
    if (op.op === 'build') sizes.built++;
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
function main() {
  const kinds = opts.kind === 'both' ? ['007', '006'] : [opts.kind];
  let exit = 0;
  for (const kind of kinds) {
    const render = kind === '007' ? render007 : render006;
    const tally = new Map();
    let steps = 0;
    let zlib = 0;
    let builds = 0;
    let opsTotal = 0;
    let stopped = 0;
    const start = Date.now();
    const range = opts.case !== undefined ? [opts.case] : Array.from({ length: opts.cases }, (_, i) => i);
    for (const index of range) {
      const r = rngFor(opts.seed + (kind === '006' ? 1_000_003 : 0), index);
      const ops = genSequence(kind, r);
      opsTotal += ops.length;
      const res = runSequence(kind, ops);
      steps += res.steps;
      zlib += res.zlib;
      builds += res.builds;
      if (res.stopped) stopped++;
      for (const f of res.found) {
        const e = tally.get(f.cls) ?? { n: 0, shortest: undefined };
        e.n++;
        const upto = ops.slice(0, f.at + 1);
        if (e.shortest === undefined || upto.length < e.shortest.ops.length) e.shortest = { index, ops: upto, f };
        tally.set(f.cls, e);
      }
      if (opts.case !== undefined) {
        ops.forEach((op, i) => console.log(`${String(i).padStart(3)} ${render(op)}`));
        for (const f of res.found) console.log(`  @${f.at} ${f.cls}\n     official: ${f.o}\n     ours:     ${f.u}`);
      }
    }
    console.log(`\n== ${kind}: ${range.length} sequences, seed ${opts.seed}, ${opsTotal} ops generated, ${steps} steps run and compared, ${stopped} sequences stopped at a divergence, ${builds} builds on both sides compared (${zlib} equal by payload only: the zlib streams differ), ${((Date.now() - start) / 1000).toFixed(1)} s`);
    const sorted = [...tally].sort((a, b) => a[0].localeCompare(b[0]));
    for (const [cls, e] of sorted) {
      console.log(`${String(e.n).padStart(6)}  ${cls}`);
      if (/^UNDOC/.test(cls) || opts.verbose) {
        if (/^UNDOC/.test(cls)) exit = 1;
        const min = shrink(kind, e.shortest.ops, cls);
        const res = runSequence(kind, min);
        const f = res.found.at(-1);
        console.log(`        minimal (from sequence ${e.shortest.index}):`);
        min.forEach((op, i) => console.log(`          ${i}: ${render(op)}`));
        console.log(`          official: ${f?.o}\n          ours:     ${f?.u}`);
      }
    }
  }
  process.exitCode = exit;
}

main();
