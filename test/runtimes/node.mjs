/** @module test/runtimes/node.mjs — Node runner: loads the packed package through `import`. Args: entry keys. */
import { runEntries } from './entries.mjs';

process.exitCode = await runEntries(`node ${process.versions.node} (import, ESM build)`, process.argv[2] ?? '', (s) => import(s));
