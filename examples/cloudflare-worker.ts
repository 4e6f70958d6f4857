/**
 * DEMO ONLY, no authentication: anyone who can reach it gets a token for the channel, uid and role
 * they name. Cloudflare Workers token endpoint: `GET /token?channel=room&uid=42[&role=subscriber]`
 * returns `{ token, expiresAt }`. Needs no `nodejs_compat`: agora-token-kit uses Web Crypto only.
 * For a real endpoint, use createTokenHandler with `authorize` as in the README's Workers section.
 *
 *   npx wrangler secret put AGORA_APP_ID
 *   npx wrangler secret put AGORA_APP_CERTIFICATE
 *   npx wrangler deploy examples/cloudflare-worker.ts --name agora-token --compatibility-date 2025-09-01
 */
import { buildRtcToken, isAgoraTokenError } from 'agora-token-kit';

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
    // Decide here who may join which channel as whom (check a session cookie or a JWT). This demo
    // gives any caller a token for the channel and uid it names.
    const uid = url.searchParams.get('uid');
    const channel = url.searchParams.get('channel') ?? '';
    if (channel === '*') {
      // "*" would sign a wildcard token, valid in every channel: never for a client's asking.
      return Response.json({ error: { code: 'ERR_INVALID_CHANNEL', message: 'channel: "*" (a token for every channel) is not issued here' } }, { status: 400 });
    }
    const issuedAt = Math.floor(Date.now() / 1000);
    try {
      const token = await buildRtcToken({
        appId: env.AGORA_APP_ID,
        appCertificate: env.AGORA_APP_CERTIFICATE,
        channel,
        // Digits only: Number() would read ' ' as 0 (a token for any uid), and '0x2a' or '1e3' as
        // another number than the client wrote. NaN is refused with ERR_INVALID_UID.
        uid: uid !== null && /^[0-9]{1,10}$/.test(uid) ? Number(uid) : Number.NaN,
        // 'publisher' unless asked; any other text (a typo, 'admin') is refused with ERR_INVALID_ROLE.
        role: (url.searchParams.get('role') ?? 'publisher') as 'publisher' | 'subscriber',
        issuedAt,
        expiresInSeconds: EXPIRES_IN_SECONDS,
      });
      // Unix seconds at which the token and its privileges stop working (all last EXPIRES_IN_SECONDS).
      return Response.json({ token, expiresAt: issuedAt + EXPIRES_IN_SECONDS }, { headers: { 'cache-control': 'no-store' } });
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
