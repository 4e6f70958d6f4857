/**
 * Cloudflare Workers token endpoint: `GET /token?channel=room&uid=42[&role=subscriber]` returns
 * `{ token, expiresAt }`. Needs no `nodejs_compat`: agora-token-kit uses Web Crypto only.
 *
 *   npx wrangler secret put AGORA_APP_ID
 *   npx wrangler secret put AGORA_APP_CERTIFICATE
 *   npx wrangler deploy examples/cloudflare-worker.ts --name agora-token --compatibility-date 2025-09-01
 */
import { buildRtcToken, isAgoraTokenError, tokenExpiresAt } from 'agora-token-kit';

interface Env {
  AGORA_APP_ID: string;
  AGORA_APP_CERTIFICATE: string;
}

const EXPIRES_IN_SECONDS = 3600;
/** What a client sends; an error about anything else (the App ID or certificate) is ours, not theirs. */
const REQUEST_FIELDS = new Set(['channel', 'uid', 'role']);

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.pathname !== '/token') {
      return Response.json({ error: { code: 'NOT_FOUND', message: 'use GET /token?channel=&uid=' } }, { status: 404 });
    }
    // Decide here who may join which channel (check a session cookie or a JWT). This demo lets anyone in.
    const uid = url.searchParams.get('uid');
    try {
      const token = await buildRtcToken({
        appId: env.AGORA_APP_ID,
        appCertificate: env.AGORA_APP_CERTIFICATE,
        channel: url.searchParams.get('channel') ?? '',
        // Digits only: Number() would read ' ' as 0 (a token for any uid), and '0x2a' or '1e3' as
        // another number than the client wrote. NaN is refused with ERR_INVALID_UID.
        uid: uid !== null && /^[0-9]{1,10}$/.test(uid) ? Number(uid) : Number.NaN,
        role: url.searchParams.get('role') === 'subscriber' ? 'subscriber' : 'publisher',
        expiresInSeconds: EXPIRES_IN_SECONDS,
      });
      // Unix seconds, read from the token itself: when it (or a privilege in it) stops working.
      return Response.json({ token, expiresAt: tokenExpiresAt(token).getTime() / 1000 });
    } catch (error) {
      // The client's bad input: the error names the field (and never contains the certificate).
      if (isAgoraTokenError(error) && REQUEST_FIELDS.has(error.field ?? '')) {
        return Response.json({ error: { code: error.code, message: error.message } }, { status: 400 });
      }
      // A misconfigured Worker (a missing secret, say) is a server error: log it, tell the client nothing.
      console.error(error);
      return Response.json({ error: { code: 'INTERNAL', message: 'token service misconfigured' } }, { status: 500 });
    }
  },
};
