/**
 * @module test/runtimes/bundlers — webpack 5, Rollup 4, Vite 8 and `bun build` run as a browser app
 * runs them, each returning its bundle and every warning or error it reported. Shared by the
 * bundled runner (the suite in the edge VM, runtimes/bundled.mjs) and
 * test/bundlers-treeshake.test.ts (the size of one method). `load(name)` imports a bundler package: the runner loads them from the repository,
 * since the consumer project it runs in has none.
 */

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The bundlers by name. */
export const BUNDLER_NAMES = ['webpack', 'rollup', 'vite', 'bun'];

/**
 * Bundles `entry` (a file inside `dir`, whose node_modules has the package) with bundler `name`.
 * `format` 'iife' gives one script (Vite: a library build, which minifies an IIFE fully); 'es' an
 * ES module (Vite: an app build, as a library build in ES format keeps its whitespace on purpose).
 * webpack writes its one script into `dir` whatever the format; Bun's CLI (`bunBinary`) writes its
 * output there too.
 * @param {string} name
 * @param {(name: string) => Promise<any>} load
 * @param {{ entry: string, dir: string, format: 'iife' | 'es', bunBinary?: string }} options
 * @returns {Promise<{ code: string, warnings: string[] }>}
 */
export async function bundleWith(name, load, { entry, dir, format, bunBinary }) {
  const warnings = [];
  if (name === 'webpack') {
    const { default: webpack } = await load('webpack');
    const stats = await new Promise((resolve, reject) =>
      webpack(
        {
          mode: 'production', // minified with terser, tree-shaken by `sideEffects` and usedExports
          target: 'web',
          context: dir,
          entry,
          output: { path: dir, filename: 'webpack-out.js', publicPath: '' },
          performance: { hints: false }, // a size hint is not a problem of the package
        },
        (error, result) => (error || !result ? reject(error) : resolve(result)),
      ),
    );
    const json = stats.toJson({ all: false, warnings: true, errors: true });
    for (const w of [...(json.errors ?? []), ...(json.warnings ?? [])]) warnings.push(w.message);
    return { code: stats.hasErrors() ? '' : readFileSync(join(dir, 'webpack-out.js'), 'utf8'), warnings };
  }
  if (name === 'rollup') {
    const { rollup } = await load('rollup');
    const { nodeResolve } = await load('@rollup/plugin-node-resolve');
    const bundle = await rollup({ input: entry, plugins: [nodeResolve({ browser: true })], onwarn: (w) => warnings.push(`${w.code}: ${w.message}`) });
    const { output } = await bundle.generate({ format });
    await bundle.close();
    return { code: output[0].code, warnings };
  }
  if (name === 'vite') {
    const { build } = await load('vite');
    const note = (message) => warnings.push(String(message));
    const result = await build({
      root: dir,
      configFile: false,
      logLevel: 'warn',
      customLogger: { info() {}, warn: note, warnOnce: note, error: note, clearScreen() {}, hasErrorLogged: () => false, hasWarned: false },
      build: { write: false, minify: true, ...(format === 'iife' ? { lib: { entry, formats: ['iife'], name: 'suiteBundle' } } : { rollupOptions: { input: entry } }) },
    });
    return { code: (Array.isArray(result) ? result[0] : result).output[0].code ?? '', warnings };
  }
  if (name === 'bun') {
    // `bun build` as its CLI is used: Bun's bundler has no JavaScript API outside Bun itself.
    if (!bunBinary) throw new Error('bundleWith bun: pass the bun executable as options.bunBinary');
    const outfile = join(dir, 'bun-out.js');
    // `--external node:*`: for a browser target Bun swaps a Node builtin for a browser polyfill and
    // says nothing, so the package could import one unseen. Kept external, such an import stays in
    // the bundle, and the edge VM, which has no `require` or Node modules, fails to run it. The
    // package imports no builtin, so this changes nothing in its bundle.
    const args = ['build', entry, '--target=browser', '--minify', `--format=${format === 'iife' ? 'iife' : 'esm'}`, '--external=node:*', `--outfile=${outfile}`];
    const res = spawnSync(bunBinary, args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    if (res.error) throw res.error;
    // bun prints its summary ("Bundled N modules…", the output file) to stdout; warnings and errors go to stderr.
    if (res.stderr.trim()) warnings.push(res.stderr.trim());
    if (res.status !== 0) warnings.push(`bun build exited ${res.status}: ${res.stdout.trim()}`);
    return { code: res.status === 0 ? readFileSync(outfile, 'utf8') : '', warnings };
  }
  throw new Error(`unknown bundler ${name} (${BUNDLER_NAMES.join(', ')})`);
}
