/**
 * What an editor shows for the BUILT package: every public name, every method reachable from one
 * (RtcTokenBuilder.buildTokenWithUid, the default export's RtcTokenBuilder.buildTokenWithUid,
 * AccessToken2#from_string...) and every property of the role constants and default exports carry
 * their TSDoc in dist/*.d.ts. A builder's type inferred from its class expression carried the
 * signatures but dropped every method's comment, so hovering a builder method showed no
 * documentation; the builders' static sides are now interfaces.
 *
 * `deno doc --lint` (what JSR's documentation pages are made from) finds no public symbol or member
 * without documentation in any entry, fields of the decoded, inspected and server types included.
 * Its `private-type-ref` reports are accepted: they name types that the public ones use but the
 * entries do not export (the builders' static-side interfaces, ByteWriter...), which editors and
 * the .d.ts files show all the same.
 *
 * Also: the sources pass JSR's "slow types" check (`deno publish --dry-run`, run offline on a
 * copy with a placeholder package name; every entry but the node:http adapter), i.e. every
 * export's type can be read without a type checker, as tsconfig.json's `isolatedDeclarations`
 * requires too.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { runProcess } from './runtimes/harness/spawn.mjs';
import { freshDir, ROOT } from './helpers/typecheck.ts';

type Conditions = { import: { types: string }; require: { types: string } };
/**
 * Every entry of package.json "exports" (but ./package.json), read from it so that a new entry is
 * checked too: its subpath, its module (src/<module>.ts, named like its declaration file) and its
 * `import` (.d.ts) and `require` (.d.cts) declaration files.
 */
const ENTRIES = Object.entries(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).exports as Record<string, Conditions | string>).flatMap(([subpath, target]) =>
  typeof target === 'string' ? [] : [{ subpath, module: basename(target.import.types, '.d.ts'), declarations: [target.import.types, target.require.types].map((file) => join(ROOT, file)) }],
);
/**
 * Deno's environment: without colours. CI sets FORCE_COLOR=0 for the tools that read it, and Deno
 * takes any FORCE_COLOR as "force colours", so it is removed, and any escape left is stripped.
 */
function denoEnv(): Record<string, string | undefined> {
  const { FORCE_COLOR: _ignored, ...env } = process.env;
  return { ...env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
}
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Exports whose every property, not only the methods, must be documented: the roles a caller picks
 * from, and the default exports (`agora.RtcTokenBuilder`). The other constant tables are left out:
 * privilege ids keep the official names, and each FINDING_CODES entry carries its `meaning`.
 */
const EVERY_PROPERTY = new Set(['default', 'RtcRole', 'RtmRole']);

/** Every member path reachable from the entries' exports, as `entry: Name.member`, whose declaration has no TSDoc. */
/**
 * One program over every entry's built declarations, made on first use and shared by the tests.
 * They must compile: an import between declaration files that failed to resolve would hide members
 * from the walk instead of failing it.
 */
let built: { program: ts.Program; checker: ts.TypeChecker } | undefined;
function declarations(): { program: ts.Program; checker: ts.TypeChecker } {
  if (built) return built;
  const files = ENTRIES.flatMap((e) => e.declarations);
  const program = ts.createProgram(files, { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, types: ['node'], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  if (problems.length > 0) throw new Error(`dist declarations do not compile: ${problems.slice(0, 3).join('; ')}`);
  return (built = { program, checker: program.getTypeChecker() });
}

function undocumented(): { names: string[]; methods: string[]; checkedMethods: number } {
  const { program, checker } = declarations();
  const doc = (s: ts.Symbol) => ts.displayPartsToString(s.getDocumentationComment(checker)).trim();
  // Members declared in our dist/ files only: Error's statics (captureStackTrace...) are the platform's.
  const ours = (s: ts.Symbol) => (s.declarations ?? []).some((d) => d.getSourceFile().fileName.startsWith(join(ROOT, 'dist')));
  const names: string[] = [];
  const methods: string[] = [];
  let checkedMethods = 0;
  const seen = new Set<ts.Symbol>();

  const visit = (symbol: ts.Symbol, path: string, depth: number, location: ts.Node, everyProperty: boolean) => {
    const type = checker.getTypeOfSymbolAtLocation(symbol, location);
    const members = [...checker.getPropertiesOfType(type)];
    // A class export: its instance members too (AccessToken2#from_string, AgoraTokenError#code...).
    for (const signature of type.getConstructSignatures()) members.push(...checker.getPropertiesOfType(signature.getReturnType()));
    for (const member of members) {
      if (member.name === 'prototype' || !ours(member) || seen.has(member)) continue;
      seen.add(member);
      const memberType = checker.getTypeOfSymbolAtLocation(member, location);
      const callable = memberType.getCallSignatures().length > 0;
      if (callable || everyProperty) {
        checkedMethods++;
        if (!doc(member)) methods.push(`${path}.${member.name}`);
      }
      if (!callable && depth < 2 && memberType.getFlags() & ts.TypeFlags.Object) {
        visit(member, `${path}.${member.name}`, depth + 1, location, false);
      }
    }
  };

  for (const file of ENTRIES.flatMap((e) => e.declarations)) {
    const source = program.getSourceFile(file)!;
    for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const path = `${basename(file)}: ${exported.name}`;
      if (!doc(symbol)) names.push(path);
      if (symbol.flags & (ts.SymbolFlags.Variable | ts.SymbolFlags.Class | ts.SymbolFlags.Function)) visit(symbol, path, 1, source, EVERY_PROPERTY.has(exported.name));
    }
  }
  return { names, methods, checkedMethods };
}

describe('declarations as editors read them', () => {
  it('every exported name and every method reachable from one has its TSDoc in dist/*.d.ts', () => {
    const { names, methods, checkedMethods } = undocumented();
    expect(names).toEqual([]);
    expect(methods).toEqual([]);
    // The walk reached the builders' methods (7 RTC + 2 RTM + 2 Chat + 3 APaaS + ... per entry): not vacuous.
    expect(checkedMethods).toBeGreaterThan(100);
  });

  it("keeps a builder method's own text, @param and @example included (not just any comment)", () => {
    const { program, checker } = declarations();
    const file = program.getSourceFile(join(ROOT, 'dist', 'sync.d.ts'))!;
    const module = checker.getSymbolAtLocation(file)!;
    const rtc = checker.getExportsOfModule(module).find((s) => s.name === 'RtcTokenBuilder')!;
    const method = checker.getTypeOfSymbol(checker.getAliasedSymbol(rtc)).getProperty('buildTokenWithUid')!;
    expect(ts.displayPartsToString(method.getDocumentationComment(checker))).toMatch(/^RTC token for a numeric uid/);
    const tags = method.getJsDocTags(checker).map((t) => `${t.name} ${ts.displayPartsToString(t.text)}`);
    expect(tags.some((t) => /^param tokenExpire token lifetime, seconds from now/.test(t))).toBe(true);
    expect(tags.some((t) => t.startsWith('example') && t.includes('RtcTokenBuilder.buildTokenWithUid('))).toBe(true);
    // And the declared return type is the entry's: string from /sync.
    expect(file.text).toMatch(/declare const RtcTokenBuilder: RtcTokenBuilderStatic<string>;/);
  });

  it('deno doc --lint finds nothing undocumented in any entry', async () => {
    const res = await runProcess(join(ROOT, 'node_modules', '.bin', 'deno'), ['doc', '--lint', ...ENTRIES.map((e) => `src/${e.module}.ts`)], {
      cwd: ROOT,
      env: denoEnv(),
      timeoutMs: 120_000,
    });
    const output = plain(`${res.stdout}\n${res.stderr}`);
    const kinds = [...output.matchAll(/^error\[([a-z-]+)\]/gm)].map((m) => m[1]);
    // The lint ran and read the sources: it reports the accepted private-type-ref kind.
    expect(kinds).toContain('private-type-ref');
    const undocumented = output.split(/\n(?=error\[)/).filter((block) => block.startsWith('error[missing-jsdoc]'));
    expect(undocumented.map((block) => block.split('\n').find((line) => line.includes('-->'))?.trim())).toEqual([]);
    expect(kinds.filter((k) => k !== 'private-type-ref')).toEqual([]);
  }, 150_000);

  it("passes JSR's slow-types check (deno publish --dry-run on a copy of src/)", async () => {
    const dir = freshDir('jsr-dry-run');
    cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
    cpSync(join(ROOT, 'LICENSE'), join(dir, 'LICENSE'));
    // A placeholder scope: the package is not on JSR; this checks that it could be published there.
    // Every entry but the node:http adapter (`/server/node`), whose `/// <reference types="node" />`
    // names an npm package that Deno would have to be given; on Deno, `/server` runs on Deno.serve.
    const exports = Object.fromEntries(ENTRIES.filter((e) => e.subpath !== './server/node').map((e) => [e.subpath, `./src/${e.module}.ts`]));
    writeFileSync(join(dir, 'jsr.json'), JSON.stringify({ name: '@placeholder/agora-token-kit', version: '0.0.0', exports }));
    const res = await runProcess(join(ROOT, 'node_modules', '.bin', 'deno'), ['publish', '--dry-run', '--allow-dirty'], {
      cwd: dir,
      env: denoEnv(),
      timeoutMs: 120_000,
    });
    const output = plain(`${res.stdout}\n${res.stderr}`);
    expect(output).toContain('Checking for slow types in the public API');
    expect(output).not.toMatch(/\berror\b|\bwarning\b/i);
    expect(output).toContain('Dry run complete');
    expect(res.code, output).toBe(0);
  }, 150_000);
});
