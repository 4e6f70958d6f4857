/**
 * Jazzer.js target: the 007 payload parser behind a valid zlib layer, and rule 3(b).
 *
 * Input: byte 0 = deflate level (low nibble % 10) and strategy (bits 4-5: default, filtered,
 * huffman-only, RLE, so stored, fixed and dynamic blocks all occur); byte 1 = shape
 * (0-247: payload = the rest; 248-255: the rest repeated to a length from bytes 2-3 read as
 * 32768 - 64 .. 32768 + 64 + ..., to hit MAX_PAYLOAD_BYTES exactly). The token is
 * "007" + base64(node:zlib deflateSync(payload)). Checks every rule in common.cjs, and:
 * decodeToken/verifyToken never fail with ERR_TOKEN_ZLIB or ERR_TOKEN_BASE64 (node's stream is
 * valid); ERR_TOKEN_TOO_LARGE exactly when payload > MAX_PAYLOAD_BYTES (or the token string >
 * MAX_TOKEN_LENGTH); otherwise only payload-format codes (TRUNCATED, MALFORMED, TRAILING_BYTES,
 * VERSION, UNSUPPORTED). A successful decode must equal decoding the same payload deflated at
 * level 6 (compressor independence).
 *
 *   LD_PRELOAD=/tmp/jazzer-ios-shim.so npx jazzer scripts/fuzz-coverage/payload-007.cjs \
 *     /tmp/fz-corpus/payload-007 -i dist/ -- -max_total_time=300 -max_len=4096
 * (setup as in token-string.cjs)
 */
'use strict';
const zlib = require('node:zlib');
const { checkToken, sampler, sync, RuleViolation } = require('./common.cjs');

const asyncTurn = sampler(16);
const STRATEGIES = [zlib.constants.Z_DEFAULT_STRATEGY, zlib.constants.Z_FILTERED, zlib.constants.Z_HUFFMAN_ONLY, zlib.constants.Z_RLE];
const PAYLOAD_CODES = new Set(['ERR_TOKEN_TRUNCATED', 'ERR_TOKEN_MALFORMED', 'ERR_TOKEN_TRAILING_BYTES', 'ERR_TOKEN_VERSION', 'ERR_TOKEN_UNSUPPORTED']);

function build(data) {
  const level = (data[0] ?? 6) & 15;
  const strategy = STRATEGIES[((data[0] ?? 0) >> 4) & 3];
  const shape = data[1] ?? 0;
  let payload = data.subarray(2);
  if (shape >= 248 && payload.length > 2) {
    const len = 32_768 - 64 + (payload.readUInt16LE(0) % 192);
    const unit = payload.subarray(2).length ? payload.subarray(2) : Buffer.from([0]);
    payload = Buffer.alloc(len);
    for (let i = 0; i < len; i += unit.length) unit.copy(payload, i);
  }
  const z = zlib.deflateSync(payload, { level: level % 10, strategy });
  return { payload, token: `007${z.toString('base64')}` };
}

module.exports.fuzz = function fuzz(data) {
  const { payload, token } = build(data);
  const r = checkToken(token, payload, asyncTurn());
  const finish = ({ decode }) => {
    const tooLong = token.length > sync.MAX_TOKEN_LENGTH;
    const tooBig = payload.length > sync.MAX_PAYLOAD_BYTES;
    if (decode.ok) {
      if (tooLong || tooBig) throw new RuleViolation(`decoded a ${payload.length}-byte payload / ${token.length}-char token over the limits`);
      const canon = `007${zlib.deflateSync(payload).toString('base64')}`;
      let again;
      try { again = sync.decodeToken(canon); } catch (e) { throw new RuleViolation(`level-6 deflate of an accepted payload fails: ${e.code}`); }
      const strip = (d) => JSON.stringify(d);
      if (strip(again) !== strip(decode.value)) throw new RuleViolation('decoding depends on the compressor');
      return;
    }
    const code = decode.error.code;
    if (tooLong || tooBig) {
      if (code !== 'ERR_TOKEN_TOO_LARGE') throw new RuleViolation(`oversize payload (${payload.length} bytes, ${token.length} chars) gave ${code}, not ERR_TOKEN_TOO_LARGE`);
      return;
    }
    if (!PAYLOAD_CODES.has(code)) throw new RuleViolation(`valid zlib stream of a ${payload.length}-byte payload rejected with ${code}: ${decode.error.message}`);
  };
  return r instanceof Promise ? r.then(finish) : finish(r);
};
module.exports.build = build;
