/**
 * @module api/inspect-async — `diagnoseToken` on Web Crypto (main entry): always a Promise, so
 * callers need not know whether a signature check happened.
 */

import { diagnosePipeline } from '../inspect/diagnose.ts';
import type { DiagnoseExpectation } from '../inspect/expected.ts';
import type { Finding } from '../inspect/findings.ts';
import { runAsync } from '../sign/run.ts';
import { webCryptoBackend } from '../sign/webcrypto.ts';

/**
 * Explains why a token would be rejected: a list of findings (errors first), each with a stable
 * `code`, a `severity`, a one-sentence `message` and `fix`. Give what you know in `expected`;
 * the signature is checked only when `appCertificate` is given (server-side). Anything wrong with
 * the token is a finding; only a bad `expected` rejects (AgoraTokenError).
 *
 * @example
 * ```ts
 * import { diagnoseToken } from 'agora-token-kit';
 * const findings = await diagnoseToken(token, { channel: 'room', uid: 42, role: 'publisher' });
 * for (const f of findings) console.log(f.severity, f.code, f.message, f.fix);
 * ```
 */
export function diagnoseToken(token: string, expected?: DiagnoseExpectation): Promise<Finding[]> {
  return runAsync(() => diagnosePipeline(token, expected), webCryptoBackend);
}
