/**
 * @module cli/args — flag parsing on node:util parseArgs with errors that name the flag, strict
 * number parsing, credentials from flags or AGORA_APP_ID / AGORA_APP_CERTIFICATE.
 */
/// <reference types="node" />

import { parseArgs } from 'node:util';
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

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** Parses argv; parseArgs' errors are rewritten to name the flag (and never echo a value). */
export function parseFlags(argv: string[], spec: FlagSpec): { values: FlagValues; positionals: string[] } {
  const options = { ...COMMON_FLAGS, ...spec };
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as FlagValues, positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const flag = /'(-{1,2}[^' =]+)/.exec((error as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const name = flag.replace(/^-+/, '');
      const near = Object.keys(options).filter((o) => distance(o, name) <= 2).map((o) => `--${o}`);
      throw new UsageError(`unknown option ${flag}${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}`, flag);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = flag.replace(/^-+/, '');
      const takesValue = options[name]?.type === 'string';
      throw new UsageError(`${flag}: ${takesValue ? 'needs a value' : 'takes no value'}`, flag);
    }
    throw new UsageError((error as Error).message);
  }
}

/** A string flag (the last one wins when repeated). */
export function str(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A whole-number flag (decimal digits only), or undefined when absent. */
export function int(values: FlagValues, name: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(v)) throw new UsageError(`--${name}: expected a whole number, got "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`, `--${name}`);
  return Number(v);
}

/** `--uid`: digits only; a name gets pointed to --account. */
export function uidFlag(values: FlagValues): number | undefined {
  const v = str(values, 'uid');
  if (v !== undefined && !/^[0-9]{1,15}$/.test(v)) throw new UsageError(`--uid: expected a whole number 0..4294967295, got "${v}" (for a string user account use --account)`, '--uid');
  return int(values, 'uid');
}

/** `--now`: Unix seconds or an ISO 8601 date. */
export function nowFlag(values: FlagValues): number | undefined {
  const v = str(values, 'now');
  if (v === undefined) return undefined;
  if (/^[0-9]{1,11}$/.test(v)) return Number(v);
  const ms = Date.parse(v);
  if (/^\d{4}-\d\d-\d\d/.test(v) && Number.isFinite(ms)) return Math.floor(ms / 1000);
  throw new UsageError(`--now: expected Unix seconds or an ISO date like 2025-01-31T12:00:00Z, got "${v}"`, '--now');
}

/** App ID and certificate from flags, falling back to AGORA_APP_ID / AGORA_APP_CERTIFICATE. */
export function credentials(values: FlagValues, env: Readonly<Record<string, string | undefined>>, required: boolean): { appId?: string; appCertificate?: string } {
  const appId = str(values, 'app-id') ?? (env['AGORA_APP_ID'] || undefined);
  const appCertificate = str(values, 'app-certificate') ?? (env['AGORA_APP_CERTIFICATE'] || undefined);
  if (required && appId === undefined) throw new UsageError('--app-id: missing (or set AGORA_APP_ID)', '--app-id');
  if (required && appCertificate === undefined) throw new UsageError('--app-certificate: missing (or set AGORA_APP_CERTIFICATE, which keeps it out of your shell history)', '--app-certificate');
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
