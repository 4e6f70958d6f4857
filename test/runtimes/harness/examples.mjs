/**
 * @module test/runtimes/harness/examples — runs the server examples as written (Deno, Bun, Node
 * processes; the Next.js route in an edge VM) against the installed package and checks what
 * they answer over HTTP: a token the official agora-token parser verifies, and 401 without
 * the demo key. Loopback only.
 */

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { freePort, waitForHttp } from './net.mjs';
import { officialParse } from './official.mjs';

const require = createRequire(import.meta.url);
export const APP_ID = '970CA35de60c44645bbae8a215061b33';
export const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const API_KEY = 'demo-key-for-tests';
const ENV = { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT, DEMO_API_KEY: API_KEY, HOST: '127.0.0.1' };

/** Checks one token endpoint reachable through `send(path, headers)` (returns a Response). */
async function probe(send, prefix = '') {
  const ok = await send(`${prefix}/rtc/example-room/publisher/uid/42/`, { authorization: `Bearer ${API_KEY}` });
  const body = await ok.json();
  if (ok.status !== 200) throw new Error(`authorized request: ${ok.status} ${JSON.stringify(body)}`);
  const o = officialParse(body.rtcToken, CERT);
  const s = o.services[0];
  if (!o.verified || o.appId !== APP_ID || s?.channelName !== 'example-room' || s?.uid !== '42' || o.expire !== 3600) {
    throw new Error(`token content: ${JSON.stringify(o)}`);
  }
  const denied = await send(`${prefix}/rtc/example-room/publisher/uid/42/`, {});
  const deniedText = await denied.text();
  if (denied.status !== 401) throw new Error(`request without the key: expected 401, got ${denied.status} ${deniedText}`);
  if (`${JSON.stringify(body)}${deniedText}`.includes(CERT)) throw new Error('certificate echoed');
}

/** Starts a server example process on a free port, probes it, stops it. Throws with its output on failure. */
export async function checkServerExample(command, args, cwd) {
  const port = await freePort();
  let output = '';
  let stderr = '';
  let exited = false;
  // The examples run as written, without the test runner's NODE_OPTIONS: an --inspect there (a
  // contributor debugging the tests) makes Node print "Debugger listening" to stderr, which the
  // stderr check below would blame on the example.
  const child = spawn(command, args, { cwd, env: { ...process.env, NODE_OPTIONS: undefined, ...ENV, PORT: String(port), DENO_NO_UPDATE_CHECK: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => ((output += d), (stderr += d)));
  child.on('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${base}/ping`, { alive: () => !exited, ms: 30_000 });
    await probe((path, headers) => fetch(`${base}${path}`, { headers }));
    // Serving a request must not make the runtime print anything besides Deno.serve's own
    // "Listening on" line (Deno 2.9 warns at the first read of request.signal in a Deno.serve
    // handler, about its legacy abort behaviour).
    await new Promise((r) => setTimeout(r, 100));
    const printed = stderr.split('\n').filter((line) => line.trim() !== '' && !/^Listening on http:\/\/\S+$/.test(line.trim()));
    if (printed.length > 0) throw new Error(`the example wrote to stderr:\n${printed.join('\n')}`);
  } catch (error) {
    throw new Error(`${error.message}\n--- example output ---\n${output.slice(-2000)}`);
  } finally {
    child.kill('SIGTERM');
  }
}

/** Bundles examples/next-route.ts for the edge runtime and calls its GET export inside an edge VM. */
export async function checkNextRoute(project) {
  const esbuild = require('esbuild');
  const { EdgeVM } = await import('@edge-runtime/vm');
  const built = await esbuild.build({
    entryPoints: [join(project, 'examples/next-route.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__route',
    platform: 'browser',
    conditions: ['edge-light', 'worker', 'browser'],
    target: 'es2022',
    logLevel: 'silent',
  });
  // Next.js provides process.env on the edge runtime; nothing else from Node.
  const vm = new EdgeVM({ extend: (context) => Object.assign(context, { process: { env: { ...ENV } } }) });
  vm.evaluate(built.outputFiles[0].text);
  if (vm.evaluate('__route.runtime') !== 'edge') throw new Error('next-route: runtime export is not "edge"');
  await probe(async (path, headers) => {
    const r = await vm.evaluate(`__route.GET(new Request(${JSON.stringify(`http://localhost${path}`)}, { headers: ${JSON.stringify(headers)} }))`);
    // Re-wrap the VM's Response for this realm.
    return new Response(await r.text(), { status: r.status });
  }, '/api/agora');
  // OPTIONS reaches the handler (its CORS gate and preflight), not Next.js's own answer, which
  // carries no CORS headers and allows every method the route exports.
  const options = await vm.evaluate(`__route.OPTIONS(new Request('http://localhost/api/agora/getToken', { method: 'OPTIONS' }))`);
  if (options.status !== 204 || options.headers.get('allow') !== 'POST, OPTIONS') {
    throw new Error(`next-route OPTIONS: expected the handler's 204 with "allow: POST, OPTIONS", got ${options.status} ${options.headers.get('allow')}`);
  }
}
