#!/usr/bin/env node
/**
 * @module bench/size — bundle-size budgets of the BUILT package (run `npm run build` first).
 * esbuild bundles each case from dist/ by package name (minify, tree-shaking, ESM, browser
 * platform), gzip -9 measures it, and the budgets fail the run:
 *   (a) one RtcTokenBuilder method from the main entry   ≤ 8 KB gzip
 *   (b) the whole main entry                              ≤ 14 KB gzip
 *   (c) `/sync`, (d) `/server` (reported; no budget set by the issue)
 * For comparison it bundles `agora-token` (the official package, for Node: builtins external).
 * Bleed check: the same RTC-only import bundled from src/ must pull in no server, CLI or 006
 * builder module (read from the esbuild metafile). Leftover check: see leftoverCheck.
 * Usage: node bench/size.mjs [--json]   (exit 1 when over budget or on bleed)
 */

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;
const RTC_ONE_METHOD = (from) =>
  `import { RtcTokenBuilder } from '${from}';\nexport const build = (a, c, ch, uid) => RtcTokenBuilder.buildTokenWithUid(a, c, ch, uid, 1, 3600, 3600);`;

/**
 * Cases: [id, label, entry source, budget bytes (gzip) or undefined, esbuild platform, goal bytes].
 * `budget` is the ceiling CI enforces: issue 4's goal for (a), which is met, so it may not grow
 * past it; for the others the size measured when it was set plus a few percent, so any growth
 * fails the run. `goal` is issue 4's target where it set one; (b) does not meet it (inspect and
 * diagnose are ~10 KB gzip of the main entry, the canonical deflater ~3.5 KB), and the table says so.
 */
const CASES = [
  ['a', 'RtcTokenBuilder.buildTokenWithUid from "agora-token-kit"', RTC_ONE_METHOD('agora-token-kit'), 8 * KB, undefined, 8 * KB],
  // (b) and (c) grew ~0.7 KB with AccessToken2.from_string/verifySignature and the official field
  // names on parsed services, then ~0.1 KB with the decode hints for quoted, URL-encoded and
  // wrapped tokens (2026-11-23), then ~0.2 KB with the official parse methods' Buffer-lenient
  // base64, Rtm2Permissions from any iterable / the official class / null, and the 006 `messages`
  // setter (drop-in parity found by a black-box comparison, 2026-11-23), then ~0.15 KB with the
  // build-time checks of fields code writes directly (RTM2 `details` keys, `services`), then
  // ~0.15 KB with AccessToken2.kServices and the partly quoted App ID in diagnose, then ~0.1 KB
  // with from_string/fromString reading past trailing junk as the official methods do, then ~0.3 KB
  // with the diagnose audit fixes (role-aware PRIVILEGE_EXPIRED, 24-hour maximum as an error,
  // APaaS Chat md5 ids, precise 006 SIGNATURE_NOT_CHECKED / CRC_ONLY_CHECK, time judged on the
  // joined channel), then ~0.5 KB with the options-form strictness (unknown option keys with a
  // "did you mean", 0 and null lifetimes, empty accounts and RTM ids, empty privilege lists) and
  // inspectToken's option check (2026-11-23), then ~0.3 KB with the decode hints for text that is
  // not part of a token (characters after the "=" padding, a character base64 never uses, JSON-escaped
  // "\/"), found in public reports of pasted tokens, then ~0.2 KB with diagnose findings from the same
  // reports (a Chat app token used for an SDK login, the string "0" joined as uid 0, a role value in
  // a 006 privilege from a shifted argument list, CERTIFICATE_UNTRIMMED for a certificate signed with
  // a line break or quotes; "[object Promise]", "undefined" and "Bearer 007…" named as tokens; the
  // services Agora's docs accept for rtm2, Flexible Classroom and ConvoAI/STT agents), and the refusal
  // of 006's five-argument RtmTokenBuilder.buildToken, then ~0.2 KB with Chat user ids compared as the
  // Chat SDK does (lower-cased; CHAT_USER_ID_FORM) (2026-11-23), then ~0.25 KB (b, c; ~0.2 KB e)
  // with zlib failures named as token errors (field, "was it changed?", "cut short?", a token
  // lower- or upper-cased as a whole) instead of zlib's bare rule, then ~0.1 KB (b, c) with service
  // fields that JavaScript wrote checked at AccessToken2.build(), then ~0.15 KB (b, c, e) with the
  // review's fixes: the letter-case hint for 006 tokens, "text after the token?", and service field
  // checks by service type (a caller's own Service subclass is left alone), then ~0.25 KB with the
  // fuzzing pass's builder fixes (inspectToken options, app as a boolean, RTM permissions given as
  // a non-object, a bare Service of a library type, unknown-key messages naming their function),
  // then ~0.25 KB with diagnose's CERTIFICATE_IN_TOKEN (the certificate packed as a channel or
  // account) and its pass that keeps the certificate out of every finding's text, then ~0.3 KB (b, c;
  // ~0.2 KB d, e) with "did you mean" by edit distance for every unknown option (core/near.ts:
  // `autorize`, `chanel`, `hots`) and diagnose naming a one-second RTM token built with 006's five
  // arguments, from a docs-vs-behaviour audit (2026-11-23), then ~0.5 KB with wildcard tokens
  // (channel "*", found refused by an over-strictness audit): the builders' uid-0 rule and
  // diagnose's CHANNEL_WILDCARD / CHANNEL_WILDCARD_UID_ZERO findings, inspect's "(wildcard: any
  // channel)", and a 006 CHANNEL_MISMATCH naming the CRC-32 of "*" (2026-11-24), then ~0.04 KB with
  // the options form's "give it as account" for a uid given as a name (review of that diff), then
  // ~0.03 KB with AccessToken2.build() refusing a wildcard RTC service for uid 0, as the builders do,
  // then ~0.01 KB with a docs audit's findings (2026-11-24): CERTIFICATE_UNTRIMMED also tries a
  // leading space, and an RTM user id defaulted from uid 0 says why it is empty.
  // Then ~0.25 KB (2026-11-24, an audit of runtimes missing Web globals: Jest jsdom, React Native's Hermes, SES) with UTF-8 read without a TextDecoder (core/text.ts: decodeURIComponent) and TextEncoder/TextDecoder made on first use, not at import, a
  // typed error from dangerouslyAllowBrowserBuilds() on a frozen globalThis, and a Date from another realm as `now`.
  // Then ~0.1 KB (2026-11-24, a clock audit) with the clock read as Jest's constructor-only Date
  // mock leaves it, and diagnose naming a 007 lifetime in milliseconds and an issueTs that is a duration.
  // Then ~0.13 KB (b, c; ~0.1 KB e) (2026-11-24, an error-message audit) with one code per field:
  // channel names and uids in the token classes and in 006/diagnose expectations coded as such, the
  // options form's lifetime range in its messages, a non-string 006 verify channelName named, and
  // decode naming a second token run on after an unpadded one. Then ~0.12 KB (b, c) with diagnose's
  // UID_MISMATCH naming accounts that differ only in letter case, end spaces or Unicode form (a CLI audit).
  ['b', 'whole main entry "agora-token-kit"', "export * from 'agora-token-kit';", 36.25 * KB, undefined, 14 * KB],
  ['c', 'whole "agora-token-kit/sync"', "export * from 'agora-token-kit/sync';", 38.45 * KB],
  // (d) grew ~0.2 KB with the audit fixes of 2026-11-23: grants checked field by field (only plain
  // objects, known fields, capped lifetime, /rte RTM id following a pinned uid), Retry-After clamp.
  // then ~0.4 KB with the options-form strictness its builders share, then ~0.15 KB with the roles
  // agora-token-service's clients send (audience, 1/2 in a path) and its RTM stream channel (2026-11-23).
  // Then ~0.25 KB with options checked at creation (unknown keys with "did you mean", CORS option
  // types, the rate limiter's hooks), now() misreadings as the server's 500 and odd Retry-After
  // values, from a black-box fuzzing pass, then ~0.2 KB with "did you mean" by edit distance
  // (core/near.ts) (2026-11-23), then ~0.15 KB with wildcard tokens: a client's "*" refused, a
  // grant's "*" signed, the builders' uid-0 rule (2026-11-24), then ~0.35 KB with a security
  // review's fixes: RTM stream-channel requests checked as RTC (asked.channel, tokenTypes, role),
  // grants of 0 seconds refused, rateLimitKey (IPv6 by /64, IPv4-mapped as IPv4), and the App ID /
  // certificate pair checked at creation (2026-11-24), then ~0.1 KB with that diff's review: the
  // role of a getToken rtm stream request shown to authorize, a wildcard grant for uid 0 as an
  // invalid grant, rateLimitKey leaving malformed addresses as given. Then ~0.05 KB (2026-11-24)
  // with the handler's CORS headers for the node adapter's 503 (responseTimeoutMs) and the options
  // form's reason for an empty RTM user id defaulted from uid 0. Then ~0.1 KB (2026-11-24) with the
  // client-compatibility audit's fix: /fetch_rtc_token reads its fields in any letter case, as the
  // docs' Go server does (the docs' Android client sends "ChannelName"), refuses a field given twice
  // with different values, and takes the docs' roles 0 and 101 (also from a GET's query string, in
  // any case, after that diff's review); and a Request whose body was already read named in onError.
  // Then ~0.3 KB (2026-11-24) with the same audit's fixes: UTF-8 JSON bodies read without a
  // TextDecoder, and createTokenHandler refusing at creation on a browser page (a Jest or Vitest DOM
  // environment), which before answered every request with an opaque 500. Then ~0.1 KB with an
  // operations audit's fixes: onError's default (one console.error line, not a silent 500) and an
  // async onError's rejection caught (it ended the Node process), then ~0.1 KB with request.signal:
  // nothing signed or reported to onIssue for a client gone (or answered 503) before its token,
  // then ~0.05 KB with TextEncoder/TextDecoder read at import (a frozen globalThis on Node 20) and the
  // adapter's client-gone flag read next to request.signal. Then ~0.05 KB (2026-11-24, a clock
  // audit) with the rate limiter reading the global clock at each request (fake timers installed
  // after it), a clock stepping back refilling nothing instead of locking clients out, and a client
  // back after exactly Retry-After let in despite float rounding.
  ['d', 'whole "agora-token-kit/server"', "export * from 'agora-token-kit/server';", 20.3 * KB, 'dist/server.js'],
  // (e) grew ~0.2 KB with the 006 AccessToken's parse form, fromString and live messages, then
  // ~0.1 KB with the decode hints, then ~0.15 KB with fromString's Buffer-lenient base64 and the
  // `messages` setter, then ~0.05 KB with the RTM2 `details` key checks, then ~0.1 KB with
  // fromString's official read-back fields and trailing-junk reading (2026-11-23), then ~0.3 KB
  // with the decode hints for stray text and JSON-escaped slashes that parse-006 shares, and the 006
  // hint for an App ID with trailing whitespace, and the token-version hints ("[object Promise]",
  // "Bearer 007…") (2026-11-23), then ~0.2 KB with the zlib failures named as token errors and the
  // lower-/upper-cased token hint, then ~0.1 KB with that hint for 006 bodies, then ~0.2 KB with the
  // 006 options' unknown-key check and its "did you mean" by edit distance (2026-11-23), then
  // ~0.06 KB with the 006 builders' refusal of the 007-only wildcard channel "*" and the "user
  // account?" hint for a uid given as text (2026-11-24), then ~0.22 KB with UTF-8 read without a
  // TextDecoder and the parse form drawing no salt (React Native without its getRandomValues polyfill),
  // then ~0.1 KB with that diff's review: a salt drawn at build for such objects (they had signed
  // with 0), and the builders applying a given salt without drawing one first. Then ~0.1 KB
  // (2026-11-24) with the error-message audit's codes and texts (see (b)).
  ['e', 'whole "agora-token-kit/legacy"', "export * from 'agora-token-kit/legacy';", 16.2 * KB, 'dist/legacy.js'],
];
/**
 * What one function costs on its own, tree-shaken from the main entry (informative, no ceiling):
 * the figures the README's "Bundle size" section quotes, for users who import a few names.
 */
const FUNCTIONS = ['buildRtcToken', 'RtcTokenBuilder', 'tokenExpiresAt', 'decodeToken', 'verifyToken', 'inspectToken', 'diagnoseToken'];
const OFFICIAL = [
  ['official', 'agora-token 2.0.6 RtcTokenBuilder (CJS, whole package; Node crypto/zlib external)', "export { RtcTokenBuilder } from 'agora-token';"],
];
// RTC-only code must not reach these source modules.
const BLEED = [
  [/^src\/server\//, 'server'],
  [/^src\/server(-node)?\.ts$/, 'server'],
  [/^src\/cli\//, 'CLI'],
  [/^src\/legacy(-sync)?\.ts$/, '006 builders'],
  [/^src\/legacy\/(?!parse-006\.ts$)/, '006 builders'],
];

const SOURCE_OF = { 'agora-token-kit': './src/index.ts', 'agora-token-kit/sync': './src/sync.ts', 'agora-token-kit/server': './src/server.ts', 'agora-token-kit/legacy': './src/legacy.ts' };
const toSource = (source) => source.replace(/'(agora-token-kit[^']*)'/g, (all, spec) => `'${SOURCE_OF[spec] ?? spec}'`);

async function measure(contents, platform = 'browser') {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'size-entry.mjs' },
    bundle: true,
    write: false,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform,
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  // Only inputs that kept bytes after tree-shaking count (metafile.inputs lists every parsed file).
  const kept = Object.entries(Object.values(result.metafile.outputs)[0].inputs)
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([file, v]) => ({ file, bytes: v.bytesInOutput }))
    .sort((x, y) => y.bytes - x.bytes);
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs: kept.map((k) => k.file), kept };
}

/** Bleed check on the source graph: which src/ modules keep code in the bundle of `source`, and which are forbidden. */
export async function bleedCheck(source) {
  const modules = (await measure(source)).inputs.filter((f) => f.startsWith('src/'));
  return { modules, bleed: modules.flatMap((f) => BLEED.filter(([re]) => re.test(f)).map(([, what]) => `${f} (${what})`)) };
}

/** Library subpaths the leftover check bundles, each with a numeric constant it exports (./server/node is Node-only). */
const LEFTOVER_PROBES = [['', 'MAX_TOKEN_LENGTH'], ['/sync', 'MAX_TOKEN_LENGTH'], ['/legacy', 'DEFAULT_TS_SECONDS'], ['/legacy/sync', 'DEFAULT_TS_SECONDS'], ['/server', 'DEFAULT_MAX_BODY_BYTES']];

/**
 * Leftovers: what a bundle that uses nothing but one numeric constant of an entry keeps beyond
 * that constant. Each entry is one file, so a module-level statement a bundler cannot prove
 * unused (e.g. `var LIMIT = 64 * 1024`) lands in every bundle of that entry.
 * Returns, per subpath, the extra minified code ('' when there is none).
 */
export async function leftoverCheck() {
  const result = {};
  for (const [subpath, name] of LEFTOVER_PROBES) {
    const value = (await import(`agora-token-kit${subpath}`))[name];
    if (typeof value !== 'number') throw new Error(`leftover check: agora-token-kit${subpath} exports no number ${name}`);
    const alone = await measureCode(`const v = ${value}; export { v as ${name} };`);
    const code = await measureCode(`export { ${name} } from 'agora-token-kit${subpath}';`);
    result[subpath || '.'] = code.length === alone.length ? '' : code;
  }
  return result;
}

async function measureCode(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'leftover-entry.mjs' },
    bundle: true, write: false, minify: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/**
 * @typedef {object} SizeRow One measured case: min and gzip bytes, the CI ceiling and issue goal where set.
 * @property {string} id
 * @property {string} label
 * @property {number} [min]
 * @property {number} [gzip]
 * @property {number} [budget]
 * @property {boolean} [ok]
 * @property {number} [goal]
 * @property {boolean} [goalMet]
 * @property {string} [skipped]
 * @property {{ file: string, bytes: number }[]} [largestInputs]
 */

/** @returns {Promise<{ rows: SizeRow[], functions: { name: string, min: number, gzip: number }[], rtcModules: string[], bleed: string[], leftovers: Record<string, string>, ok: boolean }>} */
export async function sizeReport() {
  if (!existsSync(join(ROOT, 'dist/index.js'))) throw new Error('bench/size: dist/ is missing; run `npm run build` first');
  const rows = [];
  for (const [id, label, source, budget, needs, goal] of CASES) {
    if (needs && !existsSync(join(ROOT, needs))) {
      rows.push({ id, label, skipped: `${needs} not built` });
      continue;
    }
    const m = await measure(source);
    const ok = budget === undefined || m.gzip <= budget;
    // Over budget: say which source modules weigh most (same case bundled from src/).
    const why = ok ? {} : { largestInputs: (await measure(toSource(source))).kept.slice(0, 10) };
    rows.push({ id, label, min: m.min, gzip: m.gzip, budget, ok, goal, goalMet: goal === undefined ? undefined : m.gzip <= goal, ...why });
  }
  const functions = [];
  for (const name of FUNCTIONS) {
    const m = await measure(`export { ${name} } from 'agora-token-kit';`);
    functions.push({ name, min: m.min, gzip: m.gzip });
  }
  for (const [id, label, source] of OFFICIAL) {
    const m = await measure(source, 'node');
    rows.push({ id, label, min: m.min, gzip: m.gzip });
  }
  const { modules, bleed } = await bleedCheck(RTC_ONE_METHOD('./src/index.ts'));
  const leftovers = await leftoverCheck();
  const clean = Object.values(leftovers).every((code) => code === '');
  return { rows, functions, bleed, rtcModules: modules, leftovers, ok: rows.every((r) => r.ok !== false) && bleed.length === 0 && modules.length > 0 && clean };
}

const fmt = (n) => (n === undefined ? '' : `${(n / KB).toFixed(2)} KB`);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = await sizeReport();
  if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else {
    console.log('| case | bundle | min | min+gzip | CI ceiling (gzip) | | issue 4 goal | |');
    console.log('| --- | --- | ---: | ---: | ---: | --- | ---: | --- |');
    for (const r of report.rows) {
      const status = r.skipped ? `skipped: ${r.skipped}` : r.budget === undefined ? '' : r.ok ? 'OK' : 'OVER BUDGET';
      const goal = r.goal === undefined ? '| |' : `| ${fmt(r.goal)} | ${r.goalMet ? 'met' : 'NOT MET'} |`;
      console.log(`| ${r.id} | ${r.label} | ${fmt(r.min)} | ${fmt(r.gzip)} | ${fmt(r.budget)} | ${status} ${goal}`);
    }
    console.log('\n| one function from "agora-token-kit" | min | min+gzip |\n| --- | ---: | ---: |');
    for (const f of report.functions) console.log(`| \`${f.name}\` | ${fmt(f.min)} | ${fmt(f.gzip)} |`);
    for (const r of report.rows.filter((x) => x.largestInputs)) {
      console.log(`\n(${r.id}) over budget; largest source modules (minified bytes before gzip): ${r.largestInputs.map((k) => `${k.file} ${k.bytes}`).join(', ')}`);
    }
    console.log(`\nBleed check: an RTC-only import pulls in ${report.rtcModules.length} source modules; ` +
      (report.bleed.length ? `FORBIDDEN: ${report.bleed.join(', ')}` : 'no server, CLI or 006 builder code.'));
    const dirty = Object.entries(report.leftovers).filter(([, code]) => code !== '');
    console.log(dirty.length ? `Leftovers (module-level code every bundle of the entry keeps):\n${dirty.map(([sub, code]) => `  ${sub}: ${code}`).join('\n')}`
      : 'Leftover check: a bundle that uses one constant of an entry keeps nothing else of it.');
  }
  process.exitCode = report.ok ? 0 : 1;
}
