/**
 * @module builders/common — what every 007 builder shares: the token spec it produces, the
 * runner an entry binds (async Web Crypto or the sync pure-JS HMAC), and option defaults.
 */

import { nearestName, shownKey } from '../core/near.ts';
import { assertSalt, assertSeconds, ownFields } from '../core/assert.ts';

export { assertCredentials } from '../core/assert.ts';
import { AgoraTokenError } from '../errors.ts';
import type { Pipeline } from '../sign/types.ts';
import { assertBuildEnvironment } from '../core/environment.ts';
import { isoTime, randomSalt, TIMESTAMP_THRESHOLD, unixSeconds } from '../core/random.ts';
import { buildPipeline } from '../token/access-token2.ts';
import type { Service } from '../token/services.ts';

/**
 * Runs a build pipeline: `Promise<string>` on the main entry, `string` on `/sync`. It takes a
 * factory so that validation errors reject the promise on the async entry instead of throwing.
 */
export type Runner<R> = (makePipeline: () => Pipeline<string>) => R;

/**
 * What `new` gives for a builder class: an instance without members, as with the official classes,
 * whose methods are all static. `{}` is the type TypeScript gives such an instance (and what these
 * declarations said before they were written out); the construct signature also lets code extend
 * a builder (test/types/consumer.ts).
 */
export interface BuilderClass {
  new (): {};
}

/** Default token lifetime of the options-form builders: 1 hour. */
export const DEFAULT_EXPIRES_IN_SECONDS = 3600;

/** Options every options-form builder accepts. */
export interface CommonTokenOptions {
  /** Your project's App ID: 32 hex characters. */
  appId: string;
  /** Your project's App Certificate: 32 hex characters. Keep it on the server. */
  appCertificate: string;
  /**
   * Token lifetime in seconds from `issuedAt`. Default 3600 (1 hour); Agora grants at most 86400.
   * Values of 10^9 and more are refused as an absolute Unix time passed by mistake (ERR_INVALID_EXPIRE).
   */
  expiresInSeconds?: number | undefined;
  /** Issue time in Unix seconds. Default: now. */
  issuedAt?: number | undefined;
  /** Salt (u32). Default: a CSPRNG value in 1..99999999. Set it only for reproducible tests. */
  salt?: number | undefined;
  /**
   * Allow building on a browser main thread. Off by default because the App Certificate would be
   * readable by every visitor of the page; use only for local demos.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/**
 * Validates the fields every builder shares and returns the 007 build pipeline for `services`,
 * issued now with a random salt (the positional builders), or at `issueTs` with `salt` (checked by
 * {@link optionsPipeline}). The caller has checked appId and appCertificate first
 * ({@link assertCredentials}, the first thing in every builder's run callback), so they are not
 * checked again here.
 */
export function tokenPipeline(
  appId: string,
  appCertificate: string,
  expire: number,
  services: Service[],
  issueTs: number = unixSeconds(),
  salt: number = randomSalt(),
  dangerouslyAllowBrowser = false,
): Pipeline<string> {
  // The same checks, in the same order, as `new AccessToken2Base(...)` + addService + build(),
  // without the class, so a single builder's bundle does not carry the token class's methods.
  // `expire` is not checked here: every builder passes one it checked under its own parameter name
  // (or a constant), and buildPipeline checks it again. No assertService either: every builder
  // makes its services itself (AccessToken2.addService checks the ones a caller passes).
  assertBuildEnvironment(dangerouslyAllowBrowser);
  return buildPipeline(appId, appCertificate, issueTs, expire, salt, services);
}

/**
 * {@link tokenPipeline} for an options-form builder: its `issuedAt`, `salt` and
 * `dangerouslyAllowBrowser` are checked here, so that the positional builders' bundles (which
 * have no such options) carry none of this.
 */
export function optionsPipeline(options: CommonTokenOptions, expire: number, services: Service[]): Pipeline<string> {
  const issueTs = options.issuedAt === undefined ? unixSeconds() : assertIssuedAt(options.issuedAt);
  return tokenPipeline(options.appId, options.appCertificate, expire, services, issueTs, options.salt === undefined ? randomSalt() : assertSalt(options.salt), options.dangerouslyAllowBrowser === true);
}

/** An explicit issue time: Unix seconds after 1970-01-01 (0 would silently mean "now" in the official API). */
function assertIssuedAt(value: unknown): number {
  const seconds = assertSeconds(value, 'issuedAt');
  // Small values stay allowed: the official test vectors are issued at 1111111.
  if (seconds === 0) {
    throw new AgoraTokenError('ERR_INVALID_EXPIRE', 'issuedAt: must be a Unix time in seconds after 1970-01-01; omit it to use the current time', { field: 'issuedAt' });
  }
  return seconds;
}

const COMMON_KEYS = ['appId', 'appCertificate', 'expiresInSeconds', 'issuedAt', 'salt', 'dangerouslyAllowBrowser'];

/**
 * The options object, as {@link ownFields} reads it; it must be an object whose keys this builder
 * knows: a misspelt option (`expiresIn`, `userID`) would otherwise be ignored silently and build a
 * token with a default in its place. `keys` are the builder's own options besides the common ones.
 */
export function ownOptions<T>(options: T, fn: string, keys: readonly string[] = []): T {
  if (typeof options !== 'object' || options === null) {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `options: ${fn}() expects an options object`, { field: 'options' });
  }
  const own = ownFields(options);
  assertKnownKeys(own, [...COMMON_KEYS, ...keys], 'options');
  return own;
}

/**
 * Refuses own keys outside `known`, suggesting the known key it most likely meant (core/near).
 * `prefix` names the function, as the caller's other messages do.
 */
export function assertKnownKeys(object: object, known: readonly string[], field: string, prefix = ''): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const near = nearestName(key, known);
    const name = `${field}.${shownKey(key)}`;
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${prefix}${name}: unknown option${near ? ` (did you mean ${near}?)` : ''}`, { field: name });
  }
}

/** The `app` option: true for an app token, false or absent otherwise (a 1 or 'yes' is refused, not taken for false). */
export function appFlag(value: unknown): boolean {
  if (value === undefined || typeof value === 'boolean') return value === true;
  throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'app: expected true or false', { field: 'app' });
}

/** `expiresInSeconds` with its default (only when absent: null is refused, not defaulted). */
export function expiresIn(options: CommonTokenOptions): number {
  return assertLifetime(options.expiresInSeconds === undefined ? DEFAULT_EXPIRES_IN_SECONDS : options.expiresInSeconds, 'expiresInSeconds');
}

/**
 * An options-form lifetime: seconds after issue, as assertSeconds checks, and not an absolute Unix
 * time. `now + 3600` is the 006 convention, and users moving to 007 pass it where 007 wants 3600.
 * The positional builders accept it, as agora-token does (drop-in), but a field named
 * `…InSeconds` refuses it, at the threshold diagnoseToken uses to flag such tokens: every Unix
 * time since September 2001 is at least 10^9, and 10^9 seconds is 31 years, far past the 24 hours
 * Agora grants a token.
 */
export function assertLifetime(value: unknown, field: string): number {
  const seconds = assertSeconds(value, field, `1..${TIMESTAMP_THRESHOLD - 1}`);
  if (seconds === 0) {
    throw new AgoraTokenError('ERR_INVALID_EXPIRE', `${field}: must be at least 1`, { field });
  }
  if (seconds >= TIMESTAMP_THRESHOLD) {
    throw new AgoraTokenError(
      'ERR_INVALID_EXPIRE',
      `${field}: ${seconds} looks like an absolute Unix time (${isoTime(seconds)}); 007 lifetimes are seconds after issue, e.g. 3600 (now + 3600 was the 006 convention)`,
      { field },
    );
  }
  return seconds;
}
