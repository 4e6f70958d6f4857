// ByteReader.string's ASCII path builds a string from 16-character pieces plus one call of the
// tail's exact arity (1-15): every length and every position of a non-ASCII character in it,
// checked against TextDecoder (and its errors against invalid UTF-8 at each position).
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../src/core/reader.ts';

function field(bytes: number[]): Uint8Array {
  return Uint8Array.from([bytes.length & 255, bytes.length >> 8, ...bytes, 0x7a]);
}

describe('ByteReader.string', () => {
  it('equals TextDecoder for every length 0-80 and every position of a non-ASCII character', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let n = 0; n <= 80; n++) {
      const ascii = Array.from({ length: n }, (_, i) => 33 + ((i * 11) % 94));
      const cases = [ascii];
      for (let k = 0; k < n - 1; k++) cases.push([...ascii.slice(0, k), 0xc3, 0xa9, ...ascii.slice(k + 2)]);
      for (const bytes of cases) {
        const r = new ByteReader(field(bytes));
        expect(r.string('s')).toBe(decoder.decode(Uint8Array.from(bytes)));
        expect(r.remaining).toBe(1); // the byte after the field is left
      }
    }
  });

  it('rejects a lone continuation byte at every position as ERR_TOKEN_MALFORMED', () => {
    for (let n = 1; n <= 40; n++) {
      for (let k = 0; k < n; k++) {
        const bytes = Array.from({ length: n }, (_, i) => (i === k ? 0x80 : 0x61));
        expect(() => new ByteReader(field(bytes)).string('s')).toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED', field: 's' }));
      }
    }
  });
});
