// Agora's own unit tests, shipped inside the agora-token 2.0.6 package (node_modules/agora-token/test,
// nodeunit style), run against the BUILT package: each test file's requires of agora-token's
// modules are redirected to dist/sync.cjs (007) and dist/legacy-sync.cjs (006), so the same code
// calls our builders, AccessToken2, services, from_string/verifySignature, and the 006 AccessToken
// with its messages and fromString.
//
// One rule is adapted, because it is this project's documented difference: an equality between two
// different 007 strings passes when their payloads are identical. Agora's expected strings were
// made with Node's zlib (a Chromium fork); ours are canonical zlib, as Agora's Python, Java and C++
// produce (issue 7). The test counts those comparisons, so a payload difference still fails.
// Two tests fail here on purpose and must fail for exactly these reasons (see EXPECTED_FAILURES).
import Module, { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const DIST = fileURLToPath(new URL('../dist/sync.cjs', import.meta.url));
const LEGACY = fileURLToPath(new URL('../dist/legacy-sync.cjs', import.meta.url));
const SUITE = fileURLToPath(new URL('../node_modules/agora-token/test/', import.meta.url));

/** The test files: 007, then 006 (AccessToken, RtmTokenBuilder). DynamicKey (005) is out of scope. */
const FILES = [
  'AccessToken2Test.js',
  'RtcTokenBuilder2Test.js',
  'RtmTokenBuilder2Test.js',
  'ChatTokenBuilderTest.js',
  'ApaasTokenBuilderTest.js',
  'EducationTokenBuilderTest.js',
  'FpaTokenBuilderTest.js',
  'ConvoAITokenBuilderTest.js',
  'SttTokenBuilderTest.js',
  'AccessTokenTest.js',
  'RtmTokenBuilderTest.js',
];
/** Tests where nothing of ours runs: agora-token's private byte-buffer helpers (they load its source), and the SignalingToken format. */
const NOT_OURS = new Set(['AccessToken2Test.js AccessToken_Test_bufferHelpers', 'AccessTokenTest.js AccessToken_BufferHelpers_Test', 'AccessTokenTest.js SignalingToken_Test']);
/** Deliberate differences, each with the failure it must show. */
const EXPECTED_FAILURES: Record<string, RegExp> = {
  // Bad input throws a typed AgoraTokenError; the official build() returns ''.
  'AccessToken2Test.js AccessToken_Test_invalidBuildAndParseInputs': /^threw ERR_NO_SERVICE /,
  // The test overwrites the official class's private __signature field; ours keeps it in a #field.
  'AccessToken2Test.js AccessToken_Test_signatureLengthMismatch': /^equal: expected false, got true$/,
};

type Outcome = { failure?: string; payloadCompares: number };

/** A nodeunit `test` object whose assertions record the first failure. */
function runOne(fn: (test: unknown) => unknown): Promise<Outcome> {
  const outcome: Outcome = { payloadCompares: 0 };
  const fail = (message: string) => void (outcome.failure ??= message);
  const payload = (token: string) => inflateSync(Buffer.from(token.slice(3), 'base64')).toString('hex');
  return new Promise((resolve) => {
    const test = {
      equal(expected: unknown, actual: unknown) {
        if (expected == actual) return; // nodeunit's equal is ==
        if (typeof expected === 'string' && typeof actual === 'string' && expected.startsWith('007') && actual.startsWith('007')) {
          outcome.payloadCompares++;
          if (payload(expected) === payload(actual)) return;
        }
        fail(`equal: expected ${String(expected).slice(0, 60)}, got ${String(actual).slice(0, 60)}`);
      },
      strictEqual(expected: unknown, actual: unknown) {
        if (expected !== actual) fail(`strictEqual: expected ${String(expected).slice(0, 60)}, got ${String(actual).slice(0, 60)}`);
      },
      notEqual(expected: unknown, actual: unknown) {
        if (expected == actual) fail(`notEqual: both ${String(actual).slice(0, 60)}`);
      },
      deepEqual(expected: unknown, actual: unknown) {
        if (JSON.stringify(expected) !== JSON.stringify(actual)) fail(`deepEqual: ${JSON.stringify(expected)?.slice(0, 80)} vs ${JSON.stringify(actual)?.slice(0, 80)}`);
      },
      ok(value: unknown) {
        if (!value) fail('ok: falsy');
      },
      done: () => resolve(outcome),
    };
    // An assertion this harness does not implement fails loudly rather than passing unseen.
    const guarded = new Proxy(test, {
      get: (target, key) => (key in target ? target[key as keyof typeof target] : () => fail(`unsupported nodeunit assertion ${String(key)}`)),
    });
    try {
      fn(guarded);
    } catch (error) {
      const e = error as { code?: string; message?: string };
      fail(`threw ${e.code ?? ''} ${e.message ?? String(error)}`);
      resolve(outcome);
    }
  });
}

describe.skipIf(!existsSync(DIST) || !existsSync(LEGACY) || !existsSync(SUITE))("Agora's agora-token unit tests against the built agora-token-kit/sync and /legacy/sync", () => {
  const results = new Map<string, Outcome>();
  const loader = Module as unknown as { _load: (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown };
  const originalLoad = loader._load;

  beforeAll(async () => {
    const ours = require(DIST) as Record<string, unknown>;
    const legacy = require(LEGACY) as Record<string, unknown>;
    // agora-token's module for each request of its tests -> ours. Its src/RtcTokenBuilder2 and the 006
    // builder modules export their role enums as Role (the index calls them RtcRole / RtmRole).
    const modules: Record<string, unknown> = {
      '../index': ours,
      '../src/RtcTokenBuilder2': { RtcTokenBuilder: ours.RtcTokenBuilder, Role: ours.RtcRole },
      '../src/AccessToken': legacy,
      '../src/RtcTokenBuilder': { RtcTokenBuilder: legacy.RtcTokenBuilder, Role: legacy.RtcRole },
      '../src/RtmTokenBuilder': { RtmTokenBuilder: legacy.RtmTokenBuilder, Role: legacy.RtmRole },
    };
    for (const name of ['AccessToken2', 'RtmTokenBuilder2', 'ApaasTokenBuilder', 'ChatTokenBuilder', 'EducationTokenBuilder', 'FpaTokenBuilder', 'ConvoAITokenBuilder', 'SttTokenBuilder']) {
      modules[`../src/${name}`] = ours;
    }
    loader._load = function (request, parent, isMain) {
      if (parent?.filename?.startsWith(SUITE) && request in modules) return modules[request];
      return originalLoad.call(this, request, parent, isMain);
    };
    try {
      for (const file of FILES) {
        const tests = require(`${SUITE}${file}`) as Record<string, (test: unknown) => unknown>;
        for (const [name, fn] of Object.entries(tests)) {
          if (typeof fn === 'function' && !NOT_OURS.has(`${file} ${name}`)) results.set(`${file} ${name}`, await runOne(fn));
        }
      }
    } finally {
      loader._load = originalLoad;
    }
  });
  afterAll(() => void (loader._load = originalLoad));

  it('every test passes except the two deliberate differences, which fail for their stated reason', () => {
    const failed = [...results].filter(([, o]) => o.failure !== undefined).map(([name, o]) => [name, o.failure!] as const);
    expect(failed.map(([name]) => name).sort()).toEqual(Object.keys(EXPECTED_FAILURES).sort());
    for (const [name, failure] of failed) expect(failure, name).toMatch(EXPECTED_FAILURES[name]!);
    const passed = results.size - failed.length;
    const compares = [...results.values()].reduce((n, o) => n + o.payloadCompares, 0);
    console.log(`[official-suite] agora-token 2.0.6's own tests on dist/sync.cjs and dist/legacy-sync.cjs: ${passed}/${results.size} pass, ${failed.length} differ on purpose; ${compares} token-string equalities compared by payload (Node zlib vs canonical zlib)`);
    expect(passed).toBeGreaterThanOrEqual(45);
    expect(compares).toBeGreaterThan(0);
  });
});
