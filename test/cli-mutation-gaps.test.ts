// CLI behaviour that hand-made mutation testing found unpinned: report wording and verdicts,
// credential fallbacks, flag aliases and implications, RTM permission resources, APaaS app tokens,
// 006 defaults, the demo's exit code and the stdin limit. The built bin (dist/cli.js) is spawned as
// a user runs it; tokens are checked with the official agora-token parser.
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectToken } from '../src/sync.ts';
import { APP_ID, buildCliIfMissing, CERT, cli, CREDS, NOW, verifies007 } from './helpers/cli.ts';

beforeAll(buildCliIfMissing, 180_000);

describe('report text', () => {
  const token = () => cli(['rtc', '-c', 'room', '-u', '42', '--issued-at', String(NOW), '--expire', '600'], { env: CREDS }).stdout.trim();

  it('diagnose with exactly one error: singular count, and the verdict says Agora will reject it', () => {
    const r = cli(['diagnose', token(), '-c', 'Room', '-u', '42', '--now', String(NOW + 10)], { env: CREDS });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^1 error, 0 warnings, 1 info — Agora will reject this token for the use you described\.$/m);
  });

  it('inspect prints an Effective line only when a privilege ends before the token', () => {
    const plain = cli(['inspect', token(), '--now', String(NOW + 10)]);
    expect(plain.stdout).not.toMatch(/Effective/);
    const limited = cli(['rtc', '-c', 'room', '-u', '1', '--join-expire', '300', '--issued-at', String(NOW)], { env: CREDS }).stdout.trim();
    expect(cli(['inspect', limited, '--now', String(NOW + 10)]).stdout).toMatch(/^ {2}Effective {2}\S+ \(in 4m 50s\) limited by rtc\.joinChannel$/m);
  });
});

describe('inputs', () => {
  it('an empty AGORA_APP_ID counts as unset', () => {
    const r = cli(['rtc', '-c', 'room', '-u', '1'], { env: { AGORA_APP_ID: '', AGORA_APP_CERTIFICATE: CERT } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--app-id: missing \(or set AGORA_APP_ID\)/);
  });

  it('an unknown flag two edits from a known one is suggested', () => {
    expect(cli(['rtc', '-c', 'room', '-u', '1', '--chanl', 'x'], { env: CREDS }).stderr).toMatch(/unknown option --chanl \(did you mean --channel\?\)/);
  });

  it('numbers longer than 15 digits are refused as usage errors naming the flag', () => {
    const r = cli(['rtc', '-c', 'room', '-u', '1', '--expire', '1234567890123456789'], { env: CREDS });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--expire: expected a whole number, got "1234567890123456789"/);
    const role = cli(['apaas', '--user-uuid', 'u', '--role', '123456'], { env: CREDS });
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/--role: expected an integer -32768\.\.32767, got "123456"/);
  });

  it('stdin of exactly 1 MiB is read (the limit is "more than")', () => {
    const r = cli(['inspect'], { input: 'A'.repeat(1 << 20) });
    expect(r.stderr).not.toMatch(/more than 1 MiB/);
    expect(r.stderr).toMatch(/ERR_TOKEN_TOO_LARGE/);
    expect(r.code).toBe(1);
  });
});

describe('build flags', () => {
  const services = (args: string[]) => verifies007(cli(args, { env: CREDS }).stdout.trim()).services.map((s: any) => [s.__type, s.__privileges]);

  it("rtc --role takes host and 2 as agora-token-service's clients send them", () => {
    expect(services(['rtc', '-c', 'room', '-u', '1', '--role', 'host', '--expire', '60'])).toEqual([[1, { 1: 60, 2: 60, 3: 60, 4: 60 }]]);
    expect(services(['rtc', '-c', 'room', '-u', '1', '--role', '2', '--expire', '60'])).toEqual([[1, { 1: 60 }]]);
  });

  it('rtc --rtm-expire alone implies --rtm; --video-expire and --data-expire set their own privileges', () => {
    expect(services(['rtc', '-c', 'room', '-u', '1', '--rtm-expire', '99', '--expire', '60'])).toEqual([[1, { 1: 60, 2: 60, 3: 60, 4: 60 }], [2, { 1: 99 }]]);
    // joinChannel comes along for the token's lifetime (a token without it cannot join)
    expect(services(['rtc', '-c', 'room', '-u', '1', '--video-expire', '100', '--data-expire', '200'])).toEqual([[1, { 1: 3600, 3: 100, 4: 200 }]]);
    expect(services(['rtc', '-c', 'room', '-u', '1', '--audio-expire', '600', '--expire', '900'])).toEqual([[1, { 1: 900, 2: 600 }]]);
    expect(services(['rtc', '-c', 'room', '-u', '1', '--join-expire', '50', '--audio-expire', '600'])).toEqual([[1, { 1: 50, 2: 600 }]]);
  });

  it('rtc: --role with the per-privilege flags is a usage error (the role would be dropped)', () => {
    const r = cli(['rtc', '-c', 'room', '-u', '1', '--role', 'subscriber', '--audio-expire', '600'], { env: CREDS });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/--role: not with the per-privilege --\*-expire flags/);
  });

  it('rtm --permission: every resource maps to its RTM2 type, and a hyphenated resource name is accepted', () => {
    const r = cli(['rtm', '--user-id', 'a', '--permission', 'message-channels:read:x', '--permission', 'groupChannels:write:g', '--permission', 'serverGroups:read:s', '--permission', 'streamChannels:read:t', '--permission', 'users:write:u'], { env: CREDS });
    expect(r.code).toBe(0);
    expect(verifies007(r.stdout.trim()).services[0].__permissions.details).toEqual({ 0: { 0: ['x'] }, 1: { 0: ['t'] }, 2: { 1: ['g'] }, 3: { 0: ['s'] }, 4: { 1: ['u'] } });
  });

  it('rtm --permission repeated for one resource and access adds the names (trimmed, deduplicated); an empty name is a usage error', () => {
    const r = cli(['rtm', '--user-id', 'alice', '--permission', 'messageChannels:read:a', '--permission', 'messageChannels:READ:b, a', '--permission', 'messageChannels:write:w'], { env: CREDS });
    expect(r.code).toBe(0);
    expect(verifies007(r.stdout.trim()).services[0].__permissions.details).toEqual({ 0: { 0: ['a', 'b'], 1: ['w'] } });
    const empty = cli(['rtm', '--user-id', 'alice', '--permission', 'messageChannels:read:a,,b'], { env: CREDS });
    expect([empty.code, empty.stdout]).toEqual([2, '']);
    expect(empty.stderr).toMatch(/--permission: an empty name in "messageChannels:read:a,,b"/);
  });

  it('short flags written -c=room take the text after "=" (parseArgs alone made the channel "=room")', () => {
    expect(services(['rtc', '-c=room', '-u=42'])).toEqual([[1, { 1: 3600, 2: 3600, 3: 3600, 4: 3600 }]]);
    const r = cli(['rtc', '-c=room', '-u=42'], { env: CREDS });
    expect(String(verifies007(r.stdout.trim()).services[0].__channel_name)).toBe('room');
  });

  it('inspect never says "valid": the header says the signature was not checked, and a token issued after --now is "not yet valid"', () => {
    const token = cli(['rtc', '-c', 'room', '-u', '42'], { env: CREDS }).stdout.trim();
    expect(cli(['inspect', token]).stdout.split('\n')[0]).toMatch(/^AccessToken2 \(007\)  not expired, usable for (1h|59m \d+s) \(signature not checked: use verify\)$/);
    const early = cli(['inspect', token, '--now', '2025-01-31T12:00:00Z']);
    expect(early.stdout.split('\n')[0]).toMatch(/^AccessToken2 \(007\)  not yet valid: issued .+ after the time checked$/);
  });

  it('verify: 006 flags on a 007 token get a note on stderr (the token is verified as it is); a 006 RTM hint names --channel', () => {
    const token = cli(['rtc', '-c', 'room', '-u', '42'], { env: CREDS }).stdout.trim();
    const v = cli(['verify', token, '--channel', 'WRONG', '--uid', '999'], { env: CREDS });
    expect([v.code, v.stdout.trim()]).toEqual([0, 'valid: the signature verifies with this App Certificate']);
    expect(v.stderr).toMatch(/note: --channel\/--uid\/--account are for 006 tokens; a 007 token is verified for the channel and uid it names/);
    expect(cli(['verify', token], { env: CREDS }).stderr).toBe('');
    // not read for a 007 token at all, so not checked for 006 consistency either
    for (const flags of [['--uid', '42'], ['--account', 'x', '--uid', '1']]) {
      const r = cli(['verify', token, ...flags], { env: CREDS });
      expect([r.code, r.stderr], flags.join(' ')).toEqual([0, expect.stringMatching(/^note: --channel\/--uid\/--account are for 006 tokens/)]);
    }
    const t6 = cli(['legacy-rtm', '--user-id', 'alice'], { env: CREDS }).stdout.trim();
    const rtm = cli(['verify', t6, '--account', 'alice'], { env: CREDS });
    expect([rtm.code, rtm.stderr]).toEqual([2, expect.stringMatching(/for a 006 RTM token, give the account as --channel/)]);
    expect(cli(['verify', t6, '--channel', 'alice'], { env: CREDS }).code).toBe(0);
  });

  it('builders warn on stderr (stdout stays the token, exit 0) about a lifetime over 24 h, a token already expired and one issued in the future', () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: [string[], RegExp | null][] = [
      [['rtc', '-c', 'room', '-u', '1', '--expire', '100000'], /^warning: a lifetime of 100000 s is over Agora's 24-hour maximum; the token works for 24 hours$/],
      [['rtc', '-c', 'room', '-u', '1', '--issued-at', String(now - 7200), '--expire', '3600'], /^warning: the token is already expired \(limited by token\)/],
      [['legacy-rtc', '-c', 'room', '-u', '1', '--ts', String(now - 10)], /^warning: the token is already expired/],
      [['rtc', '-c', 'room', '-u', '1', '--issued-at', String(now + 7200)], /^warning: the token is issued in the future/],
      [['rtc', '-c', 'room', '-u', '1', '--expire', '86400'], null],
    ];
    for (const [args, warning] of cases) {
      const r = cli(args, { env: CREDS });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout.trim()).toMatch(/^00[67]/);
      if (warning) expect(r.stderr.trim(), args.join(' ')).toMatch(warning);
      else expect(r.stderr, args.join(' ')).toBe('');
    }
  });

  it('rtc --role in any letter case; a token argument with surrounding whitespace is read as on stdin', () => {
    expect(services(['rtc', '-c', 'room', '-u', '1', '--role', 'Publisher', '--expire', '60'])).toEqual([[1, { 1: 60, 2: 60, 3: 60, 4: 60 }]]);
    expect(services(['rtc', '-c', 'room', '-u', '1', '--role', 'AUDIENCE', '--expire', '60'])).toEqual([[1, { 1: 60 }]]);
    const token = cli(['rtc', '-c', 'room', '-u', '42'], { env: CREDS }).stdout.trim();
    const padded = cli(['inspect', `  ${token}\r\n`]);
    expect(padded.code).toBe(0);
    expect(padded.stdout).toContain('channel "room", uid 42');
    expect(cli(['inspect', '   ']).stderr).toMatch(/missing <token>: the argument is empty/);
    // --role in any case on diagnose and legacy-rtc too; a boolean short flag with "=" is named
    expect(cli(['diagnose', token, '-c', 'room', '-u', '42', '--role', 'Host'], { env: CREDS }).code).toBe(0);
    expect(cli(['legacy-rtc', '-c', 'room', '-u', '1', '--role', 'Publisher'], { env: CREDS }).stdout).toMatch(/^006/);
    expect(cli(['rtc', '-c=room', '-u=5', '-h=x'], { env: CREDS }).stderr).toMatch(/--help: takes no value/);
  });

  it('commands: a misspelt one gets "did you mean", letter case is ignored, and help serve prints serve\'s full help', () => {
    const typo = cli(['inspekt', 'x']);
    expect([typo.code, typo.stderr]).toEqual([2, expect.stringMatching(/unknown command "inspekt" \(did you mean inspect\? run agora-token-kit --help for the list\)/)]);
    expect(cli(['nonsense-command']).stderr).toMatch(/unknown command "nonsense-command" \(run agora-token-kit --help/);
    expect(cli(['RTC', '-c', 'room', '-u', '1'], { env: CREDS }).stdout).toMatch(/^007/);
    const help = cli(['help', 'serve']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: agora-token-kit serve \[options\]/);
    expect(help.stdout).toContain('--cors-allow-headers');
  });

  it('a bad credential from the environment is named as its variable, not as a flag the user never typed', () => {
    const id = cli(['rtc', '-c', 'room', '-u', '1'], { env: { ...CREDS, AGORA_APP_ID: ` ${APP_ID}` } });
    expect([id.code, id.stderr]).toEqual([2, expect.stringMatching(/rtc: AGORA_APP_ID: expected 32 hex characters, got length=33 \(it has surrounding whitespace/)]);
    const swapped = cli(['rtc', '-c', 'room', '-u', '1'], { env: { ...CREDS, AGORA_APP_CERTIFICATE: APP_ID.toLowerCase() } });
    expect([swapped.code, swapped.stderr]).toEqual([2, expect.stringMatching(/rtc: AGORA_APP_CERTIFICATE: equals the App ID/)]);
    const flag = cli(['rtc', '-c', 'room', '-u', '1', '--app-id', 'xx'], { env: CREDS });
    expect(flag.stderr).toMatch(/rtc: --app-id: expected 32 hex characters, got length=2/);
  });

  it("inspect's 006 note names the diagnose command, not the library function", () => {
    const t6 = cli(['legacy-rtc', '-c', 'room', '-u', '5'], { env: CREDS }).stdout.trim();
    const out = cli(['inspect', t6]).stdout;
    expect(out).toContain('give them to agora-token-kit diagnose <token> --channel <name> --uid <n> to compare');
    const rtm = cli(['inspect', cli(['legacy-rtm', '--user-id', 'alice'], { env: CREDS }).stdout.trim()]).stdout;
    expect(rtm).toContain('give them to agora-token-kit diagnose <token> --account <name> to compare');
    expect(out).not.toContain('diagnoseToken');
  });

  it('help takes command names in any case with did-you-mean; an unknown first argument that looks like a value is not echoed', () => {
    expect(cli(['help', 'RTC']).stdout).toMatch(/^agora-token-kit rtc — /);
    expect(cli(['help', 'sevre']).stderr).toMatch(/unknown command "sevre" \(did you mean serve\?\)/);
    const flag = cli(['--app-certificate=' + CERT, 'rtc'], { env: CREDS });
    expect([flag.code, flag.stderr]).toEqual([2, expect.stringMatching(/unknown command \(not shown: it looks like a value, not a command\)/)]);
    const pasted = cli(['help', CERT.toLowerCase()], { env: CREDS });
    expect(pasted.stderr).toMatch(/unknown command \(not shown: it looks like a value, not a command\)/);
    // (the certificate check itself runs inside cli() on every call)
  });

  it('a file path where the token goes is named as a file, with how to pass it', () => {
    const r = cli(['inspect', 'package.json']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/"package\.json" is a file, not a token: pass its text on stdin, e\.g\. < package\.json/)]);
  });

  it('verify and diagnose leave a bad AGORA_APP_ID alone when they do not need it', () => {
    const token = cli(['rtc', '-c', 'room', '-u', '42'], { env: CREDS }).stdout.trim();
    const v = cli(['verify', token], { env: { ...CREDS, AGORA_APP_ID: 'notanid' } });
    expect([v.code, v.stdout.trim()]).toEqual([0, 'valid: the signature verifies with this App Certificate']);
  });

  it('apaas refusals name flags, not the library API', () => {
    const noUser = cli(['apaas', '--room-uuid', 'r1'], { env: CREDS });
    expect([noUser.code, noUser.stderr]).toEqual([2, expect.stringMatching(/apaas: --user-uuid: missing \(or --app for an app token\)/)]);
    const appWithUser = cli(['apaas', '--app', '--user-uuid', 'u'], { env: CREDS });
    expect([appWithUser.code, appWithUser.stderr]).toEqual([2, expect.stringMatching(/--app: an app token takes no --room-uuid, --user-uuid or --role/)]);
    const roleAlone = cli(['apaas', '--user-uuid', 'u', '--role', '2'], { env: CREDS });
    expect([roleAlone.code, roleAlone.stderr]).toEqual([2, expect.stringMatching(/--role: applies only to room user tokens \(give --room-uuid too\)/)]);
    expect(`${noUser.stderr}${appWithUser.stderr}${roleAlone.stderr}`).not.toMatch(/buildA|app: true|roomUuid/);
  });

  it('apaas --app builds an app token', () => {
    const r = cli(['apaas', '--app', '--json'], { env: CREDS });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    verifies007(out.token);
    expect(out.inspect.services.map((s: { type: number; privileges: { name: string }[] }) => [s.type, s.privileges.map((p) => p.name)])).toEqual([[7, ['app']]]);
  });

  it('legacy-rtc: --expire and --expire-ts together, or --uid and --account together, are usage errors; the default privilege lifetime is 1 hour', () => {
    const both = cli(['legacy-rtc', '-c', 'room', '-u', '1', '--expire', '60', '--expire-ts', '1900000000'], { env: CREDS });
    expect([both.code, both.stderr]).toEqual([2, expect.stringMatching(/--expire\/--expire-ts: give one, not both/)]);
    const ids = cli(['legacy-rtc', '-c', 'room', '-u', '1', '--account', 'bob'], { env: CREDS });
    expect([ids.code, ids.stderr]).toEqual([2, expect.stringMatching(/--uid\/--account: give exactly one/)]);
    const token = cli(['legacy-rtc', '-c', 'room', '-u', '1'], { env: CREDS }).stdout.trim();
    expect(Math.abs(inspectToken(token).services[0]!.privileges[0]!.value - (Math.floor(Date.now() / 1000) + 3600))).toBeLessThanOrEqual(5);
  });

  it('legacy-rtc and legacy-rtm --expire 0 are usage errors, as rtc --expire 0 is (they printed a token already expired, exit 0)', () => {
    for (const args of [['legacy-rtc', '-c', 'room', '-u', '1'], ['legacy-rtm', '--user-id', 'alice'], ['rtc', '-c', 'room', '-u', '1']]) {
      const zero = cli([...args, '--expire', '0'], { env: CREDS });
      expect([zero.code, zero.stdout, zero.stderr], args[0]).toEqual([2, '', expect.stringMatching(/--expire: must be at least 1/)]);
    }
    expect(cli(['legacy-rtm', '--user-id', 'alice', '--expire', '1'], { env: CREDS }).code).toBe(0);
  });
});

describe('demo', () => {
  it('demo --json exits 0', () => {
    const r = cli(['demo', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).credentials.testOnly).toBe(true);
  });
});
