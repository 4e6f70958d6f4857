/**
 * The deflate corpus the runtime suite checks in every runtime (test/runtimes/deflate-corpus.mjs):
 * its committed SHA-256 list must still be what the oracles give (the official agora-token's
 * payload recompressed by pako legacyHash, i.e. canonical zlib 1.2.13 at level 6), it must span
 * the sizes and content kinds it claims, and our builders (sources, both 007 entries) must give
 * exactly the expected token strings here in Node, before the built package meets it elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { expectedCase } from '../scripts/generate-deflate-corpus.mjs';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';
import { CORPUS_CASES, CORPUS_MAX_BYTES, corpusCase, corpusToken, sha256Hex } from './runtimes/deflate-corpus.mjs';
import { CORPUS_SHA256 } from './runtimes/deflate-corpus-expected.mjs';

const expected = Array.from({ length: CORPUS_CASES }, (_, i) => expectedCase(i));

describe('deflate corpus (issue 7 exactness, checked in every runtime)', () => {
  it('the committed SHA-256 list is what the official payload + pako legacyHash give (regenerate: node scripts/generate-deflate-corpus.mjs)', async () => {
    expect(CORPUS_SHA256).toHaveLength(CORPUS_CASES);
    expect(expected.map((e) => e.sha256)).toEqual(CORPUS_SHA256);
    expect(await sha256Hex(expected[0]!.token)).toBe(CORPUS_SHA256[0]); // the portable digest agrees with node:crypto
  });

  it('spans token payload sizes (~120 B to the 32 KiB cap) and every content kind, with multi-block streams', () => {
    const sizes = expected.map((e) => e.payloadBytes);
    expect(Math.min(...sizes)).toBeLessThan(150);
    expect(Math.max(...sizes)).toBeGreaterThan(32_700);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(32_768);
    expect(new Set(expected.map((e) => e.kind))).toEqual(new Set(['printable', 'unicode', 'low-entropy', 'repeats']));
    // zlib flushes a block every 16383 symbols: printable cases past that size are multi-block.
    expect(expected.filter((e) => e.kind === 'printable' && e.payloadBytes > 16_500).length).toBeGreaterThanOrEqual(2);
    expect(corpusCase(CORPUS_CASES - 1).bytes).toBe(CORPUS_MAX_BYTES);
    // The generator is deterministic: the same case twice gives the same text.
    expect(corpusCase(17).text).toBe(corpusCase(17).text);
  });

  it('our /sync and main entries build exactly the canonical-zlib token of every case', async () => {
    for (let i = 0; i < CORPUS_CASES; i++) {
      const c = corpusCase(i);
      expect(corpusToken(syncLib, c), `case ${i} (${c.kind}) /sync`).toBe(expected[i]!.token);
      expect(await corpusToken(asyncLib, c), `case ${i} (${c.kind}) main`).toBe(expected[i]!.token);
    }
  });
});
