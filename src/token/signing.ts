/**
 * @module token/signing — the 007 signing chain (SPEC 2.6) as pipeline steps.
 *
 * k1 = HMAC(key = u32(issueTs), msg = certificate text); k2 = HMAC(key = u32(salt), msg = k1);
 * signature = HMAC(key = k2, msg = signingInfo). The packed integers are the HMAC *keys*.
 */

import { utf8 } from '../core/bytes.ts';
import type { Pipeline } from '../sign/types.ts';

function u32le(value: number): Uint8Array {
  const b = new Uint8Array(4);
  b[0] = value;
  b[1] = value >>> 8;
  b[2] = value >>> 16;
  b[3] = value >>> 24;
  return b;
}

let lastCert = '';
let lastCertBytes: Uint8Array = new Uint8Array(0);
function certBytes(appCertificate: string): Uint8Array {
  if (appCertificate !== lastCert) {
    lastCertBytes = utf8(appCertificate);
    lastCert = appCertificate;
  }
  return lastCertBytes;
}

/** Derives k2, the key that signs the signingInfo. k1 is memoised per (issueTs, certificate). */
export function* signingKey(appCertificate: string, issueTs: number, salt: number): Pipeline<Uint8Array> {
  const k1: Uint8Array = yield { op: 'hmac', key: u32le(issueTs), message: certBytes(appCertificate), cacheKey: `007:${issueTs}:${appCertificate}` };
  return yield { op: 'hmac', key: u32le(salt), message: k1 };
}

/** Signs signingInfo. */
export function* sign007(appCertificate: string, issueTs: number, salt: number, signingInfo: Uint8Array): Pipeline<Uint8Array> {
  const key = yield* signingKey(appCertificate, issueTs, salt);
  return yield { op: 'hmac', key, message: signingInfo };
}

/** Checks a signature over signingInfo in constant time. */
export function* verify007(
  appCertificate: string,
  issueTs: number,
  salt: number,
  signingInfo: Uint8Array,
  signature: Uint8Array,
): Pipeline<boolean> {
  const key = yield* signingKey(appCertificate, issueTs, salt);
  return yield { op: 'verify', key, message: signingInfo, mac: signature };
}
