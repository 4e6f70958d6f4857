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
  it('hides each secret in its trimmed form too (a "\\r" from a .env file, spaces in a key list)', () => {
    const redact = redactor([`${CERT}\r`, ' key-spaced-0123456789 ']);
    expect(redact(`cert ${CERT}, key key-spaced-0123456789.`)).toBe('cert [redacted], key [redacted].');
  });
  it('ignores empty and short values, which would blank ordinary words', () => {
    const redact = redactor(['', 'short', '1234567']);
    expect(redact('a short text 1234567')).toBe('a short text 1234567');
    expect(redactor([])('anything')).toBe('anything');
  });
});
