/**
 * @module core/writer — little-endian packer for the Agora token layouts (SPEC 1.1-1.3).
 *
 * One growable buffer reused across calls by its owner; `view()` exposes the packed bytes without a copy.
 */

import { textEncoder } from './text.ts';

/** A privilege map: privilege id (u16) -> value (u32). */
export type PrivilegeMap = ReadonlyMap<number, number>;

/** Little-endian byte writer: u16 (i16 as `value & 0xffff`), u32, length-prefixed bytes and strings, sorted u16->u32 maps. */
export class ByteWriter {
  #buf: Uint8Array;
  #view: DataView;
  #pos = 0;

  constructor(initialSize = 256) {
    this.#buf = new Uint8Array(initialSize);
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Number of bytes written so far. */
  get length(): number {
    return this.#pos;
  }

  /** Forgets what was written, keeping the buffer for reuse. */
  reset(): this {
    this.#pos = 0;
    return this;
  }

  #ensure(extra: number): void {
    const need = this.#pos + extra;
    if (need <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(need, this.#buf.length * 2));
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  /** Writes an unsigned 16-bit integer (the caller has range-checked it). */
  uint16(value: number): this {
    this.#ensure(2);
    this.#view.setUint16(this.#pos, value, true);
    this.#pos += 2;
    return this;
  }

  /** Writes an unsigned 32-bit integer (the caller has range-checked it). */
  uint32(value: number): this {
    this.#ensure(4);
    this.#view.setUint32(this.#pos, value, true);
    this.#pos += 4;
    return this;
  }

  /** Writes raw bytes with no prefix. */
  raw(bytes: Uint8Array): this {
    this.#ensure(bytes.length);
    this.#buf.set(bytes, this.#pos);
    this.#pos += bytes.length;
    return this;
  }

  /** Writes a string as length-prefixed UTF-8. Throws RangeError past 65535 bytes. */
  string(text: string): this {
    const at = this.#pos;
    const n = this.uint16(0).text(text).#pos - at - 2;
    if (n > 0xffff) {
      this.#pos = at;
      throw new RangeError(`length-prefixed field over 65535 bytes (${n})`);
    }
    this.#view.setUint16(at, n, true);
    return this;
  }

  /** Writes a string as UTF-8 with no prefix. */
  text(text: string): this {
    // ASCII fast path (ids and channel names almost always are): the chars go straight into the
    // buffer, with no temporary array; the first non-ASCII char restarts with the encoder.
    const n = text.length;
    this.#ensure(n);
    const buf = this.#buf;
    const start = this.#pos;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) return this.raw(textEncoder().encode(text));
      buf[start + i] = c;
    }
    this.#pos = start + n;
    return this;
  }

  /** Writes a privilege map with keys in ascending numeric order (SPEC 1.3). */
  map32(map: PrivilegeMap): this {
    // The usual case (privileges added in id order) needs no copy and no sort.
    this.uint16(map.size);
    for (const [key, value] of ascendingKeys(map) ? map : [...map].sort((a, b) => a[0] - b[0])) this.uint16(key).uint32(value);
    return this;
  }

  /** Reserves `count` zero bytes, to be filled in later through `view()`. */
  skip(count: number): this {
    this.#ensure(count);
    this.#buf.fill(0, this.#pos, this.#pos + count);
    this.#pos += count;
    return this;
  }

  /**
   * The bytes written so far from `start`, as a view of the writer's buffer (no copy): valid
   * until the next write or reset.
   */
  view(start = 0, end: number = this.#pos): Uint8Array {
    return this.#buf.subarray(start, end);
  }
}

// Build writers are pooled rather than shared: an async build keeps its writer (and the views
// into it) across its Web Crypto awaits while other builds pack into other writers; a sync build
// takes and returns the same one every time. Views instead of copies matter because in V8 every
// typed array over 64 bytes is a separate backing-store allocation (~1 µs each on Node 20).
const idleWriters: ByteWriter[] = [];

/** A writer for one build, from the pool; hand it back with {@link releaseWriter} when done. */
export function takeWriter(): ByteWriter {
  return idleWriters.pop() ?? new ByteWriter(512);
}

/** Returns a writer to the pool (at most 8 are kept); nothing may use its views afterwards. */
export function releaseWriter(writer: ByteWriter): void {
  if (idleWriters.length < 8) idleWriters.push(writer);
}

function ascendingKeys(map: ReadonlyMap<number, number>): boolean {
  let last = -1;
  for (const key of map.keys()) {
    if (key <= last) return false;
    last = key;
  }
  return true;
}
