/**
 * @module server/body — reads a JSON request body with a hard byte limit: checks the media type
 * (415) and the declared length (413) before reading, then stops reading at the limit (413)
 * instead of buffering whatever a client sends.
 */

import { decodeUtf8Strict } from '../core/text.ts';
import { HttpError } from './respond.ts';
import { BODY, type Carrier } from './adapter-protocol.ts';

const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'ERR_PAYLOAD_TOO_LARGE', `body: larger than ${limit} bytes`, { field: 'body' });
}

/** Requires `Content-Type: application/json` (optionally `; charset=utf-8`). */
function assertJsonContentType(request: Request): void {
  const type = request.headers.get('content-type');
  if (type === null || !JSON_TYPE.test(type.trim())) {
    throw new HttpError(415, 'ERR_UNSUPPORTED_MEDIA_TYPE', 'content-type: expected application/json', { field: 'content-type' });
  }
}

/**
 * Reads the body as bytes, failing with 413 as soon as it passes `limit` bytes (or when its
 * Content-Length says it would). Any message with headers and a body stream works: the CLI reads
 * its forward-auth replies (a fetch Response) through it too.
 */
export async function readBodyBytes(request: Pick<Request, 'headers' | 'body'>, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    if (!/^\d{1,15}$/.test(declared)) throw new HttpError(400, 'ERR_BAD_REQUEST', 'content-length: not a valid length', { field: 'content-length' });
    if (Number(declared) > limit) throw tooLarge(limit);
  }
  const attached = (request as Carrier)[BODY];
  if (attached === null || (attached !== undefined && attached.byteLength > limit)) throw tooLarge(limit);
  if (attached !== undefined) return attached;
  if (request.body === null) return new Uint8Array(0);
  // Middleware that read the body first (Hono's c.req.json(), say) leaves it used: say so to onError
  // rather than let getReader() throw "ReadableStream is locked" (still a 500: the app's wiring).
  if ((request as { bodyUsed?: boolean }).bodyUsed) throw new Error('request body already read: pass an unread Request (clone it first)');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) throw tooLarge(limit);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'ERR_BAD_REQUEST', 'body: could not be read', { field: 'body' });
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/**
 * Reads and parses a JSON object body. Invalid UTF-8, invalid JSON and non-object JSON are 400s;
 * the parse error text is not echoed (it may quote the body).
 */
export async function readJsonObject(request: Request, limit: number): Promise<Record<string, unknown>> {
  assertJsonContentType(request);
  const bytes = await readBodyBytes(request, limit);
  const text = decodeUtf8Strict(bytes);
  let value: unknown;
  try {
    if (text === undefined) throw new SyntaxError('not UTF-8');
    value = JSON.parse(text.replace(/^\uFEFF/, '')); // a byte-order mark, as Request.json() drops it
  } catch {
    throw new HttpError(400, 'ERR_INVALID_JSON', 'body: not valid UTF-8 JSON', { field: 'body' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'ERR_INVALID_JSON', 'body: expected a JSON object', { field: 'body' });
  }
  return value as Record<string, unknown>;
}
