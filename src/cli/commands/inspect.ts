/** @module cli/commands/inspect — `inspect` and `verify`: read a token (argument or stdin), explain or check it. */

import { statSync } from 'node:fs';
import { verifyToken } from '../../api/sync.ts';
import { inspectToken } from '../../inspect/inspect.ts';
import { credentials, type FlagValues, nowFlag, parseFlags, str, UsageError, uidFlag } from '../args.ts';
import { type Command, EXIT } from '../command.ts';
import { formatInspected, jsonText } from '../format.ts';
import { readStdin, type Io } from '../io.ts';

/** The token from the first argument, or from stdin when it is absent or "-" (surrounding whitespace trimmed). */
export async function readToken(positionals: string[], io: Io): Promise<string> {
  if (positionals.length > 1) throw new UsageError('expected one token argument (quote it if your shell splits it)');
  // Outer whitespace is trimmed as on stdin (a token pasted from a log with its line break); what is
  // inside stays for the decoder to name (quotes, a '+' turned into a space...).
  const arg = positionals[0]?.trim();
  // A path where the token goes (inspect tok.txt): say how to pass the file rather than call it a bad token.
  if (arg !== undefined && arg !== '-' && !/^00[0-9]/.test(arg) && arg.length < 4096 && isFile(arg)) {
    throw new UsageError(`"${arg.slice(0, 80)}" is a file, not a token: pass its text on stdin, e.g. < ${arg.slice(0, 80)}`);
  }
  if (arg !== undefined && arg !== '-' && arg !== '') return arg;
  if (arg === '') throw new UsageError('missing <token>: the argument is empty');
  if (arg === undefined && io.stdin.isTTY) throw new UsageError('missing <token>: pass it as an argument or pipe it on stdin');
  const read = await readStdin(io.stdin);
  if (read === undefined) throw new UsageError('stdin: more than 1 MiB of text, while a token is a few hundred characters');
  const text = read.trim();
  if (text === '') throw new UsageError('missing <token>: stdin was empty');
  return text;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `inspect` */
export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'decode a 007/006 token and explain it: times, privileges, services (no secret needed)',
  help: `agora-token-kit inspect — decode a token and explain it (no certificate needed)

Usage:
  agora-token-kit inspect <token> [--now <time>] [--json]
  <command printing a token> | agora-token-kit inspect [-]

Shows the App ID, issue and expiry times (ISO, relative to now), each privilege's absolute expiry
(007 values are seconds after issue, 006 values absolute), the effective expiry a client sees and
what each service is for.

Options:
  --now <time>   reference time: Unix seconds, or ISO 8601 with a zone
                 (2025-01-31T12:00:00Z; a date alone is midnight UTC)
  --json         print the full inspectToken() result as JSON
  -h, --help     show this help

Examples:
  agora-token-kit rtc --channel room --uid 42 | agora-token-kit inspect     # with AGORA_APP_ID/AGORA_APP_CERTIFICATE set
  pbpaste | agora-token-kit inspect
  agora-token-kit inspect "$TOKEN" --now 2025-01-31T12:00:00Z --json | jq .effectiveExpiresAtIso

Exit codes: 0 decoded (even if expired; use diagnose to judge), 1 not a readable token, 2 usage error.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { now: { type: 'string' } });
    if (values['help']) return help(io, inspectCommand);
    const token = await readToken(positionals, io);
    const now = nowFlag(values);
    const info = inspectToken(token, now === undefined ? {} : { now });
    if (values['json']) io.out(jsonText(info, 2));
    else io.out(formatInspected(info, io.colors));
    return EXIT.ok;
  },
};

function help(io: Io, command: Command): number {
  io.out(command.help);
  return EXIT.ok;
}

function expectation006(values: FlagValues): { channelName: string; uid?: number | string } | undefined {
  const channelName = str(values, 'channel');
  const uid = uidFlag(values);
  const account = str(values, 'account');
  if (uid !== undefined && account !== undefined) throw new UsageError('--uid/--account: give one, not both', '--uid');
  if (channelName === undefined) {
    if (uid !== undefined || account !== undefined) throw new UsageError('--channel: needed with --uid/--account (006 tokens sign the channel and uid; for a 006 RTM token, give the account as --channel)', '--channel');
    return undefined;
  }
  const out: { channelName: string; uid?: number | string } = { channelName };
  const id = uid ?? account;
  if (id !== undefined) out.uid = id;
  return out;
}

/** `verify` */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check a token\'s signature with your App Certificate',
  help: `agora-token-kit verify — check a token's signature with an App Certificate

Usage:
  agora-token-kit verify <token> [--app-certificate <hex32>]                007
  agora-token-kit verify <token> --channel <name> [--uid <n> | --account <a>]   006 (signs channel and uid)

Options:
  --app-certificate <hex32>  the certificate (default: $AGORA_APP_CERTIFICATE). Never printed.
  -c, --channel <name>       006 only: the channel name the token was built for (RTM: the user account)
  -u, --uid <n>              006 only: the uid (omit for uid 0 and for RTM tokens)
  --account <name>           006 only: the user account instead of --uid
  --json                     print {"valid": true|false, "version"}
  -h, --help                 show this help

Only the signature is checked; use diagnose for expiry, channel, uid and more.

Examples:
  AGORA_APP_CERTIFICATE=... agora-token-kit verify "$TOKEN"
  agora-token-kit verify "$TOKEN_006" --channel room --uid 42

Exit codes: 0 the signature verifies, 1 it does not (or the token is unreadable), 2 usage error.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      'app-certificate': { type: 'string' }, channel: { type: 'string', short: 'c' }, uid: { type: 'string', short: 'u' }, account: { type: 'string' },
    });
    if (values['help']) return help(io, verifyCommand);
    const token = await readToken(positionals, io);
    const { appCertificate } = credentials(values, io.env, false, ['app-certificate']);
    if (appCertificate === undefined) throw new UsageError('--app-certificate: missing (or set AGORA_APP_CERTIFICATE)', '--app-certificate');
    const version = token.slice(0, 3);
    // A 007 token names its own channel and uid and is verified as it is: the 006 flags are not
    // read for it (not even checked for consistency), and a note says so.
    const flags006 = ['channel', 'uid', 'account'].some((f) => values[f] !== undefined);
    const expected = version === '007' ? undefined : expectation006(values);
    // The library's own message names its option ({ channelName, uid }); here the flags are the way in.
    if (version === '006' && expected === undefined) {
      throw new UsageError('--channel: a 006 token signs the channel name and uid without storing them; give --channel (and --uid or --account) to verify it (a 006 RTM token: --channel <account>)', '--channel');
    }
    if (version === '007' && flags006) io.err('note: --channel/--uid/--account are for 006 tokens; a 007 token is verified for the channel and uid it names (diagnose compares them)');
    const valid = verifyToken(token, appCertificate, expected);
    if (values['json']) io.out(JSON.stringify({ valid, version }));
    else io.out(valid ? io.colors.green('valid: the signature verifies with this App Certificate') : io.colors.red('INVALID: the signature does not verify with this App Certificate (run diagnose for why)'));
    return valid ? EXIT.ok : EXIT.finding;
  },
};
