// ConvoAI (type 9) and STT (type 10) tokens made by Agora's own code, not by agora-token: the
// official vectors (vectors/official-007.json) come from AgoraIO/Tools at da06bfb, whose
// implementations knew neither type, so until now our 9/10 tokens were only compared with the npm
// package. Later AgoraIO/Tools code added both types to Go, Python, Java, C++ and others; its Go
// test `Test_AccessToken_Parse_ProductTokens_FromPython` (go/src/accesstoken2/accesstoken_test.go)
// parses these two strings, which it says Agora's Python AccessToken2 generated with issue time
// 1111111 and salt 1 (stored in vectors/upstream-convoai-stt-007.json). Python compresses with
// zlib at its default level, so ours must give the identical strings, from the class and from the
// options-form builders.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';

type Upstream = { name: 'convoai' | 'stt'; type: 9 | 10; token: string };
const stored = JSON.parse(readFileSync(new URL('../vectors/upstream-convoai-stt-007.json', import.meta.url), 'utf8')) as {
  inputs: { appId: string; appCertificate: string; channel: string; uid: number; rtmUserId: string };
  cases: Upstream[];
};
const { appId, appCertificate, channel, uid, rtmUserId } = stored.inputs;
const upstream = stored.cases;

const entries = [
  ['main (Web Crypto)', asyncLib],
  ['sync (pure-JS HMAC)', syncLib],
] as const;

// The it.each tables below are made from this list; one of the two cases missing would drop its tests unnoticed.
it('holds the two upstream tokens, ConvoAI (type 9) and STT (type 10)', () => {
  expect(upstream.map((c) => [c.name, c.type])).toEqual([['convoai', 9], ['stt', 10]]);
});

describe.each(entries)('Agora Python ConvoAI/STT tokens on %s', (_entry, lib) => {
  it.each(upstream)('$name: decodes as RTC + RTM + $name, every privilege 600', ({ name, type, token }) => {
    const d = lib.decodeToken(token);
    if (d.version !== '007') throw new Error('expected 007');
    expect(d).toMatchObject({ appId, issueTs: 1111111, expire: 600, salt: 1 });
    expect(d.services.map((s) => [s.type, s.name])).toEqual([[1, 'rtc'], [2, 'rtm'], [type, name]]);
    const [rtc, rtm, own] = d.services;
    if (rtc?.name !== 'rtc' || rtm?.name !== 'rtm' || own === undefined || own.name === 'unknown') throw new Error('unexpected services');
    expect(rtc).toMatchObject({ channelName: channel, uid: String(uid) });
    expect(rtc.privileges.map((p) => [p.id, p.expire])).toEqual([[1, 600], [2, 600], [3, 600], [4, 600]]);
    expect(rtm.userId).toBe(rtmUserId);
    expect(rtm.privileges.map((p) => [p.id, p.expire])).toEqual([[1, 600]]);
    expect(own.privileges).toEqual([]);
  });

  it.each(upstream)('$name: verifies with the certificate, not with another', async ({ token }) => {
    expect(await lib.verifyToken(token, appCertificate)).toBe(true);
    expect(await lib.verifyToken(token, appCertificate.toLowerCase())).toBe(false);
  });

  it.each(upstream)('$name: the AccessToken2 class rebuilds the identical string', async ({ type, token }) => {
    const t = new lib.AccessToken2(appId, appCertificate, 1111111, 600);
    t.salt = 1;
    const rtc = new lib.ServiceRtc(channel, uid);
    for (const id of [1, 2, 3, 4]) rtc.addPrivilege(id, 600);
    t.addService(rtc);
    t.addService(new lib.ServiceRtm(rtmUserId).addPrivilege(1, 600));
    t.addService(type === 9 ? new lib.ServiceConvoAI() : new lib.ServiceStt());
    expect(await t.build()).toBe(token);
  });

  it.each(upstream)('$name: the options-form builder gives the identical string', async ({ type, token }) => {
    const options = {
      appId, appCertificate, channel, uid, role: 'publisher', expiresInSeconds: 600, issuedAt: 1111111, salt: 1, rtm: { userId: rtmUserId },
    } as const;
    expect(await (type === 9 ? lib.buildConvoAIToken(options) : lib.buildSttToken(options))).toBe(token);
  });
});
