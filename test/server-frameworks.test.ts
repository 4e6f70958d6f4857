// The node adapter and the fetch handler inside the frameworks and wrappers users mount them in
// (Express under a path and behind a proxy, serverless-http, Koa with and without a body parser,
// Next.js-style awaiting of the handler, a Request whose body middleware already read). Each case
// is one an adoption audit saw go wrong; requests go over loopback HTTP where the framework listens,
// and every token is checked by the official agora-token parser.
import bodyParser from '@koa/bodyparser';
import express from 'express';
import Koa from 'koa';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import serverless from 'serverless-http';
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter, createTokenHandler, type TokenRequest } from '../src/server.ts';
import { toNodeHandler } from '../src/server-node.ts';
import { officialVerifiedFields } from './helpers/official.ts';
import { APP_ID, CERT, postJson } from './helpers/token-server.ts';

async function listen(listener: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(listener).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** The RTC service fields of a token the official parser reads and verifies. */
const rtcFields = (token: unknown): Record<string, unknown> => officialVerifiedFields(token, CERT);

/** Collects this process's AgoraTokenKitWarning texts while `fn` runs. */
async function warningsDuring(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onWarning = (w: Error) => {
    if (w.name === 'AgoraTokenKitWarning') seen.push(w.message);
  };
  process.on('warning', onWarning);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 20)); // warnings are emitted on the next tick
  } finally {
    process.off('warning', onWarning);
  }
  return seen;
}

describe('Express: mounted under a path, behind a proxy', () => {
  it('app.use(path, handler) works with that path as basePath (it was a silent 404) and without one', async () => {
    const seen: string[] = [];
    const withBase = createTokenHandler({ appId: APP_ID, appCertificate: CERT, basePath: '/api/agora', authorize: (r: Request) => (seen.push(new URL(r.url).pathname), true) });
    const bare = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true });
    const app = express();
    app.use('/api/agora', toNodeHandler(withBase));
    app.use('/tokens', toNodeHandler(bare));
    app.get('/api/agora/other', (_req, res) => void res.json({ other: true }));
    const s = await listen(app);
    try {
      const a = await fetch(`${s.url}/api/agora/rtc/room-a/publisher/uid/5/`);
      expect(a.status).toBe(200);
      expect(rtcFields(((await a.json()) as { rtcToken: string }).rtcToken)).toEqual({ channelName: 'room-a', uid: '5' });
      // authorize sees the path the client asked for, not Express's stripped one
      expect(seen).toEqual(['/api/agora/rtc/room-a/publisher/uid/5/']);
      const b = await fetch(`${s.url}/tokens/rtc/room-b/publisher/uid/6/`);
      expect(rtcFields(((await b.json()) as { rtcToken: string }).rtcToken)).toEqual({ channelName: 'room-b', uid: '6' });
      // paths the handler does not serve still fall through to the app
      expect(await (await fetch(`${s.url}/api/agora/other`)).json()).toEqual({ other: true });
    } finally {
      await s.close();
    }
  });

  it("forwarded addresses only by opt-in: by default the socket's peer even under 'trust proxy' (a client can send X-Forwarded-For); with clientAddress reading Express's req.ip, per client", async () => {
    const addresses: (string | undefined)[] = [];
    const make = (optIn: boolean) =>
      createTokenHandler({
        appId: APP_ID,
        appCertificate: CERT,
        authorize: (_r: Request, asked: TokenRequest) => (addresses.push(asked.clientAddress), true),
        rateLimit: createMemoryRateLimiter({ limit: 1, windowSeconds: 60 }),
        ...(optIn ? { clientAddress: (_r: Request, platform: unknown) => (platform as { req: { ip?: string } }).req.ip } : {}),
      });
    for (const optIn of [false, true]) {
      addresses.length = 0;
      const app = express();
      app.set('trust proxy', 1); // one proxy hop: req.ip is the address that proxy saw
      app.use(toNodeHandler(make(optIn)));
      const s = await listen(app);
      try {
        const statuses: number[] = [];
        for (const client of ['203.0.113.7', '198.51.100.9', '203.0.113.7']) {
          statuses.push((await fetch(`${s.url}/rtc/r/publisher/uid/1/`, { headers: { 'x-forwarded-for': client } })).status);
        }
        if (optIn) {
          // one bucket per client: the third request is the first client's second
          expect(statuses).toEqual([200, 200, 429]);
          expect(addresses).toEqual(['203.0.113.7', '198.51.100.9']);
        } else {
          // the header is not read: every request is the loopback peer's
          expect(statuses).toEqual([200, 429, 429]);
          expect(addresses).toEqual(['127.0.0.1']);
        }
      } finally {
        await s.close();
      }
    }
  });
});

describe('serverless-http (requests without rawHeaders)', () => {
  const event = (method: string, path: string, headers: Record<string, string>, body?: string) => ({
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: { http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.50', userAgent: 'test' }, requestId: 'r', stage: '$default', timeEpoch: Date.now() },
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body }),
  });

  it('the handler sees the headers (Authorization, Content-Type, Origin): authorize, POST JSON and the CORS check work', async () => {
    const handler = createTokenHandler({
      appId: APP_ID,
      appCertificate: CERT,
      authorize: (request: Request) => request.headers.get('authorization') === 'Bearer s3cret-key-of-the-test' || { deny: 401 },
      cors: { origins: ['https://app.example.com'] },
    });
    const lambda = serverless(toNodeHandler(handler)) as (event: unknown, context: unknown) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
    const auth = { authorization: 'Bearer s3cret-key-of-the-test', host: 'tokens.example.com' };

    const get = await lambda(event('GET', '/rtc/room/publisher/uid/7/', auth), {});
    expect(get.statusCode).toBe(200);
    expect(rtcFields(JSON.parse(get.body).rtcToken)).toEqual({ channelName: 'room', uid: '7' });
    expect((await lambda(event('GET', '/rtc/room/publisher/uid/7/', { host: 'tokens.example.com' }), {})).statusCode).toBe(401);

    const body = JSON.stringify({ tokenType: 'rtc', channel: 'posted', uid: 8, role: 'publisher' });
    const post = await lambda(event('POST', '/getToken', { ...auth, 'content-type': 'application/json', 'content-length': String(body.length) }, body), {});
    expect(post.statusCode).toBe(200);
    expect(rtcFields(JSON.parse(post.body).token)).toEqual({ channelName: 'posted', uid: '8' });

    const evil = await lambda(event('GET', '/rtc/room/publisher/uid/7/', { ...auth, origin: 'https://evil.example' }), {});
    expect([evil.statusCode, JSON.parse(evil.body).error.code]).toEqual([403, 'ERR_ORIGIN_NOT_ALLOWED']);
    const preflight = await lambda(event('OPTIONS', '/getToken', { host: 'tokens.example.com', origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }), {});
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
    // serverless-http gives content-length as a number: a bodyless 404 must not be taken for one with a body
    const missing = await lambda(event('GET', '/nope', auth), {});
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['connection']).toBeUndefined();
  });
});

describe('Koa (ctx.req / ctx.res)', () => {
  const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true });
  const body = { tokenType: 'rtc', channel: 'koa', uid: 9, role: 'publisher' };

  it('without a body parser, POST /getToken works', async () => {
    const app = new Koa();
    const node = toNodeHandler(handler);
    app.use(async (ctx) => {
      ctx.respond = false;
      await node(ctx.req, ctx.res);
    });
    const s = await listen(app.callback());
    try {
      const res = await postJson(`${s.url}/getToken`, body);
      expect(res.status).toBe(200);
      expect(rtcFields(((await res.json()) as { token: string }).token)).toEqual({ channelName: 'koa', uid: '9' });
    } finally {
      await s.close();
    }
  });

  it('after a body parser that keeps the body on ctx.request: a 500 and one warning saying how to mount it (it was a 400 "not valid JSON")', async () => {
    const app = new Koa();
    const node = toNodeHandler(handler);
    app.use(bodyParser());
    app.use(async (ctx) => {
      ctx.respond = false;
      await node(ctx.req, ctx.res);
    });
    const s = await listen(app.callback());
    const statuses: number[] = [];
    try {
      const warnings = await warningsDuring(async () => {
        for (let i = 0; i < 2; i++) {
          const res = await postJson(`${s.url}/getToken`, body);
          statuses.push(res.status);
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ERR_INTERNAL');
        }
      });
      expect(statuses).toEqual([500, 500]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/read by middleware before the token handler.*mount the handler before it, or set req\.body/);
      // with the parsed body handed over on req.body, it works
      const app2 = new Koa();
      app2.use(bodyParser());
      app2.use(async (ctx) => {
        ctx.respond = false;
        (ctx.req as { body?: unknown }).body = ctx.request.body;
        await node(ctx.req, ctx.res);
      });
      const s2 = await listen(app2.callback());
      try {
        const res = await postJson(`${s2.url}/getToken`, body);
        expect(rtcFields(((await res.json()) as { token: string }).token)).toEqual({ channelName: 'koa', uid: '9' });
      } finally {
        await s2.close();
      }
    } finally {
      await s.close();
    }
  });
});

describe('awaiting the node handler (Next.js API routes await it)', () => {
  it('returns a promise that settles after the response is written; a passed-on path returns nothing', async () => {
    const node = toNodeHandler(createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true }));
    const finished: boolean[] = [];
    const passedOn: unknown[] = [];
    const s = await listen(async (req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/elsewhere') {
        passedOn.push(node(req, res, () => void res.end('next')));
        return;
      }
      const result = node(req, res);
      expect(result).toBeInstanceOf(Promise);
      await result;
      finished.push(res.writableFinished);
    });
    try {
      expect((await fetch(`${s.url}/rtc/r/publisher/uid/3/`)).status).toBe(200);
      expect(await (await fetch(`${s.url}/elsewhere`)).text()).toBe('next');
      expect(finished).toEqual([true]);
      expect(passedOn).toEqual([undefined]);
    } finally {
      await s.close();
    }
  });
});

describe('fetch handler given a Request whose body was already read', () => {
  it('answers 500 and tells onError why (it was "ReadableStream is locked")', async () => {
    const errors: unknown[] = [];
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, onError: (e: unknown) => void errors.push(e) });
    const request = new Request('http://localhost/getToken', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tokenType: 'rtc', channel: 'c', uid: 1, role: 'publisher' }),
    });
    await request.json(); // what a framework's middleware does first
    const res = await handler(request);
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([500, 'ERR_INTERNAL']);
    expect(String(errors[0])).toMatch(/request body already read: pass an unread Request \(clone it first\)/);
    // the clone taken before the read works
    const original = new Request('http://localhost/getToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokenType: 'rtc', channel: 'c', uid: 1, role: 'publisher' }) });
    const clone = original.clone();
    await original.json();
    const ok = await handler(clone);
    expect(rtcFields(((await ok.json()) as { token: string }).token)).toEqual({ channelName: 'c', uid: '1' });
  });
});
