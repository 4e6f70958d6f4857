/** @module cli/command — the shape of a CLI command and the shared build-command flow. */

import { inspectToken } from '../inspect/inspect.ts';
import { overMaximumLifetime } from '../inspect/time.ts';
import type { InspectedPrivilege, InspectedToken } from '../inspect/types.ts';
import { asUsageError, credentials, type FlagSpec, type FlagValues, int, parseFlags, UsageError } from './args.ts';
import { issuedInFuture, jsonText } from './format.ts';
import type { Io } from './io.ts';

/** One subcommand. `run` returns the exit code (0 ok, 1 finding/invalid, 2 usage). */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full `--help` text with examples. */
  readonly help: string;
  run(argv: string[], io: Io): Promise<number>;
}

/** Exit codes. */
export const EXIT = { ok: 0, finding: 1, usage: 2 } as const;

/** Flags of every 007 build command. */
export const BUILD_FLAGS: FlagSpec = {
  'app-id': { type: 'string' },
  'app-certificate': { type: 'string' },
  expire: { type: 'string' },
  'issued-at': { type: 'string' },
  salt: { type: 'string' },
};

/** Help lines for {@link BUILD_FLAGS}. */
export const BUILD_FLAGS_HELP = `  --app-id <hex32>         App ID (default: $AGORA_APP_ID)
  --app-certificate <hex>  App Certificate (default: $AGORA_APP_CERTIFICATE; prefer the variable,
                           it stays out of shell history). Never printed.
  --expire <seconds>       token lifetime in seconds from now (default 3600; Agora allows at most 86400)
  --issued-at <unix>       issue time in Unix seconds (default: now)
  --salt <n>               salt, 0..4294967295 (default: random; set only for reproducible tokens)
  --json                   print {"token", "inspect", "warnings"} as JSON
  -h, --help               show this help`;

/** How build warnings are reported, for every build command's help (007 and 006). */
export const WARNINGS_HELP = `Warnings (the token is already expired, issued in the future, or lives over 24 hours) go to
stderr as "warning: ..." lines and, with --json, into "warnings" too; the token is still printed.`;

/** Footer shared by the build commands' help. */
export const BUILD_FOOTER: string = `
Output: the token alone on stdout (so TOKEN=$(agora-token-kit ...) works), or JSON with --json:
{"token", "inspect" (as inspect --json), "warnings" (a list of strings, [] when none)}.
${WARNINGS_HELP}
Exit codes: 0 built, 2 usage error (the message names the flag).`;

/** Options every options-form builder accepts, from the shared flags. */
export function commonOptions(values: FlagValues, io: Io): { appId: string; appCertificate: string; expiresInSeconds?: number; issuedAt?: number; salt?: number } {
  const { appId, appCertificate } = credentials(values, io.env, true) as { appId: string; appCertificate: string };
  const out: ReturnType<typeof commonOptions> = { appId, appCertificate };
  const expire = int(values, 'expire');
  const issuedAt = int(values, 'issued-at');
  const salt = int(values, 'salt');
  if (expire !== undefined) out.expiresInSeconds = expire;
  if (issuedAt !== undefined) out.issuedAt = issuedAt;
  if (salt !== undefined) out.salt = salt;
  return out;
}

/** Rejects positional arguments for commands that take none. */
export function noPositionals(positionals: string[]): void {
  if (positionals.length > 0) {
    const shown = /^[0-9a-fA-F]{32}$/.test(positionals[0]!) ? '<32 hex characters>' : `"${positionals[0]}"`;
    throw new UsageError(`unexpected argument ${shown} (every input is a --flag; see --help)`);
  }
}

/**
 * What a just-built token's times say is probably a mistake (run `diagnose` for the whole story).
 * `timeFlags` are the command's own flags that set times, so the advice names only flags it has.
 */
function buildWarnings(info: InspectedToken, timeFlags: string): string[] {
  const out: string[] = [];
  if (info.expired || info.effectiveSecondsLeft <= 0) out.push(`the token is already expired (limited by ${info.limitedBy}); check ${timeFlags}`);
  else if (issuedInFuture(info)) out.push('the token is issued in the future: check --issued-at and the clock');
  if (overMaximumLifetime(info)) {
    out.push(info.lifetimeSeconds !== null
      ? `a lifetime of ${info.lifetimeSeconds} s is over Agora's 24-hour maximum; the token works for 24 hours`
      : `the token stays valid until ${info.expiresAtIso}, over Agora's 24-hour maximum; check --ts`);
  } else if (info.lifetimeSeconds === null) {
    // A 006 privilege is an absolute time of its own and may run past the token's ts (now + 24 h
    // by default), which still ends the token: --expire 200000 asked for more than it gets.
    // (A value of 0, the 24-hour maximum, has no expiry: skipped.)
    const last = info.services.flatMap((s) => s.privileges).filter((p) => p.secondsLeft !== null).reduce<InspectedPrivilege | undefined>((a, b) => (a && a.secondsLeft! >= b.secondsLeft! ? a : b), undefined);
    if (last && overMaximumLifetime({ lifetimeSeconds: null, secondsLeft: last.secondsLeft! })) {
      out.push(`privileges last until ${last.expiresAtIso}, over Agora's 24-hour maximum; the token works 24 hours at most, until its ts (${info.expiresAtIso})`);
    }
  }
  return out;
}

/** A build command: parse flags, build with `build`, print the token (or JSON). */
export function buildCommand(name: string, summary: string, help: string, spec: FlagSpec, build: (values: FlagValues, io: Io) => string, fields: Readonly<Record<string, string>> = {}): Command {
  // "--expire, --issued-at or --ts", from the flags this command has (006 and 007 set times
  // differently), and rtc's per-privilege lifetimes, which can end a token's use first.
  const timeFlags = ['expire', 'expire-ts', 'issued-at', 'ts'].filter((f) => Object.hasOwn(spec, f)).map((f) => `--${f}`);
  if (Object.keys(spec).some((f) => f.endsWith('-expire'))) timeFlags.push('the --*-expire privilege lifetimes');
  const timeAdvice = timeFlags.length > 1 ? `${timeFlags.slice(0, -1).join(', ')} or ${timeFlags.at(-1)}` : timeFlags.join('');
  return {
    name,
    summary,
    help,
    async run(argv, io) {
      const { values, positionals } = parseFlags(argv, spec);
      if (values['help']) {
        io.out(help);
        return EXIT.ok;
      }
      noPositionals(positionals);
      let token: string;
      try {
        token = build(values, io);
      } catch (error) {
        throw asUsageError(error, fields);
      }
      const info = inspectToken(token);
      const warnings = buildWarnings(info, timeAdvice);
      // With --json the warnings are in the JSON too, for a program that reads only stdout.
      io.out(values['json'] ? jsonText({ token, inspect: info, warnings }, 2) : token);
      // The token is what was asked for, but some asks are mistakes: say so on stderr (stdout stays the token).
      for (const w of warnings) io.err(`warning: ${w}`);
      return EXIT.ok;
    },
  };
}
