// The decoder's fast paths against what they replace and against the official parser:
// base64 into the reused input buffer (core/inflate/base64-input) accepts exactly what
// core/base64 accepts, with the same bytes; the in-place inflate equals inflateZlib, errors
// included; the 8-byte Adler-32 equals core/deflate's (also over hand-made fixed, stored and
// dynamic blocks with worst-case sums); and decodeToken on hand-built payloads
// (privilege maps out of order or with repeated ids, strings across the ASCII fast path's
// limits, non-ASCII and invalid UTF-8) gives what agora-token's from_string gives.
import { createRequire } from 'node:module';
import { deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../src/core/base64.ts';
import { adler32 } from '../../src/core/deflate/adler32.ts';
import { adler32Range } from '../../src/core/inflate/adler32.ts';
import { base64Input, decodeBase64Input } from '../../src/core/inflate/base64-input.ts';
import { inflateBase64Shared, inflateZlib, inflateZlibShared, sharedOutput } from '../../src/core/inflate/index.ts';
import { AgoraTokenError } from '../../src/errors.ts';
import * as syncLib from '../../src/sync.ts';
import { officialParse, plainFromOurs } from '../helpers/official.ts';
import { Payload } from '../helpers/payload.ts';

const require = createRequire(import.meta.url);
const { RtcTokenBuilder: OfficialRtc } = require('agora-token');

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const TOKEN: string = OfficialRtc.buildTokenWithUid(APP_ID, CERT, '7d72365eb983485397e3e3f9d460bdda', 2882341273, 1, 3600, 3600);

/** What the strict decoder says (bytes or a problem) next to what the fast one says. */
function bothBase64(text: string): { strict: Uint8Array | string; fast: Uint8Array | -1 } {
  const strict = decodeBase64(text, 3);
  const n = decodeBase64Input(text, 3);
  return { strict, fast: n < 0 ? -1 : base64Input().slice(0, n) };
}

function expectSameBase64(text: string): void {
  const { strict, fast } = bothBase64(text);
  if (typeof strict === 'string' || strict.length === 0) expect(fast, JSON.stringify(text)).toBe(-1);
  else expect(fast, JSON.stringify(text)).toEqual(strict);
}

/** Runs an in-place inflate, then copies its output (sharedOutput() must be read after the call). */
function shared(n: number): Uint8Array {
  return sharedOutput().slice(0, n);
}

function outcome(fn: () => Uint8Array): Uint8Array | { code: string; message: string } {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof AgoraTokenError)) throw e;
    return { code: e.code, message: e.message };
  }
}

describe('base64 into the reused input buffer', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const odd = ['=', '-', '_', ' ', '\n', '.', '*', '\u00e9', '\u0100', '\ud83d', '\ud83d\ude00', '\u0000', 'A'];

  it('accepts exactly what core/base64 accepts, with the same bytes (token mutations)', () => {
    expectSameBase64(TOKEN);
    for (let i = 3; i < TOKEN.length; i++) {
      for (const c of odd) expectSameBase64(TOKEN.slice(0, i) + c + TOKEN.slice(i + 1));
      expectSameBase64(TOKEN.slice(0, i)); // truncated
      expectSameBase64(TOKEN.slice(0, i) + TOKEN.slice(i + 1)); // one character dropped
    }
  });

  it('every padding form and stray bits before it, for 0-8 bytes', () => {
    for (let n = 0; n <= 8; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      const text = '007' + encodeBase64(bytes);
      expectSameBase64(text);
      expect(bothBase64(text).fast).toEqual(n === 0 ? -1 : bytes);
      // Flip each possible low bit of the last data character (non-canonical spellings).
      const p = text.indexOf('=');
      if (p > 0) {
        for (const c of ALPHABET) expectSameBase64(text.slice(0, p - 1) + c + text.slice(p));
        expectSameBase64(text.slice(0, p) + 'A'.repeat(text.length - p)); // padding replaced by data
        expectSameBase64(text.slice(0, p) + '='.repeat(text.length - p + 1)); // too much padding
      }
    }
  });

  it('random strings over the alphabet, "=" and a few odd characters (fast-check)', () => {
    const char = fc.constantFrom(...ALPHABET, '=', '=', '-', ' ', '\u00ff', '\ud800');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), (chars) => expectSameBase64('007' + chars.join(''))),
      { numRuns: 3000, seed: 41 },
    );
  });

  it('grows for long text and stays correct after a shorter call', () => {
    const big = Uint8Array.from({ length: 30000 }, (_, i) => (i * 31) & 255);
    const text = '007' + encodeBase64(big);
    expect(bothBase64(text).fast).toEqual(big);
    expectSameBase64(TOKEN);
  });
});

describe('inflating in place', () => {
  const zlib = decodeBase64(TOKEN, 3) as Uint8Array;

  it('inflateZlibShared and inflateBase64Shared give inflateZlib\'s bytes', () => {
    const expected = inflateZlib(zlib, 1 << 15);
    expect(shared(inflateZlibShared(zlib, zlib.length, 1 << 15))).toEqual(expected);
    expect(shared(inflateBase64Shared(TOKEN, 3, 1 << 15))).toEqual(expected);
    expect(inflateBase64Shared(TOKEN.slice(0, -1), 3, 1 << 15)).toBe(-1);
  });

  it('reads only data[0..end), and fails exactly as inflateZlib on every truncation and bit flip', () => {
    const padded = new Uint8Array(zlib.length + 8).fill(0xa5);
    padded.set(zlib);
    expect(shared(inflateZlibShared(padded, zlib.length, 1 << 15))).toEqual(inflateZlib(zlib, 1 << 15));
    for (let end = 0; end < zlib.length; end++) {
      expect(outcome(() => shared(inflateZlibShared(padded, end, 1 << 15)))).toEqual(outcome(() => inflateZlib(zlib.slice(0, end), 1 << 15)));
    }
    for (let bit = 0; bit < zlib.length * 8; bit++) {
      const bad = zlib.slice();
      bad[bit >> 3]! ^= 1 << (bit & 7);
      for (const cap of [1 << 15, 100]) {
        const inPlace = outcome(() => shared(inflateZlibShared(bad, bad.length, cap)));
        expect(inPlace, `bit ${bit}, cap ${cap}`).toEqual(outcome(() => inflateZlib(bad, cap)));
      }
    }
  });
});

describe('Adler-32 of the inflated bytes', () => {
  it('adler32Range equals core/deflate adler32 around every unrolling and reduction boundary, continued from any split', () => {
    for (const n of [0, 1, 7, 8, 9, 15, 16, 17, 156, 3799, 3800, 3801, 3807, 7600, 7601, 40000]) {
      const ones = new Uint8Array(n + 3).fill(255);
      const mixed = Uint8Array.from({ length: n + 3 }, (_, i) => (i * 2654435761) >>> 24);
      for (const data of [ones, mixed]) {
        const whole = adler32(data.subarray(0, n));
        expect(adler32Range(data, 0, n, 1)).toBe(whole);
        const cut = (n * 5) >> 3;
        expect(adler32Range(data, cut, n, adler32Range(data, 0, cut, 1))).toBe(whole);
      }
    }
  });

  type Part = ['lit', number, number] | ['match258'];

  /** LSB-first bit writer for hand-made deflate blocks; `content` collects what they inflate to. */
  class Blocks {
    readonly bytes: number[] = [];
    readonly content: number[] = [];
    private acc = 0;
    private n = 0;
    put(v: number, k: number): this {
      for (let i = 0; i < k; i++) {
        this.acc |= ((v >>> i) & 1) << this.n;
        if (++this.n === 8) this.flush();
      }
      return this;
    }
    private flush(): void {
      this.bytes.push(this.acc);
      this.acc = 0;
      this.n = 0;
    }
    private code(c: number, len: number): void {
      for (let i = len - 1; i >= 0; i--) this.put((c >>> i) & 1, 1);
    }
    /** A fixed-code block of literal runs and 258-byte matches at distance 1. */
    fixed(parts: Part[], final: boolean): this {
      this.put(final ? 1 : 0, 1).put(1, 2);
      for (const p of parts) {
        if (p[0] === 'lit') {
          for (let i = 0; i < p[2]; i++) {
            if (p[1] < 144) this.code(0x30 + p[1], 8);
            else this.code(0x190 + p[1] - 144, 9);
            this.content.push(p[1]);
          }
        } else {
          this.code(0xc5, 8); // symbol 285: length 258, no extra bits
          this.code(0, 5); // distance code 0: distance 1
          for (let i = 0; i < 258; i++) this.content.push(this.content[this.content.length - 1]!);
        }
      }
      this.code(0, 7); // end of block
      return this;
    }
    /** A non-final stored block (which also byte-aligns). */
    stored(data: number[]): this {
      this.put(0, 3);
      if (this.n) this.flush();
      this.bytes.push(data.length & 255, data.length >> 8, ~data.length & 255, (~data.length >> 8) & 255, ...data);
      this.content.push(...data);
      return this;
    }
    /** Raw deflate data from elsewhere (here: node's dynamic blocks), ending the stream. */
    raw(bytes: Uint8Array, content: Uint8Array): this {
      this.stored([]); // an empty stored block byte-aligns the stream
      this.bytes.push(...bytes);
      this.content.push(...content);
      return this;
    }
    zlib(): { stream: Uint8Array; content: Uint8Array } {
      if (this.n) this.flush();
      const data = Uint8Array.from(this.content);
      const a = adler32(data);
      const stream = Uint8Array.from([0x78, 0x01, ...this.bytes, a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255]);
      return { stream, content: data };
    }
  }

  function expectInflates({ stream, content }: { stream: Uint8Array; content: Uint8Array }): void {
    expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(content))).toBe(true);
    expect(inflateZlib(stream, 1 << 20)).toEqual(content);
    const bad = stream.slice();
    bad[bad.length - 1]! ^= 1;
    expect(() => inflateZlib(bad, 1 << 20)).toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_ZLIB', message: 'incorrect data check' }));
  }

  it('sums long fixed-code blocks of 0xff literals and 258-byte matches exactly (reductions at the limits)', () => {
    expectInflates(new Blocks().fixed([['lit', 255, 10000]], true).zlib());
    const matches = Array.from({ length: 40 }, (): Part => ['match258']);
    expectInflates(new Blocks().fixed([['lit', 255, 3541], ...matches, ['lit', 254, 7000]], true).zlib());
    const mixed = Array.from({ length: 300 }, (_, i): Part => (i % 3 === 2 ? ['match258'] : ['lit', 200 + (i % 56), 1 + ((i * 37) % 61)]));
    expectInflates(new Blocks().fixed(mixed, true).zlib());
  });

  it('stored, fixed and dynamic blocks in one stream: the checksum covers all of them', () => {
    const tail = Uint8Array.from({ length: 3000 }, (_, i) => 'eeeeeeetttaaoinshrdlu'.charCodeAt((i * i * 7 + i) % 21));
    const dynamic = new Uint8Array(deflateRawSync(tail)); // node: one final dynamic block
    expect((dynamic[0]! >> 1) & 3).toBe(2);
    const stored = Array.from({ length: 700 }, (_, i) => (i * 7919) & 255);
    expectInflates(
      new Blocks()
        .stored(stored)
        .fixed([['lit', 255, 5000], ['match258']], false)
        .stored([1, 2, 3])
        .fixed([['lit', 7, 3], ['lit', 250, 4000]], false)
        .raw(dynamic, tail)
        .zlib(),
    );
  });
});

// ------------------------------------------------------------- hand-built payloads

/** A 007 payload with one RTC service (signature bytes are arbitrary: decoding checks no signature). */
function rtcToken(privileges: [number, number][], channel: string | number[], uid: string | number[], appId: string | number[] = APP_ID): string {
  const str = (p: Payload, s: string | number[]) => (typeof s === 'string' ? p.text(s) : p.bytes(s));
  const p = new Payload().bytes(Array.from({ length: 32 }, (_, i) => (i * 37) & 255));
  str(p, appId);
  p.u32(1_700_000_000).u32(3600).u32(12345).u16(1).u16(1).map(privileges);
  str(p, channel);
  str(p, uid);
  return p.token();
}

describe('decodeToken on hand-built payloads, against the official from_string', () => {
  const cases: [string, [number, number][]][] = [
    ['ascending', [[1, 10], [2, 20], [3, 30], [4, 40]]],
    ['descending', [[4, 40], [3, 30], [2, 20], [1, 10]]],
    ['repeated id, last value wins', [[1, 10], [2, 20], [1, 11]]],
    ['repeated id in a row', [[2, 20], [2, 21], [2, 22]]],
    ['unknown ids and a late small one', [[7, 70], [65535, 1], [3, 30], [0, 5]]],
    ['empty', []],
  ];
  it.each(cases)('privilege map %s: ascending by id, each id once with its last value', (_, entries) => {
    const token = rtcToken(entries, 'room', '42');
    const decoded = syncLib.decodeToken(token);
    expect(plainFromOurs(decoded)).toEqual(officialParse(token));
    const last = new Map<number, number>();
    for (const [k, v] of entries) last.set(k, v);
    const names: Record<number, string> = { 1: 'joinChannel', 2: 'publishAudioStream', 3: 'publishVideoStream', 4: 'publishDataStream' };
    const expected = [...last].sort((a, b) => a[0] - b[0]).map(([id, expire]) => ({ id, name: names[id], expire }));
    expect(decoded.version === '007' && decoded.services[0]!.name === 'rtc' && decoded.services[0]!.privileges).toEqual(expected);
  });

  it('strings of every length around the ASCII fast path (0-70 bytes), ASCII and not', () => {
    for (let n = 0; n <= 70; n++) {
      const ascii = Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7) % 95))).join('');
      const wide = ascii.slice(0, Math.max(0, n - 2)) + (n >= 2 ? '\u00e9' : '');
      for (const s of [ascii, wide, ascii.slice(0, n >> 1) + '\u{1f600}']) {
        // The App ID must be 32 hex digits (test/app-id-strict.test.ts): the texts go in the other strings.
        const token = rtcToken([[1, 0]], s, s);
        const decoded = syncLib.decodeToken(token);
        expect(decoded).toMatchObject({ appId: APP_ID, services: [{ channelName: s, uid: s }] });
        expect(plainFromOurs(decoded)).toEqual(officialParse(token));
      }
    }
  });

  it('the remembered App ID is used only for the same bytes', () => {
    const ids = [APP_ID, APP_ID.slice(0, -1) + '4', APP_ID, APP_ID.toLowerCase(), APP_ID.toUpperCase(), APP_ID];
    for (const id of ids) expect(syncLib.decodeToken(rtcToken([[1, 0]], 'c', 'u', id))).toMatchObject({ appId: id });
    // A refused App ID in between (not 32 hex digits, or not even UTF-8) leaves nothing behind.
    for (const bad of ['x', '', APP_ID + 'é', APP_ID.slice(0, -1) + 'g', [0xff]]) {
      expect(() => syncLib.decodeToken(rtcToken([[1, 0]], 'c', 'u', bad))).toThrowError(expect.objectContaining({ field: 'appId' }));
      expect(syncLib.decodeToken(rtcToken([[1, 0]], 'c', 'u', APP_ID))).toMatchObject({ appId: APP_ID });
    }
  });

  it('invalid UTF-8 (short and long) is ERR_TOKEN_MALFORMED naming the field', () => {
    for (const bad of [[0x80], [0x61, 0xc3], Array.from({ length: 100 }, () => 0xff), [...new Array(63).fill(0x61), 0xe2, 0x82]]) {
      expect(() => syncLib.decodeToken(rtcToken([[1, 0]], bad, 'u'))).toThrowError(
        expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED', field: 'rtc.channelName' }),
      );
    }
  });

  it('a map that does not fit is ERR_TOKEN_TRUNCATED before any entry is read', () => {
    const p = new Payload().bytes(new Array(32).fill(1)).text(APP_ID).u32(1).u32(2).u32(3).u16(1).u16(1).u16(5).u16(1).u32(0);
    expect(() => syncLib.decodeToken(p.token())).toThrowError(
      expect.objectContaining({ code: 'ERR_TOKEN_TRUNCATED', message: expect.stringMatching(/privileges: needs 30 bytes at offset \d+, only 6 left/) }),
    );
  });

  it('verifyToken checks a payload exactly as decodeToken does (it skips building strings, hex and lists)', () => {
    const outcomeOf = (fn: () => unknown) => {
      try {
        fn();
        return 'ok';
      } catch (e) {
        const { code, message, field } = e as AgoraTokenError;
        return { code, message, field };
      }
    };
    const rtm2 = new syncLib.Rtm2Permissions();
    rtm2.add(0, 0, ['lobby', 'room-ü']);
    const payloads = [
      inflateSync(Buffer.from(TOKEN.slice(3), 'base64')),
      inflateSync(Buffer.from(syncLib.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'alice', rtm2, 600).slice(3), 'base64')),
      inflateSync(Buffer.from(syncLib.ApaasTokenBuilder.buildRoomUserToken(APP_ID, CERT, 'room-1', 'bøb', 2, 600).slice(3), 'base64')),
    ].map((b) => new Uint8Array(b));
    let checked = 0;
    for (const payload of payloads) {
      for (let cut = 0; cut <= payload.length; cut++) {
        for (const variant of [payload.subarray(0, cut), Uint8Array.from([...payload.subarray(0, cut), 0xff, ...payload.subarray(cut)])]) {
          const token = '007' + Buffer.from(deflateSync(variant)).toString('base64');
          const decoded = outcomeOf(() => syncLib.decodeToken(token));
          const verified = outcomeOf(() => syncLib.verifyToken(token, CERT));
          expect(verified, `cut ${cut}`).toEqual(decoded);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('verifyToken gets copies: a later decode does not change what a pending async verification signs', async () => {
    const asyncLib = await import('../../src/index.ts');
    const pending = asyncLib.verifyToken(TOKEN, CERT);
    syncLib.decodeToken(rtcToken([[1, 0]], 'x'.repeat(200), 'y')); // overwrites the shared buffers
    expect(await pending).toBe(true);
  });
});

describe('base64 input without TextEncoder.encodeInto (Jest jsdom has no TextEncoder; a polyfill may lack encodeInto)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it.each([
    ['no TextEncoder', undefined],
    ['a TextEncoder without encodeInto', class { encode(text: string): Uint8Array { return Uint8Array.from(text, (ch) => ch.charCodeAt(0)); } }],
  ])('%s: the same bytes and the same refusals as with it', async (_name, stand) => {
    // U+0141: its low byte is "A", so a loop that only truncated char codes would misread it.
    const cases = [TOKEN, `${TOKEN.slice(0, -4)}é===`, `${TOKEN.slice(0, 10)}\u{1F600}${TOKEN.slice(12)}`, '007', `${TOKEN}A`, `${TOKEN.slice(0, 10)}\u0141${TOKEN.slice(11)}`];
    const expected = cases.map((text) => {
      const n = decodeBase64Input(text, 3);
      return n < 0 ? n : [...base64Input().subarray(0, n)];
    });
    vi.stubGlobal('TextEncoder', stand);
    vi.resetModules();
    const fresh = await import('../../src/core/inflate/base64-input.ts');
    const got = cases.map((text) => {
      const n = fresh.decodeBase64Input(text, 3);
      return n < 0 ? n : [...fresh.base64Input().subarray(0, n)];
    });
    expect(got).toEqual(expected);
    expect(expected.filter((e) => e === -1)).toHaveLength(5); // only the token itself reads
  });
});
