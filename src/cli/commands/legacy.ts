/** @module cli/commands/legacy — `legacy-rtc` and `legacy-rtm`: AccessToken (006) tokens from flags. */

import { TIMESTAMP_THRESHOLD } from '../../core/random.ts';
import type { Build006Options } from '../../legacy/builders.ts';
import { RtcTokenBuilder, RtmTokenBuilder } from '../../legacy/api-sync.ts';
import { credentials, type FlagSpec, type FlagValues, int, lookupCaseless, str, uidOrAccount, UsageError } from '../args.ts';
import { buildCommand, type Command, WARNINGS_HELP } from '../command.ts';
import type { Io } from '../io.ts';

const FLAGS: FlagSpec = {
  'app-id': { type: 'string' },
  'app-certificate': { type: 'string' },
  expire: { type: 'string' },
  'expire-ts': { type: 'string' },
  ts: { type: 'string' },
  salt: { type: 'string' },
};

const FLAGS_HELP = `  --expire <seconds>       privileges last this long from now (default 3600); the CLI writes now + seconds
  --expire-ts <unix>       or give privilegeExpiredTs itself: absolute Unix seconds (0 = the 24-hour maximum)
  --ts <unix>              when the token itself expires, absolute Unix seconds (default: now + 86400)
  --salt <n>               salt, 0..4294967295 (default: random; set only for reproducible tokens)
  --app-id <hex32>         App ID (default: $AGORA_APP_ID)
  --app-certificate <hex>  App Certificate (default: $AGORA_APP_CERTIFICATE). Never printed.
  --json                   print {"token", "inspect", "warnings"} as JSON
  -h, --help               show this help

006 is the older format: new projects should use the 007 commands (rtc, rtm). Unlike 007, 006 takes
absolute Unix times; this CLI converts --expire for you.

Output: the token alone on stdout, or JSON with --json: {"token", "inspect", "warnings"}.
${WARNINGS_HELP}
Exit codes: 0 built, 2 usage error.`;

function expiryAndOptions(values: FlagValues): { expireTs: number; options: Build006Options } {
  const seconds = int(values, 'expire');
  const absolute = int(values, 'expire-ts');
  if (seconds !== undefined && absolute !== undefined) throw new UsageError('--expire/--expire-ts: give one, not both', '--expire');
  // --expire is a lifetime: a Unix time given here by mistake (the 007 commands refuse 10^9 and
  // more, too) or a sum past u32 would otherwise surface as an error about --expire-ts.
  // As the 007 commands (and the options form) read --expire: 0 would print a token already expired.
  if (seconds === 0) throw new UsageError('--expire: must be at least 1', '--expire');
  if (seconds !== undefined && seconds >= TIMESTAMP_THRESHOLD) {
    throw new UsageError(`--expire: ${seconds} looks like an absolute Unix time; --expire is seconds from now (use --expire-ts for an absolute time)`, '--expire');
  }
  // The builders' messages for these (a duration; milliseconds, 10^12 and up, where the builder
  // names them) show JavaScript, Math.floor(Date.now() / 1000) + 3600: a shell user gets the shell's form.
  if (absolute !== undefined && absolute > 0 && (absolute < TIMESTAMP_THRESHOLD || absolute >= 1e12)) {
    throw new UsageError(`--expire-ts: ${absolute} looks like ${absolute < TIMESTAMP_THRESHOLD ? 'a duration' : 'milliseconds'}; it takes absolute Unix seconds, e.g. $(( $(date +%s) + 3600 )) for one hour (--expire takes seconds from now)`, '--expire-ts');
  }
  const expireTs = absolute ?? Math.floor(Date.now() / 1000) + (seconds ?? 3600);
  const options: Build006Options = {};
  const ts = int(values, 'ts');
  const salt = int(values, 'salt');
  if (ts !== undefined) options.ts = ts;
  if (salt !== undefined) options.salt = salt;
  return { expireTs, options };
}

function creds(values: FlagValues, io: Io): [string, string] {
  const c = credentials(values, io.env, true);
  return [c.appId!, c.appCertificate!];
}

const ROLES: Record<string, 0 | 1 | 2 | 101> = { attendee: 0, publisher: 1, host: 1, subscriber: 2, audience: 2, admin: 101, '0': 0, '1': 1, '2': 2, '101': 101 };

/** `legacy-rtc` */
export const legacyRtcCommand: Command = buildCommand('legacy-rtc', 'build a 006 RTC token (AccessToken, older format)', `agora-token-kit legacy-rtc — build an RTC token in the older 006 format (agora-access-token)

Usage:
  agora-token-kit legacy-rtc --channel <name> (--uid <n> | --account <name>) [options]

Options:
  -c, --channel <name>     channel name ('*', a wildcard, needs 007: use rtc)
  -u, --uid <n>            numeric uid 0..4294967295 (0 = any uid may join)
  --account <name>         string user account instead of --uid
  --role <role>            publisher (default), attendee, admin (all three may publish) or subscriber
${FLAGS_HELP}

Examples:
  agora-token-kit legacy-rtc --channel room --uid 42
  agora-token-kit legacy-rtc --channel room --account alice --role subscriber --expire-ts $(( $(date +%s) + 3600 ))`,
{ ...FLAGS, channel: { type: 'string', short: 'c' }, uid: { type: 'string', short: 'u' }, account: { type: 'string' }, role: { type: 'string' } }, (values, io) => {
  const [appId, cert] = creds(values, io);
  const channel = str(values, 'channel');
  if (channel === undefined) throw new UsageError('--channel: missing', '--channel');
  const roleText = str(values, 'role') ?? 'publisher';
  const role = lookupCaseless(ROLES, roleText);
  if (role === undefined) throw new UsageError(`--role: expected publisher or host (1), attendee (0), admin (101), or subscriber or audience (2), in any letter case, got "${roleText}"`, '--role');
  const who = uidOrAccount(values);
  const { expireTs, options } = expiryAndOptions(values);
  return 'uid' in who
    ? RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, who.uid, role, expireTs, options)
    : RtcTokenBuilder.buildTokenWithAccount(appId, cert, channel, who.account, role, expireTs, options);
});

/** `legacy-rtm` */
export const legacyRtmCommand: Command = buildCommand('legacy-rtm', 'build a 006 RTM login token (AccessToken, older format)', `agora-token-kit legacy-rtm — build an RTM login token in the older 006 format (agora-access-token)

Usage:
  agora-token-kit legacy-rtm --user-id <account> [options]

Options:
  --user-id <account>      RTM user account (at most 64 bytes)
${FLAGS_HELP}

Examples:
  agora-token-kit legacy-rtm --user-id alice
  agora-token-kit legacy-rtm --user-id alice --expire 600 --json`, { ...FLAGS, 'user-id': { type: 'string' } }, (values, io) => {
  const [appId, cert] = creds(values, io);
  const user = str(values, 'user-id');
  if (user === undefined) throw new UsageError('--user-id: missing', '--user-id');
  const { expireTs, options } = expiryAndOptions(values);
  return RtmTokenBuilder.buildToken(appId, cert, user, 1, expireTs, options);
}, { account: '--user-id' });
