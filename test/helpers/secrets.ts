// Secret-leak detection for test/secrets.test.ts: the secrets, hostile argument values that embed
// them, every way an error or object is rendered, and a finder that ignores letter case and also
// catches a partial echo (any 12 consecutive characters of a secret).
import { inspect } from 'node:util';

export const APP_ID = '970CA35de60c44645bbae8a215061b33';
export const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
/** A second 32-hex secret the caller passes in (e.g. a wrong certificate given to verify). */
export const OTHER = 'a1B2c3D4e5F60718293a4b5c6d7e8f90';
export const SECRETS = [CERT, OTHER];

/** Values that are wrong for every non-credential field, many of them carrying a secret. */
export const BAD_VALUES: unknown[] = [
  undefined, null, -1, 1.5, NaN, Infinity, 2 ** 32, 12n, true, {}, [], Symbol('x'), () => CERT,
  '', ' ', 'x'.repeat(300), '\uD800', `${CERT}\u0000`, `${CERT}!`, `${CERT} ${OTHER}`, CERT.repeat(3), `é${OTHER}`,
  `${OTHER}\n${CERT}`, { toString: () => CERT }, [CERT], new String(CERT),
];

/** Certificates that are invalid but contain (most of) a secret. */
export const BAD_CERTIFICATES: unknown[] = [
  `${CERT} `, ` ${CERT}`, `${CERT}\n`, CERT.slice(1), CERT.slice(0, 31), CERT + CERT, `${CERT.slice(0, 31)}g`, `${CERT}${OTHER}`,
  OTHER.slice(0, 31), `"${CERT}"`, { toString: () => CERT }, new String(CERT), [CERT], undefined, null, 0,
];

/** Where a secret (or a 12-character piece of one) occurs in a text, ignoring case; undefined if nowhere. */
export function findSecret(text: string, secrets: readonly string[] = SECRETS): string | undefined {
  const lower = text.toLowerCase();
  for (const secret of secrets) {
    const s = secret.toLowerCase();
    for (let i = 0; i + 12 <= s.length; i++) {
      if (lower.includes(s.slice(i, i + 12))) return `${i === 0 && lower.includes(s) ? 'the whole' : `characters ${i}..${i + 11} of the`} secret ${secret.slice(0, 4)}…`;
    }
  }
  return undefined;
}

/** Every text form of a value a user or a logger may produce. */
export function renderings(value: unknown): string[] {
  const out: string[] = [];
  const safe = (f: () => unknown) => {
    try {
      const v = f();
      if (typeof v === 'string') out.push(v);
    } catch {
      // a form that cannot be produced leaks nothing
    }
  };
  safe(() => String(value));
  safe(() => JSON.stringify(value));
  // console.log's form, and each deeper view on its own (showHidden and getters together also
  // evaluate prototype getters such as the documented `appCertificate` accessor).
  safe(() => inspect(value, { depth: 10 }));
  safe(() => inspect(value, { showHidden: true, depth: 10 }));
  safe(() => inspect(value, { getters: true, depth: 10 }));
  if (value instanceof Error) {
    safe(() => value.message);
    safe(() => value.stack);
    safe(() => JSON.stringify({ ...value, message: value.message }));
    if (value.cause !== undefined) out.push(...renderings(value.cause));
  }
  return out;
}

/** Describes a leak in any rendering of `value`, or undefined. */
export function leakIn(value: unknown, secrets: readonly string[] = SECRETS): string | undefined {
  for (const text of renderings(value)) {
    const found = findSecret(text, secrets);
    if (found) return `${found} in ${JSON.stringify(text.slice(0, 300))}`;
  }
  return undefined;
}

/** Calls `fn` and returns what it threw or rejected with, or `undefined` when it succeeded. */
export async function failureOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    return error ?? new Error('threw a nullish value');
  }
}
