/**
 * @module test/runtimes/harness/official — the oracle for tokens that come back over HTTP: the
 * official `agora-token` 2.0.6 parser and verifier (devDependency, Node only).
 */

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { AccessToken2 } = require('agora-token/src/AccessToken2');

// The official parser keeps strings as Buffers.
const text = (v) => (v === undefined ? undefined : String(v));

/** Parses a 007 token with the official code and verifies it with `cert`. */
export function officialParse(token, cert) {
  const t = new AccessToken2();
  const parsed = t.from_string(token);
  return {
    parsed,
    verified: parsed && t.verifySignature(cert),
    appId: text(t.appId),
    issueTs: t.issueTs,
    expire: t.expire,
    services: t.services.map((s) => ({
      type: s.service_type(),
      channelName: text(s.__channel_name),
      uid: text(s.__uid),
      userId: text(s.__user_id),
      privileges: { ...s.__privileges },
    })),
  };
}
