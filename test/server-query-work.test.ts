// /fetch_rtc_token reads its GET fields from the query in any letter case ("channelname" has
// 2,048 spellings). It looked each spelling up again in the whole query (a getAll per key), so a
// long query of spellings cost keys x parameters: ~0.9 s for a 1 MB URL, where the other routes
// took ~25 ms. Counted here, not timed: one pass, no per-key lookup unless a key is repeated.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenHandler } from '../src/server.ts';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const handler = createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, now: () => 1_700_000_000, onError: () => {} });

/** The first `n` letter-case spellings of `word`. */
function spellings(word: string, n: number): string[] {
  const out: string[] = [];
  for (let m = 0; out.length < n; m++) out.push([...word].map((c, i) => ((m >> i) & 1 ? c.toUpperCase() : c)).join(''));
  return out;
}

const get = (query: string) => handler(new Request(`http://127.0.0.1/fetch_rtc_token?${query}`));

describe('/fetch_rtc_token reads a query of many letter-case spellings in one pass', () => {
  afterEach(() => vi.restoreAllMocks());

  it('looks no key up again when none is repeated (getAll calls counted)', async () => {
    const getAll = vi.spyOn(URLSearchParams.prototype, 'getAll');
    const query = ['uid=7', ...spellings('channelname', 1000).map((k) => `${k}=room`), ...Array.from({ length: 1000 }, (_, i) => `x${i}=1`)].join('&');
    const response = await get(query);
    expect(response.status).toBe(200);
    expect(getAll.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('still refuses a repeated key, naming the first one repeated, and spellings with different values', async () => {
    for (const [query, field] of [['uid=1&channelName=a&channelName=b&uid=2', 'uid'], ['channelName=a&uid=1&channelName=a', 'channelName'], ['channelName=a&ChannelName=b&uid=1', 'channelName']] as const) {
      const response = await get(query);
      expect(response.status).toBe(400);
      expect((await response.json()) as unknown).toMatchObject({ error: { code: 'ERR_BAD_REQUEST', field } });
    }
    expect((await get('ChannelName=room&channelname=room&UID=3')).status).toBe(200);
  });
});
