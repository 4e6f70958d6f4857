/**
 * @module token/decode-007 — parses an AccessToken2 string (SPEC 2.9) into a typed result,
 * keeping the raw signingInfo and signature for verification. No certificate needed.
 */

import { toHex } from '../core/bytes.ts';
import { decodeBase64 } from '../core/base64.ts';
import { ByteReader } from '../core/reader.ts';
import { decompress } from '../core/zlib.ts';
import { AgoraTokenError } from '../errors.ts';
import type { DecodedPrivilege, DecodedService, DecodedToken007 } from './decoded.ts';
import { Rtm2Permissions } from './rtm2-permissions.ts';
import { SERVICE_TYPES } from './service-types.ts';

/** A parsed 007 token with the bytes verification needs. */
export interface Parsed007 {
  decoded: DecodedToken007;
  signature: Uint8Array;
  signingInfo: Uint8Array;
}

/** base64 text after a 3-character prefix -> bytes, with a typed error that explains common damage. */
export function decodeTokenBase64(token: string): Uint8Array {
  const bytes = decodeBase64(token, 3);
  if (typeof bytes !== 'string') return bytes;
  let hint = '';
  if (/\s/.test(token)) hint = ' (it contains whitespace: a "+" may have become a space in a URL; encode tokens with encodeURIComponent)';
  else if (/[-_]/.test(token)) hint = ' (it contains "-" or "_": URL-safe base64 is not a valid token spelling)';
  else if (bytes === 'length' || bytes === 'padding') hint = ' (it looks truncated or its "=" padding is missing)';
  throw new AgoraTokenError('ERR_TOKEN_BASE64', `token: not valid base64${hint}`, { field: 'token' });
}

/** Parses a token string that starts with "007". */
export function parse007(token: string): Parsed007 {
  const content = decompress(decodeTokenBase64(token));
  const r = new ByteReader(content);
  const signature = r.bytes('signature');
  if (signature.length !== 32) {
    throw new AgoraTokenError('ERR_TOKEN_MALFORMED', `token field signature: expected 32 bytes, got ${signature.length}`, { field: 'signature' });
  }
  const infoStart = r.offset;
  const appId = r.string('appId');
  const issueTs = r.uint32('issueTs');
  const expire = r.uint32('expire');
  const salt = r.uint32('salt');
  const count = r.uint16('serviceCount');
  const services: DecodedService[] = [];
  let complete = true;
  for (let i = 0; i < count; i++) {
    const type = r.uint16('serviceType');
    const info = SERVICE_TYPES[type];
    if (!info) {
      // Records carry no length: like the official parsers, stop at an unknown type.
      services.push({ name: 'unknown', type, unparsedBytes: r.remaining });
      complete = false;
      break;
    }
    services.push(readService(r, type, info.name, info.privileges));
  }
  if (complete) r.expectEnd('token payload');
  return {
    decoded: { version: '007', appId, issueTs, expire, salt, signature: toHex(signature), services },
    signature,
    signingInfo: content.subarray(infoStart),
  };
}

function readPrivileges(r: ByteReader, names: Readonly<Record<number, string>>): DecodedPrivilege[] {
  const map = r.map32('privileges');
  return Object.keys(map).map((k) => {
    const id = Number(k);
    return { id, name: names[id], expire: map[id]! };
  });
}

function readService(r: ByteReader, type: number, name: string, names: Readonly<Record<number, string>>): DecodedService {
  const privileges = readPrivileges(r, names);
  switch (name) {
    case 'rtc':
      return { type, name, privileges, channelName: r.string('rtc.channelName'), uid: r.string('rtc.uid') };
    case 'rtm':
    case 'chat':
      return { type, name, privileges, userId: r.string(`${name}.userId`) };
    case 'streaming':
    case 'fcdn':
      return { type, name, privileges, channelName: r.string(`${name}.channelName`), account: r.string(`${name}.account`) };
    case 'apaas':
      return { type, name, privileges, roomUuid: r.string('apaas.roomUuid'), userUuid: r.string('apaas.userUuid'), role: r.int16('apaas.role') };
    case 'rtm2': {
      const userId = r.string('rtm2.userId');
      const tree = Rtm2Permissions.unpack(r).details;
      const permissions = Object.keys(tree).flatMap((rt) =>
        Object.keys(tree[Number(rt)]!).map((pt) => ({
          resourceType: Number(rt),
          permissionType: Number(pt),
          resources: tree[Number(rt)]![Number(pt)]!,
        })),
      );
      return { type, name, privileges, userId, permissions };
    }
    default:
      return { type, name: name as 'fpa' | 'convoai' | 'stt', privileges };
  }
}
