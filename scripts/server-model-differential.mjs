#!/usr/bin/env node
// Model-based, stateful differential test of createTokenHandler (agora-token-kit/server) and its
// Node adapter. From a fixed seed it creates handlers with random valid options, sends random
// sequences of requests (clock advancing between them) and compares every response with an
// independent model written from README's "A token server in one import" and the TSDoc of
// src/server. Usage: node scripts/server-model-differential.mjs [--seed 1] [--handlers 200]
// [--requests 60] (requests per handler; every fifth handler also runs the same sequence through
// the Node adapter over loopback HTTP). Run `npm run build` first: it imports dist/. Exit 1 on any
// discrepancy, with up to three examples of each kind.
import { createServer, request as httpRequest, Agent } from 'node:http';
import { createTokenHandler, createMemoryRateLimiter } from '../dist/server.js';
import { toNodeHandler, serve } from '../dist/server-node.js';
import { decodeToken, verifyToken } from '../dist/index.js';
import { mulberry32Unit } from '../test/runtimes/prng.mjs';
import { parseOptions } from './lib/options.mjs';

const opts = parseOptions('server-model-differential', process.argv.slice(2), { seed: 1, handlers: 200, requests: 60 });
const SEED = opts.seed;
const HANDLERS = opts.handlers;
const PER = opts.requests;
const APP_ID = '0123456789abcdef0123456789abcdef';
const CERT = 'fedcba9876543210fedcba9876543210';
const FETCH_ORIGIN = 'http://tok.test';

const rnd = mulberry32Unit(SEED);
const int = (n) => Math.floor(rnd() * n);
const pick = (a) => a[int(a.length)];
const chance = (p) => rnd() < p;

// ---------------------------------------------------------------- the model's validators (docs)
const AGORA = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]+$/;
class Bad extends Error { constructor(status, code) { super(code); this.status = status; this.code = code; } }
const bad = (code = 'ERR_INVALID') => { throw new Bad(400, code); };
const absent = (v) => v === undefined || v === null || v === '';
function mChannel(v, wildcard = false) {
  if (absent(v)) bad('ERR_MISSING_FIELD');
  if (v === '*') { if (wildcard) return v; bad(); }
  if (typeof v !== 'string' || v.length > 63 || !AGORA.test(v)) bad();
  return v;
}
function mUid(v, accounts) {
  if (absent(v)) bad('ERR_MISSING_FIELD');
  if (typeof v === 'number') { if (Number.isInteger(v) && v >= 0 && v <= 0xffffffff && !Object.is(v, -0)) return v; bad(); }
  if (typeof v !== 'string') bad();
  if (/^(0|[1-9]\d{0,9})$/.test(v) && Number(v) <= 0xffffffff) return Number(v);
  if (!accounts || /^\s*[-+]?(\d|\.\d|infinity|nan)/i.test(v)) bad();
  return mAccount(v, 255);
}
function mAccount(v, max) {
  if (absent(v)) bad('ERR_MISSING_FIELD');
  if (typeof v !== 'string' || v.length > max || !AGORA.test(v)) bad();
  return v;
}
function mRtm(v) {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) v = String(v);
  const s = mAccount(v, 64);
  if (s === '0') bad();
  return s;
}
function mChat(v) {
  if (absent(v)) bad('ERR_MISSING_FIELD');
  if (typeof v !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(v)) bad();
  return v;
}
function mRole(v, fallback, text) {
  if (absent(v)) return fallback;
  if (v === 'publisher' || v === 1 || (text && v === '1')) return 'publisher';
  if (v === 'subscriber' || v === 2 || (text && v === '2')) return 'subscriber';
  bad();
}
const mServiceRole = (v, text) => (v === 'audience' ? 'subscriber' : mRole(v, 'subscriber', text));
function mExpiry(v, pol, text) {
  if (absent(v)) return pol.def;
  let n;
  if (typeof v === 'number' && !text) n = v;
  else if (typeof v === 'string' && text && /^\d{1,10}$/.test(v)) n = Number(v);
  else bad();
  if (!Number.isInteger(n) || n < 0) bad();
  if (n === 0) return pol.def;
  if (n > pol.max) bad();
  return n;
}

// ---------------------------------------------------------------- the model of one request
function modelAsked(req, pol, now) {
  const { endpoint: ep, params: p, query: qs, body } = req;
  const q = (name) => { const all = qs.getAll(name); if (all.length > 1) bad('ERR_BAD_REQUEST'); return all[0]; };
  const own = (n) => (body && Object.hasOwn(body, n) ? body[n] : undefined);
  if (ep === 'getToken') {
    const tt = own('tokenType');
    const e = mExpiry(own('expire'), pol, false);
    if (tt === 'rtc') return { types: ['rtc'], channel: mChannel(own('channel')), uid: mUid(own('uid'), true), role: mServiceRole(own('role'), false), expiresInSeconds: e };
    if (tt === 'rtm') {
      const rtmUserId = mRtm(own('uid'));
      if (absent(own('channel'))) return { types: ['rtm'], rtmUserId, expiresInSeconds: e };
      const channel = mChannel(own('channel'));
      const role = absent(own('role')) ? 'publisher' : mServiceRole(own('role'), false);
      return { types: ['rtm'], channel, role, rtmUserId, streamChannel: channel, expiresInSeconds: e };
    }
    if (tt === 'chat') return absent(own('uid')) ? { types: ['chat-app'], expiresInSeconds: e } : { types: ['chat'], chatUserId: mChat(own('uid')), expiresInSeconds: e };
    bad(absent(tt) ? 'ERR_MISSING_FIELD' : 'ERR_BAD_REQUEST');
  }
  const pathRtc = () => {
    const channel = mChannel(p.channelName);
    const role = mServiceRole(p.role, true);
    if (p.tokenType !== 'uid' && p.tokenType !== 'userAccount') bad();
    const uid = p.tokenType === 'uid' ? mUid(p.rtcuid, false) : mAccount(p.rtcuid, 255);
    return { channel, uid, role };
  };
  if (ep === 'rtc') { const r = pathRtc(); return { types: ['rtc'], ...r, expiresInSeconds: mExpiry(q('expiry'), pol, true) }; }
  if (ep === 'rtm') return { types: ['rtm'], rtmUserId: mRtm(p.rtmuid), expiresInSeconds: mExpiry(q('expiry'), pol, true) };
  if (ep === 'rte') {
    const r = pathRtc();
    const rtmUserId = mRtm(p.rtmuid ?? (r.uid === 0 ? undefined : String(r.uid)));
    return { types: ['rtc', 'rtm'], ...r, rtmUserId, streamChannel: r.channel, expiresInSeconds: mExpiry(q('expiry'), pol, true), rtmDefaulted: rtmUserId === String(r.uid) }; // finding 1: a named rtmuid equal to the uid follows a pinned uid too
  }
  if (ep === 'chat') {
    const e = mExpiry(q('expiry'), pol, true);
    return p.chatid === undefined ? { types: ['chat-app'], expiresInSeconds: e } : { types: ['chat'], chatUserId: mChat(p.chatid), expiresInSeconds: e };
  }
  if (ep === 'fetch_rtc_token') {
    const fromQuery = body === undefined;
    const src = body ?? Object.fromEntries([...new Set([...qs.keys()])].filter((k) => ['uid', 'channelname', 'role', 'expire'].includes(k.toLowerCase())).map((k) => [k, q(k)]));
    const cl = (name) => {
      let found;
      for (const k of Object.keys(src)) if (k.toLowerCase() === name.toLowerCase()) { if (found !== undefined && found !== src[k]) bad('ERR_BAD_REQUEST'); found = src[k]; }
      return found;
    };
    const channel = mChannel(cl('channelName'));
    const uid = mUid(cl('uid'), false);
    const r = cl('role');
    const role = r === 0 || r === 101 || (fromQuery && (r === '0' || r === '101')) ? 'publisher' : mRole(r, 'publisher', fromQuery);
    return { types: ['rtc'], channel, uid, role, expiresInSeconds: mExpiry(cl('expire'), pol, fromQuery) };
  }
  if (ep === 'access_token') {
    const channel = mChannel(q('channel'));
    const ru = q('uid');
    const uid = absent(ru) ? 0 : mUid(ru, false);
    const role = mRole(q('role'), 'subscriber', false); // README is silent on role here; numbers-as-text not taken
    const ts = q('expiredTs');
    let e;
    if (!absent(ts) && ts !== '0') {
      if (!/^\d{1,10}$/.test(ts)) bad();
      const at = Number(ts);
      if (at <= now) bad();
      e = at - now;
      if (e > pol.max) bad();
    } else e = mExpiry(q('expiry'), pol, true);
    return { types: ['rtc'], channel, uid, role, expiresInSeconds: e };
  }
  throw new Error('model: endpoint ' + ep);
}

// Applies a verdict per the TSDoc of TokenGrant / AuthorizeResult. Returns {status} or {granted}.
function modelVerdict(asked, verdict, pol) {
  if (verdict.kind === 'throw') return { status: 500 };
  const v = verdict.value;
  if (v === true) return { granted: asked };
  if (typeof v !== 'object' || v === null || ![Object.prototype, null].includes(Object.getPrototypeOf(v))) return { status: 403 };
  if ('deny' in v) return { status: v.deny === 401 ? 401 : 403 };
  if (v.chatUserId !== undefined && asked.types.includes('chat-app')) return { status: 403 };
  try {
    for (const k of Object.keys(v)) if (!['channel', 'uid', 'role', 'rtmUserId', 'chatUserId', 'expiresInSeconds'].includes(k)) throw new Error('field');
    const g = { ...asked };
    const rtc = asked.types.includes('rtc'), rtm = asked.types.includes('rtm'), stream = asked.streamChannel !== undefined;
    if ((rtc || stream) && v.channel !== undefined) { g.channel = mChannel(v.channel, true); if (stream) g.streamChannel = g.channel; }
    if (rtc && v.uid !== undefined) {
      g.uid = mUid(v.uid, true);
      if (rtm && asked.rtmDefaulted && v.rtmUserId === undefined) g.rtmUserId = mRtm(g.uid === 0 ? undefined : String(g.uid));
    }
    if ((rtc || stream) && v.role !== undefined) g.role = mRole(v.role, 'subscriber', false);
    if (rtc && g.channel === '*' && (g.uid === 0 || g.uid === '0')) // finding 2: the account "0" too
      throw new Error('wildcard uid 0');
    if (rtm && v.rtmUserId !== undefined) g.rtmUserId = mRtm(v.rtmUserId);
    if (asked.types.includes('chat') && v.chatUserId !== undefined) g.chatUserId = mChat(v.chatUserId);
    if (v.expiresInSeconds !== undefined) {
      const e = v.expiresInSeconds;
      if (typeof e !== 'number' || !Number.isInteger(e) || e < 1) throw new Error('expires');
      g.expiresInSeconds = Math.min(e, pol.max);
    }
    return { granted: g };
  } catch {
    return { status: 500 };
  }
}

// The privileges a token must carry, from what was granted (docs: publisher = join + publish
// audio, video, data; subscriber = join; RTM stream channel: join (+ publishDataStream unless subscriber)).
function expectedServices(g, kind) {
  const e = g.expiresInSeconds;
  const rtcSvc = (channel, uid, role) => ({ name: 'rtc', channelName: channel, uid: uid === 0 ? '' : String(uid), privs: role === 'publisher' ? { joinChannel: e, publishAudioStream: e, publishVideoStream: e, publishDataStream: e } : { joinChannel: e } });
  if (kind === 'rtc') return [rtcSvc(g.channel, g.uid, g.role)];
  if (kind === 'rtm') {
    const login = { name: 'rtm', userId: g.rtmUserId, privs: { login: e } };
    if (g.streamChannel === undefined) return [login];
    return [{ name: 'rtc', channelName: g.streamChannel, uid: g.rtmUserId, privs: g.role === 'subscriber' ? { joinChannel: e } : { joinChannel: e, publishDataStream: e } }, login];
  }
  if (kind === 'chat') return [{ name: 'chat', userId: g.chatUserId, privs: { user: e } }];
  if (kind === 'chat-app') return [{ name: 'chat', userId: '', privs: { app: e } }];
}

function bodyKeysFor(endpoint, types) {
  switch (endpoint) {
    case 'rtc': return [['rtcToken', 'rtc']];
    case 'rtm': return [['rtmToken', 'rtm']];
    case 'rte': return [['rtcToken', 'rtc'], ['rtmToken', 'rtm']];
    case 'chat': return [['chatToken', types[0]]];
    case 'fetch_rtc_token': return [['token', 'rtc']];
    default: return [['token', types[0]]];
  }
}

// ---------------------------------------------------------------- random configurations
const ORIGIN_A = 'https://app.example.com', ORIGIN_B = 'http://localhost:5173', ORIGIN_X = 'https://evil.example';
function randomConfig() {
  const max = pick([undefined, 600, 7200, 86400]);
  const maxEff = max ?? 86400;
  const def = chance(0.5) ? undefined : pick([1, 60, 300, 600].filter((d) => d <= maxEff));
  const types = ['rtc', 'rtm', 'chat', 'chat-app'].filter(() => chance(0.75));
  return {
    basePath: pick(['', '', '/api/agora', '/t/']),
    tokenTypes: types.length ? types : undefined,
    maxExpiresInSeconds: max,
    defaultExpiresInSeconds: def,
    cors: pick([undefined, { origins: [ORIGIN_A] }, { origins: ['*'] }, { origins: [ORIGIN_A, ORIGIN_B], credentials: true, maxAgeSeconds: 30 }]),
    limiter: chance(0.5) ? { limit: 1 + int(3), windowSeconds: 1 + int(10), ...(chance(0.4) ? { maxClients: 1 + int(3) } : {}) } : undefined,
    customLimiter: chance(0.2),
    asyncAuthorize: chance(0.3),
    onIssueFails: chance(0.1) ? pick(['throw', 'reject']) : undefined,
    addressHookThrows: chance(0.05),
    addressFromHeader: chance(0.5),
    hasOnIssue: chance(0.8),
    anyone: chance(0.1),
  };
}

function randomGrant() {
  const g = {};
  if (chance(0.3)) g.channel = pick(['room', 'pinned', '*', 'x'.repeat(64), '']);
  if (chance(0.4)) g.uid = pick([7, 0, '8', 'alice', 'bob-1', -1, '007']);
  if (chance(0.3)) g.role = pick(['publisher', 'subscriber', 1, 2, 'admin']);
  if (chance(0.3)) g.rtmUserId = pick(['u1', 'user.9', '0', 'x'.repeat(65)]);
  if (chance(0.3)) g.chatUserId = pick(['c1', 'chat_u', 'bad id']);
  if (chance(0.4)) g.expiresInSeconds = pick([1, 30, 599, 3600, 100000, 0, 1.5, null]);
  if (chance(0.05)) g.allowed = true;
  return g;
}
function randomVerdict() {
  const r = rnd();
  if (r < 0.3) return { kind: 'value', value: true };
  if (r < 0.7) return { kind: 'value', value: randomGrant() };
  if (r < 0.75) return { kind: 'value', value: false };
  if (r < 0.78) return { kind: 'value', value: null };
  if (r < 0.84) return { kind: 'value', value: { deny: 401, message: 'sign in' } };
  if (r < 0.9) return { kind: 'value', value: { deny: 403 } };
  if (r < 0.93) return { kind: 'value', value: { deny: 500 } };
  if (r < 0.96) return { kind: 'value', value: new Error('x') };
  return { kind: 'throw' };
}

// ---------------------------------------------------------------- random requests
const CHANNELS = ['room', 'room', 'r-1', 'a b', '', '*', 'x'.repeat(64), 'ok.#1'];
const UIDS = [0, 5, '5', 4294967295, '4294967296', -1, '007', 'bob', 1.5];
const IDS = ['u1', 'bob', '0', '42', 'x'.repeat(65), 'a b'];
const ROLES = ['publisher', 'subscriber', 'audience', '1', '2', 'PUBLISHER', undefined];
const enc = encodeURIComponent;
function caseVariant(name) {
  return pick([name, name.toLowerCase(), name.toUpperCase(), name[0].toUpperCase() + name.slice(1)]);
}

function randomRequest(now) {
  const r = rnd();
  const req = { method: 'GET', path: '', query: '', headers: {}, body: undefined, rawBody: undefined };
  const expiryQ = () => (chance(0.4) ? `expiry=${pick(['0', '60', '599', '600', '3600', '7200', '90000', String(now + 3600), 'abc', '-5', '60&expiry=60', '+60', '060'])}` : '');
  if (r < 0.2) {
    req.method = 'POST'; req.path = '/getToken';
    const tt = pick(['rtc', 'rtm', 'chat', 'rtc', 'video', undefined]);
    const b = { tokenType: tt };
    if (tt === 'rtc') { b.channel = pick(CHANNELS); b.uid = pick(UIDS); if (chance(0.7)) b.role = pick(ROLES); }
    if (tt === 'rtm') { b.uid = pick([...IDS, 42]); if (chance(0.5)) b.channel = pick(CHANNELS); if (chance(0.5)) b.role = pick(ROLES); }
    if (tt === 'chat' && chance(0.6)) b.uid = pick(['c1', 'chat_u', 'bad id', '']);
    if (chance(0.4)) b.expire = pick([0, 60, 600, 3600, 7200, 90000, now + 3600, '600', 1.5, -1]);
    if (chance(0.1)) b.expiresInSeconds = 5;
    if (chance(0.05)) req.rawBody = JSON.stringify(b).replace(/^\{/, '{"__proto__":{"tokenType":"rtc","channel":"room","uid":1},');
    if (chance(0.03)) req.rawBody = JSON.stringify(b).replace(/^\{/, '{"constructor":{"x":1},"toString":1,');
    req.body = b;
    req.headers['content-type'] = pick(['application/json', 'application/json', 'Application/JSON; charset=UTF-8', 'text/plain']);
    if (chance(0.05)) req.rawBody = pick(['{', '[]', '"x"', 'null']);
    if (chance(0.04)) { req.rawBody = JSON.stringify({ ...b, pad: 'p'.repeat(pick([8200, 20000, 70000])) }); req.large = true; }
  } else if (r < 0.33) {
    const t = pick(['uid', 'userAccount', 'UID']);
    req.path = `/rtc/${enc(pick(CHANNELS)) || 'room'}/${enc(pick(ROLES) ?? 'publisher')}/${t}/${enc(String(pick(UIDS))) || '5'}${chance(0.5) ? '/' : ''}`;
    req.query = expiryQ();
  } else if (r < 0.42) {
    req.path = `/rtm/${enc(pick(IDS))}`; req.query = expiryQ();
  } else if (r < 0.52) {
    const t = pick(['uid', 'userAccount']);
    const u = enc(String(pick(UIDS))) || '5';
    req.path = `/rte/${enc(pick(CHANNELS)) || 'room'}/${enc(pick(ROLES) ?? 'subscriber')}/${t}/${u}${chance(0.5) ? '/' + (chance(0.3) ? u : enc(pick(IDS))) : ''}`;
    req.query = expiryQ();
  } else if (r < 0.6) {
    req.path = chance(0.4) ? '/chat/app/' : `/chat/account/${enc(pick(['c1', 'chat_u', 'bad id']))}`; req.query = expiryQ();
  } else if (r < 0.74) {
    req.path = '/fetch_rtc_token';
    const f = {};
    f[caseVariant('channelName')] = pick(CHANNELS);
    if (chance(0.1)) f[caseVariant('channelName')] = pick(CHANNELS);
    f[caseVariant('uid')] = pick(UIDS);
    if (chance(0.5)) f[caseVariant('role')] = pick([0, 101, 1, 2, 'publisher', 'subscriber', '0', '101', 3]);
    if (chance(0.3)) f[caseVariant('expire')] = pick([0, 60, 600, 90000, '60']);
    if (chance(0.5)) { req.method = 'POST'; req.body = f; req.headers['content-type'] = 'application/json'; }
    else req.query = Object.entries(f).map(([k, v]) => `${k}=${enc(String(v))}`).join('&');
  } else if (r < 0.84) {
    req.path = '/access_token';
    const parts = [];
    if (chance(0.95)) parts.push(`channel=${enc(pick(CHANNELS))}`);
    if (chance(0.7)) parts.push(`uid=${enc(String(pick(UIDS)))}`);
    if (chance(0.3)) parts.push(`role=${pick(['1', '2', 'publisher', 'subscriber', 'x'])}`);
    if (chance(0.3)) parts.push(`expiredTs=${pick([String(now + 500), String(now + 100000), String(now - 1), '0', '3600'])}`);
    else if (chance(0.3)) parts.push(expiryQ() || 'expiry=60');
    if (chance(0.05)) parts.push('channel=dup');
    req.query = parts.join('&');
  } else if (r < 0.88) {
    req.method = pick(['GET', 'HEAD', 'POST']); req.path = '/ping';
  } else if (r < 0.94) {
    req.method = 'OPTIONS';
    req.path = pick(['/getToken', '/rtc/room/publisher/uid/5', '/ping', '/nope', '/fetch_rtc_token']);
    if (chance(0.7)) req.headers['access-control-request-method'] = pick(['GET', 'POST', 'DELETE']);
  } else {
    req.method = pick(['GET', 'DELETE', 'PUT', 'POST']);
    if (req.method !== 'GET' && chance(0.5)) { req.rawBody = JSON.stringify({ pad: 'q'.repeat(pick([10, 9000, 70000])) }); req.headers['content-type'] = 'application/json'; }
    req.path = pick(['/nope', '/getToken', '/rtc/room', '/GETTOKEN', '/chat/app/x', '/Ping', '/rtc/a%2Fb/publisher/uid/5', '/rtc/%E0%A4%A/publisher/uid/5', '//getToken', '/ping/', '/chat/APP']);
  }
  return req;
}

// ---------------------------------------------------------------- model of routing and gates
const ROUTES = [
  ['ping', ['ping'], ['GET', 'HEAD']], ['getToken', ['getToken'], ['POST']],
  ['rtc', ['rtc', ':channelName', ':role', ':tokenType', ':rtcuid'], ['GET']], ['rtm', ['rtm', ':rtmuid'], ['GET']],
  ['rte', ['rte', ':channelName', ':role', ':tokenType', ':rtcuid'], ['GET']], ['rte', ['rte', ':channelName', ':role', ':tokenType', ':rtcuid', ':rtmuid'], ['GET']],
  ['chat', ['chat', 'app'], ['GET']], ['chat', ['chat', 'account', ':chatid'], ['GET']],
  ['fetch_rtc_token', ['fetch_rtc_token'], ['GET', 'POST']], ['access_token', ['access_token'], ['GET']],
];
function modelRoute(pathname, basePath) {
  let p = pathname;
  if (basePath) { if (p !== basePath && !p.startsWith(basePath + '/')) return undefined; p = p.slice(basePath.length); }
  if (!p.startsWith('/')) return undefined;
  p = p.endsWith('/') ? p.slice(1, -1) : p.slice(1);
  const segs = p === '' ? [] : p.split('/');
  for (const [name, pat, methods] of ROUTES) {
    if (pat.length !== segs.length) continue;
    if (!pat.every((s, i) => (s.startsWith(':') ? segs[i] !== '' : s === segs[i]))) continue;
    const params = {};
    pat.forEach((s, i) => { if (s.startsWith(':')) { try { params[s.slice(1)] = decodeURIComponent(segs[i]); } catch { params.malformed = true; } } });
    return { name, methods, params };
  }
  return undefined;
}

function modelKey(addr) {
  if (addr === undefined) return 'unknown';
  const m4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
  if (m4) return m4[1];
  if (!addr.includes(':')) return addr;
  const [h, t] = addr.toLowerCase().split('::');
  const hs = h ? h.split(':') : [], ts = t ? t.split(':') : [];
  const full = t === undefined ? hs : [...hs, ...Array(8 - hs.length - ts.length).fill('0'), ...ts];
  return full.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':');
}
// Token bucket per documented semantics: `limit` per `windowSeconds`, refilled continuously, burst = limit.
class ModelBucket {
  constructor(limit, windowSeconds, maxClients = 10000) { this.limit = limit; this.w = windowSeconds * 1000; this.b = new Map(); this.max = maxClients; }
  take(key, tMs) {
    const b = this.b.get(key);
    this.b.delete(key);
    if (!b && this.b.size >= this.max) this.b.delete(this.b.keys().next().value);
    let tokens = this.limit;
    if (b) tokens = Math.min(this.limit, b.tokens + Math.max(0, tMs - b.at) * this.limit / this.w);
    if (tokens < 1 - 1e-9) { this.b.set(key, { tokens, at: tMs }); return Math.max(1, Math.ceil((1 - tokens) * this.w / this.limit / 1000 - 1e-6)); }
    this.b.set(key, { tokens: tokens - 1, at: tMs });
    return 0;
  }
}

// ---------------------------------------------------------------- harness
// A raw node:http client: unlike fetch it sends a GET with a body (the docs' sample client does).
let keepAliveAgent;
function httpSend(url, init) {
  return new Promise((resolve, reject) => {
    const headers = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    const r = httpRequest(url, { method: init.method, headers, agent: keepAliveAgent ?? false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) headers.set(k, Array.isArray(v) ? v.join(', ') : String(v));
        resolve({ status: res.statusCode, headers, text: async () => Buffer.concat(chunks).toString('utf8') });
      });
    });
    r.on('error', reject);
    if (init.body !== undefined) r.end(init.body); else r.end();
  });
}

const stats = { handlers: 0, requests: 0, node: 0, issued: 0, byStatus: {}, discrepancies: 0 };
const seen = new Map();
function discrepancy(kind, detail) {
  stats.discrepancies++;
  const n = (seen.get(kind) ?? 0) + 1;
  seen.set(kind, n);
  if (n <= 3) console.log(`DISCREPANCY [${kind}]`, JSON.stringify(detail));
}

function makeHandler(cfg, clock, calls) {
  const memory = cfg.limiter && createMemoryRateLimiter({ ...cfg.limiter, now: () => clock.ms });
  const limiter = cfg.customLimiter ? (request, info) => { calls.limited.push(info); return calls.limitVerdict; } : memory;
  return createTokenHandler({
    appId: APP_ID, appCertificate: CERT,
    insecureAllowAnyone: cfg.anyone || undefined,
    authorize: cfg.anyone ? undefined : (request, asked) => {
      calls.authorize.push(JSON.parse(JSON.stringify(asked)));
      const v = calls.verdict;
      if (cfg.asyncAuthorize) return (async () => { await null; if (v.kind === 'throw') throw new Error('authorize failed'); return v.value; })();
      if (v.kind === 'throw') throw new Error('authorize failed');
      return v.value;
    },
    basePath: cfg.basePath, tokenTypes: cfg.tokenTypes,
    maxExpiresInSeconds: cfg.maxExpiresInSeconds, defaultExpiresInSeconds: cfg.defaultExpiresInSeconds,
    cors: cfg.cors, rateLimit: limiter,
    clientAddress: cfg.addressHookThrows ? () => { throw new Error('no address'); } : cfg.addressFromHeader ? (request) => request.headers.get('x-test-client') ?? undefined : undefined,
    onIssue: cfg.hasOnIssue ? (event) => {
      calls.issue.push({ ...event, request: undefined });
      if (cfg.onIssueFails === 'throw') throw new Error('audit down');
      if (cfg.onIssueFails === 'reject') return Promise.reject(new Error('audit down'));
    } : undefined,
    onError: (error) => { calls.error.push(error); },
    now: () => clock.s,
  });
}

function modelResponse(cfg, state, req, urlOrigin, now, nowMs) {
  const url = new URL(urlOrigin + (cfg.basePath.replace(/\/$/, '')) + req.path + (req.query ? '?' + req.query : ''));
  const origin = req.headers.origin;
  const corsPolicy = cfg.cors;
  const cors = {};
  if (corsPolicy) cors.vary = 'Origin';
  if (origin !== undefined && origin !== url.origin && req.headers['sec-fetch-site'] !== 'same-origin') {
    if (corsPolicy && (corsPolicy.origins.includes('*') || corsPolicy.origins.includes(origin))) {
      cors['access-control-allow-origin'] = corsPolicy.origins.includes('*') ? '*' : origin;
      if (corsPolicy.credentials) cors['access-control-allow-credentials'] = 'true';
      cors['access-control-expose-headers'] = 'Retry-After';
    } else return { status: 403, code: 'ERR_ORIGIN_NOT_ALLOWED', cors: {} };
  }
  const base = (cfg.basePath === '/t/' ? '/t' : cfg.basePath);
  const route = modelRoute(url.pathname, base);
  if (!route) return { status: 404, code: 'ERR_NOT_FOUND', cors };
  if (route.params.malformed) return { status: 400, cors };
  if (req.method === 'OPTIONS') {
    const allow = [...route.methods, 'OPTIONS'].join(', ');
    const acrm = req.headers['access-control-request-method'];
    if (acrm === undefined || cors['access-control-allow-origin'] === undefined) return { status: 204, cors, extra: { allow } };
    if (!route.methods.includes(acrm)) return { status: 405, cors };
    return { status: 204, cors, extra: { 'access-control-allow-methods': allow, 'access-control-max-age': String(corsPolicy.maxAgeSeconds ?? 600) } };
  }
  if (!route.methods.includes(req.method)) return { status: 405, cors, extra: { allow: [...route.methods, 'OPTIONS'].join(', ') } };
  if (route.name === 'ping') return { status: 200, cors, ping: true };
  if (cfg.addressHookThrows) return { status: 500, cors };
  const addr = req.client;
  if (cfg.customLimiter) {
    state.limiterCalls++;
    const v = state.limitVerdict;
    if (v !== undefined && v !== null) {
      const r = v.retryAfterSeconds;
      const n = typeof r === 'number' || typeof r === 'string' ? Number(r) : NaN;
      const sec = Number.isNaN(n) ? 1 : n > 86400 ? 86400 : Math.min(86400, Math.max(1, Math.ceil(n)));
      return { status: 429, cors, extra: { 'retry-after': String(sec) } };
    }
  } else if (state.bucket) {
    const key = modelKey(addr);
    const wait = state.bucket.take(key, nowMs);
    if (wait && state.lastRefusal.has(key) && state.lastRefusal.get(key) <= nowMs) state.lateRefusal = true;
    if (wait) { state.lastRefusal.set(key, nowMs + wait * 1000); return { status: 429, cors, extra: { 'retry-after': String(wait) } }; }
    state.lastRefusal.delete(key);
  }
  const max = cfg.maxExpiresInSeconds ?? 86400;
  const pol = { max, def: cfg.defaultExpiresInSeconds ?? Math.min(3600, max) };
  let body;
  if (req.method === 'POST') {
    const ct = req.headers['content-type'];
    if (!ct || !/^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i.test(ct)) return { status: 415, cors };
    if (req.large || (req.rawBody !== undefined && Buffer.byteLength(req.rawBody) > 8192)) return { status: 413, cors };
    try { body = JSON.parse(req.rawBody ?? JSON.stringify(req.body)); } catch { return { status: 400, cors }; }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 400, cors };
  }
  let asked;
  try {
    asked = modelAsked({ endpoint: route.name, params: route.params, query: url.searchParams, body }, pol, now);
  } catch (e) {
    if (e instanceof Bad) return { status: 400, cors };
    throw e;
  }
  const types = new Set(cfg.tokenTypes ?? ['rtc', 'rtm', 'chat']);
  if (!asked.types.every((t) => types.has(t)) || (asked.streamChannel !== undefined && !types.has('rtc'))) return { status: 403, code: 'ERR_TOKEN_TYPE_DISABLED', cors, asked, noAuthorize: true };
  const full = { endpoint: route.name, ...asked, clientAddress: addr };
  const verdict = cfg.anyone ? { granted: full } : modelVerdict(full, state.verdict, pol);
  if (verdict.status) return { status: verdict.status, cors, asked: full, extra: verdict.status === 401 ? { 'www-authenticate': 'Bearer' } : {} };
  if (cfg.hasOnIssue && cfg.onIssueFails) return { status: 500, cors, asked: full, issueFails: true };
  return { status: 200, cors, asked: full, granted: verdict.granted, endpoint: route.name };
}

function clean(o) {
  const out = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && k !== 'rtmDefaulted') out[k] = v;
  return out;
}
const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function checkOne(cfg, state, req, res, bodyText, calls, now, label, urlOrigin) {
  const m = modelResponse(cfg, state, req, urlOrigin, now, state.clock.ms);
  stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
  const ctx = { label, cfg: { ...cfg }, req: { ...req, rawBody: req.rawBody?.slice(0, 80) }, verdict: state.verdict, status: res.status, body: bodyText.slice(0, 300) };
  if (res.status !== m.status) { discrepancy(`status ${label} model=${m.status} got=${res.status}`, { ...ctx, model: m.status }); return { m }; }
  if (m.code && req.method !== 'HEAD' && !bodyText.includes(m.code)) discrepancy(`code ${label}`, { ...ctx, want: m.code });
  // Cache-Control on every answer
  if (res.headers.get('cache-control') !== 'private, no-cache, no-store, must-revalidate') discrepancy('cache-control', ctx);
  for (const [k, v] of Object.entries(m.cors)) if (res.headers.get(k) !== v) discrepancy(`cors header ${k}`, { ...ctx, want: v, got: res.headers.get(k) });
  if (!m.cors['access-control-allow-origin'] && res.headers.get('access-control-allow-origin')) discrepancy('unexpected ACAO', ctx);
  for (const [k, v] of Object.entries(m.extra ?? {})) if (res.headers.get(k) !== v) discrepancy(`header ${k}`, { ...ctx, want: v, got: res.headers.get(k) });
  if (res.status !== 429 && res.headers.get('retry-after')) discrepancy('retry-after on non-429', ctx);
  if (state.lateRefusal) { state.lateRefusal = false; discrepancy('refused again after waiting Retry-After', ctx); }
  if (label === 'fetch') {
    // hooks: authorize called iff the model got that far; onIssue iff 200; onError iff 500
    const wantAuth = !!m.asked && !m.noAuthorize && !cfg.anyone;
    if (wantAuth !== (calls.authorize.length === 1)) discrepancy('authorize call count', { ...ctx, calls: calls.authorize.length });
    if (wantAuth && calls.authorize.length === 1 && !eq(clean(calls.authorize[0]), clean(m.asked))) discrepancy('authorize saw', { ...ctx, saw: calls.authorize[0], model: clean(m.asked) });
    if (!!(((m.status === 200 && !m.ping) || m.issueFails) && cfg.hasOnIssue) !== (calls.issue.length === 1) || calls.issue.length > 1) discrepancy('onIssue call count', { ...ctx, calls: calls.issue.length });
    if (cfg.customLimiter && calls.limited.length !== (state.limiterCalls - state.limiterBefore)) discrepancy('rateLimit call count', { ...ctx, calls: calls.limited.length });
    if ((m.status === 500) !== (calls.error.length === 1) || calls.error.length > 1) discrepancy('onError call count', { ...ctx, calls: calls.error.length, err: String(calls.error[0]) });
    if (m.status === 200 && calls.issue.length === 1) {
      const ev = calls.issue[0];
      const g = m.granted;
      const want = clean({ endpoint: g.endpoint, types: g.types, channel: g.channel, uid: g.uid, role: g.role, rtmUserId: g.rtmUserId, streamChannel: g.streamChannel, chatUserId: g.chatUserId, expiresInSeconds: g.expiresInSeconds, issuedAt: now, clientAddress: g.clientAddress });
      const got = clean({ ...ev, request: undefined });
      if (!eq(Object.keys(want).sort().map((k) => [k, want[k]]), Object.keys(got).sort().map((k) => [k, got[k]]))) discrepancy('onIssue event', { ...ctx, want, got });
    }
  }
  if (m.ping && req.method === 'GET' && bodyText !== '{"message":"pong"}') discrepancy('ping body', ctx);
  if (m.status !== 200 || m.ping) {
    if (m.status >= 400 && req.method !== 'HEAD') {
      let j; try { j = JSON.parse(bodyText); } catch { j = undefined; }
      if (!j?.error?.code || typeof j.error.message !== 'string') discrepancy('error body shape', ctx);
      if (m.status === 500 && j?.error?.message !== 'internal error') discrepancy('500 message', ctx);
      if (bodyText.includes(CERT)) discrepancy('certificate in body', ctx);
    }
    return { m };
  }
  stats.issued++;
  const j = JSON.parse(bodyText);
  const keys = bodyKeysFor(m.endpoint, m.granted.types);
  const wantKeys = [...keys.map((k) => k[0]), ...(m.endpoint === 'fetch_rtc_token' ? ['code'] : [])].sort();
  if (!eq(Object.keys(j).sort(), wantKeys)) discrepancy('body keys', { ...ctx, want: wantKeys });
  if (m.endpoint === 'fetch_rtc_token' && j.code !== '200') discrepancy('fetch_rtc_token code', ctx);
  const decoded = {};
  for (const [key, kind] of keys) {
    const t = j[key];
    if (typeof t !== 'string') { discrepancy('missing token', ctx); continue; }
    const d = decodeToken(t);
    if (!(await verifyToken(t, CERT))) discrepancy('verifyToken false', ctx);
    if (d.appId !== APP_ID || d.issueTs !== now || d.expire !== m.granted.expiresInSeconds) discrepancy('token times', { ...ctx, issueTs: d.issueTs, now, expire: d.expire, want: m.granted.expiresInSeconds });
    const got = d.services.map((s) => ({ name: s.name, ...(s.channelName !== undefined ? { channelName: s.channelName, uid: s.uid } : {}), ...(s.userId !== undefined ? { userId: s.userId } : {}), privs: Object.fromEntries(s.privileges.map((p) => [p.name, p.expire])) }));
    const want = expectedServices(m.granted, kind);
    if (!eq(got, want)) discrepancy(`token content ${m.endpoint}`, { ...ctx, want, got, granted: m.granted });
    decoded[key] = got;
  }
  return { m, decoded };
}

function buildFetchRequest(cfg, req, origin) {
  const url = origin + cfg.basePath.replace(/\/$/, '') + req.path + (req.query ? '?' + req.query : '');
  const init = { method: req.method, headers: { ...req.headers } };
  delete init.headers['x-none'];
  if (req.method === 'POST') init.body = req.rawBody ?? JSON.stringify(req.body);
  else if (req.rawBody !== undefined && req.method !== 'GET' && req.method !== 'HEAD') init.body = req.rawBody;
  return { url, init };
}

async function runHandler(h, withNode) {
  const cfg = randomConfig();
  const clock = { s: 1_800_000_000 + int(1000), ms: 0 };
  clock.ms = clock.s * 1000 + int(1000);
  const calls = { authorize: [], issue: [], error: [], limited: [], verdict: undefined };
  const handler = makeHandler(cfg, clock, calls);
  const state = { lastRefusal: new Map(), limiterCalls: 0, limiterBefore: 0, clock, bucket: cfg.limiter && new ModelBucket(cfg.limiter.limit, cfg.limiter.windowSeconds, cfg.limiter.maxClients), verdict: undefined };
  let node, nodeState, nodeCalls, nodeClock, server, nodeOrigin;
  if (withNode) {
    nodeClock = { s: clock.s, ms: clock.ms };
    nodeCalls = { authorize: [], issue: [], error: [], limited: [], verdict: undefined };
    const nh = makeHandler({ ...cfg, addressFromHeader: true }, nodeClock, nodeCalls);
    if (chance(0.5)) {
      server = createServer(toNodeHandler(nh));
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      nodeOrigin = `http://127.0.0.1:${server.address().port}`;
    } else {
      const running = await serve({ handler: nh, port: 0 });
      server = { close: (cb) => running.close().then(cb) };
      nodeOrigin = running.url;
    }
    nodeState = { lastRefusal: new Map(), limiterCalls: 0, limiterBefore: 0, clock: nodeClock, bucket: cfg.limiter && new ModelBucket(cfg.limiter.limit, cfg.limiter.windowSeconds, cfg.limiter.maxClients) };
    node = true;
  }
  // every adapter request of this sequence on one keep-alive connection: a response that leaves
  // bytes of its request unread would corrupt the next one
  keepAliveAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const clients = ['203.0.113.7', '203.0.113.8', '::ffff:203.0.113.7', '2001:db8:1:2::7', '2001:DB8:1:2:0:0:0:9', '2001:db8:1:3::1', '2001:db8:0001:0002::5', 'custom-key', undefined];
  stats.handlers++;
  for (let i = 0; i < PER; i++) {
    // time advances between requests: 0 ms, a little, or a lot
    const dt = state.retryIn !== undefined && chance(0.5) ? state.retryIn : pick([0, 0, 50, 300, 999, 1000, 2500, 10_000, 61_000, -1500]);
    state.retryIn = undefined;
    clock.ms += dt; clock.s = Math.floor(clock.ms / 1000);
    const req = randomRequest(clock.s);
    const client = pick(clients);
    req.client = client;
    const o = rnd();
    const originKind = o < 0.5 ? 'none' : o < 0.7 ? 'A' : o < 0.8 ? 'B' : o < 0.9 ? 'X' : o < 0.95 ? 'same' : 'sfs';
    const setOrigin = (headers, self) => {
      if (originKind === 'A') headers.origin = ORIGIN_A;
      if (originKind === 'B') headers.origin = ORIGIN_B;
      if (originKind === 'X') headers.origin = ORIGIN_X;
      if (originKind === 'same') headers.origin = self;
      if (originKind === 'sfs') { headers.origin = ORIGIN_X; headers['sec-fetch-site'] = 'same-origin'; }
    };
    const verdict = randomVerdict();
    calls.verdict = verdict; state.verdict = verdict;
    calls.authorize = []; calls.issue = []; calls.error = []; calls.limited = [];
    const lv = chance(0.7) ? undefined : pick([{ retryAfterSeconds: 3.2 }, { retryAfterSeconds: 0 }, { retryAfterSeconds: Infinity }, { retryAfterSeconds: NaN }, { retryAfterSeconds: 1e21 }, { allowed: true }, {}, { retryAfterSeconds: '7' }, null]);
    calls.limitVerdict = lv; state.limitVerdict = lv; state.limiterBefore = state.limiterCalls;
    const fr = { ...req, headers: { ...req.headers } };
    setOrigin(fr.headers, FETCH_ORIGIN);
    if (cfg.addressFromHeader && client !== undefined) fr.headers['x-test-client'] = client;
    if (!cfg.addressFromHeader) fr.client = client;
    else fr.client = client;
    const { url, init } = buildFetchRequest(cfg, fr, FETCH_ORIGIN);
    const request = new Request(url, init);
    {
      const pth = new URL(url).pathname;
      const base = cfg.basePath === '/t/' ? '/t' : cfg.basePath;
      const mr = modelRoute(pth, base);
      if (handler.handles(pth) !== (mr !== undefined)) discrepancy('handles()', { pth, cfg: cfg.basePath, want: mr !== undefined });
    }
    const res = await handler(request, cfg.addressFromHeader ? undefined : { clientAddress: client });
    const text = await res.text();
    stats.requests++;
    if (res.status === 429) state.retryIn = Number(res.headers.get('retry-after')) * 1000;
    const fetchResult = await checkOne(cfg, state, fr, res, text, calls, clock.s, 'fetch', FETCH_ORIGIN);
    if (node) {
      nodeClock.ms = clock.ms; nodeClock.s = clock.s;
      nodeCalls.verdict = verdict; nodeState.verdict = verdict;
      nodeCalls.authorize = []; nodeCalls.issue = []; nodeCalls.error = []; nodeCalls.limited = [];
      nodeCalls.limitVerdict = lv; nodeState.limitVerdict = lv; nodeState.limiterBefore = nodeState.limiterCalls;
      const nr = { ...req, headers: { ...req.headers } };
      setOrigin(nr.headers, nodeOrigin);
      if (client !== undefined) nr.headers['x-test-client'] = client;
      nr.client = client;
      const b = buildFetchRequest(cfg, nr, nodeOrigin);
      if (req.method === 'GET' && req.path === '/fetch_rtc_token' && req.query && chance(0.5)) {
        // the same fields as the JSON body of a GET (node adapter only): the answer must not change
        const u = new URL(b.url);
        const o = {};
        for (const [k, v] of u.searchParams) o[k] = Object.hasOwn(o, k) ? [o[k], v] : v;
        if (!Object.values(o).some(Array.isArray)) {
          b.init.body = JSON.stringify(o); b.init.headers['content-type'] = 'application/json';
          u.search = ''; b.url = u.href; stats.getBodies = (stats.getBodies ?? 0) + 1;
        }
      }
      const nres = await httpSend(b.url, b.init);
      const ntext = await nres.text();
      stats.node++;
      const nodeResult = await checkOne({ ...cfg, addressFromHeader: true }, nodeState, nr, nres, ntext, nodeCalls, clock.s, 'node', nodeOrigin);
      if (nres.status !== res.status) discrepancy('node vs fetch status', { req, fetch: res.status, node: nres.status, body: ntext.slice(0, 200) });
      else if (fetchResult.decoded && !eq(fetchResult.decoded, nodeResult.decoded)) discrepancy('node vs fetch tokens', { req });
      for (const hname of ['retry-after', 'access-control-allow-origin', 'allow', 'www-authenticate', 'cache-control', 'content-type']) {
        if (req.method === 'HEAD' && hname === 'content-type') continue;
        if (res.headers.get(hname) !== nres.headers.get(hname)) discrepancy(`node vs fetch header ${hname}`, { req, fetch: res.headers.get(hname), node: nres.headers.get(hname) });
      }
    }
  }
  if (cfg.limiter && !cfg.customLimiter && !cfg.addressHookThrows) {
    // a concurrent burst from one client at one instant: exactly as many admitted as the model's bucket holds
    clock.ms += pick([0, 700, 5000]); clock.s = Math.floor(clock.ms / 1000);
    const n = 2 + int(6);
    const client = '198.51.100.' + (1 + int(2));
    const wants = [];
    for (let i = 0; i < n; i++) wants.push(state.bucket.take(client, clock.ms) ? 429 : 'other');
    calls.verdict = { kind: 'value', value: true };
    const url = FETCH_ORIGIN + cfg.basePath.replace(/\/$/, '') + '/rtm/burst';
    const headers = cfg.addressFromHeader ? { 'x-test-client': client } : {};
    const got = await Promise.all(Array.from({ length: n }, () => handler(new Request(url, { headers }), cfg.addressFromHeader ? undefined : { clientAddress: client }).then((r) => r.status)));
    const norm = (a) => a.map((x) => (x === 429 ? 429 : 'other')).sort().join();
    stats.bursts = (stats.bursts ?? 0) + 1;
    if (norm(got) !== norm(wants)) discrepancy('burst admissions (fetch)', { cfg: cfg.limiter, n, want: wants, got });
    if (node) {
      nodeClock.ms = clock.ms; nodeClock.s = clock.s; nodeCalls.verdict = calls.verdict;
      const nwants = [];
      for (let i = 0; i < n; i++) nwants.push(nodeState.bucket.take(client, clock.ms) ? 429 : 'other');
      const base = nodeOrigin + cfg.basePath.replace(/\/$/, '');
      const ngot = await Promise.all(Array.from({ length: n }, (_, i) => httpSend(base + (i % 2 ? '/rtm/burst' : '/getToken'), i % 2 ? { method: 'GET', headers: { 'x-test-client': client } } : { method: 'POST', headers: { 'x-test-client': client, 'content-type': 'application/json' }, body: JSON.stringify({ tokenType: 'rtm', uid: 'burst' }) }).then((r) => r.status)));
      if (norm(ngot) !== norm(nwants)) discrepancy('burst admissions (node)', { cfg: cfg.limiter, n, want: nwants, got: ngot });
    }
  }
  keepAliveAgent.destroy();
  if (server) await new Promise((r) => server.close(r));
}

for (let h = 0; h < HANDLERS; h++) await runHandler(h, h % 5 === 0);
console.log(JSON.stringify({ seed: SEED, ...stats, kinds: Object.fromEntries(seen) }, null, 1));
process.exitCode = stats.discrepancies ? 1 : 0;
