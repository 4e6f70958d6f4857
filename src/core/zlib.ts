/**
 * @module core/zlib — the compression seam of the 007 pipeline.
 *
 * Compression: our canonical zlib level-6 encoder (core/deflate), so token strings equal the
 * reference strings of Agora's Python, Java, C++ and PHP implementations.
 * Decompression: our bounded inflater (core/inflate), so a crafted token cannot make the decoder
 * allocate or work past MAX_PAYLOAD_BYTES. Each module says why it is not fflate.
 */

import { inflateZlib } from './inflate/index.ts';

/**
 * Largest inflated 007 payload accepted by the decoder (and produced by the builders).
 * Real tokens are a few hundred bytes; 32 KiB leaves room for large RTM2 permission lists.
 */
export const MAX_PAYLOAD_BYTES = 32_768; // 32 KiB

/**
 * zlib-compresses a token payload exactly as canonical zlib 1.2.13 at level 6 (Agora's reference
 * strings). Payloads are at most MAX_PAYLOAD_BYTES, the bound the encoder is verified for. The
 * result is never modified afterwards, but a small one may share its ArrayBuffer with earlier
 * results (views into one slab instead of an allocation per token): read it, do not transfer it.
 * (The encoder itself, re-exported: a wrapper function would be bytes in every builder's bundle.)
 */
export { deflateZlib as compress } from './deflate/index.ts';

/**
 * Inflates a zlib stream with our bounded inflater: a typed error on malformed input, a bad
 * Adler-32, bytes after the stream, or output past `maxOutput` (work stops there).
 */
export function decompress(data: Uint8Array, maxOutput: number = MAX_PAYLOAD_BYTES): Uint8Array {
  return inflateZlib(data, maxOutput);
}
