/** @module core/deflate/block — symbol buffer and block emission: zlib's _tr_tally and _tr_flush_block choice of stored/fixed/dynamic. */
import { writer } from './bit-writer.ts';
import { buildTree, cost, Tree } from './huffman.ts';
import {
  BASE_DIST,
  BASE_LENGTH,
  BL_CODES,
  D_CODES,
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
  distCode,
} from './tables.ts';
import { buildBlTree, sendAllTrees } from './tree-header.ts';

/** memLevel 8 => lit_bufsize 2^14; zlib 1.2.12+ flushes when sym_next reaches (lit_bufsize-1)*3 bytes, i.e. 16383 symbols. */
const LIT_BUFSIZE = 1 << 14;
const SYM_END = LIT_BUFSIZE - 1;

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

/** Pending symbols of the current block: dist 0 = literal lc, else a match of length lc+3 at distance dist. */
const symDist = /* @__PURE__ */ new Uint16Array(LIT_BUFSIZE);
const symLc = /* @__PURE__ */ new Uint8Array(LIT_BUFSIZE);
let symNext = 0;

/** zlib init_block: clear frequencies and costs; END_BLOCK always occurs once. */
export function initBlock(): void {
  ltree.freq.fill(0, 0, L_CODES);
  dtree.freq.fill(0, 0, D_CODES);
  bltree.freq.fill(0, 0, BL_CODES);
  ltree.freq[END_BLOCK] = 1;
  cost.opt = 0;
  cost.stat = 0;
  symNext = 0;
}

/** Record a literal; true when the symbol buffer is full and the block must be flushed. */
export function tallyLit(c: number): boolean {
  symDist[symNext] = 0;
  symLc[symNext++] = c;
  ltree.freq[c]!++;
  return symNext === SYM_END;
}

/** Record a match (dist >= 1, lc = length - 3); true when the block must be flushed. */
export function tallyMatch(dist: number, lc: number): boolean {
  symDist[symNext] = dist;
  symLc[symNext++] = lc;
  ltree.freq[LENGTH_CODE[lc]! + LITERALS + 1]!++;
  dtree.freq[distCode(dist - 1)]!++;
  return symNext === SYM_END;
}

/** Emit the buffered symbols with the given code tables, then END_BLOCK (zlib compress_block). */
function compressBlock(lcode: Uint16Array, llen: Uint16Array, dcode: Uint16Array, dlen: Uint16Array): void {
  const w = writer;
  for (let i = 0; i < symNext; i++) {
    let dist = symDist[i]!;
    let lc = symLc[i]!;
    if (dist === 0) {
      w.bits(lcode[lc]!, llen[lc]!);
      continue;
    }
    let code = LENGTH_CODE[lc]!;
    w.bits(lcode[code + LITERALS + 1]!, llen[code + LITERALS + 1]!);
    let extra = EXTRA_LBITS[code]!;
    if (extra !== 0) {
      lc -= BASE_LENGTH[code]!;
      w.bits(lc, extra);
    }
    dist--;
    code = distCode(dist);
    w.bits(dcode[code]!, dlen[code]!);
    extra = EXTRA_DBITS[code]!;
    if (extra !== 0) {
      dist -= BASE_DIST[code]!;
      w.bits(dist, extra);
    }
  }
  w.bits(lcode[END_BLOCK]!, llen[END_BLOCK]!);
}

/**
 * Finish the current block (zlib _tr_flush_block at level > 0, default strategy).
 * `buf` is the window offset of the block's raw bytes, or -1 when they are no longer in the window
 * (then a stored block is impossible, as in zlib when block_start went negative after a slide).
 */
export function flushBlock(window: Uint8Array, buf: number, storedLen: number, last: boolean): void {
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
    compressBlock(STATIC_LCODE, STATIC_LLEN, STATIC_DCODE, STATIC_DLEN);
  } else {
    w.bits(4 + lastBit, 3);
    sendAllTrees(ltree, dtree, bltree, maxBlindex);
    compressBlock(ltree.code, ltree.len, dtree.code, dtree.len);
  }
  initBlock();
  if (last) w.windup();
}
