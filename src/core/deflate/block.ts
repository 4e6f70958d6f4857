/** @module core/deflate/block — symbol buffer and block emission: zlib's _tr_flush_block choice of stored/fixed/dynamic and compress_block. */
import { writer } from './bit-writer.ts';
import { buildTree, cost, Tree } from './huffman.ts';
import {
  BASE_DIST,
  BASE_LENGTH,
  BL_CODES,
  D_CODES,
  DIST_CODE,
  END_BLOCK,
  EXTRA_BLBITS,
  EXTRA_DBITS,
  EXTRA_LBITS,
  L_CODES,
  LENGTH_CODE,
  LITERALS,
  MAX_BITS,
  MAX_BL_BITS,
  STATIC_DCODE,
  STATIC_DLEN,
  STATIC_LCODE,
  STATIC_LLEN,
} from './tables.ts';
import { buildBlTree, sendAllTrees } from './tree-header.ts';

/** memLevel 8 => lit_bufsize 2^14. */
const LIT_BUFSIZE = 1 << 14;
/** zlib 1.2.12+ flushes when sym_next reaches sym_end = (lit_bufsize-1)*3 bytes, i.e. after 16383 symbols. */
export const SYM_LIMIT = LIT_BUFSIZE - 1;

export const ltree = /* @__PURE__ */ new Tree({
  elems: L_CODES,
  maxLength: MAX_BITS,
  extraBits: EXTRA_LBITS,
  extraBase: LITERALS + 1,
  staticLen: STATIC_LLEN,
});
export const dtree = /* @__PURE__ */ new Tree({
  elems: D_CODES,
  maxLength: MAX_BITS,
  extraBits: EXTRA_DBITS,
  extraBase: 0,
  staticLen: STATIC_DLEN,
});
const bltree = /* @__PURE__ */ new Tree({
  elems: BL_CODES,
  maxLength: MAX_BL_BITS,
  extraBits: EXTRA_BLBITS,
  extraBase: 0,
  staticLen: null,
});

/*
 * What the match loop fills in (zlib _tr_tally): symbol frequencies with their `used` bitmaps, and
 * the block's symbols packed as dist << 8 | lc (dist 0: literal lc; else a match of length lc + 3).
 */
export const lfreq = ltree.freq;
export const lused = ltree.used;
export const dfreq = dtree.freq;
export const dused = dtree.used;
export const symBuf = /* @__PURE__ */ new Int32Array(LIT_BUFSIZE);

/** zlib init_block: clear frequencies and costs; END_BLOCK always occurs once. `full` also wipes stale state. */
export function initBlock(full: boolean): void {
  ltree.clear(full);
  dtree.clear(full);
  bltree.clear(full);
  ltree.freq[END_BLOCK] = 1;
  ltree.used[END_BLOCK >>> 5]! |= 1 << (END_BLOCK & 31);
  cost.opt = 0;
  cost.stat = 0;
}

/**
 * Emit the buffered symbols with the given code tables, then END_BLOCK (zlib compress_block).
 * The hottest output loop: tables and the bit buffer live in locals (module bindings cost a context
 * load per access in V8), and each `put` is BitWriter.bits written out inline: add <= 16 bits,
 * flush two bytes once 16 are pending.
 */
function compressBlock(count: number, lcode: Uint16Array, llen: Uint16Array, dcode: Uint16Array, dlen: Uint16Array): void {
  const w = writer;
  const out = w.out;
  const syms = symBuf;
  const lengthCode = LENGTH_CODE;
  const extraL = EXTRA_LBITS;
  const baseL = BASE_LENGTH;
  const distCode = DIST_CODE;
  const extraD = EXTRA_DBITS;
  const baseD = BASE_DIST;
  let pos = w.pos;
  let buf = w.buf;
  let cnt = w.cnt;
  for (let i = 0; i < count; i++) {
    const sym = syms[i]!;
    let lc = sym & 0xff;
    if (sym < 0x100) {
      buf |= lcode[lc]! << cnt;
      cnt += llen[lc]!;
      if (cnt >= 16) {
        out[pos++] = buf & 0xff;
        out[pos++] = (buf >>> 8) & 0xff;
        buf >>>= 16;
        cnt -= 16;
      }
      continue;
    }
    let code = lengthCode[lc]!;
    const l = code + LITERALS + 1;
    buf |= lcode[l]! << cnt;
    cnt += llen[l]!;
    if (cnt >= 16) {
      out[pos++] = buf & 0xff;
      out[pos++] = (buf >>> 8) & 0xff;
      buf >>>= 16;
      cnt -= 16;
    }
    let extra = extraL[code]!;
    if (extra !== 0) {
      lc -= baseL[code]!;
      buf |= lc << cnt;
      cnt += extra;
      if (cnt >= 16) {
        out[pos++] = buf & 0xff;
        out[pos++] = (buf >>> 8) & 0xff;
        buf >>>= 16;
        cnt -= 16;
      }
    }
    let dist = (sym >>> 8) - 1;
    code = dist < 256 ? distCode[dist]! : distCode[256 + (dist >>> 7)]!;
    buf |= dcode[code]! << cnt;
    cnt += dlen[code]!;
    if (cnt >= 16) {
      out[pos++] = buf & 0xff;
      out[pos++] = (buf >>> 8) & 0xff;
      buf >>>= 16;
      cnt -= 16;
    }
    extra = extraD[code]!;
    if (extra !== 0) {
      dist -= baseD[code]!;
      buf |= dist << cnt;
      cnt += extra;
      if (cnt >= 16) {
        out[pos++] = buf & 0xff;
        out[pos++] = (buf >>> 8) & 0xff;
        buf >>>= 16;
        cnt -= 16;
      }
    }
  }
  w.pos = pos;
  w.buf = buf;
  w.cnt = cnt;
  w.bits(lcode[END_BLOCK]!, llen[END_BLOCK]!);
}

/**
 * Finish the current block of `count` symbols (zlib _tr_flush_block at level > 0, default strategy).
 * `buf` is the window offset of the block's raw bytes, or -1 when they are no longer in the window
 * (then a stored block is impossible, as in zlib when block_start went negative after a slide).
 */
export function flushBlock(window: Uint8Array, buf: number, storedLen: number, last: boolean, count: number): void {
  const w = writer;
  buildTree(ltree);
  buildTree(dtree);
  const maxBlindex = buildBlTree(ltree, dtree, bltree);
  // +3 for the block type bits, +7 to round up to whole bytes.
  let optLenb = (cost.opt + 3 + 7) >>> 3;
  const staticLenb = (cost.stat + 3 + 7) >>> 3;
  if (staticLenb <= optLenb) optLenb = staticLenb;
  const lastBit = last ? 1 : 0;

  if (storedLen + 4 <= optLenb && buf !== -1) {
    // Stored: 3 header bits, align, LEN and NLEN little-endian, raw bytes.
    w.bits(lastBit, 3);
    w.windup();
    w.byte(storedLen & 0xff);
    w.byte((storedLen >>> 8) & 0xff);
    w.byte(~storedLen & 0xff);
    w.byte((~storedLen >>> 8) & 0xff);
    const out = w.out;
    if (storedLen > 1024) {
      out.set(window.subarray(buf, buf + storedLen), w.pos);
    } else {
      // A plain loop avoids allocating a subarray view for the small blocks typical of tokens.
      for (let i = 0, p = w.pos; i < storedLen; i++) out[p + i] = window[buf + i]!;
    }
    w.pos += storedLen;
  } else if (staticLenb === optLenb) {
    w.bits(2 + lastBit, 3);
    compressBlock(count, STATIC_LCODE, STATIC_LLEN, STATIC_DCODE, STATIC_DLEN);
  } else {
    w.bits(4 + lastBit, 3);
    sendAllTrees(ltree, dtree, bltree, maxBlindex);
    compressBlock(count, ltree.code, ltree.len, dtree.code, dtree.len);
  }
  initBlock(false);
  if (last) w.windup();
}
