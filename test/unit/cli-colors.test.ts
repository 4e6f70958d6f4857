// When the CLI colors its output: a terminal by default; NO_COLOR always off; FORCE_COLOR decides
// when set, as Node reads it ('', 1, 2, 3, true on, even for a pipe; anything else off).
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
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: 'foo' }, true, false],
    [{ FORCE_COLOR: '2' }, false, true],
    [{ FORCE_COLOR: '3' }, false, true],
    [{ FORCE_COLOR: 'true' }, false, true],
    [{ TERM: 'dumb' }, true, false],
    [{ TERM: 'xterm-256color' }, true, true],
    [{ TERM: 'dumb', FORCE_COLOR: '1' }, true, true],
  ] as const)('env %j, TTY %s -> %s', (env, isTTY, expected) => {
    expect(useColors(env, isTTY)).toBe(expected);
  });
});
