// Token text is whoever built the token's. A pasted token whose channel name or account carries
// escape sequences, CR/LF, C1 controls or bidi overrides must not drive the terminal that prints
// `inspect`/`diagnose`, nor forge lines in a log that records a finding's message or a service
// summary. An output-injection audit (2026-11-25) cleared a terminal and drew a fake "SIGNATURE_VALID
// ... No problem found." with such a channel name; the messages now show those characters as \u{…}
// escapes, the token's fields keep them as they are, and --json writes them as \u escapes.
import { beforeAll, describe, expect, it } from 'vitest';
import { printable } from '../src/core/text.ts';
import * as sync from '../src/sync.ts';
import { APP_ID, buildCliIfMissing, CERT, cli, CREDS } from './helpers/cli.ts';

/** ESC (CSI clear screen, SGR conceal), OSC title, CR/LF, a C1 CSI, bidi override, zero-width, line separator. */
const HOSTILE = '\u001b[2J\u001b[H\u001b]0;pwned\u0007fake\r\n\u009b31m\u202egnp.exe\u200b\u2028\u001b[8m';
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/; // not \t or \n: the CLI's own layout

function hostileToken(): string {
  const t = new sync.AccessToken2(APP_ID, CERT, Math.floor(Date.now() / 1000), 3600);
  t.addService(new sync.ServiceRtc(`room${HOSTILE}`, `alice${HOSTILE}`).addPrivilege(1, 3600));
  t.addService(new sync.ServiceRtm(`bob${HOSTILE}`).addPrivilege(1, 3600));
  t.addService(new sync.ServiceChat(`carol${HOSTILE}`).addPrivilege(1, 3600));
  return t.build();
}

describe('printable', () => {
  it('escapes controls, bidi and invisible characters, and leaves every other character alone', () => {
    expect(printable('a\u001b[1mb\r\n\u009b\u202e\u200b\ufeffc')).toBe('a\\u{1b}[1mb\\u{d}\\u{a}\\u{9b}\\u{202e}\\u{200b}\\u{feff}c');
    expect(printable('Zoë 频道 🎉 ~!')).toBe('Zoë 频道 🎉 ~!');
  });
});

describe('inspectToken and diagnoseToken quote token text printably', () => {
  it('summaries, messages and fixes carry no control or bidi character; fields and details keep the text', () => {
    const token = hostileToken();
    const info = sync.inspectToken(token);
    for (const s of info.services) expect(s.summary, s.name).not.toMatch(CONTROL);
    expect(info.services[0]!.fields['channelName']).toBe(`room${HOSTILE}`);
    const findings = sync.diagnoseToken(token, { channel: 'room', account: 'alice', appCertificate: CERT });
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['CHANNEL_NAME_INVALID', 'CHANNEL_MISMATCH', 'UID_MISMATCH', 'SIGNATURE_VALID']));
    for (const f of findings) {
      expect(f.message, f.code).not.toMatch(CONTROL);
      expect(f.fix, f.code).not.toMatch(CONTROL);
    }
    const mismatch = findings.find((f) => f.code === 'CHANNEL_MISMATCH')!;
    expect(mismatch.details!['tokenChannels']).toEqual([`room${HOSTILE}`]);
  });
});

describe('the CLI prints a hostile token without its control characters', () => {
  beforeAll(() => buildCliIfMissing());
  it('inspect, diagnose and their --json: no control, C1, bidi or invisible character reaches stdout; the JSON reads back the same text', () => {
    const token = hostileToken();
    for (const args of [['inspect', token], ['diagnose', token, '--channel', 'room', '--account', 'alice']]) {
      const human = cli(args, { env: CREDS });
      expect(human.stdout, args[0]).not.toMatch(CONTROL);
      expect(human.stdout, args[0]).toContain('\\u{1b}[2J');
      const json = cli([...args, '--json'], { env: CREDS });
      expect(json.stdout, `${args[0]} --json`).not.toMatch(CONTROL);
      const parsed = JSON.parse(json.stdout) as { services?: { fields: Record<string, string> }[] };
      if (args[0] === 'inspect') expect(parsed.services![0]!.fields['channelName']).toBe(`room${HOSTILE}`);
    }
  });
});

describe('names that print the same', () => {
  it('CHANNEL_MISMATCH and UID_MISMATCH say when the difference is a zero-width or bidi character', () => {
    const t = new sync.AccessToken2(APP_ID, CERT, Math.floor(Date.now() / 1000), 3600);
    t.addService(new sync.ServiceRtc('ro\u200bom', 'ali\u202dce').addPrivilege(1, 3600));
    const findings = sync.diagnoseToken(t.build(), { channel: 'room', account: 'alice' });
    for (const code of ['CHANNEL_MISMATCH', 'UID_MISMATCH']) {
      const f = findings.find((x) => x.code === code)!;
      expect(f.message, code).toMatch(/differ only in invisible characters/);
      expect(f.message, code).toMatch(/\\u\{(200b|202d)\}/);
    }
    const other = sync.diagnoseToken(t.build(), { channel: 'hall', account: 'bob' });
    const mismatches = other.filter((x) => /MISMATCH/.test(x.code));
    expect(mismatches.map((f) => f.code)).toEqual(['CHANNEL_MISMATCH', 'UID_MISMATCH']); // the loop below has both to check
    for (const f of mismatches) expect(f.message).not.toMatch(/invisible/);
  });
});

describe('CLI failures echo the user\'s own flags printably', () => {
  beforeAll(() => buildCliIfMissing());
  it('an unknown option or a bad value with controls: escaped on stderr, \\u escapes in --json, the same text when parsed', () => {
    const flag = `--x${HOSTILE}`;
    const human = cli(['rtc', flag], { env: CREDS });
    expect(human.code).toBe(2);
    expect(human.stderr).toContain('unknown option --x\\u{1b}[2J');
    expect(human.stderr).not.toMatch(CONTROL);
    const json = cli(['rtc', '--json', flag], { env: CREDS });
    expect(json.stdout).not.toMatch(CONTROL);
    const parsed = JSON.parse(json.stdout) as { error: { code: string; flag: string } };
    expect(parsed.error).toMatchObject({ code: 'ERR_USAGE', flag: expect.stringContaining('\u001b[2J') });
    const value = cli(['rtc', '--channel', 'room', '--expire', `9${HOSTILE}`], { env: CREDS });
    expect(value.code).toBe(2);
    expect(value.stderr).toContain('got "9\\u{1b}[2J');
    expect(value.stderr).not.toMatch(CONTROL);
  });
});
