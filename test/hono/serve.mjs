/**
 * @module test/hono/serve — a Hono app mounting the token handler, served by the runtime this runs
 * on (Deno.serve under Deno, Bun.serve under Bun), asked once per mount form over loopback.
 * Prints `RESULT {json}`: per form asked (arguments `stripped`, `original`; default both), the HTTP
 * status, the token and the client address onIssue saw.
 * Run by test/server-hono.test.ts from the repository root, on the built dist/ (`deno run -A
 * --node-modules-dir=manual test/hono/serve.mjs`, `bun test/hono/serve.mjs`).
 */
import { Hono } from 'hono';
import { mount } from 'hono/mount';
import { createTokenHandler } from '../../dist/server.js';

const APP_ID = '970ca35de60c44645bbae8a215061b33';
const CERT = '5cfd2fd1755d40ecb72977518be15d3b';
let seen;
const handler = (basePath) =>
  createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, ...(basePath ? { basePath } : {}), onIssue: (e) => void (seen = e.clientAddress) });

const app = new Hono();
// hono/mount's default: the mount path stripped (a new Request), Hono's c.env passed on.
app.all('/stripped/*', mount(handler()));
// The original Request passed on, so the handler needs the basePath.
app.all('/original/*', mount(handler('/original'), { replaceRequest: false }));

const fetchApp = (request, platform) => app.fetch(request, platform);
const server = globalThis.Deno
  ? globalThis.Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, fetchApp)
  : globalThis.Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: fetchApp });
const port = globalThis.Deno ? server.addr.port : server.port;
const result = { runtime: globalThis.Deno ? `deno ${globalThis.Deno.version.deno}` : `bun ${globalThis.Bun.version}` };
// The forms to ask (default both): argv after the script, as Deno and Bun give it.
const args = globalThis.Deno ? globalThis.Deno.args : globalThis.Bun.argv.slice(2);
for (const form of args.length > 0 ? args : ['stripped', 'original']) {
  seen = 'not issued';
  const res = await fetch(`http://127.0.0.1:${port}/${form}/rtc/room-${form}/publisher/uid/7/`);
  const body = await res.json();
  result[form] = { status: res.status, token: body.rtcToken, clientAddress: seen ?? null };
}
await (globalThis.Deno ? server.shutdown() : server.stop(true));
console.log(`RESULT ${JSON.stringify(result)}`);
