/** @module core/inflate/state — the decoder's cursor: input position, bit buffer, output position. */

// One module-level instance is reused by every call (inflate is synchronous and never
// re-entered), so a call allocates nothing but its result. The hot loop in codes.ts copies
// these fields into locals and writes them back; the cold paths (block headers, stored
// blocks, dynamic table headers) use the bit helpers here.
//
// Bits are LSB-first as RFC 1951 packs them. `bitBuf` holds `bitCnt` (<= 31) unread bits and
// a byte is only added while `bitCnt <= 23`, so bit 31 is never set and the buffer stays a
// non-negative int32. Input is never read past `end`, so running out of input is always a
// typed error, not an out-of-range read.

import { truncated } from './fail.ts';

const EMPTY = /* @__PURE__ */ new Uint8Array(0);

/** Mutable decoder state; see the module comment. */
export class InflateState {
  /** Compressed input. */
  data: Uint8Array = EMPTY;
  /** Next input byte not yet in `bitBuf`. */
  pos = 0;
  /** One past the last input byte. */
  end = 0;
  /** Unread bits, LSB first; always a non-negative int32. */
  bitBuf = 0;
  /** Number of valid bits in `bitBuf`. */
  bitCnt = 0;
  /** Output scratch buffer; only `out[0..outPos)` is meaningful. */
  out: Uint8Array = EMPTY;
  /** Bytes written so far. */
  outPos = 0;
  /**
   * Caller's cap on output bytes, clamped to int32 (2^31 - 1, far past any allocation we
   * could make) so the hot loop compares small integers, never doubles (`Infinity` is allowed).
   */
  maxOutput = 0;
  /** Largest distance allowed: the window the zlib header declares (32 KiB for raw deflate). */
  window = 32768;

  /** Points the state at `data[start..end)`, keeping the output scratch buffer. */
  reset(data: Uint8Array, start: number, end: number, maxOutput: number, window: number): void {
    this.data = data;
    this.pos = start;
    this.end = end;
    this.bitBuf = 0;
    this.bitCnt = 0;
    this.outPos = 0;
    this.maxOutput = maxOutput < 0x7fffffff ? maxOutput : 0x7fffffff;
    this.window = window;
  }

  /** Drops the reference to the caller's input so it is not kept alive between calls. */
  release(): void {
    this.data = EMPTY;
    this.pos = 0;
    this.end = 0;
  }

  /** Ensures at least `n` (<= 24) bits are buffered, or throws the truncation error. */
  need(n: number): void {
    const data = this.data;
    while (this.bitCnt < n) {
      if (this.pos >= this.end) throw truncated();
      this.bitBuf |= data[this.pos++]! << this.bitCnt;
      this.bitCnt += 8;
    }
  }

  /** Reads `n` (<= 24) bits as an unsigned number. */
  bits(n: number): number {
    if (this.bitCnt < n) this.need(n);
    const v = this.bitBuf & ((1 << n) - 1);
    this.bitBuf >>= n;
    this.bitCnt -= n;
    return v;
  }

  /** Discards bits up to the next byte boundary and returns whole buffered bytes to the input. */
  alignToByte(): void {
    this.pos -= this.bitCnt >>> 3;
    this.bitBuf = 0;
    this.bitCnt = 0;
  }

  /** Input bytes used so far, counting a partly used byte as used. */
  consumed(): number {
    return this.pos - (this.bitCnt >>> 3);
  }
}
