/** @module core/deflate/bit-writer — LSB-first bit packer writing into a caller-provided byte buffer. */

/**
 * Mirrors zlib's 16-bit bi_buf/bi_valid discipline so that byte alignment (bi_windup before stored
 * blocks and at stream end) happens at exactly the same places.
 */
export class BitWriter {
  out: Uint8Array = new Uint8Array(0);
  pos = 0;
  /** Pending bits (fewer than 16), LSB first; public so the symbol loop can keep them in locals. */
  buf = 0;
  cnt = 0;

  reset(out: Uint8Array, pos: number): void {
    this.out = out;
    this.pos = pos;
    this.buf = 0;
    this.cnt = 0;
  }

  /** Append the low `len` (<= 16) bits of `value`; callers guarantee value < 2^len. */
  bits(value: number, len: number): void {
    let buf = this.buf | (value << this.cnt);
    let cnt = this.cnt + len;
    if (cnt >= 16) {
      const out = this.out;
      const pos = this.pos;
      out[pos] = buf & 0xff;
      out[pos + 1] = (buf >>> 8) & 0xff;
      this.pos = pos + 2;
      buf >>>= 16;
      cnt -= 16;
    }
    this.buf = buf;
    this.cnt = cnt;
  }

  /** Pad with zero bits to the next byte boundary (zlib bi_windup). */
  windup(): void {
    const out = this.out;
    if (this.cnt > 8) {
      out[this.pos++] = this.buf & 0xff;
      out[this.pos++] = (this.buf >>> 8) & 0xff;
    } else if (this.cnt > 0) {
      out[this.pos++] = this.buf & 0xff;
    }
    this.buf = 0;
    this.cnt = 0;
  }

  /** Raw byte, only valid when byte-aligned (after windup). */
  byte(value: number): void {
    this.out[this.pos++] = value;
  }
}

/** The single writer every deflate call reuses; deflate is synchronous so it is never shared concurrently. */
export const writer = /* @__PURE__ */ new BitWriter();
