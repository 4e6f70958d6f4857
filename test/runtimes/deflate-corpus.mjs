/**
 * @module test/runtimes/deflate-corpus — issue 7's exactness in every runtime: tokens whose payloads
 * span the sizes a 007 token can have (~120 bytes up to the 32 KiB payload cap) and the kinds of
 * content that take different zlib paths: printable text (mostly literals; past ~16 KiB more than
 * one block, as zlib flushes every 16383 symbols), multi-byte UTF-8 (wide literal alphabets),
 * low-entropy runs (long matches) and repeats copied from up to 32 KiB back (every distance code).
 *
 * Each case is made here from its index with a seeded generator, so Node and every other runtime
 * build the same token from the same inputs. deflate-corpus-expected.mjs holds, per case, the
 * SHA-256 of the token that canonical zlib gives: the OFFICIAL agora-token builds the same token,
 * its payload is inflated and compressed again by pako with `legacyHash` (zlib 1.2.13 output), see
 * scripts/generate-deflate-corpus.mjs; test/deflate-corpus.test.ts checks that file against those
 * oracles on every run. Portable: no `node:*`, no framework, plain ESM that browsers run as is.
 */

import { mulberry32Unit } from './prng.mjs';

export const CORPUS_CASES = 48;
export const CORPUS_APP_ID = '970CA35de60c44645bbae8a215061b33';
export const CORPUS_CERT = '5CFd2fd1755d40ecb72977518be15d3b';
export const CORPUS_ISSUE_TS = 1_700_000_000;
export const CORPUS_EXPIRE = 3600;
/** Largest resource in bytes: with the rest of the payload (~120 bytes) it stays under the 32768-byte cap. */
export const CORPUS_MAX_BYTES = 32_600;
const KINDS = ['printable', 'unicode', 'low-entropy', 'repeats'];
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** UTF-8 length of code point `cp`. */
const utf8Length = (cp) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/**
 * Case `i`: its kind, the resource's target size in UTF-8 bytes, and the resource text.
 * Sizes: cases 0-15 up to 400 bytes, 16-35 400-8000, 36-43 8000 up to CORPUS_MAX_BYTES, log-uniform
 * within each band; the last four (one of each kind) 3000, 2000, 1000 and 0 bytes below that maximum.
 */
export function corpusCase(i) {
  const rand = mulberry32Unit(0xdef1a7e + i);
  const kind = KINDS[i % KINDS.length];
  const band = i < 16 ? [1, 400] : i < 36 ? [400, 8000] : [8000, CORPUS_MAX_BYTES];
  const fromTop = CORPUS_CASES - 1 - i;
  const bytes = fromTop < 4 ? CORPUS_MAX_BYTES - 1000 * fromTop : Math.round(band[0] * (band[1] / band[0]) ** rand());
  return { index: i, kind, bytes, text: makeText(kind, bytes, rand) };
}

/** Text of at most `bytes` UTF-8 bytes (exactly that many for the ASCII kinds). */
function makeText(kind, bytes, rand) {
  const int = (n) => Math.floor(rand() * n);
  const parts = [];
  let size = 0;
  if (kind === 'unicode') {
    for (;;) {
      // 2-, 3- and 4-byte sequences (no surrogates), and some ASCII between them.
      const r = rand();
      const cp = r < 0.2 ? 0x20 + int(95) : r < 0.5 ? 0x80 + int(0x780) : r < 0.8 ? 0x800 + int(0xd000) : 0x10000 + int(0x100000);
      const n = utf8Length(cp);
      if (size + n > bytes) break;
      parts.push(String.fromCodePoint(cp));
      size += n;
    }
    return parts.join('');
  }
  if (kind === 'low-entropy') {
    const alphabet = 'ab'.slice(0, 1 + int(2)) + 'c';
    while (size < bytes) {
      const run = Math.min(bytes - size, 1 + int(rand() < 0.1 ? 600 : 12));
      parts.push(alphabet[int(alphabet.length)].repeat(run));
      size += run;
    }
    return parts.join('');
  }
  // printable, repeats: ASCII, so one char is one byte.
  let text = '';
  while (text.length < bytes) {
    const left = bytes - text.length;
    if (kind === 'repeats' && text.length > 16 && rand() < 0.6) {
      // Copy 3..300 chars from up to 32 KiB back (zlib's window), overlapping copies included.
      const distance = 1 + int(Math.min(text.length, 32_768));
      const length = Math.min(left, 3 + int(rand() < 0.2 ? 298 : 30));
      let copy = '';
      for (let k = 0; k < length; k++) copy += (copy.length < distance ? text[text.length - distance + k] : copy[k - distance]);
      text += copy;
    } else {
      const length = Math.min(left, 1 + int(kind === 'repeats' ? 20 : 4096));
      let chunk = '';
      for (let k = 0; k < length; k++) chunk += PRINTABLE[int(95)];
      text += chunk;
    }
  }
  return text;
}

/**
 * Builds case `c` with an entry's AccessToken2 (a string on sync entries and the official
 * package, a Promise on async ones): fixed issue time and salt, one RTM2 service whose single
 * resource is the case's text.
 */
export function corpusToken(lib, c) {
  // (appId, appCertificate, issueTs, expire): the official package's constructor, and ours.
  const token = new lib.AccessToken2(CORPUS_APP_ID, CORPUS_CERT, CORPUS_ISSUE_TS, CORPUS_EXPIRE);
  token.salt = 1 + c.index;
  const permissions = new lib.Rtm2Permissions();
  permissions.add(lib.Rtm2Permissions.kMessageChannels, lib.Rtm2Permissions.kRead, [c.text]);
  const service = new lib.ServiceRtm2(`corpus-user-${c.index}`, permissions);
  service.add_privilege(1, CORPUS_EXPIRE);
  token.add_service(service);
  return token.build();
}

/** Lowercase hex SHA-256 of a string's UTF-8 bytes (Web Crypto: present in every runtime tested). */
export async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
