// Reading diagnose findings in tests: their codes in order, every finding of a code, and the one
// finding of a code (failing with the codes present when it is missing, so a test says what it got).
import type { Finding, FindingCode } from '../../src/index.ts';

/** The findings' codes, in their order. */
export const codes = (fs: Finding[]): string[] => fs.map((f) => f.code);

/** Every finding with this code. */
export const all = (fs: Finding[], code: FindingCode): Finding[] => fs.filter((f) => f.code === code);

/** The first finding with this code; throws, naming the codes present, if there is none. */
export function get(fs: Finding[], code: FindingCode): Finding {
  const f = fs.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} in ${codes(fs).join(', ')}`);
  return f;
}
