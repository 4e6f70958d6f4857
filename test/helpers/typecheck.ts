/**
 * Type-checking code as a consumer of the BUILT package would, for the tests that compile
 * documentation (README snippets, TSDoc examples) and read the public exports. Files go under
 * .tmp/ inside the package, so 'agora-token-kit' resolves to dist/ through "exports".
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/** A consumer's strict setup; Node's types for the node:http adapter (agora-token-kit/server/node), as its users have them. */
const COMPILER = { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, types: ['node'] };

/** An empty .tmp/<name> directory (.tmp/ itself is absent in a fresh clone). */
export function freshDir(name: string): string {
  const dir = join(ROOT, '.tmp', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Runs a tsc (the project's TypeScript unless `tsc` names another, as the TypeScript 7 tests do)
 * with `args` from the package root: its exit status and all it printed.
 */
export function runTsc(args: string[], tsc = join(ROOT, 'node_modules', '.bin', 'tsc')): { status: number; output: string } {
  try {
    return { status: 0, output: execFileSync(tsc, args, { cwd: ROOT, encoding: 'utf8' }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

/** Runs tsc over `files` (named relative to `dir`); returns its output, '' when they compile. */
export function typecheck(dir: string, files: string[]): string {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: COMPILER, files }));
  const { status, output } = runTsc(['-p', join(dir, 'tsconfig.json')]);
  return status === 0 ? '' : output.trim();
}

/** Every export of each entry, with its TSDoc text, read from the built declarations through "exports". */
export function publicExports(entries: readonly string[]): Map<string, { name: string; doc: string }[]> {
  // A directory of its own per call: test files run in parallel processes.
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'exports-probe-'));
  const probe = join(dir, 'probe.ts');
  writeFileSync(probe, `${entries.map((e, i) => `import * as E${i} from '${e}';`).join('\n')}\nexport {};\n`);
  try {
    const program = ts.createProgram([probe], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: ['node'] });
    const checker = program.getTypeChecker();
    const out = new Map<string, { name: string; doc: string }[]>();
    program.getSourceFile(probe)!.statements.forEach((statement, i) => {
      if (!ts.isImportDeclaration(statement)) return;
      const module = checker.getSymbolAtLocation(statement.moduleSpecifier);
      if (!module) throw new Error(`${entries[i]} does not resolve; run npm run build`);
      out.set(
        entries[i]!,
        checker.getExportsOfModule(module).map((symbol) => {
          const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
          return { name: symbol.name, doc: ts.displayPartsToString(target.getDocumentationComment(checker)).trim() };
        }),
      );
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
