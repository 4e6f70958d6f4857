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

/** A TextDecoder that refuses invalid UTF-8, or null where the runtime has none (see the module note). */
function fatalDecoder(): TextDecoder | null {
  try {
    const decoder = new (NativeDecoder ?? TextDecoder)('utf-8', { fatal: true });
    try {
      decoder.decode(Uint8Array.of(0xff));
    } catch {
      return decoder; // it does refuse invalid bytes
    }
  } catch {
    // no TextDecoder, or one that refuses the `fatal` option
  }
  return null; // also for a polyfill that accepts `fatal` but decodes invalid bytes anyway
}

/**
 * Decodes UTF-8 as a fatal TextDecoder does (a leading byte-order mark is dropped), or returns
 * `undefined` for invalid bytes so callers can raise their own typed error.
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
 * smaller than a hand-written decoder; slower, and used only there. The BOM is dropped as
 * TextDecoder drops it.
 */
export function decodeUtf8Js(bytes: Uint8Array): string | undefined {
  let escaped = '';
  for (let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; i < bytes.length; i++) {
    escaped += (bytes[i]! < 16 ? '%0' : '%') + bytes[i]!.toString(16);
  }
  try {
    return decodeURIComponent(escaped);
  } catch {
    return undefined;
  }
}
