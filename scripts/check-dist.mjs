#!/usr/bin/env node
/**
 * @module scripts/check-dist — checks the package as users get it: `npm pack`, install the
 * tarball into a fresh project, then
 *  1. the tarball holds only dist/, README.md, LICENSE and package.json;
 *  2. no runtime bundle (every file reachable from an entry other than ./server/node and the CLI)
 *     imports a Node built-in (`node:*` or bare) or references `process`, `Buffer`, `global`,
 *     `__dirname`, `__filename`, `setImmediate` or (in ESM) `require` — found with the TypeScript
 *     parser, so words inside strings and comments do not count;
 *     and no regular expression uses a lookbehind (`(?<=`, `(?<!`): Safari before 16.4 cannot
 *     parse one, so a single literal stops a whole bundle from loading there, and no transpiler
 *     lowers it (esbuild turns it into a RegExp call that throws on load);
 *  3. every exports subpath resolves by package name through `import` and `require` in a fresh
 *     Node process, and its `types` files exist; the bin exists with a Node shebang.
 * Usage: node scripts/check-dist.mjs   (exit 1 and a list of problems when anything fails)
 */

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { packAndInstall } from '../test/runtimes/harness/pack.mjs';

const NODE_ONLY_SUBPATHS = new Set(['./server/node']);
const BANNED_GLOBALS = new Set(['process', 'Buffer', 'global', '__dirname', '__filename', 'setImmediate']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'self', 'window']);
const DECLARATION_KINDS = new Set([
  ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.PropertyDeclaration, ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor, ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.Parameter,
  ts.SyntaxKind.VariableDeclaration, ts.SyntaxKind.BindingElement, ts.SyntaxKind.LabeledStatement,
]);
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const ALLOWED_FILES = [/^dist\//, /^README\.md$/, /^LICENSE$/, /^package\.json$/];
const REQUIRED_FILES = ['README.md', 'LICENSE', 'package.json'];

/** Module specifiers a file loads, and its banned global references, from the TypeScript AST. */
export function scanFile(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const isCjs = file.endsWith('.cjs');
  const specifiers = [];
  const globals = [];
  const lookbehinds = [];
  const line = (node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) specifiers.push(node.arguments[0].text);
    }
    const pattern = ts.isRegularExpressionLiteral(node)
      ? node.text
      : ts.isNewExpression(node) || ts.isCallExpression(node)
        ? ts.isIdentifier(node.expression) && node.expression.text === 'RegExp' && node.arguments?.[0] && ts.isStringLiteralLike(node.arguments[0]) ? node.arguments[0].text : undefined
        : undefined;
    if (pattern !== undefined && /\(\?<[=!]/.test(pattern)) lookbehinds.push(`line ${line(node)}`);
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      // A member or declaration named like a global (e.g. noble's `process(view, offset)` method) is no reference to it.
      const isDeclaredName = DECLARATION_KINDS.has(parent.kind) && parent.name === node;
      const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || isDeclaredName;
      const viaGlobalObject = isPropertyName && ts.isPropertyAccessExpression(parent) && ts.isIdentifier(parent.expression) && GLOBAL_OBJECTS.has(parent.expression.text);
      const banned = BANNED_GLOBALS.has(node.text) || (!isCjs && node.text === 'require');
      if (banned && (!isPropertyName || viaGlobalObject)) globals.push(`${node.text} (line ${line(node)})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { specifiers, globals, lookbehinds };
}

/** Walks relative imports from `roots`; returns every reachable file with its scan. */
export function reachable(roots) {
  const seen = new Map();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    const scan = scanFile(file);
    seen.set(file, scan);
    for (const s of scan.specifiers) if (s.startsWith('.')) queue.push(resolve(dirname(file), s));
  }
  return seen;
}

/** Targets of one exports entry: [{ condition, kind: 'types'|'code', file }]. */
function targets(entry, path = []) {
  if (typeof entry === 'string') {
    return [{ condition: path.join('.') || 'default', kind: path.at(-1) === 'types' || /\.d\.[cm]?ts$/.test(entry) ? 'types' : 'code', file: entry }];
  }
  return Object.entries(entry).flatMap(([c, v]) => targets(v, [...path, c]));
}

/** Runs every check on `pack` (from packAndInstall; made and removed here when not given). */
export function checkDist(root, given) {
  const problems = [];
  const notes = [];
  const pack = given ?? packAndInstall(root);
  try {
    // 1. tarball contents
    for (const f of pack.files) if (!ALLOWED_FILES.some((re) => re.test(f))) problems.push(`tarball: unexpected file ${f}`);
    for (const f of REQUIRED_FILES) if (!pack.files.includes(f)) problems.push(`tarball: missing ${f}`);
    const { pkg, pkgDir, project } = pack;

    // 2. runtime bundles: everything reachable from the non-Node entries, both formats
    const runtimeRoots = [];
    const subpaths = Object.keys(pkg.exports ?? {}).filter((s) => s !== './package.json');
    for (const sub of subpaths) {
      for (const t of targets(pkg.exports[sub])) {
        const file = join(pkgDir, t.file);
        if (!existsSync(file)) problems.push(`exports["${sub}"] ${t.condition}: ${t.file} does not exist`);
        else if (t.kind === 'code' && !NODE_ONLY_SUBPATHS.has(sub)) runtimeRoots.push(file);
      }
    }
    const deps = new Set(Object.keys(pkg.dependencies ?? {}));
    const files = reachable(runtimeRoots);
    for (const [file, scan] of files) {
      const name = relative(pkgDir, file);
      for (const s of scan.specifiers) {
        if (s.startsWith('.')) continue;
        const bare = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0];
        if (BUILTINS.has(s) || BUILTINS.has(bare) || s.startsWith('node:')) problems.push(`${name}: imports Node built-in "${s}"`);
        else if (!deps.has(bare)) problems.push(`${name}: imports "${s}", which is not a dependency`);
        else notes.push(`${name}: imports runtime dependency "${s}" (not bundled)`);
      }
      for (const g of scan.globals) problems.push(`${name}: references Node global ${g}`);
      for (const at of scan.lookbehinds) problems.push(`${name}: regex lookbehind at ${at} (Safari before 16.4 cannot load the bundle)`);
    }
    notes.push(`scanned ${files.size} runtime files reachable from ${runtimeRoots.length} entry files`);

    // 3. every subpath by name, through import and require, in a fresh Node process
    for (const sub of subpaths) {
      const spec = sub === '.' ? pkg.name : `${pkg.name}${sub.slice(1)}`;
      for (const [how, code] of [
        ['import', `const m = await import(${JSON.stringify(spec)}); console.log(Object.keys(m).length)`],
        ['require', `const m = require(${JSON.stringify(spec)}); console.log(Object.keys(m).length)`],
      ]) {
        try {
          const args = how === 'import' ? ['--input-type=module', '-e', code] : ['-e', code];
          const count = Number(execFileSync(process.execPath, args, { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim());
          if (!(count > 0)) problems.push(`${how} "${spec}": no exports`);
        } catch (error) {
          problems.push(`${how} "${spec}" failed: ${String(error.stderr || error.message).split('\n').find((l) => /Error/.test(l)) ?? error.message}`);
        }
      }
    }
    for (const [name, file] of Object.entries(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {}))) {
      const path = join(pkgDir, file);
      if (!existsSync(path)) problems.push(`bin "${name}": ${file} does not exist`);
      else if (!readFileSync(path, 'utf8').startsWith('#!/usr/bin/env node')) problems.push(`bin "${name}": ${file} lacks a "#!/usr/bin/env node" shebang`);
    }
    return { problems, notes, files: pack.files };
  } finally {
    if (!given) rmSync(pack.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { problems, notes, files } = checkDist(root);
  console.log(`check-dist: ${files.length} files in the tarball`);
  for (const n of notes) console.log(`  note: ${n}`);
  for (const p of problems) console.log(`  PROBLEM: ${p}`);
  console.log(problems.length ? `check-dist: ${problems.length} problem(s)` : 'check-dist: OK');
  process.exitCode = problems.length ? 1 : 0;
}
