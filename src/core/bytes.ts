/** @module core/bytes — UTF-8 encoding, hex, concatenation and constant-time comparison over Uint8Array. */

import { textEncoder } from './text.ts';

/** UTF-8 bytes of a string (unpaired surrogates become U+FFFD, as Node's Buffer.from does). */
export function utf8(text: string): Uint8Array {
  // ASCII (ids, channels, accounts) is copied by hand: TextEncoder has ~1 µs of fixed cost per call
  // in Node, and a runtime without one (QuickJS, Jest's jsdom) then needs it only for other text.
  const n = text.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return textEncoder().encode(text);
    out[i] = c;
  }
  return out;
}

let lastCertificateText = '';
let lastCertificateBytes: Uint8Array = /* @__PURE__ */ new Uint8Array(0);

/**
 * UTF-8 bytes of the App Certificate (an HMAC key or message), memoised for the last text: a server
 * signs thousands of tokens with one certificate. The result is shared: read it, never write it.
 */
export function certificateBytes(text: string): Uint8Array {
  if (text !== lastCertificateText) {
    lastCertificateBytes = utf8(text);
    lastCertificateText = text;
  }
  return lastCertificateBytes;
}

const HEX = '0123456789abcdef';

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out += HEX[b >> 4]! + HEX[b & 15]!;
  }
  return out;
}

/** Concatenates byte arrays into a new one. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Compares two byte arrays in time that depends only on their lengths, never on where they
 * differ, so a signature check leaks nothing about how close a forgery came.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
