/**
 * @module test/runtimes/bundled — the suite as a browser app's bundler ships it: webpack 5 (what
 * Next.js builds with), Rollup 4 with @rollup/plugin-node-resolve (libraries, Vite before 8),
 * Vite 8 (Rolldown) or `bun build` (Bun's bundler, --target=browser), each with its own defaults
 * for a browser build, bundles the installed package together with the suite, and
 * @edge-runtime/vm runs the result with Web APIs only (no `process`, `Buffer`, `require`). A
 * bundler's warning or error about the package fails the run: a Node builtin it cannot resolve, a
 * missing export, a polyfill it would need (Bun, which would add a polyfill silently, keeps
 * `node:*` external instead, so the VM fails on it). Run from the consumer project:
 * `node runtimes/bundled.mjs <webpack|rollup|vite|bun> <keys>` with ATK_REPO pointing at the
 * repository (the bundlers, Bun and the VM are its devDependencies).
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLER_NAMES, bundleWith } from './bundlers.mjs';
import { runBundleInEdgeVM, suiteBundleEntry, webKeys } from './entries.mjs';

const repo = process.env.ATK_REPO;
if (!repo) throw new Error('bundled runner: set ATK_REPO to the repository root');
const requireRepo = createRequire(join(repo, 'package.json'));
const importRepo = async (name) => import(pathToFileURL(requireRepo.resolve(name)).href);
const version = (name) => requireRepo(`${name}/package.json`).version;

const [bundler, keyList = ''] = process.argv.slice(2);
const keys = webKeys(keyList.split(',').filter(Boolean));
if (keys.length === 0) throw new Error('bundled runner: no entries given');

const runtimeDir = join(process.cwd(), 'runtimes');
const out = mkdtempSync(join(runtimeDir, `.bundled-${bundler}-`));
const entryFile = join(out, 'entry.mjs');

if (!BUNDLER_NAMES.includes(bundler)) throw new Error(`bundled runner: unknown bundler ${bundler} (${BUNDLER_NAMES.join(', ')})`);

const runtime = `${bundler} ${version(bundler)} bundle, edge-runtime ${version('@edge-runtime/vm')}`;
writeFileSync(entryFile, suiteBundleEntry(keys, runtime, '../suite.mjs'));

try {
  const bunBinary = join(repo, 'node_modules', '.bin', 'bun');
  const { code, warnings } = await bundleWith(bundler, importRepo, { entry: entryFile, dir: out, format: 'iife', bunBinary });
  if (warnings.length > 0 || !code) {
    console.error(`${bundler} reported ${warnings.length} warning(s) or error(s):\n${warnings.join('\n---\n')}`);
    process.exitCode = 1;
  } else {
    const { EdgeVM } = await importRepo('@edge-runtime/vm');
    process.exitCode = await runBundleInEdgeVM(EdgeVM, code);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
