/**
 * @module bench/server — `npm run bench:server`: requests/s and p99 latency at concurrency 64 for
 * our Node token server (dist/server-node.js) vs Express 5 + the official agora-token doing the
 * same work (POST /getToken, bearer check, validation, an RTC publisher token), on loopback, for a
 * bounded time, in the same run. Each server runs in its own process; the runs alternate so
 * machine noise hits both, and the medians over the rounds are compared. Fails (exit 1) on any
 * error or non-2xx answer.
 *
 * Options: --seconds <n> per run (default 8), --rounds <n> (default 3), --connections <n> (64).
 */

import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startChild } from './soak-lib.mjs';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, rounds: { type: 'string', default: '3' }, connections: { type: 'string', default: '64' } } });
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);

const REQUEST = {
  method: 'POST',
  path: '/getToken',
  headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
  body: JSON.stringify({ tokenType: 'rtc', channel: 'bench-channel', uid: '4242', role: 'publisher', expire: 3600 }),
};

async function measure(kind) {
  const server = await startChild(kind);
  try {
    // Sanity: the answer is a token, then warm up the JIT before measuring.
    const probe = await fetch(`${server.url}${REQUEST.path}`, { method: 'POST', headers: REQUEST.headers, body: REQUEST.body });
    const { token } = await probe.json();
    if (probe.status !== 200 || !String(token).startsWith('007')) throw new Error(`${kind}: no token from the probe (${probe.status})`);
    await autocannon({ url: server.url, connections, duration: 2, requests: [REQUEST] });
    const r = await autocannon({ url: server.url, connections, duration: seconds, requests: [REQUEST] });
    return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, total: r.requests.total, errors: r.errors + r.timeouts, non2xx: r.non2xx };
  } finally {
    await server.stop();
  }
}

const runs = { ours: [], express: [] };
for (let round = 0; round < rounds; round++) {
  for (const kind of round % 2 === 0 ? ['ours', 'express'] : ['express', 'ours']) {
    const r = await measure(kind);
    runs[kind].push(r);
    console.log(`round ${round + 1} ${kind.padEnd(7)} ${Math.round(r.rps)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  (${r.total} requests, ${r.errors} errors, ${r.non2xx} non-2xx)`);
  }
}

const median = (xs, key) => {
  const v = xs.map((x) => x[key]).sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const ours = { rps: median(runs.ours, 'rps'), p99: median(runs.ours, 'p99') };
const express = { rps: median(runs.express, 'rps'), p99: median(runs.express, 'p99') };
const errors = [...runs.ours, ...runs.express].reduce((a, r) => a + r.errors + r.non2xx, 0);
console.log('');
console.log(`POST /getToken, concurrency ${connections}, ${rounds} x ${seconds} s per server (medians), loopback, Node ${process.versions.node}`);
console.log(`ours (agora-token-kit/server/node):   ${Math.round(ours.rps)} req/s, p99 ${ours.p99.toFixed(1)} ms`);
console.log(`express 5 + agora-token 2.0.6:        ${Math.round(express.rps)} req/s, p99 ${express.p99.toFixed(1)} ms`);
console.log(`ratio ours/express: throughput ${(ours.rps / express.rps).toFixed(2)}x, p99 ${(ours.p99 / express.p99).toFixed(2)}x (lower is better)`);
console.log(`errors + non-2xx: ${errors}`);
if (errors > 0) process.exitCode = 1;
