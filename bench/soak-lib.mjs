/**
 * @module bench/soak-lib — a bounded loopback soak of the token server: valid and invalid
 * requests mixed at a fixed concurrency (two autocannon runs side by side, so errors on valid
 * requests are counted apart), with the server in its own process reporting post-GC memory.
 */

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const CHILD = fileURLToPath(new URL('./token-server-child.mjs', import.meta.url));
const AUTH = { authorization: 'Bearer bench' };
const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };

/** Requests that must all succeed (2xx). */
export const VALID_REQUESTS = [
  { method: 'POST', path: '/getToken', headers: JSON_AUTH, body: JSON.stringify({ tokenType: 'rtc', channel: 'soak', uid: '4242', role: 'publisher', expire: 3600 }) },
  { method: 'GET', path: '/rtc/soak/subscriber/uid/7/?expiry=600', headers: AUTH },
  { method: 'GET', path: '/rtm/soak-user/', headers: AUTH },
  { method: 'POST', path: '/fetch_rtc_token', headers: JSON_AUTH, body: JSON.stringify({ uid: '123456', channelName: 'channelA' }) },
  { method: 'GET', path: '/rte/soak/publisher/userAccount/alice/', headers: AUTH },
  { method: 'GET', path: '/ping' },
  { method: 'OPTIONS', path: '/getToken', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } },
];

/** Requests that must all be refused with a 4xx. */
export const INVALID_REQUESTS = [
  { method: 'POST', path: '/getToken', headers: JSON_AUTH, body: '{"tokenType":' },
  { method: 'POST', path: '/getToken', headers: JSON_AUTH, body: JSON.stringify({ tokenType: 'rtc', channel: 'soak', uid: -1 }) },
  { method: 'POST', path: '/getToken', headers: JSON_AUTH, body: JSON.stringify({ tokenType: 'rtc', channel: 'x'.repeat(64), uid: 1 }) },
  { method: 'GET', path: '/nope', headers: AUTH },
  { method: 'GET', path: '/getToken', headers: AUTH },
  { method: 'POST', path: '/getToken', headers: { ...AUTH, 'content-type': 'text/plain' }, body: '{}' },
  { method: 'POST', path: '/getToken', headers: JSON_AUTH, body: JSON.stringify({ tokenType: 'rtm', uid: 'a', pad: 'x'.repeat(9000) }) },
  { method: 'GET', path: '/rtm/a/' },
  { method: 'GET', path: '/rtm/a/', headers: { ...AUTH, origin: 'https://evil.example' } },
  { method: 'GET', path: '/rtc/soak/publisher/uid/1.5/', headers: AUTH },
];

/** Starts the child server; resolves with its URL and a memory probe. */
export async function startChild(kind, { serverModule, execArgv = [] } = {}) {
  const child = fork(CHILD, [kind], {
    execArgv: ['--expose-gc', ...execArgv],
    env: { ...process.env, ...(serverModule ? { AGORA_SERVER_MODULE: serverModule } : {}) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line).url);
    });
    child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
  });
  const memory = () =>
    new Promise((resolve) => {
      const onMessage = (m) => {
        if (m?.type !== 'memory') return;
        child.off('message', onMessage);
        resolve(m);
      };
      child.on('message', onMessage);
      child.send({ type: 'memory' });
    });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send({ type: 'stop' });
    });
  return { url, memory, stop, pid: child.pid };
}

function summary(result) {
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    s2xx: result['2xx'],
    s4xx: result['4xx'],
    s5xx: result['5xx'],
  };
}

/**
 * Runs the soak: `connections` split 3:1 between valid and invalid traffic, for `seconds`,
 * sampling the server's post-GC memory every `sampleSeconds` (after a warm-up).
 */
/**
 * @param {{ seconds: number, connections?: number, sampleSeconds?: number, warmupSeconds?: number, serverModule?: string, execArgv?: string[] }} options
 */
export async function runSoak({ seconds, connections = 64, sampleSeconds = 1, warmupSeconds = 1, serverModule, execArgv }) {
  const server = await startChild('ours', { serverModule, execArgv });
  try {
    await autocannon({ url: server.url, connections: 8, duration: warmupSeconds, requests: VALID_REQUESTS });
    const samples = [{ at: 0, ...(await server.memory()) }];
    const validConnections = Math.round((connections * 3) / 4);
    const started = Date.now();
    const timer = setInterval(async () => samples.push({ at: (Date.now() - started) / 1000, ...(await server.memory()) }), sampleSeconds * 1000);
    const [valid, invalid] = await Promise.all([
      autocannon({ url: server.url, connections: validConnections, duration: seconds, requests: VALID_REQUESTS }),
      autocannon({ url: server.url, connections: connections - validConnections, duration: seconds, requests: INVALID_REQUESTS }),
    ]);
    clearInterval(timer);
    samples.push({ at: (Date.now() - started) / 1000, ...(await server.memory()) });
    return { valid: summary(valid), invalid: summary(invalid), samples };
  } finally {
    await server.stop();
  }
}
