/**
 * @module bench/lib/runtimes — runs bench/run.mjs under Deno and Bun (from node_modules/.bin)
 * in --child --quick mode, echoes their tables and collects their JSON reports.
 */

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import process from 'node:process';

const root = fileURLToPath(new URL('../../', import.meta.url));
const JSON_MARK = '@@BENCH_JSON ';

const RUNTIMES = [
  { name: 'Deno', bin: 'deno', argv: (file, extra) => ['run', '-A', file, ...extra] },
  { name: 'Bun', bin: 'bun', argv: (file, extra) => [file, ...extra] },
];

function runChild(bin, argv, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(bin, argv, { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, signal: null, stdout, stderr: String(error) });
    });
  });
}

/** Runs the benchmark under each available runtime; returns `{ report, summary }` per runtime. */
export async function otherRuntimes({ log, only }) {
  const out = [];
  for (const rt of RUNTIMES) {
    const bin = path.join(root, 'node_modules', '.bin', rt.bin);
    if (!existsSync(bin)) {
      log(`## ${rt.name}: not installed (${bin} missing), skipped\n`);
      out.push({ report: { runtime: rt.name, skip: 'not installed' }, summary: `${rt.name}: not installed, skipped` });
      continue;
    }
    const extra = ['--child', '--quick', ...(only ? [`--only=${only.join(',')}`] : [])];
    const r = await runChild(bin, rt.argv('bench/run.mjs', extra), 90_000);
    const lines = r.stdout.split('\n');
    const jsonLine = lines.find((l) => l.startsWith(JSON_MARK));
    log(`## Same benchmark under ${rt.name} (--quick)`);
    log(lines.filter((l) => !l.startsWith(JSON_MARK)).join('\n').trimEnd());
    if (!jsonLine) {
      const why = r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`;
      log(`${rt.name} run failed (${why}):\n${r.stderr.trim().split('\n').slice(-15).join('\n')}\n`);
      out.push({ report: { runtime: rt.name, skip: why }, summary: `${rt.name}: FAILED to run (${why})` });
      continue;
    }
    const report = JSON.parse(jsonLine.slice(JSON_MARK.length));
    log('');
    const goals = report.goals.filter((g) => g.status !== 'SKIP').map((g) => `${g.goal.split(':')[0].replace(/ vs .*/, '')} ${g.measured.split(' (')[0]} ${g.status}`);
    out.push({ report, summary: `${report.runtime}: ${goals.join('; ')}` });
  }
  return out;
}
