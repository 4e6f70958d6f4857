/**
 * @module bench/token-server-child — one token server in its own process, for the load benchmark
 * and the soak: `ours` (agora-token-kit/server/node, from dist/ or the module in
 * AGORA_SERVER_MODULE) or `express` (Express 5 + the official agora-token, doing the same work).
 * Prints `{"url": ...}` on stdout; answers IPC `{ type: 'memory' }` with post-GC memory usage
 * (run with --expose-gc) and `{ type: 'stop' }` by exiting.
 */

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import process from 'node:process';

export const APP_ID = '970ca35de60c44645bbae8a215061b33';
export const CERT = '5cfd2fd1755d40ecb72977518be15d3b';

const require = createRequire(import.meta.url);
const kind = process.argv[2] ?? 'ours';

async function startOurs() {
  const modulePath = process.env.AGORA_SERVER_MODULE ?? new URL('../dist/server-node.js', import.meta.url).href;
  const { serve } = await import(modulePath.startsWith('file:') ? modulePath : pathToFileURL(modulePath).href);
  // Same policy a production deployment would run: an authorize hook (here: any caller with the
  // bench's bearer token), CORS allowlist, defaults for body limit and expiry.
  const running = await serve({
    appId: APP_ID,
    appCertificate: CERT,
    port: 0,
    host: '127.0.0.1',
    cors: { origins: ['https://app.example.com'] },
    authorize: (request) => (request.headers.get('authorization') === 'Bearer bench' ? true : { deny: 401 }),
  });
  return running.url;
}

async function startExpress() {
  const express = require('express');
  const { RtcTokenBuilder, RtcRole } = require('agora-token');
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '8kb' }));
  // The agora-token-service /getToken contract on Express with the official builder: the same
  // checks a careful sample would do (bearer token, required fields, expiry cap) and no-cache headers.
  app.post('/getToken', (req, res) => {
    if (req.headers.authorization !== 'Bearer bench') return res.status(401).json({ error: { code: 'ERR_UNAUTHORIZED', message: 'authentication required' } });
    const { tokenType, channel, uid, role, expire = 3600 } = req.body ?? {};
    if (tokenType !== 'rtc' || typeof channel !== 'string' || channel === '' || uid === undefined || !Number.isInteger(expire) || expire > 86400) {
      return res.status(400).json({ error: { code: 'ERR_BAD_REQUEST', message: 'bad request' } });
    }
    const token = RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, channel, Number(uid), role === 'publisher' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER, expire, expire);
    res.set({ 'cache-control': 'private, no-cache, no-store, must-revalidate', expires: '-1', pragma: 'no-cache' });
    return res.json({ token });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

const url = kind === 'express' ? await startExpress() : await startOurs();
process.stdout.write(`${JSON.stringify({ url, kind })}\n`);

process.on('message', (message) => {
  if (message?.type === 'memory') {
    globalThis.gc?.();
    globalThis.gc?.();
    const m = process.memoryUsage();
    process.send?.({ type: 'memory', rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, gc: typeof globalThis.gc === 'function' });
  } else if (message?.type === 'stop') {
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
