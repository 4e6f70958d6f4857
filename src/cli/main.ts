/**
 * @module cli/main — the `agora-token-kit` bin: dispatches to a command and maps failures to
 * exit codes (0 ok, 1 finding/invalid token, 2 usage error). Node built-ins only.
 */
/// <reference types="node" />

import { createRequire } from 'node:module';
import process from 'node:process';
import { nearestName } from '../core/near.ts';
import { printable } from '../core/text.ts';
import { isAgoraTokenError } from '../errors.ts';
import { asUsageError, UsageError } from './args.ts';
import { type Command, EXIT } from './command.ts';
import { jsonText } from './format.ts';
import { apaasCommand, educationCommand, fpaCommand } from './commands/apaas.ts';
import { demoCommand } from './commands/demo.ts';
import { diagnoseCommand } from './commands/diagnose.ts';
import { inspectCommand, verifyCommand } from './commands/inspect.ts';
import { legacyRtcCommand, legacyRtmCommand } from './commands/legacy.ts';
import { convoaiCommand, rtcCommand, sttCommand } from './commands/rtc.ts';
import { chatCommand, rtmCommand } from './commands/rtm.ts';
import { serveCommand } from './commands/serve.ts';
import { type Io, processIo } from './io.ts';
import { redactor } from './redact.ts';

const COMMANDS: readonly Command[] = [
  rtcCommand, rtmCommand, chatCommand, educationCommand, apaasCommand, fpaCommand, convoaiCommand, sttCommand, legacyRtcCommand, legacyRtmCommand,
  inspectCommand, verifyCommand, diagnoseCommand, demoCommand, serveCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = (names: string[]) => COMMANDS.filter((c) => names.includes(c.name)).map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `agora-token-kit — build, inspect, verify and diagnose Agora tokens (AccessToken2 007 and AccessToken 006)

Usage:
  agora-token-kit <command> [options]
  agora-token-kit <command> --help

Build a token (credentials from --app-id/--app-certificate or AGORA_APP_ID/AGORA_APP_CERTIFICATE):
${list(['rtc', 'rtm', 'chat', 'education', 'apaas', 'fpa', 'convoai', 'stt', 'legacy-rtc', 'legacy-rtm'])}

Explain a token:
${list(['inspect', 'verify', 'diagnose'])}

More:
${list(['demo', 'serve'])}

Examples:
  agora-token-kit demo
  AGORA_APP_ID=... AGORA_APP_CERTIFICATE=... agora-token-kit rtc --channel room --uid 42
  agora-token-kit inspect "$TOKEN"
  agora-token-kit diagnose "$TOKEN" --channel room --uid 42 --role host

Output is human-readable (colors only on a terminal; NO_COLOR disables them); --json prints JSON.
Exit codes: 0 ok, 1 a finding or an invalid token, 2 usage error. The App Certificate is never printed.
--version (-v) prints the version; help <command> (or <command> --help) that command's options.`;
}

function version(): string {
  try {
    // dist/cli.js is one level below the package's package.json.
    return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  } catch {
    return 'development';
  }
}

/** Every certificate the user handed us (env or flag), so error text can never echo one. */
function secrets(argv: string[], env: Io['env']): string[] {
  const found = [env['AGORA_APP_CERTIFICATE'] ?? ''];
  argv.forEach((arg, i) => {
    if (arg === '--app-certificate') found.push(argv[i + 1] ?? '');
    else if (arg.startsWith('--app-certificate=')) found.push(arg.slice('--app-certificate='.length));
  });
  return found;
}

/**
 * A command name as it may be echoed in an error: only if it looks like one. A mistyped first
 * argument can be a flag with its value (`--app-certificate=…`) or a pasted secret.
 */
function shownName(name: string): string {
  return /^[A-Za-z][\w-]{0,39}$/.test(name) && !/^[0-9a-f]{16,}$/i.test(name) ? `"${name}"` : '(not shown: it looks like a value, not a command)';
}

/** `unknown command "…" (did you mean …? <then>)`, for `help <name>` and `<name>` alike. */
function unknownCommand(name: string, then = ''): string {
  const near = nearestName(name, COMMANDS.map((c) => c.name));
  const hint = [near && `did you mean ${near}?`, then].filter(Boolean).join(' ');
  return `unknown command ${shownName(name)}${hint ? ` (${hint})` : ''}`;
}

/** The command `name` names, in any letter case. */
function commandNamed(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name) ?? COMMANDS.find((c) => c.name === name.toLowerCase());
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    // `help <command>`; `help`, `help help` and `help --help` show the general usage.
    const asked = name === 'help' && rest[0] !== undefined && !['help', '--help', '-h'].includes(rest[0]) ? rest[0] : undefined;
    const topic = asked === undefined ? undefined : commandNamed(asked);
    if (name === undefined || (asked !== undefined && topic === undefined)) {
      if (name !== undefined) io.err(`agora-token-kit: ${unknownCommand(rest[0]!)}\n`);
      io.err(usage());
      return EXIT.usage;
    }
    // serve's full help lives with its lazily loaded parser.
    if (topic?.name === 'serve') return topic.run(['--help'], io);
    io.out(topic ? topic.help : usage());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(version());
    return EXIT.ok;
  }
  const command = commandNamed(name);
  const json = rest.includes('--json');
  try {
    if (!command) throw new UsageError(unknownCommand(name, 'run agora-token-kit --help for the list'));
    return await command.run(rest, io);
  } catch (caught) {
    const redact = redactor(secrets(argv, io.env));
    const safe: Io = { ...io, out: (t) => io.out(redact(t)), err: (t) => io.err(redact(t)) };
    return report(caught, command, json, safe);
  }
}

/**
 * Prints a failure (JSON on stdout with --json, text on stderr) and returns its exit code. Messages
 * can echo the user's own flags and values (an unknown option, a channel name), so their control,
 * bidi and invisible characters are escaped as everywhere else the CLI prints text it did not write.
 */
function report(caught: unknown, command: Command | undefined, json: boolean, io: Io): number {
  const error = asUsageError(caught);
  const prefix = `agora-token-kit${command ? ` ${command.name}` : ''}`;
  if (error instanceof UsageError) {
    if (json) io.out(jsonText({ error: { code: 'ERR_USAGE', message: error.message, flag: error.flag ?? null } }));
    io.err(`${prefix}: ${printable(error.message)}${command ? `\nRun "agora-token-kit ${command.name} --help" for usage.` : ''}`);
    return EXIT.usage;
  }
  if (isAgoraTokenError(error)) {
    // Token errors (unreadable token) are findings about the input: exit 1; other codes are bad arguments.
    const exit = error.code.startsWith('ERR_TOKEN_') ? EXIT.finding : EXIT.usage;
    if (json) io.out(jsonText({ error: { code: error.code, message: error.message, field: error.field ?? null } }));
    io.err(`${prefix}: ${printable(error.message)} [${error.code}]`);
    return exit;
  }
  io.err(`${prefix}: unexpected error: ${printable(caught instanceof Error ? caught.message : String(caught))}`);
  return EXIT.finding;
}

process.exitCode = await main(process.argv.slice(2));
