/**
 * Cloudflare Workers token endpoint: `GET /token?channel=room&uid=42[&role=subscriber]` returns
 * `{ token, expiresAt }`. Needs no `nodejs_compat`: agora-token-kit uses Web Crypto only.
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
        uid: uid ? Number(uid) : Number.NaN,
        role: url.searchParams.get('role') === 'subscriber' ? 'subscriber' : 'publisher',
        expiresInSeconds: EXPIRES_IN_SECONDS,
      });
      return Response.json({ token, expiresAt: Math.floor(Date.now() / 1000) + EXPIRES_IN_SECONDS });
    } catch (error) {
      // Bad input: the error names the field and never contains the certificate.
      if (isAgoraTokenError(error)) return Response.json({ error: { code: error.code, message: error.message } }, { status: 400 });
      throw error;
    }
  },
};
