/** @module core/inflate/adler32 — Adler-32 (RFC 1950) of the inflated bytes, eight at a time. */

// Eight bytes per step, read as two little-endian 32-bit words, fold into one update of each
// sum (b gains 8a plus the bytes weighted 8..1, a gains their sum), which halves the serial add
// chain of the one-byte loop; with the range passed in, checking the trailer needs no subarray.
// (Summing inside the fixed-code loop instead, two adds per literal, measured more instructions
// per token than this pass.) Same values as core/deflate's adler32
// (test/unit/decode-fast-paths.test.ts).

const BASE = 65521;
/** Most bytes summed between reductions: keeps both sums below 2^31 (int32 arithmetic in V8). */
const ADLER_CHUNK = 3800;

/** Adler-32 continued from `start` (1 for none yet) over `data[from..end)`, unsigned. */
export function adler32Range(data: Uint8Array, from: number, end: number, start: number): number {
  let a = start & 0xffff;
  let b = start >>> 16;
  let i = from;
  const view = viewOf(data);
  while (i < end) {
    const stop = end - i > ADLER_CHUNK ? i + ADLER_CHUNK : end;
    for (; i + 8 <= stop; i += 8) {
      // Two 32-bit reads instead of eight byte reads (each typed-array read is checked).
      const x = view.getUint32(i, true);
      const y = view.getUint32(i + 4, true);
      const d0 = x & 255, d1 = (x >>> 8) & 255, d2 = (x >>> 16) & 255, d3 = x >>> 24;
      const d4 = y & 255, d5 = (y >>> 8) & 255, d6 = (y >>> 16) & 255, d7 = y >>> 24;
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

// The DataView of the last buffer summed: the inflater's output buffer, the same on every call.
// Only token-sized buffers are remembered, so this never keeps a large one alive.
let viewed: Uint8Array | undefined;
let view: DataView | undefined;
function viewOf(data: Uint8Array): DataView {
  if (data === viewed) return view!;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength <= 64 * 1024) {
    viewed = data;
    view = v;
  }
  return v;
}
