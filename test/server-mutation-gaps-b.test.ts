// Token-server behaviour a mutation check (2026-11-24) found unpinned; each test fails with the
// mutant named in it. Handlers run as fetch handlers on real Request objects.
import { describe, expect, it } from 'vitest';
import { decodeToken } from '../src/index.ts';
import { createMemoryRateLimiter, createTokenHandler } from '../src/server.ts';
import { APP_ID, CERT } from './helpers/token-server.ts';

const base = { appId: APP_ID, appCertificate: CERT } as const;
const page = 'https://app.example.com';

describe('token server edges', () => {
  it('a CORS preflight is cached for the documented default of 600 seconds', async () => {
    // Mutant: cors.ts `maxAgeSeconds ?? 600` -> another default.
    const handler = createTokenHandler({ ...base, insecureAllowAnyone: true, cors: { origins: [page] } });
    const res = await handler(new Request('http://localhost/getToken', { method: 'OPTIONS', headers: { origin: page, 'access-control-request-method': 'POST' } }));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('the memory rate limiter keeps at most maxClients buckets: the least recent client is dropped', async () => {
    // Mutant: rate-limit.ts `buckets.size >= maxClients` -> `>`, which kept one bucket too many.
    const limiter = createMemoryRateLimiter({ limit: 1, windowSeconds: 60, maxClients: 2, now: () => 0 });
    const request = new Request('http://localhost/rtm/a/');
    const ask = (clientAddress: string) => limiter(request, { endpoint: 'rtm', clientAddress });
    expect(await ask('1.1.1.1')).toBeUndefined();
    expect(await ask('2.2.2.2')).toBeUndefined();
    expect(await ask('3.3.3.3')).toBeUndefined(); // evicts 1.1.1.1
    expect(await ask('1.1.1.1')).toBeUndefined(); // a fresh bucket, not its spent one
    expect(await ask('3.3.3.3')).toEqual({ retryAfterSeconds: 60 }); // the control: still tracked
  });

  it('a token error thrown inside a hook is the server\'s 500, reported to onError, not a 400 that shows its text', async () => {
    // Mutant: respond.ts maps every AgoraTokenError (not only ERR_INVALID_*) to a 400.
    const errors: unknown[] = [];
    const handler = createTokenHandler({
      ...base,
      authorize: (request) => {
        decodeToken(request.headers.get('x-renew') ?? ''); // a hook's own bug: throws ERR_TOKEN_*
        return true;
      },
      onError: (error) => void errors.push(error),
    });
    const res = await handler(new Request('http://localhost/rtm/alice/', { headers: { 'x-renew': '007garbage' } }));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'ERR_INTERNAL', message: 'internal error' } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: expect.stringMatching(/^ERR_TOKEN_/) });
  });
});
