/**
 * @module bench/lib/goals — the goals of issue 7, evaluated on the numbers of one run.
 */

import { num, pct, ratio } from './format.mjs';
import { median } from './timing.mjs';

/** A case's row for the variant with `role` (its ratio is against its own round's official baseline), or undefined. */
function rowOf(results, caseId, role) {
  const r = results.find((c) => c.id === caseId);
  if (!r || r.skip) return undefined;
  return r.rows.find((x) => x.role === role);
}

/**
 * The verdict is the median ratio's (the issue asks for the ratio measured in the run); the
 * per-round ratios (each round samples the official package and ours back to back) are shown
 * next to it, with how many of them reached the target, so a verdict that noise could flip reads
 * as such.
 */
function ratioGoal(label, row, target) {
  const value = row?.vsOfficial;
  if (value === undefined) return { goal: label, target: `>= ${target}x`, measured: 'n/a', status: 'SKIP' };
  const rounds = row.roundRatios ?? [];
  const detail = rounds.length
    ? ` (rounds ${ratio(Math.min(...rounds))}-${ratio(Math.max(...rounds))}, ${rounds.filter((x) => x >= target).length}/${rounds.length} >= ${target}x)`
    : '';
  return { goal: label, target: `>= ${target}x`, measured: ratio(value) + detail, status: value >= target ? 'PASS' : 'FAIL' };
}

/** The per-round shares next to the median, as the ratio goals show their rounds. */
function ownRounds(rounds) {
  if (!rounds?.length) return '';
  return `; rounds ${pct(Math.min(...rounds))}-${pct(Math.max(...rounds))}, ${rounds.filter((x) => x >= 0 && x < 0.1).length}/${rounds.length} < 10%`;
}

// A negative share means the noise exceeded the effect: say so instead of passing.
function ownStatus(share) {
  if (!(share >= 0)) return 'NOISY (re-run)';
  return share < 0.1 ? 'PASS' : 'FAIL';
}

/** Two-sided sign test: is `wins` of `n` paired starts far enough from n/2 (p < 0.05)? */
function significant(wins, n) {
  const k = Math.max(wins, n - wins);
  let tail = 0;
  for (let i = k; i <= n; i++) {
    let c = 1;
    for (let j = 0; j < i; j++) c = (c * (n - j)) / (j + 1);
    tail += c / 2 ** n;
  }
  return 2 * tail < 0.05;
}

/** A cold-start verdict from the medians, marked as a tie when the paired starts do not decide it. */
function coldStatus(ours, official, wins, n) {
  const verdict = ours <= official ? 'PASS' : 'FAIL';
  return significant(wins, n) ? verdict : `${verdict} (tie: ${wins}/${n})`;
}

/**
 * @param {{ results: object[], webCrypto?: object, coldStart?: object, memory?: object, sanityProblems?: string[] }} run
 */
export function evaluateGoals({ results, webCrypto, coldStart, memory, sanityProblems = [] }) {
  const goals = [
    ratioGoal('/sync RTC uid build vs agora-token', rowOf(results, 'rtc', 'sync'), 5),
    ratioGoal('006 RTC build (/legacy/sync) vs agora-access-token', rowOf(results, '006', 'sync'), 2),
    ratioGoal('decodeToken vs official from_string', rowOf(results, 'decode', 'sync'), 5),
    ratioGoal('/sync verifyToken vs official from_string+verifySignature', rowOf(results, 'verify', 'sync'), 3),
  ];
  // A ratio of variants that do not do the same job is no result: the sanity check failed.
  if (sanityProblems.length) for (const g of goals) if (g.status !== 'SKIP') g.status = 'INVALID (sanity)';
  // The same builds and verifies without our k1 cache (cases.mjs): not goals, but the ratios a
  // server that builds less than a token a second, or verifies tokens of many issue seconds, sees.
  for (const [label, id, target] of [['(info) the RTC build, each in a new issue second', 'rtc-new-second', 5], ['(info) verifyToken, 64 tokens of different issue seconds', 'verify-many', 3]]) {
    const g = ratioGoal(label, rowOf(results, id, 'sync'), target);
    if (g.status !== 'SKIP') goals.push({ ...g, status: g.status === 'PASS' ? 'INFO (met)' : 'INFO (not met)' });
  }
  if (webCrypto && !webCrypto.skip) {
    goals.push({
      goal: 'main entry: Web Crypto calls per token once warm',
      target: '<= 4',
      measured: `${num(webCrypto.callsPerToken, 3)} avg (${webCrypto.warmCalls} in the warm sequence; ${webCrypto.freshSecondCalls} for a new issue second)`,
      status: webCrypto.warmCalls <= 4 && webCrypto.callsPerToken <= 4.05 ? 'PASS' : 'FAIL',
    });
    // The profile attribution is the verdict where it ran (Node): it measures our share directly,
    // where the CPU subtraction, shown after it, is a small difference of two noisy totals.
    const profiled = webCrypto.profile && !webCrypto.profile.skip ? webCrypto.profile.ownShares : undefined;
    const subtraction = webCrypto.ownShare === undefined
      ? `${pct(webCrypto.wallOwnShare)} (wall only: ${num(webCrypto.wallOwnUs, 1)} of ${num(webCrypto.buildUs, 1)} µs)`
      : `${pct(webCrypto.ownShare)} (${num(webCrypto.ownUs, 1)} µs CPU of ${num(webCrypto.buildUs, 1)} µs${ownRounds(webCrypto.ownShareRounds)})`;
    goals.push({
      goal: 'main entry: own work outside Web Crypto, share of a build',
      target: '< 10%',
      measured: profiled
        ? `${pct(median(profiled))} by profile (processes ${pct(Math.min(...profiled))}-${pct(Math.max(...profiled))}, ${profiled.filter((x) => x < 0.1).length}/${profiled.length} < 10%); by CPU subtraction ${subtraction}`
        : subtraction,
      status: profiled ? ownStatus(Math.max(...profiled)) : ownStatus(webCrypto.ownShare ?? webCrypto.wallOwnShare),
    });
  } else {
    goals.push({ goal: 'main entry: Web Crypto accounting', target: '', measured: 'n/a', status: 'SKIP' });
  }
  if (coldStart && !coldStart.skip) {
    goals.push({
      goal: 'cold start: import + first token, ours /sync vs agora-token',
      target: '<= 1.00x time',
      measured: `${num(coldStart.sync.median, 1)} vs ${num(coldStart.official.median, 1)} ms (${ratio(coldStart.sync.median / coldStart.official.median)}; faster in ${coldStart.sync.wins}/${coldStart.n} paired starts; in the child ${num(coldStart.sync.importAndBuild, 1)} vs ${num(coldStart.official.importAndBuild, 1)} ms)`,
      status: coldStatus(coldStart.sync.median, coldStart.official.median, coldStart.sync.wins, coldStart.n),
    });
    goals.push({
      goal: 'cold start: import + first token, ours main vs agora-token',
      target: '<= 1.00x time',
      measured: `${num(coldStart.main.median, 1)} vs ${num(coldStart.official.median, 1)} ms (${ratio(coldStart.main.median / coldStart.official.median)}; faster in ${coldStart.main.wins}/${coldStart.n} paired starts; in the child ${num(coldStart.main.importAndBuild, 1)} vs ${num(coldStart.official.importAndBuild, 1)} ms)`,
      status: coldStatus(coldStart.main.median, coldStart.official.median, coldStart.main.wins, coldStart.n),
    });
  }
  if (memory && !memory.skip) {
    goals.push({
      goal: 'memory: retained heap + ArrayBuffers per token, 100k -> 200k /sync builds',
      target: `< ${memory.flatLimit} B/token`,
      measured: `${num(memory.bytesPerTokenSecondHalf, 2)} B/token (${num(memory.growthSecondHalf / 1024, 1)} KiB over 100k)`,
      status: memory.bytesPerTokenSecondHalf < memory.flatLimit ? 'PASS' : 'FAIL',
    });
    if (memory.main) {
      goals.push({
        goal: '(info) memory: the same, main entry awaited',
        target: `< ${memory.main.flatLimit} B/token`,
        measured: `${num(memory.main.bytesPerTokenSecondHalf, 2)} B/token (${num(memory.main.growthSecondHalf / 1024, 1)} KiB over ${num(memory.main.tokens / 1000)}k)`,
        status: memory.main.bytesPerTokenSecondHalf < memory.main.flatLimit ? 'INFO (met)' : 'INFO (not met)',
      });
    }
  }
  return goals;
}
