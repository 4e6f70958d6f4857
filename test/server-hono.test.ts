// The fetch handler inside Hono, the framework most Workers, Bun and Deno apps route with, served by
// @hono/node-server over loopback HTTP: mounted with `hono/mount` (which strips the mount path and
// passes Hono's `c.env`), called from a route with `c.req.raw`, and after middleware that read the
// body; then mounted both ways under Deno.serve and Bun.serve (test/hono/serve.mjs, on dist/).
// Every token is checked by the official agora-token parser.
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { mount } from 'hono/mount';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenHandler, type IssueEvent } from '../src/server.ts';
import { officialVerifiedFields } from './helpers/official.ts';
import { APP_ID, CERT, postJson } from './helpers/token-server.ts';
import { runProcess } from './runtimes/harness/spawn.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');

async function listen(app: Hono): Promise<{ url: string; close: () => Promise<void> }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** The RTC service fields of a token the official parser reads and verifies. */
const rtcFields = (token: unknown): Record<string, unknown> => officialVerifiedFields(token, CERT);

describe('Hono (served by @hono/node-server)', () => {
  it("mount(handler) under a path: the handler sees Hono's stripped path, and the client address from @hono/node-server's env", async () => {
    const paths: string[] = [];
    const issued: IssueEvent[] = [];
    const handler = createTokenHandler({
      appId: APP_ID,
      appCertificate: CERT,
      authorize: (request: Request) => (paths.push(new URL(request.url).pathname), true),
      onIssue: (event) => void issued.push(event),
    });
    const app = new Hono();
    app.all('/api/agora/*', mount(handler));
    app.get('/health', (c) => c.text('ok'));
    const s = await listen(app);
    try {
      const res = await fetch(`${s.url}/api/agora/rtc/room-h/publisher/uid/7/`);
      expect(res.status).toBe(200);
      expect(rtcFields(((await res.json()) as { rtcToken: string }).rtcToken)).toEqual({ channelName: 'room-h', uid: '7' });
      expect(paths).toEqual(['/rtc/room-h/publisher/uid/7/']);
      // Hono passes c.env, which @hono/node-server fills with the Node request: its socket's peer
      // is the client (not a header a client could forge).
      expect(issued.map((e) => e.clientAddress)).toEqual(['127.0.0.1']);
      const post = await postJson(`${s.url}/api/agora/getToken`, { tokenType: 'rtc', channel: 'room-p', uid: 8, role: 'publisher' });
      expect(rtcFields(((await post.json()) as { token: string }).token)).toEqual({ channelName: 'room-p', uid: '8' });
      expect(await (await fetch(`${s.url}/health`)).text()).toBe('ok');
    } finally {
      await s.close();
    }
  });

  it('a route passing c.req.raw, with basePath and the address from getConnInfo', async () => {
    const issued: IssueEvent[] = [];
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, basePath: '/tokens', insecureAllowAnyone: true, onIssue: (event) => void issued.push(event) });
    const app = new Hono();
    app.all('/tokens/*', (c) => handler(c.req.raw, { clientAddress: getConnInfo(c).remote.address }));
    const s = await listen(app);
    try {
      const res = await postJson(`${s.url}/tokens/getToken`, { tokenType: 'rtc', channel: 'room-r', uid: 9, role: 'publisher' });
      expect(res.status).toBe(200);
      expect(rtcFields(((await res.json()) as { token: string }).token)).toEqual({ channelName: 'room-r', uid: '9' });
      expect(issued.map((e) => [e.endpoint, e.clientAddress])).toEqual([['getToken', '127.0.0.1']]);
      const missing = await fetch(`${s.url}/tokens/nothing-here`);
      expect([missing.status, ((await missing.json()) as { error: { code: string } }).error.code]).toEqual([404, 'ERR_NOT_FOUND']);
    } finally {
      await s.close();
    }
  });

  it('after middleware that read the body with c.req.json(): a 500 whose onError cause says to pass an unread Request', async () => {
    const errors: unknown[] = [];
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, onError: (e: unknown) => void errors.push(e) });
    const app = new Hono();
    app.use('*', async (c, next) => {
      if (c.req.method === 'POST') await c.req.json(); // e.g. a logging or validation middleware
      await next();
    });
    app.all('*', (c) => handler(c.req.raw));
    const s = await listen(app);
    try {
      const res = await postJson(`${s.url}/getToken`, { tokenType: 'rtc', channel: 'c', uid: 1, role: 'publisher' });
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([500, 'ERR_INTERNAL']);
      expect(String(errors[0])).toMatch(/request body already read: pass an unread Request/);
    } finally {
      await s.close();
    }
  });
});

describe('Hono under Deno.serve and Bun.serve (built package)', () => {
  type Form = { status: number; token: string; clientAddress: string | null };
  const run = async (command: string, args: string[], forms: readonly ('stripped' | 'original')[] = ['stripped', 'original']) => {
    const res = await runProcess(command, [...args, ...forms], { cwd: ROOT, env: { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }, timeoutMs: 60_000 });
    const result = res.result as ({ runtime: string } & Record<'stripped' | 'original', Form>) | undefined;
    expect(result, `${res.stderr}\n${res.stdout}`).toBeDefined();
    for (const form of forms) {
      expect(result![form].status).toBe(200);
      expect(rtcFields(result![form].token)).toEqual({ channelName: `room-${form}`, uid: '7' });
    }
    return { ...result!, stderr: res.stderr };
  };
  const DENO_ARGS = ['run', '-A', '--no-lock', '--node-modules-dir=manual', 'test/hono/serve.mjs'];

  it("Deno: both mount forms read the client address from Deno's info", async () => {
    const r = await run(join(BIN, 'deno'), DENO_ARGS);
    expect([r.stripped.clientAddress, r.original.clientAddress]).toEqual(['127.0.0.1', '127.0.0.1']);
  }, 60_000);

  it("Deno: with replaceRequest: false nothing reads Deno.serve's request.signal, so Deno prints no warning", async () => {
    const r = await run(join(BIN, 'deno'), DENO_ARGS, ['original']);
    expect(r.stderr).not.toMatch(/request\.signal/);
  }, 60_000);

  it('Bun: mount with replaceRequest: false reads it from the server; the default (a rewritten Request) cannot, as the README says', async () => {
    const r = await run(join(BIN, 'bun'), ['test/hono/serve.mjs']);
    expect([r.stripped.clientAddress, r.original.clientAddress]).toEqual([null, '127.0.0.1']);
  }, 60_000);
});
