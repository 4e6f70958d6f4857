/** @module cli/commands/diagnose — `diagnose`: why would Agora reject this token? */

import { diagnoseToken } from '../../api/inspect-sync.ts';
import type { DiagnoseExpectation } from '../../inspect/expected.ts';
import { EXPECTED_SERVICES, type ExpectedService } from '../../inspect/service-info.ts';
import { credentials, lookupCaseless, nowFlag, parseFlags, str, uidFlag, UsageError } from '../args.ts';
import { type Command, EXIT } from '../command.ts';
import { formatFindings, jsonText } from '../format.ts';
import { readToken } from './inspect.ts';

/** `diagnose` */
export const diagnoseCommand: Command = {
  name: 'diagnose',
  summary: 'explain why a token would be rejected (expiry, channel, uid, App ID, signature...)',
  help: `agora-token-kit diagnose — explain why Agora would reject a token

Usage:
  agora-token-kit diagnose <token> [--channel <name>] [--uid <n> | --account <name>] [options]

Give what your client uses; every check you can feed runs, and each finding has a stable code,
a severity, a one-sentence explanation and a fix.

Options:
  -c, --channel <name>       the channel name you join
  -u, --uid <n>              the numeric uid you join with (0 = let the SDK assign one)
  --account <name>           the user account you join with, or the RTM/Chat user id you log in with
  --role <role>              publisher/host or subscriber/audience: a host needs publish privileges
  --service <name>           what you use the token for: ${EXPECTED_SERVICES.join(', ')}
                             (default: rtc when --channel, --uid or --role is given)
  --app-id <hex32>           your App ID (default: $AGORA_APP_ID)
  --app-certificate <hex32>  enables the signature check (default: $AGORA_APP_CERTIFICATE). Never printed.
  --now <time>               reference time: Unix seconds, or ISO 8601 with a zone
                             (2025-01-31T12:00:00Z; a date alone is midnight UTC)
  --strict                   exit 1 on warnings too
  --json                     print {"ok", "findings"} as JSON
  -h, --help                 show this help

Examples:
  agora-token-kit diagnose "$TOKEN" --channel room --uid 42
  agora-token-kit diagnose "$TOKEN" --channel room --account alice --role host
  AGORA_APP_CERTIFICATE=... agora-token-kit diagnose "$TOKEN" --app-id 970CA35de60c44645bbae8a215061b33
  agora-token-kit diagnose "$TOKEN" --service rtm --account alice --json | jq '.findings[].code'

Exit codes: 0 no error found, 1 at least one error finding (or warning with --strict), 2 usage error.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      'app-id': { type: 'string' }, 'app-certificate': { type: 'string' }, channel: { type: 'string', short: 'c' }, uid: { type: 'string', short: 'u' },
      account: { type: 'string' }, role: { type: 'string' }, service: { type: 'string' }, now: { type: 'string' }, strict: { type: 'boolean' },
    });
    if (values['help']) {
      io.out(diagnoseCommand.help);
      return EXIT.ok;
    }
    const token = await readToken(positionals, io);
    const expected: DiagnoseExpectation = { ...credentials(values, io.env, false) };
    const channel = str(values, 'channel');
    const uid = uidFlag(values);
    const account = str(values, 'account');
    const role = str(values, 'role');
    const service = str(values, 'service');
    const now = nowFlag(values);
    if (channel !== undefined) expected.channel = channel;
    if (uid !== undefined) expected.uid = uid;
    if (account !== undefined) expected.account = account;
    if (role !== undefined) {
      const roles = { publisher: 'publisher', host: 'host', subscriber: 'subscriber', audience: 'audience', '1': 1, '2': 2 } as const;
      const r = lookupCaseless(roles, role);
      if (r === undefined) throw new UsageError(`--role: expected publisher, host or 1, or subscriber, audience or 2 (any letter case), got "${role}"`, '--role');
      expected.role = r;
    }
    if (service !== undefined) {
      if (!(EXPECTED_SERVICES as readonly string[]).includes(service)) throw new UsageError(`--service: expected one of ${EXPECTED_SERVICES.join(', ')}, got "${service}"`, '--service');
      expected.service = service as ExpectedService;
    }
    if (now !== undefined) expected.now = now;
    const findings = diagnoseToken(token, expected);
    const failing = findings.some((f) => f.severity === 'error' || (values['strict'] === true && f.severity === 'warning'));
    if (values['json']) io.out(jsonText({ ok: !failing, findings }, 2));
    else io.out(formatFindings(findings, io.colors, values['strict'] === true));
    return failing ? EXIT.finding : EXIT.ok;
  },
};
