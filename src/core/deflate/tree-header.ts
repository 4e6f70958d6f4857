/** @module core/deflate/tree-header — dynamic-block header: run-length coded code lengths (scan_tree/send_tree/build_bl_tree). */
import { writer } from './bit-writer.ts';
import { buildTree, cost, type Tree } from './huffman.ts';
import { BL_CODES, BL_ORDER, REP_3_6, REPZ_3_10, REPZ_11_138 } from './tables.ts';

/**
 * Count the code-length symbols needed to transmit `t`'s lengths into `bl.freq`.
 * Writes zlib's 0xffff guard at len[maxCode+1] so the last run always terminates; send_tree relies on it.
 */
function scanTree(t: Tree, bl: Tree, maxCode: number): void {
  const len = t.len;
  const blFreq = bl.freq;
  let prevlen = -1;
  let nextlen = len[0]!;
  let count = 0;
  let maxCount = 7;
  let minCount = 4;
  if (nextlen === 0) {
    maxCount = 138;
    minCount = 3;
  }
  len[maxCode + 1] = 0xffff;
  for (let n = 0; n <= maxCode; n++) {
    const curlen = nextlen;
    nextlen = len[n + 1]!;
    if (++count < maxCount && curlen === nextlen) continue;
    if (count < minCount) {
      blFreq[curlen] = blFreq[curlen]! + count;
    } else if (curlen !== 0) {
      if (curlen !== prevlen) blFreq[curlen]!++;
      blFreq[REP_3_6]!++;
    } else if (count <= 10) {
      blFreq[REPZ_3_10]!++;
    } else {
      blFreq[REPZ_11_138]!++;
    }
    count = 0;
    prevlen = curlen;
    if (nextlen === 0) {
      maxCount = 138;
      minCount = 3;
    } else if (curlen === nextlen) {
      maxCount = 6;
      minCount = 3;
    } else {
      maxCount = 7;
      minCount = 4;
    }
  }
}

/** Emit `t`'s code lengths with the bl code; must mirror scanTree's run decisions exactly. */
function sendTree(t: Tree, bl: Tree, maxCode: number): void {
  const len = t.len;
  const blLen = bl.len;
  const blCode = bl.code;
  const w = writer;
  let prevlen = -1;
  let nextlen = len[0]!;
  let count = 0;
  let maxCount = 7;
  let minCount = 4;
  if (nextlen === 0) {
    maxCount = 138;
    minCount = 3;
  }
  for (let n = 0; n <= maxCode; n++) {
    const curlen = nextlen;
    nextlen = len[n + 1]!;
    if (++count < maxCount && curlen === nextlen) continue;
    if (count < minCount) {
      do w.bits(blCode[curlen]!, blLen[curlen]!);
      while (--count !== 0);
    } else if (curlen !== 0) {
      if (curlen !== prevlen) {
        w.bits(blCode[curlen]!, blLen[curlen]!);
        count--;
      }
      w.bits(blCode[REP_3_6]!, blLen[REP_3_6]!);
      w.bits(count - 3, 2);
    } else if (count <= 10) {
      w.bits(blCode[REPZ_3_10]!, blLen[REPZ_3_10]!);
      w.bits(count - 3, 3);
    } else {
      w.bits(blCode[REPZ_11_138]!, blLen[REPZ_11_138]!);
      w.bits(count - 11, 7);
    }
    count = 0;
    prevlen = curlen;
    if (nextlen === 0) {
      maxCount = 138;
      minCount = 3;
    } else if (curlen === nextlen) {
      maxCount = 6;
      minCount = 3;
    } else {
      maxCount = 7;
      minCount = 4;
    }
  }
}

/**
 * Build the code-length tree for the already-built literal and distance trees.
 * Returns the index in BL_ORDER of the last code-length code with non-zero length (at least 3),
 * and adds the header's fixed fields to cost.opt exactly as zlib does.
 */
export function buildBlTree(l: Tree, d: Tree, bl: Tree): number {
  scanTree(l, bl, l.maxCode);
  scanTree(d, bl, d.maxCode);
  buildTree(bl);
  let maxBlindex = BL_CODES - 1;
  for (; maxBlindex >= 3; maxBlindex--) {
    if (bl.len[BL_ORDER[maxBlindex]!] !== 0) break;
  }
  // 3 bits per bl length + HLIT(5) + HDIST(5) + HCLEN(4).
  cost.opt += 3 * (maxBlindex + 1) + 5 + 5 + 4;
  return maxBlindex;
}

/** Write HLIT/HDIST/HCLEN, the code-length code lengths, then both trees (zlib send_all_trees). */
export function sendAllTrees(l: Tree, d: Tree, bl: Tree, maxBlindex: number): void {
  const w = writer;
  const lcodes = l.maxCode + 1;
  const dcodes = d.maxCode + 1;
  const blcodes = maxBlindex + 1;
  w.bits(lcodes - 257, 5);
  w.bits(dcodes - 1, 5);
  w.bits(blcodes - 4, 4);
  for (let rank = 0; rank < blcodes; rank++) w.bits(bl.len[BL_ORDER[rank]!]!, 3);
  sendTree(l, bl, lcodes - 1);
  sendTree(d, bl, dcodes - 1);
}
