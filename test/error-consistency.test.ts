// Tests for an error-message audit of the public API (2026-11-24): one code per field whatever the
// bad value is, the rule a message states is the rule applied, and damage named for what it is.
// Each case failed before the fix it comes with.
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.ts';
import * as legacy from '../src/legacy-sync.ts';
import * as syncLib from '../src/sync.ts';
import { APP_ID, CERT } from './helpers/secrets.ts';

function thrown(fn: () => unknown): { code?: string; field?: string; message: string } {
  try {
    fn();
  } catch (error) {
    return error as { code?: string; field?: string; message: string };
  }
  throw new Error('did not throw');
}

describe('the token classes give a channel name the channel code and a uid the uid code', () => {
  it.each([
    ['sync', syncLib],
    ['main', main],
  ] as const)('%s entry: ServiceRtc, ServiceStreaming, ServiceFCdn', (_name, lib) => {
    expect(thrown(() => new lib.ServiceRtc(123 as never, 1))).toMatchObject({ code: 'ERR_INVALID_CHANNEL', field: 'channelName', message: 'channelName: expected a string, got 123' });
    expect(thrown(() => new lib.ServiceRtc('\ud800', 1))).toMatchObject({ code: 'ERR_INVALID_CHANNEL', field: 'channelName' });
    expect(thrown(() => new lib.ServiceStreaming(null as never, 'a'))).toMatchObject({ code: 'ERR_INVALID_CHANNEL', field: 'channelName' });
    expect(thrown(() => new lib.ServiceFCdn(7 as never, 'a'))).toMatchObject({ code: 'ERR_INVALID_CHANNEL', field: 'channelName' });
    // A uid that is neither a number nor a string gets the uid rule, not "expected a string".
    expect(thrown(() => new lib.ServiceRtc('room', {} as never))).toMatchObject({ code: 'ERR_INVALID_UID', field: 'uid', message: 'uid: expected an integer in 0..4294967295, got object' });
    expect(thrown(() => new lib.ServiceRtc('room', 'a\udc00'))).toMatchObject({ code: 'ERR_INVALID_UID', field: 'uid' });
    // An account field keeps the account code and the text rule.
    expect(thrown(() => new lib.ServiceStreaming('room', {} as never))).toMatchObject({ code: 'ERR_INVALID_ACCOUNT', field: 'account', message: 'account: expected a string, got object' });
  });

  it('006 AccessToken: in the constructor and for fields assigned before build()', () => {
    expect(thrown(() => new legacy.AccessToken(APP_ID, CERT, '\ud800', 1))).toMatchObject({ code: 'ERR_INVALID_CHANNEL', field: 'channelName' });
    expect(thrown(() => new legacy.AccessToken(APP_ID, CERT, 'room', {} as never))).toMatchObject({ code: 'ERR_INVALID_UID', field: 'uid', message: 'uid: expected an integer in 0..4294967295, got object' });
    const t = new legacy.AccessToken(APP_ID, CERT, 'room', 1);
    t.addPrivilege(legacy.Privileges.kJoinChannel, 2_000_000_000);
    (t as { channelName: unknown }).channelName = 5;
    expect(thrown(() => t.build())).toMatchObject({ code: 'ERR_INVALID_CHANNEL', field: 'channelName' });
    (t as { channelName: unknown }).channelName = 'room';
    (t as { uid: unknown }).uid = {};
    expect(thrown(() => t.build())).toMatchObject({ code: 'ERR_INVALID_UID', field: 'uid' });
  });

  it('a 006 verify expectation: a bad uid has the uid code on both entries', async () => {
    const token = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 2_000_000_000);
    expect(thrown(() => syncLib.verifyToken(token, CERT, { channelName: 'room', uid: {} as never }))).toMatchObject({ code: 'ERR_INVALID_UID', field: 'expected.uid' });
    await expect(main.verifyToken(token, CERT, { channelName: 'room', uid: 'a\ud800' })).rejects.toMatchObject({ code: 'ERR_INVALID_UID', field: 'expected.uid' });
  });
});

describe('messages state the rule that was applied', () => {
  it('a 006 verify expectation with a channelName that is not a string says so', () => {
    const token = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 2_000_000_000);
    expect(thrown(() => syncLib.verifyToken(token, CERT, { channelName: 123 as never }))).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      field: 'expected.channelName',
      message: 'expected.channelName: expected a string, got number',
    });
    // Missing altogether, it still explains why a 006 token needs it.
    expect(thrown(() => syncLib.verifyToken(token, CERT, {} as never)).message).toMatch(/signs the channel name and uid without storing them/);
  });

  it('options-form lifetimes that are not numbers state the options-form range, not the u32 one', () => {
    for (const value of [null, '3600', Number.NaN, 2 ** 32]) {
      const e = thrown(() => syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 1, role: 'publisher', expiresInSeconds: value as never }));
      expect(e).toMatchObject({ code: 'ERR_INVALID_EXPIRE', field: 'expiresInSeconds' });
      expect(e.message).toMatch(/in 1\.\.999999999(, got| \(got a string)/);
    }
    expect(thrown(() => syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 1, role: 'publisher', expiresInSeconds: Number.NaN })).message).toMatch(/got NaN \(from undefined\?\)$/);
    // The positional builders keep the u32 range, which is theirs.
    expect(thrown(() => syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, null as never, 600)).message).toContain('in 0..4294967295, got null');
  });

  it('RTM2 resource names that are not strings are argument errors, not account errors', () => {
    expect(thrown(() => new syncLib.Rtm2Permissions().add(0, 0, [5 as never]))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'resources[0]' });
  });

  it('diagnoseToken: a uid is ERR_INVALID_UID whatever the bad value; a channel says what it got', () => {
    const token = syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 600, 600);
    expect(thrown(() => syncLib.diagnoseToken(token, { uid: 'abc' }))).toMatchObject({ code: 'ERR_INVALID_UID', field: 'expected.uid' });
    expect(thrown(() => syncLib.diagnoseToken(token, { uid: -1 }))).toMatchObject({ code: 'ERR_INVALID_UID', field: 'expected.uid' });
    expect(thrown(() => syncLib.diagnoseToken(token, { channel: 42 as never }))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', message: 'expected.channel: expected a string, got number' });
  });
});

describe('decode names two tokens run together', () => {
  it('a token without "=" padding followed by another: the second one is named, not "truncated"', () => {
    // An unpadded token's base64 after "007" is a multiple of 4 long, so two run together are 3
    // characters off (the base64 'length' problem). Salts are random: try uids until one is unpadded.
    for (let uid = 1; uid < 200; uid++) {
      const t = syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', uid, 1, 600, 600);
      if (t.endsWith('=')) continue;
      const e = thrown(() => syncLib.decodeToken(t + t));
      expect(e).toMatchObject({ code: 'ERR_TOKEN_BASE64', field: 'token' });
      expect(e.message).toContain(`a second token starts at index ${t.length}`);
      return;
    }
    throw new Error('no unpadded token found');
  });
});

describe('diagnoseToken explains user accounts that look alike (a CLI audit found "Zoë" vs "Zoë" unexplained)', () => {
  const token = syncLib.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', 'Zo\u00eb', 1, 600, 600);
  const mismatch = (account: string) => syncLib.diagnoseToken(token, { channel: 'room', account }).find((f) => f.code === 'UID_MISMATCH')?.message;
  it.each([
    ['the same text in another Unicode form (e + combining diaeresis)', 'Zoe\u0308', /differ in Unicode form .*normalize\("NFC"\)/],
    ['letter case', 'zo\u00eb', /only in letter case: user accounts are case-sensitive/],
    ['spaces at the ends', ' Zo\u00eb', /only in leading\/trailing spaces/],
  ])('%s', (_name, account, hint) => {
    expect(mismatch(account)).toMatch(hint);
  });
  it('a plain mismatch gets no hint', () => {
    expect(mismatch('Zara')).toBe('The token was built for user account "Zo\u00eb", but you join with user account "Zara".');
  });
});

describe('diagnoseToken refuses a certificate equal to the App ID given with it', () => {
  it('as the builders do, instead of quoting part of it back in APP_ID_MISMATCH', async () => {
    const token = syncLib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 600, 600);
    const e = thrown(() => syncLib.diagnoseToken(token, { appId: CERT, appCertificate: CERT }));
    expect(e).toMatchObject({ code: 'ERR_INVALID_APP_CERTIFICATE', field: 'expected.appCertificate' });
    expect(e.message).not.toContain(CERT.slice(0, 4));
    await expect(main.diagnoseToken(token, { appId: CERT.toLowerCase(), appCertificate: CERT })).rejects.toMatchObject({ code: 'ERR_INVALID_APP_CERTIFICATE' });
  });
});
