/** @module core/deflate/lz77 — zlib's deflate_slow (lazy LZ77) at level 6, with its sliding window and hash chains. */
import { flushBlock, initBlock, tallyLit, tallyMatch } from './block.ts';

const WSIZE = 1 << 15; // windowBits 15
const WMASK = WSIZE - 1;
const WINDOW_SIZE = 2 * WSIZE;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const MIN_LOOKAHEAD = MAX_MATCH + MIN_MATCH + 1;
/** Farthest usable match distance: zlib keeps MIN_LOOKAHEAD bytes of slack at the window end. */
const MAX_DIST = WSIZE - MIN_LOOKAHEAD;
/** zlib zeroes this many never-written window bytes past the data so longest_match may over-read. */
const WIN_INIT = MAX_MATCH;
/** memLevel 8 => hash_bits 15, hash_shift 5: the hash of bytes (a, b, c) is (a<<10 ^ b<<5 ^ c) & 0x7fff. */
const HASH_SIZE = 1 << 15;
const HASH_MASK = HASH_SIZE - 1;
/* Level 6 row of zlib's configuration_table. */
const GOOD_LENGTH = 8;
const MAX_LAZY = 16;
const NICE_LENGTH = 128;
const MAX_CHAIN = 128;
/** Length-3 matches farther than this are not worth it (zlib TOO_FAR). */
const TOO_FAR = 4096;

/** Sliding window, exactly zlib's 2*WSIZE bytes; positions below are window offsets like zlib's. */
const win = /* @__PURE__ */ new Uint8Array(WINDOW_SIZE);
/**
 * Hash heads tagged with a call generation: entry = stamp + position. Values below the current
 * stamp belong to earlier calls and read as NIL, so the 32K table needs no clearing per call.
 */
const head = /* @__PURE__ */ new Int32Array(HASH_SIZE);
/** Chain links; never cleared because zlib only follows links written during the current call. */
const prev = /* @__PURE__ */ new Uint16Array(WSIZE);
/** Generations stay below 2^15 so stamp + position fits an int32 (keeps V8 on small integers). */
const MAX_GENERATION = 0x7fff;
let generation = 0;
let stamp = 0;

let input: Uint8Array = win;
let inPos = 0;
let strstart = 0;
let lookahead = 0;
let blockStart = 0;
let matchStart = 0;
/** zlib's high_water: window bytes at or above it were never written in this call. */
let highWater = 0;

/** Insert the string at `pos` into its hash chain and return the previous head (0 = NIL). */
function insertString(pos: number): number {
  const h = ((win[pos]! << 10) ^ (win[pos + 1]! << 5) ^ win[pos + 2]!) & HASH_MASK;
  const v = head[h]!;
  const hashHead = v >= stamp ? v - stamp : 0;
  prev[pos & WMASK] = hashHead;
  head[h] = stamp + pos;
  return hashHead;
}

/**
 * zlib longest_match (portable variant). Starts from the previous match length so only strictly
 * longer matches count; byte 2 is not compared because equal hash + equal bytes 0,1 imply it.
 * May read up to 258 bytes past the data, which is why the window tail is zeroed like zlib's.
 */
function longestMatch(curMatch: number, prevLength: number): number {
  const scan = strstart;
  let chainLength = prevLength >= GOOD_LENGTH ? MAX_CHAIN >> 2 : MAX_CHAIN;
  let bestLen = prevLength;
  const niceMatch = NICE_LENGTH > lookahead ? lookahead : NICE_LENGTH;
  const limit = scan > MAX_DIST ? scan - MAX_DIST : 0;
  const strend = scan + MAX_MATCH;
  const scan0 = win[scan]!;
  const scan1 = win[scan + 1]!;
  let scanEnd1 = win[scan + bestLen - 1]!;
  let scanEnd = win[scan + bestLen]!;
  do {
    const match = curMatch;
    if (
      win[match + bestLen] !== scanEnd ||
      win[match + bestLen - 1] !== scanEnd1 ||
      win[match] !== scan0 ||
      win[match + 1] !== scan1
    ) {
      continue;
    }
    let s = scan + 3;
    let m = match + 3;
    while (s < strend && win[s] === win[m]) {
      s++;
      m++;
    }
    const len = s - scan;
    if (len > bestLen) {
      matchStart = curMatch;
      bestLen = len;
      if (len >= niceMatch) break;
      scanEnd1 = win[scan + bestLen - 1]!;
      scanEnd = win[scan + bestLen]!;
    }
  } while ((curMatch = prev[curMatch & WMASK]!) > limit && --chainLength !== 0);
  return bestLen <= lookahead ? bestLen : lookahead;
}

/** zlib slide_hash: rebase chain positions by WSIZE; anything that falls out of the window becomes NIL. */
function slideHash(): void {
  for (let i = 0; i < HASH_SIZE; i++) {
    const v = head[i]!;
    if (v >= stamp) head[i] = v - stamp >= WSIZE ? v - WSIZE : 0;
  }
  for (let i = 0; i < WSIZE; i++) {
    const m = prev[i]!;
    prev[i] = m >= WSIZE ? m - WSIZE : 0;
  }
}

/** zlib fill_window for a caller that supplies all input up front (one deflate(Z_FINISH) call). */
function fillWindow(): void {
  do {
    let more = WINDOW_SIZE - lookahead - strstart;
    if (strstart >= WSIZE + MAX_DIST) {
      win.copyWithin(0, WSIZE, WSIZE + WSIZE - more);
      matchStart -= WSIZE;
      strstart -= WSIZE;
      blockStart -= WSIZE;
      slideHash();
      more += WSIZE;
    }
    const avail = input.length - inPos;
    if (avail === 0) break;
    const n = avail < more ? avail : more;
    const dst = strstart + lookahead;
    if (n === input.length) win.set(input, dst);
    else win.set(input.subarray(inPos, inPos + n), dst);
    inPos += n;
    lookahead += n;
  } while (lookahead < MIN_LOOKAHEAD && inPos < input.length);

  // Same zeroing as zlib so that over-reads past the data see identical bytes.
  if (highWater < WINDOW_SIZE) {
    const curr = strstart + lookahead;
    if (highWater < curr) {
      const init = WINDOW_SIZE - curr < WIN_INIT ? WINDOW_SIZE - curr : WIN_INIT;
      win.fill(0, curr, curr + init);
      highWater = curr + init;
    } else if (highWater < curr + WIN_INIT) {
      let init = curr + WIN_INIT - highWater;
      if (init > WINDOW_SIZE - highWater) init = WINDOW_SIZE - highWater;
      win.fill(0, highWater, highWater + init);
      highWater += init;
    }
  }
}

/** zlib FLUSH_BLOCK_ONLY: the block's raw bytes are only available while block_start >= 0. */
function flushBlockOnly(last: boolean): void {
  flushBlock(win, blockStart >= 0 ? blockStart : -1, strstart - blockStart, last);
  blockStart = strstart;
}

/** Compress all of `data` as zlib deflate(Z_FINISH) with deflate_slow would, writing blocks via the shared writer. */
export function deflateSlow(data: Uint8Array): void {
  if (++generation > MAX_GENERATION) {
    head.fill(0);
    generation = 1;
  }
  stamp = generation << 16;
  input = data;
  inPos = 0;
  strstart = 0;
  lookahead = 0;
  blockStart = 0;
  matchStart = 0;
  highWater = 0;
  initBlock();

  let matchLength = MIN_MATCH - 1;
  let matchAvailable = false;
  for (;;) {
    if (lookahead < MIN_LOOKAHEAD) {
      fillWindow();
      if (lookahead === 0) break;
    }
    const hashHead = lookahead >= MIN_MATCH ? insertString(strstart) : 0;
    const prevLength = matchLength;
    const prevMatch = matchStart;
    matchLength = MIN_MATCH - 1;

    if (hashHead !== 0 && prevLength < MAX_LAZY && strstart - hashHead <= MAX_DIST) {
      matchLength = longestMatch(hashHead, prevLength);
      // zlib compares against match_start even when longest_match kept a stale one; harmless, as there.
      if (matchLength === MIN_MATCH && strstart - matchStart > TOO_FAR) matchLength = MIN_MATCH - 1;
    }

    if (prevLength >= MIN_MATCH && matchLength <= prevLength) {
      // The previous position's match wins: emit it and hash every string it covers.
      const maxInsert = strstart + lookahead - MIN_MATCH;
      const bflush = tallyMatch(strstart - 1 - prevMatch, prevLength - MIN_MATCH);
      lookahead -= prevLength - 1;
      let k = prevLength - 2;
      do {
        if (++strstart <= maxInsert) insertString(strstart);
      } while (--k !== 0);
      matchAvailable = false;
      matchLength = MIN_MATCH - 1;
      strstart++;
      if (bflush) flushBlockOnly(false);
    } else if (matchAvailable) {
      // No better match here: the previous byte goes out as a literal.
      if (tallyLit(win[strstart - 1]!)) flushBlockOnly(false);
      strstart++;
      lookahead--;
    } else {
      matchAvailable = true;
      strstart++;
      lookahead--;
    }
  }
  if (matchAvailable) tallyLit(win[strstart - 1]!);
  flushBlockOnly(true);
  input = win; // drop the reference so the caller's buffer can be collected
}
