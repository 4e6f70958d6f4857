/**
 * Packaging quality of the PACKED tarball: minimal contents, check-dist (no Node APIs in
 * runtime bundles, every subpath resolves by name through import and require), publint --strict
 * and @arethetypeswrong/cli in every resolution mode with zero problems.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDist } from '../scripts/check-dist.mjs';
import { packAndInstall } from './runtimes/harness/pack.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');
let pack: ReturnType<typeof packAndInstall>;

const run = (bin: string, args: string[]) => {
  try {
    return { code: 0, out: execFileSync(join(BIN, bin), args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: `${e.stdout}\n${e.stderr}` };
  }
};

beforeAll(() => {
  pack = packAndInstall(ROOT);
}, 120_000);
afterAll(() => {
  if (pack) rmSync(pack.dir, { recursive: true, force: true });
});

describe('packed tarball', () => {
  it('contains only dist/, README.md, LICENSE and package.json', () => {
    const top = [...new Set(pack.files.map((f) => f.split('/')[0]))].sort();
    expect(top).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
    expect(pack.files.filter((f) => f.startsWith('dist/') && !/\.(c?js|d\.c?ts)$/.test(f))).toEqual([]);
  });

  it('passes check-dist: no Node built-ins or globals in runtime bundles, every subpath imports and requires by name', () => {
    const { problems } = checkDist(ROOT, pack);
    expect(problems).toEqual([]);
  }, 120_000);

  it('passes publint --strict with no errors, warnings or suggestions', () => {
    const { code, out } = run('publint', ['run', pack.tgz, '--strict', '--level', 'suggestion']);
    expect(out).not.toMatch(/Errors:|Warnings:|Suggestions:/);
    expect(out).toMatch(/All good!/);
    expect(code, out).toBe(0);
  }, 60_000);

  it('passes attw in node10, node16 (CJS and ESM) and bundler resolution for every entry point', () => {
    const { code, out } = run('attw', [pack.tgz, '--format', 'json', '--profile', 'strict']);
    const report = JSON.parse(out.slice(out.indexOf('{')));
    expect(report.analysis.problems).toEqual([]);
    expect(Object.keys(report.problems ?? {})).toEqual([]);
    const entrypoints = report.analysis.entrypoints as Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }>;
    const subpaths = Object.keys(pack.pkg.exports).sort();
    expect(Object.keys(entrypoints).sort()).toEqual(subpaths);
    for (const [sub, ep] of Object.entries(entrypoints)) {
      expect(Object.keys(ep.resolutions).sort(), sub).toEqual(['bundler', 'node10', 'node16-cjs', 'node16-esm']);
      for (const [mode, r] of Object.entries(ep.resolutions)) expect(r.resolution?.fileName, `${sub} ${mode}`).toBeTruthy();
    }
    expect(code, out.slice(0, 2000)).toBe(0);
  }, 120_000);
});
