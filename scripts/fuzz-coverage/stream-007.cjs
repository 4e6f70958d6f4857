/**
 * Jazzer.js target: our inflater, reached through decodeToken, against node:zlib (rule 3 a/c).
 *
 * Input: byte 0 picks the zlib bytes Z of the token "007" + base64(Z):
 *   even: Z = the rest, raw (arbitrary bytes, as an attacker sends them);
 *   odd:  Z = a valid zlib header (byte 0 bits 1-2 pick 78 01 / 78 5e / 78 9c / 78 da; bit 3 a
 *         CINFO < 7 header instead) + the prefix of the rest that node:zlib inflateRawSync
 *         consumes + the big-endian Adler-32 of node's output (so node accepts Z whole), or,
 *         when node rejects the rest, + 4 bytes of the rest.
 * Checks every rule in common.cjs, and against node:zlib inflateSync(Z):
 *   - decodeToken succeeds => node accepts Z, no bytes after the trailer, output <= MAX_PAYLOAD_BYTES;
 *   - node accepts Z with nothing after it, output <= MAX_PAYLOAD_BYTES, CINFO = 7 =>
 *     decodeToken's outcome equals decodeToken("007" + base64(deflateSync(node output))),
 *     i.e. the inflater adds no error of its own (no ERR_TOKEN_ZLIB / TOO_LARGE);
 *   - node accepts Z but the output is over MAX_PAYLOAD_BYTES => ERR_TOKEN_TOO_LARGE;
 *   - ERR_TOKEN_ZLIB only when node rejects Z, or Z has bytes after the trailer, or CINFO < 7
 *     (the two documented stricter cases).
 *
 *   LD_PRELOAD=/tmp/jazzer-ios-shim.so npx jazzer scripts/fuzz-coverage/stream-007.cjs \
 *     /tmp/fz-corpus/stream-007 -i dist/ -- -max_total_time=300 -max_len=4096
 * (setup as in token-string.cjs)
 */
'use strict';
const zlib = require('node:zlib');
const { checkToken, sampler, sync, RuleViolation, stable } = require('./common.cjs');

const asyncTurn = sampler(16);
const HEADERS = [[0x78, 0x01], [0x78, 0x5e], [0x78, 0x9c], [0x78, 0xda]];
const SMALL = [[0x08, 0x1d], [0x38, 0x85], [0x68, 0x81]]; // CINFO 0, 3, 6 (FCHECK valid)

function adler32(buf) {
  let a = 1, b = 0;
  for (const x of buf) { a = (a + x) % 65521; b = (b + a) % 65521; }
  return ((b << 16) | a) >>> 0;
}

function node(z) {
  try {
    const r = zlib.inflateSync(z, { info: true, maxOutputLength: 8 << 20 });
    return { ok: true, out: r.buffer, trailing: z.length - r.engine.bytesWritten };
  } catch (e) {
    return { ok: false, why: e.code };
  }
}

function build(data) {
  const mode = data[0] ?? 0;
  const rest = data.subarray(1);
  if ((mode & 1) === 0) return rest;
  const head = mode & 8 ? SMALL[(mode >> 1) % 3] : HEADERS[(mode >> 1) & 3];
  let body;
  try {
    const r = zlib.inflateRawSync(rest, { info: true, maxOutputLength: 8 << 20 });
    const trailer = Buffer.alloc(4);
    trailer.writeUInt32BE(adler32(r.buffer));
    body = Buffer.concat([rest.subarray(0, r.engine.bytesWritten), trailer]);
  } catch {
    body = rest;
  }
  return Buffer.concat([Buffer.from(head), body]);
}

const outcomeOf = (token) => {
  try { return `V:${stable(sync.decodeToken(token))}`; } catch (e) { return `E:${e.code}`; }
};

module.exports.fuzz = function fuzz(data) {
  const z = build(data);
  const token = `007${z.toString('base64')}`;
  const n = node(z);
  const r = checkToken(token, n.ok ? n.out : undefined, asyncTurn());
  const finish = ({ decode }) => {
    const smallWindow = z.length >= 1 && z[0] >> 4 < 7;
    const tooLong = token.length > sync.MAX_TOKEN_LENGTH;
    if (decode.ok) {
      if (!n.ok) throw new RuleViolation(`decodeToken accepted a stream node:zlib rejects (${n.why})`);
      if (n.trailing) throw new RuleViolation(`decodeToken accepted ${n.trailing} byte(s) after the zlib trailer`);
      if (n.out.length > sync.MAX_PAYLOAD_BYTES) throw new RuleViolation(`decodeToken accepted a ${n.out.length}-byte payload`);
      return;
    }
    const code = decode.error.code;
    if (tooLong) {
      if (code !== 'ERR_TOKEN_TOO_LARGE') throw new RuleViolation(`${token.length}-char token gave ${code}`);
      return;
    }
    if (n.ok && !n.trailing && n.out.length > sync.MAX_PAYLOAD_BYTES) {
      if (code !== 'ERR_TOKEN_TOO_LARGE' && !(smallWindow && code === 'ERR_TOKEN_ZLIB')) throw new RuleViolation(`node inflates ${n.out.length} bytes (> MAX_PAYLOAD_BYTES) but decodeToken gave ${code}`);
      return;
    }
    if (n.ok && !n.trailing && !smallWindow) {
      const canon = outcomeOf(`007${zlib.deflateSync(n.out).toString('base64')}`);
      const ours = `E:${code}`;
      if (canon !== ours) throw new RuleViolation(`node:zlib accepts the stream (${n.out.length} bytes out); decodeToken gave ${code}: ${decode.error.message}; the same payload re-deflated gives ${canon.slice(0, 200)}`);
      return;
    }
    if (code === 'ERR_TOKEN_ZLIB' && n.ok && !n.trailing && !smallWindow) throw new RuleViolation('ERR_TOKEN_ZLIB for a stream node accepts');
  };
  return r instanceof Promise ? r.then(finish) : finish(r);
};
module.exports.build = build;
