/**
 * @module api/inspect-sync — `diagnoseToken` for `agora-token-kit/sync`: the same findings,
 * returned synchronously (the signature check runs on the pure-JS HMAC).
 */

import { diagnosePipeline } from '../inspect/diagnose.ts';
import type { DiagnoseExpectation } from '../inspect/expected.ts';
import type { Finding } from '../inspect/findings.ts';
import { jsHmacBackend } from '../sign/hmac-sync.ts';
import { runSync } from '../sign/run.ts';

/**
 * Synchronous twin of the main entry's `diagnoseToken` (same findings, no Promise).
 *
 * @example
 * ```ts
 * import { diagnoseToken } from 'agora-token-kit/sync';
 * const errors = diagnoseToken(token, { appCertificate, channel: 'room', uid: 42 }).filter((f) => f.severity === 'error');
 * ```
 */
export function diagnoseToken(token: string, expected?: DiagnoseExpectation): Finding[] {
  return runSync(diagnosePipeline(token, expected), jsHmacBackend);
}
