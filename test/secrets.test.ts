// No App Certificate (nor any other 32-hex secret passed in) in any error, output or object
// rendering: every builder of every entry with a valid certificate and one bad other field, the
// validators, decode/verify/diagnose, token objects, the built CLI and the server handler.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as assert from '../src/core/assert.ts';
import * as asyncLib from '../src/index.ts';
import * as legacyAsync from '../src/legacy.ts';
import * as legacySync from '../src/legacy-sync.ts';
import * as server from '../src/server.ts';
import * as syncLib from '../src/sync.ts';
import { builders006, builders007, FUTURE, type Lib, optionBuilders } from './helpers/builder-table.ts';
import { APP_ID, BAD_CERTIFICATES, BAD_VALUES, CERT, failureOf, findSecret, leakIn, OTHER } from './helpers/secrets.ts';

const OPTION_KEYS = ['appId', 'appCertificate', 'channel', 'uid', 'account', 'role', 'userId', 'roomUuid', 'userUuid', 'app', 'permissions', 'expiresInSeconds', 'issuedAt', 'salt', 'privilegeExpiresInSeconds', 'rtm', 'dangerouslyAllowBrowser'];

/** Collects problems instead of failing at the first, so one run reports every leaking path. */
class Audit {
  readonly problems: string[] = [];
  errors = 0;
  /** A failure must be a typed AgoraTokenError whose every rendering is free of secrets. */
  failure(where: string, error: unknown, code?: string): void {
    // A call given an expected code must fail: one that succeeds would leave nothing to audit.
    if (error === undefined) {
      if (code) this.problems.push(`${where}: expected ${code}, nothing thrown`);
      return;
    }
    this.errors++;
    if (!asyncLib.isAgoraTokenError(error)) this.problems.push(`${where}: threw a non-AgoraTokenError ${String((error as Error)?.name)}: ${String((error as Error)?.message).slice(0, 120)}`);
    else if (code && error.code !== code) this.problems.push(`${where}: expected ${code}, got ${error.code}`);
    const leak = leakIn(error);
    if (leak) this.problems.push(`${where}: ${leak}`);
  }
  async call(where: string, fn: () => unknown, code?: string): Promise<void> {
    this.failure(where, await failureOf(fn), code);
  }
}

const ENTRIES007: [string, Lib][] = [['index', asyncLib], ['sync', syncLib]];
const ENTRIES006: [string, Lib][] = [['legacy', legacyAsync], ['legacy/sync', legacySync]];

describe('builders: a valid certificate and one bad field never leak the certificate', () => {
  it('the builder table covers every builder method of every entry, and its valid calls build', async () => {
    for (const [entry, lib] of [...ENTRIES007, ...ENTRIES006]) {
      const calls = entry.startsWith('legacy') ? builders006(lib) : builders007(lib);
      const listed = new Set(calls.map((c) => c.name));
      for (const [name, value] of Object.entries(lib)) {
        if (!/TokenBuilder$/.test(name)) continue;
        for (let p = value; p && p !== Function.prototype; p = Object.getPrototypeOf(p)) {
          for (const m of Object.getOwnPropertyNames(p)) {
            if (typeof (value as any)[m] === 'function' && !['length', 'name', 'prototype'].includes(m)) expect(listed, `${entry} ${name}.${m}`).toContain(`${name}.${m}`);
          }
        }
      }
      for (const c of calls) expect(await c.fn(...c.args), `${entry} ${c.name}`).toMatch(/^00[67]/);
      if (!entry.startsWith('legacy')) for (const b of optionBuilders(lib)) expect(await b.fn(b.options), `${entry} ${b.name}`).toMatch(/^007/);
    }
  });

  it.each([...ENTRIES007, ...ENTRIES006])('positional builders of %s', async (entry, lib) => {
    const audit = new Audit();
    for (const c of entry.startsWith('legacy') ? builders006(lib) : builders007(lib)) {
      for (const bad of BAD_CERTIFICATES) await audit.call(`${entry} ${c.name} cert=${String(bad).slice(0, 8)}`, () => c.fn(APP_ID, bad, ...c.args.slice(2)), 'ERR_INVALID_APP_CERTIFICATE');
      for (const bad of [...BAD_VALUES, `${CERT}x`, CERT.slice(1)]) await audit.call(`${entry} ${c.name} appId`, () => c.fn(bad, CERT, ...c.args.slice(2)), 'ERR_INVALID_APP_ID');
      for (let p = 2; p < c.args.length + 1; p++) {
        for (const bad of BAD_VALUES) {
          const args = [...c.args];
          args[p] = bad;
          await audit.call(`${entry} ${c.name} arg ${p}`, () => c.fn(...args));
        }
      }
    }
    expect(audit.problems).toEqual([]);
    expect(audit.errors).toBeGreaterThan(500);
  });

  it.each(ENTRIES007)('options-form builders of %s', async (entry, lib) => {
    const audit = new Audit();
    for (const b of optionBuilders(lib)) {
      for (const bad of BAD_VALUES) await audit.call(`${entry} ${b.name}(options=bad)`, () => b.fn(bad));
      for (const key of OPTION_KEYS) {
        const values = key === 'appCertificate' ? BAD_CERTIFICATES : BAD_VALUES;
        for (const bad of values) await audit.call(`${entry} ${b.name} ${key}`, () => b.fn({ ...b.options, [key]: bad }), key === 'appCertificate' ? 'ERR_INVALID_APP_CERTIFICATE' : undefined);
      }
      await audit.call(`${entry} ${b.name} extra key`, () => b.fn({ ...b.options, secret: CERT, appCertificat: OTHER }));
    }
    expect(audit.problems).toEqual([]);
    expect(audit.errors).toBeGreaterThan(300);
  });

  it.each(ENTRIES007)('AccessToken2 and service classes of %s', async (entry, lib) => {
    const audit = new Audit();
    for (const bad of BAD_CERTIFICATES) await audit.call(`${entry} new AccessToken2 cert`, () => new lib.AccessToken2(APP_ID, bad, 1, 600), 'ERR_INVALID_APP_CERTIFICATE');
    for (const bad of BAD_VALUES) {
      await audit.call(`${entry} AccessToken2 issueTs`, () => new lib.AccessToken2(APP_ID, CERT, bad, 600));
      await audit.call(`${entry} AccessToken2 expire`, () => new lib.AccessToken2(APP_ID, CERT, 1, bad));
      const t = new lib.AccessToken2(APP_ID, CERT, 1, 600).addService(new lib.ServiceFpa());
      t.salt = bad;
      await audit.call(`${entry} build() with salt`, () => t.build());
      for (const S of ['ServiceRtc', 'ServiceRtm', 'ServiceStreaming', 'ServiceChat', 'ServiceFCdn', 'ServiceApaas', 'ServiceRtm2']) {
        await audit.call(`${entry} new ${S}(bad)`, () => new lib[S](bad, bad, bad));
        await audit.call(`${entry} ${S}.addPrivilege`, () => new lib.ServiceFpa().addPrivilege(bad, 1));
      }
      await audit.call(`${entry} Rtm2Permissions.add`, () => new lib.Rtm2Permissions().add(0, 0, [bad]));
    }
    await audit.call(`${entry} build() without services`, () => new lib.AccessToken2(APP_ID, CERT, 1, 600).build(), 'ERR_NO_SERVICE');
    expect(audit.problems).toEqual([]);
    expect(audit.errors).toBeGreaterThan(350); // errors were made to be audited
  });

  it.each(ENTRIES007)('AccessToken2.addService of %s refuses a non-service with a typed error', async (entry, lib) => {
    const audit = new Audit();
    // Refused by addService itself: a non-service let through would fail build() as ERR_NO_SERVICE.
    for (const bad of BAD_VALUES) await audit.call(`${entry} addService(${typeof bad})`, () => new lib.AccessToken2(APP_ID, CERT, 1, 600).addService(bad).build(), 'ERR_INVALID_ARGUMENT');
    expect(audit.problems).toEqual([]);
    expect(audit.errors).toBe(BAD_VALUES.length);
  });

  it('the validators never echo a certificate or a secret-bearing value', async () => {
    const audit = new Audit();
    const validators = Object.entries(assert).filter(([, f]) => typeof f === 'function') as [string, (...a: unknown[]) => unknown][];
    expect(validators.length).toBeGreaterThan(8);
    for (const [name, f] of validators) {
      for (const bad of [...BAD_VALUES, ...BAD_CERTIFICATES]) await audit.call(`${name}`, () => f(bad, 'field'));
    }
    expect(audit.problems).toEqual([]);
    expect(audit.errors).toBeGreaterThan(400); // errors were made to be audited
  });
});

describe('a secret used as an option key', () => {
  // `{ [appCertificate]: … }`, a secret-keyed map passed as options: the unknown-key errors quote
  // keys, and must not quote that one (nor a 12-character piece of it), in any letter case.
  it.each(ENTRIES007)('options-form builders, inspect, diagnose and verify of %s, and the server options', async (entry, lib) => {
    const audit = new Audit();
    const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, FUTURE);
    for (const secret of [CERT, OTHER]) {
      for (const key of [secret, secret.toUpperCase(), `x${secret}`, `"${secret}"`, `${secret.slice(0, 16)}-${secret.slice(16)}`]) {
        for (const b of optionBuilders(lib)) await audit.call(`${entry} ${b.name} key`, () => b.fn({ ...b.options, [key]: 1 }), 'ERR_INVALID_ARGUMENT');
        await audit.call(`${entry} buildRtcToken rtm key`, () => lib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 1, role: 'publisher', rtm: { userId: 'u', [key]: 1 } }), 'ERR_INVALID_ARGUMENT');
        await audit.call(`${entry} inspectToken key`, () => lib.inspectToken(t006, { [key]: 1 }), 'ERR_INVALID_ARGUMENT');
        await audit.call(`${entry} diagnoseToken key`, () => lib.diagnoseToken(t006, { appCertificate: CERT, [key]: 1 }), 'ERR_INVALID_ARGUMENT');
        await audit.call(`${entry} verifyToken key`, () => lib.verifyToken(t006, CERT, { channelName: 'room', uid: 42, [key]: 1 }), 'ERR_INVALID_ARGUMENT');
        await audit.call('createTokenHandler key', () => server.createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, [key]: 1 } as never), 'ERR_INVALID_ARGUMENT');
      }
    }
    expect(audit.problems).toEqual([]);
    expect(audit.errors).toBeGreaterThan(80);
  });

  it('a secret past the 40th character of a key, or only 12 characters of one, is not quoted either', async () => {
    // The 40-character cut comes after the hiding: cut first, the piece of the secret left before
    // the cut (up to 11 characters) would be too short to hide and be quoted. A 12-character piece
    // of a secret is a run to hide too.
    const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, FUTURE);
    const keys = [...[20, 29, 35, 39].map((n) => `${'x'.repeat(n)}${CERT}`), `${CERT.slice(0, 12)}-x`, `x-${CERT.slice(20)}`];
    for (const key of keys) {
      const errors = [
        await failureOf(() => syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 1, role: 'publisher', [key]: 1 } as never)),
        await failureOf(() => syncLib.inspectToken(t006, { [key]: 1 } as never)),
        await failureOf(() => syncLib.diagnoseToken(t006, { appCertificate: CERT, [key]: 1 } as never)),
        await failureOf(() => syncLib.verifyToken(t006, CERT, { channelName: 'room', uid: 42, [key]: 1 } as never)),
      ];
      for (const error of errors) {
        expect(error, key).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
        const { message, field } = error as { message: string; field: string };
        // No 8 hex characters of the certificate in a row, in the message or the field.
        for (const text of [message, field]) for (let i = 0; i + 8 <= CERT.length; i++) expect(text.toLowerCase(), `${key} ${text}`).not.toContain(CERT.slice(i, i + 8).toLowerCase());
      }
    }
  });

  it('an ordinary misspelt key is still quoted, with its "did you mean"', () => {
    expect(() => syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 1, role: 'publisher', expiresIn: 60 } as never)).toThrow(/options\.expiresIn: unknown option \(did you mean expiresInSeconds\?\)/);
  });
});

describe('decode, verify and diagnose with a certificate given', () => {
  const token007 = syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 42, role: 'publisher', issuedAt: 1_700_000_000, salt: 1 });
  const token006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, FUTURE);
  const badTokens = ['', '007', '006', CERT, `007${CERT}`, `006${CERT}`, `006${CERT}AAAA`, `006${APP_ID}${CERT}`, `007${OTHER}==`, token007.slice(0, -8), `${token007}AAAA`, token006.slice(0, -6), `${token006}${CERT}`, ` ${token007}`];

  it.each([...ENTRIES007, ...ENTRIES006])('verifyToken of %s', async (entry, lib) => {
    const audit = new Audit();
    for (const t of badTokens) {
      await audit.call(`${entry} decodeToken(${t.slice(0, 12)})`, () => lib.decodeToken(t));
      for (const cert of [CERT, OTHER]) await audit.call(`${entry} verifyToken(${t.slice(0, 12)})`, () => lib.verifyToken(t, cert, { channelName: 'room', uid: 42 }));
    }
    for (const token of [token007, token006]) {
      for (const bad of BAD_CERTIFICATES) await audit.call(`${entry} verifyToken cert`, () => lib.verifyToken(token, bad, { channelName: 'room', uid: 42 }), 'ERR_INVALID_APP_CERTIFICATE');
      expect(await lib.verifyToken(token, OTHER, { channelName: 'room', uid: 42 })).toBe(false);
    }
    for (const bad of BAD_VALUES) {
      await audit.call(`${entry} verify 006 expected=bad`, () => lib.verifyToken(token006, CERT, bad));
      await audit.call(`${entry} verify 006 channel`, () => lib.verifyToken(token006, CERT, { channelName: bad, uid: 42 }));
      await audit.call(`${entry} verify 006 uid`, () => lib.verifyToken(token006, CERT, { channelName: 'room', uid: bad }));
    }
    expect(audit.problems).toEqual([]);
    expect(audit.errors).toBeGreaterThan(50);
  });

  it.each(ENTRIES007)('diagnoseToken of %s: findings and errors name no certificate', async (entry, lib) => {
    const audit = new Audit();
    // Findings may quote what the caller expects (channel, account), so those carry the *other* secret.
    const cases: [unknown, string, string][] = [[CERT, CERT, OTHER], [OTHER, OTHER, CERT], ...BAD_CERTIFICATES.map((c): [unknown, string, string] => [c, CERT, 'x'.repeat(32)])];
    let read = 0; // calls that returned findings, which were then searched
    for (const token of [token007, token006, ...badTokens]) {
      for (const [appCertificate, secret, quoted] of cases) {
        for (const extra of [{}, { channel: 'room', uid: 42 }, { channel: quoted.slice(0, 32), uid: 1 }, { channel: 'other', account: `${quoted}!` }]) {
          let findings: unknown;
          await audit.call(`${entry} diagnoseToken`, async () => {
            findings = await lib.diagnoseToken(token, { appCertificate, ...extra });
          });
          if (findings !== undefined) read++;
          const leak = findings === undefined ? undefined : leakIn(findings, [secret]);
          if (leak) audit.problems.push(`${entry} diagnoseToken findings: ${leak}`);
        }
      }
    }
    expect(audit.problems).toEqual([]);
    // Both halves ran: errors to search, and findings (every token, with a certificate or without one).
    expect(audit.errors).toBeGreaterThan(500);
    expect(read).toBeGreaterThan(100);
  });
});

describe('token objects', () => {
  it.each(ENTRIES007)('AccessToken2 of %s: JSON, String, util.inspect, spread and clone carry no certificate', (entry, lib) => {
    const t = new lib.AccessToken2(APP_ID, CERT, 1_700_000_000, 600).addService(new lib.ServiceRtc('room', 42).addPrivilege(1, 600));
    for (const form of [t, { ...t }, structuredClone({ ...t }), Object.keys(t), Reflect.ownKeys(t).map(String)]) expect(leakIn(form), entry).toBeUndefined();
    expect(JSON.stringify(t)).toContain(APP_ID); // the public fields are still there
    expect(t.appCertificate).toBe(CERT); // reachable on purpose, as in the official class
  });

  it.each(ENTRIES006)('AccessToken of %s: JSON, String, util.inspect, spread and clone carry no certificate', (entry, lib) => {
    const t = new lib.AccessToken(APP_ID, CERT, 'room', 42);
    t.addPrivilege(1, FUTURE);
    for (const form of [t, { ...t }, structuredClone({ ...t }), Object.keys(t), Reflect.ownKeys(t).map(String)]) expect(leakIn(form), entry).toBeUndefined();
  });
});

describe('server handler', () => {
  // Clients put another 32-hex value (OTHER) in every field; the server's own CERT must never come back.
  it('no response, header, event or startup error carries the certificate', async () => {
    const audit = new Audit();
    for (const bad of BAD_CERTIFICATES) await audit.call('createTokenHandler cert', () => server.createTokenHandler({ appId: APP_ID, appCertificate: bad as string, insecureAllowAnyone: true }), 'ERR_INVALID_APP_CERTIFICATE');
    await audit.call('createTokenHandler appId', () => server.createTokenHandler({ appId: `${CERT}x`, appCertificate: CERT, insecureAllowAnyone: true }), 'ERR_INVALID_APP_ID');
    const seen: unknown[] = [];
    const handler = server.createTokenHandler({ appId: APP_ID, appCertificate: CERT, insecureAllowAnyone: true, onIssue: (e) => void seen.push(e), onError: (e) => void seen.push(e) });
    const u = 'http://localhost';
    const post = (path: string, body: string, type = 'application/json') => new Request(`${u}${path}`, { method: 'POST', body, headers: { 'content-type': type } });
    const requests = [
      new Request(`${u}/rtc/room/publisher/uid/42`), new Request(`${u}/rtc/${OTHER}/publisher/uid/42`), new Request(`${u}/rtc/room/publisher/uid/${OTHER}`),
      new Request(`${u}/rtm/${OTHER}`), new Request(`${u}/rtc/room%00/publisher/uid/1`), new Request(`${u}/rtc/%E0%A4%A/publisher/uid/1`),
      new Request(`${u}/chat/account/${OTHER}`), new Request(`${u}/access_token?channel=${OTHER}&uid=${OTHER}`), new Request(`${u}/ping`),
      post('/getToken', JSON.stringify({ tokenType: 'rtc', channel: 'room', role: 'publisher', uid: '42', expire: 600 })),
      post('/getToken', JSON.stringify({ tokenType: 'rtc', channel: `${OTHER}\u0000`, role: 'publisher', uid: OTHER })),
      post('/getToken', JSON.stringify({ tokenType: 'rtm', uid: `${OTHER} ${OTHER}`, appCertificate: OTHER })),
      post('/getToken', `{"tokenType":"rtc","channel":"${OTHER}"`), post('/getToken', OTHER, 'text/plain'),
      post('/getToken', JSON.stringify({ tokenType: OTHER })), post('/getToken', JSON.stringify({ tokenType: 'rtc', channel: 'room', role: OTHER, uid: '1' })),
      post('/getToken', JSON.stringify({ tokenType: 'rtc', channel: 'room', role: 'publisher', uid: '1', expire: OTHER })),
      new Request(`${u}/${OTHER}`), new Request(`${u}/getToken`, { method: 'DELETE' }),
    ];
    let ok = 0;
    for (const req of requests) {
      const res = await handler(req);
      expect(res.status, req.url).toBeLessThan(500);
      if (res.status === 200) ok++;
      const text = `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.text()}`;
      const found = findSecret(text, [CERT]);
      if (found) audit.problems.push(`${req.method} ${req.url}: ${found}`);
    }
    for (const e of seen) {
      const leak = leakIn(e, [CERT]);
      if (leak) audit.problems.push(`event/error hook: ${leak}`);
    }
    expect(ok).toBeGreaterThanOrEqual(2);
    expect(audit.problems).toEqual([]);
  });
});

const CLI = new URL('../dist/cli.js', import.meta.url);

describe('CLI (dist/cli.js)', () => {
  // A missing build fails the run instead of skipping these checks (npm test builds first).
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');

  it('no output of any failing or succeeding command carries a certificate', async () => {
    const run = promisify(execFile);
    const t007 = syncLib.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channel: 'room', uid: 42, role: 'publisher' });
    const t006 = legacySync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, FUTURE);
    const cred = ['--app-id', APP_ID, '--app-certificate', CERT];
    // [args, env, the certificate given]: other fields carry OTHER, which output may legitimately quote.
    const runs: [string[], Record<string, string>, string][] = [
      [['rtc', ...cred, '--channel', 'room', '--uid', '42'], {}, CERT],
      [['rtc', ...cred, '--channel', `${OTHER}\u0001`, '--uid', '42'], {}, CERT],
      [['rtc', ...cred, '--channel', 'room', '--uid', OTHER], {}, CERT],
      [['rtc', ...cred, '--channel', 'room', '--account', OTHER.repeat(9)], {}, CERT],
      [['rtc', ...cred, '--channel', 'room', '--uid', '1', '--expire', OTHER], {}, CERT],
      [['rtc', ...cred, '--channel', 'room', '--uid', '1', '--role', OTHER], {}, CERT],
      [['rtc', '--app-id', APP_ID, '--app-certificate', `${CERT}0`, '--channel', 'room', '--uid', '1'], {}, CERT],
      [['rtc', '--app-id', APP_ID, `--app-certificate=${CERT.slice(1)}`, '--channel', 'room', '--uid', '1'], {}, CERT],
      [['rtc', '--app-id', APP_ID, '--app-cert', CERT, '--channel', 'room', '--uid', '1'], {}, CERT],
      [['rtc', '--app-id', APP_ID, '--channel', 'room', '--uid', '1', CERT], {}, CERT],
      [['rtc', '--app-id', APP_ID, '--channel', 'room', '--uid', '1'], { AGORA_APP_CERTIFICATE: `${CERT}!` }, CERT],
      [['rtc', '--app-id', `${CERT}z`, '--channel', 'room', '--uid', '1'], { AGORA_APP_CERTIFICATE: CERT }, CERT],
      [['rtm', ...cred, '--user-id', OTHER.repeat(3)], {}, CERT],
      [['chat', ...cred, '--user-id', '\u0001'.repeat(300)], {}, CERT],
      [['legacy-rtc', ...cred, '--channel', 'room', '--uid', '1', '--privilege-expired-ts', OTHER], {}, CERT],
      [['verify', t007, '--app-certificate', OTHER], {}, OTHER],
      [['verify', t007, '--app-certificate', CERT, '--json'], {}, CERT],
      [['verify', `${t007}AAAA`, '--app-certificate', CERT], {}, CERT],
      [['verify', t006, '--app-certificate', CERT, '--channel', OTHER, '--uid', '42'], {}, CERT],
      [['verify', t006, '--channel', 'room', '--uid', '42'], { AGORA_APP_CERTIFICATE: OTHER.toUpperCase() }, OTHER],
      [['verify', CERT, '--app-certificate', CERT], {}, CERT],
      [['diagnose', t007, '--app-certificate', CERT, '--channel', 'room', '--uid', '42', '--json'], {}, CERT],
      [['diagnose', t007, '--app-certificate', CERT, '--channel', OTHER, '--uid', '1'], {}, CERT],
      [['diagnose', t007, '--channel', 'room', '--uid', '1', '--json'], { AGORA_APP_CERTIFICATE: OTHER }, OTHER],
      [['inspect', `006${CERT}AAAA`], {}, CERT],
      [['nonsense', CERT], {}, CERT],
    ];
    const results = await Promise.all(runs.map(async ([args, env, secret]) => {
      try {
        const { stdout, stderr } = await run(process.execPath, [CLI.pathname, ...args], { env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } });
        return { args, secret, code: 0, out: stdout + stderr };
      } catch (e) {
        const x = e as { code: number; stdout: string; stderr: string };
        return { args, secret, code: x.code, out: x.stdout + x.stderr };
      }
    }));
    const problems = results.flatMap((r) => {
      const found = findSecret(r.out, [r.secret]);
      return found ? [`${r.args.join(' ').slice(0, 80)}: ${found}: ${r.out.slice(0, 200)}`] : [];
    });
    expect(problems).toEqual([]);
    expect(results.filter((r) => r.code !== 0).length).toBeGreaterThan(15);
    expect(results.every((r) => r.out.length > 0)).toBe(true);
  });
});
