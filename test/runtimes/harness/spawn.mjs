/**
 * @module test/runtimes/harness/spawn — runs one runner process with a hard timeout and parses
 * its `RESULT {json}` line. A runner that cannot start, crashes or prints no result yields
 * `result: undefined` and the caller fails with the captured output.
 */

import { spawn } from 'node:child_process';

/**
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, env?: Record<string, string | undefined>, timeoutMs?: number }} [options]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, result: any, ms: number }>}
 */
export function runProcess(command, args, { cwd, env, timeoutMs = 120_000 } = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n[harness] killed after ${timeoutMs} ms`;
      child.kill('SIGKILL');
    }, timeoutMs);
    const done = (code, error) => {
      clearTimeout(timer);
      if (error) stderr += `\n[harness] could not start ${command}: ${error.message}`;
      resolve({ code, stdout, stderr, result: parseResult(stdout), ms: Math.round(performance.now() - started) });
    };
    child.on('error', (error) => done(-1, error));
    child.on('close', (code) => done(code));
  });
}

export function parseResult(stdout) {
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  return line ? JSON.parse(line.slice(7)) : undefined;
}
