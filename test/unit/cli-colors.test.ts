// When the CLI colors its output: a terminal by default; NO_COLOR always off; FORCE_COLOR on for a
// pipe, and FORCE_COLOR=0 off even on a terminal (as Node reads it).
import { describe, expect, it } from 'vitest';
import { useColors } from '../../src/cli/io.ts';

describe('useColors', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, false, false],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
  ] as const)('env %j, TTY %s -> %s', (env, isTTY, expected) => {
    expect(useColors(env, isTTY)).toBe(expected);
  });
});
