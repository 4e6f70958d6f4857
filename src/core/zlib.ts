/**
 * @module core/zlib — the compression seam of the 007 pipeline.
 *
 * Compression: canonical zlib level 6 so token strings equal Agora's reference strings.
 * Decompression: bounded by MAX_PAYLOAD_BYTES so a crafted token cannot allocate megabytes.
 */

import { unzlibSync, zlibSync } from 'fflate';
import { AgoraTokenError } from '../errors.ts';

/**
 * Largest inflated 007 payload accepted by the decoder (and produced by the builders).
 * Real tokens are a few hundred bytes; 32 KiB leaves room for large RTM2 permission lists.
 */
export const MAX_PAYLOAD_BYTES = 32 * 1024;

/** zlib-compresses a token payload. */
export function compress(payload: Uint8Array): Uint8Array {
  return zlibSync(payload, { level: 6 });
}

/** Inflates a zlib stream, failing with a typed error on malformed input or over `maxOutput` bytes. */
export function decompress(data: Uint8Array, maxOutput = MAX_PAYLOAD_BYTES): Uint8Array {
  let out: Uint8Array;
  try {
    out = unzlibSync(data);
  } catch (cause) {
    throw new AgoraTokenError('ERR_TOKEN_ZLIB', 'token body is not a valid zlib stream', { cause });
  }
  if (out.length > maxOutput) throw new AgoraTokenError('ERR_TOKEN_TOO_LARGE', `token inflates past ${maxOutput} bytes`);
  return out;
}
