/**
 * @module test/runtimes/node.mjs — Node runner: loads the packed package through `import`. Args:
 * entry keys, then `hardened` when Node was started with its permission model (read-only),
 * --frozen-intrinsics and --disallow-code-generation-from-strings: the runner first checks that all
 * three are in force, so the row cannot pass on a process that is not locked down.
 */
import { runEntries } from './entries.mjs';

const hardened = process.argv[3] === 'hardened';
if (hardened) {
  const permission = /** @type {{ has(scope: string): boolean } | undefined} */ (/** @type {any} */ (process).permission);
  if (!permission || permission.has('fs.write') || permission.has('child')) throw new Error('node runner: the permission model is not in force (--permission missing)');
  if (!Object.isFrozen(Array.prototype) || !Object.isFrozen(Uint8Array.prototype)) throw new Error('node runner: intrinsics are not frozen (--frozen-intrinsics missing)');
  let evalWorks = true;
  try {
    new Function('return 1');
  } catch {
    evalWorks = false;
  }
  if (evalWorks) throw new Error('node runner: code generation from strings works (--disallow-code-generation-from-strings missing)');
}
const how = hardened ? 'import, ESM build, permission model, frozen intrinsics, no code from strings' : 'import, ESM build';
process.exitCode = await runEntries(`node ${process.versions.node} (${how})`, process.argv[2] ?? '', (s) => import(s));
