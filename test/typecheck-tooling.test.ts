/**
 * The project's own TypeScript outside src/ (tests, scripts, benchmarks, examples) type-checks
 * under the same strict settings as the library. Vitest and tsx strip types without checking
 * them, so without this a test could pass an option its helper ignores, or a script could call a
 * builder with arguments the public types refuse, and nothing would say so.
 *
 * tsconfig.tooling.json extends tsconfig.json with Node's types and ES2024; the .mjs helpers are
 * read for their inferred and JSDoc types (allowJs) but not checked themselves (checkJs off).
 * The Deno runner, the Deno example and the Deno type consumer (test/runtimes/deno-types.ts) use
 * Deno's globals, so Deno's own checker runs on them in test/runtimes.test.ts; Bun has no type
 * checker, and its runner's few lines use `Bun.version`.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, ROOT, runTsc as tsc } from './helpers/typecheck.ts';

/** Left to Deno's checker (test/runtimes.test.ts) or to no checker (Bun), as the header says. */
const CHECKED_ELSEWHERE = ['examples/deno.ts', 'test/runtimes/deno.ts', 'test/runtimes/deno-types.ts', 'test/runtimes/bun.ts'];

/** Every .ts file under `dir` (relative to the root), skipping declaration files. */
function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

describe('tooling type-check (tsconfig.tooling.json)', () => {
  it('tests, scripts, benchmarks and examples compile with zero errors', () => {
    const { status, output } = tsc(['-p', 'tsconfig.tooling.json']);
    expect(output.trim()).toBe('');
    expect(status).toBe(0);
  }, 120_000);

  it('covers every .ts file of test/, scripts/, bench/ and examples/ except the Deno and Bun ones', () => {
    const listed = new Set(
      tsc(['-p', 'tsconfig.tooling.json', '--listFilesOnly'])
        .output.split('\n')
        .map((f) => f.trim())
        .filter((f) => f.startsWith(ROOT))
        .map((f) => relative(ROOT, f)),
    );
    const expected = ['test', 'scripts', 'bench', 'examples'].flatMap(tsFiles).filter((f) => !CHECKED_ELSEWHERE.includes(f));
    expect(expected.length).toBeGreaterThan(60);
    expect(expected.filter((f) => !listed.has(f))).toEqual([]);
    expect(CHECKED_ELSEWHERE.filter((f) => listed.has(f))).toEqual([]);
  }, 120_000);

  it('reports what it should: an ignored option and a wrong builder argument fail to compile', () => {
    const dir = freshDir('typecheck-tooling-probe');
    writeFileSync(
      join(dir, 'probe.ts'),
      [
        "import { runProcess } from '../../test/runtimes/harness/spawn.mjs';",
        "import { RtcTokenBuilder } from '../../src/sync.ts';",
        "void runProcess('node', [], { cwd: '.', timeout: 5 });",
        "RtcTokenBuilder.buildTokenWithUid('a', 'b', 'c', 1, 'host', 60, 60);",
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.tooling.json', include: ['probe.ts'] }));
    const { status, output } = tsc(['-p', join(dir, 'tsconfig.json')]);
    expect(status).not.toBe(0);
    expect(output).toMatch(/probe\.ts\(3,[^)]*\): error TS2561: .*'timeout'/);
    expect(output).toMatch(/probe\.ts\(4,[^)]*\): error TS2345: .*'"host"'/);
  }, 120_000);
});
