// core/near: the "did you mean" behind every unknown-option error (builders, server, diagnose, CLI).
import { describe, expect, it } from 'vitest';
import { editDistance, nearestName } from '../../src/core/near.ts';
import * as sync from '../../src/sync.ts';
import { createMemoryRateLimiter, createTokenHandler } from '../../src/server.ts';
import { thrownMessage } from '../helpers/thrown.ts';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';

describe('editDistance', () => {
  it.each([
    ['', '', 0], ['abc', '', 3], ['', 'abc', 3], ['chanel', 'channel', 1], ['autorize', 'authorize', 1], ['kitten', 'sitting', 3],
    // A swap of two neighbouring letters is one edit.
    ['hots', 'host', 1], ['prot', 'port', 1], ['ca', 'abc', 3],
  ])('%j -> %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('nearestName', () => {
  const known = ['appId', 'authorize', 'basePath', 'maxBodyBytes', 'port', 'host', 'channel'];
  it.each([
    ['basepath', 'basePath'], // case
    ['maxBodyByte', 'maxBodyBytes'], // prefix
    ['autorize', 'authorize'], // one edit
    ['chanel', 'channel'],
    ['hots', 'host'], // one edit (a swap) under five letters
    ['prot', 'port'],
    ['hoost', 'host'], // a prefix is not needed: one insertion
    ['pxyt', undefined], // two edits under five letters: too loose
    ['a', undefined], // under three letters: a prefix of too much
    ['zzzzzz', undefined],
  ])('%j -> %j', (name, want) => {
    expect(nearestName(name, known)).toBe(want);
  });

  it('a huge key (options spread from a request body) is answered at once, with no suggestion', () => {
    const started = performance.now();
    expect(nearestName('x'.repeat(1_000_000), known)).toBeUndefined();
    expect(() => sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'r', uid: 1, role: 'publisher', ['k'.repeat(1_000_000)]: 1 } as never)).toThrow(/unknown option$/);
    // Linear work only: the quadratic distance would take seconds and a million arrays.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reaches every unknown-option message', () => {
    expect(thrownMessage(() => sync.buildRtcToken({ appId: APP_ID, appCertificate: CERT, chanel: 'r', uid: 1, role: 'publisher' } as never))).toMatch(/options\.chanel: unknown option \(did you mean channel\?\)/);
    expect(thrownMessage(() => createTokenHandler({ appId: APP_ID, appCertificate: CERT, autorize: () => true } as never))).toBe('createTokenHandler: options.autorize: unknown option (did you mean authorize?)');
    expect(thrownMessage(() => createMemoryRateLimiter({ limt: 5 } as never))).toBe('createMemoryRateLimiter: options.limt: unknown option (did you mean limit?)');
    expect(thrownMessage(() => sync.diagnoseToken('007x', { chanel: 'r' } as never))).toMatch(/expected\.chanel: unknown option; did you mean channel\?/);
  });
});
