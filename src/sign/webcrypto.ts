/**
 * @module sign/webcrypto — HMAC-SHA256 via `crypto.subtle`, for the main (async) entries.
 * Verification uses `crypto.subtle.verify`, which compares in constant time.
 */

import { AgoraTokenError } from '../errors.ts';
import type { AsyncBackend } from './types.ts';

const ALGORITHM = { name: 'HMAC', hash: 'SHA-256' } as const;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) {
    throw new AgoraTokenError(
      'ERR_NOT_SUPPORTED',
      'crypto.subtle is missing (insecure context or old runtime): use agora-token-kit/sync, or /legacy/sync for 006',
    );
  }
  return s;
}

function importKey(key: Uint8Array, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return subtle().importKey('raw', key as Uint8Array<ArrayBuffer>, ALGORITHM, false, [usage]);
}

/** The Web Crypto backend. */
export const webCryptoBackend: AsyncBackend = {
  signingKey: (key) => importKey(key, 'sign'),
  sign: (key, message) => subtle().sign('HMAC', key, message as Uint8Array<ArrayBuffer>),
  async verify(key, message, mac) {
    const k = await importKey(key, 'verify');
    return subtle().verify('HMAC', k, mac as Uint8Array<ArrayBuffer>, message as Uint8Array<ArrayBuffer>);
  },
};
