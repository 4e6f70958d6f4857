/**
 * @module sign/run — drivers that run a pipeline on a backend, with a small bounded memo for
 * steps that repeat (the first link of the 007 key chain depends only on issueTs and certificate).
 */

import type { AsyncBackend, CryptoStep, Pipeline, SyncBackend } from './types.ts';

const MEMO_LIMIT = 16;
const memo = new Map<string, Uint8Array>();

function remember(key: string, value: Uint8Array): void {
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, value);
}

/** Runs a pipeline synchronously. */
export function runSync<T>(pipeline: Pipeline<T>, backend: SyncBackend): T {
  let next = pipeline.next();
  while (!next.done) {
    next = pipeline.next(stepSync(next.value, backend) as Uint8Array & boolean);
  }
  return next.value;
}

function stepSync(step: CryptoStep, backend: SyncBackend): Uint8Array | boolean {
  if (step.op === 'verify') return backend.verify(step.key, step.message, step.mac);
  if (step.cacheKey === undefined) return backend.hmac(step.key, step.message);
  const hit = memo.get(step.cacheKey);
  if (hit) return hit;
  const value = backend.hmac(step.key, step.message);
  remember(step.cacheKey, value);
  return value;
}

/**
 * Runs a pipeline on an async backend. Steps are awaited inline (no helper async function per
 * step) and a memo hit continues without awaiting, so the only promise hops are Web Crypto's own.
 */
export async function runAsync<T>(pipeline: Pipeline<T>, backend: AsyncBackend): Promise<T> {
  let next = pipeline.next();
  while (!next.done) {
    const step = next.value;
    let result: Uint8Array | boolean;
    if (step.op === 'verify') {
      result = await backend.verify(step.key, step.message, step.mac);
    } else if (step.cacheKey === undefined) {
      result = await backend.hmac(step.key, step.message);
    } else {
      const hit = memo.get(step.cacheKey);
      if (hit) {
        result = hit;
      } else {
        result = await backend.hmac(step.key, step.message);
        remember(step.cacheKey, result);
      }
    }
    next = pipeline.next(result as Uint8Array & boolean);
  }
  return next.value;
}
