// Two places where scripts/server-model-differential.mjs (a model written from README and the
// TSDoc of src/server) and the handler disagreed: in both the behaviour was kept and the TSDoc of
// TokenGrant was corrected, and these tests pin the behaviour the TSDoc now describes. The last
// block pins what a rateLimit hook's return means, which README and the RateLimit TSDoc now say.
import { describe, expect, it } from 'vitest';
import { decodeToken } from '../src/index.ts';
import { createTokenHandler, type TokenGrant } from '../src/server.ts';

const APP_ID = '0123456789abcdef0123456789abcdef';
const CERT = 'fedcba9876543210fedcba9876543210';

function handlerWith(grant: TokenGrant, errors: unknown[] = []) {
  return createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => grant, onError: (e) => void errors.push(e) });
}

async function rtmUserOf(res: Response): Promise<string | undefined> {
  expect(res.status).toBe(200);
  const { rtmToken } = (await res.json()) as { rtmToken: string };
  const t = decodeToken(rtmToken);
  if (t.version !== '007') throw new Error('expected a 007 token');
  const rtm = t.services.find((s) => s.name === 'rtm') as { userId?: string } | undefined;
  return rtm?.userId;
}

describe('TokenGrant on /rte: an RTM id equal to the asked uid follows a pinned uid', () => {
  it('left to default, or named the same in the path: both follow grant.uid', async () => {
    const handler = handlerWith({ uid: 1234 });
    expect(await rtmUserOf(await handler(new Request('http://t/rte/room/publisher/uid/999')))).toBe('1234');
    expect(await rtmUserOf(await handler(new Request('http://t/rte/room/publisher/uid/999/999')))).toBe('1234');
    expect(await rtmUserOf(await handler(new Request('http://t/rte/room/publisher/userAccount/bob/bob')))).toBe('1234');
  });

  it('named otherwise: kept unless the grant sets rtmUserId', async () => {
    expect(await rtmUserOf(await handlerWith({ uid: 1234 })(new Request('http://t/rte/room/publisher/uid/999/bob')))).toBe('bob');
    expect(await rtmUserOf(await handlerWith({ uid: 1234, rtmUserId: 'me' })(new Request('http://t/rte/room/publisher/uid/999/999')))).toBe('me');
  });
});

describe("TokenGrant.channel '*': not for uid 0, nor for the user account '0'", () => {
  it("a wildcard grant for the asked account '0' is an invalid grant (500, onError), and fine once the grant pins a uid", async () => {
    const errors: unknown[] = [];
    const res = await handlerWith({ channel: '*' }, errors)(new Request('http://t/rtc/room/publisher/userAccount/0'));
    expect(res.status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as Error).cause)).toMatch(/wildcard token \("\*"\) needs a uid other than 0/);
    const ok = await handlerWith({ channel: '*', uid: 7 })(new Request('http://t/rtc/room/publisher/userAccount/0'));
    expect(ok.status).toBe(200);
    // Without a wildcard, the account '0' is a user account like any other.
    expect((await handlerWith({})(new Request('http://t/rtc/room/publisher/userAccount/0'))).status).toBe(200);
  });
});

describe('rateLimit: a falsy return lets the request through, a truthy one is a 429', () => {
  it.each([undefined, null, false, 0, ''])('%j lets it through', async (value) => {
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => ({}), rateLimit: () => value as never });
    expect((await handler(new Request('http://t/rtc/room/publisher/uid/5'))).status).toBe(200);
  });

  it.each([true, 'slow down', 1, {}, { allowed: true }, { retryAfterSeconds: 30 }])('%j is a 429 with a whole Retry-After', async (value) => {
    const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => ({}), rateLimit: () => value as never });
    const res = await handler(new Request('http://t/rtc/room/publisher/uid/5'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(typeof value === 'object' && 'retryAfterSeconds' in value ? '30' : '1');
  });
});
