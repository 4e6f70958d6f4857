/// <reference types="node" />
/**
 * @module server/node-response — writes a fetch `Response` to a `node:http` response for the Node
 * adapter (server/node.ts), and the adapter's own answer when the handler could not run.
 */

import type { ServerResponse } from 'node:http';
import { BodyTooLarge } from './node-request.ts';
import { errorResponse, HttpError, serializedBody } from './respond.ts';

/** Writes status, headers (Set-Cookie as a list) and body; a HEAD request gets no body. */
export async function writeResponse(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  res.statusCode = response.status;
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  const text = serializedBody(response);
  if (response.body === null || head) {
    if (response.body !== null && text === undefined) await response.body.cancel();
    res.end();
    return;
  }
  if (text !== undefined) {
    res.setHeader('content-length', Buffer.byteLength(text));
    res.end(text);
    return;
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  res.setHeader('content-length', bytes.byteLength);
  res.end(bytes);
}

/** The adapter's own answer when the handler could not run: 413 for a body too large, 500 otherwise, or a destroyed socket once headers went out. */
export function fallback(res: ServerResponse, error: unknown): Promise<void> {
  if (res.headersSent) {
    res.destroy();
    return Promise.resolve();
  }
  if (error instanceof BodyTooLarge) {
    const tooLarge = errorResponse(new HttpError(413, 'ERR_PAYLOAD_TOO_LARGE', `body: larger than ${error.limit} bytes`, { field: 'body' }));
    if (error.closeConnection) res.setHeader('connection', 'close');
    return writeResponse(res, tooLarge, false);
  }
  const http = error instanceof HttpError ? error : new HttpError(500, 'ERR_INTERNAL', 'internal error');
  return writeResponse(res, errorResponse(http), false);
}
