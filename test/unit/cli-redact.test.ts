// The CLI's one redaction rule, shared by its error output and `serve`'s logs.
import { describe, expect, it } from 'vitest';
import { redactor } from '../../src/cli/redact.ts';

describe('redactor', () => {
  const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
  it('hides every occurrence of each secret in any letter case, and leaves the rest', () => {
    const redact = redactor([CERT, 'key.with+regex(chars)']);
    expect(redact(`a ${CERT} b ${CERT.toUpperCase()}/${CERT.toLowerCase()}${CERT}`)).toBe('a [redacted] b [redacted]/[redacted][redacted]');
    expect(redact('Bearer KEY.WITH+REGEX(CHARS)!')).toBe('Bearer [redacted]!');
    expect(redact('keyXwith+regex(chars)')).toBe('keyXwith+regex(chars)'); // "." is literal
  });
  it('ignores empty and short values, which would blank ordinary words', () => {
    const redact = redactor(['', 'short', '1234567']);
    expect(redact('a short text 1234567')).toBe('a short text 1234567');
    expect(redactor([])('anything')).toBe('anything');
  });
});
