/**
 * scripts/hint-truth.mjs — is the hint in a refused token's error message TRUE?
 *
 * From a fixed seed, builds valid 007 and 006 tokens (the official `agora-token` and
 * `agora-access-token` packages and this library, random inputs), applies ONE labelled mutation
 * of the kinds users really make, and reads the result with decodeToken, verifyToken,
 * inspectToken and diagnoseToken (the /sync entry, dist/). Each refusal's message is sorted into
 * the hint it gives; per mutation label a table says which hints name the cause (TRUE), which
 * only say "not sure" (VAGUE: no hint, a field-level fact, "was it changed?"), and everything
 * else is FALSE: a different, specific cause. A mutated token that still decodes (a change
 * inside the signature, say) is counted apart; then verifyToken must answer false and
 * diagnoseToken must name the signature (SIGNATURE_INVALID).
 *
 *   npm run build && node scripts/hint-truth.mjs [--seed 1] [--tokens 3000] [--show 3]
 *
 * Exit 1 if any FALSE hint, untyped error, or still-decoding token that verifies with a changed
 * payload (or that diagnoseToken finds nothing wrong with) was found. Two FALSE kinds are known and
 * unfixed (bundle size): "=" padding doubled and base64 letters run on after an unpadded token are
 * both called "it looks truncated or its = padding is missing".
 */

import { createRequire } from 'node:module';
import { rngFor } from './lib/acceptance.mjs';
import { parseOptions } from './lib/options.mjs';

const opts = parseOptions('hint-truth', process.argv.slice(2), { seed: 1, tokens: 3000, show: 3 });
const require = createRequire(import.meta.url);

// The official builders draw their salt from Math.random and their time from Date.now: pin both
// (before agora-access-token is loaded, as it draws its salt once at load time).
const fixed = rngFor(opts.seed, 1e6);
Math.random = fixed.next;
const NOW = 1_750_000_000;
Date.now = () => NOW * 1000;
const official2 = require('agora-token');
const official1 = require('agora-access-token');
const kit = await import('../dist/sync.js');
const legacy = await import('../dist/legacy-sync.js');

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CHANNEL_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()+-:;<=.>?@[]^_{}|~, ';

// ---- valid tokens ------------------------------------------------------------------------

function makeToken(rng) {
  const appId = Array.from({ length: 32 }, () => rng.pick(HEX)).join('');
  const cert = Array.from({ length: 32 }, () => rng.pick(HEX)).join('');
  const channel = Array.from({ length: 1 + rng.int(20) }, () => rng.pick(CHANNEL_CHARS)).join('').trim() || 'c';
  const uid = rng.chance(0.2) ? 0 : 1 + rng.int(2 ** 31);
  const account = 'user' + rng.int(1e6);
  const useAccount = rng.chance(0.3);
  const expire = 60 + rng.int(86_400);
  const role = rng.chance(0.5) ? 1 : 2;
  const kind = rng.int(7);
  let token, source, expected;
  switch (kind) {
    case 0:
      source = 'agora-token RtcTokenBuilder';
      token = useAccount
        ? official2.RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, channel, account, role, expire, expire)
        : official2.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, role, expire, expire);
      break;
    case 1:
      source = 'agora-token RtmTokenBuilder';
      token = official2.RtmTokenBuilder.buildToken(appId, cert, account, expire);
      break;
    case 2:
      source = 'agora-token ChatTokenBuilder';
      token = official2.ChatTokenBuilder.buildUserToken(appId, cert, account, expire);
      break;
    case 3:
      source = 'agora-token-kit buildRtcToken';
      token = kit.buildRtcToken({
        appId, appCertificate: cert, channel, ...(useAccount ? { account } : { uid }), role: role === 1 ? 'publisher' : 'subscriber',
        expiresInSeconds: expire, issuedAt: NOW - rng.int(1000), salt: 1 + rng.int(99_999_999), ...(rng.chance(0.3) ? { rtm: { userId: account } } : {}),
      });
      break;
    case 4:
      source = 'agora-access-token RtcTokenBuilder (006)';
      token = useAccount
        ? official1.RtcTokenBuilder.buildTokenWithAccount(appId, cert, channel, account, role, NOW + expire)
        : official1.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, role, NOW + expire);
      expected = { channelName: channel, uid: useAccount ? account : uid };
      break;
    case 5:
      source = 'agora-access-token RtmTokenBuilder (006)';
      token = official1.RtmTokenBuilder.buildToken(appId, cert, account, 1, NOW + expire);
      expected = { channelName: account };
      break;
    default:
      source = 'agora-token-kit legacy RtcTokenBuilder (006)';
      token = legacy.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, role, NOW + expire, { salt: 1 + rng.int(2 ** 31), ts: NOW + 86_400 - rng.int(1000) });
      expected = { channelName: channel, uid };
  }
  // What diagnoseToken needs to check a 006 signature (the token stores only CRCs).
  const diagnose = !expected ? {}
    : expected.uid === undefined ? { account, service: 'rtm' }
    : typeof expected.uid === 'string' ? { channel, account } : { channel, uid };
  return { token, source, appId, cert, expected, diagnose };
}

// ---- mutations ---------------------------------------------------------------------------

/** Body positions (after the version, and for 006 after the App ID). */
function bodyStart(t) {
  return t.startsWith('006') ? 35 : 3;
}
function dataEnd(t) {
  return t.replace(/=+$/, '').length;
}
function otherB64(rng, c) {
  let d;
  do d = rng.pick(B64); while (d === c);
  return d;
}

/** label -> (token, rng, other valid token) -> mutated text, or undefined when it does not apply. */
const MUTATIONS = {
  'truncate-end': (t, rng) => t.slice(0, t.length - (1 + rng.int(Math.min(40, t.length - 10)))),
  'cut-middle': (t, rng) => {
    const s = bodyStart(t), e = dataEnd(t);
    const at = s + rng.int(e - s - 12), n = 1 + rng.int(10);
    return t.slice(0, at) + t.slice(at + n);
  },
  'char-changed': (t, rng) => {
    const s = bodyStart(t), e = dataEnd(t);
    const at = s + rng.int(e - s);
    return t.slice(0, at) + otherB64(rng, t[at]) + t.slice(at + 1);
  },
  'insert-space': (t, rng) => insert(t, rng, ' '),
  'insert-linebreak': (t, rng) => insert(t, rng, rng.pick(['\n', '\r\n'])),
  'insert-tab': (t, rng) => insert(t, rng, '\t'),
  'plus-to-space': (t) => (t.includes('+') ? t.replaceAll('+', ' ') : undefined),
  'url-encoded': (t) => (encodeURIComponent(t) !== t ? encodeURIComponent(t) : undefined),
  'base64url': (t) => (/[+/=]/.test(t) ? t.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '') : undefined),
  'base64url-padded': (t) => (/[+/]/.test(t) ? t.replaceAll('+', '-').replaceAll('/', '_') : undefined),
  'lower-cased': (t) => t.toLowerCase(),
  'upper-cased': (t) => t.toUpperCase(),
  'double-quoted': (t) => `"${t}"`,
  'single-quoted': (t) => `'${t}'`,
  'json-string': (t) => JSON.stringify(t).replaceAll('/', '\\/'),
  'json-slash-escaped': (t) => (t.includes('/') ? t.replaceAll('/', '\\/') : undefined),
  'bearer-prefix': (t) => `Bearer ${t}`,
  'junk-appended': (t, rng) => t + rng.pick(['"', '",', '"}', ',', '&uid=42', ';', ' ', '\n', '.', 'abc', 'x', 'Zm9v', '0', '\u200b']),
  'two-tokens': (t, rng, other) => t + (rng.chance(0.5) ? other : t),
  'two-tokens-spaced': (t, rng, other) => t + rng.pick([' ', '\n', ',']) + other,
  'padding-removed': (t) => (t.endsWith('=') ? t.replace(/=+$/, '') : undefined),
  'padding-doubled': (t) => (t.endsWith('=') ? t + t.match(/=+$/)[0] : t + '=='),
  'appid-changed-006': (t, rng) => {
    if (!t.startsWith('006')) return undefined;
    const at = 3 + rng.int(32);
    const c = rng.chance(0.5) ? HEX[(HEX.indexOf(t[at]) + 1 + rng.int(15)) % 16] : rng.pick('ghijkxyzGHXZ-_ ');
    return t.slice(0, at) + c + t.slice(at + 1);
  },
  'appid-cut-006': (t, rng) => {
    if (!t.startsWith('006')) return undefined;
    const at = 3 + rng.int(32);
    return t.slice(0, at) + t.slice(at + 1);
  },
  'version-changed': (t, rng) => rng.pick(['006', '007', '008', '005', '07', '7', '']) + t.slice(3),
  'version-swapped': (t) => (t.startsWith('007') ? '006' : '007') + t.slice(3),
  'leading-space': (t) => ' ' + t,
};

function insert(t, rng, what) {
  const at = 3 + rng.int(t.length - 3);
  return t.slice(0, at) + what + t.slice(at);
}

// ---- hints --------------------------------------------------------------------------------

/** [hint id, pattern] in the order they are looked for: the first that matches names the hint. */
const HINTS = [
  ['line-break', /contains a line break/],
  ['json-slash', /JSON-escaped "\/"/],
  ['url-encoded', /looks URL-encoded/],
  ['plus-space', /contains whitespace: a "\+" may have become a space/],
  ['base64url', /URL-safe base64/],
  ['text-after-padding', /a token ends with its "=" padding/],
  ['equals-inside', /contains "=" at index/],
  ['stray-char', /which base64 does not use/],
  ['case', /all its letters are (lower|upper) case/],
  ['second-token', /a second token starts/],
  ['bits-changed', /no base64 encoder writes there: was it changed\?/],
  ['truncated-or-padding', /looks truncated or its "=" padding is missing/],
  ['zlib-cut-or-changed', /: cut short or changed\?/],
  ['zlib-text-after', /text after the token\?/],
  ['zlib-changed', /payload invalid .*: was it changed\?/],
  ['too-large', /inflates past|over the \d+ accepted/],
  ['outer-whitespace', /leading or trailing whitespace/],
  ['quotes', /wrapped in quotes/],
  ['embedded', /a token seems to start at index/],
  ['empty', /it is empty/],
  ['appid-not-hex', /must carry a 32-hex-character App ID/],
  ['appid-trailing-ws', /whitespace follows the 32-character App ID/],
  ['older-key', /older dynamic key|DynamicKey|is a bare App ID/],
  ['app-id-instead', /not a token/],
  // Field-level facts: they say what is wrong, not why (diagnose adds a cause for TRUNCATED: below).
  ['field-short', /needs \d+ bytes at offset/],
  ['field-trailing', /unexpected bytes after the last field/],
  ['field-other', /^token field /],
  ['no-version', /does not start with 007 or 006$/],
  ['bare-base64', /not valid base64$/],
];

function hintOf(message) {
  for (const [id, re] of HINTS) if (re.test(message)) return id;
  return 'other';
}

// What every damaging mutation may honestly hear: no cause named, a field-level fact, a question.
const VAGUE = ['field-other', 'bare-base64', 'zlib-changed', 'bits-changed', 'other'];
// Cut short / changed: the payload or a field ends early.
const SHORT = ['truncated-or-padding', 'zlib-cut-or-changed', 'field-short', 'field-trailing'];
const CHANGED = ['zlib-cut-or-changed', 'field-short', 'field-trailing', 'truncated-or-padding'];
const WS = ['plus-space', 'line-break', 'outer-whitespace', 'appid-trailing-ws'];

/** label -> hints that name its cause (VAGUE ones are always accepted as "not sure"). */
const TRUE_HINTS = {
  'truncate-end': [...SHORT],
  'cut-middle': [...SHORT],
  'char-changed': [...CHANGED],
  'insert-space': [...WS, 'stray-char'],
  'insert-linebreak': ['line-break', 'appid-trailing-ws', 'outer-whitespace'],
  'insert-tab': [...WS, 'stray-char'],
  'plus-to-space': ['plus-space', 'appid-trailing-ws', 'outer-whitespace'],
  'url-encoded': ['url-encoded'],
  'base64url': ['base64url'], // plus truncated-or-padding when only "=" was dropped: see ok()
  'base64url-padded': ['base64url'],
  'lower-cased': ['case'],
  'upper-cased': ['case'],
  'double-quoted': ['quotes'],
  'single-quoted': ['quotes'],
  'json-string': ['quotes', 'json-slash'],
  'json-slash-escaped': ['json-slash'],
  'bearer-prefix': ['embedded'],
  // Not 'truncated-or-padding': nothing was cut (known: base64 letters run on after an unpadded
  // token leave a length that a cut token has too; telling them apart needs a trial inflate).
  'junk-appended': ['text-after-padding', 'equals-inside', 'stray-char', 'zlib-text-after', 'field-trailing', 'outer-whitespace', 'line-break', 'plus-space'],
  'two-tokens': ['second-token', 'text-after-padding', 'zlib-text-after', 'field-trailing'],
  'two-tokens-spaced': ['second-token', 'text-after-padding', 'zlib-text-after', 'field-trailing', 'stray-char', 'line-break', 'plus-space'],
  'padding-removed': ['truncated-or-padding'],
  // Not 'truncated-or-padding': the padding is not missing, there is too much (known, unfixed).
  'padding-doubled': ['equals-inside', 'text-after-padding'],
  'appid-changed-006': ['appid-not-hex', 'appid-trailing-ws', 'field-short', 'field-trailing'],
  'appid-cut-006': ['appid-not-hex', 'field-short', 'truncated-or-padding'],
  'version-changed': ['no-version', 'older-key', 'appid-not-hex', 'field-short', 'zlib-cut-or-changed', 'truncated-or-padding'],
  'version-swapped': ['appid-not-hex', 'zlib-cut-or-changed'],
  'leading-space': ['outer-whitespace'],
};

/** diagnoseToken's fix text for a malformed token: a cause too. */
function diagnoseCause(f) {
  if (/cut short: copy it whole/.test(f.fix)) return 'fix:cut-short';
  if (/altered, cut short or changed in letter case/.test(f.fix)) return 'fix:altered';
  return undefined;
}
const FIX_TRUE = {
  'fix:cut-short': ['truncate-end', 'cut-middle', 'padding-removed', 'appid-cut-006'],
};

// ---- run ------------------------------------------------------------------------------------

function attempt(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (!kit.isAgoraTokenError(error)) return { ok: false, untyped: true, message: String(error?.stack ?? error) };
    return { ok: false, code: error.code, field: error.field, message: error.message };
  }
}

const stats = {}; // label -> { applied, stillDecodes, verifiedTrue, sigNotNamed, hints: {hint: n}, falses: [] }
const stillDecodeProblems = [];
const untyped = [];
let built = 0;

const rng = rngFor(opts.seed, 0);
const tokens = [];
for (let i = 0; i < opts.tokens; i++) tokens.push(makeToken(rng));
built = tokens.length;

for (let i = 0; i < tokens.length; i++) {
  const t = tokens[i];
  const other = tokens[(i + 1) % tokens.length];
  for (const [label, mutate] of Object.entries(MUTATIONS)) {
    const r = rngFor(opts.seed, 10 + i * 100 + Object.keys(MUTATIONS).indexOf(label));
    const mutated = mutate(t.token, r, other.token);
    if (mutated === undefined || mutated === t.token) continue;
    const s = (stats[label] ??= { applied: 0, stillDecodes: 0, verifiedTrue: 0, samePayload: 0, sigNotNamed: 0, verdicts: {}, notNamedExamples: {}, hints: {}, falses: [] });
    s.applied++;
    const decoded = attempt(() => kit.decodeToken(mutated));
    const verified = attempt(() => (t.expected ? legacy.verifyToken(mutated, t.cert, t.expected) : kit.verifyToken(mutated, t.cert)));
    const inspected = attempt(() => kit.inspectToken(mutated, { now: NOW }));
    const diag = attempt(() => kit.diagnoseToken(mutated, { appCertificate: t.cert, appId: t.appId, now: NOW, ...t.diagnose }));
    for (const [who, res] of [['decodeToken', decoded], ['verifyToken', verified], ['inspectToken', inspected]]) {
      if (!res.ok && res.untyped) untyped.push({ label, who, token: t.token, mutated, message: res.message });
    }
    if (decoded.ok) {
      s.stillDecodes++;
      const v = verified.ok ? verified.value : `threw ${verified.code}`;
      // verifyToken true is right only when the payload is the original's (a change in the
      // deflate stream's unused last bits, which every inflater ignores).
      const same = JSON.stringify(kit.decodeToken(t.token)) === JSON.stringify(decoded.value);
      if (v === true) s.verifiedTrue++;
      if (v === true && same) s.samePayload++;
      const codes = diag.ok ? diag.value.filter((f) => f.severity === 'error').map((f) => f.code) : [`threw ${diag.code}`];
      const verdict = codes.includes('SIGNATURE_INVALID') ? 'SIGNATURE_INVALID' : codes.length ? codes.join('+') : (v === true && same ? 'none (same payload)' : 'none');
      s.verdicts[verdict] = (s.verdicts[verdict] ?? 0) + 1;
      if (verdict !== 'SIGNATURE_INVALID') s.sigNotNamed++;
      if ((v === true && !same) || (v !== true && verdict === 'none')) stillDecodeProblems.push({ label, source: t.source, token: t.token, mutated, verify: v, findings: codes });
      else if (verdict !== 'SIGNATURE_INVALID' && !(s.notNamedExamples[verdict]?.length >= opts.show)) (s.notNamedExamples[verdict] ??= []).push({ token: t.token, mutated, diagnose: t.diagnose, verify: v });
      continue;
    }
    // The hint each refusal gives: decodeToken's message, then verify/inspect (same pipeline: check
    // they agree), then diagnose's TOKEN_MALFORMED finding and its fix.
    const hint = hintOf(decoded.message);
    s.hints[hint] = (s.hints[hint] ?? 0) + 1;
    // A token with no "+" or "/" has the same base64url spelling but for its dropped "=" padding.
    const ok = (h) => VAGUE.includes(h) || TRUE_HINTS[label].includes(h) || (label === 'base64url' && !/[-_]/.test(mutated) && h === 'truncated-or-padding') ||
      // A space or tab inside a 006 token's App ID part: the message names that part, which holds
      // it (a space may be the App ID's own, "ID " from an env file, so no more is said).
      (/^(insert-space|insert-tab|appid-changed-006)$/.test(label) && t.token.startsWith('006') && /\s/.test(mutated.slice(3, 35)) && h === 'appid-not-hex');
    const record = (where, h, message) => {
      if (ok(h)) return;
      s.falses.push({ where, hint: h, source: t.source, token: t.token, mutated, code: decoded.code, field: decoded.field, message });
    };
    record('decodeToken', hint, decoded.message);
    for (const [who, res] of [['verifyToken', verified], ['inspectToken', inspected]]) {
      if (!res.ok && !res.untyped && res.message !== decoded.message) {
        const h = hintOf(res.message);
        if (h !== hint) record(who, h, res.message);
      }
    }
    if (diag.ok) {
      const f = diag.value.find((x) => x.code === 'TOKEN_MALFORMED' || x.code === 'TOKEN_UNSUPPORTED' || x.code === 'APP_ID_INSTEAD_OF_TOKEN');
      const cause = f && diagnoseCause(f);
      if (cause === 'fix:cut-short' && !FIX_TRUE[cause].includes(label)) {
        const key = `diagnose fix:cut-short`;
        s.hints[key] = (s.hints[key] ?? 0) + 1;
        s.falses.push({ where: 'diagnoseToken (fix)', hint: 'fix:cut-short', source: t.source, token: t.token, mutated, code: decoded.code, field: decoded.field, message: `${f.message} | fix: ${f.fix}` });
      }
    }
  }
}

// ---- report ---------------------------------------------------------------------------------

const show = (s) => JSON.stringify(s);
let falseCount = 0;
console.log(`hint-truth: seed ${opts.seed}, ${built} valid tokens, ${Object.keys(MUTATIONS).length} mutation kinds`);
for (const [label, s] of Object.entries(stats)) {
  const refused = s.applied - s.stillDecodes;
  const dist = Object.entries(s.hints).sort((a, b) => b[1] - a[1]).map(([h, n]) => `${h} ${n}`).join(', ');
  const byHint = {};
  for (const f of s.falses) (byHint[`${f.where} -> ${f.hint}`] ??= []).push(f);
  falseCount += s.falses.length;
  console.log(`\n${label}: ${s.applied} applied, ${s.stillDecodes} still decode (verifyToken true ${s.verifiedTrue}, of which same payload ${s.samePayload}), ${refused} refused; FALSE ${s.falses.length}`);
  console.log(`  hints: ${dist}`);
  if (s.stillDecodes) {
    console.log(`  still decoding, diagnoseToken's errors: ${Object.entries(s.verdicts).sort((a, b) => b[1] - a[1]).map(([h, n]) => `${h} ${n}`).join(', ')}`);
    for (const [verdict, list] of Object.entries(s.notNamedExamples)) for (const x of list) console.log(`    ${verdict}: ${show(x)}`);
  }
  for (const [key, list] of Object.entries(byHint)) {
    const shortest = [...list].sort((a, b) => a.token.length - b.token.length).slice(0, opts.show);
    console.log(`  FALSE ${key}: ${list.length}`);
    for (const f of shortest) console.log(`    ${f.source}\n      token   ${show(f.token)}\n      mutated ${show(f.mutated)}\n      ${f.code} [${f.field}] ${f.message}`);
  }
}
console.log(`\nuntyped errors: ${untyped.length}`);
for (const u of untyped.slice(0, opts.show)) console.log(`  ${u.label} ${u.who}: ${show(u.mutated)} ${u.message}`);
console.log(`still-decoding tokens that verify with a changed payload, or refused by verifyToken with no error from diagnoseToken: ${stillDecodeProblems.length}`);
for (const p of stillDecodeProblems.slice(0, opts.show)) console.log(`  ${show(p)}`);
console.log(`\nFALSE hints: ${falseCount}`);
process.exitCode = falseCount || untyped.length || stillDecodeProblems.length ? 1 : 0;
