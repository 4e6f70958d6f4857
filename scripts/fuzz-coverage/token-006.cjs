/**
 * Jazzer.js target: the 006 (AccessToken) parsers of the built package.
 *
 * Input: byte 0 = mode — bits 0-1: App ID (0: the official vectors' App ID, 1: 32 chars taken from
 * the input as latin1, 2: upper-cased vectors' App ID, 3: 32 hex chars from the input's bytes);
 * bits 2-3: base64 spelling of the rest (standard, URL-safe, unpadded, unpadded URL-safe);
 * bits 4-6: a suffix ('', 'A', '\n', '"', ' ', '=', '==', '006'). The token is
 * "006" + appId + base64(rest) + suffix, through every rule in common.cjs (decodeToken,
 * verifyToken, inspect, diagnose on /sync and /legacy/sync, AccessToken.fromString, async main).
 *
 *   LD_PRELOAD=/tmp/jazzer-ios-shim.so npx jazzer scripts/fuzz-coverage/token-006.cjs \
 *     /tmp/fz-corpus/token-006 -i dist/ -- -max_total_time=300 -max_len=4096
 * (setup as in token-string.cjs)
 */
'use strict';
const { checkToken, sampler } = require('./common.cjs');

const asyncTurn = sampler(16);
const APP_ID = '970CA35de60c44645bbae8a215061b33';
const SUFFIXES = ['', 'A', '\n', '"', ' ', '=', '==', '006'];

function build(data) {
  const mode = data[0] ?? 0;
  let rest = data.subarray(1);
  let appId;
  switch (mode & 3) {
    case 0: appId = APP_ID; break;
    case 1: appId = rest.subarray(0, 32).toString('latin1'); rest = rest.subarray(32); break;
    case 2: appId = APP_ID.toUpperCase(); break;
    default: appId = rest.subarray(0, 16).toString('hex').padEnd(32, '0'); rest = rest.subarray(16);
  }
  let b64 = rest.toString('base64');
  const spelling = (mode >> 2) & 3;
  if (spelling & 1) b64 = b64.replace(/\+/g, '-').replace(/\//g, '_');
  if (spelling & 2) b64 = b64.replace(/=+$/, '');
  return { token: `006${appId}${b64}${SUFFIXES[(mode >> 4) & 7]}`, content: rest };
}

module.exports.fuzz = function fuzz(data) {
  const { token, content } = build(data);
  return checkToken(token, content, asyncTurn());
};
module.exports.build = build;
