/** @module core/inflate/fail — the two typed errors the inflater raises, built in one place so messages stay uniform. */

import { AgoraTokenError } from '../../errors.ts';

/** A malformed deflate/zlib stream; `message` names the rule that was broken (zlib's wording where one exists). */
export function zlibError(message: string): AgoraTokenError {
  return new AgoraTokenError('ERR_TOKEN_ZLIB', message);
}

/** The stream ended before the decoder had what it needed. */
export function truncated(): AgoraTokenError {
  return zlibError('unexpected end of zlib stream');
}

/** Output would pass the caller's cap; raised before the byte that would cross it is written. */
export function tooLarge(maxOutput: number): AgoraTokenError {
  return new AgoraTokenError(
    'ERR_TOKEN_TOO_LARGE',
    `zlib stream inflates to more than ${maxOutput} bytes`,
  );
}
