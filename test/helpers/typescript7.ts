/**
 * TypeScript 7, the native (Go) compiler that ships as `typescript` 7.x on npm, for the tests that
 * check our declarations and sources with it as well as with the project's TypeScript 5. It is not
 * a devDependency: both packages declare the `tsc` bin, and npm would link either one as
 * node_modules/.bin/tsc. Like the runtime matrix's Node builds, it is installed once into .tmp/
 * from npm (its platform binary comes as an optional dependency), then runs offline.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { installInto } from '../runtimes/harness/lower-node.mjs';
import { ROOT, runTsc } from './typecheck.ts';

/** The TypeScript 7 release checked; raise it on purpose, like any pinned tool. */
export const TS7_VERSION = '7.0.2';

let tsc7: string | undefined;

/** Path of TypeScript 7's tsc, installing it into .tmp/typescript-<version> when missing. */
export function ensureTsc7(): string {
  if (tsc7) return tsc7;
  const dir = join(ROOT, '.tmp', `typescript-${TS7_VERSION}`);
  const bin = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(bin)) installInto(dir, `typescript@${TS7_VERSION}`);
  const got = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (got !== `Version ${TS7_VERSION}`) throw new Error(`TypeScript 7: expected Version ${TS7_VERSION}, got ${got}`);
  tsc7 = bin;
  return bin;
}

/** Runs TypeScript 7's tsc with `args` from the package root: its exit status and all it printed. */
export function runTsc7(args: string[]): { status: number; output: string } {
  return runTsc(args, ensureTsc7());
}
