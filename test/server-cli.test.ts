// `agora-token-kit serve` as a real process: refuses to start without authorization, warns on
// every insecure start, logs one line per request without secrets or tokens, enforces API keys,
// forward auth and the per-client rate limit, and shuts down gracefully on SIGTERM/SIGINT.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { officialParse, officialVerify } from './helpers/official.ts';
import { APP_ID, CERT } from './helpers/token-server.ts';

const ENTRY = fileURLToPath(new URL('./helpers/serve-entry.mts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Cli {
  child: ChildProcess;
  url: Promise<string>;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

const running = new Set<ChildProcess>();
// A failed assertion must not leave a server process behind.
afterEach(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
});

function start(args: string[], env: Record<string, string> = {}): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve(m[1]!.replace(/\/api$/, ''));
    });
    child.once('exit', () => reject(new Error(`exited before listening: ${err}`)));
  });
  url.catch(() => {});
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url, stdout: () => out, stderr: () => err, exit };
}

describe('agora-token-kit serve', () => {
  it('refuses to start without authorization, and on bad flags or credentials, with exit code 2', async () => {
    const none = start(['--port', '0']);
    expect(await none.exit).toBe(2);
    expect(none.stderr()).toMatch(/no authorization configured/);
    const flag = start(['--port', '0', '--insecure-allow-anyone', '--no-such-flag']);
    expect(await flag.exit).toBe(2);
    // a misspelt flag gets its suggestion; credentials as flags point at the environment
    const typo = start(['--prot', '0', '--insecure-allow-anyone']);
    expect(await typo.exit).toBe(2);
    expect(typo.stderr()).toMatch(/Unknown option '--prot' \(did you mean --port\?\)/);
    const appId = start(['--port', '0', '--insecure-allow-anyone', '--app-id', APP_ID]);
    expect(await appId.exit).toBe(2);
    expect(appId.stderr()).toMatch(/\(serve reads AGORA_APP_ID from the environment\)/);
    const badCert = 'Z' + CERT.slice(1);
    const cert = start(['--port', '0', '--insecure-allow-anyone'], { AGORA_APP_CERTIFICATE: badCert });
    expect(await cert.exit).toBe(2);
    expect(cert.stderr()).toMatch(/AGORA_APP_CERTIFICATE: /); // named as the user set it
    expect(cert.stderr() + cert.stdout()).not.toContain(CERT.slice(1));
    const expiry = start(['--port', '0', '--insecure-allow-anyone', '--max-expiry', '100000']);
    expect(await expiry.exit).toBe(2);
    expect(expiry.stderr()).toMatch(/serve: --max-expiry: must be in 1\.\.86400/);
    // An empty --host would bind every interface; the rate limiter's window is named as its flag.
    const host = start(['--port', '0', '--insecure-allow-anyone', '--host', '']);
    expect(await host.exit).toBe(2);
    expect(host.stderr()).toMatch(/serve: --host: expected an interface address/);
    // an option named inside the rule is named as its flag too
    const order = start(['--port', '0', '--insecure-allow-anyone', '--default-expiry', '7200', '--max-expiry', '3600']);
    expect(await order.exit).toBe(2);
    expect(order.stderr()).toMatch(/serve: --default-expiry: must be in 1\.\.--max-expiry/);
    // ...but never inside the user's own quoted value (cors and limit are plain words there)
    const value = start(['--port', '0', '--insecure-allow-anyone', '--cors-origin', 'http://cors.example.com/limit']);
    expect(await value.exit).toBe(2);
    expect(value.stderr()).toContain('"http://cors.example.com/limit"');
    const window = start(['--port', '0', '--insecure-allow-anyone', '--rate-window', '0']);
    expect(await window.exit).toBe(2);
    expect(window.stderr()).toMatch(/serve: --rate-window: expected a positive integer/);
  }, 30_000);

  it('--cors-allow-headers: a preflight for an extra header is allowed; without --cors-origin, or with a bad name, exit 2 naming the flag', async () => {
    const cli = start(['--port', '0', '--insecure-allow-anyone', '--cors-origin', 'http://localhost:5173', '--cors-allow-headers', 'x-requested-with,X-Api-Key']);
    const url = await cli.url;
    const pre = await fetch(`${url}/getToken`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-requested-with' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type, authorization, x-requested-with, x-api-key');
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
    const alone = start(['--port', '0', '--insecure-allow-anyone', '--cors-allow-headers', 'x-requested-with']);
    expect(await alone.exit).toBe(2);
    expect(alone.stderr()).toMatch(/serve: --cors-allow-headers: needs --cors-origin/);
    const credentials = start(['--port', '0', '--insecure-allow-anyone', '--cors-credentials']);
    expect(await credentials.exit).toBe(2);
    expect(credentials.stderr()).toMatch(/serve: --cors-credentials: needs --cors-origin/);
    const bad = start(['--port', '0', '--insecure-allow-anyone', '--cors-origin', 'http://localhost:5173', '--cors-allow-headers', 'bad header']);
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toMatch(/serve: --cors-allow-headers: expected header names/);
  }, 30_000);

  it('a port in use is one plain sentence (exit 1); --insecure-allow-anyone on a non-loopback --host warns that the network can reach it', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const taken = start(['--port', String(port), '--insecure-allow-anyone']);
      expect(await taken.exit).toBe(1);
      expect(taken.stderr()).toContain(`serve: cannot start: 127.0.0.1:${port} is already in use (stop what runs there, or pick another --port)`);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
    // IPv6 parts only where the machine has an IPv6 loopback (some containers do not)
    const v6 = createServer();
    const ipv6 = await new Promise<boolean>((resolve) => v6.once('error', () => resolve(false)).listen(0, '::1', () => resolve(true)));
    if (ipv6) {
      const v6port = (v6.address() as AddressInfo).port;
      try {
        const taken6 = start(['--port', String(v6port), '--host', '::1', '--insecure-allow-anyone']);
        expect(await taken6.exit).toBe(1);
        expect(taken6.stderr()).toContain(`cannot start: [::1]:${v6port} is already in use`);
      } finally {
        await new Promise((r) => v6.close(r));
      }
    }
    // loopback in any spelling is no network warning
    // (localhost may resolve to ::1 first, so it is tried only where ::1 can be bound)
    // ("::1%lo": a zone id, which URL wants as %25, once stopped --insecure-allow-anyone from starting)
    for (const host of [' 127.0.0.2', ...(ipv6 ? ['LOCALHOST', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1', '[::1]', ...(networkInterfaces()['lo'] ? ['::1%lo'] : [])] : [])]) {
      const local = start(['--port', '0', '--host', host, '--insecure-allow-anyone']);
      const banner = await local.url;
      // The banner is a URL; with a zone id, in RFC 6874's form (curl reads it; WHATWG URL has no zone ids).
      if (host.includes('%')) expect(banner).toMatch(/^http:\/\/\[::1%25lo\]:\d+$/);
      else expect(new URL(banner).port, host).toMatch(/^\d+$/);
      await new Promise((r) => setTimeout(r, 200));
      expect(local.stderr(), host).not.toMatch(/--host/);
      local.child.kill('SIGTERM');
      expect(await local.exit, host).toBe(0);
    }
    const open = start(['--port', '0', '--host', '0.0.0.0', '--insecure-allow-anyone']);
    await open.url;
    await new Promise((r) => setTimeout(r, 200)); // its signal handlers are installed right after it listens
    expect(open.stderr()).toMatch(/WARNING: --host 0\.0\.0\.0: other machines on the network can reach it too/);
    open.child.kill('SIGTERM');
    expect(await open.exit).toBe(0);
    const local = start(['--port', '0', '--insecure-allow-anyone']);
    await local.url;
    await new Promise((r) => setTimeout(r, 200)); // its signal handlers are installed right after it listens
    expect(local.stderr()).not.toMatch(/--host/);
    local.child.kill('SIGTERM');
    expect(await local.exit).toBe(0);
  }, 30_000);

  it('--insecure-allow-anyone: warns on start, serves, logs one redacted line per request, stops on SIGTERM', async () => {
    const cli = start(['--port', '0', '--insecure-allow-anyone', '--base-path', '/api']);
    const url = await cli.url;
    expect(cli.stderr()).toMatch(/WARNING: --insecure-allow-anyone/);
    const res = await fetch(`${url}/api/rtm/${CERT}/?expiry=60`);
    const { rtmToken } = (await res.json()) as { rtmToken: string };
    expect(officialVerify(rtmToken, CERT)).toBe(true);
    expect(officialParse(rtmToken)!.services[0]!.fields).toEqual({ userId: CERT });
    expect((await fetch(`${url}/api/nope`)).status).toBe(404);
    // The certificate in another letter case is the same secret to a reader of the log.
    for (const variant of [CERT.toUpperCase(), CERT.toLowerCase()]) expect((await fetch(`${url}/api/rtm/${variant}/`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
    const lines = cli.stdout().trim().split('\n');
    const log = lines.filter((l) => /^\d{4}-\d\d-\d\dT/.test(l));
    expect(log).toHaveLength(4);
    expect(log[0]).toMatch(/^\S+ 127\.0\.0\.1 GET \/api\/rtm\/\[redacted\]\/ 200 \d+\.\dms$/);
    expect(log[1]).toMatch(/ GET \/api\/nope 404 /);
    for (const line of log.slice(2)) expect(line).toMatch(/ GET \/api\/rtm\/\[redacted\]\/ 200 /);
    expect(lines.at(-1)).toBe('agora-token-kit serve: stopped');
    const everything = cli.stdout() + cli.stderr();
    expect(everything.toLowerCase()).not.toContain(CERT.toLowerCase());
    expect(everything).not.toContain(rtmToken);
    expect(everything).not.toContain('expiry=60');
  }, 30_000);

  it('API keys from the environment, the per-client rate limit and SIGINT', async () => {
    const [one, two] = ['key-one-5f0c2a9b8e71d4c3', 'key-two-a81e7c0d5b3f9264'];
    const cli = start(['--port', '0', '--rate-limit', '3', '--quiet'], { AGORA_TOKEN_SERVER_API_KEYS: `${one}, ${two}` });
    const url = await cli.url;
    expect(cli.stderr()).not.toMatch(/WARNING/);
    expect((await fetch(`${url}/rtm/a/`)).status).toBe(401);
    expect((await fetch(`${url}/rtm/a/`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    // the limiter runs before authorization, so the two refused calls counted too; the scheme is case-insensitive (RFC 9110)
    const third = await fetch(`${url}/rtm/a/`, { headers: { authorization: `bearer ${two}` } });
    expect(third.status).toBe(200);
    expect(officialVerify(((await third.json()) as { rtmToken: string }).rtmToken, CERT)).toBe(true);
    const limited = await fetch(`${url}/rtm/a/`, { headers: { authorization: `Bearer ${two}` } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
    expect(cli.stdout()).not.toMatch(/ GET /);
    expect(cli.stdout() + cli.stderr()).not.toContain(two);
    expect(cli.stdout() + cli.stderr()).not.toContain(one);
  }, 30_000);

  it('--trust-proxy: a forwarded address with a port ("ip:port", "[v6]:port") is limited by its address', async () => {
    const key = 'key-proxy-7c1e0a9d4b2f8365';
    const cli = start(['--port', '0', '--trust-proxy', '--rate-limit', '2', '--quiet'], { AGORA_TOKEN_SERVER_API_KEYS: key });
    const url = await cli.url;
    const status = async (xff: string) => (await fetch(`${url}/rtm/a/`, { headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': xff } })).status;
    const statuses = async (list: string[]) => { const out: number[] = []; for (const xff of list) out.push(await status(xff)); return out; };
    // One client on new source ports: one bucket (each port was a bucket of its own before).
    expect(await statuses([0, 1, 2, 3].map((i) => `203.0.113.8:${50000 + i}`))).toEqual([200, 200, 429, 429]);
    // Three IPv6 clients (other /64s) behind the proxy: a bucket each (they fell back to the proxy's, shared).
    expect(await statuses([1, 2, 3].map((i) => `[2001:db8:${i}::1]:443`))).toEqual([200, 200, 200]);
    expect(await statuses(['[2001:db8:1::1]:444'])).toEqual([200]);
    expect(await statuses(['2001:db8:1::1'])).toEqual([429]); // the same client without the port
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
  }, 30_000);

  it('a port that is not a number is blamed on the flag or on the PORT variable, whichever gave it', async () => {
    const flag = start(['--port', 'abc', '--insecure-allow-anyone']);
    expect(await flag.exit).toBe(2);
    expect(flag.stderr()).toMatch(/--port: expected a whole number, got "abc"/);
    const env = start(['--insecure-allow-anyone'], { PORT: '80a' });
    expect(await env.exit).toBe(2);
    expect(env.stderr()).toMatch(/PORT: expected 0\.\.65535 \(or --port\), got "80a"/);
    expect(env.stderr()).not.toMatch(/--port:/);
  }, 30_000);

  it('an API key must match whole: a key with text added or cut off is refused', async () => {
    // Mutant: serve-auth.ts comparing only the key's length of the Bearer value (a prefix match).
    const key = 'key-whole-3b9d7e21c5a04f68';
    const cli = start(['--port', '0', '--quiet', '--rate-limit', '0'], { AGORA_TOKEN_SERVER_API_KEYS: key });
    const url = await cli.url;
    const status = async (value: string) => (await fetch(`${url}/rtm/a/`, { headers: { authorization: `Bearer ${value}` } })).status;
    expect(await status(key)).toBe(200); // the control
    expect(await status(`${key}x`)).toBe(401);
    expect(await status(key.slice(0, -1))).toBe(401);
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  }, 30_000);

  it('the rate limit defaults to 60 requests per client per 60-second window', async () => {
    // Mutants: serve.ts `--rate-limit` default 60 and `--rate-window` default 60 changed.
    const key = 'key-burst-5e0f9a2b7c4d1836';
    const burst = start(['--port', '0', '--quiet'], { AGORA_TOKEN_SERVER_API_KEYS: key });
    const url = await burst.url;
    const statuses = await Promise.all(Array.from({ length: 70 }, () => fetch(`${url}/rtm/a/`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status)));
    // 60 at once, plus one per second the burst takes (the bucket refills at 60 per 60 s).
    const ok = statuses.filter((s) => s === 200).length;
    expect(ok).toBeGreaterThanOrEqual(60);
    expect(ok).toBeLessThanOrEqual(62);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 429)).toBe(true);
    burst.child.kill('SIGTERM');
    expect(await burst.exit).toBe(0);
    // Two per window: the third request waits for a refill of 60 s / 2 = 30 s.
    const window = start(['--port', '0', '--quiet', '--rate-limit', '2'], { AGORA_TOKEN_SERVER_API_KEYS: key });
    const url2 = await window.url;
    const ask = () => fetch(`${url2}/rtm/a/`, { headers: { authorization: `Bearer ${key}` } });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    window.child.kill('SIGTERM');
    expect(await window.exit).toBe(0);
  }, 30_000);

  it('an API key under 16 characters is warned about at start; one of 16 is not', async () => {
    // Mutant: serve.ts's `k.length < 16` boundary moved.
    for (const [key, warned] of [['abcdefghijklmno', true], ['abcdefghijklmnop', false]] as const) {
      const cli = start(['--port', '0', '--quiet'], { AGORA_TOKEN_SERVER_API_KEYS: key });
      await cli.url;
      cli.child.kill('SIGTERM');
      expect(await cli.exit).toBe(0);
      expect(/WARNING: AGORA_TOKEN_SERVER_API_KEYS: key 1 is shorter than 16 characters/.test(cli.stderr()), key).toBe(warned);
      expect(cli.stderr()).not.toContain(key);
    }
  }, 30_000);

  it('an API key listed with spaces around it in AGORA_TOKEN_SERVER_API_KEYS is kept out of the request log too', async () => {
    const key = 'key-spaced-7c41e09b2d5af386';
    const cli = start(['--port', '0'], { AGORA_TOKEN_SERVER_API_KEYS: `key-other-0123456789abcd , ${key} ` });
    const url = await cli.url;
    // A client that put the key in the path (here as an RTM user id) must not have it printed.
    expect((await fetch(`${url}/rtm/${key}/`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
    expect(cli.stdout()).toMatch(/ GET \/rtm\/\[redacted\]\/ 200 /);
    expect(cli.stdout() + cli.stderr()).not.toContain(key);
  }, 30_000);

  it('API keys no caller could send are refused at start; short ones are warned about; --insecure-allow-anyone does not combine with keys', async () => {
    const unusable = start(['--port', '0', '--quiet'], { AGORA_TOKEN_SERVER_API_KEYS: 'fine-key-0123456789abcdef,my key' });
    expect(await unusable.exit).toBe(2);
    expect(unusable.stderr()).toMatch(/AGORA_TOKEN_SERVER_API_KEYS: key 2 has a space, a non-ASCII character or over 512 characters/);
    expect(unusable.stderr()).not.toContain('my key');
    const both = start(['--port', '0', '--quiet', '--insecure-allow-anyone'], { AGORA_TOKEN_SERVER_API_KEYS: 'fine-key-0123456789abcdef' });
    expect(await both.exit).toBe(2);
    expect(both.stderr()).toMatch(/--insecure-allow-anyone: cannot be combined with API keys or --auth-url/);
    const credentials = start(['--port', '0', '--quiet', '--auth-url', 'http://user:s3cretpw@127.0.0.1:1/check']);
    expect(await credentials.exit).toBe(2);
    expect(credentials.stderr()).toMatch(/--auth-url: must not carry a user name or password/);
    expect(credentials.stderr()).not.toContain('s3cretpw');
    const short = start(['--port', '0', '--quiet'], { AGORA_TOKEN_SERVER_API_KEYS: 'abc' });
    try {
      await short.url;
      expect(short.stderr()).toMatch(/WARNING: AGORA_TOKEN_SERVER_API_KEYS: key 1 is shorter than 16 characters/);
      expect(short.stderr()).not.toContain('abc');
    } finally {
      short.child.kill('SIGTERM');
      await short.exit;
    }
  }, 30_000);

  it('--auth-url forward auth: the auth service sees the cookie and can narrow; 401 passes through', async () => {
    const seen: unknown[] = [];
    const auth = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        seen.push(JSON.parse(body));
        // The cookie picks the verdict: a grant, the bare JSON true/false, or a reply shape that is no verdict.
        const replies: Record<string, string> = { 'session=ok': JSON.stringify({ uid: 9, role: 'subscriber' }), 'session=true': 'true', 'session=false': 'false', 'session=other': JSON.stringify({ allowed: false, error: 'not a member' }), 'session=login': '<html>login</html>', 'session=deny': JSON.stringify({ deny: 403, message: 'not a member' }), 'session=message': JSON.stringify({ message: 'not allowed' }) };
        const reply = replies[req.headers.cookie ?? ''];
        // A bare status: 403 denies with that status, a 200 with no body allows.
        if (req.headers.cookie === 'session=forbidden') return void res.writeHead(403).end();
        if (req.headers.cookie === 'session=empty') return void res.writeHead(200).end();
        // Over the 64 KiB a verdict may take: declared up front, or only found while streaming.
        if (req.headers.cookie === 'session=huge') return void res.writeHead(200, { 'content-type': 'application/json' }).end(`${' '.repeat(70_000)}true`);
        if (req.headers.cookie === 'session=stream') {
          res.writeHead(200, { 'content-type': 'application/json' });
          for (let i = 0; i < 70; i++) res.write(' '.repeat(1000));
          return void res.end('true');
        }
        if (reply === undefined) return void res.writeHead(401).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end(reply);
      });
    }).listen(0, '127.0.0.1');
    await new Promise((r) => auth.once('listening', r));
    const authUrl = `http://127.0.0.1:${(auth.address() as AddressInfo).port}/check`;
    const cli = start(['--port', '0', '--auth-url', authUrl, '--quiet']);
    try {
      const url = await cli.url;
      const ask = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokenType: 'rtc', channel: 'c', uid: 1, role: 'publisher' }) };
      expect((await fetch(`${url}/getToken`, ask)).status).toBe(401);
      const ok = await fetch(`${url}/getToken`, { ...ask, headers: { ...ask.headers, cookie: 'session=ok' } });
      const { token } = (await ok.json()) as { token: string };
      expect(officialParse(token)!.services).toEqual([{ type: 1, privileges: { '1': 3600 }, fields: { channelName: 'c', uid: '9' } }]);
      expect(seen[0]).toMatchObject({ endpoint: 'getToken', types: ['rtc'], channel: 'c', uid: 1, role: 'publisher', expiresInSeconds: 3600 });
      const asking = (cookie: string) => fetch(`${url}/getToken`, { ...ask, headers: { ...ask.headers, cookie } });
      expect((await asking('session=true')).status).toBe(200);
      expect((await asking('session=false')).status).toBe(403);
      expect((await asking('session=forbidden')).status).toBe(403);
      expect((await asking('session=empty')).status).toBe(200);
      expect((await asking('session=huge')).status).toBe(500);
      expect((await asking('session=stream')).status).toBe(500);
      expect(cli.stderr()).toMatch(/forward auth reply could not be read within 65536 bytes/);
      // Fails closed: { "allowed": false } is no "allow", and a non-JSON body is no verdict; neither is quoted in the log.
      expect((await asking('session=other')).status).toBe(500);
      expect((await asking('session=login')).status).toBe(500);
      const denied = await asking('session=deny');
      expect(denied.status).toBe(403);
      expect(JSON.stringify(await denied.json())).toContain('not a member');
      expect((await asking('session=message')).status).toBe(500); // a message with no deny is no "allow"
      expect(cli.stderr()).toMatch(/a message but no deny/);
      expect(cli.stderr()).toMatch(/fields that are not grant fields \(allowed, error\)/);
      expect(cli.stderr()).toMatch(/a body that is not JSON/);
      expect(cli.stderr()).not.toContain('<html>');
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exit;
      auth.close();
    }
  }, 30_000);
});
