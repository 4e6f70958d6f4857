/**
 * @module errors — the one error class of agora-token-kit and its stable codes.
 *
 * Every failure the library reports is an {@link AgoraTokenError} with a string `code` from
 * {@link TokenErrorCode}. Messages name the field and the rule; they never contain a secret.
 */

/** Stable error codes. New codes may be added in minor versions; existing ones never change meaning. */
export type TokenErrorCode =
  /** appId is not 32 hexadecimal characters. */
  | 'ERR_INVALID_APP_ID'
  /** appCertificate is not 32 hexadecimal characters. */
  | 'ERR_INVALID_APP_CERTIFICATE'
  /**
   * Channel name breaks the documented character set or length (under 64 bytes), or, in the token
   * classes (`ServiceRtc`, the 006 `AccessToken`), is not packable text.
   */
  | 'ERR_INVALID_CHANNEL'
  /** uid is not an integer in 0..4294967295 (or, where a uid may be an account string, not packable text). */
  | 'ERR_INVALID_UID'
  /** User account / user id breaks its length or character rule. */
  | 'ERR_INVALID_ACCOUNT'
  /**
   * An expiry / duration / timestamp is not a whole number of seconds in 0..2^32-1; or 0 where a
   * lifetime is required (the options form); or, in an options-form lifetime, 10^9 or more (an
   * absolute Unix time given as a duration); or a 006 timestamp in 1..999999999 (a duration given
   * as an absolute time).
   */
  | 'ERR_INVALID_EXPIRE'
  /** A role value is not one the builder knows. */
  | 'ERR_INVALID_ROLE'
  /** A privilege id or value is out of range. */
  | 'ERR_INVALID_PRIVILEGE'
  /** Any other argument of the wrong type or range. */
  | 'ERR_INVALID_ARGUMENT'
  /** A token was built with no service. */
  | 'ERR_NO_SERVICE'
  /** The token string does not start with a known version prefix. */
  | 'ERR_TOKEN_VERSION'
  /** The token is an older dynamic key (003/004/005 or a bare App ID) that this library does not support. */
  | 'ERR_TOKEN_UNSUPPORTED'
  /** The token's base64 text is malformed. */
  | 'ERR_TOKEN_BASE64'
  /** The token's zlib stream is malformed or fails its checksum. */
  | 'ERR_TOKEN_ZLIB'
  /** The token text is longer than MAX_TOKEN_LENGTH, or inflates to more than MAX_PAYLOAD_BYTES. */
  | 'ERR_TOKEN_TOO_LARGE'
  /** A field inside the token is cut short. */
  | 'ERR_TOKEN_TRUNCATED'
  /** Bytes are left over after the last field of the token. */
  | 'ERR_TOKEN_TRAILING_BYTES'
  /** A field inside the token has an impossible value. */
  | 'ERR_TOKEN_MALFORMED'
  /** The runtime lacks a needed Web API (e.g. crypto.subtle). */
  | 'ERR_NOT_SUPPORTED'
  /** The builder refused to run in a browser page without the explicit opt-in. */
  | 'ERR_UNSAFE_ENVIRONMENT';

/** Options for {@link AgoraTokenError}. */
export interface AgoraTokenErrorOptions {
  /** The input field the error is about, e.g. `"channelName"`. */
  field?: string | undefined;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * The error thrown by every function of agora-token-kit for bad input or a malformed token.
 *
 * @example
 * ```ts
 * import { decodeToken, isAgoraTokenError } from 'agora-token-kit';
 * try { decodeToken('007garbage'); }
 * catch (e) { if (isAgoraTokenError(e)) console.log(e.code); } // 'ERR_TOKEN_BASE64'
 * ```
 */
export class AgoraTokenError extends Error {
  /** Stable machine-readable code. */
  declare readonly code: TokenErrorCode;
  /** The input field the error is about, when there is one. */
  declare readonly field: string | undefined;

  /**
   * Creates the error; `name` is always 'AgoraTokenError'.
   * @param code the stable error code, one of {@link TokenErrorCode}.
   * @param message human-readable text naming the field and the rule; never a secret.
   * @param options the input field the error is about and the underlying cause, both optional.
   */
  constructor(code: TokenErrorCode, message: string, options: AgoraTokenErrorOptions = {}) {
    // Error reads only `cause` from its options (and adds it only when given): pass ours as they are.
    super(message, options.cause === undefined ? undefined : options);
    // A literal, not the class's own name: minifiers rename classes (webpack, Vite, Next.js and
    // esbuild --minify all do), and isAgoraTokenError, the server's 400s and the lenient parsers
    // read this field.
    this.code = code;
    this.field = options.field;
    this.name = 'AgoraTokenError';
  }
}

/**
 * True for an {@link AgoraTokenError}, also one from another copy of the library or another
 * realm (it checks the shape, not `instanceof`).
 *
 * @example
 * ```ts
 * if (isAgoraTokenError(err) && err.code === 'ERR_INVALID_UID') console.error(`bad ${err.field}: ${err.message}`);
 * ```
 */
export function isAgoraTokenError(value: unknown): value is AgoraTokenError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'AgoraTokenError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
