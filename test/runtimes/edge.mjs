/**
 * @module test/runtimes/edge — Vercel Edge runner: esbuild bundles the installed package (the
 * `edge-light`/`worker`/`browser` conditions Next.js uses for the edge runtime) together with the
 * suite, minified as a production build is, and @edge-runtime/vm evaluates it in an edge context: Web APIs only, no `process`,
 * `Buffer` or `require`, no eval/new Function. Run from the consumer project: `node
 * runtimes/edge.mjs <keys>` with ATK_REPO pointing at the repository (for esbuild and the VM).
 */

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runBundleInEdgeVM, suiteBundleEntry, webKeys } from './entries.mjs';

const repo = process.env.ATK_REPO;
if (!repo) throw new Error('edge runner: set ATK_REPO to the repository root');
const requireRepo = createRequire(join(repo, 'package.json'));
const esbuild = requireRepo('esbuild');
const { EdgeVM } = await import(pathToFileURL(requireRepo.resolve('@edge-runtime/vm')).href);
const vmVersion = requireRepo('@edge-runtime/vm/package.json').version;

const keys = webKeys((process.argv[2] ?? '').split(',').filter(Boolean));
if (keys.length === 0) throw new Error('edge runner: no entries given');
const entry = suiteBundleEntry(keys, `edge-runtime ${vmVersion} (@edge-runtime/vm)`);

const built = await esbuild.build({
  stdin: { contents: entry, resolveDir: join(process.cwd(), 'runtimes'), sourcefile: 'edge-entry.mjs' },
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  conditions: ['edge-light', 'worker', 'browser'],
  target: 'es2022',
  // Minified, as Next.js and Vercel ship edge code: renamed classes and functions must not change
  // behaviour (an AgoraTokenError's name once came from its class name and broke under this).
  minify: true,
  logLevel: 'silent',
});
process.exitCode = await runBundleInEdgeVM(EdgeVM, built.outputFiles[0].text);
