/**
 * @module server/issue — signs the tokens of an authorized request with the async (Web Crypto)
 * builders and shapes the success body of each contract: `{ token }`, `{ rtcToken }`,
 * `{ rtmToken }`, `{ rtcToken, rtmToken }`, `{ chatToken }` or the docs' `{ code: "200", token }`.
 */

import { buildChatToken, buildRtcToken, buildRtmToken } from '../api/async.ts';
import type { TokenRequest } from './types.ts';

/** Credentials and issue time for one request. */
export interface Signing {
  appId: string;
  appCertificate: string;
  issuedAt: number;
}

function rtcToken(req: TokenRequest, s: Signing): Promise<string> {
  const identity = typeof req.uid === 'string' ? { account: req.uid } : { uid: req.uid ?? 0 };
  // Token and privileges share one lifetime, as agora-token-service's builders do.
  return buildRtcToken({
    appId: s.appId, appCertificate: s.appCertificate, issuedAt: s.issuedAt, expiresInSeconds: req.expiresInSeconds,
    channel: req.channel ?? '', role: req.role ?? 'subscriber', ...identity,
  });
}

function rtmToken(req: TokenRequest, s: Signing): Promise<string> {
  return buildRtmToken({ appId: s.appId, appCertificate: s.appCertificate, issuedAt: s.issuedAt, expiresInSeconds: req.expiresInSeconds, userId: req.rtmUserId ?? '' });
}

function chatToken(req: TokenRequest, s: Signing, app: boolean): Promise<string> {
  const common = { appId: s.appId, appCertificate: s.appCertificate, issuedAt: s.issuedAt, expiresInSeconds: req.expiresInSeconds };
  return app ? buildChatToken({ ...common, app: true }) : buildChatToken({ ...common, userId: req.chatUserId ?? '' });
}

/** Builds the tokens of `req` and returns the endpoint's JSON success body. */
export async function issueTokens(req: TokenRequest, s: Signing): Promise<Record<string, string>> {
  switch (req.endpoint) {
    case 'rtc':
      return { rtcToken: await rtcToken(req, s) };
    case 'rtm':
      return { rtmToken: await rtmToken(req, s) };
    case 'rte': {
      const [rtc, rtm] = await Promise.all([rtcToken(req, s), rtmToken(req, s)]);
      return { rtcToken: rtc, rtmToken: rtm };
    }
    case 'chat':
      return { chatToken: await chatToken(req, s, req.types.includes('chat-app')) };
    case 'fetch_rtc_token':
      return { code: '200', token: await rtcToken(req, s) };
    default: {
      const type = req.types[0];
      const token = type === 'rtm' ? rtmToken(req, s) : type === 'chat' || type === 'chat-app' ? chatToken(req, s, type === 'chat-app') : rtcToken(req, s);
      return { token: await token };
    }
  }
}
