/** @module core/deflate/block — one block: zlib _tr_flush_block's choice of stored/fixed/dynamic, _tr_stored_block and compress_block. */
import { huffmanCoder } from './huffman.ts';
import { distCode, distExtra, lengthCode, lengthExtra, STATIC_LLEN } from './tables.ts';
import { headerCoder } from './tree-header.ts';

/**
 * Finish the block of `count` tallied symbols whose raw bytes are window[start, start + storedLen)
 * (zlib _tr_flush_block at level > 0, default strategy) and clear the tallies for the next block
 * (init_block). Returns the output position; after the last block it is byte-aligned (bi_windup).
 */
export type FlushBlock = (window: Uint8Array, start: number, storedLen: number, last: boolean, count: number) => number;

/**
 * Make the block writer over the match loop's tallies (zlib _tr_tally): `syms` holds the block's
 * symbols packed as dist << 8 | lc (dist 0: literal lc; else a match of length lc + 3 at distance
 * dist); `lfreq`/`dfreq` count literal/length and distance symbols, and `lused`/`dused` flag the
 * symbols seen (bit s & 31 of word s >> 5), so the tree code visits only those. Returns the flush
 * function and `begin`. Scratch lives in the closure (see huffman.ts).
 */
export function blockCoder(
  syms: Int32Array,
  lfreq: Uint16Array,
  lused: Int32Array,
  dfreq: Uint16Array,
  dused: Int32Array,
): [FlushBlock, (out: Uint8Array, at: number, wipe: boolean) => void] {
  const [buildTree, genCodes] = huffmanCoder();
  /** The dynamic header as bit fields (at most 3 + 19 + 2 * (286 + 30)), see headerCoder. */
  const hvalues = new Uint16Array(660);
  const hwidths = new Uint8Array(660);
  const [measureHeader, sendHeader] = headerCoder(buildTree, genCodes, hvalues, hwidths);
  // Dynamic trees: lengths (room for the internal nodes' depths, see BuildTree), codes, and the used symbols ascending.
  const llen = new Uint8Array(2 * 286 + 1);
  const lcode = new Uint16Array(286);
  const lsyms = new Uint16Array(287);
  const dlen = new Uint8Array(2 * 30 + 1);
  const dcode = new Uint16Array(30);
  const dsyms = new Uint16Array(31);
  const slen = STATIC_LLEN;
  // Fixed codes: canonical for the fixed lengths, as zlib's tr_static_init derives them.
  const all = new Uint16Array(288).map((_, i) => i);
  const scode = new Uint16Array(288);
  const sdlen = new Uint8Array(30).fill(5);
  const sdcode = new Uint16Array(30);
  genCodes(slen, all, 288, scode);
  genCodes(sdlen, all, 30, sdcode);

  /*
   * Bit output, LSB first. zlib packs through a 16-bit bi_buf; the bytes are the same for any
   * packing, and the only alignment points (before a stored block, at the end) are bi_windup's.
   */
  let out: Uint8Array = new Uint8Array(0);
  let pos = 0;
  let bitBuf = 0;
  let bitCount = 0;

  /** Append the low `n` (<= 16) bits of `v` (callers guarantee v < 2^n). */
  function put(v: number, n: number): void {
    bitBuf |= v << bitCount;
    bitCount += n;
    if (bitCount >= 16) {
      out[pos++] = bitBuf;
      out[pos++] = bitBuf >> 8;
      bitBuf >>= 16;
      bitCount -= 16;
    }
  }

  /** Pad to a byte boundary (zlib bi_windup). */
  function windup(): void {
    if (bitCount > 0) out[pos++] = bitBuf;
    if (bitCount > 8) out[pos++] = bitBuf >> 8;
    bitBuf = bitCount = 0;
  }

  /**
   * Start a stream at buffer[at]. The tallies are normally clean (flushBlock clears what it used);
   * `wipe` clears them fully after a call that never finished.
   */
  function begin(buffer: Uint8Array, at: number, wipe: boolean): void {
    out = buffer;
    pos = at;
    bitBuf = bitCount = 0;
    if (wipe) lfreq.fill(0), dfreq.fill(0), lused.fill(0), (dused[0] = 0);
    lfreq[256] = 1; // zlib init_block: END_BLOCK occurs once per block
    lused[8] = 1;
  }

  function flushBlock(window: Uint8Array, start: number, storedLen: number, last: boolean, count: number): number {
    const nl = buildTree(lfreq, lused, 286, 15, llen, lsyms);
    const nd = buildTree(dfreq, dused, 30, 15, dlen, dsyms);
    // zlib's opt_len and static_len: the block as a dynamic and as a fixed block, in bits. Extra
    // bits cost the same in both. Fake nodes have frequency 0 here, so they add nothing (see buildTree).
    let opt = 0;
    let stat = 0;
    for (let i = 0; i < nl; i++) {
      const s = lsyms[i]!;
      const f = lfreq[s]!;
      const x = s > 256 ? f * lengthExtra(s - 257) : 0;
      opt += f * llen[s]! + x;
      stat += f * slen[s]! + x;
      lfreq[s] = 0; // init_block, for the next block
    }
    for (let i = 0; i < nd; i++) {
      const s = dsyms[i]!;
      const f = dfreq[s]!;
      const x = f * distExtra(s);
      opt += f * dlen[s]! + x;
      stat += f * 5 + x;
      dfreq[s] = 0;
    }
    lused.fill(0);
    dused[0] = 0;
    lfreq[256] = 1;
    lused[8] = 1; // END_BLOCK, bit 256 & 31 of word 256 >> 5
    opt += measureHeader(llen, lsyms, nl, dlen, dsyms, nd);

    // +3 for the block type bits, +7 to round up to whole bytes. Ties: fixed beats dynamic, stored beats both.
    let optLenb = (opt + 3 + 7) >> 3;
    const staticLenb = (stat + 3 + 7) >> 3;
    if (staticLenb <= optLenb) optLenb = staticLenb;
    const lastBit = last ? 1 : 0;
    if (storedLen + 4 <= optLenb) {
      // zlib _tr_stored_block: 3 header bits, align, LEN and NLEN little-endian, raw bytes.
      put(lastBit, 3);
      windup();
      out[pos++] = storedLen;
      out[pos++] = storedLen >> 8;
      out[pos++] = ~storedLen;
      out[pos++] = ~storedLen >> 8;
      out.set(window.subarray(start, start + storedLen), pos);
      pos += storedLen;
    } else if (staticLenb === optLenb) {
      put(2 + lastBit, 3);
      compressBlock(count, scode, slen, sdcode, sdlen);
    } else {
      put(4 + lastBit, 3);
      genCodes(llen, lsyms, nl, lcode);
      genCodes(dlen, dsyms, nd, dcode);
      putFields(sendHeader());
      compressBlock(count, lcode, llen, dcode, dlen);
    }
    if (last) windup();
    return pos;
  }

  /** Emit the first `n` header fields (`put` written out over locals). */
  function putFields(n: number): void {
    const o = out;
    let p = pos;
    let buf = bitBuf;
    let cnt = bitCount;
    for (let i = 0; i < n; i++) {
      buf |= hvalues[i]! << cnt;
      cnt += hwidths[i]!;
      if (cnt >= 16) {
        o[p++] = buf;
        o[p++] = buf >> 8;
        buf >>= 16;
        cnt -= 16;
      }
    }
    pos = p;
    bitBuf = buf;
    bitCount = cnt;
  }

  /**
   * Emit the buffered symbols with the given code tables, then END_BLOCK (zlib compress_block).
   * The hottest output loop: the bit buffer lives in locals; each step is `put` written out.
   */
  function compressBlock(count: number, lc: Uint16Array, ll: Uint8Array, dc: Uint16Array, dl: Uint8Array): void {
    const o = out;
    const sy = syms;
    // `| 0`: int32 locals for V8, which otherwise kept them as tagged values (Smi checks and
    // overflow checks on every step) because they start from closure variables.
    let p = pos | 0;
    let buf = bitBuf | 0;
    let cnt = bitCount | 0;
    for (let i = 0; i < count; i++) {
      const sym = sy[i]!;
      let code = sym & 0xff;
      if (sym > 0xff) {
        // Length: symbol 257 + lengthCode(lc), then the low bits of lc as its extra bits.
        const lcv = code;
        code = lengthCode(lcv);
        let extra = lengthExtra(code);
        buf |= lc[code + 257]! << cnt;
        cnt += ll[code + 257]!;
        if (cnt >= 16) {
          o[p++] = buf;
          o[p++] = buf >> 8;
          buf >>= 16;
          cnt -= 16;
        }
        buf |= (lcv & ((1 << extra) - 1)) << cnt;
        cnt += extra;
        if (cnt >= 16) {
          o[p++] = buf;
          o[p++] = buf >> 8;
          buf >>= 16;
          cnt -= 16;
        }
        // Distance: its code, then the low bits of dist - 1 as its extra bits.
        const d = (sym >> 8) - 1;
        code = distCode(d);
        extra = distExtra(code);
        buf |= dc[code]! << cnt;
        cnt += dl[code]!;
        if (cnt >= 16) {
          o[p++] = buf;
          o[p++] = buf >> 8;
          buf >>= 16;
          cnt -= 16;
        }
        buf |= (d & ((1 << extra) - 1)) << cnt;
        cnt += extra;
      } else {
        buf |= lc[code]! << cnt;
        cnt += ll[code]!;
      }
      if (cnt >= 16) {
        o[p++] = buf;
        o[p++] = buf >> 8;
        buf >>= 16;
        cnt -= 16;
      }
    }
    pos = p;
    bitBuf = buf;
    bitCount = cnt;
    put(lc[256]!, ll[256]!); // END_BLOCK
  }

  return [flushBlock, begin];
}
