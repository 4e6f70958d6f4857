/**
 * @module sign/types — the one seam between the token pipeline and a crypto backend.
 *
 * The pipeline is written once as a generator that yields HMAC steps; a backend runs them,
 * synchronously (pure-JS HMAC, sign/hmac-sync.ts) or asynchronously (Web Crypto). See `sign/run.ts`.
 */

/**
 * Compute HMAC-SHA256(key, message). `longLivedKey` marks a key that comes back for many tokens
 * (the 006 App Certificate), so a backend may keep its derived state; per-token keys leave it unset.
 */
export interface HmacStep {
  /** Step kind: compute an HMAC. */
  readonly op: 'hmac';
  /** The HMAC key. */
  readonly key: Uint8Array;
  /** The bytes to authenticate. */
  readonly message: Uint8Array;
  /** True for a key reused across many tokens (the 006 App Certificate); unset for per-token keys. */
  readonly longLivedKey?: boolean;
}

/** Check in constant time that HMAC-SHA256(key, message) equals `mac`. */
export interface VerifyStep {
  /** Step kind: verify a MAC. */
  readonly op: 'verify';
  /** The HMAC key. */
  readonly key: Uint8Array;
  /** The bytes the MAC covers. */
  readonly message: Uint8Array;
  /** The MAC read from the token, compared with HMAC-SHA256(key, message). */
  readonly mac: Uint8Array;
}

/** A crypto operation requested by the pipeline. */
export type CryptoStep = HmacStep | VerifyStep;

/** The pipeline: yields steps, receives their results (bytes for hmac, boolean for verify), returns T. */
export type Pipeline<T> = Generator<CryptoStep, T, Uint8Array & boolean>;

/** A synchronous backend. */
export interface SyncBackend {
  hmac(key: Uint8Array, message: Uint8Array, longLivedKey?: boolean): Uint8Array;
  verify(key: Uint8Array, message: Uint8Array, mac: Uint8Array): boolean;
}

/** An asynchronous backend (Web Crypto). */
export interface AsyncBackend {
  /**
   * An HMAC is these two calls, which the driver awaits itself (sign/run.ts): an `hmac()` async
   * helper would add a promise hop per HMAC, measured as ~0.4 points of the main entry's own-work share.
   */
  signingKey(key: Uint8Array): Promise<CryptoKey>;
  sign(key: CryptoKey, message: Uint8Array): Promise<ArrayBuffer>;
  verify(key: Uint8Array, message: Uint8Array, mac: Uint8Array): Promise<boolean>;
}
