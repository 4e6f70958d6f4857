// Rtm2Permissions.add refuses resources that are not strings (ERR_INVALID_ARGUMENT). A refused call
// must leave the tree as it was: before, it created the resource type's level first and then threw,
// so a token built afterwards packed a resource type with no permission types that nobody asked for
// (found by scripts/interleave-differential.mjs, whose salt-less builder check read such a token back).
import { describe, expect, it } from 'vitest';
import * as mainAsync from '../src/index.ts';
import * as mainSync from '../src/sync.ts';

const APP_ID = '970ca35de60c44645bbae8a215061b33';
const CERT = 'ABCDEF0123456789ABCDEF0123456789';
const entries = [['main', mainAsync], ['sync', mainSync]] as const;

describe('Rtm2Permissions.add: a refused call changes nothing', () => {
  it.each(entries)('%s: a new resource type is not created', (_name, lib) => {
    const p = new lib.Rtm2Permissions();
    expect(() => p.add(1, 1, [1] as never)).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field: 'resources[0]' }));
    expect(() => p.add(2, 0, 'lobby' as never)).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field: 'resources' }));
    expect(p.details).toEqual({});
  });

  it.each(entries)('%s: an existing resource type keeps its lists', (_name, lib) => {
    const p = new lib.Rtm2Permissions().add(0, 0, ['lobby']);
    expect(() => p.add(0, 1, [null] as never)).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    expect(p.details).toEqual({ 0: { 0: ['lobby'] } });
  });

  it.each(entries)('%s: the token built afterwards is the token of the tree without the refused call', async (_name, lib) => {
    const refused = new lib.Rtm2Permissions();
    expect(() => refused.add(1, 1, [1] as never)).toThrow();
    const options = { appId: APP_ID, appCertificate: CERT, userId: 'alice', issuedAt: 1_700_000_000, salt: 41_970_142 };
    const built = await lib.buildRtmToken({ ...options, permissions: refused });
    expect(built).toBe(await lib.buildRtmToken({ ...options, permissions: new lib.Rtm2Permissions() }));
    const decoded = lib.decodeToken(built);
    expect(decoded.version === '007' && decoded.services[0]).toMatchObject({ name: 'rtm2', permissions: [] });
  });
});
