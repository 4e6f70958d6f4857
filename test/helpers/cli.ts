// Runs the built bin (dist/cli.js) as a user would, for the CLI test files: a clean environment,
// stdin, exit code and both streams, and the check every run makes (the certificate never printed).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const AT2 = createRequire(import.meta.url)('agora-token/src/AccessToken2');

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = `${ROOT}dist/cli.js`;
export const APP_ID = '970CA35de60c44645bbae8a215061b33';
export const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
export const CREDS = { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT };
export const NOW = 1_700_000_000;

export interface Run { code: number; stdout: string; stderr: string }

/** Builds dist/ if the bin is missing (for a beforeAll; a full build takes a while). */
export function buildCliIfMissing(): void {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
}

/** Spawns `node dist/cli.js ...args` with a clean environment (no AGORA_*, no color variables). */
export function cli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Run {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(AGORA_|NO_COLOR|FORCE_COLOR)/.test(k)) env[k] = v;
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...env, ...options.env }, input: options.input ?? '', encoding: 'utf8', cwd: ROOT, maxBuffer: 8 << 20 });
  const run = { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  // Never, on any path, may the certificate appear (in any letter case).
  expect(`${run.stdout}${run.stderr}`.toLowerCase()).not.toContain(CERT.toLowerCase());
  return run;
}

/** Parses a 007 token with the official agora-token and checks its signature with CERT. */
export function verifies007(token: string): InstanceType<typeof AT2.AccessToken2> {
  const t = new AT2.AccessToken2();
  expect(t.from_string(token)).toBe(true);
  expect(t.verifySignature(CERT)).toBe(true);
  return t;
}
