import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Library entries: platform-neutral ESM + CJS with declarations (one shared chunk per format,
// so AgoraTokenError is one class across entries). @noble/hashes is bundled (only hmac, sha256
// and md5 are used) so the package has no runtime dependencies and the CJS build does not rely
// on require(esm). The CLI is a separate Node build.
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

export default defineConfig([
  {
    entry: present(library),
    format: ['esm', 'cjs'],
    platform: 'neutral',
    target: 'es2022',
    dts: true,
    clean: true,
    splitting: true,
    treeshake: true,
    sourcemap: false,
    noExternal: ['@noble/hashes', 'fflate'],
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
          noExternal: ['@noble/hashes', 'fflate'],
          banner: { js: '#!/usr/bin/env node' },
          removeNodeProtocol: false,
        },
      ]
    : []),
]);
