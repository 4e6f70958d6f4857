/** @module core/deflate/window — zlib's sliding window and hash tables: fill_window, slide_hash, high-water zeroing. */

const WSIZE = 1 << 15; // windowBits 15
const WINDOW_SIZE = 2 * WSIZE;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
/** zlib refills the window whenever fewer bytes than this remain ahead of strstart. */
const MIN_LOOKAHEAD = MAX_MATCH + MIN_MATCH + 1;
/** Farthest usable match distance: zlib keeps MIN_LOOKAHEAD bytes of slack at the window end. */
const MAX_DIST = WSIZE - MIN_LOOKAHEAD;
/** zlib zeroes this many never-written window bytes past the data so longest_match may over-read. */
const WIN_INIT = MAX_MATCH;
/** memLevel 8 => hash_bits 15. */
const HASH_SIZE = 1 << 15;

/** The window, exactly zlib's 2*WSIZE bytes; all positions in this module are window offsets, like zlib's. */
export const windowBuf = /* @__PURE__ */ new Uint8Array(WINDOW_SIZE);
/**
 * Hash heads tagged with a call generation: entry = stamp + position. Values below the current
 * stamp belong to earlier calls and read as NIL (0), so the 32K table needs no clearing per call.
 */
export const heads = /* @__PURE__ */ new Int32Array(HASH_SIZE);
/** Chain links (zlib's prev[]); never cleared: zlib only follows links written during the current call. */
export const links = /* @__PURE__ */ new Uint16Array(WSIZE);
/** Generations stay below 2^15 so stamp + position fits an int32 (keeps V8 on small integers). */
const MAX_GENERATION = 0x7fff;
let generation = 0;

/**
 * Compression state that fill_window shares with the match loop. The loop keeps its own copies in
 * locals (module variables cost a context load and check per access in V8) and syncs around calls.
 */
export const st = {
  input: windowBuf as Uint8Array,
  inPos: 0,
  strstart: 0,
  lookahead: 0,
  blockStart: 0,
  matchStart: 0,
  /** zlib's high_water: window bytes at or above it were never written in this call. */
  highWater: 0,
  /** Current generation tag for `heads`. */
  stamp: 0,
};

/** Begin a call: new hash generation, empty window. */
export function resetWindow(data: Uint8Array): void {
  if (++generation > MAX_GENERATION) {
    heads.fill(0);
    generation = 1;
  }
  st.stamp = generation << 16;
  st.input = data;
  st.inPos = 0;
  st.strstart = 0;
  st.lookahead = 0;
  st.blockStart = 0;
  st.matchStart = 0;
  st.highWater = 0;
}

/** Drop the reference to the caller's input so it can be collected. */
export function releaseInput(): void {
  st.input = windowBuf;
}

/** zlib slide_hash: rebase chain positions by WSIZE; anything that falls out of the window becomes NIL. */
function slideHash(): void {
  const stamp = st.stamp;
  for (let i = 0; i < HASH_SIZE; i++) {
    const v = heads[i]!;
    if (v >= stamp) heads[i] = v - stamp >= WSIZE ? v - WSIZE : 0;
  }
  for (let i = 0; i < WSIZE; i++) {
    const m = links[i]!;
    links[i] = m >= WSIZE ? m - WSIZE : 0;
  }
}

/**
 * zlib fill_window for a caller that supplies all input up front (one deflate(Z_FINISH) call):
 * slide the upper half down once strstart reaches WSIZE + MAX_DIST, read as much input as fits,
 * then zero up to WIN_INIT never-written bytes past the data exactly as zlib does, so that
 * longest_match's over-reads see the same bytes (zeros, or stale bytes from before a slide).
 * zlib's `insert` prologue has nothing to do here (insert is 0 until the stream ends); the caller
 * re-seeds ins_h itself, as this prologue would.
 */
export function fillWindow(): void {
  const win = windowBuf;
  const input = st.input;
  do {
    let more = WINDOW_SIZE - st.lookahead - st.strstart;
    if (st.strstart >= WSIZE + MAX_DIST) {
      win.copyWithin(0, WSIZE, WSIZE + WSIZE - more);
      st.matchStart -= WSIZE;
      st.strstart -= WSIZE;
      st.blockStart -= WSIZE;
      slideHash();
      more += WSIZE;
    }
    const avail = input.length - st.inPos;
    if (avail === 0) break;
    const n = avail < more ? avail : more;
    const dst = st.strstart + st.lookahead;
    if (n === input.length) win.set(input, dst);
    else win.set(input.subarray(st.inPos, st.inPos + n), dst);
    st.inPos += n;
    st.lookahead += n;
  } while (st.lookahead < MIN_LOOKAHEAD && st.inPos < input.length);

  let highWater = st.highWater;
  if (highWater < WINDOW_SIZE) {
    const curr = st.strstart + st.lookahead;
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
    st.highWater = highWater;
  }
}
