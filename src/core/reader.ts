/**
 * @module core/reader — the inverse of ByteWriter with exact bounds checks.
 *
 * A short buffer raises ERR_TOKEN_TRUNCATED naming the field being read, never an
 * out-of-range read or `undefined`.
 */

import { AgoraTokenError } from '../errors.ts';
import { tryDecodeUtf8 } from './bytes.ts';

/** Little-endian reader over a byte array. */
export class ByteReader {
  readonly #buf: Uint8Array;
  readonly #view: DataView;
  #pos: number;
  readonly #end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.#buf = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#pos = start;
    this.#end = end;
  }

  /** Current offset. */
  get offset(): number {
    return this.#pos;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.#end - this.#pos;
  }

  #take(n: number, field: string): number {
    const at = this.#pos;
    if (n > this.#end - at) {
      throw new AgoraTokenError(
        'ERR_TOKEN_TRUNCATED',
        `token field ${field}: needs ${n} bytes at offset ${at}, only ${this.#end - at} left`,
        { field },
      );
    }
    this.#pos = at + n;
    return at;
  }

  /** Reads an unsigned 16-bit integer. */
  uint16(field: string): number {
    return this.#view.getUint16(this.#take(2, field), true);
  }

  /** Reads a signed 16-bit integer. */
  int16(field: string): number {
    return this.#view.getInt16(this.#take(2, field), true);
  }

  /** Reads an unsigned 32-bit integer. */
  uint32(field: string): number {
    return this.#view.getUint32(this.#take(4, field), true);
  }

  /** Reads `n` raw bytes (a view, not a copy). */
  raw(n: number, field: string): Uint8Array {
    const at = this.#take(n, field);
    return this.#buf.subarray(at, at + n);
  }

  /** Reads `u16 length` + bytes. */
  bytes(field: string): Uint8Array {
    const n = this.uint16(field);
    return this.raw(n, field);
  }

  /** Reads a length-prefixed UTF-8 string; invalid UTF-8 is ERR_TOKEN_MALFORMED. */
  string(field: string): string {
    const bytes = this.bytes(field);
    // Token strings are short and nearly always ASCII: skip TextDecoder's per-call cost for them.
    if (bytes.length <= 64) {
      let ascii = '';
      let i = 0;
      for (; i < bytes.length && bytes[i]! < 0x80; i++) ascii += String.fromCharCode(bytes[i]!);
      if (i === bytes.length) return ascii;
    }
    const text = tryDecodeUtf8(bytes);
    if (text === undefined) {
      throw new AgoraTokenError('ERR_TOKEN_MALFORMED', `token field ${field}: not valid UTF-8`, { field });
    }
    return text;
  }

  /** Reads a privilege map into a plain object keyed by id. Ascending order is not enforced (as the official parsers). */
  map32(field: string): Record<number, number> {
    const count = this.uint16(field);
    // Each entry is 6 bytes: check the whole map fits before allocating anything for it.
    if (count * 6 > this.remaining) this.#take(count * 6, field);
    const out: Record<number, number> = {};
    for (let i = 0; i < count; i++) {
      const key = this.uint16(field);
      out[key] = this.uint32(field);
    }
    return out;
  }

  /** Throws ERR_TOKEN_TRAILING_BYTES if anything is left. */
  expectEnd(what: string): void {
    if (this.#pos !== this.#end) {
      throw new AgoraTokenError(
        'ERR_TOKEN_TRAILING_BYTES',
        `${what}: ${this.#end - this.#pos} unexpected bytes after the last field`,
      );
    }
  }
}
