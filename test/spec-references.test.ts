// Every "SPEC <id>" cited in a source comment must name a section heading or a quirk of
// docs/SPEC.md, so a reader of the repository can follow it. Lists and ranges count too:
// "SPEC 2.8, Q8", "SPEC 2.8, 3.6, 6", "SPEC 1.1-1.3".
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

const ID = String.raw`(?:Q\d+|\d+(?:\.\d+)?)`;
const CITATION = new RegExp(String.raw`\bSPEC (${ID}(?:\s*[,/-]\s*${ID})*)`, 'g');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every cited id with the places citing it ("src/core/crc32.ts:3"). */
function citations(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(dir)) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const m of line.matchAll(CITATION)) {
        for (const id of m[1]!.split(/\s*[,/-]\s*/)) {
          const where = `${relative(ROOT, file)}:${i + 1}`;
          found.set(id, [...(found.get(id) ?? []), where]);
        }
      }
    });
  }
  return found;
}

/** The ids docs/SPEC.md defines: "## 3. …" -> 3, "### 2.4 …" -> 2.4, "- **Q5** …" -> Q5. */
function specIds(): Set<string> {
  const text = readFileSync(join(ROOT, 'docs', 'SPEC.md'), 'utf8');
  const ids = new Set<string>();
  for (const m of text.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)) ids.add(m[1]!);
  for (const m of text.matchAll(/^- \*\*(Q\d+)\*\* /gm)) ids.add(m[1]!);
  return ids;
}

describe('SPEC references in source comments', () => {
  const cited = citations(join(ROOT, 'src'));
  const defined = specIds();

  it('finds the citations (so the check below cannot pass on nothing)', () => {
    const total = [...cited.values()].reduce((n, places) => n + places.length, 0);
    expect(total).toBeGreaterThanOrEqual(20);
    // Spot checks of the forms the pattern must read: a quirk, a list, a range, a whole section.
    for (const id of ['Q12', 'Q8', '3.4', '1.3', '6', '2.4']) expect(cited.has(id), id).toBe(true);
  });

  it('docs/SPEC.md defines sections 1-8 and quirks Q1-Q25', () => {
    for (let n = 1; n <= 8; n++) expect(defined.has(String(n)), `## ${n}.`).toBe(true);
    for (let q = 1; q <= 25; q++) expect(defined.has(`Q${q}`), `Q${q}`).toBe(true);
  });

  it('every id cited in src/ is a heading or a quirk of docs/SPEC.md', () => {
    const missing = [...cited].filter(([id]) => !defined.has(id)).map(([id, places]) => `SPEC ${id} (${places.join(', ')})`);
    expect(missing).toEqual([]);
  });
});
