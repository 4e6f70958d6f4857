// The hint in a refused token's message must name what happened to the token, not another cause.
// Each case below is a mutation scripts/hint-truth.mjs (seed 1) found answered with a hint that
// named a different, specific cause; the tokens are the official packages' (agora-access-token
// 2.0.4, agora-token 2.0.6) from that run, copied here so the cases do not depend on a salt.
import { describe, expect, it } from 'vitest';
import * as sync from '../src/sync.ts';
import { isAgoraTokenError } from '../src/errors.ts';

/** An official 006 RTM token (no "=" padding). */
const RTM006 = '0064a0e84a980c7b3f32ddc3d0380ae4243IABoDvtXEA6PBUs9xeq7bUuS5aKKG//InpGMb9QEfmQcE/FKrxUAAAAAEAAho96YkWcIawEA6AMSTU9o';

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
