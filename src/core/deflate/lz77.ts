/** @module core/deflate/lz77 — zlib's deflate_slow (lazy LZ77) at level 6 on one in-memory window: hash chains, longest_match, tally. */
import { blockCoder } from './block.ts';
import { distCode, lengthCode } from './tables.ts';

/** Largest input: the whole of it fits zlib's 64 KiB window without a slide (see index.ts). */
export const MAX_INPUT = 32_768;

/**
 * Compress all of `data` (at most MAX_INPUT bytes) as zlib deflate(Z_FINISH) with deflate_slow at
 * level 6 would, writing the deflate stream at out[at]; returns the position after it.
 */
export type DeflateSlow = (data: Uint8Array, out: Uint8Array, at: number) => number;

/*
 * Hash table. zlib (memLevel 8) keeps 2^15 chain heads indexed by the hash of the next three bytes.
 * A small input touches few of them, and clearing or even reading a 64 KiB table costs more than
 * compressing 200 bytes, so positions go into 2^k buckets (bucket = hash & (2^k - 1), k sized to the
 * input, 15 at most, so the table is cleared cheaply per call) and every walk skips entries whose
 * full hash differs. Those are exactly the entries zlib never sees on its per-hash chain, and
 * positions still decrease along a bucket chain, so heads, chains, chain-length counts and the
 * `limit` cut-off are all zlib's. Position 0 reads as NIL in both, a zlib quirk kept here.
 *
 * Performance: V8 (Node 20) keeps module bindings out of registers, so constants are literals or
 * locals, the per-byte work (hashing, longest_match, tallying) is written inline, and the arrays
 * live in this closure (see huffman.ts).
 */

/** Make the compressor: allocates its scratch (~230 KiB) once. */
export function lz77Coder(): DeflateSlow {
  /** win: the window, the input, then MAX_MATCH (258) zero bytes (zlib fill_window's high-water zeroing, WIN_INIT). */
  const win = new Uint8Array(MAX_INPUT + 258);
  /** hd: hash buckets, the last position whose hash falls in each (zlib head[]; 0 is NIL). */
  const hd = new Uint16Array(MAX_INPUT);
  /** pv: the previous position in the same bucket (zlib prev[]); only entries written in this call are ever read. */
  const pv = new Uint16Array(MAX_INPUT);
  /** ho: the 15-bit zlib hash of every inserted position. */
  const ho = new Uint16Array(MAX_INPUT);
  /** The tallies (zlib _tr_tally): symbols, literal/length and distance frequencies and used bitmaps (see blockCoder). memLevel 8 => lit_bufsize 2^14. */
  const syms = new Int32Array(1 << 14);
  const lf = new Uint16Array(286);
  const lu = new Int32Array(9);
  const df = new Uint16Array(30);
  const du = new Int32Array(1);
  const [flushBlock, begin] = blockCoder(syms, lf, lu, df, du);
  /** True while a call is in progress; still true at the next call only if the previous one threw. */
  let busy = false;

  return function deflateSlow(data: Uint8Array, out: Uint8Array, at: number): number {
    const MIN_MATCH = 3;
    const MAX_LAZY = 16; // level 6: max_lazy_match
    const GOOD_LENGTH = 8; // level 6: quarter the chain when the previous match is this long
    const NICE_LENGTH = 128; // level 6: stop searching at a match this long
    const MAX_CHAIN = 128; // level 6: max_chain_length
    const MAX_DIST = 32_506; // WSIZE - MIN_LOOKAHEAD: the farthest match zlib allows
    const TOO_FAR = 4096; // length-3 matches farther than this are dropped
    const SYM_LIMIT = 16_383; // (lit_bufsize - 1) symbols end a block
    const MAX_MATCH = 258;

    const n = data.length;
    win.set(data);
    win.fill(0, n, n + MAX_MATCH);
    // 2n..4n buckets, at least 256, at most zlib's 2^15.
    const buckets = n < 128 ? 256 : n >= 8192 ? 32_768 : 1 << (33 - Math.clz32(n));
    const mask = buckets - 1;
    hd.fill(0, 0, buckets);
    begin(out, at, busy);
    busy = true;

    let pos = 0; // strstart
    let ahead = n; // lookahead: all input is in the window from the start
    let blockStart = 0;
    let mstart = 0; // match_start
    let count = 0; // symbols in the current block
    let matchLength = MIN_MATCH - 1;
    let matchAvailable = false;
    // zlib fill_window seeds ins_h from the first two bytes; each insertion shifts in one more.
    let insH = ((win[0]! << 5) ^ win[1]!) & 0x7fff;
    while (ahead !== 0) {
      // INSERT_STRING: the hash of the three bytes at pos (hash_bits 15, hash_shift 5).
      let hashHead = 0;
      if (ahead >= MIN_MATCH) {
        const h = (insH = ((insH << 5) ^ win[pos + 2]!) & 0x7fff);
        const b = h & mask;
        hashHead = hd[b]!;
        pv[pos] = hashHead;
        hd[b] = pos;
        ho[pos] = h;
        while (hashHead !== 0 && ho[hashHead] !== h) hashHead = pv[hashHead]!;
      }
      const prevLength = matchLength;
      const prevMatch = mstart;
      matchLength = MIN_MATCH - 1;

      if (hashHead !== 0 && prevLength < MAX_LAZY && pos - hashHead <= MAX_DIST) {
        // longest_match. Only matches longer than prevLength count; byte 2 needs no compare, as in
        // zlib: equal hashes and equal bytes 0 and 1 imply it. Comparing may run up to 258 bytes
        // past the data, into the zeros after it, exactly as in zlib's window.
        const h = ho[pos]!;
        let cur = hashHead;
        let chain = prevLength >= GOOD_LENGTH ? MAX_CHAIN >> 2 : MAX_CHAIN;
        let best = prevLength;
        const nice = ahead < NICE_LENGTH ? ahead : NICE_LENGTH;
        const limit = pos > MAX_DIST ? pos - MAX_DIST : 0;
        const strend = pos + MAX_MATCH;
        const scan0 = win[pos]!;
        const scan1 = win[pos + 1]!;
        let scanEnd1 = win[pos + best - 1]!;
        let scanEnd = win[pos + best]!;
        do {
          if (win[cur + best] === scanEnd && win[cur + best - 1] === scanEnd1 && win[cur] === scan0 && win[cur + 1] === scan1) {
            // Compare 8 bytes per round like zlib; strend is exactly 32 rounds past pos + 2.
            let s = pos + 2;
            let m = cur + 2;
            while (
              win[++s] === win[++m] &&
              win[++s] === win[++m] &&
              win[++s] === win[++m] &&
              win[++s] === win[++m] &&
              win[++s] === win[++m] &&
              win[++s] === win[++m] &&
              win[++s] === win[++m] &&
              win[++s] === win[++m] &&
              s < strend
            ) {
              // all work is in the condition
            }
            if (s - pos > best) {
              mstart = cur;
              best = s - pos;
              if (best >= nice) break;
              scanEnd1 = win[pos + best - 1]!;
              scanEnd = win[pos + best]!;
            }
          }
          cur = pv[cur]!;
          while (cur > limit && ho[cur] !== h) cur = pv[cur]!;
        } while (cur > limit && --chain !== 0);
        matchLength = best <= ahead ? best : ahead;
        // zlib tests match_start even if this search kept a stale one; harmless, as there.
        if (matchLength === MIN_MATCH && pos - mstart > TOO_FAR) matchLength = MIN_MATCH - 1;
      }

      if (prevLength >= MIN_MATCH && matchLength <= prevLength) {
        // The previous position's match wins: tally it (zlib _tr_tally_dist) and hash every string it covers.
        const maxInsert = pos + ahead - MIN_MATCH;
        const dist = pos - 1 - prevMatch;
        const lc = prevLength - MIN_MATCH;
        syms[count++] = (dist << 8) | lc;
        const l = lengthCode(lc) + 257;
        lf[l]!++;
        lu[l >> 5]! |= 1 << (l & 31);
        const d = distCode(dist - 1);
        df[d]!++;
        du[0]! |= 1 << d;
        ahead -= prevLength - 1;
        for (let k = prevLength - 2; k !== 0; k--) {
          if (++pos <= maxInsert) {
            const h = (insH = ((insH << 5) ^ win[pos + 2]!) & 0x7fff);
            pv[pos] = hd[h & mask]!;
            hd[h & mask] = pos;
            ho[pos] = h;
          }
        }
        matchAvailable = false;
        matchLength = MIN_MATCH - 1;
        pos++;
        if (count === SYM_LIMIT) {
          flushBlock(win, blockStart, pos - blockStart, false, count);
          blockStart = pos;
          count = 0;
        }
      } else if (matchAvailable) {
        // No better match here: the previous byte goes out as a literal (zlib _tr_tally_lit), and a
        // full buffer is flushed before strstart advances (FLUSH_BLOCK_ONLY).
        const c = win[pos - 1]!;
        syms[count++] = c;
        lf[c]!++;
        lu[c >> 5]! |= 1 << (c & 31);
        if (count === SYM_LIMIT) {
          flushBlock(win, blockStart, pos - blockStart, false, count);
          blockStart = pos;
          count = 0;
        }
        pos++;
        ahead--;
      } else {
        matchAvailable = true;
        pos++;
        ahead--;
      }
    }
    if (matchAvailable) {
      const c = win[pos - 1]!;
      syms[count++] = c;
      lf[c]!++;
      lu[c >> 5]! |= 1 << (c & 31);
    }
    const end = flushBlock(win, blockStart, pos - blockStart, true, count);
    busy = false;
    return end;
  };
}
