#!/usr/bin/env node
/**
 * @module scripts/acceptance-differential-006 — correctly signed, oddly shaped 006 tokens read by
 * agora-access-token 2.0.4 (the oracle for reading) and by this library, every verdict compared.
 *
 *   npm run build && node scripts/acceptance-differential-006.mjs --cases 60000 --seed 1
 *   node scripts/acceptance-differential-006.mjs --case 4242 --seed 1   # replay one case, print it
 *
 * Tokens are made with node:crypto and node:zlib's crc32 only (no code of ours): odd App IDs,
 * salt / ts extremes, privilege maps empty, duplicated, unsorted, with unknown ids or huge counts
 * (the u16 message length wrapping), bytes after the map and after the message, signatures of
 * other lengths, CRCs matching or not, uids 0 / numeric / account strings, odd channel names and
 * base64 spellings (URL-safe, unpadded, whitespace, junk after). Neither official package verifies
 * a 006 token (SPEC Q20), so the signature oracle is node:crypto: the signature holds when the
 * token, read as the official fromString reads it, carries HMAC(certificate, appId ‖ channel ‖
 * uid ‖ message) (SPEC 3.2) and the CRC-32s of that channel and uid. Classes:
 *   A  our strict reader accepts what the official fromString refuses or what SPEC 3.7 refuses
 *      (decodeToken reads it), reads other values than the official class, or verifyToken answers
 *      true where the node:crypto oracle does not;
 *   B  the official fromString reads what decodeToken throws on, or the oracle verifies what
 *      verifyToken does not (allowed strictness when documented: README "Migrating from
 *      agora-access-token", docs/SPEC.md 3.7), counted by error;
 *   C  our drop-in AccessToken.fromString (both entries) answers or reads differently from the
 *      official class (appID is left out: ours sets it on purpose, SPEC Q20; Cd: content the
 *      official class reads past its end and pads with zero bytes, README "a token damaged inside");
 *   D  diagnoseToken says SIGNATURE_VALID where verifyToken does not answer true for the same
 *      channel and uid (Dw: the uid-0 token read with another uid, where diagnose checks the
 *      signature over the wildcard uid: reported, not a failure).
 * Also reported, not failures: E (diagnoseToken refuses the expectation itself, e.g. an empty or
 * over-255-byte account: SPEC 6), N (verifyToken true where diagnoseToken leaves the signature
 * unchecked, e.g. a token with no privilege) and X (our own entries disagreeing with each other,
 * which does fail).
 * Exit code 1 on any A, C, D or X. Cases are a pure function of (seed, index).
 */

import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { bytes, hmac, u16, u32 } from '../test/helpers/token-bytes.mjs';
import { hex32, outcomes, parseArgs, rngFor, spell, tallyCases } from './lib/acceptance.mjs';

const require = createRequire(import.meta.url);
const { AccessToken: Official } = require('agora-access-token/src/AccessToken');
const syncLib = require('../dist/sync.cjs');
const asyncLib = require('../dist/index.cjs');
const legacySync = require('../dist/legacy-sync.cjs');
const legacyAsync = require('../dist/legacy.cjs');

// ---------------------------------------------------------------- pieces

const crc = (text) => zlib.crc32(Buffer.from(text, 'utf8')) >>> 0;
const INTS = [0, 1, 2, 255, 65535, 99_999_999, 999_999_999, 1_000_000_000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 1_700_000_000];
const int32 = (r) => (r.chance(0.5) ? r.pick(INTS) : (r.next() * 2 ** 32) >>> 0);

function appIdText(r) {
  if (r.chance(0.75)) return { id: hex32(r), odd: false };
  const id = hex32(r);
  const odd = r.pick([
    () => id.toLowerCase(),
    () => id.toUpperCase(),
    () => id.slice(1),
    () => `${id}0`,
    () => `g${id.slice(1)}`,
    () => `${id.slice(0, 31)}\n`,
    () => `${id.slice(0, 31)} `,
    () => `${id.slice(0, 31)}\0`,
    () => `${id.slice(0, 30)}é`,
    () => `${id.slice(0, 31)}+`,
    () => `${id.slice(0, 31)}=`,
    () => '０'.repeat(32),
    () => id.replace(/[a-fA-F]/g, 'x'),
    () => `${id.slice(0, 31)}🎉`.slice(0, 32),
    () => 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ',
  ])();
  return { id: odd, odd: !/^[0-9a-fA-F]{32}$/.test(odd) };
}

function channelName(r) {
  return r.pick([
    () => '',
    () => 'room',
    () => 'test_user',
    () => String(r.int(2 ** 32)),
    () => '日本語🎉',
    () => 'Zoë',
    () => 'a\0b',
    () => ' room ',
    () => '*',
    () => 'c'.repeat(1 + r.int(300)),
    () => 'd'.repeat(r.chance(0.2) ? 20_000 + r.int(40_000) : 64),
    () => '\ufeffbom',
    () => hex32(r),
    () => 'x\ud800y', // a lone surrogate: node:crypto signs U+FFFD bytes
  ])();
}

/** uid as given to the builder / verifier, and the signed text. */
function uidOf(r) {
  const uid = r.pick([
    () => 0,
    () => 0,
    () => 1 + r.int(1000),
    () => 0xffffffff,
    () => 863045057, // crc32("863045057") = 0
    () => r.int(2 ** 32),
    () => '0',
    () => '42',
    () => '',
    () => 'alice',
    () => '日本',
    () => 'u'.repeat(250 + r.int(20)),
    () => 'a\u0000b',
  ])();
  return { uid, text: uid === 0 ? '' : String(uid) };
}

const KEYS = [1, 2, 3, 4, 5, 12, 101, 1000, 0, 65535, 777];

function privilegeMap(r) {
  const huge = r.chance(0.01);
  const n = huge ? 5_000 + r.int(6_500) : r.pick([0, 0, 1, 1, 2, 3, 4, 6, 10]);
  const entries = Array.from({ length: n }, () => [huge ? r.int(65536) : r.pick(KEYS), int32(r)]);
  if (r.chance(0.5)) entries.sort((a, b) => a[0] - b[0]);
  if (r.chance(0.1) && entries.length > 0) entries.push([entries[0][0], int32(r)]); // duplicate id
  let count = entries.length;
  let how = huge ? 'huge' : `${n}`;
  if (r.chance(0.03)) { count += 1 + r.int(3); how += ' count+'; }
  else if (r.chance(0.03) && count > 0) { count -= 1; how += ' count-'; }
  else if (r.chance(0.01)) { count = 65535; how += ' count 65535'; }
  return { map: Buffer.concat([u16(count), ...entries.map(([k, v]) => Buffer.concat([u16(k), u32(v)]))]), how };
}


const CERT_A = 'b3a9F1c07d2E4f5a8B6c9d0e1F2a3b4C';
const CERT_B = '5CFd2fd1755d40ecb72977518be15d3b';
const CERTS = { A: CERT_A, B: CERT_B, a: CERT_A.toLowerCase() };

/** The spellings a 006 token's base64 gets here, in this order (the order fixes each seed's cases). */
const SPELT = ['URL-safe', 'unpadded', 'base64url', 'line breaks', 'trailing newline', 'trailing space', 'leading space', 'trailing quote', 'junk after', 'extra padding', 'one pad', 'inner space', 'plus as space', 'lower-cased'];

export function makeCase(seed, index) {
  const r = rngFor(seed, index);
  const app = appIdText(r);
  const channel = channelName(r);
  const u = uidOf(r);
  const salt = int32(r);
  const ts = int32(r);
  const pm = privilegeMap(r);
  let message = Buffer.concat([u32(salt), u32(ts), pm.map]);
  const how = { appId: app.odd ? JSON.stringify(app.id) : 'hex32', channel: channel.length > 40 ? `${channel[0]}*${channel.length}` : channel, uid: u.uid, map: pm.how };
  if (r.chance(0.06)) { message = Buffer.concat([message, r.bytes(1 + r.int(8))]); how.inMessage = 'trailing'; }
  if (r.chance(0.02)) { message = message.subarray(0, r.int(message.length)); how.inMessage = 'cut'; }
  if (message.length > 65535) how.messageLength = `${message.length} (u16 wraps)`;

  // Signature over appId ‖ channel ‖ uid ‖ message (SPEC 3.2).
  const signed = (cert, ch = channel, uidText = u.text) => hmac(cert, Buffer.concat([Buffer.from(app.id), Buffer.from(ch), Buffer.from(uidText), message]));
  const good = signed(CERT_A);
  let sig;
  const sm = r.next();
  if (sm < 0.8) { sig = good; how.sig = 'good'; }
  else if (sm < 0.83) { sig = signed(CERT_A.toLowerCase()); how.sig = 'lower-case cert'; }
  else if (sm < 0.86) { sig = good.subarray(0, r.pick([0, 1, 16, 31])); how.sig = 'short'; }
  else if (sm < 0.89) { sig = Buffer.concat([good, r.bytes(1 + r.int(40))]); how.sig = 'long'; }
  else if (sm < 0.92) { sig = r.bytes(32); how.sig = 'random'; }
  else if (sm < 0.95) { sig = signed(CERT_A, `${channel}x`); how.sig = 'other channel'; }
  else if (sm < 0.98) { sig = signed(CERT_A, channel, u.text === '' ? '0' : ''); how.sig = 'other uid'; }
  else { sig = hmac(CERT_A, Buffer.concat([Buffer.from(app.id.toLowerCase()), Buffer.from(channel), Buffer.from(u.text), message])); how.sig = 'lower-case appId signed'; }

  let crcCh = crc(channel);
  let crcUid = crc(u.text);
  const cm = r.next();
  if (cm < 0.05) { crcCh = r.pick([0, crc(`${channel} `), (r.next() * 2 ** 32) >>> 0]); how.crc = 'channel off'; }
  else if (cm < 0.1) { crcUid = r.pick([0, crc('0'), (r.next() * 2 ** 32) >>> 0]); how.crc = 'uid off'; }

  let sigField = bytes(sig);
  if (r.chance(0.01)) { sigField = bytes(sig, sig.length + 1 + r.int(4)); how.sigLength = 'claims more'; }
  // A message over 65535 bytes gets its length modulo 2^16, as a u16 writer that wraps would write it.
  let content = Buffer.concat([sigField, u32(crcCh), u32(crcUid), bytes(message, message.length & 0xffff)]);
  if (r.chance(0.06)) { content = Buffer.concat([content, r.bytes(1 + r.int(8))]); how.content = 'trailing'; }
  if (r.chance(0.03)) { content = content.subarray(0, r.int(content.length)); how.content = 'cut'; }
  if (r.chance(0.01)) { content = Buffer.concat([content.subarray(0, content.length - 2), u16(message.length + 5)]); how.content = 'length tail'; }
  const b = spell(r, content, 0.78, SPELT);
  how.base64 = b.how;
  return { token: `006${app.id}${b.text}`, channel, uid: u.uid, how };
}

// ---------------------------------------------------------------- the official reading and the signature oracle

function officialRead(token) {
  const t = new Official('', '', '', '');
  const log = console.log;
  console.log = () => {};
  let ok;
  try {
    ok = t.fromString(token);
  } finally {
    console.log = log;
  }
  return { ok, t };
}

const hex = (b) => Buffer.from(b).toString('hex');
const readBack = (t) => ({
  salt: t.salt,
  ts: t.ts,
  signature: hex(t.signature),
  crc_channel_name: t.crc_channel_name,
  crc_uid: t.crc_uid,
  m: hex(t.m),
  messages: JSON.stringify(Object.entries(t.messages).map(([k, v]) => [Number(k), Number(v)])),
});

/** Does the token, read as the official class reads it, carry a valid signature for (cert, channel, uid)? */
function oracleVerifies(off, token, cert, channel, uidText) {
  if (!off.ok) return false;
  const t = off.t;
  if (t.crc_channel_name !== crc(channel) || t.crc_uid !== crc(uidText)) return false;
  const want = hmac(cert, Buffer.concat([Buffer.from(token.slice(3, 35)), Buffer.from(channel), Buffer.from(uidText), t.m]));
  return Buffer.from(t.signature).equals(want);
}

/** Whether the official class read past the end of the content (it pads such a field with zeros). */
function officialReadPastEnd(token) {
  const buf = Buffer.from(token.slice(35), 'base64');
  if (buf.length < 2) return true;
  const sigLen = buf.readUInt16LE(0);
  if (2 + sigLen + 8 + 2 > buf.length) return true;
  return 2 + sigLen + 8 + 2 + buf.readUInt16LE(2 + sigLen + 8) > buf.length;
}

// ---------------------------------------------------------------- verdicts

function failure(e) {
  if (!syncLib.isAgoraTokenError(e)) return { ok: false, code: `THROWN ${e?.constructor?.name}: ${e?.message}` };
  return { ok: false, code: e.code, field: e.field, rule: e.message.replace(/\d+/g, 'N').replace(/\(.*\)/, '(…)') };
}
const { outcome, outcomeAsync } = outcomes(failure);
const show = (o) => (o.ok ? JSON.stringify(o.value) : `${o.code}${o.field ? `/${o.field}` : ''}`);
const why = (o) => (o.ok ? JSON.stringify(o.value) : `${o.code}/${o.field} (${o.rule})`);
const hasValid = (findings) => findings.some((f) => f.code === 'SIGNATURE_VALID');

export async function compare({ token, channel, uid }) {
  const uidText = uid === 0 ? '' : String(uid);
  const expected = { channelName: channel, uid };
  const off = officialRead(token);
  const offRead = off.ok ? readBack(off.t) : undefined;
  const oracle = Object.fromEntries(Object.entries(CERTS).map(([k, c]) => [k, oracleVerifies(off, token, c, channel, uidText)]));
  const oracleWild = oracleVerifies(off, token, CERT_A, channel, '');

  const decode = outcome(() => syncLib.decodeToken(token));
  const decodeAsync = outcome(() => asyncLib.decodeToken(token));
  const decodeLegacy = outcome(() => legacySync.decodeToken(token));
  const inspect = outcome(() => syncLib.inspectToken(token));
  const verify = {};
  const verifyAsync = {};
  const verifyLegacy = {};
  for (const [k, c] of Object.entries(CERTS)) {
    verify[k] = outcome(() => syncLib.verifyToken(token, c, expected));
    verifyAsync[k] = await outcomeAsync(() => asyncLib.verifyToken(token, c, expected));
    verifyLegacy[k] = await outcomeAsync(() => legacyAsync.verifyToken(token, c, expected));
  }
  const dExpect = typeof uid === 'number' ? { appCertificate: CERT_A, channel, uid } : { appCertificate: CERT_A, channel, account: uid };
  const diag = outcome(() => syncLib.diagnoseToken(token, dExpect));
  const diagAsync = await outcomeAsync(() => asyncLib.diagnoseToken(token, dExpect));

  const found = [];
  const add = (cls, what) => found.push(`${cls}: ${what}`);

  // A: our strict reader accepts what the official class or SPEC 3.7 refuses, or verifies what the oracle does not.
  if (!off.ok && decode.ok) add('A', 'official fromString false, decodeToken reads it');
  if (decode.ok) {
    const d = decode.value;
    const buf = (() => {
      try {
        return Buffer.from(token.slice(35), 'base64');
      } catch {
        return Buffer.alloc(0);
      }
    })();
    if (!/^[0-9a-fA-F]{32}$/.test(token.slice(3, 35))) add('A', 'decodeToken reads a non-hex App ID');
    if (d.signature.length !== 64) add('A', 'decodeToken reads a signature that is not 32 bytes');
    if (off.ok) {
      const mine = { salt: d.salt, ts: d.ts, signature: d.signature, crc_channel_name: d.crcChannelName, crc_uid: d.crcUid, messages: JSON.stringify(d.privileges.map((p) => [p.id, p.expire])) };
      for (const k of Object.keys(mine)) if (mine[k] !== offRead[k]) add('A', `decodeToken reads another ${k} than the official class`);
      if (buf.length !== 2 + d.signature.length / 2 + 8 + 2 + offRead.m.length / 2) add('A', 'decodeToken reads a token with bytes after the content');
    }
    if (d.appId !== token.slice(3, 35)) add('A', 'decodeToken appId is not the token\'s 32 characters');
  }
  for (const k of Object.keys(CERTS)) {
    for (const [name, v] of [['verifyToken', verify[k]], ['async verifyToken', verifyAsync[k]], ['legacy verifyToken', verifyLegacy[k]]]) {
      if (!oracle[k] && v.ok && v.value === true) add('A', `oracle false, ${name}(cert ${k}) true`);
      if (oracle[k] && !(v.ok && v.value === true) && name === 'verifyToken') add('B', `oracle true, verifyToken(cert ${k}) ${why(v)}`);
    }
  }
  // B: official reads, strict reader throws.
  if (off.ok && !decode.ok) add('B', `official reads, decodeToken ${why(decode)}`);
  // X: our entries must agree with each other.
  if (show(decode) !== show(decodeAsync) && !(decode.ok && decodeAsync.ok)) add('X', `decodeToken sync ${show(decode)} vs async ${show(decodeAsync)}`);
  if (show(decode) !== show(decodeLegacy) && !(decode.ok && decodeLegacy.ok)) add('X', `decodeToken sync ${show(decode)} vs legacy ${show(decodeLegacy)}`);
  if (decode.ok !== inspect.ok || (!decode.ok && show(decode) !== show(inspect))) add('X', `decodeToken ${show(decode)} vs inspectToken ${show(inspect)}`);
  for (const k of Object.keys(CERTS)) {
    if (show(verify[k]) !== show(verifyAsync[k])) add('X', `verifyToken(cert ${k}) sync ${show(verify[k])} vs async ${show(verifyAsync[k])}`);
    if (show(verify[k]) !== show(verifyLegacy[k])) add('X', `verifyToken(cert ${k}) main ${show(verify[k])} vs legacy ${show(verifyLegacy[k])}`);
  }

  // C: the drop-in class of both legacy entries.
  const past = off.ok && officialReadPastEnd(token);
  for (const [entry, lib] of [['legacy/sync', legacySync], ['legacy', legacyAsync]]) {
    const ours = new lib.AccessToken('', '', '', '');
    const parsed = outcome(() => ours.fromString(token));
    if (!parsed.ok || parsed.value !== off.ok) {
      add(past ? 'Cd' : 'C', `${entry} fromString official ${off.ok}, ours ${show(parsed)}${past ? ' (official read past the end)' : ` (decodeToken: ${why(decode)})`}`);
    } else if (off.ok) {
      const mine = readBack(ours);
      for (const k of Object.keys(mine)) if (mine[k] !== offRead[k]) add('C', `${entry} fromString reads another ${k}`);
      if (ours.appID !== token.slice(3, 35)) add('C', `${entry} fromString appID is not the token's 32 characters`);
    }
  }

  // D: diagnose's SIGNATURE_VALID against verifyToken for the same channel and uid.
  const verified = verify.A.ok && verify.A.value === true;
  for (const [name, d] of [['diagnoseToken', diag], ['async diagnoseToken', diagAsync]]) {
    if (!d.ok && /^ERR_INVALID_(ACCOUNT|UID)$/.test(d.code) && /^expected\./.test(d.field)) add('E', `${name} refuses the expectation: ${why(d)}`);
    else if (!d.ok) add('X', `${name} threw ${show(d)}`);
    else if (hasValid(d.value) && !verified) {
      const wild = off.ok && off.t.crc_uid === 0 && uidText !== '' && oracleWild;
      add(wild ? 'Dw' : 'D', `${name} SIGNATURE_VALID, verifyToken ${show(verify.A)}${wild ? ' (uid-0 token, read with another uid)' : ''}`);
    } else if (!hasValid(d.value) && verified) {
      const notChecked = d.value.find((f) => f.code === 'SIGNATURE_NOT_CHECKED');
      if (notChecked) add('N', `verifyToken true, ${name} SIGNATURE_NOT_CHECKED (${notChecked.message.replace(/^.*: /, '')})`);
      else add('X', `verifyToken true, ${name} not SIGNATURE_VALID`);
    }
  }
  return { found, offParsed: off.ok, oracle, decode, verify };
}

// ---------------------------------------------------------------- run

async function main() {
  const o = parseArgs(process.argv.slice(2), 60_000, 'acceptance-differential-006');
  if (o.case !== undefined) {
    const c = makeCase(o.seed, o.case);
    console.log(JSON.stringify({ ...c, token: c.token.length > 400 ? `${c.token.slice(0, 400)}… (${c.token.length} chars)` : c.token, result: await compare(c) }, null, 2));
    return;
  }
  const verdicts = { officialParsed: 0, oracleVerifiedA: 0, oursVerifiedA: 0 };
  const perClass = await tallyCases(o, async (i) => {
    const c = makeCase(o.seed, i);
    const res = await compare(c);
    verdicts.officialParsed += res.offParsed ? 1 : 0;
    verdicts.oracleVerifiedA += res.oracle.A ? 1 : 0;
    verdicts.oursVerifiedA += res.verify.A.ok && res.verify.A.value === true ? 1 : 0;
    return { how: c.how, found: res.found };
  }, {
    title: 'acceptance differential 006',
    progressEvery: 10000,
    summary: () => `official: parsed ${verdicts.officialParsed}; oracle verified with the signing certificate ${verdicts.oracleVerifiedA}; ours verified ${verdicts.oursVerifiedA}`,
  });
  if (Object.keys(perClass).some((k) => !['B', 'Cd', 'Dw', 'E', 'N'].includes(k))) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
