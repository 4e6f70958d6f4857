/**
 * The public surface as a whole, read from the BUILT package:
 * - every export of every entry, types included, carries TSDoc in dist/*.d.ts (what an editor shows);
 * - every runtime export is named in at least one other test file, so a new export cannot land
 *   untested (test/constants.test.ts covers the constants nothing else named).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as main from '../dist/index.js';
import * as sync from '../dist/sync.js';
import * as legacy from '../dist/legacy.js';
import * as legacySync from '../dist/legacy-sync.js';
import * as server from '../dist/server.js';
import * as serverNode from '../dist/server-node.js';
import * as errors from '../dist/errors.js';
import { publicExports, ROOT } from './helpers/typecheck.ts';

const ENTRIES: Record<string, Record<string, unknown>> = {
  'agora-token-kit': main,
  'agora-token-kit/sync': sync,
  'agora-token-kit/legacy': legacy,
  'agora-token-kit/legacy/sync': legacySync,
  'agora-token-kit/server': server,
  'agora-token-kit/server/node': serverNode,
  'agora-token-kit/errors': errors,
};

/** Every export of every entry with its TSDoc text. */
function documentation(): { entry: string; name: string; doc: string }[] {
  return [...publicExports(Object.keys(ENTRIES))].flatMap(([entry, list]) => list.map((e) => ({ entry, ...e })));
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
