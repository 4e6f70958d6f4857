/**
 * @module core/zlib — the compression seam of the 007 pipeline.
 *
 * Compression: canonical zlib level 6 so token strings equal Agora's reference strings.
 * Decompression: bounded by MAX_PAYLOAD_BYTES so a crafted token cannot allocate megabytes.
 */

import { zlibSync } from 'fflate';
import { inflateZlib } from './inflate/index.ts';

/**
 * Largest inflated 007 payload accepted by the decoder (and produced by the builders).
 * Real tokens are a few hundred bytes; 32 KiB leaves room for large RTM2 permission lists.
 */
export const MAX_PAYLOAD_BYTES = 32 * 1024;

/** zlib-compresses a token payload. */
export function compress(payload: Uint8Array): Uint8Array {
  return zlibSync(payload, { level: 6 });
}

/**
 * Inflates a zlib stream with our bounded inflater: a typed error on malformed input, a bad
 * Adler-32, bytes after the stream, or output past `maxOutput` (work stops there).
 */
export function decompress(data: Uint8Array, maxOutput = MAX_PAYLOAD_BYTES): Uint8Array {
  return inflateZlib(data, maxOutput);
}
