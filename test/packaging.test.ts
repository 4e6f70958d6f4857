/**
 * Packaging quality of the PACKED tarball: minimal contents, check-dist (no Node APIs in
 * runtime bundles, every subpath resolves by name through import and require), publint --strict
 * and @arethetypeswrong/cli in every resolution mode with zero problems.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
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

  it('bundles only the project\'s own modules, so LICENSE carries no third-party notice', () => {
    // esbuild heads every module it bundles with a `// <path>` line in unminified output: src/...
    // for ours, node_modules/<package>/... for a dependency's. A bundled package would need its
    // notice in LICENSE (MIT asks for it with "substantial portions"); there is none today, and
    // LICENSE once still listed two packages long after their code had been replaced.
    const modules = new Set<string>();
    for (const file of pack.files.filter((f) => /^dist\/[^/]+\.c?js$/.test(f))) {
      for (const [, path] of readFileSync(join(pack.pkgDir, file), 'utf8').matchAll(/^\/\/ (\S+\.[cm]?[jt]s)$/gm)) modules.add(path!);
    }
    expect(modules.size).toBeGreaterThan(50); // the markers are there to be read
    expect([...modules].filter((m) => !m.startsWith('src/'))).toEqual([]);
    expect(pack.pkg.dependencies ?? {}).toEqual({});
    expect(readFileSync(join(pack.pkgDir, 'LICENSE'), 'utf8')).not.toMatch(/third-party|bundled|@noble|fflate/i);
  });

  it('passes check-dist: no Node built-ins or globals in runtime bundles, every subpath imports and requires by name', () => {
    const { problems } = checkDist(ROOT, pack);
    expect(problems).toEqual([]);
  }, 120_000);

  it('entries are one file each plus the shared errors module, and still work together', () => {
    // Each entry bundles its own classes (see tsup.config.ts), so mixing entries must not depend
    // on class identity: one AgoraTokenError class, Services and Rtm2Permissions accepted across
    // entries, one browser-build switch. Run by package name from the installed tarball.
    const exportsMap = pack.pkg.exports as Record<string, { import?: { default: string } }>;
    const esm = Object.values(exportsMap).flatMap((e) => (e.import ? [e.import.default] : []));
    expect(esm.length).toBe(7);
    for (const file of esm) {
      const text = readFileSync(join(pack.pkgDir, file), 'utf8');
      const relative = [...text.matchAll(/from ['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
      expect(relative.filter((r) => r !== './errors.js'), file).toEqual([]);
    }
    const script = (load: string) => `
      ${load}
      (async () => {
        const mainToken = new main.AccessToken2(APP, CERT, 0, 3600);
        mainToken.addService(new sync.ServiceRtm2('user', new main.Rtm2Permissions().add(0, 0, ['lobby'])));
        const syncToken = new sync.AccessToken2(APP, CERT, 0, 3600);
        syncToken.addService(new main.ServiceRtc('room', 42).addPrivilege(1, 3600));
        const names = [sync.decodeToken(await mainToken.build()).services[0].name, main.decodeToken(syncToken.build()).services[0].name];
        let error;
        try { sync.decodeToken('007###'); } catch (e) { error = e; }
        main.dangerouslyAllowBrowserBuilds();
        const sharedSwitch = globalThis[Symbol.for('agora-token-kit.dangerouslyAllowBrowserBuilds')];
        sync.dangerouslyAllowBrowserBuilds(false);
        const off = globalThis[Symbol.for('agora-token-kit.dangerouslyAllowBrowserBuilds')];
        console.log(JSON.stringify({ names, errorsShared: error instanceof errors.AgoraTokenError && error instanceof main.AgoraTokenError, sharedSwitch, off }));
      })();
    `;
    const env = `const APP = '970CA35de60c44645bbae8a215061b33', CERT = '5CFd2fd1755d40ecb72977518be15d3b';`;
    const outputs = [
      execFileSync(process.execPath, ['--input-type=module', '-e', env + script("import * as main from 'agora-token-kit'; import * as sync from 'agora-token-kit/sync'; import * as errors from 'agora-token-kit/errors';")], { cwd: pack.project, encoding: 'utf8' }),
      execFileSync(process.execPath, ['-e', env + script("const main = require('agora-token-kit'), sync = require('agora-token-kit/sync'), errors = require('agora-token-kit/errors');")], { cwd: pack.project, encoding: 'utf8' }),
    ];
    for (const out of outputs) expect(JSON.parse(out)).toEqual({ names: ['rtm2', 'rtc'], errorsShared: true, sharedSwitch: true, off: false });
  }, 60_000);

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
