/**
 * @module inspect/findings — the stable finding codes of `diagnoseToken`, their usual severity
 * and what each one means. Codes never change meaning; new codes may be added in minor versions.
 */

import { frozen } from '../core/frozen.ts';
import { printable } from '../core/text.ts';

/**
 * How bad a finding is: `error` = Agora will reject the token for this use, `warning` = likely trouble, `info` = worth knowing.
 * @example
 * ```ts
 * const failing = findings.some((f) => f.severity === 'error');
 * ```
 */
export type FindingSeverity = 'error' | 'warning' | 'info';

/**
 * One diagnosis result. `message` explains in one sentence, `fix` says what to do in one sentence.
 * @example
 * ```ts
 * const blocking: Finding[] = (await diagnoseToken(token, { channel: 'room', uid: 42 })).filter((f) => f.severity === 'error');
 * ```
 */
export interface Finding {
  /** Stable machine-readable code, see {@link FINDING_CODES}. */
  code: FindingCode;
  /** How bad it is here (usually the code's severity in {@link FINDING_CODES}; a few codes are milder in some contexts). */
  severity: FindingSeverity;
  /**
   * What was found, in one sentence. Safe to print or log: token text quoted in it shows control,
   * bidi and invisible characters as `\u{…}` escapes (`details` keeps the text as it is).
   */
  message: string;
  /** What to do about it, in one sentence (printable as `message`). */
  fix: string;
  /** Machine-readable facts behind the message (never a certificate); the keys depend on the code. */
  details?: FindingDetails;
}

/** One machine-readable fact of a {@link Finding}. */
export type FindingDetail = string | number | boolean | null | readonly (string | number)[];

/**
 * The facts behind a {@link Finding}. Which keys appear depends on its code; the ones the library
 * writes are named, so they read as `details.errorCode` under `noPropertyAccessFromIndexSignature`.
 * @example
 * ```ts
 * const [first] = await diagnoseToken('garbage');
 * console.log(first?.code, first?.details?.errorCode); // 'TOKEN_MALFORMED' 'ERR_TOKEN_VERSION'
 * ```
 */
export interface FindingDetails {
  /** Any other fact a finding carries (codes may add keys in later versions). */
  [key: string]: FindingDetail | undefined;
  /** TOKEN_MALFORMED, TOKEN_UNSUPPORTED, APP_ID_INSTEAD_OF_TOKEN: the AgoraTokenError code. */
  errorCode?: FindingDetail;
  /** TOKEN_UNSUPPORTED: what the text looks like (e.g. an older dynamic key version). */
  kind?: FindingDetail;
  /** The argument or token field concerned (e.g. `expire`; for TOKEN_MALFORMED the AgoraTokenError field, or null). */
  field?: FindingDetail;
  /** The raw value of `field`. */
  value?: FindingDetail;
  /** UNKNOWN_SERVICE: the service type id this library does not know. */
  type?: FindingDetail;
  /** The service concerned, by name (`rtc`, `rtm`, `chat`...). */
  service?: FindingDetail;
  /** The App ID in the token. */
  tokenAppId?: FindingDetail;
  /** The App ID you expected; APP_ID_MISMATCH shows only its first and last four characters, in case it is your certificate. */
  expectedAppId?: FindingDetail;
  /** The service you expected (the `service` expectation). */
  expectedService?: FindingDetail;
  /** The names of the services the token holds. */
  tokenServices?: FindingDetail;
  /** The channel names in the token. */
  tokenChannels?: FindingDetail;
  /** The channel you expected. */
  expectedChannel?: FindingDetail;
  /** The channel concerned. */
  channel?: FindingDetail;
  /** The uid or user account in the token (packed text: '' for uid 0). */
  tokenUid?: FindingDetail;
  /** The uid or user account you expected (packed text: '' for uid 0). */
  expectedUid?: FindingDetail;
  /** Whether you expected a numeric uid (`'uid'`) or a user account (`'account'`). */
  expectedKind?: FindingDetail;
  /** The user id in the token (RTM, RTM2 or Chat). */
  tokenUserId?: FindingDetail;
  /** The user id you expected. */
  expectedUserId?: FindingDetail;
  /** 006: the CRC-32 the token stores (of the channel name, uid or account). */
  tokenCrc?: FindingDetail;
  /** 006: the CRC-32 of what you expected. */
  expectedCrc?: FindingDetail;
  /** The privileges concerned, by name. */
  privileges?: FindingDetail;
  /** The raw values of those privileges, in the same order. */
  values?: FindingDetail;
  /** PUBLISH_PRIVILEGE_MISSING: the publish privilege ids (2 audio, 3 video, 4 data) the RTC service lacks. */
  missing?: FindingDetail;
  /** CHANNEL_WILDCARD: whether the wildcard token also grants publishing. */
  publishes?: FindingDetail;
  /** CERTIFICATE_CASE, CERTIFICATE_UNTRIMMED: the variant of your certificate the signature verifies with (another letter case, or a line break, space or quotes added). */
  verifiesWith?: FindingDetail;
  /** The token's issue time, Unix seconds. */
  issuedAt?: FindingDetail;
  /** The reference time of the diagnosis, Unix seconds. */
  now?: FindingDetail;
  /** How far the issue time is ahead of `now`, in seconds. */
  skewSeconds?: FindingDetail;
  /** The token's lifetime: 007 `expire`, seconds after issue. */
  lifetimeSeconds?: FindingDetail;
  /** The documented maximum: 86400 seconds (24 hours) after issue. */
  maxSeconds?: FindingDetail;
  /** Seconds from `now` until the expiry concerned. */
  secondsLeft?: FindingDetail;
  /** Seconds since the expiry concerned passed. */
  secondsAgo?: FindingDetail;
  /** The expiry concerned, Unix seconds. */
  expiresAt?: FindingDetail;
  /** When the first of the expired privileges expired, Unix seconds. */
  expiredAt?: FindingDetail;
  /** What sets that expiry: `'24h-maximum'`, `'token'` or `<service>.<privilege>` (e.g. `'rtc.joinChannel'`). */
  limitedBy?: FindingDetail;
}

/** What a finding code means and its usual severity (a few codes are milder in some contexts, noted here). */
export interface FindingCodeInfo {
  /** The severity the code usually has. */
  readonly severity: FindingSeverity;
  /** What the code means, in one or two sentences. */
  readonly meaning: string;
}

/** The table behind FINDING_CODES. */
const CODES = {
  TOKEN_MALFORMED: { severity: 'error', meaning: 'The text is not a readable 007/006 token (bad base64, zlib, truncated...); details.errorCode holds the AgoraTokenError code.' },
  TOKEN_UNSUPPORTED: { severity: 'error', meaning: 'An older dynamic key (003/004/005) that current SDKs and this library do not support.' },
  APP_ID_INSTEAD_OF_TOKEN: { severity: 'error', meaning: 'The text is a 32-hex App ID (or App Certificate), not a token.' },
  NO_SERVICES: { severity: 'error', meaning: 'The token grants no service (007) or no privilege (006).' },
  TOKEN_EXPIRED: { severity: 'error', meaning: 'The token itself has expired (or, for 007, is past the 24-hour maximum after issue).' },
  PRIVILEGE_EXPIRED: { severity: 'error', meaning: 'A privilege (join, publish, login...) has expired while the token is still valid (RTC privileges other than a still-valid joinChannel: info for a subscriber, warning without a role).' },
  PRIVILEGE_ZERO: { severity: 'warning', meaning: 'A privilege value is 0 (007: meaning undefined by the sources; 006 and FPA login: info, documented).' },
  PRIVILEGE_ENDS_BEFORE_TOKEN: { severity: 'info', meaning: 'A privilege ends before the token; the client must renew by then.' },
  PRIVILEGE_OUTLIVES_TOKEN: { severity: 'info', meaning: 'A privilege is set past the token expiry; the token ends first.' },
  EXPIRES_SOON: { severity: 'warning', meaning: 'The token or a privilege expires within 5 minutes (SDKs warn 30 s before).' },
  LIFETIME_OVER_24H: { severity: 'warning', meaning: 'The token lasts longer than the documented 24-hour maximum.' },
  ISSUED_IN_FUTURE: { severity: 'warning', meaning: 'The 007 issue time is ahead of the reference clock: clock skew between machines.' },
  EXPIRE_LOOKS_LIKE_TIMESTAMP: { severity: 'warning', meaning: 'A 007 expire/privilege value looks like an absolute Unix time; 007 takes seconds after issue.' },
  PRIVILEGE_LOOKS_LIKE_DURATION: { severity: 'error', meaning: 'A 006 privilege value looks like a duration; 006 takes an absolute Unix time, so it expired in 1970 (a warning for RTM, which the 006 docs say ignores it).' },
  WRONG_SERVICE: { severity: 'error', meaning: 'The token has no service of the kind you use (e.g. an RTM-only token used to join RTC).' },
  UNKNOWN_SERVICE: { severity: 'info', meaning: 'The token holds a service type this library does not know; reading stopped there.' },
  JOIN_PRIVILEGE_MISSING: { severity: 'error', meaning: 'The RTC service has no joinChannel privilege.' },
  LOGIN_PRIVILEGE_MISSING: { severity: 'error', meaning: 'The RTM or Chat user service you log in with has no login (Chat: user) privilege.' },
  PUBLISH_PRIVILEGE_MISSING: { severity: 'warning', meaning: 'A host/publisher token lacks publish privileges (enforced when co-host authentication is on).' },
  CHANNEL_MISMATCH: { severity: 'error', meaning: 'The token was built for another channel name.' },
  CHANNEL_WILDCARD: { severity: 'info', meaning: 'A wildcard token (channel "*", AccessToken2): it joins any channel with its uid or account.' },
  CHANNEL_WILDCARD_UID_ZERO: { severity: 'error', meaning: 'A wildcard token (channel "*") built for uid 0, which Agora does not accept.' },
  CHANNEL_NAME_INVALID: { severity: 'warning', meaning: 'A channel name breaks the documented rules (under 64 bytes, 89 allowed characters).' },
  UID_MISMATCH: { severity: 'error', meaning: 'The token was built for another uid/user account.' },
  UID_WILDCARD: { severity: 'info', meaning: 'The token was built for uid 0, so any uid may join with it.' },
  UID_STRING_ZERO: { severity: 'warning', meaning: 'The token holds the string "0", which is not the uid-0 wildcard.' },
  ACCOUNT_UID_CONFUSION: { severity: 'error', meaning: 'Numeric uid and string user account are mixed up between the token and the join call.' },
  NUMERIC_ACCOUNT: { severity: 'info', meaning: 'A numeric-looking user account: it matches the token, but account "123" and int uid 123 are different users.' },
  CHAT_USER_ID_FORM: { severity: 'warning', meaning: 'The Chat user id in the token has upper-case letters or characters the Chat SDK does not take (it lowercases ids at login).' },
  USER_ID_MISMATCH: { severity: 'error', meaning: 'The RTM/Chat/APaaS user id in the token differs from the one you log in with (a Chat app token names none).' },
  APP_ID_MISMATCH: { severity: 'error', meaning: 'The token was built for another App ID.' },
  APP_ID_CASE_MISMATCH: { severity: 'warning', meaning: 'The App IDs differ only in letter case.' },
  CREDENTIALS_SWAPPED: { severity: 'error', meaning: 'The token carries your App Certificate where the App ID belongs.' },
  CERTIFICATE_IN_TOKEN: { severity: 'error', meaning: 'The token carries your App Certificate as a channel name or account.' },
  SIGNATURE_INVALID: { severity: 'error', meaning: 'The signature does not verify with the given App Certificate.' },
  CERTIFICATE_CASE: { severity: 'error', meaning: 'The signature verifies only with the certificate in another letter case.' },
  CERTIFICATE_UNTRIMMED: { severity: 'error', meaning: 'The signature verifies only with a line break, a space or quotes around the certificate.' },
  SIGNATURE_VALID: { severity: 'info', meaning: 'The signature verifies with the given App Certificate.' },
  SIGNATURE_NOT_CHECKED: { severity: 'info', meaning: 'The signature was not checked (no certificate, or a 006 token without a matching channel/uid).' },
  CRC_ONLY_CHECK: { severity: 'info', meaning: '006 channel/uid were compared by their CRC-32 only, not by signature.' },
} as const;
/**
 * Every finding code with its usual severity and meaning. Frozen, entries too: diagnose reads its
 * severities here.
 *
 * @example
 * ```ts
 * import { FINDING_CODES } from 'agora-token-kit';
 * console.log(FINDING_CODES.UID_MISMATCH.meaning);
 * ```
 */
export const FINDING_CODES: typeof CODES = /* @__PURE__ */ frozen(CODES);

/**
 * A stable finding code (a key of {@link FINDING_CODES}).
 * @example
 * ```ts
 * const retryable: FindingCode[] = ['TOKEN_EXPIRED', 'PRIVILEGE_EXPIRED', 'EXPIRES_SOON'];
 * ```
 */
export type FindingCode = keyof EveryEntryIs<FindingCodeInfo, typeof FINDING_CODES>;

/**
 * `T`, which must map each key to an `Info`: the check a `satisfies` on FINDING_CODES would make,
 * moved here because with one its type is no longer readable without a type checker
 * (`isolatedDeclarations`).
 */
type EveryEntryIs<Info, T extends Record<string, Info>> = T;

/** Builds a finding with the code's usual severity unless one is given. */
export function finding(
  code: FindingCode,
  message: string,
  fix: string,
  details?: Finding['details'],
  severity: FindingSeverity = FINDING_CODES[code].severity,
): Finding {
  // Messages quote token text (channel names, accounts): printable, so printing or logging a
  // finding cannot carry a pasted token's escape sequences or line breaks. `details` keeps it raw.
  message = printable(message);
  fix = printable(fix);
  return details === undefined ? { code, severity, message, fix } : { code, severity, message, fix, details };
}

const ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; stable within a severity. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.map((f, i) => [f, i] as const).sort((a, b) => ORDER[a[0].severity] - ORDER[b[0].severity] || a[1] - b[1]).map(([f]) => f);
}
