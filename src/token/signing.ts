/**
 * @module token/signing — the 007 signing chain (SPEC 2.6) as pipeline steps.
 *
 * k1 = HMAC(key = u32(issueTs), msg = certificate text); k2 = HMAC(key = u32(salt), msg = k1);
 * signature = HMAC(key = k2, msg = signingInfo). The packed integers are the HMAC *keys*.
 *
 * k1 depends only on the issue second and the certificate, so it is kept in a small bounded cache:
 * a warm build or verify costs two HMACs (four Web Crypto calls on the main entry), and a cache
 * hit does not even yield a step.
 */

import { certificateBytes } from '../core/bytes.ts';
import type { HmacStep, Pipeline } from '../sign/types.ts';

function u32le(value: number): Uint8Array {
  const b = new Uint8Array(4);
  b[0] = value;
  b[1] = value >>> 8;
  b[2] = value >>> 16;
  b[3] = value >>> 24;
  return b;
}

// k1 cache, most recent first, at most 16 entries: a server signing for several projects keeps
// one entry per certificate for the current second.
const k1Cache: { issueTs: number; cert: string; k1: Uint8Array }[] = [];

/** k1 for this certificate and second, if cached. */
export function findK1(cert: string, issueTs: number): Uint8Array | undefined {
  for (const e of k1Cache) if (e.issueTs === issueTs && e.cert === cert) return e.k1;
  return undefined;
}

/**
 * Caches k1 (most recent first, at most 16 entries) and returns it. Awaited builds that all missed
 * the cache in the same second each get here with the same k1: it is stored once, so a burst does
 * not push other certificates' entries out.
 */
export function rememberK1(cert: string, issueTs: number, k1: Uint8Array): Uint8Array {
  if (!findK1(cert, issueTs) && k1Cache.unshift({ issueTs, cert, k1 }) > 16) k1Cache.pop();
  return k1;
}

/** The first link of the chain: k1 = HMAC(u32(issueTs), certificate). */
export function k1Step(appCertificate: string, issueTs: number): HmacStep {
  return { op: 'hmac', key: u32le(issueTs), message: certificateBytes(appCertificate) } as const;
}

/** The second link: k2 = HMAC(u32(salt), k1). */
export function k2Step(salt: number, k1: Uint8Array): HmacStep {
  return { op: 'hmac', key: u32le(salt), message: k1 } as const;
}

/*
 * Signing is written out in the 007 build pipeline (token/access-token2.ts) rather than as a
 * generator here that it would delegate to: each `yield*` level is one more generator object and
 * one more frame on every resume, and a build resumes three times.
 */

/** Checks a signature over signingInfo in constant time. */
export function* verify007(
  appCertificate: string,
  issueTs: number,
  salt: number,
  signingInfo: Uint8Array,
  signature: Uint8Array,
): Pipeline<boolean> {
  const k1 = findK1(appCertificate, issueTs) ?? rememberK1(appCertificate, issueTs, yield k1Step(appCertificate, issueTs));
  const k2 = yield k2Step(salt, k1);
  return yield { op: 'verify', key: k2, message: signingInfo, mac: signature };
}
