/**
 * @module scripts/lib/toolchains — compiling and running drivers against Agora's own
 * implementations in a checkout of AgoraIO/Tools (DynamicKey/AgoraDynamicKey), shared by the
 * parser oracles (parser-oracle.ts for 007, parser-oracle-006.ts for 006).
 *
 * A driver reads one case per line on stdin and prints "FAIL <line> …" per failure and then
 * "checked N rebuilt M failed F"; runDriver checks that summary.
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SetupError } from './oracle-inputs.ts';

/** How to run a compiled driver. */
export interface Driver {
  cmd: string;
  args: string[];
  version: string;
  env?: NodeJS.ProcessEnv;
}

/** The first line a tool prints for its version, or an error naming the missing tool. */
export function versionOf(cmd: string, args: string[], stream: 'stdout' | 'stderr' = 'stdout'): string {
  const run = spawnSync(cmd, args, { encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new SetupError(`${cmd} is not available: ${run.error?.message ?? run.stderr}`);
  return run[stream].split('\n')[0]!;
}

/** The two commons-codec classes Agora's Java Utils imports, reduced to the calls it makes. */
const JAVA_SHIM: Record<string, string> = {
  'org/apache/commons/codec/binary/Base64.java': `package org.apache.commons.codec.binary;
public class Base64 {
  public static byte[] encodeBase64(byte[] d) { return java.util.Base64.getEncoder().encode(d); }
  public static byte[] decodeBase64(byte[] d) { return java.util.Base64.getDecoder().decode(d); }
}
`,
  'org/apache/commons/codec/binary/Hex.java': `package org.apache.commons.codec.binary;
public class Hex {
  public static char[] encodeHex(byte[] d, boolean lower) {
    String digits = lower ? "0123456789abcdef" : "0123456789ABCDEF";
    char[] out = new char[d.length * 2];
    for (int i = 0; i < d.length; i++) { out[2 * i] = digits.charAt((d[i] >> 4) & 15); out[2 * i + 1] = digits.charAt(d[i] & 15); }
    return out;
  }
}
`,
};

/** javac the driver class `main` (source `driver`) against Agora's Java sources, with the codec shim. */
export function compileJava(dir: string, javaSources: string, main: string, driver: string): Driver {
  for (const [file, text] of Object.entries(JAVA_SHIM)) {
    mkdirSync(join(dir, 'shim', file, '..'), { recursive: true });
    writeFileSync(join(dir, 'shim', file), text);
  }
  writeFileSync(join(dir, `${main}.java`), driver);
  const javac = spawnSync('javac', ['-encoding', 'UTF-8', '-d', join(dir, 'classes'), '-sourcepath', `${javaSources}:${join(dir, 'shim')}`, join(dir, `${main}.java`)], { encoding: 'utf8' });
  if (javac.status !== 0) throw new SetupError(`javac failed: ${javac.error?.message ?? javac.stderr}`);
  // UTF-8 for String.getBytes(): Agora's 006 class signs channel and uid through the default charset.
  return { cmd: 'java', args: ['-Dfile.encoding=UTF-8', '-cp', join(dir, 'classes'), main], version: versionOf('java', ['-version'], 'stderr') };
}

/** g++ the driver against Agora's header-only C++ classes, linked with OpenSSL and zlib. */
export function compileCpp(dir: string, root: string, driver: string): Driver {
  writeFileSync(join(dir, 'oracle.cpp'), driver);
  const gxx = spawnSync('g++', ['-std=c++14', '-O1', '-I', root, '-I', join(root, 'cpp/src'), join(dir, 'oracle.cpp'), '-o', join(dir, 'oracle'), '-lssl', '-lcrypto', '-lz'], { encoding: 'utf8' });
  if (gxx.status !== 0) throw new SetupError(`g++ failed: ${gxx.error?.message ?? gxx.stderr}`);
  const zlib = spawnSync('sh', ['-c', "grep -m1 'define ZLIB_VERSION' /usr/include/zlib.h"], { encoding: 'utf8' }).stdout.trim().split(/\s+/).pop()?.replace(/"/g, '');
  return { cmd: join(dir, 'oracle'), args: [], version: `${versionOf('g++', ['--version'])}, zlib ${zlib}` };
}

/** `go build` (offline) of a driver module whose go.mod points at Agora's Go sources. */
export function compileGo(dir: string, goSources: string, driver: string): Driver {
  const module = 'github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src';
  writeFileSync(join(dir, 'go.mod'), `module oracle\n\ngo 1.14\n\nrequire ${module} v0.0.0\n\nreplace ${module} => ${goSources}\n`);
  writeFileSync(join(dir, 'main.go'), driver);
  const env = { ...process.env, GOPROXY: 'off', GOFLAGS: '-mod=mod', GOCACHE: join(dir, 'cache'), GOPATH: join(dir, 'gopath') };
  const version = versionOf('go', ['version']);
  const go = spawnSync('go', ['build', '-o', join(dir, 'oracle'), '.'], { cwd: dir, env, encoding: 'utf8' });
  if (go.status !== 0) throw new SetupError(`go build failed: ${go.error?.message ?? go.stderr}`);
  return { cmd: join(dir, 'oracle'), args: [], version };
}

/**
 * `cargo build --release` of a driver crate (`driver` is its src/main.rs) that depends on Agora's
 * Rust crate by path and on the crate's own [dependencies], which the driver may name too. Cargo
 * fetches those from wherever its configuration says: its registry, or a local source that
 * replaces it on a machine that cannot reach the registry. The build goes to CARGO_TARGET_DIR if
 * set, else to a fixed directory under the system's temporary directory, so that later runs reuse
 * it; the version names the zlib, HMAC and SHA-256 crates as resolved.
 */
export function compileRust(dir: string, crate: string, driver: string): Driver {
  const manifest = readFileSync(join(crate, 'Cargo.toml'), 'utf8');
  const dependencies = manifest.split(/^\[/m).find((section) => section.startsWith('dependencies]\n'))?.slice('dependencies]\n'.length) ?? '';
  writeFileSync(join(dir, 'Cargo.toml'), `[package]\nname = "oracle"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\nagora_token = { path = ${JSON.stringify(crate)} }\n${dependencies}`);
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/main.rs'), driver);
  const target = process.env.CARGO_TARGET_DIR ?? join(tmpdir(), 'agora-token-kit-rust-oracle-target');
  const version = versionOf('cargo', ['--version']);
  const cargo = spawnSync('cargo', ['build', '--release', '--quiet'], { cwd: dir, env: { ...process.env, CARGO_TARGET_DIR: target }, encoding: 'utf8' });
  if (cargo.status !== 0) throw new SetupError(`cargo build failed: ${cargo.error?.message ?? cargo.stderr}`);
  copyFileSync(join(target, 'release/oracle'), join(dir, 'oracle'));
  const lock = readFileSync(join(dir, 'Cargo.lock'), 'utf8');
  const resolved = (name: string) => `${name} ${new RegExp(`^name = "${name}"\\nversion = "([^"]+)"`, 'm').exec(lock)?.[1] ?? '?'}`;
  return { cmd: join(dir, 'oracle'), args: [], version: `${version}, ${resolved('flate2')} on ${resolved('miniz_oxide')}, ${resolved('hmac')}, ${resolved('sha2')}` };
}

/** Runs a driver on `input`; returns its output lines after checking the summary covers `cases`. */
export function runDriver(lang: string, driver: Driver, input: string, cases: number): { lines: string[]; checked: number; rebuilt: number; failed: number } {
  const run = spawnSync(driver.cmd, driver.args, { input, env: driver.env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`${lang} driver failed: ${run.error?.message ?? run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  const summary = /^checked (\d+) rebuilt (\d+) failed (\d+)$/.exec(lines.at(-1) ?? '');
  if (!summary || Number(summary[1]) !== cases) throw new Error(`unexpected ${lang} output: ${lines.slice(-3).join(' | ')}`);
  return { lines, checked: Number(summary[1]), rebuilt: Number(summary[2]), failed: Number(summary[3]) };
}

/** Runs `work` in a fresh temporary directory named after `prefix`, removed afterwards. */
export function inTempDir<T>(prefix: string, work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), `agora-token-kit-${prefix}-`));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
