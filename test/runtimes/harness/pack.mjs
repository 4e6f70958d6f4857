/**
 * @module test/runtimes/harness/pack — packs the package with `npm pack` and installs the tarball
 * into a fresh temporary project (offline: a package without runtime dependencies needs no
 * registry), then copies the portable suite and thin runners next to it, so every runtime
 * imports `agora-token-kit` by name exactly as a user's project would.
 */

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Suite key -> exports subpath; the same keys as ENTRIES in ../entries.mjs. */
export const SUBPATHS = { main: '.', sync: './sync', legacy: './legacy', legacySync: './legacy/sync', errors: './errors', server: './server', serverNode: './server/node' };
/** Suite key -> source file whose presence means the entry must ship (tsup.config.ts builds what exists). */
export const SOURCES = { main: 'src/index.ts', sync: 'src/sync.ts', legacy: 'src/legacy.ts', legacySync: 'src/legacy-sync.ts', errors: 'src/errors.ts', server: 'src/server.ts', serverNode: 'src/server-node.ts' };

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * Packs `root` and installs the tarball into `<tmp>/project`. Returns paths, the packed file list and the shipped entry keys.
 * @param {string} root
 * @returns {{ dir: string, tgz: string, project: string, pkgDir: string, pkg: any, files: string[], shipped: string[], required: string[] }}
 */
export function packAndInstall(root) {
  const dir = mkdtempSync(join(tmpdir(), 'atk-pack-'));
  const [info] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir, '--loglevel=error'], root));
  const tgz = join(dir, info.filename);
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'atk-consumer', private: true, type: 'module' }, null, 2));
  npm(['install', tgz, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], project);
  cpSync(join(root, 'test/runtimes'), join(project, 'runtimes'), { recursive: true, filter: (src) => !src.includes('/harness') });
  // The examples run as written, importing the installed package by name.
  cpSync(join(root, 'examples'), join(project, 'examples'), { recursive: true });
  const pkgDir = join(project, 'node_modules', 'agora-token-kit');
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const shipped = Object.keys(SUBPATHS).filter((key) => {
    const target = pkg.exports?.[SUBPATHS[key]]?.import?.default;
    return typeof target === 'string' && existsSync(join(pkgDir, target));
  });
  const required = Object.keys(SOURCES).filter((key) => existsSync(join(root, SOURCES[key])));
  return { dir, tgz, project, pkgDir, pkg, files: info.files.map((f) => f.path).sort(), shipped, required };
}
