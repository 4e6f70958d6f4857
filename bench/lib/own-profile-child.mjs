/**
 * @module bench/lib/own-profile-child — the profiled process of own-profile.mjs: imports our main
 * entry (argv[2]), warms up, then samples itself with V8's CPU profiler (node:inspector) while it
 * awaits RTC builds one at a time for argv[3] seconds, and writes the profile to argv[4]. Only the
 * measured builds are in the profile: the warm-up's compilation is not. Prints { builds, ms }.
 */

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { pathToFileURL } from 'node:url';
import { INPUT } from './cases.mjs';

const { RtcTokenBuilder } = await import(pathToFileURL(process.argv[2]).href);
const seconds = Number(process.argv[3] ?? 2);
const { appId, appCertificate, channel, uid, expire } = INPUT;
const build = () => RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, 1, expire, expire);
for (let i = 0; i < 3000; i++) await build();

const session = new Session();
session.connect();
const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
await post('Profiler.enable');
await post('Profiler.setSamplingInterval', { interval: 250 });
await post('Profiler.start');
let builds = 0;
const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) {
  for (let i = 0; i < 100; i++) await build();
  builds += 100;
}
const ms = performance.now() - t0;
const { profile } = await post('Profiler.stop');
session.disconnect();
writeFileSync(process.argv[4], JSON.stringify(profile));
console.log(JSON.stringify({ builds, ms }));
