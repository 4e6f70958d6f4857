import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

// Library entries: platform-neutral ESM + CJS with declarations. Each entry is one self-contained
// file that shares only dist/errors.(c)js, so AgoraTokenError stays one class across entries
// (see sharedErrors; objects that cross entries are checked by shape, not instanceof). Why not
// shared chunks: Node's ESM loader pays per module file, and /sync used to load 7 of them; as one
// file, a fresh process imports it ~4 ms sooner (25 fresh processes each, alternating with the
// split build, as bench/cold-start.mjs spawns them: import 15.8 -> 11.8 ms median). The package
// has no runtime dependencies. The CLI is a separate Node build.
// Rollup (tsup's CJS step) warns that dist/sync.cjs and dist/legacy-sync.cjs mix named and default
// exports. That is intended: `require()` gives the named exports, as agora-token's and
// agora-access-token's modules do, and `.default` is the module object an ESM `import x from` gets
// (test/default-export.test.ts; attw checks every resolution mode). tsup offers no option to
// silence that one warning without silencing the whole build log.
const library: Record<string, string> = {
  index: 'src/index.ts',
  sync: 'src/sync.ts',
  legacy: 'src/legacy.ts',
  'legacy-sync': 'src/legacy-sync.ts',
  server: 'src/server.ts',
  'server-node': 'src/server-node.ts',
  errors: 'src/errors.ts',
};
const present = (entries: Record<string, string>) =>
  Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

const ERRORS_SOURCE = resolve('src/errors.ts');

/**
 * Resolves every import of src/errors.ts, except the errors entry itself, to the built
 * ./errors.js (ESM) or ./errors.cjs (CJS) beside the entry: the one module entries share.
 */
const sharedErrors: Plugin = {
  name: 'shared-errors',
  setup(build) {
    // tsup's format, from its TSUP_FORMAT define: with treeshake, esbuild itself always emits
    // ESM and rollup makes the CJS, so initialOptions.format does not tell.
    const file = build.initialOptions.define?.TSUP_FORMAT === '"cjs"' ? './errors.cjs' : './errors.js';
    build.onResolve({ filter: /\/errors(\.ts)?$/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const target = resolve(args.resolveDir, args.path.endsWith('.ts') ? args.path : `${args.path}.ts`);
      return target === ERRORS_SOURCE ? { path: file, external: true } : undefined;
    });
  },
};

export default defineConfig([
  {
    entry: present(library),
    format: ['esm', 'cjs'],
    platform: 'neutral',
    target: 'es2022',
    dts: true,
    clean: true,
    splitting: false,
    treeshake: true,
    esbuildPlugins: [sharedErrors],
    sourcemap: false,
    external: [/^node:/],
    // Keep `node:` specifiers: Deno and some bundlers need the prefix to resolve built-ins.
    removeNodeProtocol: false,
  },
  ...(existsSync('src/cli/main.ts')
    ? [
        {
          entry: { cli: 'src/cli/main.ts' },
          format: ['esm' as const],
          platform: 'node' as const,
          target: 'node20',
          clean: false,
          banner: { js: '#!/usr/bin/env node' },
          removeNodeProtocol: false,
        },
      ]
    : []),
]);
