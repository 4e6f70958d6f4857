/**
 * Next.js (App Router) token endpoint: save as `app/api/agora/[...route]/route.ts`. Runs on the
 * Edge runtime, or on Node without the `runtime` line (Next.js 16 warns that its Edge runtime is
 * deprecated and suggests Node; the handler is the same on both). Set AGORA_APP_ID, AGORA_APP_CERTIFICATE and
 * DEMO_API_KEY in the environment, then
 *
 *   curl -H "authorization: Bearer $DEMO_API_KEY" http://localhost:3000/api/agora/rtc/room/publisher/uid/42
 *
 * The demo key stands for one trusted backend caller: it may ask for any channel, uid, role and
 * user id. Never ship it in a client. For end users, replace `authorize` with your session check
 * (e.g. your auth library's `auth()`) and pin what each user may have, e.g. `return user ? { uid:
 * user.agoraUid, rtmUserId: user.id, chatUserId: user.id } : { deny: 401 }` (README, "A token
 * server in one import").
 */
import { createTokenHandler } from 'agora-token-kit/server';

export const runtime = 'edge';

let handler: ((request: Request) => Promise<Response>) | undefined;

/** Compares in constant time (=== returns at the first differing character, which leaks the key by timing); `b` is never empty. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % b.length);
  return diff === 0;
}

// Created on first request so a missing variable fails the request, not the build.
function tokenHandler(): (request: Request) => Promise<Response> {
  handler ??= createTokenHandler({
    appId: process.env.AGORA_APP_ID ?? '',
    appCertificate: process.env.AGORA_APP_CERTIFICATE ?? '',
    basePath: '/api/agora',
    // Who may have which token: here, any caller with the demo key, for one hour (a grant's lifetime
    // replaces the one the client asked for).
    authorize: (request) =>
      process.env.DEMO_API_KEY && sameText(request.headers.get('authorization') ?? '', `Bearer ${process.env.DEMO_API_KEY}`)
        ? { expiresInSeconds: 3600 }
        : { deny: 401 },
  });
  return handler;
}

export function GET(request: Request): Promise<Response> {
  return tokenHandler()(request);
}

export function POST(request: Request): Promise<Response> {
  return tokenHandler()(request);
}

// Without an OPTIONS export Next.js answers preflights itself, with no CORS headers, so a browser
// on another origin is refused even when the handler is given `cors: { origins: [...] }`.
export function OPTIONS(request: Request): Promise<Response> {
  return tokenHandler()(request);
}
