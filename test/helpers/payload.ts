// A little-endian 007 payload writer for hand-built tokens: records no builder writes (unknown
// services, unordered or duplicate privileges, bad UTF-8). Decoding checks no signature, so the
// signature bytes may be anything.
import { deflateSync } from 'node:zlib';

export class Payload {
  /** The bytes written so far. */
  readonly out: number[] = [];
  u16(v: number): this {
    this.out.push(v & 255, (v >>> 8) & 255);
    return this;
  }
  u32(v: number): this {
    this.out.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
    return this;
  }
  /** Bytes as they are, with no length prefix. */
  raw(bytes: Uint8Array | number[]): this {
    this.out.push(...bytes);
    return this;
  }
  /** A u16 length, then the bytes. */
  bytes(b: Uint8Array | number[]): this {
    return this.u16(b.length).raw(b);
  }
  /** A u16 length, then the UTF-8 of `s`. */
  text(s: string): this {
    return this.bytes(new TextEncoder().encode(s));
  }
  /** A u16 count, then (u16 key, u32 value) pairs in the order given. */
  map(entries: [number, number][]): this {
    this.u16(entries.length);
    for (const [k, v] of entries) this.u16(k).u32(v);
    return this;
  }
  /** "007" + base64(zlib(bytes)). */
  token(): string {
    return '007' + Buffer.from(deflateSync(Uint8Array.from(this.out))).toString('base64');
  }
}
