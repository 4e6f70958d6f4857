/**
 * @module bench/soak — a bounded loopback soak of the built token server (dist/server-node.js):
 * 60 s at concurrency 64 (3/4 valid requests on every endpoint, 1/4 invalid ones), the server in
 * its own process reporting post-GC memory every 5 s. Exit 1 on any error on a valid request, any
 * 2xx/5xx on an invalid one, or post-GC heap growth over 16 MiB.
 *
 * Usage: npm run build && node bench/soak.mjs [--seconds 60] [--connections 64] [--sample 5]
 */

import { parseArgs } from 'node:util';
import { runSoak } from './soak-lib.mjs';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '64' }, sample: { type: 'string', default: '5' } } });
const seconds = Number(values.seconds);
const mb = (n) => (n / 2 ** 20).toFixed(1);

const result = await runSoak({ seconds, connections: Number(values.connections), sampleSeconds: Number(values.sample), warmupSeconds: 3 });
const { valid, invalid, samples } = result;

console.log(`soak: ${seconds} s, concurrency ${values.connections}, loopback, Node ${process.versions.node}`);
console.log(`valid:   ${valid.requests} requests, ${Math.round(valid.rps)} req/s, p99 ${valid.p99Ms} ms, errors ${valid.errors}, timeouts ${valid.timeouts}, non-2xx ${valid.non2xx}`);
console.log(`invalid: ${invalid.requests} requests, ${Math.round(invalid.rps)} req/s, 4xx ${invalid.s4xx}, 2xx ${invalid.s2xx}, 5xx ${invalid.s5xx}, errors ${invalid.errors}`);
console.log('server memory after GC:');
console.log('   t (s)   heapUsed   heapTotal   external       rss');
for (const m of samples) console.log(`${m.at.toFixed(0).padStart(8)} ${mb(m.heapUsed).padStart(8)} MB ${mb(m.heapTotal).padStart(8)} MB ${mb(m.external).padStart(8)} MB ${mb(m.rss).padStart(8)} MB`);
const growth = samples.at(-1).heapUsed - samples[0].heapUsed;
const peak = Math.max(...samples.map((m) => m.heapUsed));
console.log(`heapUsed growth ${mb(growth)} MB (peak ${mb(peak)} MB), rss ${mb(samples[0].rss)} -> ${mb(samples.at(-1).rss)} MB`);

const problems = [];
if (valid.errors + valid.timeouts + valid.non2xx > 0) problems.push('errors on valid requests');
if (invalid.s2xx + invalid.s5xx + invalid.errors > 0) problems.push('invalid requests not answered with 4xx');
if (growth > 16 * 2 ** 20) problems.push('post-GC heap grew by more than 16 MiB');
if (!samples[0].gc) problems.push('run the server with --expose-gc');
console.log(problems.length === 0 ? 'soak: OK' : `soak: FAILED (${problems.join('; ')})`);
if (problems.length > 0) process.exitCode = 1;
