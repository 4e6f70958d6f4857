/**
 * Tree-shaking under the bundlers browser apps use, on the built dist/ imported by package name:
 * webpack 5 (Next.js), Vite 8 (Rolldown), Rollup 4 and `bun build`. bench/size.mjs prices issue 4's
 * (a), one RtcTokenBuilder method, with esbuild; a user's bundler honours `sideEffects` and pure
 * annotations its own way, so each must also drop inspect and diagnose from that import, and the
 * minifying ones must keep it within the same 8 KB (min + gzip). Running those bundles is the runtime
 * matrix's job (test/runtimes/bundled.mjs).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWith } from './runtimes/bundlers.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BUDGET_A = 8 * 1024; // issue 4 (a), as bench/size.mjs enforces it for esbuild
/** An app's use of one method (kept through a global: an app build has no exports to keep). */
const ONE_METHOD = `import { RtcTokenBuilder } from 'agora-token-kit';
globalThis.buildToken = (a, c, ch, uid) => RtcTokenBuilder.buildTokenWithUid(a, c, ch, uid, 1, 3600, 3600);
`;
/** Texts only inspect and diagnose carry: neither belongs in a bundle that only builds tokens. */
const NOT_IN_ONE_METHOD = [
  ['diagnose', 'CERTIFICATE_IN_TOKEN'],
  ['inspect', 'wildcard: any channel'],
] as const;

let dir = '';
let entry = '';
beforeAll(() => {
  // A consumer project whose node_modules/agora-token-kit is this repository (dist/ as built).
  dir = mkdtempSync(join(tmpdir(), 'atk-treeshake-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'agora-token-kit'), 'dir');
  entry = join(dir, 'one-method.mjs');
  writeFileSync(entry, ONE_METHOD);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gzip = (code: string) => gzipSync(Buffer.from(code), { level: 9 }).length;

/** The one-method entry bundled by `name` as an app build (ES output), with what it reported. */
const bundle = (name: string): Promise<{ code: string; warnings: string[] }> =>
  bundleWith(name, (pkg: string) => import(pkg), { entry, dir, format: 'es', bunBinary: join(ROOT, 'node_modules', '.bin', 'bun') });

describe('tree-shaking one RtcTokenBuilder method under the bundlers users run', () => {
  it('dist/index.js does carry the texts the one-method bundles must not', () => {
    const main = readFileSync(join(ROOT, 'dist', 'index.js'), 'utf8');
    for (const [module, text] of NOT_IN_ONE_METHOD) expect(main, module).toContain(text);
  });

  it.each([
    ['webpack 5 (production, terser)', 'webpack', true],
    ['Vite 8 (app build, Rolldown, minified)', 'vite', true],
    ['Rollup 4 (node-resolve, not minified)', 'rollup', false],
    ['Bun 1.4 (bun build --target=browser --minify)', 'bun', true],
  ] as const)('%s: no warnings, no inspect or diagnose, and within (a) when minified', async (name, bundler, minified) => {
    const { code, warnings } = await bundle(bundler);
    expect(warnings).toEqual([]);
    expect(code).toContain('buildTokenWithUid');
    for (const [module, text] of NOT_IN_ONE_METHOD) expect(code.includes(text), `${module} reached the bundle`).toBe(false);
    const size = gzip(code);
    console.log(`  ${name.padEnd(46)} one RtcTokenBuilder method: ${(size / 1024).toFixed(2)} KB gzip`);
    if (minified) expect(size).toBeLessThanOrEqual(BUDGET_A);
  }, 60_000);
});
