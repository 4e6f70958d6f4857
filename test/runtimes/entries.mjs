/**
 * @module test/runtimes/entries — the package's public entry points by suite key, and the
 * shared body of the thin runners: import (or require) each entry by package name, run the
 * suite, print one `RESULT {json}` line. Exit status is left to the runner (it knows its runtime).
 */

import { runSuite } from './suite.mjs';

/** Suite key -> import specifier. `serverNode` needs node:http (Node, Deno, Bun); web runners skip it. */
export const ENTRIES = {
  main: 'agora-token-kit',
  sync: 'agora-token-kit/sync',
  legacy: 'agora-token-kit/legacy',
  legacySync: 'agora-token-kit/legacy/sync',
  errors: 'agora-token-kit/errors',
  server: 'agora-token-kit/server',
  serverNode: 'agora-token-kit/server/node',
};

/** Entry keys a runtime without Node APIs (Workers, edge, browser) loads. */
export const webKeys = (keys) => keys.filter((k) => k !== 'serverNode');

/**
 * Loads the entries named in `keys` (comma-separated) with `load(specifier)` and runs the suite.
 * A load failure is not caught: the runner must fail loudly when the package cannot load.
 */
export async function runEntries(runtime, keys, load, options = {}) {
  const expect = keys.split(',').filter(Boolean);
  if (expect.length === 0) throw new Error('runner: no entries given');
  const libs = {};
  for (const key of expect) {
    if (!ENTRIES[key]) throw new Error(`runner: unknown entry key ${key}`);
    libs[key] = await load(ENTRIES[key]);
  }
  return report(await runSuite(libs, { ...options, runtime, expect }));
}

/** Prints the suite's `RESULT {json}` line; returns the exit status it calls for. */
function report(result) {
  console.log(`RESULT ${JSON.stringify(result)}`);
  return result.failed === 0 && result.passed > 0 ? 0 : 1;
}

/**
 * The source of a bundle entry for runtimes without Node APIs (edge VM, bundler runs): it imports
 * the entries named in `keys` by package name and leaves the suite's promise in
 * `globalThis.__suite`. `suite` is the suite module's path as the entry file sees it.
 */
export function suiteBundleEntry(keys, runtime, suite = './suite.mjs') {
  return [
    `import { runSuite } from '${suite}';`,
    ...keys.map((k) => `import * as ${k} from '${ENTRIES[k]}';`),
    `globalThis.__suite = runSuite({ ${keys.join(', ')} }, { runtime: ${JSON.stringify(runtime)}, expect: ${JSON.stringify(keys)}, noNodeGlobals: true });`,
  ].join('\n');
}

/** Evaluates a bundle of suiteBundleEntry in a fresh edge VM (`EdgeVM` from @edge-runtime/vm), prints its RESULT; returns the exit status. */
export async function runBundleInEdgeVM(EdgeVM, code) {
  const vm = new EdgeVM();
  vm.evaluate(code);
  return report(await vm.evaluate('globalThis.__suite'));
}
