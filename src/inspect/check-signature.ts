/**
 * @module inspect/check-signature — the signature finding as a pipeline (Web Crypto or the pure-JS HMAC
 * runs it). The certificate is hashed as text (SPEC Q12), so a wrong letter case is tried and
 * named without ever echoing the certificate.
 */

import { parse006, verify006 } from '../legacy/parse-006.ts';
import type { Pipeline } from '../sign/types.ts';
import { parse007Signed } from '../token/decode-007.ts';
import { verify007 } from '../token/signing.ts';
import { type Finding, finding } from './findings.ts';

/** What a 006 signature check needs: the signed channel and packed uid (undefined: not known). */
export type Signed006 = { channel: string; uid: string } | undefined;

function* verifies(token: string, certificate: string, signed: Signed006): Pipeline<boolean> {
  if (token.startsWith('007')) {
    const p = parse007Signed(token);
    return yield* verify007(certificate, p.issueTs, p.salt, p.signingInfo, p.signature);
  }
  const p = parse006(token);
  // A uid CRC of 0 is uid 0's (the empty text) or, rarely, a uid's own (crc32("863045057") is 0):
  // for a uid of the latter kind, the token may be either.
  return (yield* verify006(p, certificate, signed!.channel, signed!.uid)) || (p.decoded.crcUid === 0 && signed!.uid !== '' && (yield* verify006(p, certificate, signed!.channel, '')));
}

/** Signature findings; `signed` is required for 006 tokens (else SIGNATURE_NOT_CHECKED). */
export function* signatureFindings(token: string, certificate: string | undefined, signed: Signed006, why006: string): Pipeline<Finding[]> {
  if (certificate === undefined) {
    return [finding('SIGNATURE_NOT_CHECKED', 'The signature was not checked because no App Certificate was given.', 'On the server, pass appCertificate (never ship it to a client) to prove the token is yours.')];
  }
  if (token.startsWith('006') && signed === undefined) {
    return [finding('SIGNATURE_NOT_CHECKED', `The 006 signature covers the channel name and uid, which the token does not store: ${why006}.`, 'Pass the channel and the uid/account the token was built for to check the signature.')];
  }
  if (yield* verifies(token, certificate, signed)) {
    return [finding('SIGNATURE_VALID', 'The signature verifies with the given App Certificate: the token was built with this certificate and has not been altered.', 'Nothing to do.')];
  }
  for (const [variant, label] of [[certificate.toLowerCase(), 'lower'], [certificate.toUpperCase(), 'upper']] as const) {
    if (variant !== certificate && (yield* verifies(token, variant, signed))) {
      return [finding('CERTIFICATE_CASE',
        `The signature verifies only when the App Certificate is written in ${label} case: the certificate is signed as text, so the token server and you use it with different letter case.`,
        'Copy the App Certificate exactly as Agora Console shows it, on every server.',
        { verifiesWith: `${label}-case certificate` })];
    }
  }
  // The official 006 builders sign with the certificate as given, so one read from an env file or
  // a config value keeps its line break or quotes. Tried only for a clean certificate.
  if (certificate.trim() === certificate) {
    for (const [variant, label] of [
      [`${certificate}\n`, 'a trailing line break'],
      [`${certificate}\r\n`, 'a trailing CRLF line break'],
      [`${certificate}\r`, 'a trailing carriage return'],
      [`${certificate} `, 'a trailing space'],
      [` ${certificate}`, 'a leading space'],
      [`"${certificate}"`, 'surrounding double quotes'],
    ] as const) {
      if (yield* verifies(token, variant, signed)) {
        return [finding('CERTIFICATE_UNTRIMMED',
          `The signature verifies only with ${label} added to the App Certificate: the token server read the certificate with extra characters (an env file, a secret store or a quoted config value).`,
          'Trim the App Certificate where the token server reads it, then build new tokens.',
          { verifiesWith: `certificate with ${label}` })];
      }
    }
  }
  return [finding('SIGNATURE_INVALID',
    'The signature does not verify with the given App Certificate: the token was built with another certificate (another project, or a primary/secondary certificate that was changed) or was altered in transit.',
    'Build tokens with the App Certificate of the same project as the App ID, and pass tokens unmodified (URL-encode them).')];
}
