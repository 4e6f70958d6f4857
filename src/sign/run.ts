/**
 * @module sign/run — drivers that run a pipeline on a backend. Steps are plain HMAC or verify
 * requests; anything worth caching is cached by the pipeline itself (token/signing.ts).
 */

import type { AsyncBackend, Pipeline, SyncBackend } from './types.ts';

/** Runs a pipeline synchronously. */
export function runSync<T>(pipeline: Pipeline<T>, backend: SyncBackend): T {
  let next = pipeline.next();
  while (!next.done) {
    const step = next.value;
    const result = step.op === 'verify' ? backend.verify(step.key, step.message, step.mac) : backend.hmac(step.key, step.message, step.longLivedKey);
    next = pipeline.next(result as Uint8Array & boolean);
  }
  return next.value;
}

/**
 * Runs the pipeline `make` returns on an async backend. `make` runs inside this async function, so
 * a bad argument found while making the pipeline rejects the promise instead of throwing at the
 * call, as callers of an async API expect. Steps are awaited inline, an HMAC's two Web Crypto calls
 * included (no helper async function per step), so the only promise hops are Web Crypto's own.
 */
export async function runAsync<T>(make: () => Pipeline<T>, backend: AsyncBackend): Promise<T> {
  const pipeline = make();
  let next = pipeline.next();
  while (!next.done) {
    const step = next.value;
    const result =
      step.op === 'verify'
        ? await backend.verify(step.key, step.message, step.mac)
        : new Uint8Array(await backend.sign(await backend.signingKey(step.key), step.message));
    next = pipeline.next(result as Uint8Array & boolean);
  }
  return next.value;
}
