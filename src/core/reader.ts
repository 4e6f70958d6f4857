/**
 * @module core/reader — the inverse of ByteWriter with exact bounds checks.
 *
 * A short buffer raises ERR_TOKEN_TRUNCATED naming the field being read, never an
 * out-of-range read or `undefined`.
 */

import { AgoraTokenError } from '../errors.ts';
import { decodeUtf8Loose, decodeUtf8Strict } from './text.ts';


/** Little-endian reader over `bytes[start..end)`. */
export class ByteReader {
  readonly #buf: Uint8Array;
  #pos: number;
  readonly #end: number;
  readonly #checkOnly: boolean;
  readonly #loose: boolean;

  // Integers are assembled from bytes rather than read through a DataView: creating the view
  // cost more than all the reads of a token together.
  /**
   * With `checkOnly`, {@link string} checks its field exactly as usual (length, UTF-8) but
   * returns '' instead of building the string: for a caller that needs the checks, not the text.
   * With `loose`, invalid UTF-8 reads with U+FFFD in place of the bad bytes (as Node's Buffer
   * reads them: the official parse methods' reading) instead of failing.
   */
  constructor(bytes: Uint8Array, start = 0, end: number = bytes.length, checkOnly = false, loose = false) {
    this.#buf = bytes;
    this.#pos = start;
    this.#end = end;
    this.#checkOnly = checkOnly;
    this.#loose = loose;
  }

  /** Current offset. */
  get offset(): number {
    return this.#pos;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.#end - this.#pos;
  }

  /** Skips `n` bytes and returns the offset where they start; ERR_TOKEN_TRUNCATED if fewer are left. */
  take(n: number, field: string): number {
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

  /** Throws what {@link take} would if fewer than `n` bytes are left, without moving. */
  need(n: number, field: string): void {
    if (n > this.#end - this.#pos) this.take(n, field);
  }

  /** Reads an unsigned 16-bit integer. */
  uint16(field: string): number {
    const at = this.take(2, field);
    const b = this.#buf;
    return b[at]! | (b[at + 1]! << 8);
  }

  /** Reads a signed 16-bit integer. */
  int16(field: string): number {
    return (this.uint16(field) << 16) >> 16;
  }

  /** Reads an unsigned 32-bit integer. */
  uint32(field: string): number {
    const at = this.take(4, field);
    const b = this.#buf;
    return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
  }

  /** Reads `n` raw bytes (a view, not a copy). */
  raw(n: number, field: string): Uint8Array {
    const at = this.take(n, field);
    return this.#buf.subarray(at, at + n);
  }

  /** Reads `u16 length` + bytes. */
  bytes(field: string): Uint8Array {
    const n = this.uint16(field);
    return this.raw(n, field);
  }

  /**
   * Reads a length-prefixed UTF-8 string; invalid UTF-8 is ERR_TOKEN_MALFORMED. (No RecentString
   * here: what a loose read remembered would reach {@link hex32} unchecked.)
   */
  string(field: string): string {
    const n = this.uint16(field);
    const at = this.take(n, field);
    const b = this.#buf;
    if (this.#checkOnly) return checkText(b, at, n, field);
    let text: string | undefined;
    // Token strings are short and nearly always ASCII; TextDecoder's per-call cost is larger
    // than building such a string from its char codes, a few at a time.
    if (n <= 64) text = ascii(b, at, at + n);
    if (text === undefined) text = decodeUtf8Strict(b.subarray(at, at + n));
    if (text === undefined) {
      const loose = this.#loose ? decodeUtf8Loose(b.subarray(at, at + n)) : undefined;
      if (loose === undefined) throw notUtf8(field);
      return loose;
    }
    return text;
  }

  /**
   * Reads a length-prefixed string that must be 32 hex digits (either case), as an App ID is:
   * anything else is ERR_TOKEN_MALFORMED naming the field, without quoting its bytes. The same
   * bytes as in `recent` give back its string without checking or building it again (also when
   * checking only); only this method fills `recent`, so it only ever holds checked text.
   */
  hex32(field: string, recent: RecentString): string {
    const n = this.uint16(field);
    const at = this.take(n, field);
    const b = this.#buf;
    if (!recent.matches(b, at, n)) {
      // Checked on the bytes: a RegExp over a string built first cost ~0.2 µs per decode of a
      // token whose App ID differs from the last one (a server of several projects).
      if (n !== 32 || !hex32At(b, at)) throw new AgoraTokenError('ERR_TOKEN_MALFORMED', `token field ${field}: not 32 hex characters (${n} bytes)`, { field });
      recent.remember(b, at, n, ascii(b, at, at + 32)!);
    }
    return this.#checkOnly ? '' : recent.text;
  }

  /** Throws ERR_TOKEN_TRAILING_BYTES if anything is left. */
  expectEnd(what: string): void {
    if (this.#pos !== this.#end) {
      throw new AgoraTokenError(
        'ERR_TOKEN_TRAILING_BYTES',
        `${what}: ${this.#end - this.#pos} unexpected bytes after the last field`,
        { field: 'token' },
      );
    }
  }
}

function notUtf8(field: string): AgoraTokenError {
  return new AgoraTokenError('ERR_TOKEN_MALFORMED', `token field ${field}: not valid UTF-8`, { field });
}

/** The checks of ByteReader.string without the string: '' if `b[at..at+n)` is UTF-8, else the same error. */
function checkText(b: Uint8Array, at: number, n: number, field: string): string {
  let any = 0;
  for (let i = at; i < at + n; i++) any |= b[i]!;
  if (any >= 0x80 && decodeUtf8Strict(b.subarray(at, at + n)) === undefined) throw notUtf8(field);
  return '';
}

/**
 * The last string (of at most 64 bytes) read through it, with its bytes. Strings are immutable,
 * so handing out the same one again is indistinguishable from decoding a fresh copy; for a
 * field that rarely changes (every token of a project carries the same App ID) it saves
 * building the string.
 */
export class RecentString {
  readonly #bytes = new Uint8Array(64);
  #length = -1;
  /** The remembered string ('' before the first). */
  text = '';

  /** Whether `b[at..at+n)` are the bytes of {@link text}. */
  matches(b: Uint8Array, at: number, n: number): boolean {
    if (n !== this.#length) return false;
    const mine = this.#bytes;
    for (let i = 0; i < n; i++) if (mine[i] !== b[at + i]) return false;
    return true;
  }

  /** Remembers `text` as the string of `b[at..at+n)` (if it fits). */
  remember(b: Uint8Array, at: number, n: number, text: string): void {
    if (n > 64) return;
    const mine = this.#bytes;
    for (let i = 0; i < n; i++) mine[i] = b[at + i]!;
    this.#length = n;
    this.text = text;
  }
}

/** Whether the 32 bytes at `b[at..]` are all ASCII hex digits (either case). */
function hex32At(b: Uint8Array, at: number): boolean {
  for (let i = at; i < at + 32; i++) {
    const c = b[i]!;
    const letter = c | 0x20; // folds A-F onto a-f (and nothing else onto a-f)
    if ((c < 0x30 || c > 0x39) && (letter < 0x61 || letter > 0x66)) return false;
  }
  return true;
}

/** The string of char codes `b[from..end)` if all are ASCII (so UTF-8 and Latin-1 agree), else undefined. */
function ascii(b: Uint8Array, from: number, end: number): string | undefined {
  let s = '';
  let any = 0;
  let i = from;
  for (; end - i >= 16; i += 16) {
    const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!;
    const c6 = b[i + 6]!, c7 = b[i + 7]!, c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!;
    const c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
    any |= c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15;
    s += String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15);
  }
  // The rest (0-15 characters) in one call of its exact arity: one string, where pieces of
  // 4 and 1 made up to seven (each fromCharCode and each concatenation allocates one).
  const r = end - i;
  if (r === 0) return any < 0x80 ? s : undefined;
  for (let k = i; k < end; k++) any |= b[k]!;
  return any < 0x80 ? s + tail(b, i, r) : undefined;
}

/** String.fromCharCode of the `r` (1-15) bytes at `b[i..i+r)`, in one call. */
function tail(b: Uint8Array, i: number, r: number): string {
  const c0 = b[i]!;
  switch (r) {
    case 1: return String.fromCharCode(c0);
    case 2: return String.fromCharCode(c0, b[i + 1]!);
    case 3: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!);
    case 4: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!);
    case 5: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!);
    case 6: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!);
    case 7: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!);
    case 8: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    case 9: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!, b[i + 8]!);
    case 10: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!, b[i + 8]!, b[i + 9]!);
    case 11: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!, b[i + 8]!, b[i + 9]!, b[i + 10]!);
    case 12: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!, b[i + 8]!, b[i + 9]!, b[i + 10]!, b[i + 11]!);
    case 13: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!, b[i + 8]!, b[i + 9]!, b[i + 10]!, b[i + 11]!, b[i + 12]!);
    case 14: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!, b[i + 8]!, b[i + 9]!, b[i + 10]!, b[i + 11]!, b[i + 12]!, b[i + 13]!);
    default: return String.fromCharCode(c0, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!, b[i + 8]!, b[i + 9]!, b[i + 10]!, b[i + 11]!, b[i + 12]!, b[i + 13]!, b[i + 14]!);
  }
}
