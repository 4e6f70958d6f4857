/**
 * Jazzer.js target: straight differential of our inflater (src/core/inflate) against node:zlib.
 *
 * dist/ does not export the inflater, so this target bundles src/core/inflate/index.ts with
 * esbuild (a devDependency) into /tmp/agora-fuzz-inflate/inflate.cjs when it loads, and Jazzer
 * instruments that file (-i agora-fuzz-inflate/).
 *
 * Input: byte 0 = mode (bit 0: wrap the rest as in stream-007.cjs — valid header + the prefix
 * node's raw inflater consumes + Adler-32 — else raw bytes; bits 1-2: header choice; bits 4-7:
 * maxOutput = [1<<20, 32768, 0, 1, 100, 1000, 4095, 4096, 32767, 65536, ...][bits]).
 * Checks, against zlib.inflateSync / inflateRawSync:
 *   - inflateZlib / inflateRaw throw only AgoraTokenError (ERR_TOKEN_ZLIB, ERR_TOKEN_TRUNCATED,
 *     ERR_TOKEN_TOO_LARGE), deterministically, in < 100 ms;
 *   - node accepts, nothing after the trailer, output <= maxOutput => same bytes (for CINFO < 7
 *     we may reject a far distance: then with the header set to CINFO 7 the bytes must match);
 *   - node accepts but output > maxOutput => ERR_TOKEN_TOO_LARGE;
 *   - node accepts with bytes after the trailer => ERR_TOKEN_ZLIB (or TOO_LARGE), and the
 *     stream without them inflates to node's bytes;
 *   - node rejects => we reject;
 *   - inflateRaw(rest): same bytes as inflateRawSync when node succeeds within maxOutput; rejects
 *     when node rejects.
 *
 *   LD_PRELOAD=/tmp/jazzer-ios-shim.so npx jazzer scripts/fuzz-coverage/inflate-direct.cjs \
 *     /tmp/fz-corpus/inflate-direct -i agora-fuzz-inflate/ -- -max_total_time=300 -max_len=4096
 * (setup as in token-string.cjs)
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { build: wrap } = require('./stream-007.cjs');

const OUT = '/tmp/agora-fuzz-inflate/inflate.cjs';
require('esbuild').buildSync({
  entryPoints: [path.resolve(__dirname, '../../src/core/inflate/index.ts')],
  bundle: true, format: 'cjs', platform: 'neutral', target: 'es2022', outfile: OUT, logLevel: 'error',
});
const inf = require(OUT);
// The same bundle outside the instrumented directory: slow calls are re-timed there (see common.cjs).
const PLAIN = `/tmp/agora-fuzz-plain-inflate-${process.pid}.cjs`;
fs.copyFileSync(OUT, PLAIN);
const plainInf = require(PLAIN);
process.on('exit', () => fs.rmSync(PLAIN, { force: true }));
const MAXES = [1 << 20, 32_768, 0, 1, 100, 1000, 4095, 4096, 32_767, 65_536, 2, 31, 258, 259, 16_384, 1 << 20];
const CODES = new Set(['ERR_TOKEN_ZLIB', 'ERR_TOKEN_TRUNCATED', 'ERR_TOKEN_TOO_LARGE']);

class RuleViolation extends Error {}

function ours(call) {
  const fn = () => call(inf);
  const t0 = performance.now();
  let r;
  try {
    r = { ok: true, out: Buffer.from(fn()) };
  } catch (e) {
    if (!e || e.name !== 'AgoraTokenError' || typeof e.code !== 'string') throw new RuleViolation(`non-AgoraTokenError ${e && e.constructor && e.constructor.name}: ${String(e && e.message).slice(0, 300)}`);
    if (!CODES.has(e.code)) throw new RuleViolation(`unexpected code ${e.code}`);
    r = { ok: false, code: e.code, message: e.message };
  }
  const ms = performance.now() - t0;
  if (ms >= 100) {
    for (let i = 0; i < 3; i++) {
      const t1 = performance.now();
      try { call(plainInf); } catch { /* timed only */ }
      if (performance.now() - t1 < 100) return r;
    }
    throw new RuleViolation(`inflate took >= 100 ms uninstrumented (${ms.toFixed(1)} ms instrumented)`);
  }
  return r;
}

function nodeInflate(z, raw) {
  try {
    const r = (raw ? zlib.inflateRawSync : zlib.inflateSync)(z, { info: true, maxOutputLength: 8 << 20 });
    return { ok: true, out: r.buffer, used: r.engine.bytesWritten };
  } catch (e) {
    return { ok: false, why: e.code };
  }
}

const text = (r) => (r.ok ? `ok:${r.out.toString('hex')}` : `E:${r.code}:${r.message}`);

module.exports.fuzz = function fuzz(data) {
  const mode = data[0] ?? 0;
  const maxOutput = MAXES[mode >> 4];
  const z = mode & 1 ? wrap(data) : data.subarray(1);
  const a = ours((m) => m.inflateZlib(z, maxOutput));
  if (text(a) !== text(ours((m) => m.inflateZlib(z, maxOutput)))) throw new RuleViolation('inflateZlib not deterministic');
  const n = nodeInflate(z, false);
  const smallWindow = z.length >= 1 && z[0] >> 4 < 7;
  if (a.ok) {
    if (!n.ok) throw new RuleViolation(`we inflate a stream node rejects (${n.why})`);
    if (n.used !== z.length) throw new RuleViolation(`we accept ${z.length - n.used} byte(s) after the trailer`);
    if (!a.out.equals(n.out)) throw new RuleViolation('output differs from node:zlib');
    if (a.out.length > maxOutput) throw new RuleViolation('output over maxOutput');
  } else if (n.ok) {
    const trailing = n.used !== z.length;
    const tooBig = n.out.length > maxOutput;
    if (tooBig) {
      if (a.code !== 'ERR_TOKEN_TOO_LARGE' && !(smallWindow && a.code === 'ERR_TOKEN_ZLIB') && !(trailing && a.code === 'ERR_TOKEN_ZLIB')) throw new RuleViolation(`node inflates ${n.out.length} > ${maxOutput} bytes, we say ${a.code}: ${a.message}`);
    } else if (trailing) {
      if (a.code !== 'ERR_TOKEN_ZLIB') throw new RuleViolation(`trailing bytes gave ${a.code}`);
      const b = ours((m) => m.inflateZlib(z.subarray(0, n.used), maxOutput));
      if (!(b.ok && b.out.equals(n.out)) && !(smallWindow && !b.ok && b.code === 'ERR_TOKEN_ZLIB')) throw new RuleViolation(`without the trailing bytes: ${text(b).slice(0, 120)} vs node ${n.out.length} bytes`);
    } else if (smallWindow && a.code === 'ERR_TOKEN_ZLIB') {
      const big = Buffer.from(z);
      big[0] = 0x78;
      big[1] = (big[1] & 0xe0) + (31 - (((0x78 << 8) | (big[1] & 0xe0)) % 31)) % 31;
      const b = ours((m) => m.inflateZlib(big, maxOutput));
      if (!(b.ok && b.out.equals(n.out))) throw new RuleViolation(`CINFO 7 copy: ${text(b).slice(0, 120)} vs node ${n.out.length} bytes`);
    } else {
      throw new RuleViolation(`node accepts (${n.out.length} bytes), we say ${a.code}: ${a.message}`);
    }
  }
  // Raw deflate.
  const rawIn = data.subarray(1);
  const ra = ours((m) => m.inflateRaw(rawIn, maxOutput).output);
  const rn = nodeInflate(rawIn, true);
  if (ra.ok && !rn.ok) throw new RuleViolation(`inflateRaw accepts what inflateRawSync rejects (${rn.why})`);
  if (ra.ok && !ra.out.equals(rn.out)) throw new RuleViolation('inflateRaw output differs');
  if (!ra.ok && rn.ok && rn.out.length <= maxOutput) throw new RuleViolation(`inflateRawSync accepts (${rn.out.length} bytes), inflateRaw says ${ra.code}: ${ra.message}`);
  if (!ra.ok && rn.ok && ra.code !== 'ERR_TOKEN_TOO_LARGE') throw new RuleViolation(`inflateRawSync gives ${rn.out.length} > ${maxOutput} bytes, inflateRaw says ${ra.code}`);
};
