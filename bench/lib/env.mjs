/**
 * @module bench/lib/env — which runtime and machine a result comes from, and which
 * compressor/inflater the measured build uses (read from src/core/zlib.ts).
 */

import os from 'node:os';
import process from 'node:process';
import { readFileSync } from 'node:fs';

/** 'node' | 'deno' | 'bun'. */
export function runtimeName() {
  if (typeof globalThis.Deno !== 'undefined') return 'deno';
  if (typeof globalThis.Bun !== 'undefined') return 'bun';
  return 'node';
}

/** Runtime and engine versions, e.g. "Node 20.20.2 (V8 11.3.244.8-node.33)". */
export function runtimeVersion() {
  const name = runtimeName();
  if (name === 'deno') return `Deno ${globalThis.Deno.version.deno} (V8 ${globalThis.Deno.version.v8})`;
  if (name === 'bun') return `Bun ${globalThis.Bun.version} (JavaScriptCore${process.versions.webkit ? ` ${process.versions.webkit.slice(0, 12)}` : ''})`;
  return `Node ${process.versions.node} (V8 ${process.versions.v8})`;
}

/** CPU model, logical cores, memory, OS. */
export function machine() {
  const cpus = os.cpus();
  const model = (cpus[0]?.model ?? 'unknown CPU').trim();
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${model}, ${cpus.length} logical cores, ${gib} GiB RAM, ${os.platform()} ${os.release()} ${os.arch()}`;
}

/**
 * The import and re-export lines of <srcRoot>/src/core/zlib.ts: which deflate/inflate the build
 * under test uses (the compressor is re-exported, the inflater imported).
 */
export function zlibSeam(srcRoot) {
  try {
    const text = readFileSync(new URL('src/core/zlib.ts', srcRoot), 'utf8');
    return text.split('\n').filter((l) => /^(?:import|export) .* from /.test(l) && !l.includes('errors')).map((l) => l.trim().replace(/;$/, ''));
  } catch {
    return ['(src/core/zlib.ts not readable)'];
  }
}
