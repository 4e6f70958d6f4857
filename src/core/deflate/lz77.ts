/** @module core/deflate/lz77 — zlib's deflate_slow (lazy LZ77) at level 6: hash insertion, longest_match, symbol tally. */
import { dfreq, dused, flushBlock, initBlock, lfreq, lused, symBuf } from './block.ts';
import { DIST_CODE, LENGTH_CODE } from './tables.ts';
import { fillWindow, heads, links, releaseInput, resetWindow, st, windowBuf } from './window.ts';

/*
 * Performance note: V8 (Node 20) neither constant-folds module-level constants nor keeps module
 * bindings in registers; every access is a context load plus type checks, and calls inside a loop
 * make it re-establish everything afterwards. So deflateSlow keeps constants and arrays in locals,
 * writes the per-byte work (hashing, longest_match, tallying) inline, and leaves the rare events
 * (refilling the window, flushing a full block, end of input) to an outer loop, so the inner loop,
 * which handles all but a few positions, makes no calls at all.
 */

/** True while a call is in progress; still true at the next call only if the previous one aborted. */
let busy = true;

/** Compress all of `data` as zlib deflate(Z_FINISH) with deflate_slow would, writing blocks via the shared writer. */
export function deflateSlow(data: Uint8Array): void {
  // Constants as locals so V8 folds them (see window.ts for their derivation).
  const MIN_MATCH = 3;
  const MAX_MATCH = 258;
  const MIN_LOOKAHEAD = 262; // MAX_MATCH + MIN_MATCH + 1
  const MAX_DIST = 32_506; // WSIZE - MIN_LOOKAHEAD
  const SLIDE_AT = 65_274; // WSIZE + MAX_DIST: fill_window slides the window from here on
  const MAX_LAZY = 16; // level 6: max_lazy_match
  const GOOD_LENGTH = 8; // level 6: quarter the chain when the previous match is this long
  const NICE_LENGTH = 128; // level 6: stop searching at a match this long
  const MAX_CHAIN = 128; // level 6: max_chain_length
  const TOO_FAR = 4096; // length-3 matches farther than this are dropped
  const SYM_LIMIT = 16_383; // (lit_bufsize - 1) symbols, see block.ts

  resetWindow(data);
  // Normally the previous call left the trees clean; if it never finished (threw), wipe them fully.
  initBlock(busy);
  busy = true;

  const win = windowBuf;
  const head = heads;
  const prev = links;
  const stamp = st.stamp;
  const syms = symBuf;
  const lf = lfreq;
  const lu = lused;
  const df = dfreq;
  const du = dused;
  const lengthCode = LENGTH_CODE;
  const distCode = DIST_CODE;
  const inLen = data.length;

  let pos = 0; // strstart
  let ahead = 0; // lookahead
  let blockStart = 0;
  let mstart = 0; // match_start
  let inputLeft = inLen > 0;
  let symCount = 0;
  let flushAt = -1; // block end when the symbol buffer filled up
  let matchLength = MIN_MATCH - 1;
  let matchAvailable = false;
  let insH = 0; // zlib's ins_h
  for (;;) {
    if (flushAt >= 0) {
      flushBlock(win, blockStart >= 0 ? blockStart : -1, flushAt - blockStart, false, symCount);
      blockStart = flushAt;
      symCount = 0;
      flushAt = -1;
    }
    // zlib's fill_window is a no-op when no input is left and no slide is due; tokens would
    // otherwise call it at every byte, since they are shorter than MIN_LOOKAHEAD.
    if (ahead < MIN_LOOKAHEAD && (inputLeft || pos >= SLIDE_AT)) {
      st.strstart = pos;
      st.lookahead = ahead;
      st.matchStart = mstart;
      st.blockStart = blockStart;
      fillWindow();
      pos = st.strstart;
      ahead = st.lookahead;
      mstart = st.matchStart;
      blockStart = st.blockStart;
      inputLeft = st.inPos < inLen;
      // zlib re-seeds ins_h from the two bytes at strstart after reading input.
      insH = ((win[pos]! << 5) ^ win[pos + 1]!) & 0x7fff;
    }
    if (ahead === 0) break;

    for (;;) {
      if (ahead < MIN_LOOKAHEAD && (inputLeft || pos >= SLIDE_AT || ahead === 0)) break;

      // INSERT_STRING with hash_bits 15, hash_shift 5: ins_h = (ins_h << 5 ^ next byte) & 0x7fff, i.e.
      // a function of the last three bytes. Every position gets inserted in order (the few skipped
      // near the end are never followed by another insertion), so the rolling value is always right.
      // Heads hold stamp + position; older stamps read as NIL.
      let hashHead = 0;
      if (ahead >= MIN_MATCH) {
        const h = (insH = ((insH << 5) ^ win[pos + 2]!) & 0x7fff);
        const v = head[h]!;
        hashHead = v >= stamp ? v - stamp : 0;
        prev[pos & 0x7fff] = hashHead;
        head[h] = stamp + pos;
      }
      const prevLength = matchLength;
      const prevMatch = mstart;
      matchLength = MIN_MATCH - 1;

      if (hashHead !== 0 && prevLength < MAX_LAZY && pos - hashHead <= MAX_DIST) {
        // longest_match (portable variant). Only matches longer than prevLength count; byte 2 is
        // not compared since equal hash + equal bytes 0,1 imply it. Scanning may run up to 258
        // bytes past the data, which is why the window tail is zeroed exactly like zlib's.
        let curMatch = hashHead;
        let chainLength = prevLength >= GOOD_LENGTH ? MAX_CHAIN >> 2 : MAX_CHAIN;
        let bestLen = prevLength;
        const niceMatch = ahead < NICE_LENGTH ? ahead : NICE_LENGTH;
        const limit = pos > MAX_DIST ? pos - MAX_DIST : 0;
        const strend = pos + MAX_MATCH;
        const scan0 = win[pos]!;
        const scan1 = win[pos + 1]!;
        let scanEnd1 = win[pos + bestLen - 1]!;
        let scanEnd = win[pos + bestLen]!;
        do {
          if (
            win[curMatch + bestLen] !== scanEnd ||
            win[curMatch + bestLen - 1] !== scanEnd1 ||
            win[curMatch] !== scan0 ||
            win[curMatch + 1] !== scan1
          ) {
            continue;
          }
          // Compare 8 bytes per round like zlib; strend is exactly 32 rounds past pos + 2.
          let s = pos + 2;
          let m = curMatch + 2;
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
          const len = s - pos;
          if (len > bestLen) {
            mstart = curMatch;
            bestLen = len;
            if (len >= niceMatch) break;
            scanEnd1 = win[pos + bestLen - 1]!;
            scanEnd = win[pos + bestLen]!;
          }
        } while ((curMatch = prev[curMatch & 0x7fff]!) > limit && --chainLength !== 0);
        matchLength = bestLen <= ahead ? bestLen : ahead;
        // zlib tests match_start even if this search kept a stale one; harmless, as there.
        if (matchLength === MIN_MATCH && pos - mstart > TOO_FAR) matchLength = MIN_MATCH - 1;
      }

      if (prevLength >= MIN_MATCH && matchLength <= prevLength) {
        // The previous position's match wins: tally it (zlib _tr_tally_dist) and hash every string it covers.
        const maxInsert = pos + ahead - MIN_MATCH;
        const dist = pos - 1 - prevMatch;
        const lc = prevLength - MIN_MATCH;
        syms[symCount++] = (dist << 8) | lc;
        const l = lengthCode[lc]! + 257; // + LITERALS + 1
        lf[l]!++;
        lu[l >>> 5]! |= 1 << (l & 31);
        const dc = dist <= 256 ? distCode[dist - 1]! : distCode[256 + ((dist - 1) >>> 7)]!;
        df[dc]!++;
        du[0]! |= 1 << dc;
        ahead -= prevLength - 1;
        let k = prevLength - 2;
        do {
          if (++pos <= maxInsert) {
            const h = (insH = ((insH << 5) ^ win[pos + 2]!) & 0x7fff);
            const v = head[h]!;
            prev[pos & 0x7fff] = v >= stamp ? v - stamp : 0;
            head[h] = stamp + pos;
          }
        } while (--k !== 0);
        matchAvailable = false;
        matchLength = MIN_MATCH - 1;
        pos++;
        if (symCount === SYM_LIMIT) {
          flushAt = pos;
          break;
        }
      } else if (matchAvailable) {
        // No better match here: the previous byte goes out as a literal (zlib _tr_tally_lit),
        // and a full buffer is flushed before strstart advances (FLUSH_BLOCK_ONLY).
        const c = win[pos - 1]!;
        syms[symCount++] = c;
        lf[c]!++;
        lu[c >>> 5]! |= 1 << (c & 31);
        if (symCount === SYM_LIMIT) {
          flushAt = pos;
          pos++;
          ahead--;
          break;
        }
        pos++;
        ahead--;
      } else {
        matchAvailable = true;
        pos++;
        ahead--;
      }
    }
  }
  if (matchAvailable) {
    const c = win[pos - 1]!;
    syms[symCount++] = c;
    lf[c]!++;
    lu[c >>> 5]! |= 1 << (c & 31);
  }
  flushBlock(win, blockStart >= 0 ? blockStart : -1, pos - blockStart, true, symCount);
  busy = false;
  releaseInput();
}
