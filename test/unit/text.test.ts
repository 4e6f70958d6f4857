// core/text: UTF-8 without a usable TextDecoder. The pure-JS fatal decoder is checked against the
// runtime's own fatal TextDecoder (the WHATWG reference here) on random and hand-picked bytes, and
// decodeUtf8Strict is checked to pick it where the runtime has no TextDecoder or one without `fatal`.
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeUtf8Js } from '../../src/core/text.ts';

const NativeDecoder = globalThis.TextDecoder;
const reference = new NativeDecoder('utf-8', { fatal: true, ignoreBOM: true });
function viaTextDecoder(bytes: Uint8Array): string | undefined {
  try {
    return reference.decode(bytes);
  } catch {
    return undefined;
  }
}

describe('decodeUtf8Js (fatal UTF-8 for runtimes without a TextDecoder)', () => {
  it.each([
    ['empty', []],
    ['ASCII', [0x61, 0x62]],
    ['a leading U+FEFF, kept (token text, not a byte-order mark)', [0xef, 0xbb, 0xbf, 0x61]],
    ['two U+FEFF, both kept', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]],
    ['2-, 3- and 4-byte forms', [0xc3, 0xa9, 0xe6, 0x88, 0xbf, 0xf0, 0x9f, 0x98, 0x80]],
    ['the largest code point', [0xf4, 0x8f, 0xbf, 0xbf]],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['overlong 2-byte', [0xc0, 0xaf]],
    ['overlong 3-byte', [0xe0, 0x80, 0xaf]],
    ['overlong 4-byte', [0xf0, 0x80, 0x80, 0xaf]],
    ['a surrogate (U+D800)', [0xed, 0xa0, 0x80]],
    ['just below the surrogates (U+D7FF)', [0xed, 0x9f, 0xbf]],
    ['a lone continuation byte', [0x80]],
    ['cut short', [0xe6, 0x88]],
    ['a lead byte then ASCII', [0xe6, 0x41, 0x41]],
    ['0xff', [0xff]],
  ])('%s: same as a fatal TextDecoder', (_name, list) => {
    const bytes = Uint8Array.from(list);
    expect(decodeUtf8Js(bytes)).toBe(viaTextDecoder(bytes));
  });

  it('agrees with a fatal TextDecoder on random bytes and on random valid text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        expect(decodeUtf8Js(bytes)).toBe(viaTextDecoder(bytes));
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const bytes = new TextEncoder().encode(text);
        expect(decodeUtf8Js(bytes)).toBe(viaTextDecoder(bytes));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('decodeUtf8Strict picks the pure-JS decoder where it must', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("uses the runtime's fatal TextDecoder where it works", async () => {
    let calls = 0;
    vi.stubGlobal(
      'TextDecoder',
      class extends NativeDecoder {
        override decode(...args: Parameters<TextDecoder['decode']>): string {
          calls++;
          return super.decode(...args);
        }
      },
    );
    vi.resetModules();
    const { decodeUtf8Strict } = await import('../../src/core/text.ts');
    expect(decodeUtf8Strict(Uint8Array.of(0xc3, 0xa9))).toBe('\u00e9');
    expect(decodeUtf8Strict(Uint8Array.of(0xff))).toBeUndefined();
    expect(calls).toBe(4); // the two probes (U+FEFF kept, 0xff refused), then both calls
  });

  const invalid = Uint8Array.of(0x61, 0xff);
  const text = new TextEncoder().encode('\u00e9t\u00e9 \u{1f600}');

  it.each([
    ['no TextDecoder (React Native before 0.85, Jest jsdom)', undefined],
    [
      "a TextDecoder that refuses `fatal` (fast-text-encoding's)",
      class {
        constructor(_label?: string, options?: { fatal?: boolean }) {
          if (options?.fatal) throw new RangeError("Failed to construct 'TextDecoder': the 'fatal' option is unsupported.");
        }
      },
    ],
    [
      'a TextDecoder that refuses invalid bytes but drops a leading U+FEFF (ignores `ignoreBOM`)',
      class {
        decode(bytes: Uint8Array): string {
          return new NativeDecoder('utf-8', { fatal: true }).decode(bytes);
        }
      },
    ],
    [
      'a TextDecoder that ignores `fatal` (decodes invalid bytes as U+FFFD)',
      class {
        decode(bytes: Uint8Array): string {
          return new NativeDecoder().decode(bytes);
        }
      },
    ],
  ])('%s', async (_name, stand) => {
    vi.stubGlobal('TextDecoder', stand);
    vi.resetModules();
    const { decodeUtf8Strict } = await import('../../src/core/text.ts');
    expect(decodeUtf8Strict(text)).toBe('\u00e9t\u00e9 \u{1f600}');
    expect(decodeUtf8Strict(invalid)).toBeUndefined();
    expect(decodeUtf8Strict(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('\ufeffa');
  });
});

describe('the parse methods\' loose reading (U+FFFD for bytes that are not UTF-8)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });
  // A 007 token whose RTC channel is the Latin-1 bytes "caf\xe9" (not UTF-8), packed by hand.
  const latin1Token = (() => {
    const u16 = (n: number) => [n & 255, n >> 8];
    const u32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24];
    const str = (b: number[]) => [...u16(b.length), ...b];
    const ascii = (t: string) => [...t].map((c) => c.charCodeAt(0));
    const rtc = [...u16(1), ...u16(1), ...u16(1), ...u32(600), ...str([0x63, 0x61, 0x66, 0xe9]), ...str(ascii('42'))];
    const payload = [...str(new Array(32).fill(7)), ...str(ascii('970CA35de60c44645bbae8a215061b33')), ...u32(1_700_000_000), ...u32(600), ...u32(7), ...u16(1), ...rtc];
    return '007' + Buffer.from(deflateSync(Uint8Array.from(payload))).toString('base64');
  })();

  it('reads them with a TextDecoder, and answers false (never a ReferenceError) without one', async () => {
    const withDecoder = await import('../../src/sync.ts');
    const read = new withDecoder.AccessToken2();
    expect(read.from_string(latin1Token)).toBe(true);
    expect((read.getServices(1)[0] as unknown as { channelName: string }).channelName).toBe('caf\ufffd');
    vi.stubGlobal('TextDecoder', undefined);
    vi.resetModules();
    const without = await import('../../src/sync.ts');
    expect(new without.AccessToken2().from_string(latin1Token)).toBe(false);
  });
});
