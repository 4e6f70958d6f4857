/** @module core/deflate/tree-header — dynamic-block header: run-length coded code lengths (scan_tree/send_tree/build_bl_tree). */
import { writer } from './bit-writer.ts';
import { buildTree, cost, genCodes, type Tree } from './huffman.ts';
import { BL_CODES, BL_ORDER } from './tables.ts';

/*
 * zlib's scan_tree/send_tree walk lengths 0..max_code one by one with a small state machine. Walking
 * maximal runs instead gives the same symbols, because the machine's state at the start of each run
 * is fixed by the run itself:
 *  - a zero run always starts in state (max 138, min 3), so it is cut greedily into chunks of 138
 *    (REPZ_11_138), and a final chunk r < 3 becomes r literal zeros, r <= 10 REPZ_3_10, else REPZ_11_138;
 *  - a run of a non-zero length v always follows a different value, so it starts in state (7, 4):
 *    a first chunk of up to 7 is sent as literals if shorter than 4, else as v + REP_3_6(count-1);
 *    the rest is cut into chunks of up to 6 in state (6, 3): literals if shorter than 3, else REP_3_6.
 * Zero runs come from gaps in the tree's ascending symbol list, so only used symbols are visited.
 * Code-length symbols: 0..15 literal lengths, 16 = REP_3_6, 17 = REPZ_3_10, 18 = REPZ_11_138.
 */

/** Add the code-length symbols that will encode `t`'s lengths to the bl tree's frequencies. */
function scanTree(t: Tree, bl: Tree): void {
  const { syms, count, len } = t;
  const blFreq = bl.freq;
  let blUsed = bl.used[0]!;
  let pos = 0;
  let i = 0;
  while (i < count) {
    const start = syms[i]!;
    let r = start - pos;
    if (r !== 0) {
      for (; r >= 138; r -= 138) {
        blFreq[18]!++;
        blUsed |= 1 << 18;
      }
      if (r >= 11) {
        blFreq[18]!++;
        blUsed |= 1 << 18;
      } else if (r >= 3) {
        blFreq[17]!++;
        blUsed |= 1 << 17;
      } else if (r !== 0) {
        blFreq[0] = blFreq[0]! + r;
        blUsed |= 1;
      }
    }
    const v = len[start]!;
    let j = i + 1;
    while (j < count && syms[j] === start + j - i && len[syms[j]!] === v) j++;
    let c = j - i;
    const first = c < 7 ? c : 7;
    if (first < 4) {
      blFreq[v] = blFreq[v]! + first;
    } else {
      blFreq[v]!++;
      blFreq[16]!++;
      blUsed |= 1 << 16;
    }
    blUsed |= 1 << v;
    for (c -= first; c > 0; c -= 6) {
      if (c < 3) {
        blFreq[v] = blFreq[v]! + c;
      } else {
        blFreq[16]!++;
        blUsed |= 1 << 16;
      }
    }
    pos = start + j - i;
    i = j;
  }
  bl.used[0] = blUsed;
}

/** Emit `t`'s code lengths with the bl code; the same run decomposition as scanTree. */
function sendTree(t: Tree, bl: Tree): void {
  const { syms, count, len } = t;
  const blLen = bl.len;
  const blCode = bl.code;
  const w = writer;
  let pos = 0;
  let i = 0;
  while (i < count) {
    const start = syms[i]!;
    let r = start - pos;
    if (r !== 0) {
      for (; r >= 138; r -= 138) {
        w.bits(blCode[18]!, blLen[18]!);
        w.bits(138 - 11, 7);
      }
      if (r >= 11) {
        w.bits(blCode[18]!, blLen[18]!);
        w.bits(r - 11, 7);
      } else if (r >= 3) {
        w.bits(blCode[17]!, blLen[17]!);
        w.bits(r - 3, 3);
      } else {
        for (; r > 0; r--) w.bits(blCode[0]!, blLen[0]!);
      }
    }
    const v = len[start]!;
    const vCode = blCode[v]!;
    const vLen = blLen[v]!;
    let j = i + 1;
    while (j < count && syms[j] === start + j - i && len[syms[j]!] === v) j++;
    let c = j - i;
    const first = c < 7 ? c : 7;
    if (first < 4) {
      for (let k = 0; k < first; k++) w.bits(vCode, vLen);
    } else {
      w.bits(vCode, vLen);
      w.bits(blCode[16]!, blLen[16]!);
      w.bits(first - 1 - 3, 2);
    }
    for (c -= first; c > 0; c -= 6) {
      if (c < 3) {
        for (let k = 0; k < c; k++) w.bits(vCode, vLen);
      } else {
        w.bits(blCode[16]!, blLen[16]!);
        w.bits((c < 6 ? c : 6) - 3, 2);
      }
    }
    pos = start + j - i;
    i = j;
  }
}

/** Bitmap of the code-length symbols present in bl's symbol list (others have stale lengths). */
function presentBl(bl: Tree): number {
  let present = 0;
  for (let i = 0; i < bl.count; i++) present |= 1 << bl.syms[i]!;
  return present;
}

/**
 * Build the code-length tree for the already-built literal and distance trees.
 * Returns the index in BL_ORDER of the last code-length code with non-zero length (at least 3),
 * and adds the header's fixed fields to cost.opt exactly as zlib does.
 */
export function buildBlTree(l: Tree, d: Tree, bl: Tree): number {
  scanTree(l, bl);
  scanTree(d, bl);
  buildTree(bl);
  const present = presentBl(bl);
  let maxBlindex = BL_CODES - 1;
  for (; maxBlindex >= 3; maxBlindex--) {
    if ((present >>> BL_ORDER[maxBlindex]!) & 1) break;
  }
  // 3 bits per bl length + HLIT(5) + HDIST(5) + HCLEN(4).
  cost.opt += 3 * (maxBlindex + 1) + 5 + 5 + 4;
  return maxBlindex;
}

/**
 * Write HLIT/HDIST/HCLEN, the code-length code lengths, then both trees (zlib send_all_trees).
 * Assigns the codes of all three trees first; fixed and stored blocks never need them.
 */
export function sendAllTrees(l: Tree, d: Tree, bl: Tree, maxBlindex: number): void {
  genCodes(l);
  genCodes(d);
  genCodes(bl);
  const w = writer;
  const blcodes = maxBlindex + 1;
  w.bits(l.maxCode + 1 - 257, 5);
  w.bits(d.maxCode + 1 - 1, 5);
  w.bits(blcodes - 4, 4);
  const present = presentBl(bl);
  for (let rank = 0; rank < blcodes; rank++) {
    const sym = BL_ORDER[rank]!;
    w.bits((present >>> sym) & 1 ? bl.len[sym]! : 0, 3);
  }
  sendTree(l, bl);
  sendTree(d, bl);
}
