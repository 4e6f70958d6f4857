#!/usr/bin/env node
/**
 * @module scripts/fuzz-coverage/patch-jazzer-glibc — makes Jazzer.js 4's prebuilt libFuzzer addon
 * load on glibc < 2.38 / libstdc++ < GCC 13 (e.g. Debian 12), where it fails with
 * "version `GLIBC_2.38' not found (required by .../fuzzer-linux-x64.node)".
 *
 *   node scripts/fuzz-coverage/patch-jazzer-glibc.mjs [path/to/fuzzer-linux-x64.node]
 *   LD_PRELOAD=/tmp/jazzer-ios-shim.so npx jazzer ...   # the shim this script compiles
 *
 * The addon needs only three symbols newer than Debian 12 has:
 *   __isoc23_strtol, __isoc23_strtoul (GLIBC_2.38: strtol/strtoul with C23 "0b" parsing) —
 *     renamed to strtol/strtoul by pointing st_name at the suffix of the same .dynstr string;
 *   _ZSt21ios_base_library_initv (GLIBCXX_3.4.32: GCC 13's iostream init hook) — provided by a
 *     tiny LD_PRELOAD shim that constructs a std::ios_base::Init (the pre-GCC-13 way).
 * The three symbols become unversioned (.gnu.version index 1) and the two version needs are
 * marked VER_FLG_WEAK, so ld.so no longer insists on them. A .orig copy is kept. Idempotent.
 * Nothing here touches the project; it only patches node_modules of a local clone.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const file = process.argv[2] ?? new URL('../../node_modules/@jazzer.js/fuzzer/prebuilds/fuzzer-linux-x64.node', import.meta.url).pathname;
if (!existsSync(file) && !existsSync(`${file}.orig`)) {
  console.error(`${file} not found: install Jazzer.js first (npm i --no-save @jazzer.js/core@4), or pass the addon's path`);
  process.exit(2);
}
if (!existsSync(`${file}.orig`)) copyFileSync(file, `${file}.orig`);
const b = readFileSync(`${file}.orig`);
const shoff = Number(b.readBigUInt64LE(0x28));
const shentsize = b.readUInt16LE(0x3a);
const shnum = b.readUInt16LE(0x3c);
const sections = [];
for (let i = 0; i < shnum; i++) {
  const o = shoff + i * shentsize;
  sections.push({ type: b.readUInt32LE(o + 4), offset: Number(b.readBigUInt64LE(o + 0x18)), size: Number(b.readBigUInt64LE(o + 0x20)), link: b.readUInt32LE(o + 0x28), info: b.readUInt32LE(o + 0x2c) });
}
const SHT_DYNSYM = 11, SHT_GNU_versym = 0x6fffffff, SHT_GNU_verneed = 0x6ffffffe;
const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
const dynstr = sections[dynsym.link];
const versym = sections.find((s) => s.type === SHT_GNU_versym);
const verneed = sections.find((s) => s.type === SHT_GNU_verneed);
const str = (off) => b.toString('latin1', dynstr.offset + off, b.indexOf(0, dynstr.offset + off));

const RENAME = { __isoc23_strtol: 'strtol', __isoc23_strtoul: 'strtoul' };
const UNVERSION = new Set([...Object.keys(RENAME), '_ZSt21ios_base_library_initv']);
let patched = 0;
for (let i = 0; i < dynsym.size / 24; i++) {
  const o = dynsym.offset + i * 24;
  const name = str(b.readUInt32LE(o));
  if (!UNVERSION.has(name)) continue;
  if (RENAME[name]) b.writeUInt32LE(b.readUInt32LE(o) + name.length - RENAME[name].length, o);
  b.writeUInt16LE(1, versym.offset + i * 2); // VER_NDX_GLOBAL
  patched++;
}
const WEAK = new Set(['GLIBC_2.38', 'GLIBCXX_3.4.32']);
for (let o = verneed.offset, n = 0; n < verneed.info; n++) {
  const cnt = b.readUInt16LE(o + 2);
  for (let a = o + b.readUInt32LE(o + 8), k = 0; k < cnt; k++) {
    if (WEAK.has(str(b.readUInt32LE(a + 8)))) b.writeUInt16LE(b.readUInt16LE(a + 4) | 2, a + 4); // VER_FLG_WEAK
    a += b.readUInt32LE(a + 12);
  }
  o += b.readUInt32LE(o + 12);
}
writeFileSync(file, b);
const shim = '/tmp/jazzer-ios-shim.so';
writeFileSync('/tmp/jazzer-ios-shim.cc', '#include <ios>\nnamespace std { void ios_base_library_init() { static ios_base::Init init; } }\n');
execFileSync('g++', ['-shared', '-fPIC', '-O2', '-o', shim, '/tmp/jazzer-ios-shim.cc']);
console.log(`patched ${patched} symbol(s) in ${file}; run jazzer with LD_PRELOAD=${shim}`);
