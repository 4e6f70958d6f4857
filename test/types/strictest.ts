/**
 * The public API under the strictest compiler flags consumers turn on (tsconfig.strictest.json:
 * exactOptionalPropertyTypes, noUncheckedIndexedAccess, noPropertyAccessFromIndexSignature,
 * verbatimModuleSyntax, with declaration emit), compiled (never run) by test/types.test.ts against the
 * built declarations.
 * Under exactOptionalPropertyTypes an optional option rejects an explicit `undefined` unless it is
 * declared `?: T | undefined`; the library accepts `undefined` for every option written here (checked
 * at run time by test/server-frameworks.test.ts and test/exact-optional.test.ts), so the types must too.
 */
import { buildRtcToken, buildRtmToken, diagnoseToken, inspectToken, verifyToken } from 'agora-token-kit';
import { AccessToken2, AgoraTokenError, buildChatToken } from 'agora-token-kit/sync';
import { createMemoryRateLimiter, createTokenHandler, type IssueEvent, type TokenGrant, type TokenRequest } from 'agora-token-kit/server';
import { serve, toNodeHandler } from 'agora-token-kit/server/node';

declare const env: Record<string, string | undefined>;
declare const query: URLSearchParams;
declare const token: string;
declare const short: boolean;
const appId = '970CA35de60c44645bbae8a215061b33';
const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b';

// Builders: a lifetime that may be absent, an RTM part that may be absent.
void buildRtcToken({ appId, appCertificate, channel: 'room', uid: 42, role: 'publisher', expiresInSeconds: short ? 600 : undefined, rtm: undefined });
// The nested rtm options take undefined too (a userId read from an optional field).
void buildRtcToken({ appId, appCertificate, channel: 'room', uid: 42, role: 'publisher', rtm: { userId: short ? 'alice' : undefined, expiresInSeconds: short ? 600 : undefined } });
void buildRtmToken({ appId, appCertificate, userId: 'alice', expiresInSeconds: undefined, permissions: undefined });
void buildChatToken({ appId, appCertificate, userId: 'alice', issuedAt: undefined, salt: undefined });

// Explaining a token with what a query string may or may not carry.
void diagnoseToken(token, { appId, channel: query.get('channel') ?? undefined, uid: query.get('uid') ?? undefined, now: undefined });
void inspectToken(token, { now: undefined });
void verifyToken(token, appCertificate, { channelName: 'room', uid: undefined });

// The README's and the TSDoc's authorize: the asked role passed through (undefined for RTM and Chat requests).
declare function sessionUser(request: Request): Promise<{ agoraUid: number; id: string } | undefined>;
const handler = createTokenHandler({
  appId,
  appCertificate,
  basePath: env['TOKEN_BASE_PATH'],
  maxExpiresInSeconds: undefined,
  cors: { origins: ['https://app.example.com'], credentials: undefined, maxAgeSeconds: undefined },
  rateLimit: createMemoryRateLimiter({ limit: 30, windowSeconds: undefined }),
  authorize: async (request: Request, asked: TokenRequest): Promise<TokenGrant | false> => {
    const user = await sessionUser(request);
    if (!user) return false;
    return { uid: user.agoraUid, rtmUserId: user.id, chatUserId: user.id, role: asked.role, expiresInSeconds: undefined };
  },
});
void toNodeHandler(handler, { origin: env['PUBLIC_ORIGIN'], responseTimeoutMs: undefined });
void serve({ handler, port: 0, host: env['HOST'], signal: undefined });

// A subclass whose declarations name the protected pipeline's type (emitted: TS2742 until it was exported).
export class TracedToken extends AccessToken2 {
  pipe() {
    return this.buildPipeline();
  }
}

// Named keys read with dots under noPropertyAccessFromIndexSignature (they were index signatures: TS4111).
export const firstErrorCode = (await diagnoseToken('garbage'))[0]?.details?.errorCode;
export const channelOf = inspectToken(token).services[0]?.fields.channelName;

// Function-valued and error options take undefined too.
declare const maybeAddress: ((request: Request, platform: unknown) => string | undefined) | undefined;
declare const maybeKey: ((request: Request, clientAddress: string | undefined) => string) | undefined;
void createTokenHandler({ appId, appCertificate, insecureAllowAnyone: true, clientAddress: maybeAddress });
void createMemoryRateLimiter({ limit: 1, key: maybeKey });
void new AgoraTokenError('ERR_INVALID_ARGUMENT', 'x: bad', { field: env['FIELD'], cause: undefined });

// From a TypeScript-consumer audit (2026-11-25): what the run time accepts, the types accept.
// RTM 2.x permissions as a plain { details } (or agora-token's own class), as the positional form takes them.
void buildRtmToken({ appId, appCertificate, userId: 'alice', permissions: { details: { 1: { 1: ['room-*'] } } } });
// A user token's `app` read from a flag that may be undefined.
void buildChatToken({ appId, appCertificate, userId: 'alice', app: short ? false : undefined });
// onIssue's optional fields are present with the value undefined when they do not apply (an RTM
// event's channel), which exactOptionalPropertyTypes says only with `| undefined`.
const rtmEvent: IssueEvent = {
  endpoint: 'getToken', types: ['rtm'], channel: undefined, uid: undefined, role: undefined, rtmUserId: 'alice',
  streamChannel: undefined, chatUserId: undefined, expiresInSeconds: 3600, issuedAt: 1_700_000_000, clientAddress: undefined, request: new Request('https://x.example/'),
};
void rtmEvent;
