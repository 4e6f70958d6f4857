/** @module core/inflate/adler32 — Adler-32 (RFC 1950) of the inflated bytes, eight at a time. */

// Eight bytes per step fold into one update of each sum (b gains 8a plus the bytes weighted
// 8..1, a gains their sum), which halves the serial add chain of the one-byte loop; with the
// range passed in, checking the trailer needs no subarray. Same values as core/deflate's
// adler32 (test/unit/inflate.test.ts compares them).

const BASE = 65521;
/** Bytes between reductions: keeps both sums below 2^31 (int32 arithmetic in V8). */
const CHUNK = 3800;

/** Adler-32 of `data[0..end)`, unsigned. */
export function adler32Prefix(data: Uint8Array, end: number): number {
  let a = 1;
  let b = 0;
  let i = 0;
  while (i < end) {
    const stop = end - i > CHUNK ? i + CHUNK : end;
    for (; i + 8 <= stop; i += 8) {
      const d0 = data[i]!, d1 = data[i + 1]!, d2 = data[i + 2]!, d3 = data[i + 3]!;
      const d4 = data[i + 4]!, d5 = data[i + 5]!, d6 = data[i + 6]!, d7 = data[i + 7]!;
      b += (a << 3) + 8 * d0 + 7 * d1 + 6 * d2 + 5 * d3 + 4 * d4 + 3 * d5 + 2 * d6 + d7;
      a += d0 + d1 + d2 + d3 + d4 + d5 + d6 + d7;
    }
    for (; i < stop; i++) {
      a += data[i]!;
      b += a;
    }
    a %= BASE;
    b %= BASE;
  }
  return ((b << 16) | a) >>> 0;
}
