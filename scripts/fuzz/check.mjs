/**
 * @module scripts/fuzz/check — runs one case through decodeToken and verifyToken and judges it.
 *
 * A case passes when every call ends in a value or an AgoraTokenError (checked with
 * isAgoraTokenError and the error's shape), decode and verify agree, a successful decode is a
 * complete, well-typed object, verify says true only for bytes that were really signed with the
 * certificate, the expected code appears where one is required, and the zlib layer accepts no
 * stream that zlib itself rejects nor bytes after the stream. Time per case is measured for
 * decode + sync verify.
 */

import { inflateSync } from 'node:zlib';

const U16 = (v) => Number.isInteger(v) && v >= 0 && v <= 0xffff;
const U32 = (v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
const STR = (v) => typeof v === 'string';
const HEX64 = /^[0-9a-f]{64}$/;
const ERROR_KEYS = new Set(['stack', 'message', 'code', 'field', 'cause', 'name']);

function privilegeProblem(list) {
  if (!Array.isArray(list)) return 'privileges is not an array';
  for (const p of list) {
    if (!p || !U16(p.id) || !U32(p.expire) || !(p.name === undefined || STR(p.name))) return `bad privilege ${JSON.stringify(p)}`;
  }
  return undefined;
}

const SERVICE_FIELDS = {
  rtc: (s) => STR(s.channelName) && STR(s.uid),
  rtm: (s) => STR(s.userId),
  chat: (s) => STR(s.userId),
  streaming: (s) => STR(s.channelName) && STR(s.account),
  fcdn: (s) => STR(s.channelName) && STR(s.account),
  apaas: (s) => STR(s.roomUuid) && STR(s.userUuid) && Number.isInteger(s.role) && s.role >= -32768 && s.role <= 32767,
  rtm2: (s) => STR(s.userId) && Array.isArray(s.permissions) && s.permissions.every((p) => U16(p.resourceType) && U16(p.permissionType) && Array.isArray(p.resources) && p.resources.every(STR)),
  fpa: () => true,
  convoai: () => true,
  stt: () => true,
};

/** Why a decoded value is not a complete result, or undefined when it is one. */
export function shapeProblem(d) {
  if (!d || typeof d !== 'object') return 'not an object';
  if (!HEX64.test(d.signature)) return 'signature is not 64 hex chars';
  if (d.version === '006') {
    if (!/^[0-9a-fA-F]{32}$/.test(d.appId) || !U32(d.ts) || !U32(d.salt) || !U32(d.crcChannelName) || !U32(d.crcUid)) return 'bad 006 fields';
    return privilegeProblem(d.privileges);
  }
  if (d.version !== '007') return `version ${String(d.version)}`;
  if (!STR(d.appId) || !U32(d.issueTs) || !U32(d.expire) || !U32(d.salt) || !Array.isArray(d.services)) return 'bad 007 fields';
  for (let i = 0; i < d.services.length; i++) {
    const s = d.services[i];
    if (!s || !U16(s.type)) return `service ${i}: bad type`;
    if (s.name === 'unknown') {
      if (i !== d.services.length - 1 || !Number.isInteger(s.unparsedBytes) || s.unparsedBytes < 0) return `service ${i}: bad unknown record`;
      continue;
    }
    const fields = SERVICE_FIELDS[s.name];
    if (!fields) return `service ${i}: name ${String(s.name)}`;
    const p = privilegeProblem(s.privileges);
    if (p) return `service ${i}: ${p}`;
    if (!fields(s)) return `service ${i} (${s.name}): missing or mistyped field`;
  }
  return undefined;
}

/** Why a thrown value is not an acceptable typed error, or undefined. */
function errorProblem(lib, e, secret) {
  if (!lib.isAgoraTokenError(e) || !(e instanceof Error) || typeof e.code !== 'string' || typeof e.message !== 'string') {
    return `untyped ${e && e.constructor ? e.constructor.name : typeof e}: ${String(e && e.message ? e.message : e).slice(0, 200)}`;
  }
  for (const k of Object.keys(e)) if (!ERROR_KEYS.has(k)) return `error carries extra property ${k}`;
  // The message is the stack's first line; the rest are source positions, so the message is enough.
  if (typeof secret === 'string' && secret.length === 32 && e.message.toLowerCase().includes(secret.toLowerCase())) return 'error message contains the certificate';
  return undefined;
}

function matches(expect, code) {
  if (expect === undefined || expect === 'any' || expect === 'any-or-false') return true;
  return Array.isArray(expect) ? expect.includes(code) : expect === code;
}

function signedBytes(c) {
  // Independent view of what the token signs: Node's inflater for 007, Node's base64 for 006.
  if (typeof c.input !== 'string') return undefined;
  try {
    if (c.input.startsWith('007')) return { appId: '', bytes: c.payload ?? new Uint8Array(inflateSync(Buffer.from(c.input.slice(3), 'base64'))) };
    return { appId: c.input.slice(3, 35), bytes: c.payload ?? new Uint8Array(Buffer.from(c.input.slice(35), 'base64')) };
  } catch {
    return undefined;
  }
}

const sameBytes = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Runs a case on the sync entry (decode + verify) and returns `{ ms, code, verdict, failure }`:
 * `code` is decode's error code or verify's verdict, `failure` a string when a rule was broken.
 */
export function checkSync(lib, c) {
  const t0 = performance.now();
  let decoded;
  let decodeError;
  try {
    decoded = lib.decodeToken(c.input);
  } catch (e) {
    decodeError = e;
  }
  let verified;
  let verifyError;
  try {
    verified = lib.verifyToken(c.input, c.cert, c.expected);
  } catch (e) {
    verifyError = e;
  }
  const ms = performance.now() - t0;
  const verdict = verifyError ? `verify:${verifyError.code}` : verified === true ? 'ok:verified' : verified === false ? 'ok:rejected' : 'ok:?';
  const code = decodeError ? decodeError.code : verdict;
  const fail = (failure) => ({ ms, code, verdict, failure });

  if (decodeError) {
    const p = errorProblem(lib, decodeError, c.cert);
    if (p) return fail(`decodeToken threw ${p}`);
    if ('decoded' in decodeError || 'result' in decodeError) return fail('decode error carries a result');
    if (!matches(c.expectCode, decodeError.code)) return fail(`decodeToken: expected ${c.expectCode}, got ${decodeError.code}`);
  } else {
    const p = shapeProblem(decoded);
    if (p) return fail(`decodeToken returned an incomplete result: ${p}`);
    if (c.expectCode && c.expectCode !== 'any') return fail(`decodeToken succeeded, expected ${c.expectCode}`);
    if (decoded.version === '007') {
      let inflated = c.payload;
      if (!inflated) {
        const stream = Buffer.from(c.input.slice(3), 'base64');
        let result;
        try {
          result = inflateSync(stream, { info: true });
        } catch (e) {
          return fail(`decodeToken accepted a zlib stream Node's zlib rejects (${e.code})`);
        }
        // One token, one spelling: bytes after the zlib trailer would make a second valid string.
        if (result.engine.bytesWritten !== stream.length) return fail(`decodeToken accepted ${stream.length - result.engine.bytesWritten} byte(s) after the zlib stream`);
        inflated = result.buffer;
      }
      if (inflated.length > lib.MAX_PAYLOAD_BYTES) return fail(`decodeToken accepted a ${inflated.length}-byte payload, over MAX_PAYLOAD_BYTES`);
    }
  }

  if (verifyError) {
    const p = errorProblem(lib, verifyError, c.cert);
    if (p) return fail(`verifyToken threw ${p}`);
    if (c.verifyExpectCode === 'ERR_INVALID_APP_CERTIFICATE' && verifyError.code !== c.verifyExpectCode) return fail(`verifyToken: expected ${c.verifyExpectCode}, got ${verifyError.code}`);
    if (!c.verifyExpectCode && !decodeError) return fail(`decode succeeded but verifyToken threw ${verifyError.code}`);
    if (decodeError && !c.verifyExpectCode && verifyError.code !== decodeError.code) return fail(`decode threw ${decodeError.code} but verify threw ${verifyError.code}`);
  } else {
    if (typeof verified !== 'boolean') return fail(`verifyToken returned ${typeof verified}`);
    if (decodeError) return fail(`decode threw ${decodeError.code} but verifyToken returned ${verified}`);
    if (c.verifyExpectCode && c.verifyExpectCode !== 'any-or-false') return fail(`verifyToken returned ${verified}, expected ${c.verifyExpectCode}`);
    if (verified && !c.resigned) {
      const signed = signedBytes(c);
      const seed = c.seed;
      if (!seed || !signed || !sameBytes(signed.bytes, seed.content) || (seed.kind === '006' && signed.appId !== seed.appId)) {
        return fail('verifyToken accepted bytes that were not signed with this certificate');
      }
    }
    if (!verified && c.resigned && (c.seed.kind === '007' || crcsMatch(c))) return fail('verifyToken rejected a correctly re-signed token that decodes');
  }
  return { ms, code, verdict, failure: undefined };
}

function crcsMatch(c) {
  const d = c.seed.crcs;
  if (!c.payload || c.payload.length < 42) return false;
  const rd = (at) => (c.payload[at] | (c.payload[at + 1] << 8) | (c.payload[at + 2] << 16) | (c.payload[at + 3] << 24)) >>> 0;
  return rd(34) === d.channel && rd(38) === d.uid;
}

/** The async entry must reach the same verdict as the sync one (`verdict` from checkSync). */
export async function checkAsync(asyncLib, c, syncVerdict) {
  let code;
  try {
    const v = await asyncLib.verifyToken(c.input, c.cert, c.expected);
    code = v === true ? 'ok:verified' : v === false ? 'ok:rejected' : `returned ${typeof v}`;
  } catch (e) {
    const p = errorProblem(asyncLib, e, c.cert);
    if (p) return `async verifyToken rejected with ${p}`;
    code = `verify:${e.code}`;
  }
  return code === syncVerdict ? undefined : `async verifyToken gave ${code}, sync gave ${syncVerdict}`;
}
