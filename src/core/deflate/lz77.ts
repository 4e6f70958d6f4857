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
 * Hash chains. zlib (memLevel 8) keeps 2^15 chain heads indexed by a hash of the next three bytes,
 * and inserts every position with at least MIN_MATCH bytes ahead exactly once, in order: at the
 * top of deflate_slow's loop, or while it skips over an emitted match. So all insertions can be
 * done first, in one tight pass, and the matcher then finds zlib's hash_head for position p in
 * prev[p]: the chains it walks link only to earlier positions, which never change afterwards.
 * Heads carry a per-call stamp (stamp + position), so the 128 KiB table is not cleared per call
 * (only when the stamp would overflow int32): a value below the current stamp is from an earlier
 * call and reads as NIL. Position 0 reads as NIL too, a zlib quirk kept here.
 *
 * Performance: V8 (Node 20) keeps module bindings out of registers, so constants are literals or
 * locals, the per-byte work is written inline, and the arrays live in this closure (see huffman.ts).
 */

/** Make the compressor: allocates its scratch (~290 KiB) once. */
export function lz77Coder(): DeflateSlow {
  /** The window: the input, then MAX_MATCH (258) zero bytes (zlib fill_window's high-water zeroing, WIN_INIT). */
  const win = new Uint8Array(MAX_INPUT + 258);
  /** zlib head[]: per hash, stamp + the last position inserted with it. */
  const head = new Int32Array(1 << 15);
  /** zlib prev[]: per position, the previous one with the same hash (0: none). */
  const prev = new Uint16Array(MAX_INPUT);
  /**
   * The tallies (zlib _tr_tally): symbols (memLevel 8 => lit_bufsize 2^14), literal/length and
   * distance frequencies, and their used-symbol bitmaps (see blockCoder).
   */
  const syms = new Int32Array(1 << 14);
  const lf = new Uint16Array(286);
  const lu = new Int32Array(9);
  const df = new Uint16Array(30);
  const du = new Int32Array(1);
  const [flushBlock, begin] = blockCoder(syms, lf, lu, df, du);
  /** Added to positions in `head`; grows by MAX_INPUT per call, so older entries compare below it. */
  let stamp = 0;
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

    // A typed array's length is typed up to 2^53 in V8, so everything derived from it (lookahead,
    // match lengths) ran as doubles; `| 0` (exact: n <= MAX_INPUT) keeps the loop in int32.
    const n = data.length | 0;
    win.set(data);
    win.fill(0, n, n + 258);
    begin(out, at, busy);
    busy = true;
    if (stamp >= 0x7fff_0000) head.fill(0), (stamp = 0); // stamp + position must stay an int32
    // `| 0` here and below: int32 for V8, which otherwise did this arithmetic in doubles (the
    // stamp is a closure variable it cannot bound); every value fits, see the reset above.
    const st = (stamp += MAX_INPUT) | 0;

    // INSERT_STRING for positions 0..n-3 (hash_bits 15, hash_shift 5): zlib fill_window seeds ins_h
    // with the first two bytes, and each insertion shifts in the third byte ahead.
    const hd = head;
    const pv = prev;
    let h = ((win[0]! << 5) ^ win[1]!) & 0x7fff;
    for (let p = 0; p < n - 2; p++) {
      h = ((h << 5) ^ win[p + 2]!) & 0x7fff;
      const v = hd[h]!;
      pv[p] = v >= st ? (v - st) | 0 : 0;
      hd[h] = (st + p) | 0;
    }

    let pos = 0; // strstart
    let ahead = n; // lookahead: all input is in the window from the start
    let blockStart = 0;
    let mstart = 0; // match_start
    let count = 0; // symbols in the current block
    let matchLength = MIN_MATCH - 1;
    let matchAvailable = false;
    // A full symbol buffer ends the inner loop, and the block is flushed outside it: a call inside
    // the hot loop would make V8 spill and reload its state around it at every position.
    let flushAt = -1;
    for (;;) {
      if (flushAt >= 0) {
        flushBlock(win, blockStart, flushAt - blockStart, false, count);
        blockStart = flushAt;
        count = 0;
        flushAt = -1;
      }
      while (ahead !== 0) {
        if (matchAvailable && matchLength === MIN_MATCH - 1) {
          // Fast path for runs of literals: with no match pending, a position whose hash_head is
          // NIL or too far needs no search, so the previous byte goes straight out as a literal
          // (the general step below would do the same, with more state to carry).
          let hh = 0;
          while (ahead >= MIN_MATCH && ((hh = pv[pos]!) === 0 || pos - hh > MAX_DIST)) {
            const c = win[pos - 1]!;
            syms[count++] = c;
            lf[c]!++;
            lu[c >> 5]! |= 1 << (c & 31);
            pos++;
            ahead--;
            if (count === SYM_LIMIT) break;
          }
          if (count === SYM_LIMIT) {
            flushAt = pos - 1;
            break;
          }
          if (ahead === 0) break;
        }
        // zlib's hash_head: the position inserted (above) with the same hash before this one.
        const hashHead = ahead >= MIN_MATCH ? pv[pos]! : 0;
        const prevLength = matchLength;
        const prevMatch = mstart;
        matchLength = MIN_MATCH - 1;

        if (hashHead !== 0 && prevLength < MAX_LAZY && pos - hashHead <= MAX_DIST) {
          // longest_match. Only matches longer than prevLength count; byte 2 needs no compare, as in
          // zlib: equal hashes and equal bytes 0 and 1 imply it. Comparing may run up to 258 bytes
          // past the data, into the zeros after it, exactly as in zlib's window.
          let cur = hashHead;
          let chain = prevLength >= GOOD_LENGTH ? MAX_CHAIN >> 2 : MAX_CHAIN;
          let best = prevLength;
          const nice = ahead < NICE_LENGTH ? ahead : NICE_LENGTH;
          const limit = pos > MAX_DIST ? pos - MAX_DIST : 0;
          const strend = pos + 258;
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
          } while ((cur = pv[cur]!) > limit && --chain !== 0);
          matchLength = best <= ahead ? best : ahead;
          // zlib tests match_start even if this search kept a stale one; harmless, as there.
          if (matchLength === MIN_MATCH && pos - mstart > TOO_FAR) matchLength = MIN_MATCH - 1;
        }

        if (prevLength >= MIN_MATCH && matchLength <= prevLength) {
          // The previous position's match wins: tally it (zlib _tr_tally_dist) and skip what it covers
          // (the positions were inserted above, as zlib inserts them here).
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
          pos += prevLength - 1;
          matchAvailable = false;
          matchLength = MIN_MATCH - 1;
          if (count === SYM_LIMIT) {
            flushAt = pos;
            break;
          }
        } else if (matchAvailable) {
          // No better match here: the previous byte goes out as a literal (zlib _tr_tally_lit), and a
          // full buffer is flushed before strstart advances (FLUSH_BLOCK_ONLY).
          const c = win[pos - 1]!;
          syms[count++] = c;
          lf[c]!++;
          lu[c >> 5]! |= 1 << (c & 31);
          pos++;
          ahead--;
          if (count === SYM_LIMIT) {
            flushAt = pos - 1;
            break;
          }
        } else {
          matchAvailable = true;
          pos++;
          ahead--;
        }
      }
      if (flushAt < 0) break;
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
