/**
 * @module test/runtimes/bundled — the suite as a browser app's bundler ships it: webpack 5 (what
 * Next.js builds with), Rollup 4 with @rollup/plugin-node-resolve (libraries, Vite before 8) or
 * Vite 8 (Rolldown), each with its own defaults for a browser build, bundles the installed package
 * together with the suite, and @edge-runtime/vm runs the result with Web APIs only (no `process`,
 * `Buffer`, `require`). A bundler's warning or error about the package fails the run: a Node
 * builtin it cannot resolve, a missing export, a polyfill it would need. Run from the consumer
 * project: `node runtimes/bundled.mjs <webpack|rollup|vite> <keys>` with ATK_REPO pointing at the
 * repository (the bundlers and the VM are its devDependencies).
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENTRIES, webKeys } from './entries.mjs';

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

/** @type {Record<string, () => Promise<{ code: string, warnings: string[] }>>} */
const BUNDLERS = {
  async webpack() {
    const { default: webpack } = await importRepo('webpack');
    const stats = await new Promise((resolve, reject) =>
      webpack(
        {
          mode: 'production', // minified with terser, tree-shaken by `sideEffects` and usedExports
          target: 'web',
          context: out,
          entry: entryFile,
          output: { path: out, filename: 'out.js', publicPath: '' },
          performance: { hints: false }, // a size hint is not a problem of the package
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );
    const json = stats.toJson({ all: false, warnings: true, errors: true });
    const warnings = [...json.errors, ...json.warnings].map((w) => w.message);
    return { code: stats.hasErrors() ? '' : readFileSync(join(out, 'out.js'), 'utf8'), warnings };
  },
  async rollup() {
    const { rollup } = await importRepo('rollup');
    const { nodeResolve } = await importRepo('@rollup/plugin-node-resolve');
    const warnings = [];
    const bundle = await rollup({ input: entryFile, plugins: [nodeResolve({ browser: true })], onwarn: (w) => warnings.push(`${w.code}: ${w.message}`) });
    const { output } = await bundle.generate({ format: 'iife' });
    await bundle.close();
    return { code: output[0].code, warnings };
  },
  async vite() {
    const { build } = await importRepo('vite');
    const warnings = [];
    const note = (message) => warnings.push(String(message));
    const logger = { info() {}, warn: note, warnOnce: note, error: note, clearScreen() {}, hasErrorLogged: () => false, hasWarned: false };
    const result = await build({
      root: out,
      configFile: false,
      logLevel: 'warn',
      customLogger: logger,
      build: { write: false, minify: true, lib: { entry: entryFile, formats: ['iife'], name: 'suiteBundle' } },
    });
    const output = (Array.isArray(result) ? result[0] : result).output;
    return { code: output[0].code, warnings };
  },
};
if (!BUNDLERS[bundler]) throw new Error(`bundled runner: unknown bundler ${bundler} (webpack, rollup or vite)`);

const runtime = `${bundler} ${version(bundler)} bundle, edge-runtime ${version('@edge-runtime/vm')}`;
writeFileSync(
  entryFile,
  [
    "import { runSuite } from '../suite.mjs';",
    ...keys.map((k) => `import * as ${k} from '${ENTRIES[k]}';`),
    `globalThis.__suite = runSuite({ ${keys.join(', ')} }, { runtime: ${JSON.stringify(runtime)}, expect: ${JSON.stringify(keys)}, noNodeGlobals: true });`,
  ].join('\n'),
);

try {
  const { code, warnings } = await BUNDLERS[bundler]();
  if (warnings.length > 0 || !code) {
    console.error(`${bundler} reported ${warnings.length} warning(s) or error(s):\n${warnings.join('\n---\n')}`);
    process.exitCode = 1;
  } else {
    const { EdgeVM } = await importRepo('@edge-runtime/vm');
    const vm = new EdgeVM();
    vm.evaluate(code);
    const result = await vm.evaluate('globalThis.__suite');
    console.log(`RESULT ${JSON.stringify(result)}`);
    process.exitCode = result.failed === 0 && result.passed > 0 ? 0 : 1;
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
