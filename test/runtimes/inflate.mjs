/**
 * @module test/runtimes/inflate — a minimal zlib (RFC 1950/1951) decoder, modelled on zlib's
 * puff.c, used as the oracle for payload comparisons in every runtime. It shares no code with
 * the library under test and needs no runtime API (edge-runtime has no DecompressionStream).
 */

const LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CLORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const MAX_OUT = 1 << 20;

/** Canonical Huffman table: code counts per length and symbols in code order. */
function table(lengths) {
  const counts = new Array(16).fill(0);
  const offs = new Array(16).fill(0);
  const symbols = new Array(lengths.length).fill(0);
  for (const l of lengths) counts[l]++;
  counts[0] = 0;
  for (let i = 1; i < 16; i++) offs[i] = offs[i - 1] + counts[i - 1];
  lengths.forEach((l, sym) => {
    if (l) symbols[offs[l]++] = sym;
  });
  return { counts, symbols };
}

/** Inflates a zlib stream and checks its header and Adler-32; throws on anything malformed. */
export function inflateZlib(data) {
  if (data.length < 6 || (data[0] & 0x0f) !== 8 || ((data[0] << 8) | data[1]) % 31 !== 0 || data[1] & 0x20) {
    throw new Error('inflate: bad zlib header');
  }
  let pos = 2;
  let buf = 0;
  let cnt = 0;
  const out = [];
  const bits = (n) => {
    while (cnt < n) {
      if (pos >= data.length) throw new Error('inflate: truncated');
      buf |= data[pos++] << cnt;
      cnt += 8;
    }
    const v = buf & ((1 << n) - 1);
    buf >>>= n;
    cnt -= n;
    return v;
  };
  const decode = ({ counts, symbols }) => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const c = counts[len];
      if (code - c < first) return symbols[index + (code - first)];
      index += c;
      first = (first + c) << 1;
      code <<= 1;
    }
    throw new Error('inflate: bad code');
  };
  const codes = (lit, dist) => {
    for (;;) {
      let sym = decode(lit);
      if (sym < 256) out.push(sym);
      else if (sym === 256) return;
      else {
        sym -= 257;
        if (sym >= 29) throw new Error('inflate: bad length');
        const len = LBASE[sym] + bits(LEXT[sym]);
        const ds = decode(dist);
        if (ds >= 30) throw new Error('inflate: bad distance');
        const d = DBASE[ds] + bits(DEXT[ds]);
        if (d > out.length) throw new Error('inflate: distance too far');
        for (let i = 0; i < len; i++) out.push(out[out.length - d]);
      }
      if (out.length > MAX_OUT) throw new Error('inflate: output too large');
    }
  };
  let last;
  do {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      buf = 0;
      cnt = 0;
      if (pos + 4 > data.length) throw new Error('inflate: truncated');
      const len = data[pos] | (data[pos + 1] << 8);
      if (len !== (~(data[pos + 2] | (data[pos + 3] << 8)) & 0xffff)) throw new Error('inflate: bad stored length');
      pos += 4;
      if (pos + len > data.length) throw new Error('inflate: truncated');
      for (let i = 0; i < len; i++) out.push(data[pos++]);
    } else if (type === 1) {
      const l = new Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
      codes(table(l), table(new Array(30).fill(5)));
    } else if (type === 2) {
      const nlen = bits(5) + 257;
      const ndist = bits(5) + 1;
      const ncode = bits(4) + 4;
      const cl = new Array(19).fill(0);
      for (let i = 0; i < ncode; i++) cl[CLORDER[i]] = bits(3);
      const clt = table(cl);
      const lengths = [];
      while (lengths.length < nlen + ndist) {
        const sym = decode(clt);
        if (sym < 16) lengths.push(sym);
        else {
          if (sym === 16 && lengths.length === 0) throw new Error('inflate: repeat with no length');
          const [v, n] = sym === 16 ? [lengths[lengths.length - 1], 3 + bits(2)] : sym === 17 ? [0, 3 + bits(3)] : [0, 11 + bits(7)];
          for (let i = 0; i < n; i++) lengths.push(v);
        }
      }
      if (lengths.length !== nlen + ndist) throw new Error('inflate: too many lengths');
      codes(table(lengths.slice(0, nlen)), table(lengths.slice(nlen)));
    } else throw new Error('inflate: bad block type');
  } while (!last);
  // The Adler-32 trailer starts at the next byte boundary.
  if (pos + 4 > data.length) throw new Error('inflate: missing adler32');
  let a = 1;
  let b = 0;
  for (const byte of out) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const want = ((data[pos] << 24) | (data[pos + 1] << 16) | (data[pos + 2] << 8) | data[pos + 3]) >>> 0;
  if (((b << 16) | a) >>> 0 !== want) throw new Error('inflate: adler32 mismatch');
  return Uint8Array.from(out);
}
