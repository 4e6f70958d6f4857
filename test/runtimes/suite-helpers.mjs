/**
 * @module test/runtimes/suite-helpers — assertion and encoding helpers of the portable suite
 * (no framework, no Node APIs, no library code, so a library bug cannot hide in a helper).
 */

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export function assertEq(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected).slice(0, 300)}, got ${String(actual).slice(0, 300)}`);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Strict standard base64 (with padding) to bytes. */
export function b64decode(text) {
  assert(text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text), 'base64 text');
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of clean) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const FIELDS = ['channelName', 'uid', 'account', 'userId', 'roomUuid', 'userUuid', 'role', 'permissions'];

/**
 * Normalises a decoded service (privileges as [{ id, expire }]) or a vector service (privileges
 * as { id: expire }, `channel` for the channel name) to one comparable shape.
 */
export function projectService(s) {
  const privileges = {};
  if (Array.isArray(s.privileges)) for (const p of s.privileges) privileges[p.id] = p.expire;
  else Object.assign(privileges, s.privileges);
  const out = { type: s.type, privileges };
  const src = { ...s, channelName: s.channelName ?? s.channel };
  for (const f of FIELDS) if (src[f] !== undefined) out[f] = src[f];
  return out;
}

/** Builds the library's service object for a vector service description. */
export function vectorService(lib, s) {
  let svc;
  switch (s.type) {
    case 1: svc = new lib.ServiceRtc(s.channel, s.uid === '' ? 0 : s.uid); break;
    case 2: svc = new lib.ServiceRtm(s.userId); break;
    case 3: svc = new lib.ServiceStreaming(s.channel, s.account); break;
    case 4: svc = new lib.ServiceFpa(); break;
    case 5: svc = new lib.ServiceChat(s.userId); break;
    case 6: svc = new lib.ServiceFCdn(s.channel, s.account); break;
    case 7: svc = new lib.ServiceApaas(s.roomUuid, s.userUuid, s.role); break;
    case 8: {
      const p = new lib.Rtm2Permissions();
      for (const e of s.permissions) p.add(e.resourceType, e.permissionType, e.resources);
      svc = new lib.ServiceRtm2(s.userId, p);
      break;
    }
    default: throw new Error(`suite: no builder for service type ${s.type}`);
  }
  for (const [id, expire] of Object.entries(s.privileges)) svc.addPrivilege(Number(id), expire);
  return svc;
}
