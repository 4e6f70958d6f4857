/**
 * @module scripts/fuzz/seeds — the valid tokens mutation starts from, and an independent walker
 * (written from SPEC 2.2-2.5 and 3.3, not from the library) that finds where each field sits so
 * mutations can target length prefixes, counts, service types and strings.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';

/** Positions of every field in a 007 payload; stops quietly where the bytes stop making sense. */
export function walk007(p) {
  const w = { lengths: [], strings: [], serviceCount: -1, serviceTypes: [], privilegeCounts: [], rtm2Counts: [], end: 0 };
  let o = 0;
  const u16 = () => {
    if (o + 2 > p.length) throw new RangeError('end');
    const v = p[o] | (p[o + 1] << 8);
    o += 2;
    return v;
  };
  const str = () => {
    const at = o;
    const n = u16();
    if (o + n > p.length) throw new RangeError('end');
    w.lengths.push(at);
    w.strings.push({ at, start: o, length: n });
    o += n;
  };
  const map = () => {
    w.privilegeCounts.push(o);
    const n = u16();
    o += 6 * n;
  };
  try {
    str(); // signature
    str(); // appId
    o += 12; // issueTs, expire, salt
    w.serviceCount = o;
    const count = u16();
    for (let i = 0; i < count; i++) {
      w.serviceTypes.push(o);
      const type = u16();
      if (type < 1 || type > 10) break;
      map();
      if (type === 1 || type === 3 || type === 6) (str(), str());
      else if (type === 2 || type === 5) str();
      else if (type === 7) (str(), str(), (o += 2));
      else if (type === 8) {
        str();
        w.rtm2Counts.push(o);
        const rts = u16();
        for (let r = 0; r < rts; r++) {
          u16();
          w.rtm2Counts.push(o);
          const pts = u16();
          for (let q = 0; q < pts; q++) {
            u16();
            w.rtm2Counts.push(o);
            const names = u16();
            for (let k = 0; k < names; k++) str();
          }
        }
      }
    }
  } catch {
    // a mutated payload: positions found so far are still useful
  }
  w.end = o;
  return w;
}

/** Positions in a 006 content (SPEC 3.3): two length prefixes and the privilege count. */
export function walk006(c) {
  return { lengths: [0, 42], strings: [], serviceCount: -1, serviceTypes: [], privilegeCounts: [52], rtm2Counts: [], end: c.length };
}

function seed007(token, cert) {
  const content = new Uint8Array(inflateSync(Buffer.from(token.slice(3), 'base64')));
  return { kind: '007', token, cert, content, walk: walk007(content) };
}

function seed006(token, cert, expected) {
  const content = new Uint8Array(Buffer.from(token.slice(35), 'base64'));
  const rd32 = (at) => (content[at] | (content[at + 1] << 8) | (content[at + 2] << 16) | (content[at + 3] << 24)) >>> 0;
  const crcs = { channel: rd32(34), uid: rd32(38) };
  return { kind: '006', token, cert, content, appId: token.slice(3, 35), expected, crcs, walk: walk006(content) };
}

/** 007 tokens of every service type built by the library under test (`lib` = its /sync entry). */
function libTokens(lib) {
  const make = (services, salt, issueTs = 1_700_000_000, expire = 3600) => {
    const t = new lib.AccessToken2(APP_ID, CERT, issueTs, expire);
    t.salt = salt;
    for (const s of services) t.addService(s);
    return t.build();
  };
  const rtc = (ch, uid) => new lib.ServiceRtc(ch, uid).addPrivilege(1, 3600).addPrivilege(2, 3600).addPrivilege(3, 3600).addPrivilege(4, 3600);
  const perms = new lib.Rtm2Permissions()
    .add(0, 0, ['lobby', 'général', '🎥-room'])
    .add(1, 1, ['stream-a'])
    .add(2, 0, [])
    .add(4, 0, ['user-a', 'user-b', ''])
    .add(4, 1, ['x'.repeat(200)]);
  const all = [
    rtc('room', 2882341273),
    new lib.ServiceRtm('alice').addPrivilege(1, 3600),
    new lib.ServiceStreaming('live', 'acct').addPrivilege(1, 60).addPrivilege(2, 60),
    new lib.ServiceFpa().addPrivilege(1, 0),
    new lib.ServiceChat('chat-user').addPrivilege(1, 600),
    new lib.ServiceFCdn('cdn', 42).addPrivilege(1, 60).addPrivilege(2, 60),
    new lib.ServiceApaas('room-uuid', 'user-uuid', -1).addPrivilege(1, 600),
    new lib.ServiceRtm2('bob', perms).addPrivilege(1, 600),
    new lib.ServiceConvoAI(),
    new lib.ServiceStt(),
    rtc('second room', 'account-β'),
  ];
  return [
    make([rtc('7d72365eb983485397e3e3f9d460bdda', 2882341273)], 1, 1111111, 600),
    make([rtc('room', 0), new lib.ServiceRtm('').addPrivilege(1, 3600)], 2),
    make([new lib.ServiceRtm2('bob', perms).addPrivilege(1, 600)], 3),
    make([new lib.ServiceStreaming('a'.repeat(250), 'ü'.repeat(100)), new lib.ServiceFCdn('', '')], 4),
    make([new lib.ServiceChat('').addPrivilege(2, 86400), new lib.ServiceApaas('', '', 0).addPrivilege(3, 86400), new lib.ServiceFpa()], 5),
    make([new lib.ServiceConvoAI(), new lib.ServiceStt(), rtc('ai', 7), new lib.ServiceRtm('7').addPrivilege(1, 60)], 6),
    make(all, 7),
    make(all, 0xffffffff, 0xffffffff, 0xffffffff),
  ];
}

/** 006 tokens from the official agora-access-token class (fixed salt and ts). */
function tokens006() {
  const { AccessToken } = require('agora-access-token/src/AccessToken');
  const make = (channelName, uid, privileges, salt = 1, ts = 1111111) => {
    const t = new AccessToken(APP_ID, CERT, channelName, uid);
    t.salt = salt;
    t.ts = ts;
    for (const [id, v] of privileges) t.addPriviledge(id, v);
    return { token: t.build(), expected: uid === '' ? { channelName } : { channelName, uid } };
  };
  return [
    make('7d72365eb983485397e3e3f9d460bdda', 2882341273, [[1, 1446455471]]),
    make('room', 0, [[1, 1], [2, 2], [3, 3], [4, 4]], 0xffffffff, 0xffffffff),
    make('room', 'account-β', [[1, 1700000000], [101, 1700000000]]),
    make('rtm-user', '', [[1000, 1700000000]]),
    make('many', 42, Array.from({ length: 14 }, (_, i) => [i + 1, 1700000000 + i])),
  ];
}

/** Every seed: library-built and official 007 tokens, official 006 tokens. */
export function buildSeeds(lib) {
  const s007 = libTokens(lib).map((t) => seed007(t, CERT));
  try {
    const file = JSON.parse(readFileSync(new URL('../../vectors/official-007.json', import.meta.url), 'utf8'));
    for (const v of file.vectors) s007.push(seed007(v.token, v.appCertificate));
  } catch {
    // vectors are optional extra seeds
  }
  const s006 = tokens006().map(({ token, expected }) => seed006(token, CERT, expected));
  return { s007, s006, all: [...s007, ...s006] };
}
