// fast-check arbitraries for valid builder inputs (the rules of SPEC 6 as our validators apply them).
import fc from 'fast-check';

const HEX = '0123456789abcdefABCDEF'.split('');
const CHANNEL_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&()+-:;<=.>?@[]^_{}|~,'.split('');
const utf8Length = (s: string) => new TextEncoder().encode(s).length;

export const hex32 = fc.array(fc.constantFrom(...HEX), { minLength: 32, maxLength: 32 }).map((a) => a.join(''));
export const channel = fc.array(fc.constantFrom(...CHANNEL_CHARS), { minLength: 1, maxLength: 63 }).map((a) => a.join(''));
export const uid = fc.oneof(fc.constantFrom(0, 1, 2 ** 32 - 1, 2882341273), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
/** Unicode text of at most `maxBytes` UTF-8 bytes (well-formed: no lone surrogates). */
export const text = (maxBytes: number, minLength = 0) =>
  fc
    .oneof(fc.string({ minLength, maxLength: maxBytes }), fc.string({ unit: 'grapheme', minLength, maxLength: Math.ceil(maxBytes / 4) }))
    .filter((s) => s.length >= minLength && utf8Length(s) <= maxBytes && s.isWellFormed());
export const account = text(255, 1);
export const userId = text(64);
export const role = fc.constantFrom(1, 2) as fc.Arbitrary<1 | 2>;
export const seconds = fc.oneof(fc.integer({ min: 0, max: 86_400 }), fc.constantFrom(0, 2 ** 32 - 1), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
/**
 * An options-form lifetime (`…InSeconds`): 1 to below 10^9, where an absolute Unix time would start
 * (builders/common.ts assertLifetime; 0 is refused there as expired when issued).
 */
export const lifetime = fc.oneof(fc.integer({ min: 1, max: 86_400 }), fc.constantFrom(1, 999_999_999), fc.integer({ min: 1, max: 999_999_999 }));
export const issueTs = fc.integer({ min: 1, max: 2 ** 32 - 1 });
export const salt = fc.integer({ min: 0, max: 2 ** 32 - 1 });
export const privileges = (ids: number[]) =>
  fc.subarray(ids).chain((chosen) => fc.tuple(...chosen.map((id) => fc.tuple(fc.constant(id), seconds)))).map((pairs) => Object.fromEntries(pairs));
export const rtm2Permissions = fc.array(
  fc.record({ resourceType: fc.integer({ min: 0, max: 4 }), permissionType: fc.integer({ min: 0, max: 1 }), resources: fc.array(text(40, 1), { maxLength: 4 }) }),
  { maxLength: 5 },
);
