// A real browser against the real server: headless Chromium loads a page served by the token
// server itself (toNodeHandler as middleware, the built ESM dist/ as static files), fetches a token
// with its session cookie and decodes it client-side with agora-token-kit. A second origin fetches
// cross-origin through a real CORS preflight; a third, unlisted origin is refused.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenHandler, type IssueEvent } from '../src/server.ts';
import { type AccessLogEntry, toNodeHandler } from '../src/server-node.ts';
import { officialParse, officialVerify } from './helpers/official.ts';
import { APP_ID, CERT } from './helpers/token-server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DIST = fileURLToPath(new URL('../dist', import.meta.url));
// The ESM build keeps its runtime dependency external; the page maps it with an import map.
const FFLATE = fileURLToPath(new URL('../node_modules/fflate/esm/browser.js', import.meta.url));

// The page: fetch a token from `tokenUrl`, decode it with the library's ESM build, report both.
const PAGE = (tokenUrl: string, credentials: 'same-origin' | 'omit', headers: Record<string, string>) => `<!doctype html>
<meta charset="utf-8"><title>token</title>
<script type="importmap">{ "imports": { "fflate": "/vendor/fflate.js" } }</script>
<script type="module">
  import { decodeToken, tokenKind } from '/dist/index.js';
  try {
    const res = await fetch(${JSON.stringify(tokenUrl)}, { method: 'POST', credentials: ${JSON.stringify(credentials)},
      headers: ${JSON.stringify({ 'content-type': 'application/json', ...headers })},
      body: JSON.stringify({ tokenType: 'rtc', channel: 'browser-room', uid: 0, role: 'publisher', expire: 600 }) });
    const body = await res.json();
    window.__result = { status: res.status, token: body.token, kind: tokenKind(body.token), decoded: decodeToken(body.token) };
  } catch (error) {
    window.__result = { error: String(error) };
  }
</script>`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };

function staticFiles(root: string, pages: Record<string, string>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (pages[path] !== undefined) return void res.writeHead(200, { 'content-type': 'text/html' }).end(pages[path]);
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    if (path === '/vendor/fflate.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(FFLATE));
    const file = normalize(join(root, path.replace(/^\/dist\//, '/')));
    if (!path.startsWith('/dist/') || !file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  };
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('browser (Chromium) fetches a token from the server and decodes it client-side', () => {
  const issued: IssueEvent[] = [];
  const log: AccessLogEntry[] = [];
  const servers: Server[] = [];
  let dist = '';
  let profile = '';
  let context: BrowserContext | undefined;
  let tokenOrigin = '';
  let partnerOrigin = '';
  let strangerOrigin = '';

  beforeAll(async () => {
    // A private copy of dist/: a concurrent `npm run build` cleans it while it runs, so wait for one.
    for (let i = 0; i < 120 && !existsSync(join(DIST, 'index.js')); i++) await new Promise((r) => setTimeout(r, 500));
    if (!existsSync(join(DIST, 'index.js'))) throw new Error('run `npm run build` first: the page imports dist/index.js');
    dist = mkdtempSync(join(tmpdir(), 'atk-dist-'));
    cpSync(DIST, dist, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'atk-chromium-'));

    // Origins first (ports), then the token server's CORS allowlist can name the partner.
    const partner = createServer();
    const stranger = createServer();
    partnerOrigin = await listen(partner);
    strangerOrigin = await listen(stranger);
    const handler = createTokenHandler({
      appId: APP_ID,
      appCertificate: CERT,
      cors: { origins: [partnerOrigin] },
      // Signed-in users get a token for their own uid whatever they ask for.
      authorize: (request) => {
        if (request.headers.get('cookie')?.includes('session=alice')) return { uid: 1001 };
        if (request.headers.get('authorization') === 'Bearer partner-key') return { uid: 2002, role: 'subscriber' };
        return { deny: 401 };
      },
      onIssue: (e) => void issued.push(e),
    });
    const tokenServer = createServer();
    tokenOrigin = await listen(tokenServer);
    const own = staticFiles(dist, { '/': PAGE('/getToken', 'same-origin', {}) });
    const mw = toNodeHandler(handler, { onResponse: (e) => log.push(e) });
    tokenServer.on('request', (req, res) => mw(req, res, () => own(req, res)));
    partner.on('request', staticFiles(dist, { '/': PAGE(`${tokenOrigin}/getToken`, 'omit', { authorization: 'Bearer partner-key' }) }));
    stranger.on('request', staticFiles(dist, { '/': PAGE(`${tokenOrigin}/getToken`, 'omit', { authorization: 'Bearer partner-key' }) }));
    servers.push(tokenServer, partner, stranger);
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    for (const dir of [dist, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function run(origin: string): Promise<Record<string, any>> {
    const page = await context!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const diagnostics: string[] = [];
    page.on('console', (m) => diagnostics.push(`console.${m.type()}: ${m.text()}`));
    page.on('requestfailed', (r) => diagnostics.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as any).__result !== undefined, null, { timeout: 30_000 }).catch((e: Error) => {
      throw new Error(`${e.message}\n${[...errors, ...diagnostics].join('\n')}`);
    });
    const result = await page.evaluate(() => (window as any).__result);
    await page.close();
    expect(errors).toEqual([]);
    return result;
  }

  it('same origin: the session cookie authorizes, the uid is pinned, the page decodes what the official parser verifies', async () => {
    await context!.addCookies([{ name: 'session', value: 'alice', url: tokenOrigin }]);
    const result = await run(tokenOrigin);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(200);
    expect(result.kind).toBe('007');
    expect(officialVerify(result.token, CERT)).toBe(true);
    const official = officialParse(result.token)!;
    expect(official.services).toEqual([{ type: 1, privileges: { '1': 600, '2': 600, '3': 600, '4': 600 }, fields: { channelName: 'browser-room', uid: '1001' } }]);
    // client-side decode agrees with the official parser
    expect(result.decoded).toMatchObject({ version: '007', appId: APP_ID, issueTs: official.issueTs, expire: 600, salt: official.salt });
    expect(result.decoded.services[0]).toMatchObject({ name: 'rtc', channelName: 'browser-room', uid: '1001' });
    expect(JSON.stringify(result.decoded)).not.toContain(CERT);
  }, 60_000);

  it('cross origin: Chromium preflights, the allowlisted origin gets the token, an unlisted one is refused', async () => {
    const result = await run(partnerOrigin);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(200);
    expect(officialVerify(result.token, CERT)).toBe(true);
    expect(result.decoded.services[0]).toMatchObject({ name: 'rtc', channelName: 'browser-room', uid: '2002' });
    expect(result.decoded.services[0].privileges.map((p: { id: number }) => p.id)).toEqual([1]);
    expect(log.some((e) => e.method === 'OPTIONS' && e.path === '/getToken' && e.status === 204)).toBe(true);

    const before = issued.length;
    const refused = await run(strangerOrigin);
    expect(refused.error).toMatch(/TypeError/); // the browser sees a CORS failure, not a token
    expect(issued.length).toBe(before);
    expect(log.some((e) => e.method === 'OPTIONS' && e.status === 403)).toBe(true);
    expect(issued.map((e) => e.uid)).toEqual([1001, 2002]);
  }, 60_000);
});
