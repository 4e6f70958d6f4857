#!/usr/bin/env node
/**
 * @module scripts/acceptance-differential — correctly signed, oddly shaped 007 tokens read by
 * agora-token 2.0.6 (the oracle) and by this library, every verdict compared.
 *
 *   npm run build && node scripts/acceptance-differential.mjs --cases 100000 --seed 1
 *   node scripts/acceptance-differential.mjs --case 4242 --seed 1   # replay one case, print it
 *
 * Tokens are made with node:crypto and node:zlib only (no code of ours): odd App IDs, integer
 * extremes, 0-5 services of known and unknown types, duplicate / unsorted / unknown privileges,
 * odd strings and RTM2 trees, trailing bytes, odd signature lengths, zlib streams of every kind
 * (levels, strategies, stored / fixed / several blocks, other window sizes, preset-dictionary
 * flag, bad Adler-32, trailing bytes) and base64 spellings (URL-safe, unpadded, whitespace).
 * Each is read by the official from_string / verifySignature and by ours (decodeToken,
 * verifyToken sync and async, inspectToken, AccessToken2 of both entries, diagnoseToken), and
 * every disagreement is classified:
 *   A  the official class refuses (from_string false, or verifySignature false) what our strict
 *      reader accepts (decodeToken reads it, verifyToken answers true): the dangerous direction;
 *   B  the official class accepts what our strict reader throws on (allowed strictness when
 *      documented: README "Migrating from agora-token", docs/SPEC.md 2.9), counted by error;
 *   C  our drop-in AccessToken2 answers or reads differently from the official class (Cd: only
 *      because the payload inflates past MAX_PAYLOAD_BYTES, a documented difference);
 *   D  diagnoseToken says SIGNATURE_VALID where verifyToken does not answer true.
 * Exit code 1 on any A, C or D (B and Cd are documented). Cases are a pure function of (seed, index).
 */

import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { adler32, be32, bytes, sign007 as sign, u16, u32 } from '../test/helpers/token-bytes.mjs';
import { hex32, outcomes, parseArgs, rngFor, spell, tallyCases } from './lib/acceptance.mjs';

const require = createRequire(import.meta.url);
const official = require('agora-token/src/AccessToken2');
const syncLib = require('../dist/sync.cjs');
const asyncLib = require('../dist/index.cjs');

// ---------------------------------------------------------------- payload pieces

const INTS = [0, 1, 2, 255, 65535, 0x7fffffff, 0x80000000, 0xffffffff, 1_700_000_000];
const int32 = (r) => (r.chance(0.5) ? r.pick(INTS) : (r.next() * 2 ** 32) >>> 0);

function appIdBytes(r) {
  if (r.chance(0.8)) return Buffer.from(hex32(r));
  const id = hex32(r);
  return r.pick([
    () => Buffer.alloc(0),
    () => Buffer.from(id.slice(1)),
    () => Buffer.from(`${id}0`),
    () => Buffer.from(id + id),
    () => Buffer.from(`g${id.slice(1)}`),
    () => Buffer.from(`${id.slice(0, 31)}\n`),
    () => Buffer.from(`${id.slice(0, 31)}\0`),
    () => Buffer.from(`${id.slice(0, 30)}é`),
    () => Buffer.concat([Buffer.from(id.slice(0, 31)), Buffer.from([0xff])]),
    () => Buffer.from(` ${id.slice(1)}`),
    () => Buffer.from('０'.repeat(32)),
    () => Buffer.from(id.replace(/[a-fA-F]/g, 'x')),
  ])();
}

function oddString(r) {
  return r.pick([
    () => Buffer.alloc(0),
    () => Buffer.from('room'),
    () => Buffer.from(String(r.int(2 ** 32))),
    () => Buffer.from('a'.repeat(1 + r.int(4000))),
    () => Buffer.from('b'.repeat(r.chance(0.1) ? 33_000 + r.int(32_000) : 1 + r.int(200))),
    () => r.bytes(1 + r.int(40)),
    () => Buffer.from([0xff]),
    () => Buffer.from([0xc0, 0x80]),
    () => Buffer.from([0xed, 0xa0, 0x80]),
    () => Buffer.from([0x61, 0x80, 0x62]),
    () => Buffer.from([0xe2, 0x82]),
    () => Buffer.from('a\0b'),
    () => Buffer.from('\0'),
    () => Buffer.from('日本語🎉'),
    () => Buffer.from('\ufeffbom'),
    () => Buffer.from('*'),
    () => Buffer.from(hex32(r)),
  ])();
}

const PRIV_KEYS = [0, 1, 2, 3, 4, 5, 255, 65535];

function privileges(r) {
  const n = r.pick([0, 0, 1, 1, 2, 3, 4, 6]);
  const entries = Array.from({ length: n }, () => [r.pick(PRIV_KEYS), int32(r)]);
  if (r.chance(0.5)) entries.sort((a, b) => a[0] - b[0]);
  let count = entries.length;
  if (r.chance(0.03)) count += 1 + r.int(3); // claims more than it holds
  return Buffer.concat([u16(count), ...entries.map(([k, v]) => Buffer.concat([u16(k), u32(v)]))]);
}

function rtm2Tree(r) {
  const types = r.pick([0, 0, 1, 2, 3]);
  const parts = [u16(r.chance(0.03) ? types + 1 : types)];
  for (let i = 0; i < types; i++) {
    const perms = r.pick([0, 1, 2, 3]);
    parts.push(u16(r.pick([0, 1, 2, 3, 4, 9, 65535])), u16(perms));
    for (let j = 0; j < perms; j++) {
      const names = r.pick([0, 1, 2, 3]);
      parts.push(u16(r.pick([0, 1, 2, 65535])), u16(names));
      for (let k = 0; k < names; k++) parts.push(bytes(oddString(r)));
    }
  }
  return Buffer.concat(parts);
}

const KNOWN = [1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10];
const UNKNOWN = [0, 11, 12, 255, 0x8000, 65535];

function service(r) {
  const type = r.chance(0.92) ? r.pick(KNOWN) : r.pick(UNKNOWN);
  const head = Buffer.concat([u16(type)]);
  if (UNKNOWN.includes(type)) return { type, bytes: Buffer.concat([head, r.bytes(r.int(20))]) };
  const s = () => bytes(oddString(r));
  const fields = {
    1: () => [s(), s()],
    2: () => [s()],
    3: () => [s(), s()],
    4: () => [],
    5: () => [s()],
    6: () => [s(), s()],
    7: () => [s(), s(), u16(r.int(65536))],
    8: () => [s(), rtm2Tree(r)],
    9: () => [],
    10: () => [],
  }[type]();
  return { type, bytes: Buffer.concat([head, privileges(r), ...fields]) };
}

/** signingInfo plus how it was shaped. */
function signingInfo(r) {
  const appId = appIdBytes(r);
  const issueTs = int32(r);
  const expire = int32(r);
  const salt = int32(r);
  const services = Array.from({ length: r.pick([0, 1, 1, 1, 2, 2, 3, 4, 5]) }, () => service(r));
  if (r.chance(0.1) && services.length > 0) services.push({ ...services[r.int(services.length)] }); // duplicate
  let count = services.length;
  if (r.chance(0.04)) count = r.pick([count + 1, Math.max(0, count - 1), 65535]);
  let info = Buffer.concat([bytes(appId), u32(issueTs), u32(expire), u32(salt), u16(count), ...services.map((x) => x.bytes)]);
  const shape = { appId: appId.length === 32 && /^[0-9a-fA-F]{32}$/.test(appId.toString('latin1')) ? 'hex32' : 'odd', count, types: services.map((x) => x.type) };
  if (r.chance(0.08)) {
    info = Buffer.concat([info, r.bytes(1 + r.int(8))]);
    shape.trailing = true;
  }
  if (r.chance(0.03)) {
    info = info.subarray(0, r.int(info.length));
    shape.cut = true;
  }
  return { info, issueTs, salt, shape };
}

// ---------------------------------------------------------------- signing

function signature(r, certA, { info, issueTs, salt }) {
  const good = sign(certA, issueTs, salt, info);
  const mode = r.next();
  if (mode < 0.85) return { sig: good, how: 'good' };
  if (mode < 0.88) return { sig: sign(certA.toLowerCase(), issueTs, salt, info), how: 'lower-case cert' };
  if (mode < 0.91) return { sig: good.subarray(0, r.pick([0, 1, 16, 31])), how: 'short' };
  if (mode < 0.94) return { sig: Buffer.concat([good, r.bytes(1 + r.int(3))]), how: 'long' };
  if (mode < 0.97) return { sig: r.bytes(32), how: 'random' };
  return { sig: sign(certA, (issueTs + 1) >>> 0, salt, info), how: 'other issueTs' };
}

// ---------------------------------------------------------------- zlib

/** A zlib header with this CINFO / FLEVEL / FDICT and a valid FCHECK. */
function header(cinfo, flevel = 2, fdict = 0) {
  const cmf = (cinfo << 4) | 8;
  let flg = (flevel << 6) | (fdict << 5);
  flg += 31 - (((cmf << 8) | flg) % 31);
  if (flg % 31 === 0 && ((cmf << 8) | (flg - 31)) % 31 === 0) flg -= 31;
  return Buffer.from([cmf, flg & 255]);
}

/** Stored blocks of the given sizes (0 allowed), the last one final. */
function storedBlocks(r, content) {
  const out = [];
  let at = 0;
  do {
    const n = Math.min(content.length - at, r.pick([0, 1, 7, 100, 4096, 65535]));
    const last = at + n >= content.length && r.chance(0.7);
    out.push(Buffer.from([last ? 1 : 0]), Buffer.from([n & 255, n >>> 8, ~n & 255, (~n >>> 8) & 255]), content.subarray(at, at + n));
    at += n;
    if (last) break;
  } while (true);
  return Buffer.concat(out);
}

/** Literal-only fixed-Huffman deflate (one final block). */
function fixedLiterals(content) {
  const bits = [];
  const put = (v, n) => {
    for (let i = 0; i < n; i++) bits.push((v >>> i) & 1);
  };
  const putCode = (code, n) => {
    for (let i = n - 1; i >= 0; i--) bits.push((code >>> i) & 1);
  };
  put(1, 1);
  put(1, 2);
  for (const c of content) {
    if (c < 144) putCode(0x30 + c, 8);
    else putCode(0x190 + c - 144, 9);
  }
  putCode(0, 7); // end of block
  const out = Buffer.alloc(Math.ceil(bits.length / 8));
  bits.forEach((b, i) => (out[i >> 3] |= b << (i & 7)));
  return out;
}

/** Raw deflate of content in several independently compressed, byte-aligned pieces. */
function syncFlushed(r, content) {
  const parts = [];
  let at = 0;
  while (at < content.length || parts.length === 0) {
    const n = r.pick([1, 10, 50, 500]);
    const piece = content.subarray(at, at + n);
    at += n;
    const last = at >= content.length;
    parts.push(zlib.deflateRawSync(piece, { level: r.int(10), finishFlush: last ? zlib.constants.Z_FINISH : r.pick([zlib.constants.Z_SYNC_FLUSH, zlib.constants.Z_FULL_FLUSH]) }));
  }
  return Buffer.concat(parts);
}

const STRATEGIES = [zlib.constants.Z_DEFAULT_STRATEGY, zlib.constants.Z_FILTERED, zlib.constants.Z_HUFFMAN_ONLY, zlib.constants.Z_RLE, zlib.constants.Z_FIXED];

/** A zlib stream of content (valid or not: the verdicts are compared, not assumed). */
function compress(r, content) {
  const mode = r.next();
  if (mode < 0.55) return { z: zlib.deflateSync(content), how: 'default' };
  if (mode < 0.7) {
    const level = r.int(10);
    return { z: zlib.deflateSync(content, { level, strategy: r.pick(STRATEGIES), memLevel: 1 + r.int(9), windowBits: r.pick([9, 10, 12, 15]) }), how: `level ${level}` };
  }
  const wrap = (raw, cinfo = 7) => Buffer.concat([header(cinfo, r.int(4)), raw, be32(adler32(content))]);
  if (mode < 0.75) return { z: wrap(storedBlocks(r, content)), how: 'stored blocks' };
  if (mode < 0.79) return { z: wrap(fixedLiterals(content)), how: 'fixed literals' };
  if (mode < 0.84) return { z: wrap(syncFlushed(r, content)), how: 'several blocks' };
  if (mode < 0.88) {
    const cinfo = r.int(8);
    return { z: wrap(zlib.deflateRawSync(content, { level: 9 }), cinfo), how: `CINFO ${cinfo} over a 32K-window stream` };
  }
  const z = zlib.deflateSync(content, { level: r.int(10) });
  return r.pick([
    () => ({ z: Buffer.concat([z, r.bytes(1 + r.int(5))]), how: 'trailing bytes' }),
    () => ({ z: Buffer.concat([z, z]), how: 'stream twice' }),
    () => ({ z: Buffer.concat([z, Buffer.from('\n')]), how: 'trailing newline byte' }),
    () => {
      const bad = Buffer.from(z);
      bad[bad.length - 1 - r.int(4)] ^= 1 << r.int(8);
      return { z: bad, how: 'bad adler32' };
    },
    () => ({ z: z.subarray(0, z.length - 1 - r.int(4)), how: 'truncated trailer' }),
    () => ({ z: Buffer.concat([header(7, 2, 1), u32(r.int(2 ** 32)), z.subarray(2)]), how: 'FDICT' }),
    () => ({ z: zlib.deflateRawSync(content), how: 'raw deflate' }),
    () => ({ z: zlib.gzipSync(content), how: 'gzip' }),
    () => {
      const bad = Buffer.from(z);
      bad[2 + r.int(bad.length - 6)] ^= 1 << r.int(8);
      return { z: bad, how: 'bit flip in data' };
    },
  ])();
}

// ---------------------------------------------------------------- base64

/** The spellings a 007 token's base64 gets here, in this order (the order fixes each seed's cases). */
const SPELT = ['URL-safe', 'unpadded', 'base64url', 'line breaks', 'trailing newline', 'trailing space', 'leading space', 'trailing quote', 'junk after', 'one pad', 'inner space', 'plus as space'];

// ---------------------------------------------------------------- one case

const CERT_A = 'b3a9F1c07d2E4f5a8B6c9d0e1F2a3b4C';
const CERT_B = '5CFd2fd1755d40ecb72977518be15d3b';
// The certificate each token is verified with: the signing one, another, and the signing one in
// lower case (the certificate is signed as text, so only a 'lower-case cert' token verifies with it).
const CERTS = { A: CERT_A, B: CERT_B, a: CERT_A.toLowerCase() };

export function makeCase(seed, index) {
  const r = rngFor(seed, index);
  const si = signingInfo(r);
  const sig = signature(r, CERT_A, si);
  const content = Buffer.concat([bytes(sig.sig), si.info]);
  const z = compress(r, content);
  const b = spell(r, z.z, 0.8, SPELT);
  return { token: `007${b.text}`, how: { ...si.shape, sig: sig.how, zlib: z.how, base64: b.how } };
}

// ---------------------------------------------------------------- verdicts

/** An error as its code and rule: numbers and the string field's name left out, so like errors count together. */
function failure(e) {
  if (!syncLib.isAgoraTokenError(e)) return { ok: false, code: `THROWN ${e?.constructor?.name}: ${e?.message}` };
  const rule = e.message.replace(/token field [\w.]+: not valid UTF-8/, 'a string field: not valid UTF-8').replace(/\d+/g, 'N');
  return { ok: false, code: e.code, field: /not valid UTF-8/.test(rule) ? 'string' : e.field, rule };
}
const { outcome, outcomeAsync } = outcomes(failure);

const text = (b) => (Buffer.isBuffer(b) ? b.toString('utf8') : String(b ?? ''));
const FIELDS = ['__channel_name', '__uid', '__account', '__user_id', '__room_uuid', '__user_uuid'];

/** A read AccessToken2 (either library) as comparable plain data. */
function plain(t) {
  return {
    appId: text(t.appId),
    issueTs: t.issueTs,
    expire: t.expire,
    salt: t.salt,
    services: t.services.map((s) => {
      const o = { type: s.__type, privileges: Object.entries(s.__privileges).map(([k, v]) => [Number(k), Number(v)]) };
      for (const f of FIELDS) if (f in s) o[f] = text(s[f]);
      if ('__role' in s) o.role = s.__role & 0xffff; // the official parser reads the i16 unsigned (SPEC Q4)
      if ('__permissions' in s) o.permissions = JSON.stringify(s.__permissions.details);
      return o;
    }),
  };
}

const hasValid = (findings) => findings.some((f) => f.code === 'SIGNATURE_VALID');

export async function compare(token) {
  const off = new official.AccessToken2();
  const offParsed = off.from_string(token);
  const offPlain = offParsed ? plain(off) : undefined;
  const each = (f) => Object.fromEntries(Object.entries(CERTS).map(([k, cert]) => [k, f(cert)]));
  const eachAsync = async (f) => Object.fromEntries(await Promise.all(Object.entries(CERTS).map(async ([k, cert]) => [k, await f(cert)])));
  const offVerify = each((cert) => offParsed && off.verifySignature(cert));

  const decode = outcome(() => syncLib.decodeToken(token));
  const decodeAsync = outcome(() => asyncLib.decodeToken(token));
  const inspect = outcome(() => syncLib.inspectToken(token));
  const verify = each((cert) => outcome(() => syncLib.verifyToken(token, cert)));
  const verifyAsync = await eachAsync((cert) => outcomeAsync(() => asyncLib.verifyToken(token, cert)));

  const ours = new syncLib.AccessToken2();
  const oursParsed = outcome(() => ours.from_string(token));
  const oursPlain = oursParsed.value === true ? plain(ours) : undefined;
  const oursVerify = each((cert) => outcome(() => ours.verifySignature(cert)));
  const oursA = new asyncLib.AccessToken2();
  const oursAParsed = outcome(() => oursA.from_string(token));
  const oursAVerify = await eachAsync((cert) => outcomeAsync(() => oursA.verifySignature(cert)));

  const diag = outcome(() => syncLib.diagnoseToken(token, { appCertificate: CERT_A }));
  const diagAsync = await outcomeAsync(() => asyncLib.diagnoseToken(token, { appCertificate: CERT_A }));

  const found = [];
  const add = (cls, what) => found.push(`${cls}: ${what}`);
  const show = (o) => (o.ok ? JSON.stringify(o.value) : `${o.code}${o.field ? `/${o.field}` : ''}`);
  const why = (o) => (o.ok ? JSON.stringify(o.value) : `${o.code} (${o.rule})`);

  // A: official refuses, strict reader accepts.
  if (!offParsed && decode.ok) add('A', 'official from_string false, decodeToken reads it');
  for (const c of Object.keys(CERTS)) {
    if (!offVerify[c] && verify[c].ok && verify[c].value === true) add('A', `official verify false, verifyToken(cert ${c}) true`);
    if (!offVerify[c] && verifyAsync[c].ok && verifyAsync[c].value === true) add('A', `official verify false, async verifyToken(cert ${c}) true`);
  }
  // B: official accepts, strict reader throws.
  // (The async entry is compared with the sync one below, so B lines name the sync verdict.)
  if (offParsed && !decode.ok) add('B', `official parses, decodeToken ${why(decode)}`);
  for (const c of Object.keys(CERTS)) {
    if (offVerify[c] && !(verify[c].ok && verify[c].value === true)) add('B', `official verify true, verifyToken(cert ${c}) ${why(verify[c])}`);
  }
  // Z: the inflaters themselves, where the text is base64 both read alike: node:zlib refuses a
  // stream ours inflates (our error, if any, is then not the inflater's), or the reverse.
  if (/^[A-Za-z0-9+/]*={0,2}$/.test(token.slice(3)) && token.length % 4 === 3) {
    let node = true;
    try {
      zlib.inflateSync(Buffer.from(token.slice(3), 'base64'));
    } catch {
      node = false;
    }
    const oursInflated = decode.ok || !/^token: (payload|N characters)/.test(decode.rule);
    if (!node && oursInflated) add('Z', `node:zlib refuses the stream, ours inflates it (decodeToken ${show(decode)})`);
    if (node && !oursInflated && !/characters, over/.test(decode.rule)) add('Zb', `node:zlib inflates the stream, ours refuses it: ${why(decode)}`);
  }
  // Entries and readers that must agree with each other.
  if (show(decode) !== show(decodeAsync) && !(decode.ok && decodeAsync.ok)) add('X', `decodeToken sync ${show(decode)} vs async ${show(decodeAsync)}`);
  if (decode.ok !== inspect.ok || (!decode.ok && show(decode) !== show(inspect))) add('X', `decodeToken ${show(decode)} vs inspectToken ${show(inspect)}`);
  for (const c of Object.keys(CERTS)) if (show(verify[c]) !== show(verifyAsync[c])) add('X', `verifyToken(cert ${c}) sync ${show(verify[c])} vs async ${show(verifyAsync[c])}`);
  // C: drop-in class. What the official class inflated, when it is over our 32 KiB cap, is named.
  let officialSize = 0;
  try {
    officialSize = zlib.inflateSync(Buffer.from(token.slice(3), 'base64')).length;
  } catch {}
  const big = officialSize > syncLib.MAX_PAYLOAD_BYTES ? ' (payload over MAX_PAYLOAD_BYTES)' : '';
  // A payload over the cap is a documented difference (README "Migrating from agora-token": the
  // decoders' bound against zlib bombs applies to from_string too): class Cd, not C.
  const drop = big ? 'Cd' : 'C';
  if (!oursParsed.ok || oursParsed.value !== offParsed) add(drop, `from_string official ${offParsed}, ours ${show(oursParsed)}${big || ` (decodeToken: ${why(decode)})`}`);
  else if (offParsed && JSON.stringify(oursPlain) !== JSON.stringify(offPlain)) add('C', 'from_string reads other fields');
  if (!oursAParsed.ok || oursAParsed.value !== offParsed) add(drop, `from_string (main entry) official ${offParsed}, ours ${show(oursAParsed)}${big}`);
  for (const c of Object.keys(CERTS)) {
    if (!oursVerify[c].ok || oursVerify[c].value !== offVerify[c]) add(drop, `verifySignature(cert ${c}) official ${offVerify[c]}, ours ${show(oursVerify[c])}${big}`);
    if (!oursAVerify[c].ok || oursAVerify[c].value !== offVerify[c]) add(drop, `verifySignature(cert ${c}) (main entry) official ${offVerify[c]}, ours ${show(oursAVerify[c])}${big}`);
  }
  // D: diagnose claims a valid signature that verifyToken does not answer true for.
  const verified = verify.A.ok && verify.A.value === true;
  if (!diag.ok) add('X', `diagnoseToken threw ${show(diag)}`);
  else if (hasValid(diag.value) && !verified) add('D', `diagnose SIGNATURE_VALID, verifyToken ${show(verify.A)}`);
  else if (!hasValid(diag.value) && verified) add('X', 'verifyToken true, diagnose not SIGNATURE_VALID');
  if (!diagAsync.ok) add('X', `async diagnoseToken threw ${show(diagAsync)}`);
  else if (hasValid(diagAsync.value) && !verified) add('D', `async diagnose SIGNATURE_VALID, verifyToken ${show(verify.A)}`);

  return { found, offParsed, offVerify, decode, verify };
}

// ---------------------------------------------------------------- run

async function main() {
  const o = parseArgs(process.argv.slice(2), 100_000);
  if (o.case !== undefined) {
    const c = makeCase(o.seed, o.case);
    console.log(JSON.stringify({ ...c, result: await compare(c.token) }, null, 2));
    return;
  }
  const verdicts = { officialParsed: 0, officialVerifiedA: 0, oursVerifiedA: 0 };
  const perClass = await tallyCases(o, async (i) => {
    const c = makeCase(o.seed, i);
    const res = await compare(c.token);
    verdicts.officialParsed += res.offParsed ? 1 : 0;
    verdicts.officialVerifiedA += res.offVerify.A ? 1 : 0;
    verdicts.oursVerifiedA += res.verify.A.ok && res.verify.A.value === true ? 1 : 0;
    return { how: c.how, found: res.found };
  }, {
    title: 'acceptance differential',
    progressEvery: 20000,
    summary: () => `official: parsed ${verdicts.officialParsed}, verified with the signing certificate ${verdicts.officialVerifiedA}; ours verified ${verdicts.oursVerifiedA}`,
  });
  if (Object.keys(perClass).some((k) => k !== 'B' && k !== 'Zb' && k !== 'Cd')) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
