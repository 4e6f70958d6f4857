/**
 * @module sign/noble — synchronous HMAC-SHA256 from @noble/hashes (audited, no dependencies),
 * for the `/sync` entries where Web Crypto's promises are not an option.
 */

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { constantTimeEqual } from '../core/bytes.ts';
import type { SyncBackend } from './types.ts';

/** The synchronous backend. */
export const nobleBackend: SyncBackend = {
  hmac: (key, message) => hmac(sha256, key, message),
  verify: (key, message, mac) => constantTimeEqual(hmac(sha256, key, message), mac),
};
