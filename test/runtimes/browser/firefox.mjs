/**
 * @module test/runtimes/browser/firefox — the in-page suite in Debian's Firefox ESR (SpiderMonkey),
 * headless, without a driver (see driverless.mjs): a fresh profile with first-run, update and
 * telemetry traffic turned off. Run from the consumer project: `node runtimes/browser/firefox.mjs <keys>`.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDriverless } from './driverless.mjs';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
if (!existsSync(FIREFOX)) throw new Error(`firefox runner: ${FIREFOX} not found (Debian: apt-get install firefox-esr; or set FIREFOX_PATH)`);
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

const version = execFileSync(FIREFOX, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const profile = mkdtempSync(join(tmpdir(), 'atk-firefox-'));
writeFileSync(join(profile, 'user.js'), Object.entries(PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
await runDriverless({
  name: 'Firefox',
  version: `${version} (headless)`,
  command: FIREFOX,
  args: (url) => ['--headless', '--no-remote', '--profile', profile, url],
  cleanup: () => rmSync(profile, { recursive: true, force: true }),
});
