/**
 * @module bench/lib/sanity — before timing anything, checks that each variant of a case does
 * the same job: our 007 tokens parse and verify with the official `agora-token`, and carry the
 * same services and privileges as the official token built from the same inputs; our 006 tokens
 * are rebuilt byte for byte by `agora-access-token` from the fields it reads out of them.
 */

import { INPUT } from './cases.mjs';

function shape(decoded) {
  // Everything but the per-build values (issueTs, salt, signature) and expiry-derived fields.
  return JSON.stringify(decoded.services ?? null, (k, v) => (/expires?At|^issue|^salt/i.test(k) ? undefined : v));
}

/**
 * Runs every build variant once and compares. Returns a list of problems (empty when all agree).
 * @param {{ id: string, variants?: { role: string, fn: Function }[] }[]} cases
 */
export async function sanityCheck(cases, ours, off) {
  const problems = [];
  const { AccessToken2 } = off.token2;
  for (const c of cases) {
    if (c.skip || c.id.startsWith('decode') || c.id === 'verify') continue; // read cases: nothing built
    let official;
    for (const v of c.variants) {
      let token;
      try {
        token = await v.fn();
      } catch (error) {
        problems.push(`${c.id} / ${v.name}: threw ${error?.code ?? ''} ${error?.message ?? error}`);
        continue;
      }
      if (typeof token !== 'string' || token.length < 10) {
        problems.push(`${c.id} / ${v.name}: returned ${JSON.stringify(token)}`);
        continue;
      }
      if (v.role === 'official') {
        official = token;
        continue;
      }
      if (c.id === '006') {
        // agora-access-token has no verify: it reads our token (salt, ts, privileges) and signs
        // those fields again for the same channel and uid, which must give our token back.
        const again = new off.access006.AccessToken(INPUT.appId, INPUT.appCertificate, INPUT.channel, INPUT.uid);
        if (!again.fromString(token) || again.build() !== token) problems.push(`${c.id} / ${v.name}: agora-access-token does not rebuild our 006 token byte for byte`);
        if (official && token.length !== official.length) problems.push(`${c.id} / ${v.name}: length ${token.length} != official ${official.length}`);
        continue;
      }
      const parsed = new AccessToken2();
      if (!parsed.from_string(token) || !parsed.verifySignature(INPUT.appCertificate)) {
        problems.push(`${c.id} / ${v.name}: agora-token cannot parse+verify our token`);
      }
      if (official && shape(ours.sync.decodeToken(token)) !== shape(ours.sync.decodeToken(official))) {
        problems.push(`${c.id} / ${v.name}: services differ from the official token's`);
      }
    }
  }
  return problems;
}
