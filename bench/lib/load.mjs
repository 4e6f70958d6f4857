/**
 * @module bench/lib/load — loads OUR package from the built `dist/` (or `$BENCH_DIST`) and the
 * official `agora-token` 2.0.6 / `agora-access-token` 2.0.4 from node_modules, the same way
 * under Node, Deno and Bun.
 */

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import process from 'node:process';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute path of the dist directory the bench imports. */
export const distDir = path.resolve(root, process.env.BENCH_DIST ?? 'dist');

async function optional(file) {
  const full = path.join(distDir, file);
  if (!existsSync(full)) return undefined;
  return import(pathToFileURL(full).href);
}

/** Our entries; `legacy`/`legacySync` are undefined until the 006 entries are built. */
export async function loadOurs() {
  const sync = await optional('sync.js');
  const main = await optional('index.js');
  if (!sync || !main) {
    throw new Error(`bench: ${distDir}/index.js or sync.js is missing; run "npm run build" first`);
  }
  return { sync, main, legacy: await optional('legacy.js'), legacySync: await optional('legacy-sync.js') };
}

function version(name) {
  return require(`${name}/package.json`).version;
}

/** The official packages (CommonJS). */
export function loadOfficial() {
  return {
    token: require('agora-token'),
    token2: require('agora-token/src/AccessToken2'),
    tokenVersion: version('agora-token'),
    access: require('agora-access-token'),
    access006: require('agora-access-token/src/AccessToken'),
    accessVersion: version('agora-access-token'),
  };
}

/** Our package version, from package.json. */
export function ourVersion() {
  return require(path.join(root, 'package.json')).version;
}
