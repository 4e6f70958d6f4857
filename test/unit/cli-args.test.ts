// CLI flag parsing: a negative number after a flag that takes a value is that value; after `--`
// everything is positional; missing values name the long flag.
import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError } from '../../src/cli/args.ts';

const SPEC = { role: { type: 'string' }, channel: { type: 'string', short: 'c' }, rtm: { type: 'boolean' } } as const;

describe('parseFlags', () => {
  it('joins a negative number to the flag before it (long or short), never to a boolean flag', () => {
    expect(parseFlags(['--role', '-5'], SPEC).values['role']).toBe('-5');
    expect(parseFlags(['-c', '-7'], SPEC).values['channel']).toBe('-7');
    expect(() => parseFlags(['--rtm', '-5'], SPEC)).toThrow(UsageError);
  });

  it('leaves everything after -- alone', () => {
    expect(parseFlags(['--', '--role', '-5'], SPEC).positionals).toEqual(['--role', '-5']);
  });

  it('names the long flag when a value is missing', () => {
    expect(() => parseFlags(['-c'], SPEC)).toThrow('--channel: needs a value');
    expect(() => parseFlags(['--role'], SPEC)).toThrow('--role: needs a value');
  });
});
