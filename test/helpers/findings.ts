// Diagnose findings in tests: both entries' diagnosis of a token, and reading findings: their codes
// in order, every finding of a code, and the one finding of a code (failing with the codes present
// when it is missing, so a test says what it got).
import { expect } from 'vitest';
import * as main from '../../src/index.ts';
import type { DiagnoseExpectation, Finding, FindingCode } from '../../src/index.ts';
import * as sync from '../../src/sync.ts';

/** diagnoseToken on the main and /sync entries, which must agree; no finding may quote `certificate`, in any case. */
export async function diagnoseBoth(token: string, expected: DiagnoseExpectation, certificate: string): Promise<Finding[]> {
  const a = await main.diagnoseToken(token, expected);
  expect(sync.diagnoseToken(token, expected)).toEqual(a);
  expect(JSON.stringify(a).toLowerCase()).not.toContain(certificate.toLowerCase());
  return a;
}

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
