// The built bin (dist/cli.js) run with node as a user would: arguments, stdin, environment, exit
// codes, --json parsed back. Tokens it builds are checked with the official packages
// (agora-token's parser and verifier; agora-access-token rebuilding the same 006 string).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnoseToken, inspectToken } from '../src/sync.ts';
import { APP_ID, buildCliIfMissing, CERT, cli, CREDS, NOW, ROOT, type Run, verifies007 } from './helpers/cli.ts';

const require = createRequire(import.meta.url);
const official = require('agora-token');
const { AccessToken: AccessToken006 } = require('agora-access-token/src/AccessToken');

const json = (r: Run) => JSON.parse(r.stdout);

const str = (b: unknown) => (Buffer.isBuffer(b) ? b.toString('utf8') : String(b));

beforeAll(buildCliIfMissing, 180_000);

describe('help, version and usage', () => {
  it('lists every command, prints --version, and exits 2 without a command', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['rtc', 'rtm', 'chat', 'education', 'apaas', 'fpa', 'convoai', 'stt', 'legacy-rtc', 'legacy-rtm', 'inspect', 'verify', 'diagnose', 'demo', 'serve']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    expect(cli(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).version);
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage:/);
    expect(cli(['frobnicate']).code).toBe(2);
    const unknownTopic = cli(['help', 'frobnicate']);
    expect(unknownTopic.code).toBe(2);
    expect(unknownTopic.stderr).toMatch(/unknown command "frobnicate"/);
    expect(cli(['help', 'rtc']).stdout).toBe(cli(['rtc', '--help']).stdout);
    for (const args of [['help'], ['help', 'help'], ['help', '--help'], ['help', '-h']]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toBe(help.stdout);
    }
  });

  it('serve: a port past 65535 is a usage error, reported before any warning', () => {
    const r = cli(['serve', '--insecure-allow-anyone', '--port', '99999'], { env: CREDS });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--port: expected 0\.\.65535/);
    expect(r.stderr).not.toMatch(/WARNING/);
    const origin = cli(['serve', '--insecure-allow-anyone', '--public-origin', 'https://tokens.example.com/api'], { env: CREDS });
    expect(origin.code).toBe(2);
    expect(origin.stderr).toMatch(/--public-origin: expected an http\(s\) origin/);
    expect(origin.stderr).not.toMatch(/WARNING/);
  });

  it('every command has --help with usage and examples', () => {
    for (const name of ['rtc', 'rtm', 'chat', 'education', 'apaas', 'fpa', 'convoai', 'stt', 'legacy-rtc', 'legacy-rtm', 'inspect', 'verify', 'diagnose', 'demo']) {
      const r = cli([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toMatch(/Usage:/);
      expect(r.stdout, name).toMatch(/Examples:\n(  .*\n)*  (npx |npm run demo)?agora-token-kit \S/);
    }
    expect(cli(['help', 'diagnose']).stdout).toMatch(/--strict/);
    const serve = cli(['serve', '--help']);
    expect(serve.code).toBe(0);
    expect(serve.stdout).toMatch(/--port/);
  });
});

describe('build commands', () => {
  it('rtc: credentials from the environment, every RTC option, checked by the official parser', () => {
    const r = cli(['rtc', '--channel', 'room', '--uid', '42', '--expire', '600', '--issued-at', String(NOW), '--salt', '7'], { env: CREDS });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^007\S+\n$/);
    const t = verifies007(r.stdout.trim());
    expect([t.issueTs, t.expire, t.salt]).toEqual([NOW, 600, 7]);
    const rtc = t.services[0];
    expect([str(rtc.__channel_name), str(rtc.__uid), rtc.__privileges]).toEqual(['room', '42', { 1: 600, 2: 600, 3: 600, 4: 600 }]);

    const sub = verifies007(cli(['rtc', '-c', 'room', '--account', 'alice', '--role', 'subscriber', '--rtm', '--rtm-user-id', 'bob', '--rtm-expire', '99'], { env: CREDS }).stdout.trim());
    expect(sub.services.map((s: any) => [s.__type, s.__privileges])).toEqual([[1, { 1: 3600 }], [2, { 1: 99 }]]);
    expect(str(sub.services[1].__user_id)).toBe('bob');

    const per = verifies007(cli(['rtc', '-c', 'room', '-u', '0', '--join-expire', '300', '--audio-expire', '100'], { env: CREDS }).stdout.trim());
    expect([str(per.services[0].__uid), per.services[0].__privileges]).toEqual(['', { 1: 300, 2: 100 }]);
  });

  it('flags override the environment, and --json returns the token with its inspection', () => {
    const r = cli(['rtc', '-c', 'room', '-u', '1', '--app-id', APP_ID.toLowerCase(), '--json'], { env: { AGORA_APP_ID: 'ffffffffffffffffffffffffffffffff', AGORA_APP_CERTIFICATE: CERT } });
    expect(r.code).toBe(0);
    const out = json(r);
    expect(out.inspect.appId).toBe(APP_ID.toLowerCase());
    expect(out.inspect.services[0].fields).toEqual({ channelName: 'room', uid: '1' });
    verifies007(out.token);
  });

  it('rtm, chat, apaas/education, fpa, convoai, stt build tokens the official verifier accepts', () => {
    const cases: [string[], number[]][] = [
      [['rtm', '--user-id', 'alice'], [2]],
      [['rtm', '--user-id', 'alice', '--permission', 'messageChannels:read:a,b', '--permission', 'users:write:bob'], [8]],
      [['chat', '--user-id', 'alice'], [5]],
      [['chat', '--app'], [5]],
      [['apaas', '--room-uuid', 'r1', '--user-uuid', 'u1', '--role', '2'], [2, 5, 7]],
      [['education', '--user-uuid', 'u1'], [7]],
      [['fpa'], [4]],
      [['convoai', '-c', 'room', '-u', '1001'], [1, 2, 9]],
      [['stt', '-c', 'room', '--account', 'bot'], [1, 2, 10]],
    ];
    for (const [args, types] of cases) {
      const r = cli(args, { env: CREDS });
      expect(r.code, args.join(' ')).toBe(0);
      expect(verifies007(r.stdout.trim()).services.map((s: any) => s.__type), args.join(' ')).toEqual(types);
    }
    const perms = verifies007(cli(['rtm', '--user-id', 'alice', '--permission', 'messageChannels:read:a,b'], { env: CREDS }).stdout.trim());
    expect(perms.services[0].__permissions.details).toEqual({ 0: { 0: ['a', 'b'] } });
  });

  it('legacy-rtc and legacy-rtm give the exact strings agora-access-token builds', () => {
    const ts = NOW + 86_400;
    const rtc = cli(['legacy-rtc', '-c', 'room', '-u', '42', '--role', 'subscriber', '--expire-ts', String(NOW + 600), '--ts', String(ts), '--salt', '5'], { env: CREDS });
    const want = new AccessToken006(APP_ID, CERT, 'room', 42);
    Object.assign(want, { salt: 5, ts });
    want.addPriviledge(1, NOW + 600);
    expect(rtc.stdout.trim()).toBe(want.build());
    const rtm = cli(['legacy-rtm', '--user-id', 'alice', '--expire-ts', '0', '--ts', String(ts), '--salt', '9'], { env: CREDS });
    const wantRtm = new AccessToken006(APP_ID, CERT, 'alice', '');
    Object.assign(wantRtm, { salt: 9, ts });
    wantRtm.addPriviledge(1000, 0);
    expect(rtm.stdout.trim()).toBe(wantRtm.build());
    // --expire is converted to an absolute time for 006.
    const rel = inspectToken(cli(['legacy-rtc', '-c', 'room', '-u', '1', '--expire', '600'], { env: CREDS }).stdout.trim());
    expect(Math.abs(rel.services[0]!.privileges[0]!.value - (Math.floor(Date.now() / 1000) + 600))).toBeLessThanOrEqual(5);
  });
});

describe('usage errors name the flag (exit 2)', () => {
  it('rewrites parse errors, bad numbers, missing values and library validation', () => {
    const cases: [string[], RegExp][] = [
      [['rtc', '-c', 'room', '-u', '1', '--chanel', 'x'], /unknown option --chanel \(did you mean --channel\?\)/],
      // rtm/chat build with --user-id, diagnose takes --account: each points at the other.
      [['diagnose', '007abc', '--user-id', 'alice'], /unknown option --user-id \(did you mean --account\?\)/],
      [['rtm', '--account', 'alice'], /unknown option --account \(did you mean --user-id\?\)/],
      [['rtm', '--user', 'alice'], /unknown option --user \(did you mean --user-id\?\)/],
      // The library's and the official builders' parameter names, as flags.
      [['rtc', '-u', '1', '--channel-name', 'room'], /unknown option --channel-name \(did you mean --channel\?\)/],
      [['rtc', '-c', 'room', '-u', '1', '--expires-in', '600'], /unknown option --expires-in \(did you mean --expire\?\)/],
      [['legacy-rtc', '-c', 'room', '-u', '1', '--privilege-expired-ts', '1900000000'], /unknown option --privilege-expired-ts \(did you mean --expire-ts\?\)/],
      [['rtc', '-c', 'room', '-u', '1', '--privilege-expired-ts', '600'], /unknown option --privilege-expired-ts \(did you mean --privilege-expire\?\)/],
      [['verify', '007abc', '--cert', 'x'], /unknown option --cert \(did you mean --app-certificate\?\)/],
      // One lifetime for every privilege, or per-privilege flags: both would leave one ignored.
      [['rtc', '-c', 'room', '-u', '1', '--privilege-expire', '600', '--join-expire', '300'], /--privilege-expire: give it or the per-privilege --\*-expire flags, not both/],
      // A known other spelling is offered alone: --ttl is --expire, not also --ts (absolute) or --rtm.
      [['legacy-rtc', '-c', 'room', '-u', '1', '--ttl', '600'], /unknown option --ttl \(did you mean --expire\?\)$/m],
      [['rtc', '-c', 'room', '-u', '1', '--ttl', '600'], /unknown option --ttl \(did you mean --expire\?\)$/m],
      [['rtm', '--user-account', 'alice'], /unknown option --user-account \(did you mean --user-id\?\)$/m],
      [['diagnose', '007abc', '--__proto__', 'x'], /unknown option --__proto__$/m],
      [['rtc', '-c', 'room', '--uid', 'alice'], /--uid: .*use --account/],
      // Leading zeros: "00" would be the any-uid wildcard, "007" uid 7 (the library refuses both as strings).
      [['rtc', '-c', 'room', '--uid', '00'], /--uid: expected a whole number 0\.\.4294967295 without leading zeros, got "00"/],
      [['diagnose', '007abc', '--uid', '007'], /--uid: .*without leading zeros, got "007"/],
      [['rtc', '-u', '1'], /--channel: missing/],
      [['rtc', '-c', 'room'], /--uid\/--account: give exactly one/],
      [['rtc', '-c', 'a/b', '-u', '1'], /--channel: may contain only/],
      [['rtc', '-c', 'room', '-u', '1', '--role', 'king'], /--role: expected publisher \(or host, 1\) or subscriber \(or audience, 2\), got "king"/],
      [['rtc', '-c', 'room', '-u', '1', '--expire'], /--expire: needs a value/],
      [['rtc', '-c', 'room', '-u', '1', '--rtm=yes'], /--rtm: takes no value/],
      [['rtm', '--user-id', 'a', '--permission', 'rooms:read:x'], /--permission: expected/],
      [['legacy-rtc', '-c', 'room', '-u', '1', '--expire-ts', '3600'], /--expire-ts: 3600 looks like a duration/],
      [['legacy-rtm', '--user-id', ''], /--user-id: must not be empty/],
      [['rtc', '-c', 'room', '-u', '0', '--rtm'], /--rtm-user-id: must not be empty \(uid 0 names no user to default to: give one\)/],
      [['chat', '--app', '--user-id', 'a'], /--app: takes no --user-id/],
      [['diagnose', 'x', '--service', 'video'], /--service: expected one of/],
      [['inspect', '007abc', '--now', 'yesterday'], /--now: expected Unix seconds or an ISO date/],
      // A flag with a short alias is named by its long name (Node says "'-c, --channel <value>'").
      [['rtc', '-c', 'room', '-u', '1', '--channel'], /rtc: --channel: needs a value/],
      [['rtc', '-c', 'room', '-u'], /rtc: --uid: needs a value/],
      // Date.parse would read these as 2025-03-02 and 2025-06-01.
      [['inspect', '007abc', '--now', '2025-02-30'], /--now: expected Unix seconds or an ISO date/],
      [['inspect', '007abc', '--now', '2025-01-31junk'], /--now: expected Unix seconds or an ISO date/],
      [['inspect', '007abc', '--now', '2025-01-31T24:00:00Z'], /--now: expected Unix seconds or an ISO date/],
      // Without a zone Date.parse reads a date-time in the machine's time zone.
      [['inspect', '007abc', '--now', '2025-01-31T12:00'], /--now: "2025-01-31T12:00" has no time zone: add Z for UTC or an offset such as \+05:30/],
      // A day that does not exist is named as such, zone or not.
      [['inspect', '007abc', '--now', '2025-02-30T12:00'], /--now: expected Unix seconds or an ISO date/],
      [['diagnose', '007abc', '--now', '2025-03-09 02:30:00'], /--now: "2025-03-09 02:30:00" has no time zone/],
      [['inspect', '007abc', '--now', '1738324800000'], /--now: expected Unix seconds .*, got "1738324800000" \(milliseconds\? divide by 1000\)/],
      // A lifetime that is really a Unix time names --expire, not the computed --expire-ts.
      [['legacy-rtc', '-c', 'room', '-u', '1', '--expire', '4000000000'], /--expire: 4000000000 looks like an absolute Unix time/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, { env: CREDS });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('a negative number after a flag is its value (APaaS roles), and real ISO dates still work for --now', () => {
    const spaced = cli(['apaas', '--room-uuid', 'r', '--user-uuid', 'u', '--role', '-1'], { env: CREDS });
    expect(spaced.code).toBe(0);
    const equals = cli(['apaas', '--room-uuid', 'r', '--user-uuid', 'u', '--role=-1'], { env: CREDS });
    const apaas = (t: string) => (verifies007(t), json(cli(['inspect', t, '--json'])).services.find((x: { type: number }) => x.type === 7).fields);
    expect(apaas(spaced.stdout.trim())).toEqual({ roomUuid: 'r', userUuid: 'u', role: -1 });
    expect(apaas(equals.stdout.trim())).toEqual({ roomUuid: 'r', userUuid: 'u', role: -1 });
    const token = cli(['rtc', '-c', 'room', '-u', '1'], { env: CREDS }).stdout.trim();
    const dates = [
      ['2025-01-31', 1738281600], ['2025-01-31T12:00:00Z', 1738324800], ['2025-01-31T12:00:00.5+01:00', 1738321200], ['1738324800', 1738324800],
      // Python's isoformat(), a space, a +0000 offset, lower-case t and z
      ['2025-01-31T12:00:00.123456+00:00', 1738324800], ['2025-01-31 12:00:00Z', 1738324800], ['2025-01-31T12:00:00+0000', 1738324800], ['2025-01-31t12:00:00z', 1738324800],
    ] as const;
    for (const [now, seconds] of dates) {
      const r = cli(['inspect', token, '--now', now, '--json']);
      expect(r.code, now).toBe(0);
      expect(json(r).now, now).toBe(seconds);
    }
  });

  it('missing or malformed credentials name --app-id / --app-certificate, JSON errors go to stdout', () => {
    const r = cli(['rtc', '-c', 'room', '-u', '1']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/--app-id: missing \(or set AGORA_APP_ID\)/)]);
    expect(cli(['rtc', '-c', 'room', '-u', '1'], { env: { AGORA_APP_ID: APP_ID } }).stderr).toMatch(/--app-certificate: missing/);
    const bad = cli(['rtc', '-c', 'room', '-u', '1', '--json', '--app-certificate', CERT.slice(1)], { env: { AGORA_APP_ID: APP_ID } });
    expect(bad.code).toBe(2);
    expect(json(bad)).toEqual({ error: { code: 'ERR_USAGE', message: '--app-certificate: expected 32 hex characters, got length=31', flag: '--app-certificate' } });
  });

  it('never echoes a certificate, even one typed into the wrong flag', () => {
    const r = cli(['rtc', '-c', 'room', '--uid', CERT], { env: CREDS });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[redacted\]/);
    const positional = cli(['rtc', CERT.toLowerCase()], { env: { AGORA_APP_ID: APP_ID } });
    expect(positional.stderr).toMatch(/unexpected argument <32 hex characters>/);
    for (const args of [['rtc', '-c', 'room', '-u', '1', '--json'], ['demo'], ['demo', '--json']]) cli(args, { env: CREDS });
  });
});

describe('inspect, verify, diagnose', () => {
  const token = official.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600, 600);
  const issued = inspectToken(token).issuedAt!;

  it('inspect reads the token from an argument, from stdin and from "-", in text or JSON', () => {
    const text = cli(['inspect', token]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/AccessToken2 \(007\)/);
    expect(text.stdout).toMatch(/channel "room", uid 42/);
    expect(text.stdout).toMatch(/limited by rtc\.joinChannel/);
    const viaStdin = cli(['inspect', '--now', String(issued + 10), '--json'], { input: `${token}\n` });
    expect(json(viaStdin)).toEqual(JSON.parse(JSON.stringify(inspectToken(token, { now: issued + 10 }))));
    expect(json(cli(['inspect', '-', '--json', '--now', new Date((issued + 10) * 1000).toISOString()], { input: token }))).toEqual(json(viaStdin));
    expect(cli(['inspect'], { input: '   \n' }).code).toBe(2);
    // A mistaken pipe of a large file stops at 1 MiB instead of being buffered whole.
    const huge = cli(['inspect'], { input: 'A'.repeat(3 << 20) });
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/stdin: more than 1 MiB of text/);
  });

  it('inspect exits 1 for an unreadable token, with the error code (JSON too)', () => {
    const r = cli(['inspect', token.slice(0, 40)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[ERR_TOKEN_/);
    const j = cli(['inspect', '005abc', '--json']);
    expect([j.code, json(j).error.code]).toEqual([1, 'ERR_TOKEN_UNSUPPORTED']);
  });

  it('verify: 0 valid, 1 invalid; 006 needs the channel (exit 2 naming --channel)', () => {
    expect(cli(['verify', token], { env: CREDS }).code).toBe(0);
    const wrong = cli(['verify', token, '--app-certificate', '0123456789abcdef0123456789abcdef', '--json']);
    expect([wrong.code, json(wrong)]).toEqual([1, { valid: false, version: '007' }]);
    expect(cli(['verify', token]).stderr).toMatch(/--app-certificate: missing/);
    const t6 = cli(['legacy-rtc', '-c', 'room', '-u', '42'], { env: CREDS }).stdout.trim();
    const no = cli(['verify', t6], { env: CREDS });
    expect([no.code, no.stderr]).toEqual([2, expect.stringMatching(/--channel: /)]);
    // In flag words, not the library option's ({ channelName, uid }).
    expect(no.stderr).toMatch(/give --channel \(and --uid or --account\)/);
    expect(no.stderr).not.toMatch(/channelName/);
    expect(cli(['verify', t6, '-c', 'room', '-u', '42'], { env: CREDS }).code).toBe(0);
    expect(cli(['verify', t6, '-c', 'room', '-u', '43'], { env: CREDS }).code).toBe(1);
  });

  it('diagnose: findings match the library, exit 1 on errors, 0 otherwise, --strict counts warnings', () => {
    const args = ['diagnose', token, '--channel', 'Room', '--uid', '0', '--role', 'host', '--now', String(issued + 10)];
    const r = cli([...args, '--json'], { env: CREDS });
    expect(r.code).toBe(1);
    const out = json(r);
    expect(out.ok).toBe(false);
    expect(out.findings).toEqual(diagnoseToken(token, { appId: APP_ID, appCertificate: CERT, channel: 'Room', uid: 0, role: 'host', now: issued + 10 }));
    expect(out.findings.map((f: { code: string }) => f.code)).toEqual(['CHANNEL_MISMATCH', 'UID_MISMATCH', 'PRIVILEGE_ENDS_BEFORE_TOKEN', 'SIGNATURE_VALID']);
    const text = cli(args, { env: CREDS });
    expect(text.stdout).toMatch(/✖ error\s+CHANNEL_MISMATCH/);
    expect(text.stdout).toMatch(/2 errors, 0 warnings, 2 info/);
    const fine = cli(['diagnose', token, '-c', 'room', '-u', '42', '--now', String(issued + 10)]);
    expect(fine.code).toBe(0);
    const soon = ['diagnose', token, '-c', 'room', '-u', '42', '--now', String(issued + 500)];
    expect(cli(soon).code).toBe(0);
    expect(cli([...soon, '--strict']).code).toBe(1);
    expect(cli(['diagnose', '--json'], { input: 'hello' }).stdout).toMatch(/TOKEN_MALFORMED/);
  });
});

describe('colors and demo', () => {
  it('no colors in a pipe; FORCE_COLOR turns them on; NO_COLOR wins', () => {
    const esc = '\u001b[';
    expect(cli(['diagnose', 'hello']).stdout).not.toContain(esc);
    expect(cli(['diagnose', 'hello'], { env: { FORCE_COLOR: '1' } }).stdout).toContain(esc);
    expect(cli(['diagnose', 'hello'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain(esc);
  });

  it('demo builds, inspects and verifies several kinds with TEST-ONLY credentials', () => {
    const r = cli(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/TEST-ONLY/);
    expect(r.stdout.match(/signature verifies ✓/g)).toHaveLength(6);
    expect(r.stdout).toMatch(/CHANNEL_MISMATCH/);
    const j = json(cli(['demo', '--json']));
    expect(j.credentials.testOnly).toBe(true);
    expect(j.examples.map((e: { inspect: { version: string } }) => e.inspect.version)).toEqual(['007', '007', '007', '007', '007', '006']);
    for (const e of j.examples) {
      expect(e.signatureValid).toBe(true);
      if (e.inspect.version === '007') verifies007(e.token);
    }
    expect(j.diagnosis.findings.map((f: { code: string }) => f.code)).toContain('UID_MISMATCH');
  });
});
