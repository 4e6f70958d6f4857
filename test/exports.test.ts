/**
 * The public surface as a whole, read from the BUILT package:
 * - every export of every entry, types included, carries TSDoc in dist/*.d.ts (what an editor shows);
 * - every runtime export is named in at least one other test file, so a new export cannot land
 *   untested (test/constants.test.ts covers the constants nothing else named).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as main from '../dist/index.js';
import * as sync from '../dist/sync.js';
import * as legacy from '../dist/legacy.js';
import * as legacySync from '../dist/legacy-sync.js';
import * as server from '../dist/server.js';
import * as serverNode from '../dist/server-node.js';
import * as errors from '../dist/errors.js';

const ROOT = resolve(import.meta.dirname, '..');

const ENTRIES: Record<string, Record<string, unknown>> = {
  'agora-token-kit': main,
  'agora-token-kit/sync': sync,
  'agora-token-kit/legacy': legacy,
  'agora-token-kit/legacy/sync': legacySync,
  'agora-token-kit/server': server,
  'agora-token-kit/server/node': serverNode,
  'agora-token-kit/errors': errors,
};

/** Every export of every entry with its TSDoc text, read through "exports" like a consumer. */
function documentation(): { entry: string; name: string; doc: string }[] {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true }); // absent in a fresh clone
  const probe = join(ROOT, '.tmp', 'exports-probe.ts');
  writeFileSync(probe, `${Object.keys(ENTRIES).map((e, i) => `import * as E${i} from '${e}';`).join('\n')}\nexport {};\n`);
  try {
    const program = ts.createProgram([probe], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: ['node'] });
    const checker = program.getTypeChecker();
    const out: { entry: string; name: string; doc: string }[] = [];
    program.getSourceFile(probe)!.statements.forEach((statement, i) => {
      if (!ts.isImportDeclaration(statement)) return;
      const module = checker.getSymbolAtLocation(statement.moduleSpecifier)!;
      for (const symbol of checker.getExportsOfModule(module)) {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        out.push({ entry: Object.keys(ENTRIES)[i]!, name: symbol.name, doc: ts.displayPartsToString(target.getDocumentationComment(checker)).trim() });
      }
    });
    return out;
  } finally {
    rmSync(probe, { force: true });
  }
}

describe('public surface', () => {
  it('every export of every entry (types included) has TSDoc in the built declarations', () => {
    const all = documentation();
    expect(all.length).toBeGreaterThan(250);
    expect(all.filter((e) => e.doc === '').map((e) => `${e.entry}: ${e.name}`)).toEqual([]);
  }, 60_000);

  it('every runtime export is named in another test file', () => {
    const tests = (readdirSync(join(ROOT, 'test'), { recursive: true }) as string[])
      .filter((f) => /\.(ts|mjs|cjs|js)$/.test(f) && !f.endsWith('exports.test.ts'))
      .map((f) => readFileSync(join(ROOT, 'test', f), 'utf8'))
      .join('\n');
    const missing: string[] = [];
    for (const [entry, module] of Object.entries(ENTRIES)) {
      for (const name of Object.keys(module)) if (!new RegExp(`\\b${name}\\b`).test(tests)) missing.push(`${entry}: ${name}`);
    }
    expect(missing).toEqual([]);
  });
});
