// Hostile input against the real server on loopback: a seeded corpus of 500+ malformed requests
// must all get 4xx JSON errors (zero 5xx, zero tokens, no certificate in any body), and a short
// bounded soak with mixed valid and invalid traffic must show no errors and stable memory.
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSoak } from '../bench/soak-lib.mjs';
import { type CorpusCase, malformedCorpus } from './helpers/malformed-corpus.ts';
import { APP_ID, CERT, rawRequest, type RawResponse, sendRaw, startTokenServer, type TestServer } from './helpers/token-server.ts';

async function send(s: TestServer, c: CorpusCase): Promise<RawResponse> {
  if (c.kind === 'raw') return sendRaw(s.port, c.data);
  return rawRequest(`${s.url}${c.path}`, { method: c.method, headers: c.headers, body: c.body });
}

describe('malformed request corpus', () => {
  let s: TestServer;
  const corpus = malformedCorpus(0x5eed);
  const results: { c: CorpusCase; res: RawResponse | Error }[] = [];

  beforeAll(async () => {
    // insecureAllowAnyone: nothing but validation stands between these requests and a token.
    s = await startTokenServer();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < corpus.length) {
          const c = corpus[next++]!;
          results.push({ c, res: await send(s, c).catch((e: Error) => e) });
        }
      }),
    );
  }, 120_000);
  afterAll(() => s.close());

  it('has at least 500 cases from every category', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    expect(results.length).toBe(corpus.length);
    for (const word of ['channel=', 'uid=', 'malformed', 'oversized', 'PUT', 'content-type', 'origin', 'random channel', 'random uid', 'NUL']) {
      expect(corpus.some((c) => c.name.includes(word))).toBe(true);
    }
  });

  it('answers every case with a 4xx JSON error { error: { code, message } } and never a 5xx', () => {
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    for (const { c, res } of results) {
      if (res instanceof Error) {
        failures.push(`${c.name}: ${res.message}`);
        continue;
      }
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status < 400 || res.status > 499) failures.push(`${c.name}: status ${res.status} ${res.body.slice(0, 80)}`);
      if (c.kind === 'http' && c.method === 'HEAD') continue; // HEAD answers carry no body
      try {
        const body = JSON.parse(res.body) as { error?: Record<string, unknown> };
        const keys = Object.keys(body.error ?? {});
        if (Object.keys(body).join() !== 'error' || typeof body.error!.code !== 'string' || typeof body.error!.message !== 'string' || keys.some((k) => !['code', 'message', 'field'].includes(k))) {
          failures.push(`${c.name}: bad error shape ${res.body.slice(0, 80)}`);
        }
      } catch {
        failures.push(`${c.name}: not JSON: ${res.body.slice(0, 80)}`);
      }
    }
    console.log(`[hardening] ${results.length} malformed requests, statuses: ${JSON.stringify(statuses)}`);
    expect(failures).toEqual([]);
  });

  it('issued no token and never echoed the certificate', async () => {
    expect(s.issued).toEqual([]);
    for (const { res } of results) {
      if (res instanceof Error) continue;
      expect(res.body).not.toMatch(/007eJ/);
      expect(res.body).not.toContain(CERT);
    }
    // and the server is still healthy afterwards
    const ok = await fetch(`${s.url}/rtm/alice/`);
    expect(ok.status).toBe(200);
    expect(s.issued.length).toBe(1);
  });
});

/** Sends a request whose headers never finish; resolves with what the server wrote before closing, and when. */
async function unfinishedHeaders(port: number): Promise<{ res: string; elapsed: number }> {
  const started = Date.now();
  const res = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('POST /getToken HTTP/1.1\r\nHost: a\r\nX-Slow: '));
    let out = '';
    socket.on('data', (d: Buffer) => (out += d.toString()));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
  return { res, elapsed: Date.now() - started };
}

describe('slow clients', () => {
  it('a client that never finishes its headers gets a 408 JSON error and the socket is closed', async () => {
    const s = await startTokenServer({ headersTimeoutMs: 1000, requestTimeoutMs: 2000 });
    try {
      const { res, elapsed } = await unfinishedHeaders(s.port);
      expect(elapsed).toBeLessThan(5000);
      expect(res).toMatch(/^HTTP\/1\.1 408 /);
      expect(JSON.parse(res.split('\r\n\r\n')[1]!).error.code).toBe('ERR_REQUEST_TIMEOUT');
    } finally {
      await s.close();
    }
  }, 20_000);

  it('by default a client gets 10 seconds to finish its headers (the documented default)', async () => {
    // Mutant: node-serve.ts `Math.min(10_000, requestTimeout)` with another default.
    const s = await startTokenServer();
    try {
      const { res, elapsed } = await unfinishedHeaders(s.port);
      expect(elapsed).toBeGreaterThanOrEqual(9_000);
      expect(elapsed).toBeLessThan(20_000);
      expect(res).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      await s.close();
    }
  }, 40_000);
});

describe('bounded soak (loopback, concurrency 64, mixed valid and invalid)', () => {
  it('has no errors on valid requests, only 4xx on invalid ones, and stable memory', async () => {
    const serverModule = fileURLToPath(new URL('../src/server-node.ts', import.meta.url));
    const result = await runSoak({ seconds: 5, connections: 64, sampleSeconds: 1, serverModule, execArgv: ['--import', 'tsx'] });
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    console.log(
      `[soak 5s] valid ${result.valid.requests} req (${Math.round(result.valid.rps)}/s, p99 ${result.valid.p99Ms} ms), invalid ${result.invalid.requests} req; ` +
        `heapUsed after GC ${result.samples.map((m: { heapUsed: number }) => mb(m.heapUsed)).join(' -> ')} MB; rss ${mb(result.samples[0].rss)} -> ${mb(result.samples.at(-1).rss)} MB`,
    );
    expect(result.samples[0].gc).toBe(true);
    expect(result.valid.requests).toBeGreaterThan(500);
    expect(result.valid.errors).toBe(0);
    expect(result.valid.timeouts).toBe(0);
    expect(result.valid.non2xx).toBe(0);
    expect(result.invalid.requests).toBeGreaterThan(100);
    expect(result.invalid.errors).toBe(0);
    expect(result.invalid.s2xx).toBe(0);
    expect(result.invalid.s5xx).toBe(0);
    expect(result.invalid.s4xx).toBe(result.invalid.requests);
    // Stable: the post-GC heap at the end is within 8 MiB of the post-warm-up heap.
    const first = result.samples[0].heapUsed;
    const last = result.samples.at(-1).heapUsed;
    expect(last - first).toBeLessThan(8 * 2 ** 20);
  }, 60_000);
});

describe('serve() with insecureAllowAnyone answers only IP addresses, localhost and its origin (DNS rebinding)', () => {
  it('a request for another host name gets a 403 naming host, and is logged; IP literals and localhost names are served', async () => {
    const log: number[] = [];
    const s = await startTokenServer({ onResponse: (e) => void log.push(e.status) });
    try {
      const rebound = await rawRequest(`${s.url}/rtm/alice/`, { headers: { host: `attacker.example:${s.port}`, origin: `http://attacker.example:${s.port}` } });
      expect(rebound.status).toBe(403);
      expect(rebound.headers['connection']).toBe('close');
      expect(JSON.parse(rebound.body).error).toMatchObject({ code: 'ERR_FORBIDDEN', field: 'host' });
      for (const host of ['127.0.0.1.attacker.example', 'localhost.', `LOCALHOST.example:${s.port}`, 'intranet', 'attacker', '[attacker.example]', `attacker:${s.port}`]) {
        expect((await rawRequest(`${s.url}/rtm/alice/`, { headers: { host } })).status, host).toBe(403);
      }
      expect(s.issued.length).toBe(0);
      for (const host of [`localhost:${s.port}`, `127.0.0.1:${s.port}`, `[::1]:${s.port}`, 'LOCALHOST', 'app.localhost', '192.168.1.5:8080', '[2001:db8::1]']) {
        expect((await rawRequest(`${s.url}/rtm/alice/`, { headers: { host } })).status, host).toBe(200);
      }
      expect(log.filter((status) => status === 403).length).toBe(8);
    } finally {
      await s.close();
    }
    // Behind a proxy or tunnel: the public name given as origin is served, others still are not.
    const proxied = await startTokenServer({ origin: 'https://tokens.example.com' });
    try {
      expect((await rawRequest(`${proxied.url}/rtm/alice/`, { headers: { host: 'tokens.example.com' } })).status).toBe(200);
      expect((await rawRequest(`${proxied.url}/rtm/alice/`, { headers: { host: 'attacker.example' } })).status).toBe(403);
      // The origin is the adapter's too: a page of that origin is same-origin, not a CORS request.
      expect((await rawRequest(`${proxied.url}/rtm/alice/`, { headers: { host: 'tokens.example.com', origin: 'https://tokens.example.com' } })).status).toBe(200);
    } finally {
      await proxied.close();
    }
    await expect(startTokenServer({ origin: 'tokens.example.com' })).rejects.toMatchObject({ field: 'origin' });
    // With an authorize hook, a rebinding page holds no one's credentials: any host name is served
    // (e.g. nginx in front of 127.0.0.1 passing Host: tokens.example.com).
    const guarded = await startTokenServer({ authorize: () => true });
    try {
      expect((await rawRequest(`${guarded.url}/rtm/alice/`, { headers: { host: 'tokens.example.com' } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe('responseTimeoutMs', () => {
  it('a hook that never settles gets the client a 503 ERR_RESPONSE_TIMEOUT and a closed connection, not an endless wait', async () => {
    const s = await startTokenServer({ authorize: () => new Promise<never>(() => {}), responseTimeoutMs: 300 });
    try {
      const started = Date.now();
      const res = await rawRequest(`${s.url}/rtm/alice/`);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.status).toBe(503);
      expect(res.headers['connection']).toBe('close');
      expect(JSON.parse(res.body).error.code).toBe('ERR_RESPONSE_TIMEOUT');
    } finally {
      await s.close(100);
    }
  });

  it('the 503 carries the CORS headers of an allowed origin, so the browser page that asked can read it', async () => {
    const page = 'https://app.example.com';
    const s = await startTokenServer({ authorize: () => new Promise<never>(() => {}), responseTimeoutMs: 200, cors: { origins: [page] } });
    try {
      const res = await rawRequest(`${s.url}/rtm/alice/`, { headers: { origin: page } });
      expect(res.status).toBe(503);
      expect(res.headers['access-control-allow-origin']).toBe(page);
      expect(res.headers['access-control-expose-headers']).toBe('Retry-After');
      expect(res.headers['vary']).toBe('Origin');
      // Without an Origin (curl, a server), none: the same headers the handler's own answers carry.
      const plain = await rawRequest(`${s.url}/rtm/alice/`);
      expect(plain.status).toBe(503);
      expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await s.close(100);
    }
  });

  it('the timer (30 s by default in serve) keeps neither close() nor the process waiting for a hung request', async () => {
    const { spawnSync } = await import('node:child_process');
    // A child process: serve() with a hook that never settles and the default timeout, one request
    // left hanging, then close(50). The process must end at once, not when a 30 s timer fires.
    const script = `
      import { serve } from ${JSON.stringify(new URL('../src/server-node.ts', import.meta.url).href)};
      const s = await serve({ appId: '${APP_ID}', appCertificate: '${CERT}', authorize: () => new Promise(() => {}), port: 0 });
      fetch(s.url + '/rtm/alice/').then(() => console.log('answered'), () => console.log('dropped'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await s.close(50);
      console.log('closed');`;
    const started = Date.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(r.stdout.trim().split('\n').sort()).toEqual(['closed', 'dropped']);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it('is checked where it is given', async () => {
    const { toNodeHandler } = await import('../src/server-node.ts');
    const { createTokenHandler } = await import('../src/server.ts');
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true });
    for (const bad of [0, -1, 1.5, '30000', 2 ** 31]) {
      expect(() => toNodeHandler(handler, { responseTimeoutMs: bad as number }), String(bad)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field: 'responseTimeoutMs' }));
    }
    await expect(startTokenServer({ responseTimeoutMs: 0 })).rejects.toMatchObject({ field: 'responseTimeoutMs' });
  });
});

describe('close(): draining', () => {
  it('a response sent during the drain says Connection: close, so a keep-alive client does not hold the drain open', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const s = await startTokenServer({ rateLimit: async () => void (await gate) });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const answer = new Promise<{ status?: number; connection?: string }>((resolve, reject) => {
        const req = httpRequest(`${s.url}/rtc/room/publisher/uid/1/`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
        });
        req.on('error', reject);
        req.end();
      });
      await new Promise((resolve) => setTimeout(resolve, 100)); // the request is in the rate limiter
      const started = Date.now();
      const closed = s.close(8_000);
      release();
      expect(await answer).toEqual({ status: 200, connection: 'close' });
      await closed;
      expect(Date.now() - started).toBeLessThan(2_000); // not the keep-alive timeout, nor the grace period
    } finally {
      agent.destroy();
      release();
      await s.close(100);
    }
  });
});

describe('a client gone before its token is issued (request.signal)', () => {
  it('Node adapter: a client that disconnects during authorize gets no token signed and no onIssue; onResponse logs 408', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inAuthorize = new Promise<void>((resolve) => (entered = resolve));
    const logged: number[] = [];
    const s = await startTokenServer({ authorize: async () => (entered(), await gate, true), onResponse: (e) => void logged.push(e.status) });
    try {
      const req = httpRequest(`${s.url}/rtc/room/publisher/uid/1/`);
      req.on('error', () => {});
      req.end();
      await inAuthorize;
      req.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the server sees the connection close
      release();
      for (const until = Date.now() + 5_000; logged.length === 0 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(s.issued).toEqual([]);
      expect(logged).toEqual([408]);
    } finally {
      release();
      await s.close(100);
    }
  });

  it('Node adapter: an answer after the 503 of responseTimeoutMs issues nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const s = await startTokenServer({ authorize: async () => (await gate, true), responseTimeoutMs: 200 });
    try {
      expect((await rawRequest(`${s.url}/rtc/room/publisher/uid/1/`)).status).toBe(503);
      release();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the late answer has run by then
      expect(s.issued).toEqual([]);
    } finally {
      release();
      await s.close(100);
    }
  });

  it('fetch handler: a Request whose signal aborts during authorize is a 408 ERR_REQUEST_ABORTED, without onIssue or onError', async () => {
    const { createTokenHandler } = await import('../src/server.ts');
    const controller = new AbortController();
    const seen: string[] = [];
    const handler = createTokenHandler({
      appId: APP_ID,
      appCertificate: CERT,
      authorize: () => (controller.abort(), true),
      onIssue: () => void seen.push('issue'),
      onError: () => void seen.push('error'),
    });
    const res = await handler(new Request('http://localhost/rtc/room/publisher/uid/1/', { signal: controller.signal }));
    expect(res.status).toBe(408);
    expect((await res.json()).error.code).toBe('ERR_REQUEST_ABORTED');
    expect(seen).toEqual([]);
  });
});
