/** @module core/deflate/tree-header — the dynamic-block header: code-length symbols (scan_tree/send_tree), build_bl_tree, send_all_trees. */
import type { BuildTree, GenCodes } from './huffman.ts';
import { BL_ORDER } from './tables.ts';

/**
 * Price the header of a dynamic block whose trees are given by (lengths, ascending used symbols,
 * count) for literal/lengths and distances: returns its size in bits, zlib's share of opt_len from
 * build_bl_tree (code-length data, 3 bits per sent bl length, 5 + 5 + 4 bits of HLIT/HDIST/HCLEN).
 */
export type MeasureHeader = (llen: Uint8Array, lsyms: Uint16Array, nl: number, dlen: Uint8Array, dsyms: Uint16Array, nd: number) => number;

/*
 * zlib walks lengths 0..max_code twice with the same small state machine: scan_tree to count the
 * code-length symbols, send_tree to write them. Here one pass records the symbols in `seq`, so the
 * writer only replays them. Walking maximal runs instead of single lengths gives the same symbols,
 * because the machine's state at the start of each run is fixed by the run itself:
 *  - a zero run always starts in state (max 138, min 3), so it is cut greedily into chunks of 138
 *    (REPZ_11_138), and a final chunk r < 3 becomes r literal zeros, r <= 10 REPZ_3_10, else REPZ_11_138;
 *  - a run of a non-zero length v always follows a different value, so it starts in state (7, 4):
 *    a first chunk of up to 7 is sent as literals if shorter than 4, else as v + REP_3_6(count-1);
 *    the rest is cut into chunks of up to 6 in state (6, 3): literals if shorter than 3, else REP_3_6.
 * Zero runs are the gaps in a tree's ascending symbol list, so only used symbols are visited.
 * Code-length symbols: 0..15 literal lengths, 16 = REP_3_6, 17 = REPZ_3_10, 18 = REPZ_11_138.
 * A `seq` entry packs symbol | extra-bit count << 5 | extra value << 8.
 */

/**
 * Make the header coder. Its second function writes the header last measured (zlib send_all_trees)
 * as `count` bit fields, values[i] of widths[i] bits, for the block writer to emit; returns count.
 * Scratch lives in the closure (see huffman.ts).
 */
export function headerCoder(buildTree: BuildTree, genCodes: GenCodes, values: Uint16Array, widths: Uint8Array): [MeasureHeader, () => number] {
  /** Code-length symbols of the current header, in sending order (at most 286 + 30). */
  const seq = new Uint16Array(320);
  /** The code-length tree (zlib bl_tree): frequencies, lengths, symbols, codes. */
  const freq = new Uint16Array(19);
  const len = new Uint8Array(2 * 19 + 1); // see BuildTree
  const syms = new Uint16Array(20);
  const code = new Uint16Array(19);
  const used = new Int32Array(1);
  const order = BL_ORDER;
  let nseq = 0;
  let nbl = 0;
  let maxBlindex = 0;
  let hlit = 0;
  let hdist = 0;

  /** Append the code-length symbols for lengths `lens` of the ascending symbols `list` to seq. */
  function runs(lens: Uint8Array, list: Uint16Array, count: number): void {
    const out = seq;
    let at = nseq;
    let next = 0; // first symbol whose length is not coded yet
    for (let i = 0; i < count; ) {
      const start = list[i]!;
      let r = start - next;
      for (; r >= 138; r -= 138) out[at++] = 18 | (7 << 5) | (127 << 8);
      if (r >= 11) out[at++] = 18 | (7 << 5) | ((r - 11) << 8);
      else if (r >= 3) out[at++] = 17 | (3 << 5) | ((r - 3) << 8);
      else for (; r > 0; r--) out[at++] = 0;
      const v = lens[start]!;
      let j = i + 1;
      while (j < count && list[j] === start + j - i && lens[list[j]!] === v) j++;
      let c = j - i;
      next = start + c;
      i = j;
      // First chunk: up to 7 lengths, literal if fewer than 4.
      if (c < 4) {
        for (; c > 0; c--) out[at++] = v;
        continue;
      }
      const first = c < 7 ? c : 7;
      out[at++] = v;
      out[at++] = 16 | (2 << 5) | ((first - 4) << 8);
      // Further chunks of up to 6 repeats, literal if fewer than 3.
      for (c -= first; c > 0; c -= 6) {
        if (c < 3) for (let k = c; k > 0; k--) out[at++] = v;
        else out[at++] = 16 | (2 << 5) | (((c < 6 ? c : 6) - 3) << 8);
      }
    }
    nseq = at;
  }

  function measure(llen: Uint8Array, lsyms: Uint16Array, nl: number, dlen: Uint8Array, dsyms: Uint16Array, nd: number): number {
    hlit = lsyms[nl - 1]! + 1 - 257;
    hdist = dsyms[nd - 1]!;
    nseq = 0;
    runs(llen, lsyms, nl);
    runs(dlen, dsyms, nd);
    // zlib build_bl_tree: count the symbols (scan_tree), build their tree (lengths up to 7 bits).
    freq.fill(0);
    len.fill(0);
    let bits = 0;
    let mask = 0;
    for (let i = 0; i < nseq; i++) {
      const e = seq[i]!;
      freq[e & 31]!++;
      mask |= 1 << (e & 31);
      bits += (e >> 5) & 7; // extra bits
    }
    used[0] = mask;
    nbl = buildTree(freq, used, 19, 7, len, syms);
    for (let i = 0; i < nbl; i++) bits += freq[syms[i]!]! * len[syms[i]!]!;
    // Send bl lengths up to the last non-zero one in BL_ORDER, at least 4 (zlib stops at index 3;
    // unused symbols have length 0, fake nodes one, as in zlib). Some length 1..15 always occurs.
    maxBlindex = 18;
    while (len[order[maxBlindex]!] === 0) maxBlindex--;
    return bits + 3 * (maxBlindex + 1) + 5 + 5 + 4;
  }

  function send(): number {
    genCodes(len, syms, nbl, code);
    const v = values;
    const w = widths;
    let k = 0;
    v[k] = hlit;
    w[k++] = 5;
    v[k] = hdist;
    w[k++] = 5;
    v[k] = maxBlindex - 3;
    w[k++] = 4;
    for (let rank = 0; rank <= maxBlindex; rank++) {
      v[k] = len[order[rank]!]!;
      w[k++] = 3;
    }
    for (let i = 0; i < nseq; i++) {
      const e = seq[i]!;
      v[k] = code[e & 31]!;
      w[k++] = len[e & 31]!;
      if (e > 31) {
        v[k] = e >> 8; // repeat count
        w[k++] = (e >> 5) & 7;
      }
    }
    return k;
  }

  return [measure, send];
}
