/**
 * @module test/runtimes/browser/firefox — the same in-page suite as run.mjs, in Debian's Firefox
 * ESR (SpiderMonkey) headless. No driver: Firefox opens the suite page on a static server on
 * 127.0.0.1 (a secure context, so Web Crypto is there), the page posts its result back, and the
 * runner closes Firefox. A fresh profile with first-run, update and telemetry traffic turned off.
 * Run from the consumer project: `node runtimes/browser/firefox.mjs <keys>` with ATK_REPO set.
 */

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { webKeys } from '../entries.mjs';

const repo = process.env.ATK_REPO;
if (!repo) throw new Error('firefox runner: set ATK_REPO to the repository root');
const { serveStatic } = await import(pathToFileURL(join(repo, 'test/runtimes/harness/static-server.mjs')).href);

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const keys = webKeys((process.argv[2] ?? '').split(',').filter(Boolean));
const version = execFileSync(FIREFOX, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

// Quiet, offline-friendly profile: nothing but the page we open.
const PREFS = {
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.disabledForTesting': true,
  'app.normandy.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.update.enabled': false,
};

let report;
const reported = new Promise((resolve) => (report = resolve));
const server = await serveStatic(process.cwd(), { onReport: (text) => report(text) });
const profile = mkdtempSync(join(tmpdir(), 'atk-firefox-'));
writeFileSync(join(profile, 'user.js'), Object.entries(PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
const url = `${server.url}/runtimes/browser/index.html?keys=${keys.join(',')}&report=1`;
const firefox = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, url], { stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
firefox.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
const exited = new Promise((resolve) => firefox.on('exit', (code, signal) => resolve(`Firefox exited early (${code ?? signal}): ${stderr}`)));
const timeout = new Promise((resolve) => setTimeout(() => resolve('no result from the page within 90 s'), 90_000).unref());
try {
  const outcome = await Promise.race([reported, exited, timeout]);
  if (!outcome.startsWith('{')) throw new Error(`firefox runner: ${outcome}`);
  const result = JSON.parse(outcome);
  if (result.error) throw new Error(`suite could not run in the page: ${result.error}`);
  result.runtime = `${version} (headless, ESM build via import map)`;
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exitCode = result.failed === 0 ? 0 : 1;
} finally {
  firefox.kill('SIGTERM');
  await Promise.race([new Promise((r) => firefox.once('exit', r)), new Promise((r) => setTimeout(r, 5000).unref())]);
  if (firefox.exitCode === null) firefox.kill('SIGKILL');
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
