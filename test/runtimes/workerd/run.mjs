/**
 * @module test/runtimes/workerd/run — Cloudflare Workers runner. Bundles the conformance Worker
 * and examples/cloudflare-worker.ts with esbuild from the installed package (`workerd`, `worker`,
 * `browser` conditions, as wrangler does; a `node:` import would fail the build), serves both
 * with the real `workerd` binary and NO compatibility flags (so no nodejs_compat), then talks
 * HTTP to them and checks the returned tokens with the official agora-token parser. With the
 * argument `nodejs_compat` it serves the same bundles with that flag instead (and a compatibility
 * date late enough for its v2: `process` and `Buffer` become globals), as Cloudflare's project
 * templates set it: the package must not change behaviour when Node's globals appear.
 * Run from the consumer project: `node runtimes/workerd/run.mjs <keys> [nodejs_compat]` with ATK_REPO set.
 */

import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENTRIES, webKeys } from '../entries.mjs';

const repo = process.env.ATK_REPO;
if (!repo) throw new Error('workerd runner: set ATK_REPO to the repository root');
const requireRepo = createRequire(join(repo, 'package.json'));
const esbuild = requireRepo('esbuild');
const { officialParse } = await import(pathToFileURL(join(repo, 'test/runtimes/harness/official.mjs')).href);
const { freePort, waitForHttp } = await import(pathToFileURL(join(repo, 'test/runtimes/harness/net.mjs')).href);
const workerdBin = join(repo, 'node_modules/.bin/workerd');

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const COMPAT_DATE = '2025-09-01';
const keys = webKeys((process.argv[2] ?? '').split(',').filter(Boolean));
if (!keys.includes('main')) throw new Error('workerd runner: needs the main entry');
const nodeCompat = process.argv[3] === 'nodejs_compat';
const version = execFileSync(workerdBin, ['--version'], { encoding: 'utf8' }).trim();
const out = join(process.cwd(), nodeCompat ? '.workerd-nodejs-compat' : '.workerd');
mkdirSync(out, { recursive: true });

const bundle = async (options) => {
  const r = await esbuild.build({ bundle: true, format: 'esm', platform: 'browser', conditions: ['workerd', 'worker', 'browser'], target: 'es2022', logLevel: 'silent', write: false, ...options });
  return r.outputFiles[0].text;
};
const suiteEntry = [
  "import { createWorker } from './workerd/worker.mjs';",
  ...keys.map((k) => `import * as ${k} from '${ENTRIES[k]}';`),
  `export default createWorker({ ${keys.join(', ')} }, ${JSON.stringify(keys)}, ${JSON.stringify(`${version} (compatibility date ${COMPAT_DATE}, ${nodeCompat ? 'nodejs_compat' : 'no nodejs_compat'})`)}, ${nodeCompat});`,
].join('\n');
writeFileSync(join(out, 'suite.js'), await bundle({ stdin: { contents: suiteEntry, resolveDir: join(process.cwd(), 'runtimes'), sourcefile: 'workerd-entry.mjs' } }));
writeFileSync(join(out, 'example.js'), await bundle({ entryPoints: [join(process.cwd(), 'examples/cloudflare-worker.ts')] }));

const [suitePort, examplePort, brokenPort] = [await freePort(), await freePort(), await freePort()];
const worker = (file, bindings) =>
  `(modules = [(name = "worker.js", esModule = embed "${file}")], compatibilityDate = "${COMPAT_DATE}",${nodeCompat ? ' compatibilityFlags = ["nodejs_compat"],' : ''} bindings = [${Object.entries(bindings)
    .map(([name, text]) => `(name = "${name}", text = "${text}")`)
    .join(', ')}])`;
writeFileSync(join(out, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "suite", worker = ${worker('suite.js', { APP_ID, APP_CERTIFICATE: CERT })}),
    (name = "example", worker = ${worker('example.js', { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT })}),
    (name = "broken", worker = ${worker('example.js', { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: '' })}),
  ],
  sockets = [
    (name = "suite", address = "127.0.0.1:${suitePort}", http = (), service = "suite"),
    (name = "example", address = "127.0.0.1:${examplePort}", http = (), service = "example"),
    (name = "broken", address = "127.0.0.1:${brokenPort}", http = (), service = "broken"),
  ],
);
`);

let exited = false;
let logs = '';
const child = spawn(workerdBin, ['serve', join(out, 'config.capnp')], { stdio: ['ignore', 'pipe', 'pipe'] });
child.stdout.on('data', (d) => (logs += d));
child.stderr.on('data', (d) => (logs += d));
child.on('exit', () => (exited = true));
try {
  const base = `http://127.0.0.1:${suitePort}`;
  const example = `http://127.0.0.1:${examplePort}`;
  const broken = `http://127.0.0.1:${brokenPort}`;
  await waitForHttp(`${base}/ping`, { alive: () => !exited });
  await waitForHttp(`${example}/ping`, { alive: () => !exited });
  const result = await (await fetch(`${base}/suite`)).json();
  const check = async (name, fn) => {
    try {
      await fn();
      result.checks.push({ name, ok: true });
    } catch (error) {
      result.checks.push({ name, ok: false, error: String(error?.stack ?? error).slice(0, 800) });
    }
  };
  const expectRtc = (token, channel, uid) => {
    const o = officialParse(token, CERT);
    if (!o.verified) throw new Error('official agora-token did not verify the token');
    const s = o.services[0];
    if (o.appId !== APP_ID || s?.type !== 1 || s.channelName !== channel || s.uid !== uid) throw new Error(`unexpected content ${JSON.stringify(o)}`);
  };
  for (const mode of ['', '&sync']) {
    await check(`workerd http: GET /rtc${mode ? ' (sync entry)' : ''} token verifies with official agora-token`, async () => {
      const res = await fetch(`${base}/rtc?channel=edge-room&uid=4242${mode}`);
      if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
      expectRtc((await res.json()).token, 'edge-room', '4242');
    });
  }
  await check('examples/cloudflare-worker.ts: GET /token returns a token official agora-token verifies', async () => {
    const res = await fetch(`${example}/token?channel=worker-room&uid=7`);
    if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
    const body = await res.json();
    expectRtc(body.token, 'worker-room', '7');
    const o = officialParse(body.token, CERT);
    if (body.expiresAt !== o.issueTs + o.expire) throw new Error(`expiresAt ${body.expiresAt}, token says ${o.issueTs + o.expire}`);
    if (res.headers.get('cache-control') !== 'no-store') throw new Error(`cache-control: ${res.headers.get('cache-control')}`);
  });
  await check('examples/cloudflare-worker.ts: role=subscriber is a subscriber token; an unknown role or channel "*" -> 400, not a publisher or wildcard token', async () => {
    const sub = await fetch(`${example}/token?channel=worker-room&uid=7&role=subscriber`);
    const o = officialParse((await sub.json()).token, CERT);
    if (!o.verified || JSON.stringify(o.services[0].privileges) !== JSON.stringify({ 1: 3600 })) throw new Error(`subscriber token: ${JSON.stringify(o)}`);
    for (const [query, code] of [['channel=worker-room&uid=7&role=admin', 'ERR_INVALID_ROLE'], ['channel=*&uid=7', 'ERR_INVALID_CHANNEL']]) {
      const res = await fetch(`${example}/token?${query}`);
      const body = await res.json();
      if (res.status !== 400 || body.error?.code !== code) throw new Error(`${query}: got ${res.status} ${JSON.stringify(body)}`);
    }
  });
  await check('examples/cloudflare-worker.ts: bad uid -> 400 ERR_INVALID_UID, unknown path -> 404', async () => {
    const bad = await fetch(`${example}/token?channel=worker-room&uid=-1`);
    const body = await bad.json();
    if (bad.status !== 400 || body.error?.code !== 'ERR_INVALID_UID') throw new Error(`got ${bad.status} ${JSON.stringify(body)}`);
    if (JSON.stringify(body).includes(CERT)) throw new Error('certificate echoed');
    if ((await fetch(`${example}/nope`)).status !== 404) throw new Error('expected 404');
  });
  await check('examples/cloudflare-worker.ts: a uid Number() would misread (blank, hex, exponent) -> 400, not a token for another uid', async () => {
    for (const uid of ['%20', '%0A', '0x2a', '1e3', '42.0', '']) {
      const res = await fetch(`${example}/token?channel=worker-room&uid=${uid}`);
      const body = await res.json();
      if (res.status !== 400 || body.error?.code !== 'ERR_INVALID_UID') throw new Error(`uid=${uid}: got ${res.status} ${JSON.stringify(body)}`);
    }
  });
  await check('examples/cloudflare-worker.ts: a Worker without its certificate answers 500 and tells the client nothing about it', async () => {
    const res = await fetch(`${broken}/token?channel=worker-room&uid=7`);
    const body = await res.json();
    if (res.status !== 500 || body.error?.code !== 'INTERNAL' || /certificate/i.test(JSON.stringify(body))) throw new Error(`got ${res.status} ${JSON.stringify(body)}`);
  });
  result.failed = result.checks.filter((c) => !c.ok).length;
  result.passed = result.checks.length - result.failed;
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exitCode = result.failed === 0 ? 0 : 1;
} catch (error) {
  console.error(`workerd runner failed: ${error?.stack ?? error}\n--- workerd output ---\n${logs}`);
  process.exitCode = 1;
} finally {
  child.kill('SIGTERM');
}
