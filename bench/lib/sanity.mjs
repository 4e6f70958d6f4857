/**
 * @module bench/lib/sanity — before timing anything, checks that each variant of a case does
 * the same job: our 007 tokens parse and verify with the official `agora-token`, and carry the
 * same header fields, services and privileges as the official token built from the same inputs
 * (both read by the official parser, not by ours); two calls give two different tokens (fresh
 * salt, so no variant returns a cached token); our 006 tokens are rebuilt byte for byte by
 * `agora-access-token` from the fields it reads out of them, which match the official token's;
 * our decoder reads every token of a read case as the official parser does, and our verify
 * rejects a wrong certificate and a token signed with another one.
 */

import { INPUT } from './cases.mjs';

// Another valid certificate: a verify that answers true for anything must fail on it.
const OTHER_CERT = '0123456789abcdef0123456789abcdef';

/** The official parser's reading of a 007 token (null if it refuses it). */
function officialRead(AccessToken2, token) {
  const t = new AccessToken2();
  if (!t.from_string(token)) return null;
  // Its strings come back as Buffers: read them as text (no global Buffer under Deno).
  const text = (v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v);
  const services = JSON.stringify(t.services.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, text(v)]))));
  return { appId: text(t.appId), issueTs: t.issueTs, expire: t.expire, salt: t.salt, signature: t.__signature.toString('hex'), services };
}

/** Our decodeToken's result against the official reading of the same token; returns what differs. */
function decodeDiffers(ours, official) {
  if (!ours || typeof ours !== 'object') return `returned ${typeof ours}`;
  for (const k of ['appId', 'issueTs', 'expire', 'salt', 'signature']) if (ours[k] !== official[k]) return `${k} ${ours[k]} != official ${official[k]}`;
  const services = JSON.parse(official.services);
  if (ours.services?.length !== services.length) return `${ours.services?.length} services != official ${services.length}`;
  for (const [i, s] of services.entries()) {
    const o = ours.services[i];
    if (o.type !== s.__type) return `service ${i} type ${o.type} != ${s.__type}`;
    const privileges = Object.fromEntries((o.privileges ?? []).map((p) => [p.id, p.expire]));
    if (JSON.stringify(privileges) !== JSON.stringify(s.__privileges)) return `service ${i} privileges differ`;
    if (s.__channel_name !== undefined && o.channelName !== s.__channel_name) return `service ${i} channel differs`;
    if (s.__uid !== undefined && o.uid !== s.__uid) return `service ${i} uid differs`;
  }
  return '';
}

/**
 * Runs every variant and compares. Returns a list of problems (empty when all agree).
 * @param {{ id: string, tokens?: string[], variants?: { role: string, name: string, fn: Function }[] }[]} cases
 */
export async function sanityCheck(cases, ours, off) {
  const problems = [];
  const { AccessToken2 } = off.token2;
  const { appCertificate: cert } = INPUT;
  for (const c of cases) {
    if (c.skip) continue;
    if (c.tokens) {
      problems.push(...(await readCaseProblems(c, ours, AccessToken2, cert)));
      continue;
    }
    let official;
    for (const v of c.variants) {
      let token;
      let again;
      try {
        token = await v.fn();
        again = await v.fn();
      } catch (error) {
        problems.push(`${c.id} / ${v.name}: threw ${error?.code ?? ''} ${error?.message ?? error}`);
        continue;
      }
      if (typeof token !== 'string' || token.length < 10) {
        problems.push(`${c.id} / ${v.name}: returned ${JSON.stringify(token)}`);
        continue;
      }
      // Each of our builds draws a fresh salt: the same text twice means a cached or constant
      // token. (agora-access-token draws its salt once per process: its tokens repeat within a second.)
      if (again === token && v.role !== 'official') problems.push(`${c.id} / ${v.name}: two calls returned the same token`);
      if (c.id === '006') {
        // agora-access-token has no verify: it reads our token (salt, ts, privileges) and signs
        // those fields again for the same channel and uid, which must give our token back; the
        // privileges and their times it reads must be the official token's (ts within 2 s).
        const read = (t) => {
          const a = new off.access006.AccessToken(INPUT.appId, cert, INPUT.channel, INPUT.uid);
          return a.fromString(t) ? a : null;
        };
        const mine = read(token);
        if (!mine || mine.build() !== token) problems.push(`${c.id} / ${v.name}: agora-access-token does not rebuild our 006 token byte for byte`);
        if (v.role === 'official') official = mine;
        else if (official && mine) {
          if (Math.abs(mine.ts - official.ts) > 2) problems.push(`${c.id} / ${v.name}: ts ${mine.ts} != official ${official.ts}`);
          if (Object.keys(mine.messages).join() !== Object.keys(official.messages).join() || Object.entries(mine.messages).some(([k, t]) => Math.abs(t - official.messages[k]) > 2)) {
            problems.push(`${c.id} / ${v.name}: privileges ${JSON.stringify(mine.messages)} != official ${JSON.stringify(official.messages)}`);
          }
        }
        continue;
      }
      const read = officialRead(AccessToken2, token);
      if (!read) {
        problems.push(`${c.id} / ${v.name}: agora-token cannot parse our token`);
        continue;
      }
      if (v.role === 'official') {
        official = read;
        continue;
      }
      const parsed = new AccessToken2();
      if (!parsed.from_string(token) || !parsed.verifySignature(cert)) problems.push(`${c.id} / ${v.name}: agora-token cannot verify our token`);
      if (!official) continue;
      // issueTs: the official one is its clock's, ours ours (a case may step Date.now); both
      // must be the same second for a plain case and within the case's own steps otherwise.
      if (read.appId !== official.appId || read.expire !== official.expire) problems.push(`${c.id} / ${v.name}: appId/expire ${read.appId}/${read.expire} != official ${official.appId}/${official.expire}`);
      if (c.id !== 'rtc-new-second' && Math.abs(read.issueTs - official.issueTs) > 2) problems.push(`${c.id} / ${v.name}: issueTs ${read.issueTs} != official ${official.issueTs}`);
      if (!(read.salt >= 1 && read.salt <= 99_999_999)) problems.push(`${c.id} / ${v.name}: salt ${read.salt} out of the official range`);
      if (read.services !== official.services) problems.push(`${c.id} / ${v.name}: services differ from the official token's (as agora-token reads them)`);
    }
  }
  return [...new Set(problems)]; // a broken decoder fails once per token: say it once
}

/** decode / verify cases: every token, and every variant's answers. */
async function readCaseProblems(c, ours, AccessToken2, cert) {
  const problems = [];
  const readings = new Map();
  for (const token of c.tokens) {
    const official = officialRead(AccessToken2, token);
    if (!official) {
      problems.push(`${c.id}: agora-token cannot parse its own token`);
      continue;
    }
    readings.set(official.signature, official);
    const differs = decodeDiffers(ours.sync.decodeToken(token), official);
    if (differs) problems.push(`${c.id}: decodeToken: ${differs}`);
    if (c.id.startsWith('verify')) {
      // A verify that ignores the certificate or the signature must not pass.
      const forged = new AccessToken2();
      forged.from_string(token);
      forged.appCertificate = OTHER_CERT;
      const other = forged.build();
      if (ours.sync.verifyToken(token, cert) !== true) problems.push(`${c.id}: verifyToken refuses a valid token`);
      if (ours.sync.verifyToken(token, OTHER_CERT) !== false) problems.push(`${c.id}: verifyToken accepts a wrong certificate`);
      if (ours.sync.verifyToken(other, cert) !== false) problems.push(`${c.id}: verifyToken accepts a token signed with another certificate`);
    }
  }
  // Each variant, called once per token: the official ones answer true, ours decodes one of the
  // case's tokens (found by its signature) as the official parser reads it, or verifies it.
  for (const v of c.variants) problems.push(...(await variantProblems(c, v, readings)));
  return problems;
}

async function variantProblems(c, v, readings) {
  const problems = [];
  const seen = new Set();
  for (let i = 0; i < c.tokens.length; i++) {
    let r;
    try {
      r = await v.fn();
    } catch (error) {
      return [`${c.id} / ${v.name}: threw ${error?.code ?? ''} ${error?.message ?? error}`];
    }
    if (c.id.startsWith('verify') || v.role === 'official') {
      if (r !== true) return [`${c.id} / ${v.name}: returned ${JSON.stringify(r)}, not true`];
      continue;
    }
    const official = readings.get(r?.signature);
    if (!official) return [`${c.id} / ${v.name}: returned a decoding of no token of the case`];
    const differs = decodeDiffers(r, official);
    if (differs) problems.push(`${c.id} / ${v.name}: ${differs}`);
    seen.add(r.signature);
  }
  if (v.role !== 'official' && !c.id.startsWith('verify') && seen.size !== c.tokens.length) problems.push(`${c.id} / ${v.name}: decoded ${seen.size} of the case's ${c.tokens.length} tokens`);
  return problems;
}
