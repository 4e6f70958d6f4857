// The node adapter in Fastify, as middleware (@fastify/middie `app.use`) and inside a hijacked
// route, on a real loopback server: token routes answer with tokens the official parser verifies,
// other routes reach Fastify.
import middie from '@fastify/middie';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTokenHandler } from '../src/server.ts';
import { toNodeHandler } from '../src/server-node.ts';
import { officialParse, officialVerify } from './helpers/official.ts';
import { APP_ID, CERT, OTHER_CERT, postJson } from './helpers/token-server.ts';

describe('node adapter as Fastify middleware', () => {
  it('serves token routes via app.use and leaves other routes to Fastify', async () => {
    const app = Fastify();
    await app.register(middie);
    app.use(toNodeHandler(createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true })));
    app.get('/other', async () => ({ other: true }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect(await (await fetch(`${url}/other`)).json()).toEqual({ other: true });
      const res = await postJson(`${url}/getToken`, { tokenType: 'rtc', channel: 'fast', uid: 9, role: 'subscriber' });
      expect(res.status).toBe(200);
      const { token } = (await res.json()) as { token: string };
      expect(officialVerify(token, CERT)).toBe(true);
      expect(officialVerify(token, OTHER_CERT)).toBe(false);
      expect(officialParse(token)!.services[0]).toMatchObject({ type: 1, fields: { channelName: 'fast', uid: '9' }, privileges: { '1': 3600 } });
      const rtm = (await (await fetch(`${url}/rtm/ann/`)).json()) as { rtmToken: string };
      expect(officialParse(rtm.rtmToken)!.services[0]!.fields).toEqual({ userId: 'ann' });
      const bad = await fetch(`${url}/getToken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"tokenType":"rtc","channel":"a/b","uid":1}' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toMatch(/^ERR_/);
    } finally {
      await app.close();
    }
  });

  it('in a route with reply.hijack(): works when the parsed body is handed over on request.raw.body, and is a 500 (not a 400 "not valid JSON") when it is not', async () => {
    const node = toNodeHandler(createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, basePath: '/token' }));
    for (const handOver of [true, false]) {
      const app = Fastify();
      app.all('/token/*', (request, reply) => {
        reply.hijack();
        if (handOver) (request.raw as { body?: unknown }).body = request.body;
        return node(request.raw, reply.raw);
      });
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const res = await postJson(`${url}/token/getToken`, { tokenType: 'rtc', channel: 'hijacked', uid: 4, role: 'publisher' });
        if (handOver) {
          expect(res.status).toBe(200);
          const { token } = (await res.json()) as { token: string };
          expect(officialVerify(token, CERT)).toBe(true);
          expect(officialParse(token)!.services[0]!.fields).toEqual({ channelName: 'hijacked', uid: '4' });
        } else {
          expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([500, 'ERR_INTERNAL']);
        }
      } finally {
        await app.close();
      }
    }
  });
});
