// The shortcuts in core/assert.ts must give the same answers as the plain rules they stand in
// for: the last-channel cache (the regex every time), the surrogate pre-scan (the regex every
// time); and the certificate-equals-App-ID refusal ignores letter case exactly as toLowerCase does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertAccount, assertCertificate, assertChannel } from '../../src/core/assert.ts';
import { assertCredentials } from '../../src/builders/common.ts';
import { AgoraTokenError } from '../../src/errors.ts';

const HEX = '0123456789abcdefABCDEF';
const hex32 = fc.array(fc.constantFrom(...HEX), { minLength: 32, maxLength: 32 }).map((a) => a.join(''));
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as AgoraTokenError).code;
  }
};

describe('assertCertificate: the App ID comparison ignores letter case', () => {
  it('refuses the App ID in any letter case', () => {
    const id = '970CA35de60c44645bbae8a215061b33';
    for (const cert of [id, id.toLowerCase(), id.toUpperCase()]) {
      expect(codeOf(() => assertCertificate(cert, 'appCertificate', id))).toBe('ERR_INVALID_APP_CERTIFICATE');
      expect(codeOf(() => assertCertificate(id, 'appCertificate', cert))).toBe('ERR_INVALID_APP_CERTIFICATE');
    }
  });

  it('agrees with toLowerCase on random pairs, near misses and non-hex App IDs', () => {
    const nearMiss = hex32.chain((cert) =>
      fc.tuple(fc.constant(cert), fc.nat(31), fc.integer({ min: 0, max: 0xffff })).map(([c, i, code]) => [c, c.slice(0, i) + String.fromCharCode(code) + c.slice(i + 1)] as const),
    );
    const swapCase = hex32.map((c) => [c, [...c].map((ch, i) => (i % 2 ? ch.toUpperCase() : ch.toLowerCase())).join('')] as const);
    fc.assert(
      fc.property(fc.oneof(nearMiss, swapCase, fc.tuple(hex32, fc.string({ maxLength: 40 }))), ([cert, appId]) => {
        const same = appId.toLowerCase() === cert.toLowerCase();
        expect(codeOf(() => assertCertificate(cert, 'appCertificate', appId))).toBe(same ? 'ERR_INVALID_APP_CERTIFICATE' : undefined);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('assertChannel: the last-channel shortcut', () => {
  it('still refuses bad names right after a good one, and accepts the good one again', () => {
    expect(assertChannel('room-1')).toBe('room-1');
    expect(assertChannel('room-1')).toBe('room-1');
    for (const bad of ['', 'x'.repeat(64), 'room/1', 'ru\u00e9m', 42, null]) expect(codeOf(() => assertChannel(bad))).toBe('ERR_INVALID_CHANNEL');
    expect(assertChannel('room-1')).toBe('room-1');
  });
});

describe('assertAccount: the surrogate pre-scan', () => {
  it('refuses lone surrogates anywhere and accepts pairs, as the regex alone did', () => {
    for (const bad of ['\uD800', 'a\uDC00', 'ab\uD83D', '\uDE00x', 'x\uD83D\uDE00\uDE00']) expect(codeOf(() => assertAccount(bad))).toBe('ERR_INVALID_ACCOUNT');
    for (const ok of ['', 'alice', '\uD83D\uDE00', 'a\uD83D\uDE00b', 'é中']) expect(assertAccount(ok)).toBe(ok);
  });

  it('refuses exactly the strings String.prototype.isWellFormed calls ill-formed (random runs of surrogates and other units)', () => {
    // The check is a char scan (a lookbehind regex does not load on Safari before 16.4); the platform is the oracle.
    const unit = fc.constantFrom('a', 'é', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00', '\uFFFD', '\u0000');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const text = units.join('');
        const wellFormed = (text as string & { isWellFormed(): boolean }).isWellFormed();
        expect(codeOf(() => assertAccount(text))).toBe(wellFormed ? undefined : 'ERR_INVALID_ACCOUNT');
      }),
      { numRuns: 5000 },
    );
  });
});

describe('assertCredentials: the last-pair shortcut', () => {
  it('checks every pair but the last good one, in the same order and with the same codes', () => {
    const id = '970CA35de60c44645bbae8a215061b33';
    const cert = '5CFd2fd1755d40ecb72977518be15d3b';
    expect(assertCredentials(id, cert)).toBeUndefined();
    expect(assertCredentials(id, cert)).toBeUndefined();
    expect(codeOf(() => assertCredentials(undefined, undefined))).toBe('ERR_INVALID_APP_ID');
    expect(codeOf(() => assertCredentials(cert, id.toLowerCase()))).toBeUndefined();
    expect(codeOf(() => assertCredentials(id, id.toLowerCase()))).toBe('ERR_INVALID_APP_CERTIFICATE');
    expect(codeOf(() => assertCredentials(id, cert.slice(1)))).toBe('ERR_INVALID_APP_CERTIFICATE');
    expect(codeOf(() => assertCredentials(`${id} `, cert))).toBe('ERR_INVALID_APP_ID');
    expect(codeOf(() => assertCredentials(NaN, NaN))).toBe('ERR_INVALID_APP_ID');
    expect(assertCredentials(id, cert)).toBeUndefined();
  });
});

describe('assertAccount: the length shortcut (UTF-16 length up to maxBytes / 3) agrees with counting UTF-8 bytes', () => {
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  it('accepts exactly up to the byte limit, whatever the characters weigh', () => {
    // 1-, 2-, 3- and 4-byte characters (the last is a surrogate pair: 2 UTF-16 units, 4 bytes).
    const chars = fc.constantFrom('a', 'é', '€', '😀');
    fc.assert(
      fc.property(fc.array(chars, { minLength: 40, maxLength: 140 }), fc.constantFrom(64, 255), (parts, maxBytes) => {
        const text = parts.join('');
        expect(codeOf(() => assertAccount(text, 'account', maxBytes))).toBe(bytes(text) <= maxBytes ? undefined : 'ERR_INVALID_ACCOUNT');
      }),
      { numRuns: 3000 },
    );
    expect(codeOf(() => assertAccount('€'.repeat(85)))).toBeUndefined(); // 255 bytes
    expect(codeOf(() => assertAccount('€'.repeat(86)))).toBe('ERR_INVALID_ACCOUNT'); // 258 bytes in 86 characters
  });
});
