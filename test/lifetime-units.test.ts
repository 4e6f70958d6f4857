// The 006-vs-007 unit mix-up at build time. 006 takes absolute Unix times (now + 3600), 007 takes
// seconds after issue (3600); users moving to 007 pass `now + 3600` and get a token that claims to
// live for decades (Agora then grants at most 24 hours). The options-form builders, whose fields
// say `…InSeconds`, refuse such a value with ERR_INVALID_EXPIRE naming the field; the positional
// drop-in builders keep agora-token's behaviour and accept it (diagnoseToken flags such tokens:
// EXPIRE_LOOKS_LIKE_TIMESTAMP, test/diagnose.test.ts). The largest lifetime still accepted,
// 999999999, is read back by the official parser.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as asyncLib from '../src/index.ts';
import * as syncLib from '../src/sync.ts';
import { official, officialParse, officialVerify } from './helpers/official.ts';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const ROOT = resolve(import.meta.dirname, '..');
const creds = { appId: APP_ID, appCertificate: CERT };
const NOW_PLUS_HOUR = Math.floor(Date.now() / 1000) + 3600;
const LARGEST = 999_999_999;

type Lib = typeof syncLib | typeof asyncLib;
/** Every options-form builder with the minimal options it needs, and where the lifetime lands. */
const BUILDERS: [string, (lib: Lib, extra: Record<string, unknown>) => unknown][] = [
  ['buildRtcToken', (lib, x) => lib.buildRtcToken({ ...creds, channel: 'room', uid: 42, role: 'publisher', ...x })],
  ['buildRtmToken', (lib, x) => lib.buildRtmToken({ ...creds, userId: 'alice', ...x })],
  ['buildChatToken', (lib, x) => lib.buildChatToken({ ...creds, userId: 'alice', ...x })],
  ['buildApaasToken', (lib, x) => lib.buildApaasToken({ ...creds, roomUuid: 'room-1', userUuid: 'user-1', role: 2, ...x })],
  ['buildEducationToken', (lib, x) => lib.buildEducationToken({ ...creds, userUuid: 'user-1', ...x })],
  ['buildFpaToken', (lib, x) => lib.buildFpaToken({ ...creds, ...x })],
  ['buildConvoAIToken', (lib, x) => lib.buildConvoAIToken({ ...creds, channel: 'room', uid: 1001, role: 'publisher', ...x })],
  ['buildSttToken', (lib, x) => lib.buildSttToken({ ...creds, channel: 'room', uid: 1001, role: 'publisher', ...x })],
];

/** The error a call throws (sync) or rejects with (async). */
async function errorOf(call: () => unknown): Promise<{ code?: string; field?: string; message: string } | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error as { code?: string; field?: string; message: string };
  }
}

describe('options-form lifetimes refuse an absolute Unix time', () => {
  for (const [name, build] of BUILDERS) {
    it(`${name}: expiresInSeconds = now + 3600 is ERR_INVALID_EXPIRE naming the field, on both entries; 999999999 builds`, async () => {
      for (const lib of [syncLib, asyncLib] as Lib[]) {
        const error = await errorOf(() => build(lib, { expiresInSeconds: NOW_PLUS_HOUR }));
        expect(error?.code).toBe('ERR_INVALID_EXPIRE');
        expect(error?.field).toBe('expiresInSeconds');
        expect(error?.message).toContain('looks like an absolute Unix time');
        expect(error?.message).toContain(`(${new Date(NOW_PLUS_HOUR * 1000).toISOString().slice(0, 19)}Z)`);
        const token = (await build(lib, { expiresInSeconds: LARGEST })) as string;
        expect(officialVerify(token, CERT)).toBe(true);
        expect(officialParse(token)!.expire).toBe(LARGEST);
      }
    });
  }

  it('buildRtcToken: privilegeExpiresInSeconds (one number or per privilege) and rtm.expiresInSeconds too', async () => {
    const rtc = (lib: Lib, x: Record<string, unknown>) => lib.buildRtcToken({ ...creds, channel: 'room', uid: 42, role: 'publisher', ...x });
    const cases: [Record<string, unknown>, string][] = [
      [{ privilegeExpiresInSeconds: NOW_PLUS_HOUR }, 'privilegeExpiresInSeconds'],
      [{ privilegeExpiresInSeconds: { joinChannel: 3600, publishAudioStream: 1e9 } }, 'privilegeExpiresInSeconds.publishAudioStream'],
      [{ rtm: { userId: 'alice', expiresInSeconds: NOW_PLUS_HOUR } }, 'rtm.expiresInSeconds'],
    ];
    for (const lib of [syncLib, asyncLib] as Lib[]) {
      for (const [extra, field] of cases) {
        const error = await errorOf(() => rtc(lib, extra));
        expect([error?.code, error?.field]).toEqual(['ERR_INVALID_EXPIRE', field]);
      }
      const token = (await rtc(lib, { expiresInSeconds: 3600, privilegeExpiresInSeconds: { joinChannel: LARGEST }, rtm: { userId: 'alice', expiresInSeconds: LARGEST } })) as string;
      const parsed = officialParse(token)!;
      expect(parsed.services.map((s) => s.privileges)).toEqual([{ 1: LARGEST }, { 1: LARGEST }]);
    }
  });

  it('the positional drop-in builders still accept it, exactly as agora-token does', async () => {
    const args = [APP_ID, CERT, 'room', 42, 1, NOW_PLUS_HOUR, NOW_PLUS_HOUR] as const;
    const ours = syncLib.RtcTokenBuilder.buildTokenWithUid(...args);
    const theirs = official.RtcTokenBuilder.buildTokenWithUid(...args) as string;
    expect(officialParse(ours)!.expire).toBe(NOW_PLUS_HOUR);
    expect(officialParse(theirs)!.expire).toBe(NOW_PLUS_HOUR);
    expect(officialParse(await asyncLib.RtcTokenBuilder.buildTokenWithUid(...args))!.expire).toBe(NOW_PLUS_HOUR);
  });

  it('the CLI (built) refuses `rtc --expire <now + 3600>` as a usage error (exit 2) naming --expire', () => {
    const res = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'rtc', '--app-id', APP_ID, '--app-certificate', CERT, '--channel', 'room', '--uid', '42', '--expire', String(NOW_PLUS_HOUR)], { encoding: 'utf8' });
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`--expire: ${NOW_PLUS_HOUR} looks like an absolute Unix time`);
    expect(res.stderr).not.toContain(CERT);
    expect(res.status).toBe(2);
  });
});
