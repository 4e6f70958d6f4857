/**
 * @module core/crc32 — IEEE CRC-32 (reflected 0xEDB88320, init and final XOR 0xFFFFFFFF), as 006 tokens store
 * for the channel name and uid (SPEC 1.4). Hand-written: a 256-entry table is smaller than any dependency.
 */

const TABLE = /* @__PURE__ */ (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of bytes as an unsigned 32-bit integer. `crc32(utf8('123456789')) === 0xCBF43926`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
