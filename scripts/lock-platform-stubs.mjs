#!/usr/bin/env node
// The registry this project is developed against serves only linux-x64 builds of packages that ship
// per-platform binaries (deno, rollup, esbuild…), so `npm install` leaves those optional platform
// packages out of package-lock.json and `npm ci` then refuses the lock as "not in sync". This
// adds a metadata-only entry (version, os, cpu, optional) for each missing optional platform
// package, which npm ci skips on other platforms exactly as it would with full entries.
// Run after any `npm install`: node scripts/lock-platform-stubs.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const OS = { darwin: 'darwin', linux: 'linux', win32: 'win32', freebsd: 'freebsd', android: 'android', openbsd: 'openbsd', netbsd: 'netbsd', sunos: 'sunos', aix: 'aix', openharmony: 'openharmony', windows: 'win32', macos: 'darwin' };
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32', 'x86_64', 'aarch64'];

function guess(name) {
  const parts = name.split('/').pop().split(/[-_]/);
  const os = parts.map((p) => OS[p]).find(Boolean);
  let cpu = parts.find((p) => CPU.includes(p));
  if (cpu === 'x86_64') cpu = 'x64';
  if (cpu === 'aarch64') cpu = 'arm64';
  if (!cpu && parts.includes('64')) cpu = 'x64'; // e.g. @cloudflare/workerd-darwin-64
  const libc = parts.includes('musl') ? 'musl' : parts.includes('gnu') || parts.includes('glibc') ? 'glibc' : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const prefix = path === '' ? '' : `${path}/`;
    const nested = `${prefix}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (lock.packages[nested]) continue;
    // A hoisted copy of another version does not satisfy this parent: stub it next to the parent.
    const target = lock.packages[hoisted] ? nested : hoisted;
    if (target === nested && path === '') continue;
    const { os, cpu, libc } = guess(dep);
    if (!os && !cpu) continue; // not a platform package: leave it to npm
    lock.packages[target] = {
      version,
      ...(cpu ? { cpu: [cpu] } : {}),
      dev: entry.dev ?? undefined,
      ...(libc ? { libc: [libc] } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} platform stub entries`);
