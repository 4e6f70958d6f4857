/**
 * @module cli/args — flag parsing on node:util parseArgs with errors that name the flag, strict
 * number parsing, credentials from flags or AGORA_APP_ID / AGORA_APP_CERTIFICATE.
 */
/// <reference types="node" />

import { parseArgs } from 'node:util';
import { assertAppId, assertCertificate } from '../core/assert.ts';
import { editDistance } from '../core/near.ts';
import { isAgoraTokenError } from '../errors.ts';

/** A usage mistake: exit code 2. `flag` names the offending flag when there is one. */
export class UsageError extends Error {
  readonly flag: string | undefined;
  constructor(message: string, flag?: string) {
    super(message);
    this.name = 'UsageError';
    this.flag = flag;
  }
}

/** parseArgs option specs. */
export type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
/** Parsed flag values. */
export type FlagValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** Flags every command takes. */
export const COMMON_FLAGS: FlagSpec = { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } };

/**
 * Flags spelled another way, beyond a typo's reach: `rtm`/`chat` build with --user-id, while
 * `diagnose` takes the identity as --account, so each points at the other when unknown; and the
 * library's and the official builders' parameter names as flags (expiresIn, channelName,
 * privilegeExpiredTs, appCertificate). Only flags the command has are suggested.
 */
const SAME_MEANING = new Map<string, readonly string[]>([
  ['user-id', ['account']],
  ['userid', ['account', 'user-id']],
  ['user', ['account', 'user-id']],
  ['account', ['user-id']],
  ['user-account', ['account', 'user-id']],
  ['channel-name', ['channel']],
  ['expires-in', ['expire']],
  ['expires-in-seconds', ['expire']],
  ['token-expire', ['expire']],
  ['ttl', ['expire']],
  ['privilege-expired-ts', ['expire-ts', 'privilege-expire']],
  ['privilege-expire-ts', ['expire-ts', 'privilege-expire']],
  ['cert', ['app-certificate']],
  ['certificate', ['app-certificate']],
  ['app-cert', ['app-certificate']],
]);

/** Every --app-certificate value of a parse, in order (the values object keeps only the last). */
const GIVEN_CERTIFICATES = new WeakMap<FlagValues, readonly string[]>();

/** Parses argv; parseArgs' errors are rewritten to name the flag (and never echo a value). */
export function parseFlags(argv: string[], spec: FlagSpec): { values: FlagValues; positionals: string[] } {
  const options = { ...COMMON_FLAGS, ...spec };
  const longOf = (arg: string): string | undefined =>
    arg.startsWith('--') ? arg.slice(2) : Object.keys(options).find((o) => arg.length === 2 && options[o]!.short === arg[1]);
  // parseArgs reads "--role -5" as two flags; a negative number after a flag that takes a value
  // is that value (APaaS roles can be negative), so join it as "--role=-5".
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') {
      args.push(...argv.slice(i)); // everything after -- is positional, as parseArgs reads it
      break;
    }
    // parseArgs reads "-c=room" as the value "=room" (getopt's way); users mean --channel=room.
    const short = /^-([A-Za-z])=(.*)$/s.exec(argv[i]!);
    const shortName = short ? longOf(`-${short[1]}`) : undefined;
    if (shortName !== undefined) {
      args.push(`--${shortName}=${short![2]}`);
      continue;
    }
    const name = /^-{1,2}[^=-]/.test(argv[i]!) ? longOf(argv[i]!) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && /^-\d+$/.test(argv[i + 1] ?? '')) args.push(`--${name}=${argv[++i]}`);
    else args.push(argv[i]!);
  }
  try {
    const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
    // The last --app-certificate wins, but an earlier one is still a certificate the user has: an
    // App ID equal to it is refused by credentials() below.
    const certificates = tokens.flatMap((t) => (t.kind === 'option' && t.name === 'app-certificate' && t.value !== undefined ? [t.value] : []));
    GIVEN_CERTIFICATES.set(values as FlagValues, certificates);
    return { values: values as FlagValues, positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'(-{1,2}[^' =]+)/.exec(message)?.[1] ?? '';
      const name = flag.replace(/^-+/, '');
      // A known other spelling is suggested alone: by edit distance, --ttl would also offer --ts
      // (an absolute time) on legacy-rtc.
      const same = SAME_MEANING.get(name)?.filter((o) => Object.hasOwn(options, o));
      const near = (same?.length ? same : Object.keys(options).filter((o) => Math.abs(o.length - name.length) <= 2 && editDistance(o, name) <= 2)).map((o) => `--${o}`);
      throw new UsageError(`unknown option ${flag}${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}`, flag);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      // Node names a flag with a short alias as "'-c, --channel <value>'": take the long name.
      const name = /--([A-Za-z0-9][\w-]*)/.exec(message)?.[1] ?? longOf(/'(-[A-Za-z])\b/.exec(message)?.[1] ?? '') ?? '';
      const flag = `--${name}`;
      const takesValue = options[name]?.type === 'string';
      // parseArgs takes "-live" after --channel for another flag: a value that starts with "-" (a
      // channel name may) has to be attached with "=". (Negative numbers were attached above.)
      // The use that failed is the one followed by a dash argument (an earlier use may have had its value).
      const at = args.findIndex((a, i) => /^-{1,2}[^=-]/.test(a) && longOf(a) === name && args[i + 1]?.startsWith('-') === true);
      const next = at < 0 ? undefined : args[at + 1];
      // Not when the next argument is one of the command's flags (--account --json, -c -u 1): the
      // value is missing, and "--account=--json" would be bad advice.
      const nextName = next === undefined ? undefined : longOf(next.replace(/=.*$/s, ''));
      const isFlag = nextName !== undefined && Object.hasOwn(options, nextName);
      const attach = takesValue && next !== undefined && !isFlag && next.length <= 40 ? ` (for a value that starts with "-", write ${flag}=${next})` : '';
      throw new UsageError(`${flag}: ${takesValue ? 'needs a value' : 'takes no value'}${attach}`, flag);
    }
    throw new UsageError(message);
  }
}

/** A string flag (the last one wins when repeated). */
export function str(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A value as echoed in a usage error: quoted, and cut after 40 characters. */
export function shown(value: string): string {
  return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
}

/** A whole-number flag (decimal digits only), or undefined when absent. */
export function int(values: FlagValues, name: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(v)) throw new UsageError(`--${name}: expected a whole number, got ${shown(v)}`, `--${name}`);
  return Number(v);
}

/** `--uid`: digits only; a name gets pointed to --account. */
export function uidFlag(values: FlagValues): number | undefined {
  const v = str(values, 'uid');
  // No leading zeros: "00" would be the any-uid wildcard 0 and "007" uid 7, while the library
  // refuses such uid strings (Agora compares uids as numbers, accounts as text).
  if (v !== undefined && !/^(?:0|[1-9][0-9]{0,14})$/.test(v)) {
    throw new UsageError(`--uid: expected a whole number 0..4294967295 without leading zeros, got ${shown(v)} (for a string user account use --account)`, '--uid');
  }
  return int(values, 'uid');
}

/**
 * `--uid` or `--account`, exactly one, for the RTC build commands (007 and 006). An empty account
 * is refused: the builders pack it as uid 0, the any-uid token, which is more likely an unset shell
 * variable than a wish, and the library's own message names its option (uid: 0), not the flag.
 */
export function uidOrAccount(values: FlagValues): { uid: number } | { account: string } {
  const uid = uidFlag(values);
  const account = str(values, 'account');
  if ((uid === undefined) === (account === undefined)) throw new UsageError('--uid/--account: give exactly one (--uid 0 lets any uid join)', '--uid');
  if (account === '') throw new UsageError('--account: must not be empty (for a token any uid may join, pass --uid 0)', '--account');
  return uid !== undefined ? { uid } : { account: account! };
}

/** ISO 8601 date or date-time as `Date.parse` reads it (group 7: the zone); each part is range-checked below. */
const ISO_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:[Tt ](\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?)?([Zz]|[+-]\d\d:?\d\d)?)?$/;

/**
 * `--now`: Unix seconds or an ISO 8601 date. `Date.parse` alone is loose (2025-02-30 becomes
 * March 2, "2025-01-31junk" June 1), so the text must match ISO_TIME and name a real day and time.
 * A date alone is midnight UTC (as `Date.parse` reads it); a date-time needs a zone, because
 * without one `Date.parse` takes the machine's time zone and the same command would check a
 * token against different instants on different machines.
 */
export function nowFlag(values: FlagValues): number | undefined {
  const v = str(values, 'now');
  if (v === undefined) return undefined;
  if (/^[0-9]{1,11}$/.test(v)) return Number(v);
  const m = ISO_TIME.exec(v);
  if (m !== null) {
    const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x)));
    const date = new Date(Date.UTC(year!, month! - 1, day!));
    const real = date.getUTCMonth() === month! - 1 && date.getUTCDate() === day && hour! < 24 && minute! < 60 && second! < 60;
    if (real && m[4] !== undefined && m[7] === undefined) {
      throw new UsageError(`--now: "${v}" has no time zone: add Z for UTC or an offset such as +05:30`, '--now');
    }
    const ms = Date.parse(v);
    if (real && Number.isFinite(ms)) return Math.floor(ms / 1000);
  }
  // Date.now() prints 13 digits (milliseconds) from 2001 to 2286.
  const ms13 = /^[0-9]{13}$/.test(v) ? ' (milliseconds? divide by 1000)' : '';
  throw new UsageError(`--now: expected Unix seconds or an ISO date like 2025-01-31T12:00:00Z, got ${shown(v)}${ms13}`, '--now');
}

/** `table[text]` for an own key in any letter case (role names and aliases), else undefined. */
export function lookupCaseless<T>(table: Readonly<Record<string, T>>, text: string): T | undefined {
  const key = text.toLowerCase();
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * App ID and certificate from flags, falling back to AGORA_APP_ID / AGORA_APP_CERTIFICATE.
 * `uses` names what the command reads: the build commands need both (`required`), verify only the
 * certificate, diagnose either; a variable it does not read is left alone, however it is set.
 */
export function credentials(
  values: FlagValues,
  env: Readonly<Record<string, string | undefined>>,
  required: boolean,
  uses: readonly ('app-id' | 'app-certificate')[] = ['app-id', 'app-certificate'],
): { appId?: string; appCertificate?: string } {
  const appIdFlag = str(values, 'app-id');
  const certificateFlag = str(values, 'app-certificate');
  const appId = appIdFlag ?? (env['AGORA_APP_ID'] || undefined);
  const appCertificate = certificateFlag ?? (env['AGORA_APP_CERTIFICATE'] || undefined);
  if (required && appId === undefined) throw new UsageError('--app-id: missing (or set AGORA_APP_ID)', '--app-id');
  if (required && appCertificate === undefined) throw new UsageError('--app-certificate: missing (or set AGORA_APP_CERTIFICATE, which keeps it out of your shell history)', '--app-certificate');
  // An App ID that is a certificate given another way (AGORA_APP_CERTIFICATE while --app-id is
  // typed, a flag certificate while AGORA_APP_ID holds it, or an earlier --app-certificate that a
  // later one overrode) is a swapped pair the library cannot see, as the certificate it gets
  // differs: every token prints its App ID in clear, so the secret would be published. It is named
  // as the App ID's source and never echoed. One value given the same way for both (two variables,
  // or both flags) is left to the library's "equals the App ID": either of the two may be wrong.
  if (uses.includes('app-id') && appId !== undefined && appId.trim() !== '') {
    const id = appId.trim().toLowerCase();
    const idFromFlag = appIdFlag !== undefined;
    const envCertificate = env['AGORA_APP_CERTIFICATE'];
    const flagged = GIVEN_CERTIFICATES.get(values) ?? (certificateFlag === undefined ? [] : [certificateFlag]);
    const known = [
      ...(envCertificate ? [{ value: envCertificate, source: 'the value of AGORA_APP_CERTIFICATE', sameWay: !idFromFlag, used: certificateFlag === undefined }] : []),
      ...flagged.map((value, i) => ({ value, source: 'the value given to --app-certificate', sameWay: idFromFlag, used: i === flagged.length - 1 })),
    ];
    const match = known.find((k) => k.value.trim().toLowerCase() === id && !(k.sameWay && k.used));
    if (match !== undefined) {
      const name = idFromFlag ? '--app-id' : 'AGORA_APP_ID';
      // Either value may be the wrong one (the App ID typed twice is as likely), so the message
      // names both ways out; it blames the App ID's source because that is what a token prints.
      throw new UsageError(`${name}: equals the App Certificate (${match.source}), and a token prints its App ID in clear: give the App ID here, or the right certificate there`, name);
    }
  }
  // A bad value from the environment is named as the variable it came from, not as a flag the
  // user never typed (the messages never echo a certificate).
  try {
    if (appIdFlag === undefined && appId !== undefined && uses.includes('app-id')) assertAppId(appId, 'AGORA_APP_ID');
    if (certificateFlag === undefined && appCertificate !== undefined && uses.includes('app-certificate')) {
      assertCertificate(appCertificate, 'AGORA_APP_CERTIFICATE', uses.includes('app-id') ? appId : undefined);
    }
  } catch (error) {
    if (isAgoraTokenError(error)) throw new UsageError(error.message, error.field);
    throw error;
  }
  const out: { appId?: string; appCertificate?: string } = {};
  if (appId !== undefined) out.appId = appId;
  if (appCertificate !== undefined) out.appCertificate = appCertificate;
  return out;
}

/** Library field names -> CLI flags, for error messages. */
const FIELD_FLAGS: Record<string, string> = {
  appId: '--app-id', appID: '--app-id', appCertificate: '--app-certificate', channel: '--channel', channelName: '--channel',
  uid: '--uid', account: '--account', role: '--role', rtcRole: '--role', expiresInSeconds: '--expire', expire: '--expire', tokenExpire: '--expire',
  privilegeExpiresInSeconds: '--privilege-expire', 'privilegeExpiresInSeconds.joinChannel': '--join-expire',
  'privilegeExpiresInSeconds.publishAudioStream': '--audio-expire', 'privilegeExpiresInSeconds.publishVideoStream': '--video-expire',
  'privilegeExpiresInSeconds.publishDataStream': '--data-expire', 'rtm.userId': '--rtm-user-id', 'rtm.expiresInSeconds': '--rtm-expire',
  issuedAt: '--issued-at', salt: '--salt', userId: '--user-id', userUuid: '--user-uuid', roomUuid: '--room-uuid', app: '--app',
  privilegeExpiredTs: '--expire-ts', ts: '--ts', now: '--now', 'options.now': '--now',
};

/** Turns a library validation error into a UsageError naming the CLI flag; other errors pass through. */
export function asUsageError(error: unknown, overrides: Readonly<Record<string, string>> = {}): unknown {
  if (!isAgoraTokenError(error) || error.field === undefined || error.code.startsWith('ERR_TOKEN_')) return error;
  const field = error.field.replace(/^expected\./, '');
  const flag = overrides[field] ?? FIELD_FLAGS[field] ?? FIELD_FLAGS[field.split('.')[0]!];
  if (flag === undefined) return error;
  const rest = error.message.startsWith(`${error.field}:`) ? error.message.slice(error.field.length + 1).trimStart() : error.message;
  return new UsageError(`${flag}: ${rest}`, flag);
}
