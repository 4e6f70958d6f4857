// CLI behaviour from a first-time-user audit of the packed CLI (2026-11-24): each test failed on the
// bin before its fix. The built bin (dist/cli.js) is spawned as a user runs it.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, buildCliIfMissing, CERT, CLI, cli, CREDS, NOW } from './helpers/cli.ts';

beforeAll(buildCliIfMissing, 180_000);

const rtcToken = () => cli(['rtc', '-c', 'room', '-u', '42'], { env: CREDS }).stdout.trim();

describe('inputs that used to build the wrong thing or blame the wrong flag', () => {
  it('legacy-rtc --account "" is refused (the 006 builder packs it as uid 0: a token any uid may join)', () => {
    const r = cli(['legacy-rtc', '-c', 'room', '--account', ''], { env: CREDS });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--account: must not be empty \(for a token any uid may join, pass --uid 0\)/);
    expect(r.stdout).toBe('');
  });

  it('chat --user-id "" points at --app, not at the library option { app: true }', () => {
    const r = cli(['chat', '--user-id', ''], { env: CREDS });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--user-id: must not be empty \(or pass --app for an app token\)/);
    expect(r.stderr).not.toMatch(/app: true/);
  });

  it('verify and diagnose name the environment variable a bad credential came from', () => {
    const token = rtcToken();
    const verify = cli(['verify', token], { env: { AGORA_APP_CERTIFICATE: 'abc' } });
    expect(verify.code).toBe(2);
    expect(verify.stderr).toMatch(/AGORA_APP_CERTIFICATE: expected 32 hex characters, got length=3/);
    expect(verify.stderr).not.toMatch(/--app-certificate:/);
    const diagnose = cli(['diagnose', token, '-c', 'room'], { env: { AGORA_APP_ID: `${APP_ID}\r`, AGORA_APP_CERTIFICATE: CERT } });
    expect(diagnose.code).toBe(2);
    expect(diagnose.stderr).toMatch(/AGORA_APP_ID: expected 32 hex characters, got length=33 \(it has surrounding whitespace/);
    // verify reads no App ID: a bad AGORA_APP_ID does not stop it.
    expect(cli(['verify', token], { env: { AGORA_APP_ID: 'junk', AGORA_APP_CERTIFICATE: CERT } }).code).toBe(0);
  });

  it('an App ID that is the certificate of the environment is refused, not printed in a token', () => {
    const r = cli(['rtc', '--app-id', CERT, '--app-certificate', APP_ID, '-c', 'room', '-u', '1', '--json'], { env: { AGORA_APP_CERTIFICATE: CERT } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--app-id: equals the App Certificate \(the value of AGORA_APP_CERTIFICATE\), and a token prints its App ID in clear: give the App ID here, or the right certificate there/);
    expect(`${r.stdout}${r.stderr}`.toLowerCase()).not.toContain(CERT.toLowerCase());
  });

  it('an App ID equal to a certificate given another way is blamed on the App ID, whatever the sources', () => {
    const refused = (args: string[], env: Record<string, string>, name: string, source: string) => {
      const r = cli(['rtc', '-c', 'room', '-u', '1', '--json', ...args], { env });
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).error.flag).toBe(name);
      expect(r.stderr).toContain(`${name}: equals the App Certificate (${source})`);
    };
    // --app-id typed, the certificate in the environment: the typed App ID is the mistake.
    refused(['--app-id', CERT], { AGORA_APP_CERTIFICATE: CERT }, '--app-id', 'the value of AGORA_APP_CERTIFICATE');
    // A later --app-certificate overrides the first, which is still the user's certificate.
    refused(['--app-certificate', CERT, '--app-id', CERT.toUpperCase(), '--app-certificate', APP_ID], {}, '--app-id', 'the value given to --app-certificate');
    // The App ID from the environment, the certificate typed.
    refused(['--app-certificate', CERT], { AGORA_APP_ID: CERT }, 'AGORA_APP_ID', 'the value given to --app-certificate');
    // Both variables hold the certificate and a flag overrides the second: AGORA_APP_ID would be printed.
    refused(['--app-certificate', APP_ID], { AGORA_APP_ID: CERT, AGORA_APP_CERTIFICATE: CERT }, 'AGORA_APP_ID', 'the value of AGORA_APP_CERTIFICATE');
  });

  it('a certificate in the environment with a stray "\\r" is still redacted when it turns up elsewhere', () => {
    // inspect reads no credentials, and --now echoes a bad value in its message.
    const r = cli(['inspect', rtcToken(), '--now', CERT], { env: { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: `${CERT}\r` } });
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`.toLowerCase()).not.toContain(CERT.toLowerCase());
    expect(r.stderr).toMatch(/\[redacted\]/);
  });

  it('rtc --account "" says to pass --uid 0 for the wildcard (the library message names its option, uid: 0)', () => {
    const r = cli(['rtc', '-c', 'room', '--account', ''], { env: CREDS });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--account: must not be empty \(for a token any uid may join, pass --uid 0\)/);
  });

  it('a value that starts with "-" gets told to attach it with "="', () => {
    const r = cli(['rtc', '-c', '-live', '-u', '1'], { env: CREDS });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--channel: needs a value \(for a value that starts with "-", write --channel=-live\)/);
    expect(cli(['rtc', '--channel=-live', '-u', '1'], { env: CREDS }).code).toBe(0);
    // The flag given twice: the hint is about the use that failed, not the first one.
    expect(cli(['rtc', '-c', 'room', '--channel', '-live', '-u', '1'], { env: CREDS }).stderr).toMatch(/write --channel=-live\)/);
  });

  it('no "write --flag=..." hint when what follows is another of the command\'s flags (the value is just missing)', () => {
    for (const args of [['rtc', '-c', 'room', '--account', '--json'], ['rtc', '-c', '-u', '1'], ['rtc', '-c', 'room', '--account', '--role=host']]) {
      const r = cli(args, { env: CREDS });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^agora-token-kit rtc: --(account|channel): needs a value\n/);
    }
    // An unknown "-x" is still taken for a value that starts with "-".
    expect(cli(['rtc', '-c', 'room', '--account', '-bob'], { env: CREDS }).stderr).toMatch(/write --account=-bob\)/);
  });
});

describe('output that disagreed with itself', () => {
  it('build warnings name only the flags of the command that printed them', () => {
    const r007 = cli(['rtc', '-c', 'room', '-u', '1', '--issued-at', String(NOW), '--expire', '60'], { env: CREDS });
    expect(r007.stderr).toMatch(/already expired .*; check --expire, --issued-at or the --\*-expire privilege lifetimes$/m);
    const chat = cli(['chat', '--app', '--issued-at', String(NOW), '--expire', '60'], { env: CREDS });
    expect(chat.stderr).toMatch(/already expired .*; check --expire or --issued-at$/m);
    const r006 = cli(['legacy-rtc', '-c', 'room', '-u', '1', '--ts', '100'], { env: CREDS });
    expect(r006.stderr).toMatch(/already expired .*; check --expire, --expire-ts or --ts$/m);
  });

  it('006 builds warn of a token valid past 24 hours from now, as diagnose does (and not of the default ts)', () => {
    // Ten days from the real clock, not a fixed date: a fixed future date stops being one (this
    // test read --ts 1900000000 and failed from 2030-03-17 on, found by running the suite under faketime).
    const farTs = Math.floor(Date.now() / 1000) + 10 * 86400;
    const far = cli(['legacy-rtc', '-c', 'room', '-u', '1', '--ts', String(farTs)], { env: CREDS });
    expect(far.code).toBe(0);
    const until = new Date(farTs * 1000).toISOString().replace('.000Z', 'Z');
    expect(far.stderr).toMatch(new RegExp(`^warning: the token stays valid until ${until}, over Agora's 24-hour maximum; check --ts$`, 'm'));
    expect(cli(['legacy-rtm', '--user-id', 'alice'], { env: CREDS }).stderr).toBe('');
  });

  it('006 builds warn of privileges past 24 hours from now, which the token\'s ts still cuts (as rtc warns of --expire over 24 hours)', () => {
    for (const args of [['legacy-rtc', '-c', 'room', '-u', '42', '--expire', '200000'], ['legacy-rtm', '--user-id', 'alice', '--expire', '100000']]) {
      const r = cli([...args, '--json'], { env: CREDS });
      expect(r.code).toBe(0);
      const { inspect, warnings } = JSON.parse(r.stdout);
      const want = `privileges last until ${inspect.services[0].privileges[0].expiresAtIso}, over Agora's 24-hour maximum; the token works 24 hours at most, until its ts (${inspect.expiresAtIso})`;
      expect(warnings, args[0]).toEqual([want]);
      expect(r.stderr).toBe(`warning: ${want}\n`);
    }
    // 24 hours itself, and 0 (006: the 24-hour maximum), are not over it.
    for (const flags of [['--expire', '86400'], ['--expire-ts', '0']]) {
      expect(cli(['legacy-rtc', '-c', 'room', '-u', '42', ...flags], { env: CREDS }).stderr, flags.join(' ')).toBe('');
    }
    // A --ts past 24 hours is the warning that names it, not a second one.
    const farTs = Math.floor(Date.now() / 1000) + 3 * 86400;
    expect(cli(['legacy-rtc', '-c', 'room', '-u', '42', '--expire', '200000', '--ts', String(farTs)], { env: CREDS }).stderr).toMatch(/^warning: the token stays valid until \S+, over Agora's 24-hour maximum; check --ts\n$/);
  });

  it('build --json carries the warnings, and an empty list when there are none', () => {
    const expired = JSON.parse(cli(['rtc', '-c', 'room', '-u', '1', '--issued-at', String(NOW), '--expire', '60', '--json'], { env: CREDS }).stdout);
    expect(expired.warnings).toEqual([expect.stringMatching(/^the token is already expired/)]);
    const fine = JSON.parse(cli(['rtc', '-c', 'room', '-u', '1', '--json'], { env: CREDS }).stdout);
    expect(fine.warnings).toEqual([]);
    expect(fine.token).toMatch(/^007/);
  });

  it('every build command\'s help says where the warnings go: stderr, and the JSON\'s "warnings"', () => {
    for (const name of ['rtc', 'rtm', 'chat', 'education', 'apaas', 'fpa', 'convoai', 'stt', 'legacy-rtc', 'legacy-rtm']) {
      const help = cli([name, '--help']).stdout;
      expect(help, name).toMatch(/--json:? +print \{"token", "inspect", "warnings"\} as JSON/);
      expect(help, name).toMatch(/Warnings \(the token is already expired[^]*go to\nstderr as "warning: \.\.\." lines and, with --json, into "warnings" too/);
    }
  });

  it('diagnose --strict: the closing line agrees with the exit code', () => {
    const token = cli(['rtc', '-c', 'room', '-u', '1', '--expire', '100'], { env: CREDS }).stdout.trim();
    const strict = cli(['diagnose', token, '-c', 'room', '-u', '1', '--strict'], { env: CREDS });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/--strict counts the warnings as failures\.$/m);
    const plain = cli(['diagnose', token, '-c', 'room', '-u', '1'], { env: CREDS });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/No blocking problem found, but see the warnings\.$/m);
  });
});

describe('help examples work when pasted', () => {
  it('inspect --help: its first example runs as pasted (with the credentials in the environment)', () => {
    const example = /Examples:\n {2}(agora-token-kit .*?)\s+#/.exec(cli(['inspect', '--help']).stdout)?.[1];
    expect(example).toBe('agora-token-kit rtc --channel room --uid 42 | agora-token-kit inspect');
    const run = spawnSync('bash', ['-c', example!.replaceAll('agora-token-kit', `node ${CLI}`)], { env: { ...process.env, ...CREDS }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^AccessToken2 \(007\)/);
  });

  it('demo --help suggests no npm script (an installed package has none)', () => {
    expect(cli(['demo', '--help']).stdout).not.toMatch(/npm run demo/);
  });

  it('--expire-ts given a duration or milliseconds shows the shell form of now + 1 hour, not JavaScript (the library message)', () => {
    const shell = "it takes absolute Unix seconds, e.g. $(( $(date +%s) + 3600 )) for one hour (--expire takes seconds from now)";
    for (const [cmd, value, kind] of [[['legacy-rtc', '-c', 'room', '-u', '42'], '3600', 'a duration'], [['legacy-rtm', '--user-id', 'alice'], '999999999', 'a duration'], [['legacy-rtc', '-c', 'room', '-u', '42'], '1700000000000', 'milliseconds']] as const) {
      const r = cli([...cmd, '--expire-ts', value], { env: CREDS });
      expect([r.code, r.stdout], value).toEqual([2, '']);
      expect(r.stderr.split('\n')[0]).toBe(`agora-token-kit ${cmd[0]}: --expire-ts: ${value} looks like ${kind}; ${shell}`);
      expect(r.stderr).not.toContain('Date.now');
    }
    // 10^9 itself is an absolute time (in 2001: expired, a warning, still built), as the builders draw the line.
    const past = cli(['legacy-rtc', '-c', 'room', '-u', '42', '--expire-ts', '1000000000'], { env: CREDS });
    expect([past.code, past.stderr]).toEqual([0, expect.stringMatching(/^warning: the token is already expired/)]);
  });

  it('legacy-rtc --help: its --expire-ts example is computed from now, not a fixed date that passes', () => {
    const help = cli(['legacy-rtc', '--help']).stdout;
    expect(help).toContain('--expire-ts $(( $(date +%s) + 3600 ))');
    expect(help).not.toMatch(/--expire-ts \d/);
  });

  it('serve --help has examples like every other command', () => {
    expect(cli(['serve', '--help']).stdout).toMatch(/Examples:\n( {2}.*\n)* {2}agora-token-kit serve /);
  });
});

describe('a flag given twice (README, Command line)', () => {
  beforeAll(() => buildCliIfMissing());
  it('takes its last value', async () => {
    const { decodeToken } = await import('../src/sync.ts');
    const run = cli(['rtc', '-c', 'room', '-u', '42', '-u', '43'], { env: CREDS });
    expect(run.code).toBe(0);
    expect(decodeToken(run.stdout.trim())).toMatchObject({ services: [{ uid: '43', channelName: 'room' }] });
  });
});
