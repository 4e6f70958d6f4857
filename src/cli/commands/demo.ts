/**
 * @module cli/commands/demo — `demo`: builds, inspects, verifies and diagnoses example tokens of
 * several kinds with TEST-ONLY credentials, so a first run shows what the library does.
 */

import { buildChatToken, buildRtcToken, buildRtmToken, verifyToken } from '../../api/sync.ts';
import { diagnoseToken } from '../../api/inspect-sync.ts';
import type { DiagnoseExpectation } from '../../inspect/expected.ts';
import { inspectToken } from '../../inspect/inspect.ts';
import { formatDuration } from '../../inspect/time.ts';
import { RtcTokenBuilder as RtcTokenBuilder006 } from '../../legacy/api-sync.ts';
import { Rtm2Permissions } from '../../token/rtm2-permissions.ts';
import { parseFlags } from '../args.ts';
import { type Command, EXIT, noPositionals } from '../command.ts';
import { formatFindings } from '../format.ts';

// TEST-ONLY credentials: the public sample pair from Agora's own AgoraDynamicKey test suite.
// They belong to no usable project. Never use them, or anything printed by the demo, for real.
const DEMO_APP_ID = '970CA35de60c44645bbae8a215061b33';
const DEMO_APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b';

interface Example {
  title: string;
  code: string;
  token: string;
  verify?: { channelName: string; uid?: number | string };
}

function examples(): Example[] {
  const creds = { appId: DEMO_APP_ID, appCertificate: DEMO_APP_CERTIFICATE };
  const perms = new Rtm2Permissions().add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kRead, ['lobby', 'news']);
  const in1h = Math.floor(Date.now() / 1000) + 3600;
  return [
    { title: 'RTC host: uid 42 in "demo-room", 1 hour', code: "buildRtcToken({ appId, appCertificate, channel: 'demo-room', uid: 42, role: 'publisher', expiresInSeconds: 3600 })", token: buildRtcToken({ ...creds, channel: 'demo-room', uid: 42, role: 'publisher', expiresInSeconds: 3600 }) },
    { title: 'RTC audience: any uid (uid 0), join only, 10 minutes', code: "buildRtcToken({ ..., channel: 'demo-room', uid: 0, role: 'subscriber', expiresInSeconds: 600 })", token: buildRtcToken({ ...creds, channel: 'demo-room', uid: 0, role: 'subscriber', expiresInSeconds: 600 }) },
    { title: 'RTC + RTM in one token for user account "alice"', code: "buildRtcToken({ ..., channel: 'demo-room', account: 'alice', role: 'publisher', rtm: {} })", token: buildRtcToken({ ...creds, channel: 'demo-room', account: 'alice', role: 'publisher', rtm: {} }) },
    { title: 'RTM 2.x login with channel permissions', code: "buildRtmToken({ ..., userId: 'alice', permissions: new Rtm2Permissions().add(kMessageChannels, kRead, ['lobby', 'news']) })", token: buildRtmToken({ ...creds, userId: 'alice', permissions: perms }) },
    { title: 'Agora Chat user token', code: "buildChatToken({ ..., userId: 'alice' })", token: buildChatToken({ ...creds, userId: 'alice' }) },
    { title: 'Older 006 RTC token (absolute expiry time)', code: "RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'demo-room', 42, RtcRole.PUBLISHER, now + 3600) // agora-token-kit/legacy", token: RtcTokenBuilder006.buildTokenWithUid(DEMO_APP_ID, DEMO_APP_CERTIFICATE, 'demo-room', 42, 1, in1h), verify: { channelName: 'demo-room', uid: 42 } },
  ];
}

const MISTAKE: DiagnoseExpectation = { appId: DEMO_APP_ID, appCertificate: DEMO_APP_CERTIFICATE, channel: 'Demo-Room', uid: 0, role: 'host' };

/** `demo` */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'build, inspect, verify and diagnose example tokens with TEST-ONLY credentials',
  help: `agora-token-kit demo — a tour: builds example tokens of several kinds, inspects and verifies them,
then diagnoses a typical mistake (wrong channel case, uid 0 against a uid-42 token)

The demo uses TEST-ONLY credentials (the public sample pair from Agora's AgoraDynamicKey tests).
They belong to no usable project: never use them or the printed tokens for anything real.

Usage:
  agora-token-kit demo [--json]

Examples:
  npx agora-token-kit demo
  agora-token-kit demo --json | jq '.examples[].inspect.services[].summary'

Exit codes: 0 done, 2 usage error.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {});
    if (values['help']) {
      io.out(demoCommand.help);
      return EXIT.ok;
    }
    noPositionals(positionals);
    const built = examples().map((e) => ({ ...e, inspect: inspectToken(e.token), signatureValid: verifyToken(e.token, DEMO_APP_CERTIFICATE, e.verify) }));
    const findings = diagnoseToken(built[0]!.token, MISTAKE);
    if (values['json']) {
      const { appCertificate: _hidden, ...shown } = MISTAKE;
      io.out(JSON.stringify({
        credentials: { appId: DEMO_APP_ID, testOnly: true, note: 'public sample pair from Agora\'s AgoraDynamicKey tests; the certificate is not printed' },
        examples: built.map(({ verify: _v, ...e }) => e),
        diagnosis: { token: built[0]!.token, expected: { ...shown, appCertificate: '(the demo certificate)' }, findings },
      }, null, 2));
      return EXIT.ok;
    }
    const c = io.colors;
    const lines = [
      c.bold('agora-token-kit demo'),
      c.yellow(`TEST-ONLY credentials: App ID ${DEMO_APP_ID} and the matching public sample certificate from Agora's`),
      c.yellow('AgoraDynamicKey tests (not shown). They belong to no usable project; never use them for real.'),
      '',
    ];
    built.forEach((e, i) => {
      lines.push(c.bold(`${i + 1}. ${e.title}`), `   ${c.dim(e.code)}`, `   ${c.cyan(e.token)}`);
      for (const s of e.inspect.services) {
        const privileges = s.privileges.map((p) => p.name).join(', ') || 'no privileges';
        lines.push(`   ${s.name.toUpperCase().padEnd(9)} ${s.summary} — ${privileges}`);
      }
      lines.push(`   expires ${e.inspect.effectiveExpiresAtIso} (in ${formatDuration(e.inspect.effectiveSecondsLeft)}); signature ${e.signatureValid ? c.green('verifies ✓') : c.red('does NOT verify')}`, '');
    });
    lines.push(
      c.bold(`${built.length + 1}. Diagnose: token 1 used as a host in channel "Demo-Room" with uid 0`),
      `   ${c.dim("await diagnoseToken(token, { appId, appCertificate, channel: 'Demo-Room', uid: 0, role: 'host' })")}`,
      '',
      formatFindings(findings, c),
      '',
      c.dim('Next: agora-token-kit inspect <token>   agora-token-kit diagnose <token> --channel <name> --uid <n>   agora-token-kit --help'),
    );
    io.out(lines.join('\n'));
    return EXIT.ok;
  },
};
