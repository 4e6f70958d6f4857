/**
 * @module server/issue — signs the tokens of an authorized request and shapes the success body of
 * each contract: `{ token }`, `{ rtcToken }`, `{ rtmToken }`, `{ rtcToken, rtmToken }`,
 * `{ chatToken }` or the docs' `{ code: "200", token }`. The builders are the library's own:
 * async on Web Crypto by default, or the synchronous pure-JS HMAC (same bytes) when asked.
 */

import * as webcrypto from '../api/async.ts';
import * as js from '../api/sync.ts';
import type { TokenRequest } from './types.ts';

/**
 * Which HMAC implementation signs: `'webcrypto'` (`crypto.subtle`, native in Workers, Deno and
 * Bun) or `'js'` (the library's synchronous HMAC-SHA256, which on Node 20 is ~2.5x faster per
 * token because every `crypto.subtle` call there pays tens of microseconds of glue).
 * @example
 * ```ts
 * createTokenHandler({ appId, appCertificate, authorize, signing: 'js' });
 * ```
 */
export type Signing = 'webcrypto' | 'js';

/** Credentials, issue time and signer for one request. */
export interface SigningContext {
  appId: string;
  appCertificate: string;
  issuedAt: number;
  signing: Signing;
}

const BUILDERS = {
  webcrypto: { rtc: webcrypto.buildRtcToken, rtm: webcrypto.buildRtmToken, chat: webcrypto.buildChatToken },
  js: { rtc: js.buildRtcToken, rtm: js.buildRtmToken, chat: js.buildChatToken },
} as const;

function common(req: TokenRequest, s: SigningContext) {
  return { appId: s.appId, appCertificate: s.appCertificate, issuedAt: s.issuedAt, expiresInSeconds: req.expiresInSeconds };
}

async function rtcToken(req: TokenRequest, s: SigningContext): Promise<string> {
  const identity = typeof req.uid === 'string' ? { account: req.uid } : { uid: req.uid ?? 0 };
  // Token and privileges share one lifetime, as agora-token-service's builders do.
  return BUILDERS[s.signing].rtc({ ...common(req, s), channel: req.channel ?? '', role: req.role ?? 'subscriber', ...identity });
}

async function rtmToken(req: TokenRequest, s: SigningContext): Promise<string> {
  const userId = req.rtmUserId ?? '';
  if (req.streamChannel === undefined) return BUILDERS[s.signing].rtm({ ...common(req, s), userId });
  // agora-token-service's RTM token with a stream channel: RTC join + publishDataStream on that
  // channel for the RTM user (its id as the RTC account), then the RTM login, one lifetime for all.
  // A subscriber (asked on /rte, or granted) joins without publishing.
  const e = req.expiresInSeconds;
  return BUILDERS[s.signing].rtc({
    ...common(req, s),
    channel: req.streamChannel,
    account: userId,
    role: 'subscriber',
    privilegeExpiresInSeconds: req.role === 'subscriber' ? { joinChannel: e } : { joinChannel: e, publishDataStream: e },
    rtm: { userId },
  });
}

async function chatToken(req: TokenRequest, s: SigningContext, app: boolean): Promise<string> {
  const build = BUILDERS[s.signing].chat;
  return app ? build({ ...common(req, s), app: true }) : build({ ...common(req, s), userId: req.chatUserId ?? '' });
}

/** Builds the tokens of `req` and returns the endpoint's JSON success body. */
export async function issueTokens(req: TokenRequest, s: SigningContext): Promise<Record<string, string>> {
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
