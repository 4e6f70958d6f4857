/**
 * @module test/runtimes/browser/driverless — runs the in-page suite in a browser that no driver
 * controls here (Firefox ESR, WebKitGTK's MiniBrowser): serves the consumer project on 127.0.0.1
 * (a secure context, so Web Crypto is there), starts the browser on the suite page, waits for the
 * page to POST its result back, then ends the browser's whole process group. Prints the RESULT
 * line the runtime matrix reads and sets the exit code.
 */

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { webKeys } from '../entries.mjs';

/**
 * @param {{ name: string, version: string, command: string, args: (url: string) => string[], cleanup?: () => void }} browser
 */
export async function runDriverless(browser) {
  const repo = process.env.ATK_REPO;
  if (!repo) throw new Error(`${browser.name} runner: set ATK_REPO to the repository root`);
  const { serveStatic } = await import(pathToFileURL(join(repo, 'test/runtimes/harness/static-server.mjs')).href);
  const keys = webKeys((process.argv[2] ?? '').split(',').filter(Boolean));

  let report;
  const reported = new Promise((resolve) => (report = resolve));
  const server = await serveStatic(process.cwd(), { onReport: (text) => report(text) });
  const url = `${server.url}/runtimes/browser/index.html?keys=${keys.join(',')}&report=1`;
  // Its own process group, so that helpers it starts (Xvfb, content processes) end with it.
  const child = spawn(browser.command, browser.args(url), { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(`${browser.name} exited before the page reported (${code ?? signal}): ${stderr}`)));
  const timeout = new Promise((resolve) => setTimeout(() => resolve(`no result from the page within 90 s: ${stderr}`), 90_000).unref());
  try {
    const outcome = await Promise.race([reported, exited, timeout]);
    if (!outcome.startsWith('{')) throw new Error(`${browser.name} runner: ${outcome}`);
    const result = JSON.parse(outcome);
    if (result.error) throw new Error(`suite could not run in the page: ${result.error}`);
    result.runtime = `${browser.version} (ESM build via import map)`;
    console.log(`RESULT ${JSON.stringify(result)}`);
    process.exitCode = result.failed === 0 ? 0 : 1;
  } finally {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await server.close();
    browser.cleanup?.();
  }
}
