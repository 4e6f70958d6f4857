/// <reference types="node" />
/**
 * @module cli/serve — `agora-token-kit serve`: the token server from the command line, with
 * credentials from the environment (never flags: they would show in `ps`), a per-client rate
 * limiter, a one-line access log without secrets or tokens, and graceful shutdown.
 */

import { isIPv4, isIPv6 } from 'node:net';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { nearestName } from '../core/near.ts';
import { isAgoraTokenError } from '../errors.ts';
import { createTokenHandler } from '../server/handler.ts';
import { type AccessLogEntry, toNodeHandler } from '../server/node.ts';
import { serve } from '../server/node-serve.ts';
import { createMemoryRateLimiter } from '../server/rate-limit.ts';
import type { Authorize, TokenType } from '../server/types.ts';
import { int, shown, UsageError } from './args.ts';
import { redactor } from './redact.ts';
import { API_KEY, apiKeyAuthorize, forwardAuthorize, proxiedClientAddress } from './serve-auth.ts';

const HELP = `Usage: agora-token-kit serve [options]

Runs a token server (agora-token-service compatible routes, the docs' /fetch_rtc_token and
/access_token). Credentials come from the environment:
  AGORA_APP_ID, AGORA_APP_CERTIFICATE      required
  AGORA_TOKEN_SERVER_API_KEYS              comma-separated keys; callers send "Authorization: Bearer <key>"

Authorization (one is required):
  --auth-url <url>             forward auth: POST each token request (with the caller's Authorization
                               and Cookie) to your service; 401/403 deny; 2xx with no body or true
                               allows, false or {"deny": 403, "message": "..."} denies, a JSON object
                               of grant fields allows and narrows; any other reply (e.g.
                               {"allowed": false}) is a 500: fails closed. No user:password in the URL
  AGORA_TOKEN_SERVER_API_KEYS  (see above; with --auth-url, a valid key skips forward auth). A key with a
                               space, a non-ASCII character or over 512 characters stops the start;
                               one under 16 characters is warned about
  --insecure-allow-anyone      anyone who reaches the server gets any token: local demos only; not with
                               keys or --auth-url. Answers only requests for an IP address, localhost
                               or --public-origin (DNS rebinding)

Options:
  --port <n>                   default $PORT or 8080
  --host <addr>                default 127.0.0.1 (use 0.0.0.0 to accept outside connections)
  --cors-origin <origin>       allowed browser origin (repeat or comma-separate); default none
  --cors-credentials           allow cookies on cross-origin requests
  --cors-allow-headers <list>  request headers browsers may send besides Content-Type and
                               Authorization (repeat or comma-separate), e.g. x-requested-with
  --base-path <path>           serve the routes under this prefix, e.g. /api/agora
  --token-types <list>         default rtc,rtm,chat (add chat-app to issue Chat app tokens)
  --default-expiry <s>         default 3600
  --max-expiry <s>             default 86400 (the most Agora accepts)
  --max-body-bytes <n>         default 8192
  --rate-limit <n>             requests per client per window, 0 = off; default 60
  --rate-window <s>            default 60
  --trust-proxy                rate-limit and authorize by the address in the last X-Forwarded-For hop
                               (a port after it is dropped; the access log still shows the
                               connecting peer, i.e. the proxy)
  --public-origin <url>        the server's public origin behind a proxy or tunnel (same-origin checks;
                               with --insecure-allow-anyone, the one host name served besides
                               localhost and IP addresses)
  --quiet                      no access log
  -h, --help

Examples:
  export AGORA_TOKEN_SERVER_API_KEYS=$(openssl rand -hex 24)    # callers send "Authorization: Bearer <that key>"
  agora-token-kit serve --port 8080
  agora-token-kit serve --auth-url https://auth.example.com/agora --cors-origin https://app.example.com
  agora-token-kit serve --insecure-allow-anyone     # local demo on 127.0.0.1 only
`;

const OPTIONS = {
  port: { type: 'string' }, host: { type: 'string' }, 'cors-origin': { type: 'string', multiple: true }, 'cors-credentials': { type: 'boolean' }, 'cors-allow-headers': { type: 'string', multiple: true },
  'base-path': { type: 'string' }, 'token-types': { type: 'string' }, 'default-expiry': { type: 'string' }, 'max-expiry': { type: 'string' },
  'max-body-bytes': { type: 'string' }, 'rate-limit': { type: 'string' }, 'rate-window': { type: 'string' }, 'trust-proxy': { type: 'boolean' },
  'public-origin': { type: 'string' }, 'auth-url': { type: 'string' }, 'insecure-allow-anyone': { type: 'boolean' }, quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * For an unknown flag, what was probably meant: the credentials come from the environment here
 * (a flag would put the certificate in the process list), other flags by spelling.
 */
function unknownFlagHint(error: unknown): string {
  if ((error as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return '';
  const flag = /'--?([^' =]+)/.exec((error as Error).message)?.[1];
  if (flag === undefined) return '';
  if (/^app-?(id|cert)/i.test(flag)) return ` (serve reads ${/cert/i.test(flag) ? 'AGORA_APP_CERTIFICATE' : 'AGORA_APP_ID'} from the environment)`;
  const near = nearestName(flag, Object.keys(OPTIONS));
  return near ? ` (did you mean --${near}?)` : '';
}

/** True for an address only this machine can reach: localhost, 127.0.0.0/8, ::1 (any spelling, IPv4-mapped too). */
function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost') return true;
  if (isIPv4(h)) return h.startsWith('127.');
  if (!isIPv6(h)) return false;
  // Compressed form: [::1], [::ffff:7f00:1]. Without the zone id ("::1%lo"), which URL refuses.
  const canonical = new URL(`http://[${h.split('%')[0]}]`).hostname;
  return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical);
}

/** createTokenHandler option -> the flag or environment variable it comes from here. */
const FLAG_OF: Record<string, string> = {
  appId: 'AGORA_APP_ID', appCertificate: 'AGORA_APP_CERTIFICATE', basePath: '--base-path', tokenTypes: '--token-types',
  defaultExpiresInSeconds: '--default-expiry', maxExpiresInSeconds: '--max-expiry', maxBodyBytes: '--max-body-bytes', cors: '--cors-origin',
  'cors.allowHeaders': '--cors-allow-headers',
  limit: '--rate-limit', windowSeconds: '--rate-window',
};

/** Runs `make`, renaming a validation error's option to the flag or variable the user set. */
function withFlagNames<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    const field = isAgoraTokenError(error) ? error.field : undefined;
    const flag = field === undefined ? undefined : (FLAG_OF[field] ?? FLAG_OF[field.split(/[.[]/)[0]!]);
    if (flag === undefined) throw error;
    const message = (error as Error).message;
    const at = message.indexOf(`${field}:`);
    // Option names inside the rule (camelCase ones only, and never inside a quoted value) as flags.
    const rule = (at >= 0 ? message.slice(at + field!.length + 1).trim() : message)
      .split(/("[^"]*")/)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (word) => (Object.hasOwn(FLAG_OF, word) ? FLAG_OF[word]! : word))))
      .join('');
    throw new UsageError(`${flag}: ${rule}`);
  }
}

/** The PORT variable (as platforms such as Heroku set it), blamed by its own name when it is not a port number. */
function envPort(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[0-9]{1,5}$/.test(value) || Number(value) > 65_535) throw new UsageError(`PORT: expected 0..65535 (or --port), got ${shown(value)}`);
  return Number(value);
}

function authorizeFrom(values: { 'auth-url'?: string | undefined }, keys: string[]): Authorize | undefined {
  const url = values['auth-url'];
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      // reported below
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol)) throw new UsageError('--auth-url: expected an http(s) URL');
    // fetch() refuses such a URL on every request, and its error would print the password.
    if (parsed.username !== '' || parsed.password !== '') throw new UsageError('--auth-url: must not carry a user name or password; your auth service gets the caller\'s Authorization and Cookie headers');
    const forward = forwardAuthorize(url);
    if (keys.length === 0) return forward;
    // Server-to-server callers with a key skip forward auth; everyone else goes through it.
    const byKey = apiKeyAuthorize(keys);
    return async (request, tokenRequest) => ((await byKey(request, tokenRequest)) === true ? true : forward(request, tokenRequest));
  }
  return keys.length > 0 ? apiKeyAuthorize(keys) : undefined;
}

/**
 * Runs `serve` until SIGINT/SIGTERM; resolves to the exit code (0 after a graceful shutdown,
 * 2 for a usage or configuration error, 1 if the server cannot start).
 * @example
 * ```ts
 * // src/cli/commands/serve.ts (loaded only when the command is serve)
 * const { runServe } = await import('../serve.ts');
 * return runServe(argv);
 * ```
 */
export async function runServe(argv: string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const env = process.env;
  const redact = redactor([env['AGORA_APP_CERTIFICATE'] ?? '', ...(env['AGORA_TOKEN_SERVER_API_KEYS'] ?? '').split(',')]);
  try {
    const { values } = parseArgs({ args: argv[0] === 'serve' ? argv.slice(1) : argv, options: OPTIONS, strict: true, allowPositionals: false });
    if (values.help) {
      out(HELP);
      return 0;
    }
    const keys = (env['AGORA_TOKEN_SERVER_API_KEYS'] ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
    // A key no Authorization header can carry would never match: refuse it rather than fail closed silently.
    const unusable = keys.findIndex((k) => !API_KEY.test(k));
    if (unusable >= 0) throw new UsageError(`AGORA_TOKEN_SERVER_API_KEYS: key ${unusable + 1} has a space, a non-ASCII character or over 512 characters, so no caller could send it`);
    const authorize = authorizeFrom(values, keys);
    const insecure = values['insecure-allow-anyone'] === true;
    if (authorize !== undefined && insecure) {
      throw new UsageError('--insecure-allow-anyone: cannot be combined with API keys or --auth-url, which it would not switch off');
    }
    if (authorize === undefined && !insecure) {
      throw new UsageError('no authorization configured: set AGORA_TOKEN_SERVER_API_KEYS, pass --auth-url, or (local demos only) --insecure-allow-anyone');
    }
    // Without an allowed origin there is no CORS to configure: say so rather than ignore the flag.
    for (const flag of ['cors-credentials', 'cors-allow-headers'] as const) {
      if (values[flag] !== undefined && !values['cors-origin']) throw new UsageError(`--${flag}: needs --cors-origin (the browser origins it applies to)`);
    }
    const rateLimit = int(values, 'rate-limit') ?? 60;
    const handler = withFlagNames(() => createTokenHandler({
      signing: 'js', // Node: the synchronous HMAC is faster than crypto.subtle, same tokens
      appId: env['AGORA_APP_ID'] ?? '',
      appCertificate: env['AGORA_APP_CERTIFICATE'] ?? '',
      ...(authorize ? { authorize } : { insecureAllowAnyone: true }),
      basePath: values['base-path'],
      tokenTypes: values['token-types']?.split(',').map((t) => t.trim()) as TokenType[] | undefined,
      defaultExpiresInSeconds: int(values, 'default-expiry'),
      maxExpiresInSeconds: int(values, 'max-expiry'),
      maxBodyBytes: int(values, 'max-body-bytes'),
      cors: values['cors-origin']
        ? {
            origins: values['cors-origin'].flatMap((o) => o.split(',')).map((o) => o.trim()),
            credentials: values['cors-credentials'] === true,
            allowHeaders: values['cors-allow-headers']?.flatMap((h) => h.split(',')).map((h) => h.trim()),
          }
        : undefined,
      rateLimit: rateLimit > 0 ? createMemoryRateLimiter({ limit: rateLimit, windowSeconds: int(values, 'rate-window') ?? 60 }) : undefined,
      clientAddress: values['trust-proxy'] ? proxiedClientAddress : undefined,
      onError: (error) => err(redact(`error: ${error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : 'unknown'}`)),
    }));
    // Usage errors first, before any warning is printed.
    const port = int(values, 'port') ?? envPort(env['PORT']) ?? 8080;
    if (port > 65_535) throw new UsageError(`--port: expected 0..65535, got ${port}`);
    // An empty --host would bind every interface, the opposite of the loopback default.
    if (values.host !== undefined && values.host.trim() === '') throw new UsageError("--host: expected an interface address such as 127.0.0.1 (the default), or 0.0.0.0 / :: for every interface");
    // Bound as checked: trimmed, and an IPv6 address without the brackets a URL would give it.
    const host = (values.host ?? '127.0.0.1').trim().replace(/^\[(.*)\]$/, '$1');
    const publicOrigin = values['public-origin'];
    if (publicOrigin !== undefined) {
      try {
        toNodeHandler(handler, { origin: publicOrigin }); // validates the origin as serve() will
      } catch {
        throw new UsageError("--public-origin: expected an http(s) origin such as 'https://tokens.example.com', without a path");
      }
    }
    const short = keys.findIndex((k) => k.length < 16);
    if (short >= 0) err(`WARNING: AGORA_TOKEN_SERVER_API_KEYS: key ${short + 1} is shorter than 16 characters; use a long random key (e.g. openssl rand -hex 32).`);
    if (insecure) {
      err('WARNING: --insecure-allow-anyone: anyone who can reach this server gets a token for any channel and any uid.');
      err('WARNING: this is the "fatal security flaw" of the sample servers. Use it for local demos only, never in production.');
      // Loopback is reachable from this machine only; any other interface from the network.
      if (!isLoopback(host)) {
        err(`WARNING: --host ${host}: other machines on the network can reach it too (the default, 127.0.0.1, is this machine only).`);
      }
    }
    const log = (e: AccessLogEntry) =>
      out(redact(`${new Date().toISOString()} ${e.clientAddress ?? '-'} ${e.method} ${e.path} ${e.status} ${e.durationMs.toFixed(1)}ms`));
    // Handlers first: a SIGTERM right after "listening on" must still shut down gracefully.
    const stopped = new Promise<string>((resolve) => {
      const onInt = () => done('SIGINT');
      const onTerm = () => done('SIGTERM');
      const done = (name: string) => {
        process.off('SIGINT', onInt).off('SIGTERM', onTerm);
        resolve(name);
      };
      process.on('SIGINT', onInt).on('SIGTERM', onTerm);
    });
    const server = await serve({
      handler, port, host,
      ...(values['public-origin'] ? { origin: values['public-origin'] } : {}), ...(values.quiet ? {} : { onResponse: log }),
    });
    out(`agora-token-kit serve: listening on ${server.url}${values['base-path'] ?? ''} (Ctrl+C to stop)`);
    const signal = await stopped;
    out(`agora-token-kit serve: ${signal}, finishing in-flight requests`);
    await server.close(10_000);
    out('agora-token-kit serve: stopped');
    return 0;
  } catch (error) {
    if (error instanceof UsageError || isAgoraTokenError(error) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(redact(`agora-token-kit serve: ${(error as Error).message}${unknownFlagHint(error)}`));
      err('Run "agora-token-kit serve --help" for usage.');
      return 2;
    }
    // The one start failure users meet most, in their words.
    const taken = (error as { code?: string }).code === 'EADDRINUSE';
    const where = error as { address?: string; port?: number };
    const address = where.address === undefined ? 'the address' : where.address.includes(':') ? `[${where.address}]` : where.address;
    err(redact(`agora-token-kit serve: cannot start: ${taken ? `${address}:${where.port ?? '?'} is already in use (stop what runs there, or pick another --port)` : (error as Error).message}`));
    return 1;
  }
}
