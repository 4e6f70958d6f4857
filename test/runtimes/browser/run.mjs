/**
 * @module test/runtimes/browser/run — browser runner. Serves the consumer project from a static
 * server on 127.0.0.1 (the installed ESM build, mapped by an import map; no bundler), drives
 * Debian's Chromium headless through playwright-core with a fresh profile, runs the suite in the
 * page (building, decoding and verifying tokens there) and exercises examples/browser-inspect.html.
 * Run from the consumer project: `node runtimes/browser/run.mjs <keys>` with ATK_REPO set.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { webKeys } from '../entries.mjs';

const repo = process.env.ATK_REPO;
if (!repo) throw new Error('browser runner: set ATK_REPO to the repository root');
const requireRepo = createRequire(join(repo, 'package.json'));
const { chromium } = requireRepo('playwright-core');
const { serveStatic } = await import(pathToFileURL(join(repo, 'test/runtimes/harness/static-server.mjs')).href);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) throw new Error(`browser runner: ${CHROMIUM} not found (Debian: apt-get install chromium; or set CHROMIUM_PATH)`);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OFFICIAL_TOKEN = '007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj';
const keys = webKeys((process.argv[2] ?? '').split(',').filter(Boolean));
const version = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

const server = await serveStatic(process.cwd());
const profile = mkdtempSync(join(tmpdir(), 'atk-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${server.url}/runtimes/browser/index.html?keys=${keys.join(',')}`);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
  const result = await page.evaluate(() => window.__result);
  if (result.error) throw new Error(`suite could not run in the page: ${result.error}`);
  result.runtime = `${version} (headless, ESM build via import map)`;
  const check = async (name, fn) => {
    try {
      await fn();
      result.checks.push({ name, ok: true });
    } catch (error) {
      result.checks.push({ name, ok: false, error: String(error?.stack ?? error).slice(0, 800) });
    }
  };
  await check('examples/browser-inspect.html decodes an official token in the page', async () => {
    await page.goto(`${server.url}/examples/browser-inspect.html`);
    await page.fill('#token', OFFICIAL_TOKEN);
    await page.waitForFunction(() => document.querySelector('#output')?.textContent?.includes('970CA35de60c44645bbae8a215061b33'), null, { timeout: 10_000 });
    const text = await page.textContent('#output');
    for (const want of ['"version": "007"', '"name": "rtc"', '"channelName": "7d72365eb983485397e3e3f9d460bdda"', '"uid": "2882341273"']) {
      if (!text.includes(want)) throw new Error(`output lacks ${want}: ${text.slice(0, 400)}`);
    }
    // A token whose join privilege ends long before the token: the page must show the privilege's end.
    const { RtcTokenBuilder } = requireRepo('agora-token');
    const { AccessToken2 } = requireRepo('agora-token/src/AccessToken2');
    const short = RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 'c', 1, 2, 3600, 60);
    const parsed = new AccessToken2();
    parsed.from_string(short);
    const until = `usable until: ${new Date((parsed.issueTs + 60) * 1000).toISOString()}`;
    await page.fill('#token', short);
    await page.waitForFunction((want) => document.querySelector('#output')?.textContent?.includes(want), until, { timeout: 10_000 });
    await page.fill('#token', '007notatoken');
    await page.waitForFunction(() => document.querySelector('#output')?.textContent?.includes('ERR_TOKEN_'), null, { timeout: 10_000 });
  });
  await check('no uncaught errors in the pages', () => {
    if (pageErrors.length) throw new Error(pageErrors.join('\n'));
  });
  result.failed = result.checks.filter((c) => !c.ok).length;
  result.passed = result.checks.length - result.failed;
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exitCode = result.failed === 0 ? 0 : 1;
} finally {
  await context?.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
