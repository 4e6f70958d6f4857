// A real token server on 127.0.0.1 with an ephemeral port (src build, node:http adapter), plus
// small HTTP helpers, shared by the server, hardening and browser tests.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { IssueEvent, TokenHandlerOptions } from '../../src/server.ts';
import { serve, type RunningServer, type ServeOptions } from '../../src/server-node.ts';

export const APP_ID = '970ca35de60c44645bbae8a215061b33';
export const CERT = '5cfd2fd1755d40ecb72977518be15d3b';
export const OTHER_CERT = 'f2c1b0a9e8d7c6b5a4f3e2d1c0b9a8f7';

export interface TestServer extends RunningServer {
  issued: IssueEvent[];
}

/** Starts a server; every issued-token event is recorded in `issued`. */
export async function startTokenServer(options: Partial<TokenHandlerOptions> & Partial<ServeOptions> = {}): Promise<TestServer> {
  const issued: IssueEvent[] = [];
  const userOnIssue = options.onIssue;
  const running = await serve({
    appId: APP_ID,
    appCertificate: CERT,
    ...(options.authorize ? {} : { insecureAllowAnyone: true }),
    ...options,
    port: 0,
    host: '127.0.0.1',
    onIssue: async (event) => {
      issued.push(event);
      await userOnIssue?.(event);
    },
  });
  return Object.assign(running, { issued });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request through node:http, for what fetch cannot send (GET bodies, chunked overflows, odd headers). */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string | string[]>; body?: string | Buffer | Buffer[]; path?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // `path` is sent as written (a URL string would have its dot segments resolved first).
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, ...(options.path === undefined ? {} : { path: options.path }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const body = options.body;
    if (Array.isArray(body)) for (const part of body) req.write(part);
    else if (body !== undefined) req.write(body);
    req.end();
  });
}

/** POSTs JSON. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/**
 * Writes raw bytes (a string as latin1) to 127.0.0.1:port and reads until the server closes the
 * connection, for requests no HTTP client sends (HTTP/1.0, no Host, header floods, malformed lines).
 */
export function sendRaw(port: number, data: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data));
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      let body = rest.join('\r\n\r\n');
      if (headers['transfer-encoding'] === 'chunked') body = body.replace(/^[0-9a-f]+\r\n/i, '').replace(/\r\n0\r\n\r\n$/, '');
      resolve({ status, headers, body });
    });
  });
}
