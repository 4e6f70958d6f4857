/**
 * @module test/runtimes/deno-types — the package's declarations as a Deno project sees them:
 * every entry imported by name from node_modules, checked by `deno check` (Deno's own TypeScript
 * and its web and Deno libs, not tsc's DOM lib). Type-only: it is checked, never run.
 * test/types/consumer.ts holds the full set of type expectations for tsc; this keeps the ones
 * that matter for a Deno user, and the handler's fit with Deno.serve.
 */
import { type DecodedToken, decodeToken, diagnoseToken, inspectToken, RtcRole, RtcTokenBuilder, tokenExpiresAt, verifyToken } from 'agora-token-kit';
import { AgoraTokenError, isAgoraTokenError, type TokenErrorCode } from 'agora-token-kit/errors';
import * as legacy from 'agora-token-kit/legacy';
import * as legacySync from 'agora-token-kit/legacy/sync';
import { createTokenHandler } from 'agora-token-kit/server';
import { toNodeHandler } from 'agora-token-kit/server/node';
import * as sync from 'agora-token-kit/sync';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | void {}

declare const APP: string;
declare const CERT: string;
declare const token: string;

expectType<Equal<ReturnType<typeof RtcTokenBuilder.buildTokenWithUid>, Promise<string>>>();
expectType<Equal<ReturnType<typeof sync.RtcTokenBuilder.buildTokenWithUid>, string>>();
expectType<Equal<ReturnType<typeof legacy.RtcTokenBuilder.buildTokenWithUid>, Promise<string>>>();
expectType<Equal<ReturnType<typeof legacySync.RtcTokenBuilder.buildTokenWithUid>, string>>();
expectType<Equal<ReturnType<typeof verifyToken>, Promise<boolean>>>();
expectType<Equal<ReturnType<typeof sync.verifyToken>, boolean>>();
expectType<Equal<ReturnType<typeof decodeToken>, DecodedToken>>();
expectType<Equal<ReturnType<typeof tokenExpiresAt>, Date>>();
expectType<Equal<typeof RtcRole.PUBLISHER, 1 | 2>>(); // typed as the role union, so a `let` can take the other role

// @ts-expect-error 007 roles are 1 and 2 (101 is a 006 role)
sync.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, 101, 3600, 3600);

// A decoded token narrows on its version.
const decoded = decodeToken(token);
if (decoded.version === '007') {
  const channels: string[] = decoded.services.flatMap((s) => (s.name === 'rtc' ? [s.channelName] : []));
  void channels;
} else {
  const expires: number = decoded.privileges[0]?.expire ?? 0;
  void expires;
}
void inspectToken(token).expiresAt;
void diagnoseToken(token, { channel: 'room', uid: 42 }).then((findings) => findings.map((f) => f.code));

// Errors carry typed codes.
try {
  sync.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, RtcRole.PUBLISHER, 3600, 3600);
} catch (error) {
  if (isAgoraTokenError(error)) {
    const code: TokenErrorCode = error.code;
    void code;
  }
  void (error instanceof AgoraTokenError);
}

// The web handler is exactly what Deno.serve takes; the Node adapter is still importable.
export function serve(): void {
  Deno.serve(createTokenHandler({ appId: APP, appCertificate: CERT, authorize: () => ({ expiresInSeconds: 600 }) }));
}
void toNodeHandler;
