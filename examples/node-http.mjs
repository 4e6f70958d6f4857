/**
 * Node token server on plain `node:http`: the agora-token-kit fetch handler through its Node
 * adapter (the same listener works as Express/Fastify middleware). Run it with
 *
 *   npm install agora-token-kit
 *   AGORA_APP_ID=... AGORA_APP_CERTIFICATE=... DEMO_API_KEY=... node examples/node-http.mjs
 *   curl -H "authorization: Bearer $DEMO_API_KEY" http://localhost:8080/rtc/room/publisher/uid/42/
 *
 * Routes (agora-token-service compatible): GET /rtc/:channel/:role/uid|userAccount/:uid/,
 * GET /rtm/:user/, POST /getToken, GET /ping.
 *
 * The demo key stands for one trusted backend caller: it may ask for any channel, uid, role and
 * user id. Never ship it in a client. For end users, replace `authorize` with your session check and
 * pin what each user may have, e.g. `return user ? { uid: user.agoraUid, rtmUserId: user.id,
 * chatUserId: user.id } : { deny: 401 }` (README, "A token server in one import").
 */
import { createServer } from 'node:http';
import { createTokenHandler } from 'agora-token-kit/server';
import { toNodeHandler } from 'agora-token-kit/server/node';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
};
const apiKey = env('DEMO_API_KEY');

/** Compares in constant time (=== returns at the first differing character, which leaks the key by timing); `b` is never empty. */
function sameText(a, b) {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % b.length);
  return diff === 0;
}

const handler = createTokenHandler({
  appId: env('AGORA_APP_ID'),
  appCertificate: env('AGORA_APP_CERTIFICATE'),
  // Who may have which token: here, any caller with the demo key, for one hour (a grant's lifetime
  // replaces the one the client asked for).
  authorize: (request) =>
    sameText(request.headers.get('authorization') ?? '', `Bearer ${apiKey}`) ? { expiresInSeconds: 3600 } : { deny: 401 },
});

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8080);
createServer(toNodeHandler(handler)).listen(port, host, () => console.log(`token server on http://${host}:${port}`));
