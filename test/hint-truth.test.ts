// The hint in a refused token's message must name what happened to the token, not another cause.
// Each case below is a mutation scripts/hint-truth.mjs (seed 1) found answered with a hint that
// named a different, specific cause; the tokens are the official packages' (agora-access-token
// 2.0.4, agora-token 2.0.6) from that run, copied here so the cases do not depend on a salt.
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.ts';
import * as sync from '../src/sync.ts';
import * as legacy from '../src/legacy-sync.ts';
import { isAgoraTokenError } from '../src/errors.ts';

/** An official 006 RTM token (no "=" padding) and an official 006 RTC token (no padding either). */
const RTM006 = '0064a0e84a980c7b3f32ddc3d0380ae4243IABoDvtXEA6PBUs9xeq7bUuS5aKKG//InpGMb9QEfmQcE/FKrxUAAAAAEAAho96YkWcIawEA6AMSTU9o';
const RTC006 = '0063b12ef8217887d1921534e7634a861e2IABq9qvZQ3o8dmhr10f/0ixjVrP4vkjPllDD0d8AphJ9L+bSFLZiGXQ+EAAho96YkWcIawEAAQBp/E9o';
/** An official 007 RTM token without "=" padding. */
const RTM007 = '007eJxTYHhmJfDrrZ7IZPGUlfKf8s1PGm2UPC59cUlkuvOD8wVHTT8rMKQlmpuaJVqkGpobmBubmSVbJptamponphklGRqnGlumCImxZ7eoMDI8MulmYGRgYmBkYGQA8TkYSotTi4wMLC0BZvofAg';

function refusal(token: string): { code: string; field: string | undefined; message: string } {
  try {
    sync.decodeToken(token);
  } catch (error) {
    if (!isAgoraTokenError(error)) throw error;
    // verifyToken and inspectToken read the token first: the same refusal.
    expect(() => sync.verifyToken(token, '5cfd2fd1755d40ecb72977518be15d3b', { channelName: 'x' })).toThrow(error.message);
    expect(() => sync.inspectToken(token)).toThrow(error.message);
    return { code: error.code, field: error.field, message: error.message };
  }
  throw new Error('decoded');
}

/** diagnoseToken's TOKEN_MALFORMED finding, on both entries (which must agree). */
async function malformed(token: string): Promise<{ message: string; fix: string }> {
  const [a, b] = [await main.diagnoseToken(token), sync.diagnoseToken(token)];
  expect(a).toEqual(b);
  const f = a.find((x) => x.code === 'TOKEN_MALFORMED');
  if (!f) throw new Error(`no TOKEN_MALFORMED: ${a.map((x) => x.code).join()}`);
  return f;
}

describe('a line break inside a 006 token\'s App ID part is named as a line break, not as a bad App ID', () => {
  // A token wrapped across lines (a log, an e-mail) breaks in the first 35 characters a tenth of
  // the time: "must carry a 32-hex-character App ID" sent users to check their App ID, when the
  // token had been split.
  it('a line break', () => {
    for (const br of ['\n', '\r\n']) {
      const e = refusal(RTM006.slice(0, 14) + br + RTM006.slice(14));
      expect(e).toMatchObject({ code: 'ERR_TOKEN_BASE64', field: 'token' });
      expect(e.message).toMatch(/line break: copy the token as one line/);
      expect(e.message).not.toMatch(/App ID/);
    }
  });

  it('an App ID part that is not hex, or holds a space (an App ID\'s own, from an env file), is still named as the App ID', () => {
    for (const t of [RTM006.slice(0, 10) + 'x' + RTM006.slice(11), RTM006.slice(0, 34) + ' ' + RTM006.slice(35)]) {
      const e = refusal(t);
      expect(e).toMatchObject({ code: 'ERR_TOKEN_MALFORMED', field: 'appId' });
      expect(e.message).toMatch(/32-hex-character App ID/);
    }
  });
});

describe('a 006 token run on after another token is named as a second token, not as truncated', () => {
  it('006 + 006 (no "=" padding, so the text is 3 characters off a base64 quantum)', () => {
    const e = refusal(RTM006 + RTC006);
    expect(e).toMatchObject({ code: 'ERR_TOKEN_BASE64', field: 'token' });
    expect(e.message).toContain(`a second token starts at index ${RTM006.length}`);
    expect(e.message).not.toMatch(/truncated/);
  });

  it('007 + 006', () => {
    const e = refusal(RTM007 + RTM006);
    expect(e).toMatchObject({ code: 'ERR_TOKEN_BASE64', field: 'token' });
    expect(e.message).toContain(`a second token starts at index ${RTM007.length}`);
  });
});

describe('"a token seems to start at index N" only where a token does start', () => {
  it('"006" inside the App ID of a token whose version was damaged is no token', () => {
    // An official 006 token ("006228dc5ee1fc80a3c9e2e6e4b0064ca67IAA…") with its "006" typed as "7":
    // its App ID holds "006" followed by 30 base64 characters.
    const damaged = '7228dc5ee1fc80a3c9e2e6e4b0064ca67IAA0ddV9sf069Wj1j0rK/BzyfdNKWrPGUDjEmLyzZycdjbjXA1ttKxxxIgB9+FUuXt5OaAQAAQBa709oAgBa709oAwBa709oBABa709o';
    const e = refusal(damaged);
    expect(e).toMatchObject({ code: 'ERR_TOKEN_VERSION', field: 'token' });
    expect(e.message).not.toMatch(/seems to start/);
  });

  it('a 006 or 007 token inside other text is still found', () => {
    for (const t of [RTM006, RTC006, RTM007]) {
      for (const wrapped of [`Bearer ${t}`, `token=${t}`, JSON.stringify({ rtcToken: t }), `x${t}`]) {
        expect(refusal(wrapped).message).toContain(`a token seems to start at index ${wrapped.indexOf(t)}:`);
      }
    }
  });
});

describe('diagnoseToken does not say "cut short" for a 006 token that was changed, not cut', () => {
  it('a changed character that makes a length field overrun (ERR_TOKEN_TRUNCATED)', async () => {
    // "…EAAho…" -> "…EAoho…": the message's length now claims 2576 bytes.
    const changed = RTC006.replace('EAAho', 'EAoho');
    expect(refusal(changed)).toMatchObject({ code: 'ERR_TOKEN_TRUNCATED' });
    const f = await malformed(changed);
    expect(f.fix).not.toMatch(/^The token was cut short/);
    expect(f.fix).toMatch(/altered/);
  });

  it('a lower- or upper-cased 006 token: the message names the case, and the fix does not contradict it', async () => {
    for (const t of [RTM006.toLowerCase(), RTM006.toUpperCase()]) {
      const e = refusal(t);
      expect(e.message).toMatch(/all its letters are (lower|upper) case/);
      const f = await malformed(t);
      expect(f.message).toMatch(/all its letters are (lower|upper) case/);
      expect(f.fix).not.toMatch(/cut short/);
    }
  });

  it('a 006 token that was cut short is still told so', async () => {
    const cut = RTC006.slice(0, -8);
    expect(refusal(cut).code).toBe('ERR_TOKEN_TRUNCATED');
    expect((await malformed(cut)).fix).toMatch(/cut short/);
  });
});

describe('a 006 token upper-cased as a whole that still parses is refused, naming the case', () => {
  // Upper-casing keeps a 006 body valid base64 and, for ~7% of tokens, a well-formed one: it was
  // decoded, and diagnoseToken said "expired 55 years ago" and "built for another channel".
  // (An official RTC token for channel "jHc3Xv0c8@y.Fdx", uid 0, from the same run.)
  const token = '006f10f4cec84f491c1ddfbc430906df538IAB9aNs3Byde/jUrRK71BrwKQkINVc7EYCLRrpWfBKsQn7AzUBIAAAAAEAAQgoo6kd5OaAEAAQCr9k5o';
  const upper = token.toUpperCase();

  it('decodeToken, verifyToken and inspectToken refuse it; the original still decodes', () => {
    expect(sync.decodeToken(token).version).toBe('006');
    const e = refusal(upper);
    expect(e).toMatchObject({ code: 'ERR_TOKEN_MALFORMED', field: 'token' });
    expect(e.message).toBe('token: content garbled (all its letters are upper case; base64 is case-sensitive)');
  });

  it('diagnoseToken names the case, not an expiry or a channel', async () => {
    const expected = { channel: 'jHc3Xv0c8@y.Fdx', uid: 0, appCertificate: '0123456789abcdef0123456789abcdef', now: 1_750_000_000 };
    const [a, b] = [await main.diagnoseToken(upper, expected), sync.diagnoseToken(upper, expected)];
    expect(a).toEqual(b);
    expect(a.map((f) => f.code)).toEqual(['TOKEN_MALFORMED']);
    expect(a[0]!.message).toMatch(/all its letters are upper case/);
  });

  it('AccessToken.fromString still reads it, as the official one does', () => {
    const t = new legacy.AccessToken('', '', '', '');
    expect(t.fromString(upper)).toBe(true);
  });
});
