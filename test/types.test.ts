/**
 * The public types as consumers get them: test/types/consumer.ts imports every entry by package
 * name (so TypeScript reads the built dist/*.d.ts through "exports") and must compile with zero
 * errors under `strict`. Its expectType<Equal<…>> lines pin return types (Promise on the main
 * entries, plain values on /sync and /legacy/sync), and its @ts-expect-error lines pin what must
 * NOT compile (wrong roles, misspelt options, plain objects as services, unknown error codes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runTsc } from './helpers/typecheck.ts';

describe('public types (built declarations)', () => {
  it('test/types/strictest.ts compiles under exactOptionalPropertyTypes and the other strictest flags (optional options take undefined)', () => {
    const { status, output } = runTsc(['-p', join(ROOT, 'test', 'types', 'tsconfig.strictest.json')]);
    expect(output.trim()).toBe('');
    expect(status).toBe(0);
    // A subclass's emitted declarations name the pipeline through the package, not a hashed dist chunk.
    const emitted = readFileSync(join(ROOT, '.tmp', 'strictest-dts', 'test', 'types', 'strictest.d.ts'), 'utf8');
    expect(emitted).toContain('pipe(): import("agora-token-kit").Pipeline<string>;');
    expect(emitted).not.toContain('dist/');
  }, 60_000);

  it('test/types/consumer.ts compiles against dist/*.d.ts with every expectation and expected error in place', () => {
    const { status, output } = runTsc(['-p', join(ROOT, 'test', 'types', 'tsconfig.json')]);
    expect(output.trim()).toBe('');
    expect(status).toBe(0);
  }, 60_000);
});
