/**
 * @module scripts/python-oracle — our `/sync` builders against Agora's own Python 3 implementation,
 * and Agora's Python parser reading our tokens.
 *
 *   npx tsx scripts/python-oracle.ts --tools ../Tools [--cases 3000] [--seed 1]    (--cases: tokens, rounded up to whole rounds)
 *
 * `--tools` is a checkout of github.com/AgoraIO/Tools (nothing of it is copied into this project);
 * the script runs its DynamicKey/AgoraDynamicKey/python3/src modules with `python3`. Python's
 * builders compress with the zlib Python links (canonical zlib), so every token string must be
 * byte-identical to ours, not only the payload. Both sides get the same issue time and salt:
 * Python's `time.time` and `secrets.SystemRandom` are replaced inside its AccessToken2 and
 * AccessToken (006) modules, ours
 * come from a fixed `Date.now` and a CSPRNG stub that makes the salt pool hold the chosen salt.
 *
 * Per case (random inputs from a seeded PRNG: every positional builder Python has, 007 and 006,
 * channel names from the full allowed alphabet, uids over 0..2^32-1, Unicode accounts up to 255
 * bytes, lifetimes over 0..2^32-1): (1) Python's token equals ours; (2) for 007, Python's
 * `from_string` parses our token, `verify_signature` accepts it with the certificate and rejects it
 * with another, and what it reads (App ID, times, salt, service types, privileges, string fields)
 * equals our decodeToken; for 006, Python's `fromString` reads our token and its `build` re-signs
 * what it read into the same string with the certificate, and into another with another one.
 * Exits 1 on any difference, printing the first ones.
 */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resetSaltPool } from '../src/core/random.ts';
import * as legacy from '../src/legacy-sync.ts';
import * as ours from '../src/sync.ts';
import { oracleInputs, oracleOptions, SetupError } from './lib/oracle-inputs.ts';

const { tools: TOOLS, cases: CASES, seed: SEED } = oracleOptions(3000);
const PY_ROOT = resolve(TOOLS, 'DynamicKey/AgoraDynamicKey/python3');
if (!existsSync(join(PY_ROOT, 'src/AccessToken2.py'))) throw new SetupError(`${PY_ROOT}/src/AccessToken2.py not found (is --tools a checkout of AgoraIO/Tools?)`);

const { below, pick, hex32, channel, account, uid, seconds, role } = oracleInputs(SEED);

interface Case {
  name: string;
  ours: (appId: string, cert: string) => string;
  py: { module: string; cls: string; method: string; args: unknown[]; permissions?: [number, number, string[]][] };
  /** 006 only: what Python's AccessToken needs to rebuild (and so re-sign) a parsed token. */
  parse006?: { channel: string; uid: string | number };
}

/** One random case of every kind the Python package can build. */
function cases(appId: string, cert: string): Case[] {
  const ch = channel();
  const u = uid();
  const acc = account();
  const r = role();
  const [t1, t2, t3, t4, t5, t6] = [seconds(), seconds(), seconds(), seconds(), seconds(), seconds()];
  // Chat and APaaS user ids must not be empty here (an empty one is refused, on purpose); RTM's
  // may, and RTM user ids are limited to 64 bytes.
  const user = account() || 'u';
  const rtmUser = account(64);
  const rtc = (method: string, pyMethod: string, args: unknown[]): Case => ({
    name: `RtcTokenBuilder.${method}`,
    ours: () => (ours.RtcTokenBuilder as any)[method](appId, cert, ...args),
    py: { module: 'RtcTokenBuilder2', cls: 'RtcTokenBuilder', method: pyMethod, args: [appId, cert, ...args] },
  });
  const perms: [number, number, string[]][] = Array.from({ length: below(4) }, () => [below(5), below(2), Array.from({ length: below(3) }, () => channel())]);
  const rtm2 = new ours.Rtm2Permissions();
  for (const [type, perm, list] of perms) rtm2.add(type, perm, list);
  const roomRole = pick([0, 1, 2, 3]);
  const role006 = pick<legacy.RtcRole>([0, 1, 2, 101]);
  const expiredTs = pick([0, 1_000_000_000 + below(3_000_000_000), 2 ** 32 - 1]);
  const apaas = (cls: 'ApaasTokenBuilder' | 'EducationTokenBuilder', module: string): Case[] => [
    { name: `${cls}.buildRoomUserToken`, ours: () => ours[cls].buildRoomUserToken(appId, cert, ch, user, roomRole, t1), py: { module, cls, method: 'build_room_user_token', args: [appId, cert, ch, user, roomRole, t1] } },
    { name: `${cls}.buildUserToken`, ours: () => ours[cls].buildUserToken(appId, cert, user, t1), py: { module, cls, method: 'build_user_token', args: [appId, cert, user, t1] } },
    { name: `${cls}.buildAppToken`, ours: () => ours[cls].buildAppToken(appId, cert, t1), py: { module, cls, method: 'build_app_token', args: [appId, cert, t1] } },
  ];
  return [
    rtc('buildTokenWithUid', 'build_token_with_uid', [ch, u, r, t1, t2]),
    rtc('buildTokenWithUserAccount', 'build_token_with_user_account', [ch, acc, r, t1, t2]),
    rtc('buildTokenWithUidAndPrivilege', 'build_token_with_uid_and_privilege', [ch, u, t1, t2, t3, t4, t5]),
    rtc('buildTokenWithUserAccountAndPrivilege', 'build_token_with_user_account_and_privilege', [ch, acc, t1, t2, t3, t4, t5]),
    rtc('buildTokenWithRtm', 'build_token_with_rtm', [ch, acc, r, t1, t2]),
    rtc('buildTokenWithRtm2', 'build_token_with_rtm2', [ch, acc, r, t1, t2, t3, t4, t5, rtmUser, t6]),
    { name: 'RtmTokenBuilder.buildToken', ours: () => ours.RtmTokenBuilder.buildToken(appId, cert, rtmUser, t1), py: { module: 'RtmTokenBuilder2', cls: 'RtmTokenBuilder', method: 'build_token', args: [appId, cert, rtmUser, t1] } },
    {
      name: 'RtmTokenBuilder.buildTokenWithPermissions',
      ours: () => ours.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, rtmUser, rtm2, t1),
      py: { module: 'RtmTokenBuilder2', cls: 'RtmTokenBuilder', method: 'build_token_with_permissions', args: [appId, cert, rtmUser, null, t1], permissions: perms },
    },
    { name: 'ChatTokenBuilder.buildUserToken', ours: () => ours.ChatTokenBuilder.buildUserToken(appId, cert, user, t1), py: { module: 'ChatTokenBuilder2', cls: 'ChatTokenBuilder', method: 'build_user_token', args: [appId, cert, user, t1] } },
    { name: 'ChatTokenBuilder.buildAppToken', ours: () => ours.ChatTokenBuilder.buildAppToken(appId, cert, t1), py: { module: 'ChatTokenBuilder2', cls: 'ChatTokenBuilder', method: 'build_app_token', args: [appId, cert, t1] } },
    { name: 'FpaTokenBuilder.buildToken', ours: () => ours.FpaTokenBuilder.buildToken(appId, cert), py: { module: 'fpa_token_builder', cls: 'FpaTokenBuilder', method: 'build_token', args: [appId, cert] } },
    ...apaas('ApaasTokenBuilder', 'apaas_token_builder'),
    ...apaas('EducationTokenBuilder', 'education_token_builder'),
    // 006 (/legacy/sync against Python's AccessToken.py builders): privilegeExpiredTs is absolute.
    {
      name: '006 RtcTokenBuilder.buildTokenWithUid',
      ours: () => legacy.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, u, role006, expiredTs),
      py: { module: 'RtcTokenBuilder', cls: 'RtcTokenBuilder', method: 'buildTokenWithUid', args: [appId, cert, ch, u, role006, expiredTs] },
      parse006: { channel: ch, uid: u },
    },
    {
      name: '006 RtcTokenBuilder.buildTokenWithAccount',
      ours: () => legacy.RtcTokenBuilder.buildTokenWithAccount(appId, cert, ch, acc, role006, expiredTs),
      py: { module: 'RtcTokenBuilder', cls: 'RtcTokenBuilder', method: 'buildTokenWithAccount', args: [appId, cert, ch, acc, role006, expiredTs] },
      parse006: { channel: ch, uid: acc },
    },
    {
      name: '006 RtmTokenBuilder.buildToken',
      ours: () => legacy.RtmTokenBuilder.buildToken(appId, cert, rtmUser || 'u', 1, expiredTs),
      py: { module: 'RtmTokenBuilder', cls: 'RtmTokenBuilder', method: 'buildToken', args: [appId, cert, rtmUser || 'u', 1, expiredTs] },
      parse006: { channel: rtmUser || 'u', uid: '' },
    },
  ];
}

// The Python side: one process reads JSON requests line by line and answers each with one line.
const DRIVER = String.raw`
import sys, json, importlib
sys.path.insert(0, sys.argv[1])
at = importlib.import_module('src.AccessToken2')
class Clock:
    now = 0
    @staticmethod
    def time():
        return Clock.now
class Draw:
    salt = 1
    def randint(self, lo, hi):
        return Draw.salt
class Secrets:
    @staticmethod
    def SystemRandom():
        return Draw()
at.time = Clock
at.secrets = Secrets
at006 = importlib.import_module('src.AccessToken')
at006.time = Clock
at006.secrets = Secrets
def plain(v):
    if isinstance(v, bytes):
        return v.decode('utf-8', 'surrogateescape')
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if hasattr(v, 'details'):
        return plain(v.details)
    return v
for line in sys.stdin:
    req = json.loads(line)
    if req['op'] == 'build':
        Clock.now = req['issueTs']
        Draw.salt = req['salt']
        py = req['py']
        cls = getattr(importlib.import_module('src.' + py['module']), py['cls'])
        args = py['args']
        if py.get('permissions') is not None:
            perms = at.ServiceRtm2.Permissions()
            for (rtype, ptype, resources) in py['permissions']:
                perms.add(rtype, ptype, resources)
            args = args[:3] + [perms] + args[4:]
        out = {'token': getattr(cls, py['method'])(*args)}
    elif req['op'] == 'parse006':
        # Python's 006 parser reads salt, ts and privileges; rebuilding with the inputs must re-sign identically.
        t = at006.AccessToken(req['appId'], req['cert'], req['channel'], req['uid'])
        parsed = t.fromString(req['token'])
        other = at006.AccessToken(req['appId'], req['otherCert'], req['channel'], req['uid'])
        other.fromString(req['token'])
        out = {'parsed': parsed, 'rebuilt': t.build() if parsed else '', 'rebuiltWithOther': other.build() if parsed else ''}
    else:
        t = at.AccessToken()
        try:
            parsed = t.from_string(req['token'])
        except ValueError as e:
            parsed = False
        services = []
        for s in t.services:
            fields = {k.split('__')[-1]: plain(v) for k, v in vars(s).items()}
            services.append(fields)
        out = {
            'parsed': parsed,
            'verified': t.verify_signature(req['cert']),
            'verifiedWithOther': t.verify_signature(req['otherCert']),
            'appId': plain(t._AccessToken__app_id), 'issueTs': t._AccessToken__issue_ts,
            'expire': t._AccessToken__expire, 'salt': t._AccessToken__salt, 'services': services,
        }
    sys.stdout.write(json.dumps(out) + '\n')
`;

/** Runs every request through one python3 process; returns the answers in order. */
function python(requests: object[]): any[] {
  const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const r = spawnSync('python3', ['-c', DRIVER, PY_ROOT], { input, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.error) throw new SetupError(`python3 is not available: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== requests.length) throw new Error(`python3 answered ${lines.length} of ${requests.length} requests: ${r.stderr}`);
  return lines.map((l) => JSON.parse(l));
}

/** Builds with ours at a fixed issue time and salt (Date.now and the CSPRNG stubbed for the call). */
function buildOurs(c: Case, appId: string, cert: string, issueTs: number, salt: number): string {
  const now = Date.now;
  const draw = crypto.getRandomValues;
  Date.now = () => issueTs * 1000 + 999;
  // salt = (word % 99999999) + 1 (see core/random.ts); every word of the pool gives this salt.
  crypto.getRandomValues = (<T extends ArrayBufferView | null>(a: T): T => ((a as unknown as Uint32Array).fill(salt - 1), a)) as typeof crypto.getRandomValues;
  resetSaltPool();
  try {
    return c.ours(appId, cert);
  } finally {
    Date.now = now;
    crypto.getRandomValues = draw;
    resetSaltPool();
  }
}

const started = performance.now();
const built: { c: Case; issueTs: number; salt: number; appId: string; cert: string; token: string }[] = [];
while (built.length < CASES) {
  const appId = hex32();
  const cert = hex32();
  const issueTs = 1_500_000_000 + below(600_000_000);
  const salt = 1 + below(99_999_999);
  for (const c of cases(appId, cert)) built.push({ c, issueTs, salt, appId, cert, token: buildOurs(c, appId, cert, issueTs, salt) });
}
const pyTokens = python(built.map((b) => ({ op: 'build', issueTs: b.issueTs, salt: b.salt, py: b.c.py })));
const pyParsed = python(
  built.map((b) =>
    b.c.parse006
      ? { op: 'parse006', token: b.token, appId: b.appId, cert: b.cert, otherCert: hex32(), ...b.c.parse006 }
      : { op: 'parse', token: b.token, cert: b.cert, otherCert: hex32() },
  ),
);

const failures: string[] = [];
const perMethod = new Map<string, number>();
const fail = (b: (typeof built)[number], what: string) => {
  if (failures.length < 20) failures.push(`${b.c.name} (issueTs ${b.issueTs}, salt ${b.salt}, args ${JSON.stringify(b.c.py.args.slice(2))}): ${what}`);
  else failures.push('');
};
built.forEach((b, i) => {
  perMethod.set(b.c.name, (perMethod.get(b.c.name) ?? 0) + 1);
  const want = pyTokens[i].token as string;
  if (want !== b.token) fail(b, `token differs\n    ours   ${b.token}\n    python ${want}`);
  const p = pyParsed[i];
  if (b.c.parse006) {
    // Rebuilt from what Python parsed, with the right certificate: the same string; with another: not.
    if (!p.parsed || p.rebuilt !== b.token || p.rebuiltWithOther === b.token) fail(b, `python 006 parse ${p.parsed}, rebuilt ${p.rebuilt}`);
    return;
  }
  if (!p.parsed || !p.verified || p.verifiedWithOther) fail(b, `python parse ${p.parsed}, verify ${p.verified}, verify with another certificate ${p.verifiedWithOther}`);
  const d = ours.decodeToken(b.token) as ours.DecodedToken007;
  if (p.appId !== d.appId || p.issueTs !== d.issueTs || p.expire !== d.expire || p.salt !== d.salt) fail(b, `python read ${JSON.stringify([p.appId, p.issueTs, p.expire, p.salt])}`);
  const theirs = p.services.map((s: any) => ({ type: s.type, privileges: s.privileges, strings: Object.entries(s).filter(([k, v]) => typeof v === 'string' && k !== 'type').map(([, v]) => v).sort() }));
  const mine = d.services.map((s: any) => ({
    type: s.type,
    privileges: Object.fromEntries((s.privileges ?? []).map((x: { id: number; expire: number }) => [String(x.id), x.expire])),
    strings: Object.entries(s).filter(([k, v]) => typeof v === 'string' && k !== 'name').map(([, v]) => v).sort(),
  }));
  if (JSON.stringify(theirs) !== JSON.stringify(mine)) fail(b, `services read by python ${JSON.stringify(theirs)} vs ours ${JSON.stringify(mine)}`);
});

const version = spawnSync('python3', ['-c', 'import sys, zlib; print(sys.version.split()[0], zlib.ZLIB_RUNTIME_VERSION)'], { encoding: 'utf8' }).stdout.trim().split(' ');
console.log(`python-oracle: ${built.length} tokens, seed ${SEED}, Python ${version[0]} with zlib ${version[1]}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`  per method: ${[...perMethod].map(([m, n]) => `${m} ${n}`).join(', ')}`);
console.log(`  differences: ${failures.length}`);
for (const f of failures.filter(Boolean)) console.log(`  FAIL ${f}`);
process.exitCode = failures.length === 0 ? 0 : 1;
