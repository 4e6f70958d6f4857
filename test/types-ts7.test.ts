/**
 * TypeScript 7 (the native compiler, npm `typescript` 7.x) reads our declarations as consumers on
 * it will: the consumer files of types.test.ts under Bundler resolution, and a consumer per module
 * system under NodeNext (ESM importing every entry, CommonJS requiring them), each with
 * expectations that fail to compile if a return type changes and a @ts-expect-error that fails if
 * TypeScript stops reporting an error. TypeScript 7 dropped `moduleResolution: node10`, so the
 * node10 `typesVersions` map stays covered by attw in packaging.test.ts only. Our own sources and
 * the tooling also type-check under it, so a contributor on TypeScript 7 sees no errors we do not.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, ROOT } from './helpers/typecheck.ts';
import { runTsc7, TS7_VERSION } from './helpers/typescript7.ts';

const ESM_CONSUMER = `import { RtcRole, RtcTokenBuilder, decodeToken, diagnoseToken, type Finding } from 'agora-token-kit';
import * as sync from 'agora-token-kit/sync';
import * as legacy from 'agora-token-kit/legacy';
import * as legacySync from 'agora-token-kit/legacy/sync';
import { createTokenHandler } from 'agora-token-kit/server';
import { serve } from 'agora-token-kit/server/node';
import { AgoraTokenError, isAgoraTokenError } from 'agora-token-kit/errors';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | void {}

const main = RtcTokenBuilder.buildTokenWithUid('a', 'b', 'c', 1, RtcRole.PUBLISHER, 600, 600);
expectType<Equal<typeof main, Promise<string>>>();
const plain = sync.RtcTokenBuilder.buildTokenWithUid('a', 'b', 'c', 1, sync.RtcRole.PUBLISHER, 600, 600);
expectType<Equal<typeof plain, string>>();
expectType<Equal<ReturnType<typeof diagnoseToken>, Promise<Finding[]>>>();
expectType<Equal<ReturnType<typeof legacySync.RtcTokenBuilder.buildTokenWithUid>, string>>();
expectType<Equal<ReturnType<typeof legacy.RtcTokenBuilder.buildTokenWithUid>, Promise<string>>>();
// @ts-expect-error: the /sync builder returns a string, not a Promise
const wrong: Promise<string> = sync.RtcTokenBuilder.buildTokenWithUid('a', 'b', 'c', 1, sync.RtcRole.PUBLISHER, 600, 600);
export { decodeToken, createTokenHandler, serve, AgoraTokenError, isAgoraTokenError, wrong };
`;

const CJS_CONSUMER = `import sync = require('agora-token-kit/sync');
import main = require('agora-token-kit');
import legacySync = require('agora-token-kit/legacy/sync');
import errors = require('agora-token-kit/errors');
import server = require('agora-token-kit/server');

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | void {}

const plain = sync.RtcTokenBuilder.buildTokenWithUid('a', 'b', 'c', 1, sync.RtcRole.PUBLISHER, 600, 600);
expectType<Equal<typeof plain, string>>();
const awaited = main.RtcTokenBuilder.buildTokenWithUid('a', 'b', 'c', 1, main.RtcRole.PUBLISHER, 600, 600);
expectType<Equal<typeof awaited, Promise<string>>>();
expectType<Equal<ReturnType<typeof legacySync.RtcTokenBuilder.buildTokenWithUid>, string>>();
// @ts-expect-error: the main entry's builder returns a Promise
const wrong: string = main.RtcTokenBuilder.buildTokenWithUid('a', 'b', 'c', 1, main.RtcRole.PUBLISHER, 600, 600);
export = { plain, awaited, wrong, errors, server };
`;

describe(`TypeScript ${TS7_VERSION} (native compiler)`, () => {
  it('compiles the declaration consumers of types.test.ts (Bundler resolution; the strictest flags too)', () => {
    const consumer = runTsc7(['-p', join(ROOT, 'test', 'types', 'tsconfig.json')]);
    expect(consumer.output.trim()).toBe('');
    expect(consumer.status).toBe(0);
    const strictest = runTsc7(['-p', join(ROOT, 'test', 'types', 'tsconfig.strictest.json'), '--outDir', join(ROOT, '.tmp', 'strictest-dts-ts7')]);
    expect(strictest.output.trim()).toBe('');
    expect(strictest.status).toBe(0);
  }, 120_000);

  it('compiles an ESM and a CommonJS consumer of every entry under NodeNext resolution, and reports a wrong return type', () => {
    const dir = freshDir('ts7-nodenext');
    writeFileSync(join(dir, 'esm.ts'), ESM_CONSUMER);
    writeFileSync(join(dir, 'cjs.cts'), CJS_CONSUMER);
    const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, types: ['node'], skipLibCheck: false };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['esm.ts', 'cjs.cts'] }));
    const ok = runTsc7(['-p', join(dir, 'tsconfig.json')]);
    expect(ok.output.trim()).toBe('');
    expect(ok.status).toBe(0);
    // The same files without their @ts-expect-error lines must fail, each on its wrong assignment.
    writeFileSync(join(dir, 'esm.ts'), ESM_CONSUMER.replace(/^\/\/ @ts-expect-error.*\n/m, ''));
    writeFileSync(join(dir, 'cjs.cts'), CJS_CONSUMER.replace(/^\/\/ @ts-expect-error.*\n/m, ''));
    const bad = runTsc7(['-p', join(dir, 'tsconfig.json')]);
    expect(bad.status).not.toBe(0);
    expect(bad.output).toMatch(/esm\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'Promise<string>'/);
    expect(bad.output).toMatch(/cjs\.cts\(\d+,\d+\): error TS2322: Type 'Promise<string>' is not assignable to type 'string'/);
  }, 120_000);

  it('type-checks our sources (tsconfig.json) and the tests, scripts, benchmarks and examples (tsconfig.tooling.json)', () => {
    for (const project of ['tsconfig.json', 'tsconfig.tooling.json']) {
      const { status, output } = runTsc7(['-p', project, '--noEmit']);
      expect(output.trim(), project).toBe('');
      expect(status, project).toBe(0);
    }
  }, 120_000);
});
