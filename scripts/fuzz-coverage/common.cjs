/**
 * @module scripts/fuzz-coverage/common — the rules every coverage-guided (Jazzer.js) target checks
 * on the BUILT package (dist/*.cjs). Not a target itself (exports no `fuzz`).
 *
 * For one token string, `checkToken(token, ctx)` runs, on agora-token-kit/sync:
 *   decodeToken, verifyToken (fixed certificate; a 006 token's channel and uid), inspectToken (fixed `now`), diagnoseToken
 *   (certificate + fixed `now`, alone and with appId/channel/uid/role), AccessToken2.from_string +
 *   verifySignature; and on agora-token-kit/legacy/sync: decodeToken, verifyToken,
 *   AccessToken.fromString. It throws (so Jazzer reports the input) when
 *   - a call throws anything but an AgoraTokenError (isAgoraTokenError, string `code`),
 *   - a call takes >= 100 ms (re-timed 3 times; the fastest counts, instrumented build),
 *   - an error message, or inspect/diagnose output, contains the certificate or any 12-character
 *     piece of it (lower-cased), unless the token text or its payload itself spells that piece,
 *   - a call gives a different outcome on a second run (determinism; decode and inspect on every
 *     input, every call on the one input in 4 that also runs the full-expectation diagnose and
 *     legacy verify, chosen by a hash of the token so an input is always treated alike),
 *   - the sync and legacy entries disagree on decodeToken/verifyToken, or a decoded token is not
 *     read by the official-style parse methods (from_string/fromString must then return true),
 *   - (async, when `ctx.async`) the main entry (dist/index.cjs) decodeToken/verifyToken/
 *     diagnoseToken disagree with /sync.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// FUZZ_DIST=dir checks another build (its sync.cjs, index.cjs, legacy-sync.cjs and errors.cjs;
// give Jazzer a matching -i): e.g. a pre-fix build, to see a finding reproduce.
const DIST = path.resolve(process.env.FUZZ_DIST ?? path.join(__dirname, '../../dist'));
const sync = require(path.join(DIST, 'sync.cjs'));
const main = require(path.join(DIST, 'index.cjs'));
const legacy = require(path.join(DIST, 'legacy-sync.cjs'));
// An uninstrumented copy of the same build (its path does not match Jazzer's -i dist/): a call
// that is slow under instrumentation is re-timed there, so coverage counters and compare hooks
// (10x+ on the inflater's inner loop) are not blamed on the library.
const PLAIN = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-fuzz-plain-'));
for (const f of fs.readdirSync(DIST)) if (f.endsWith('.cjs')) fs.copyFileSync(path.join(DIST, f), path.join(PLAIN, f));
const plainSync = require(path.join(PLAIN, 'sync.cjs'));
const plainLegacy = require(path.join(PLAIN, 'legacy-sync.cjs'));
process.on('exit', () => fs.rmSync(PLAIN, { recursive: true, force: true }));

// The official vectors' certificate (vectors/official-007.json), so seeds from them verify true.
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const CERT_LC = CERT.toLowerCase();
const PIECES = [];
for (let i = 0; i + 12 <= CERT_LC.length; i++) PIECES.push(CERT_LC.slice(i, i + 12));
const NOW = 1_700_000_000;
const MAX_MS = 100;

class RuleViolation extends Error {
  constructor(message) {
    super(message);
    this.name = 'RuleViolation';
  }
}

function hex(u8) {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('hex');
}

/** Stable text of a value: typed arrays as hex, Dates as ISO, functions dropped. */
function stable(v) {
  return JSON.stringify(v, (_k, x) => {
    if (x instanceof Uint8Array) return `u8:${hex(x)}`;
    if (typeof x === 'bigint') return `big:${x}`;
    if (x instanceof Map) return { map: [...x.entries()] };
    return x;
  });
}

/** Runs fn; returns { ok, value | error, text } or throws a RuleViolation for an untyped throw. */
function outcome(label, lib, fn) {
  let value;
  try {
    value = fn();
  } catch (e) {
    if (!lib.isAgoraTokenError(e) || !(e instanceof Error) || typeof e.code !== 'string' || typeof e.message !== 'string') {
      const kind = e && e.constructor ? e.constructor.name : typeof e;
      throw new RuleViolation(`${label}: threw a non-AgoraTokenError ${kind}: ${String(e && e.message ? e.message : e).slice(0, 300)}`);
    }
    return { ok: false, error: e, text: `E:${e.code}:${e.field ?? ''}:${e.message}` };
  }
  return { ok: true, value, text: `V:${stable(value)}` };
}

/**
 * outcome() timed; a call over MAX_MS is re-timed 3 times with `plainFn` (the same call on the
 * uninstrumented copy) and the fastest of those must be under MAX_MS.
 */
function timed(label, lib, fn, plainFn) {
  const t0 = performance.now();
  const r = outcome(label, lib, fn);
  const ms = performance.now() - t0;
  if (ms >= MAX_MS) {
    let best = Infinity;
    for (let i = 0; i < 3 && best >= MAX_MS; i++) {
      const t1 = performance.now();
      try { plainFn(); } catch { /* judged above */ }
      best = Math.min(best, performance.now() - t1);
    }
    if (best >= MAX_MS) throw new RuleViolation(`${label}: ${best.toFixed(1)} ms uninstrumented (>= ${MAX_MS} ms, fastest of 3; ${ms.toFixed(1)} ms instrumented)`);
  }
  return r;
}

/** Lower-cased texts in which a certificate piece is legitimately present (the token's own content). */
function ownTexts(token, payload) {
  const texts = [token.toLowerCase()];
  if (payload) {
    texts.push(Buffer.from(payload).toString('latin1').toLowerCase(), Buffer.from(payload).toString('utf8').toLowerCase(), Buffer.from(payload).toString('hex'));
  }
  return texts;
}

function leakCheck(label, text, own) {
  const lc = text.toLowerCase();
  for (const p of PIECES) {
    if (lc.includes(p) && !own.some((t) => t.includes(p))) throw new RuleViolation(`${label}: output contains the certificate piece "${p}"`);
  }
}

const same = (label, a, b) => {
  if (a.text !== b.text) throw new RuleViolation(`${label}: not deterministic / entries disagree:\n  ${a.text.slice(0, 400)}\n  ${b.text.slice(0, 400)}`);
};

// verifyToken needs the channel and uid of a 006 token (official-006.json vector 0); 007 ignores them.
const VERIFY_EXPECTED = { channelName: '7d72365eb983485397e3e3f9d460bdda', uid: 2882341273 };
const DIAG_FULL = { appCertificate: CERT, appId: '970CA35de60c44645bbae8a215061b33', channel: '7d72365eb983485397e3e3f9d460bdda', uid: 2882341273, role: 'publisher', now: NOW };

const FULL_ONLY = new Set(['sync.diagnoseToken(full)', 'legacy.verifyToken']);
const TWICE = new Set(['sync.decodeToken', 'sync.inspectToken', 'legacy.decodeToken']);

function fnv(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The calls checkToken makes, on one copy of the build: [label, lib, fn]. */
function makeCalls(token, sync, legacy) {
  return [
    ['sync.decodeToken', sync, () => sync.decodeToken(token)],
    ['sync.verifyToken', sync, () => sync.verifyToken(token, CERT, VERIFY_EXPECTED)],
    ['sync.inspectToken', sync, () => sync.inspectToken(token, { now: NOW })],
    ['sync.diagnoseToken', sync, () => sync.diagnoseToken(token, { appCertificate: CERT, now: NOW })],
    ['sync.diagnoseToken(full)', sync, () => sync.diagnoseToken(token, DIAG_FULL)],
    ['sync.AccessToken2.from_string', sync, () => {
      const t = new sync.AccessToken2();
      const read = t.from_string(token);
      return { read, verified: read ? t.verifySignature(CERT) : null, appId: read ? t.appId : null };
    }],
    ['legacy.decodeToken', legacy, () => legacy.decodeToken(token)],
    ['legacy.verifyToken', legacy, () => legacy.verifyToken(token, CERT, VERIFY_EXPECTED)],
    ['legacy.AccessToken.fromString', legacy, () => {
      const t = new legacy.AccessToken('', '', '', '');
      const read = t.fromString(token);
      return { read, appID: read ? t.appID : null, salt: read ? t.salt : null, ts: read ? t.ts : null };
    }],
  ];
}

/**
 * Checks every rule for `token`. `payload` (optional) is the inflated/raw payload the token was
 * built from (only used to tell a certificate piece the token itself contains from a leak).
 * Returns a Promise when `asyncCheck` is true (the main entry's async API), else undefined.
 */
function checkToken(token, payload, asyncCheck) {
  const own = ownTexts(token, payload);
  // Every input runs the cheap calls and decode/inspect twice; one input in 4 (by a hash of the
  // token, so an input always gets the same treatment and coverage stays stable) runs every call
  // twice. The pure-JS HMAC of verify/diagnose/verifySignature costs the most under instrumentation.
  const full = fnv(token) % 4 === 0;
  const calls = makeCalls(token, sync, legacy).filter((c) => full || !FULL_ONLY.has(c[0]));
  const plain = makeCalls(token, plainSync, plainLegacy).filter((c) => full || !FULL_ONLY.has(c[0]));
  const results = {};
  for (let i = 0; i < calls.length; i++) {
    const [label, lib, fn] = calls[i];
    const r = timed(label, lib, fn, plain[i][2]);
    leakCheck(label, r.text, own);
    if (r.ok && typeof r.value === 'boolean') {
      // fine
    } else if (!r.ok && typeof r.error.code !== 'string') {
      throw new RuleViolation(`${label}: error code is ${typeof r.error.code}`);
    }
    if (full || TWICE.has(label)) same(`${label} twice`, r, outcome(label, lib, fn));
    results[label] = r;
  }
  // The fromString-style parsers never throw.
  for (const label of ['sync.AccessToken2.from_string', 'legacy.AccessToken.fromString']) {
    if (!results[label].ok) throw new RuleViolation(`${label}: threw ${results[label].error.code} (must return false)`);
  }
  // Entries agree: /sync and /legacy/sync share decodeToken/verifyToken semantics.
  same('sync vs legacy decodeToken', results['sync.decodeToken'], results['legacy.decodeToken']);
  if (full) same('sync vs legacy verifyToken', results['sync.verifyToken'], results['legacy.verifyToken']);
  // decode and verify fail with the same code (verify may add certificate errors only if decode succeeded).
  const dec = results['sync.decodeToken'];
  const ver = results['sync.verifyToken'];
  if (!dec.ok && (ver.ok || ver.error.code !== dec.error.code)) throw new RuleViolation(`decode threw ${dec.error.code} but verify gave ${ver.text.slice(0, 200)}`);
  if (dec.ok && !ver.ok) throw new RuleViolation(`decode succeeded but verify threw ${ver.error.code}`);
  // A token decodeToken accepts is read by the official-style parse method of its version.
  if (dec.ok && dec.value.version === '007' && !results['sync.AccessToken2.from_string'].value.read) throw new RuleViolation('decodeToken accepts a 007 token AccessToken2.from_string rejects');
  if (dec.ok && dec.value.version === '006' && !results['legacy.AccessToken.fromString'].value.read) throw new RuleViolation('decodeToken accepts a 006 token AccessToken.fromString rejects');
  if (dec.ok && dec.value.version === '007' && results['sync.AccessToken2.from_string'].value.verified !== ver.value) throw new RuleViolation(`verifySignature ${results['sync.AccessToken2.from_string'].value.verified} but verifyToken ${ver.value}`);
  if (!asyncCheck) return { decode: dec, verify: ver };
  return (async () => {
    same('main vs sync decodeToken', outcome('main.decodeToken', main, () => main.decodeToken(token)), dec);
    let mv;
    try {
      mv = { ok: true, value: await main.verifyToken(token, CERT, VERIFY_EXPECTED) };
      mv.text = `V:${stable(mv.value)}`;
    } catch (e) {
      if (!main.isAgoraTokenError(e) || typeof e.code !== 'string') throw new RuleViolation(`main.verifyToken rejected with a non-AgoraTokenError: ${String(e && e.message).slice(0, 300)}`);
      mv = { ok: false, error: e, text: `E:${e.code}:${e.field ?? ''}:${e.message}` };
    }
    leakCheck('main.verifyToken', mv.text, own);
    same('main vs sync verifyToken', mv, ver);
    let md;
    try {
      md = { ok: true, value: await main.diagnoseToken(token, { appCertificate: CERT, now: NOW }) };
      md.text = `V:${stable(md.value)}`;
    } catch (e) {
      if (!main.isAgoraTokenError(e) || typeof e.code !== 'string') throw new RuleViolation(`main.diagnoseToken rejected with a non-AgoraTokenError: ${String(e && e.message).slice(0, 300)}`);
      md = { ok: false, error: e, text: `E:${e.code}:${e.field ?? ''}:${e.message}` };
    }
    leakCheck('main.diagnoseToken', md.text, own);
    same('main vs sync diagnoseToken', md, results['sync.diagnoseToken']);
    return { decode: dec, verify: ver };
  })();
}

/** Every `every`-th call returns true (for sampling the async check). */
function sampler(every) {
  let n = 0;
  return () => ++n % every === 0;
}

module.exports = { sync, main, legacy, CERT, NOW, MAX_MS, RuleViolation, checkToken, sampler, stable, hex };
