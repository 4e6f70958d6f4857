/** @module test/runtimes/node.cjs — Node runner: loads the packed package through `require` (CJS build). Args: entry keys. */
'use strict';

(async () => {
  const { runEntries } = await import('./entries.mjs');
  const loaded = [];
  process.exitCode = await runEntries(`node ${process.versions.node} (require, CJS build)`, process.argv[2] ?? '', (s) => {
    const lib = require(s);
    loaded.push(require.resolve(s));
    return lib;
  });
  // Prove the CJS files were what loaded (not the ESM build through require(esm)).
  for (const file of loaded) if (!file.endsWith('.cjs')) throw new Error(`require resolved ${file}, expected a .cjs file`);
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
