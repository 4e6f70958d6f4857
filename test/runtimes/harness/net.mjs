/** @module test/runtimes/harness/net — free loopback ports and waiting for a server to answer. */

import { createServer } from 'node:net';

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers with any HTTP status; throws after `ms` or when `alive()` turns false. */
export async function waitForHttp(url, { ms = 20_000, alive = () => true } = {}) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`server for ${url} exited before answering`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${url} within ${ms} ms: ${last}`);
}
