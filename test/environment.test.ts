// The browser-main-thread guard: every builder of every entry refuses to build on a browser
// page (where the App Certificate would ship to every visitor) unless explicitly, dangerously
// allowed; decoding, verifying and diagnosing stay allowed. Checked with a simulated page global in
// Node (every builder) and in real headless Chromium on the built ESM files (page vs Web Worker).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as legacyAsync from '../src/legacy.ts';
import * as legacySync from '../src/legacy-sync.ts';
import * as syncLib from '../src/sync.ts';
import { builders006, builders007, FUTURE, type Lib, optionBuilders } from './helpers/builder-table.ts';
import { APP_ID, CERT, failureOf, leakIn } from './helpers/secrets.ts';

const ENTRIES: [string, Lib, boolean][] = [['index', asyncLib, false], ['sync', syncLib, false], ['legacy', legacyAsync, true], ['legacy/sync', legacySync, true]];
const g = globalThis as Record<string, unknown>;

function pretendBrowserPage(): void {
  g.window = globalThis;
  g.document = { nodeType: 9 };
}
function leavePage(): void {
  delete g.window;
  delete g.document;
  delete g.self;
  for (const [, lib] of ENTRIES) lib.dangerouslyAllowBrowserBuilds(false);
}

/** The result of a build: the token, or the error code (sync entries must throw, async ones reject). */
async function outcome(fn: () => unknown, isAsync: boolean): Promise<string> {
  let value: unknown;
  try {
    value = fn();
  } catch (e) {
    if (isAsync) return `threw synchronously: ${(e as Error).message}`;
    expect(leakIn(e)).toBeUndefined();
    return (e as { code: string }).code;
  }
  if (!isAsync) return typeof value === 'string' ? value.slice(0, 3) : `returned ${typeof value}`;
  const error = await failureOf(() => value);
  if (error) expect(leakIn(error)).toBeUndefined();
  return error ? (error as { code: string }).code : ((await value) as string).slice(0, 3);
}

function allBuilds(entry: string, lib: Lib, legacy: boolean, allow?: unknown): [string, () => unknown][] {
  const opt = allow === undefined ? undefined : { dangerouslyAllowBrowser: allow };
  if (legacy) {
    const calls: [string, () => unknown][] = builders006(lib).map((c) => [`${entry} ${c.name}`, () => c.fn(...c.args, ...(opt ? [opt] : []))]);
    const t = new lib.AccessToken(APP_ID, CERT, 'room', 42);
    t.addPrivilege(1, FUTURE);
    if (allow !== undefined) t.dangerouslyAllowBrowser = allow;
    return [...calls, [`${entry} AccessToken.build`, () => t.build()]];
  }
  const t = new lib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600).addService(new lib.ServiceFpa().addPrivilege(1, 0));
  if (allow !== undefined) t.dangerouslyAllowBrowser = allow;
  const options = optionBuilders(lib).map((b): [string, () => unknown] => [`${entry} ${b.name}`, () => b.fn({ ...b.options, ...opt })]);
  const positional = allow === undefined ? builders007(lib).map((c): [string, () => unknown] => [`${entry} ${c.name}`, () => c.fn(...c.args)]) : [];
  return [...positional, ...options, [`${entry} AccessToken2.build`, () => t.build()]];
}

describe('builders on a (simulated) browser main thread', () => {
  beforeEach(pretendBrowserPage);
  afterEach(leavePage);

  it.each(ENTRIES)('%s: every builder refuses with ERR_UNSAFE_ENVIRONMENT', async (entry, lib, legacy) => {
    expect(lib.isBrowserMainThread()).toBe(true);
    const isAsync = entry === 'index' || entry === 'legacy';
    const builds = allBuilds(entry, lib, legacy);
    expect(builds.length).toBeGreaterThan(legacy ? 3 : 20);
    for (const [name, build] of builds) expect(await outcome(build, isAsync), name).toBe('ERR_UNSAFE_ENVIRONMENT');
    const error = await failureOf(() => allBuilds(entry, lib, legacy)[0]![1]());
    expect((error as Error).message).toMatch(/server/);
  });

  it.each(ENTRIES)('%s: dangerouslyAllowBrowser: true (and only true) lets each builder through', async (entry, lib, legacy) => {
    const isAsync = entry === 'index' || entry === 'legacy';
    for (const [name, build] of allBuilds(entry, lib, legacy, true)) expect(await outcome(build, isAsync), name).toMatch(/^00[67]$/);
    for (const truthy of ['true', 'false', 1, {}]) {
      for (const [name, build] of allBuilds(entry, lib, legacy, truthy).filter(([n]) => !/AccessToken2?\.build$/.test(n))) {
        expect(await outcome(build, isAsync), `${name} with ${JSON.stringify(truthy)}`).toBe('ERR_UNSAFE_ENVIRONMENT');
      }
    }
  });

  // An opt-in read from configuration as the string 'false' must not switch the guard off.
  it.each(ENTRIES)('%s: the token object property dangerouslyAllowBrowser also counts only when === true', async (entry, lib, legacy) => {
    const isAsync = entry === 'index' || entry === 'legacy';
    for (const truthy of ['true', 'false', 1, {}]) {
      const [name, build] = allBuilds(entry, lib, legacy, truthy).find(([n]) => /AccessToken2?\.build$/.test(n))!;
      expect(await outcome(build, isAsync), `${name} with ${JSON.stringify(truthy)}`).toBe('ERR_UNSAFE_ENVIRONMENT');
    }
  });

  it('dangerouslyAllowBrowserBuilds() allows every entry until it is turned off again', async () => {
    asyncLib.dangerouslyAllowBrowserBuilds();
    for (const [entry, lib, legacy] of ENTRIES) {
      const isAsync = entry === 'index' || entry === 'legacy';
      for (const [name, build] of allBuilds(entry, lib, legacy)) expect(await outcome(build, isAsync), name).toMatch(/^00[67]$/);
    }
    syncLib.dangerouslyAllowBrowserBuilds(false);
    for (const [entry, lib, legacy] of ENTRIES) {
      const [name, build] = allBuilds(entry, lib, legacy)[0]!;
      expect(await outcome(build, entry === 'index' || entry === 'legacy'), name).toBe('ERR_UNSAFE_ENVIRONMENT');
    }
  });

  it("dangerouslyAllowBrowserBuilds('yes') or any other non-true value leaves builds refused", async () => {
    for (const value of ['yes', 'true', 1, {}]) {
      syncLib.dangerouslyAllowBrowserBuilds(value as never);
      for (const [entry, lib, legacy] of ENTRIES) {
        const [name, build] = allBuilds(entry, lib, legacy)[0]!;
        expect(await outcome(build, entry === 'index' || entry === 'legacy'), `${name} after ${JSON.stringify(value)}`).toBe('ERR_UNSAFE_ENVIRONMENT');
      }
    }
    syncLib.dangerouslyAllowBrowserBuilds(false);
  });

  it('decoding, verifying, inspecting and diagnosing stay allowed', async () => {
    leavePage();
    const t007 = syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 42, role: 'publisher' });
    const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, FUTURE);
    pretendBrowserPage();
    for (const [, lib] of ENTRIES) {
      expect(lib.decodeToken(t007).version).toBe('007');
      expect(lib.decodeToken(t006).version).toBe('006');
      expect(await lib.verifyToken(t007, CERT)).toBe(true);
      expect(await lib.verifyToken(t006, CERT, { channelName: 'room', uid: 42 })).toBe(true);
    }
    expect(asyncLib.inspectToken(t007).version).toBe('007');
    expect(Array.isArray(await asyncLib.diagnoseToken(t007, { appCertificate: CERT }))).toBe(true);
    expect(Array.isArray(syncLib.diagnoseToken(t007, { appCertificate: CERT }))).toBe(true);
  });
});

describe('builders in a (simulated) React Native app', () => {
  const rnToken = syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 600, 600);
  // What React Native's setUpGlobals leaves: window is the global, navigator.product says so, no document.
  beforeEach(() => {
    g.window = globalThis;
    Object.defineProperty(globalThis, 'navigator', { value: { product: 'ReactNative' }, configurable: true, writable: true });
  });
  afterEach(() => {
    delete (globalThis as { navigator?: unknown }).navigator;
    leavePage();
  });

  it.each(ENTRIES)('%s: every builder refuses, naming the app; reading works; the opt-ins let builds through', async (entry, lib, legacy) => {
    expect(lib.isBrowserMainThread()).toBe(false); // not a page: the guard names the app instead
    const isAsync = entry === 'index' || entry === 'legacy';
    for (const [name, build] of allBuilds(entry, lib, legacy)) expect(await outcome(build, isAsync), name).toBe('ERR_UNSAFE_ENVIRONMENT');
    const error = await failureOf(() => allBuilds(entry, lib, legacy)[0]![1]());
    expect((error as Error).message).toContain('React Native app');
    for (const [name, build] of allBuilds(entry, lib, legacy, true)) expect(await outcome(build, isAsync), name).toMatch(/^00[67]$/);
    expect(asyncLib.decodeToken(rnToken).version).toBe('007');
    expect(syncLib.verifyToken(rnToken, CERT)).toBe(true);
    lib.dangerouslyAllowBrowserBuilds();
    const [name, build] = allBuilds(entry, lib, legacy)[0]!;
    expect(await outcome(build, isAsync), name).toMatch(/^00[67]$/);
  });
});

describe('what is not a browser main thread', () => {
  afterEach(leavePage);

  it.each([
    ['Node (no window)', () => {}],
    ['a Web Worker (self, no window/document)', () => void (g.self = globalThis)],
    ['a global named window without a document (e.g. Deno 1.x)', () => void (g.window = globalThis)],
    ['a document without window === globalThis (e.g. a test DOM shim object)', () => ((g.window = {}), (g.document = {}))],
  ])('%s: builds are allowed', async (_name, setup) => {
    setup();
    for (const [entry, lib, legacy] of ENTRIES) {
      expect(lib.isBrowserMainThread()).toBe(false);
      const [name, build] = allBuilds(entry, lib, legacy)[0]!;
      expect(await outcome(build, entry === 'index' || entry === 'legacy'), name).toMatch(/^00[67]$/);
    }
  });
});

describe('without TextEncoder and TextDecoder (Jest jsdom, React Native before 0.85)', () => {
  // A child process on the built files: the globals are deleted before anything is imported.
  const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
  const t007 = syncLib.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', 'été 😀', 1, 600, 600);
  // 006 verification packs the expected names again, which needs a TextEncoder for non-ASCII text.
  const t006 = legacySync.RtcTokenBuilder.buildTokenWithAccount(APP_ID, CERT, 'salle', 'ete', 1, FUTURE);
  // A long ASCII account is packed by hand too (up to 0.1.0 only text of at most 64 characters was).
  const long = 'a'.repeat(200);
  const t006long = legacySync.RtcTokenBuilder.buildTokenWithAccount(APP_ID, CERT, 'salle', long, 1, FUTURE);
  const readAll = `(lib, legacy, t007, t006, t006long, long, cert, now) => JSON.stringify({
      d007: lib.decodeToken(t007), d006: lib.decodeToken(t006), inspect: lib.inspectToken(t007, { now }),
      expiresAt: lib.tokenExpiresAt(t007).toISOString(), verify: lib.verifyToken(t007, cert), verify006: legacy.verifyToken(t006, cert, { channelName: 'salle', uid: 'ete' }),
      diagnose: lib.diagnoseToken(t007, { appCertificate: cert, channel: 'room', account: 'été 😀', now }),
      verify006long: legacy.verifyToken(t006long, cert, { channelName: 'salle', uid: long }),
      diagnose006long: lib.diagnoseToken(t006long, { appCertificate: cert, channel: 'salle', account: long, now }),
    }, (k, v) => (v instanceof Map ? [...v] : v))`;
  const now = Math.floor(Date.now() / 1000);
  const expected = (0, eval)(readAll)(syncLib, legacySync, t007, t006, t006long, long, CERT, now) as string;

  it('every entry imports (ESM and CommonJS), and tokens read exactly as with them, non-ASCII text included', () => {
    const script = `
      delete globalThis.TextEncoder; delete globalThis.TextDecoder;
      const dist = ${JSON.stringify(DIST)};
      const entries = ['index', 'sync', 'legacy', 'legacy-sync', 'server', 'errors'];
      for (const e of entries) require(dist + e + '.cjs');
      Promise.all(entries.map((e) => import(dist + e + '.js'))).then(([index]) => {
        const read = ${readAll};
        const sync = require(dist + 'sync.cjs'), legacy = require(dist + 'legacy-sync.cjs');
        console.log(read(sync, legacy, ${JSON.stringify(t007)}, ${JSON.stringify(t006)}, ${JSON.stringify(t006long)}, ${JSON.stringify(long)}, ${JSON.stringify(CERT)}, ${now}));
        console.log(typeof index.inspectToken(${JSON.stringify(t007)}).expiresAt);
      });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const [read, inspected] = r.stdout.trim().split('\n');
    expect(read).toBe(expected);
    expect(inspected).toBe('number');
  });
});

describe('createTokenHandler on a browser page (a Jest or Vitest DOM environment looks like one)', () => {
  afterEach(leavePage);

  it('throws ERR_UNSAFE_ENVIRONMENT when created, naming the node test environment; allowed after the opt-in', async () => {
    const { createTokenHandler } = await import('../src/server.ts');
    const options = { appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true } as const;
    pretendBrowserPage();
    const error = (() => {
      try {
        createTokenHandler(options);
      } catch (e) {
        return e as { code?: string; message: string };
      }
    })();
    expect(error?.code).toBe('ERR_UNSAFE_ENVIRONMENT');
    expect(error?.message).toContain('node environment');
    expect(leakIn(error)).toBeUndefined();
    syncLib.dangerouslyAllowBrowserBuilds();
    const response = await createTokenHandler(options)(new Request('http://localhost/rtc/room/publisher/uid/42/'));
    expect(response.status).toBe(200);
  });
});

describe('without crypto.getRandomValues (React Native without its polyfill)', () => {
  const t007 = syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 7, role: 'publisher', salt: 1234, issuedAt: FUTURE - 3600 });
  const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 7, 1, FUTURE, { salt: 99, ts: FUTURE });
  beforeEach(() => void Object.defineProperty(globalThis.crypto, 'getRandomValues', { value: undefined, configurable: true }));
  afterEach(() => void delete (globalThis.crypto as { getRandomValues?: unknown }).getRandomValues);

  it('the classes read tokens in their parse form; a build without a salt says to polyfill it or pass one', async () => {
    const at2 = new syncLib.AccessToken2();
    expect(at2.from_string(t007)).toBe(true);
    expect(at2.salt).toBe(1234);
    expect(new syncLib.AccessToken2('', '', 0, 0).from_string(t007)).toBe(true);
    const at = new legacySync.AccessToken('', '', '', '');
    expect(at.fromString(t006)).toBe(true);
    expect(at.salt).toBe(99);
    expect(syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 7, role: 'publisher', salt: 1234, issuedAt: FUTURE - 3600 })).toBe(t007);
    // 006 builders draw no salt when given one (they used to draw first, then overwrite it).
    expect(legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 7, 1, FUTURE, { salt: 99, ts: FUTURE })).toBe(t006);
    expect(await legacyAsync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 7, 1, FUTURE, { salt: 99, ts: FUTURE })).toBe(t006);
    expect(legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 7, 1, FUTURE, { salt: 0, ts: FUTURE })).toMatch(/^006/);
    const refused = await failureOf(() => syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 7, 1, 600, 600));
    expect(refused).toMatchObject({ code: 'ERR_NOT_SUPPORTED', message: expect.stringContaining('pass a salt') });
  });
});

describe('a frozen globalThis (SES harden, Object.freeze)', () => {
  // A child process: freezing this process's global would break the test runner.
  it('dangerouslyAllowBrowserBuilds() throws ERR_NOT_SUPPORTED naming the per-call option; builds still work', () => {
    const script = `
      const lib = require(${JSON.stringify(fileURLToPath(new URL('../dist/sync.cjs', import.meta.url)))});
      Object.freeze(globalThis); // right after the import: Node 20 installs TextEncoder/TextDecoder on first read
      // Non-ASCII text, so that both TextEncoder and the fatal TextDecoder are used after the freeze.
      const account = lib.decodeToken(lib.RtcTokenBuilder.buildTokenWithUserAccount(${JSON.stringify(APP_ID)}, ${JSON.stringify(CERT)}, 'room', 'caf\u00e9', 1, 600, 600)).services[0].uid;
      let code, message;
      lib.dangerouslyAllowBrowserBuilds(false); // already off: nothing to write, no error
      try { lib.dangerouslyAllowBrowserBuilds(); } catch (e) { code = e.code; message = e.message; }
      const token = lib.RtcTokenBuilder.buildTokenWithUid(${JSON.stringify(APP_ID)}, ${JSON.stringify(CERT)}, 'room', 1, 1, 600, 600);
      console.log(JSON.stringify({ code, message, version: token.slice(0, 3), account }));`;
    // A script file, not -e: node -e writes module, require and friends onto the global it freezes.
    const file = join(mkdtempSync(join(tmpdir(), 'atk-frozen-')), 'frozen.cjs');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    rmSync(dirname(file), { recursive: true, force: true });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { code: string; message: string; version: string };
    expect(out.code).toBe('ERR_NOT_SUPPORTED');
    expect(out.message).toContain('dangerouslyAllowBrowser: true');
    expect(out.version).toBe('007');
    expect((out as { account?: string }).account).toBe('caf\u00e9');
  });
});

describe('without crypto.subtle (an insecure http:// page, an old runtime)', () => {
  // Shadow Crypto.prototype.subtle with an own `undefined`, as a page served over plain http sees it.
  beforeEach(() => void Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true }));
  afterEach(() => void delete (globalThis.crypto as { subtle?: unknown }).subtle);

  it('main-entry signing and verifying reject with ERR_NOT_SUPPORTED pointing at /sync; reading tokens still works', async () => {
    const t007 = syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 600, 600);
    const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, FUTURE);
    const refusals: [string, () => Promise<unknown>][] = [
      ['build (options form)', () => asyncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'r', uid: 1, role: 'publisher' })],
      ['build (positional)', () => asyncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 600, 600)],
      ['verify 007', () => asyncLib.verifyToken(t007, CERT)],
      ['diagnose with a certificate', () => asyncLib.diagnoseToken(t007, { appCertificate: CERT })],
      ['legacy build', () => legacyAsync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, FUTURE)],
    ];
    for (const [name, call] of refusals) {
      const error = await call().then(() => undefined, (e: unknown) => e);
      expect(error, name).toMatchObject({ code: 'ERR_NOT_SUPPORTED' });
      expect((error as Error).message, name).toContain('agora-token-kit/sync');
      expect((error as Error).message, name).not.toContain(CERT);
    }
    // Nothing here needs a key: decode, inspect, expiry and certificate-free diagnosis keep working.
    expect(asyncLib.decodeToken(t007).version).toBe('007');
    expect(asyncLib.inspectToken(t006).version).toBe('006');
    expect(asyncLib.tokenExpiresAt(t007)).toBeInstanceOf(Date);
    expect((await asyncLib.diagnoseToken(t007, { channel: 'other' })).map((f) => f.code)).toContain('CHANNEL_MISMATCH');
    // The synchronous entries never needed it.
    expect(syncLib.verifyToken(t007, CERT)).toBe(true);
    expect(legacySync.verifyToken(t006, CERT, { channelName: 'room', uid: 1 })).toBe(true);
  });
});

// ------------------------------------------------------------------------------------------------
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const FFLATE = fileURLToPath(new URL('../node_modules/fflate/esm/browser.js', import.meta.url));

// Runs in the page and in a module Worker: try a build on each entry, plain and opted in, and a decode.
const PROBE = `
  const A = '${APP_ID}', C = '${CERT}';
  const code = async (f) => { try { return (await f()).slice(0, 3); } catch (e) { return e.code ?? String(e); } };
  export async function probe() {
    const main = await import('/dist/index.js'), sync = await import('/dist/sync.js');
    const legacy = await import('/dist/legacy.js'), legacySync = await import('/dist/legacy-sync.js');
    const token = await code(() => sync.buildRtcToken({ appId: A, appCertificate: C, channel: 'r', uid: 1, role: 'publisher', dangerouslyAllowBrowser: true }));
    return {
      mainThread: main.isBrowserMainThread(),
      main: await code(() => main.RtcTokenBuilder.buildTokenWithUid(A, C, 'room', 1, 1, 60)),
      sync: await code(() => sync.RtcTokenBuilder.buildTokenWithUid(A, C, 'room', 1, 1, 60)),
      legacy: await code(() => legacy.RtcTokenBuilder.buildTokenWithUid(A, C, 'room', 1, 1, ${FUTURE})),
      legacySync: await code(() => legacySync.RtmTokenBuilder.buildToken(A, C, 'alice', 1, ${FUTURE})),
      optedIn: await code(() => main.buildRtcToken({ appId: A, appCertificate: C, channel: 'r', uid: 1, role: 'publisher', dangerouslyAllowBrowser: true })),
      optedInLegacy: await code(() => legacy.RtcTokenBuilder.buildTokenWithUid(A, C, 'room', 1, 1, ${FUTURE}, { dangerouslyAllowBrowser: true })),
      decoded: main.decodeToken(await sync.buildRtcToken({ appId: A, appCertificate: C, channel: 'r', uid: 1, role: 'publisher', dangerouslyAllowBrowser: true })).version,
      token,
    };
  }
  if (typeof window === 'undefined') probe().then((r) => postMessage(r), (e) => postMessage({ error: String(e) }));
`;
const PAGE = `<!doctype html><meta charset="utf-8">
<script type="module">
  import { probe } from '/probe.js';
  const page = await probe().catch((e) => ({ error: String(e) }));
  const worker = await new Promise((resolve) => {
    const w = new Worker('/probe.js', { type: 'module' });
    w.onmessage = (m) => resolve(m.data);
    w.onerror = (e) => resolve({ error: String(e.message) });
  });
  window.__result = { page, worker };
</script>`;

describe('real headless Chromium on the built ESM files', () => {
  it('a page refuses builds on every entry (opt-in works, decode works); a Web Worker may build', async () => {
    // A missing browser or build fails this test instead of skipping it (CI installs Chromium; npm test builds first).
    for (const path of [CHROMIUM, `${DIST}index.js`, `${DIST}legacy.js`]) expect(existsSync(path), `${path} is missing (install chromium, then npm run build)`).toBe(true);
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      if (path === '/probe.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(PROBE);
      if (path === '/vendor/fflate.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(FFLATE));
      const file = `${DIST}${path.replace(/^\/dist\//, '')}`;
      if (!path.startsWith('/dist/') || path.includes('..') || !existsSync(file)) return void res.writeHead(404).end();
      // No import map: module Workers do not inherit one, so the bare specifier is rewritten instead.
      const body = readFileSync(file, 'utf8').replace(/from\s*["']fflate["']/g, 'from "/vendor/fflate.js"');
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
    });
    server.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, null, { timeout: 30_000 });
      const result = await page.evaluate(() => (window as unknown as { __result: unknown }).__result);
      expect(result).toEqual({
        page: {
          mainThread: true, main: 'ERR_UNSAFE_ENVIRONMENT', sync: 'ERR_UNSAFE_ENVIRONMENT', legacy: 'ERR_UNSAFE_ENVIRONMENT', legacySync: 'ERR_UNSAFE_ENVIRONMENT',
          optedIn: '007', optedInLegacy: '006', decoded: '007', token: '007',
        },
        worker: { mainThread: false, main: '007', sync: '007', legacy: '006', legacySync: '006', optedIn: '007', optedInLegacy: '006', decoded: '007', token: '007' },
      });
    } finally {
      await browser.close();
      server.close();
    }
  }, 60_000);
});
