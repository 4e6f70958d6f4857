/**
 * @module core/text — UTF-8 through the runtime's TextEncoder/TextDecoder, made on first use.
 * Importing the package must not need them, and reading a token must work without a TextDecoder:
 * Hermes has none before React Native 0.85 (and the usual polyfill, fast-text-encoding, has no
 * `fatal` mode), and Jest's jsdom environment has neither. Reading ASCII text never calls them.
 */

/*
 * Read (not constructed) at import: Node 20 defines these globals lazily and installs each on its
 * first read, which throws once code has frozen globalThis (SES harden, Object.freeze after
 * importing us). A read here installs them first; where they are missing it reads undefined.
 */
const NativeEncoder = /* @__PURE__ */ (() => (typeof TextEncoder === 'function' ? TextEncoder : undefined))();
const NativeDecoder = /* @__PURE__ */ (() => (typeof TextDecoder === 'function' ? TextDecoder : undefined))();

let encoder: TextEncoder | undefined;
let plain: TextDecoder | undefined;
let strict: TextDecoder | null | undefined;

/**
 * The shared TextEncoder. Where the runtime has none this is the runtime's own ReferenceError
 * ("TextEncoder is not defined"), not a typed error: it is on the builders' path only for non-ASCII
 * text, and the builders' bundle has no bytes to spare (issue 4's 8 KB budget).
 */
export function textEncoder(): TextEncoder {
  return (encoder ??= new (NativeEncoder ?? TextEncoder)());
}

/** The shared non-fatal TextDecoder (base64 output, always ASCII); the runtime's ReferenceError where there is none, as above. */
export function asciiDecoder(): TextDecoder {
  return (plain ??= new (NativeDecoder ?? TextDecoder)());
}

/**
 * Decodes UTF-8 as Node's Buffer does, the official parse methods' reading: U+FFFD for invalid
 * bytes, a leading U+FEFF kept. Rare (text that is not UTF-8 in a token), so made per call, and
 * not in the builders' bundles. Undefined where the runtime has no TextDecoder: the caller then
 * refuses the text, so a parse method answers false rather than throwing a ReferenceError.
 */
export function decodeUtf8Loose(bytes: Uint8Array): string | undefined {
  const Decoder = NativeDecoder ?? (typeof TextDecoder === 'function' ? TextDecoder : undefined);
  return Decoder && new Decoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/**
 * A TextDecoder that refuses invalid UTF-8 and keeps a leading U+FEFF, or null where the runtime
 * has none that does both (see the module note).
 */
function fatalDecoder(): TextDecoder | null {
  try {
    const decoder = new (NativeDecoder ?? TextDecoder)('utf-8', { fatal: true, ignoreBOM: true });
    if (decoder.decode(Uint8Array.of(0xef, 0xbb, 0xbf)) === '\ufeff') {
      try {
        decoder.decode(Uint8Array.of(0xff));
      } catch {
        return decoder; // it does refuse invalid bytes
      }
    }
  } catch {
    // no TextDecoder, or one that refuses the `fatal` option
  }
  return null; // also for a polyfill that accepts `fatal` but decodes invalid bytes anyway
}

/**
 * Decodes UTF-8 as a fatal TextDecoder with `ignoreBOM` does, or returns `undefined` for invalid
 * bytes so callers can raise their own typed error. A leading U+FEFF is kept: in a token it is part
 * of the signed text (the official parsers keep it), not a byte-order mark.
 */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  if (strict === undefined) strict = fatalDecoder();
  if (strict === null) return decodeUtf8Js(bytes);
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Fatal UTF-8 decoding for runtimes without a usable TextDecoder, by decodeURIComponent over the
 * bytes as %XX escapes: ECMAScript's Decode accepts only well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing past U+10FFFF) and throws a URIError otherwise, which is the fatal rule. Far
 * smaller than a hand-written decoder; slower, and used only there. A leading U+FEFF is kept.
 */
export function decodeUtf8Js(bytes: Uint8Array): string | undefined {
  let escaped = '';
  for (let i = 0; i < bytes.length; i++) {
    escaped += (bytes[i]! < 16 ? '%0' : '%') + bytes[i]!.toString(16);
  }
  try {
    return decodeURIComponent(escaped);
  } catch {
    return undefined;
  }
}

/**
 * Characters a reader cannot see or that act on a terminal or a log: C0 and C1 controls (escape
 * sequences, CR/LF), DEL, bidi controls, zero-width characters and U+2028/U+2029 line breaks.
 */
export const UNPRINTABLE: RegExp = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Text for a human to read, with each character of UNPRINTABLE as a `\u{…}` escape. Token text is
 * whoever built the token's: printed as it is, a pasted token's channel name could clear a terminal
 * and draw a fake "signature valid", or forge log lines.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** The text without UNPRINTABLE's characters: what a reader sees of it. */
export function visibleText(text: string): string {
  return text.replace(UNPRINTABLE, '');
}
