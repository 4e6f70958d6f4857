#!/usr/bin/env node
/**
 * @module scripts/runtime-table — turns .tmp/runtime-matrix.json (written by
 * test/runtimes.test.ts from what actually ran) into the README "Runtimes" markdown table.
 * Usage: node scripts/runtime-table.mjs [matrix.json] > table.md
 */

import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? new URL('../.tmp/runtime-matrix.json', import.meta.url);
let matrix;
try {
  matrix = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`runtime-table: cannot read ${file} (run \`npm test\` or \`npx vitest run test/runtimes.test.ts\` first): ${error.message}`);
  process.exit(1);
}

const ENTRY_NAMES = { main: '.', sync: '/sync', legacy: '/legacy', legacySync: '/legacy/sync', errors: '/errors', server: '/server', serverNode: '/server/node' };
const cell = (text) => String(text).replace(/\|/g, '\\|');
// "node 20.20.2 (import, ESM build)" -> "20.20.2"; the how-column already says the rest.
const version = (runtime) => /\d+(?:\.\d+){1,3}|\d{4}-\d{2}-\d{2}/.exec(runtime)?.[0] ?? runtime;

const rows = matrix.runtimes.map((r) => [
  r.label,
  version(r.runtime),
  r.how,
  r.entries.map((e) => `\`${ENTRY_NAMES[e] ?? e}\``).join(' '),
  r.ok ? `✅ ${r.passed}/${r.passed + r.failed}` : `❌ ${r.passed}/${r.passed + r.failed}`,
]);
const lines = [
  '| Runtime | Version | How it runs the packed package | Entry points | Checks passed |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  '',
  `Recorded by \`npm test\` (test/runtimes.test.ts), printed by \`npm run runtimes:table\` (scripts/runtime-table.mjs) on ${matrix.generatedAt.slice(0, 10)} for ${matrix.package}; ` +
    `every runtime runs the same conformance suite (official vectors, a 48-case canonical-zlib deflate corpus through both 007 entries, decode, verify true/false, typed errors) against the packed tarball; a row whose runtime prints anything to stderr while it runs (a warning our code caused) fails, except for the hardened Node row's notices of its experimental flags. The Workers and browser runners do not forward what the Worker or page logs, so those rows check results only.`,
];
console.log(lines.join('\n'));
if (matrix.runtimes.some((r) => !r.ok)) process.exitCode = 2;
