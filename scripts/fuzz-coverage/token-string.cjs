/**
 * Jazzer.js target: arbitrary text as a token, through every decoder of the built package.
 *
 * Input: byte 0 picks how the rest becomes a string — 0: latin1, 1: UTF-8, 2: "007" + latin1,
 * 3: "006" + latin1, 4: latin1 repeated to ~49 KiB (around MAX_TOKEN_LENGTH). Checks every rule
 * in common.cjs (typed errors only, < 100 ms, no certificate in any output, deterministic, entries
 * agree; the async main entry on every 16th input).
 *
 *   npm run build && npm i --no-save @jazzer.js/core@4
 *   node scripts/fuzz-coverage/patch-jazzer-glibc.mjs      # only on glibc < 2.38 (Debian 12)
 *   node scripts/fuzz-coverage/seeds.cjs /tmp/fz-corpus     # seed corpora from vectors/
 *   LD_PRELOAD=/tmp/jazzer-ios-shim.so npx jazzer scripts/fuzz-coverage/token-string.cjs \
 *     /tmp/fz-corpus/token-string -i dist/ -- -max_total_time=300 -max_len=4096
 */
'use strict';
const { checkToken, sampler } = require('./common.cjs');

const asyncTurn = sampler(16);
const MODES = 5;

function tokenOf(data) {
  if (data.length === 0) return '';
  const rest = data.subarray(1);
  switch (data[0] % MODES) {
    case 0: return rest.toString('latin1');
    case 1: return rest.toString('utf8');
    case 2: return `007${rest.toString('latin1')}`;
    case 3: return `006${rest.toString('latin1')}`;
    default: {
      const s = rest.toString('latin1') || 'A';
      return s.repeat(Math.ceil(49_150 / s.length)).slice(0, 49_140 + (rest[0] ?? 0) % 24);
    }
  }
}

module.exports.fuzz = function fuzz(data) {
  return checkToken(tokenOf(data), undefined, asyncTurn());
};
module.exports.tokenOf = tokenOf;
