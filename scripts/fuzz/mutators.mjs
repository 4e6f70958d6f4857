/**
 * @module scripts/fuzz/mutators — turns a valid token into hostile input. Each mutation class
 * works at one layer (token text, base64, zlib stream, payload fields) and payload changes are
 * re-compressed so the parser really reaches the damaged field. Crafted payloads are sometimes
 * re-signed with the right certificate, so verification must then succeed whenever decoding does.
 */

import { createHmac } from 'node:crypto';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { mulberry32Unit } from '../../test/runtimes/prng.mjs';

/** A small deterministic PRNG (mulberry32) seeded from (seed, case index). */
export function rngFor(seed, index) {
  const next = mulberry32Unit((Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (a) => a[int(a.length)], chance: (p) => next() < p, bytes: (n) => Uint8Array.from({ length: n }, () => int(256)) };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ODD_CHARS = ['=', ' ', '\n', '\t', '-', '_', '.', '%', '\0', 'é', '😀', '\uD800', '\uDC00', '\uFFFD', '０'];
const SPECIAL_U16 = [0, 1, 2, 31, 32, 33, 255, 256, 0x7fff, 0x8000, 0xfffe, 0xffff];
const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const le16 = (b, at, v) => ((b[at] = v & 255), (b[at + 1] = v >>> 8));
const rd16 = (b, at) => b[at] | (b[at + 1] << 8);
const rd32 = (b, at) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const u32le = (v) => Uint8Array.of(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24);
const hmac = (key, msg) => new Uint8Array(createHmac('sha256', key).update(msg).digest());
const splice = (b, at, remove, insert = new Uint8Array(0)) => {
  const out = new Uint8Array(b.length - remove + insert.length);
  out.set(b.subarray(0, at));
  out.set(insert, at);
  out.set(b.subarray(at + remove), at + insert.length);
  return out;
};

/** Compresses with Node's zlib at a random level/strategy (stored, fixed and dynamic blocks all occur). */
function zlib(r, payload) {
  // Big crafted payloads only need to be valid zlib; keep their compression cheap.
  if (payload.length > 65536) return deflateSync(payload, { level: 1 });
  return deflateSync(payload, { level: r.int(10), strategy: r.chance(0.2) ? r.int(5) : 0 });
}

function seal(r, seed, payload) {
  return seed.kind === '007' ? '007' + b64(zlib(r, payload)) : '006' + seed.appId + b64(payload);
}

/** Re-signs a (mutated) payload in place per SPEC 2.6 / 3.2; false if its layout no longer allows it. */
function resign(seed, p) {
  if (p.length < 34 || rd16(p, 0) !== 32) return false;
  if (seed.kind === '007') {
    if (p.length < 36) return false;
    const appIdLen = rd16(p, 34);
    const at = 36 + appIdLen;
    if (p.length < at + 12) return false;
    const k1 = hmac(u32le(rd32(p, at)), Buffer.from(seed.cert, 'latin1'));
    const k2 = hmac(u32le(rd32(p, at + 8)), k1);
    p.set(hmac(k2, p.subarray(34)), 2);
    return true;
  }
  if (p.length < 44 || p.length < 44 + rd16(p, 42)) return false;
  const e = seed.expected;
  const uid = e.uid === undefined || e.uid === 0 ? '' : String(e.uid);
  const msg = Buffer.concat([Buffer.from(seed.appId + e.channelName + uid, 'utf8'), p.subarray(44, 44 + rd16(p, 42))]);
  p.set(hmac(Buffer.from(seed.cert, 'latin1'), msg), 2);
  return true;
}

function textCase(r, seed, input) {
  return { input, cert: seed.cert, expected: seed.expected };
}

function payloadCase(r, seed, payload, opts = {}) {
  const resigned = opts.resign !== false && r.chance(0.5) && resign(seed, payload);
  return { input: seal(r, seed, payload), payload, cert: seed.cert, expected: seed.expected, resigned, expectCode: opts.expectCode };
}

/** Text-level mutations (apply to both versions). */
const text = {
  'text-char': (r, s) => {
    let t = s.token;
    for (let n = 1 + r.int(4); n > 0; n--) {
      const i = r.int(t.length);
      const c = r.chance(0.8) ? B64[r.int(64)] : r.chance(0.5) ? String.fromCharCode(32 + r.int(95)) : r.pick(ODD_CHARS);
      t = t.slice(0, i) + c + t.slice(i + 1);
    }
    return textCase(r, s, t);
  },
  'text-bitflip': (r, s) => {
    let t = s.token;
    for (let n = 1 + r.int(3); n > 0; n--) {
      const i = r.int(t.length);
      t = t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << r.int(r.chance(0.8) ? 7 : 16))) + t.slice(i + 1);
    }
    return textCase(r, s, t);
  },
  'text-truncate': (r, s) => textCase(r, s, r.chance(0.8) ? s.token.slice(0, r.int(s.token.length)) : s.token.slice(1 + r.int(s.token.length - 1))),
  'text-insert': (r, s) => {
    const i = r.int(s.token.length + 1);
    let add = '';
    for (let n = 1 + r.int(8); n > 0; n--) add += r.chance(0.7) ? B64[r.int(64)] : r.pick(ODD_CHARS);
    return textCase(r, s, s.token.slice(0, i) + add + s.token.slice(i));
  },
  base64: (r, s) => {
    const t = s.token;
    const head = s.kind === '007' ? 3 : 35;
    const body = t.slice(head);
    const ops = [
      () => t.replace(/=+$/, ''),
      () => t + '=',
      () => t + '==',
      () => t.replace(/\+/g, '-').replace(/\//g, '_'),
      () => t.slice(0, head) + body.match(/.{1,8}/g).join(r.pick([' ', '\n', '\r\n', '\t'])),
      () => ` ${t} `,
      () => t.slice(0, head + 4 * r.int(body.length / 4)) + '=' + t.slice(head + 4 * r.int(body.length / 4) + 1),
      () => t.slice(0, head) + body.toLowerCase(),
      () => t.slice(0, head) + body + body,
      () => t.slice(0, head) + '====' + body,
      () => t.slice(0, head) + body.slice(0, -1) + B64[r.int(64)],
      () => r.pick(['006', '007', '008', '07', '0070', '005', '']) + t.slice(3),
      () => t.slice(0, head),
      () => t.slice(0, head) + '='.repeat(1 + r.int(4)),
      () => t.slice(0, head) + encodeURIComponent(body),
      () => t.slice(0, 3) + t.slice(3, 35).toUpperCase() + t.slice(35),
    ];
    return textCase(r, s, r.pick(ops)());
  },
};

/** Mutations of the compressed stream (007 only): reach the inflater with damaged data. */
const stream = {
  'zlib-bits': (r, s) => {
    const z = new Uint8Array(Buffer.from(s.token.slice(3), 'base64'));
    for (let n = 1 + r.int(4); n > 0; n--) z[r.int(z.length)] ^= 1 << r.int(8);
    return textCase(r, s, '007' + b64(z));
  },
  'zlib-cut': (r, s) => {
    const z = new Uint8Array(Buffer.from(s.token.slice(3), 'base64'));
    const ops = [
      () => z.subarray(0, r.int(z.length)),
      () => Buffer.concat([z, r.bytes(1 + r.int(8))]),
      () => Buffer.concat([z, z]),
      () => Buffer.concat([z.subarray(0, 2), deflateRawSync(s.content, { level: r.int(10) })]), // no Adler-32 trailer
      () => deflateRawSync(s.content), // no zlib header
      () => Buffer.concat([Uint8Array.of(0x78, 0x9c), r.bytes(1 + r.int(64))]),
    ];
    return textCase(r, s, '007' + b64(r.pick(ops)()));
  },
};

/** The seed's payload up to its service count, then `count` and the given service records. */
function withServices(seed, count, records) {
  const head = seed.content.subarray(0, seed.walk.serviceCount);
  const p = new Uint8Array(head.length + 2 + records.length);
  p.set(head);
  le16(p, head.length, count);
  p.set(records, head.length + 2);
  return p;
}

const positions = (w) => ({ lengths: w.lengths, counts: [...w.privilegeCounts, ...w.rtm2Counts] });

/** Payload-level mutations (decompress, damage, re-compress). */
const payload = {
  'payload-bits': (r, s) => {
    const p = s.content.slice();
    const from = r.chance(0.8) ? 34 : 0;
    for (let n = 1 + r.int(3); n > 0; n--) p[from + r.int(p.length - from)] ^= 1 << r.int(8);
    return payloadCase(r, s, p, { resign: from === 34 });
  },
  'payload-cut': (r, s) => payloadCase(r, s, s.content.slice(0, r.int(s.content.length))),
  'payload-insert': (r, s) => {
    const at = r.chance(0.3) ? s.content.length : 34 + r.int(s.content.length - 33);
    return payloadCase(r, s, splice(s.content, at, 0, r.chance(0.5) ? r.bytes(1 + r.int(16)) : new Uint8Array(1 + r.int(6))));
  },
  'length-prefix': (r, s) => {
    const p = s.content.slice();
    const at = r.pick(s.walk.lengths);
    const cur = rd16(p, at);
    le16(p, at, r.chance(0.6) ? r.pick(SPECIAL_U16) : r.chance(0.5) ? (cur + r.pick([-2, -1, 1, 2]) + 0x10000) % 0x10000 : r.int(0x10000));
    return payloadCase(r, s, p);
  },
  'privilege-count': (r, s) => {
    const p = s.content.slice();
    const { counts } = positions(s.walk);
    le16(p, r.pick(counts), r.chance(0.5) ? r.pick(SPECIAL_U16) : r.int(0x10000));
    return payloadCase(r, s, p);
  },
};

/** Structural mutations of 007 payloads: counts, types, strings, many records. */
const structure = {
  'service-count': (r, s) => {
    const p = s.content.slice();
    const n = rd16(p, s.walk.serviceCount);
    le16(p, s.walk.serviceCount, r.pick([0, n - 1, n + 1, n + 100, 255, 0x7fff, 0xffff, r.int(0x10000)]) & 0xffff);
    return payloadCase(r, s, p);
  },
  'service-type': (r, s) => {
    const p = s.content.slice();
    le16(p, r.pick(s.walk.serviceTypes), r.chance(0.5) ? 1 + r.int(10) : r.pick([0, 11, 12, 100, 255, 0x7fff, 0xffff, 11 + r.int(0xfff0)]));
    return payloadCase(r, s, p);
  },
  'utf8': (r, s) => {
    const bad = r.pick([[0xff], [0xc0, 0x80], [0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98], [0xfe, 0xfe]]);
    const str = r.pick(s.walk.strings.slice(1)); // not the signature
    const at = str.start + r.int(str.length + 1);
    const p = splice(s.content, at, Math.min(bad.length, str.start + str.length - at) * (r.chance(0.5) ? 1 : 0), Uint8Array.from(bad));
    le16(p, str.at, str.length + (p.length - s.content.length));
    return payloadCase(r, s, p);
  },
  grow: (r, s) => {
    const max = s.maxPayload;
    const ops = [
      () => {
        // a long string field (up to 65535 bytes) with a consistent prefix
        const str = r.pick(s.walk.strings.slice(1));
        const add = r.pick([100, 1000, 30000, 65535 - str.length]);
        const p = splice(s.content, str.start + str.length, 0, new Uint8Array(add).fill(r.pick([0x41, 0x20, 0x7e])));
        le16(p, str.at, str.length + add);
        return p;
      },
      () => {
        // many bare services (FPA/ConvoAI/STT: u16 type + empty map), count up to 65535
        const n = r.pick([100, 1000, 5000, 8000, 0xffff]);
        const records = new Uint8Array(4 * n);
        const type = r.pick([4, 9, 10]);
        for (let i = 0; i < n; i++) records[4 * i] = type;
        return withServices(s, n, records);
      },
      () => {
        // one FPA service with a huge privilege map (6 bytes per entry), ids repeated or distinct
        const n = r.pick([1000, 5000, 10922, 0xffff]);
        const rec = new Uint8Array(4 + 6 * n);
        le16(rec, 0, 4);
        le16(rec, 2, n);
        const same = r.chance(0.5);
        for (let i = 0; i < n; i++) le16(rec, 4 + 6 * i, same ? 1 : i);
        return withServices(s, 1, rec);
      },
      () => {
        // RTM2 with thousands of (empty) resource names under one permission
        const n = r.pick([1000, 10000, 16000]);
        const rec = new Uint8Array(16 + 2 * n);
        rec.set([8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, n & 255, n >>> 8]);
        return withServices(s, 1, rec);
      },
    ];
    const p = r.pick(ops)();
    return payloadCase(r, s, p, { expectCode: p.length > max ? 'ERR_TOKEN_TOO_LARGE' : undefined });
  },
  boundary: (r, s) => {
    // a valid, re-signed payload of exactly max-1, max or max+1 bytes
    const str = s.walk.strings[s.walk.strings.length - 1];
    const target = s.maxPayload + r.pick([-1, 0, 1]);
    const add = target - s.content.length;
    const p = splice(s.content, str.start + str.length, 0, new Uint8Array(add).fill(0x61));
    le16(p, str.at, str.length + add);
    resign(s, p);
    return { input: seal(r, s, p), payload: p, cert: s.cert, resigned: true, expectCode: target > s.maxPayload ? 'ERR_TOKEN_TOO_LARGE' : null };
  },
};

export { text, stream, payload, structure, resign, seal, splice };
