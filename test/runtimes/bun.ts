/** @module test/runtimes/bun — Bun runner: imports the packed package by name from node_modules. Args: entry keys. */
import { runEntries } from './entries.mjs';

process.exit(await runEntries(`bun ${Bun.version}`, Bun.argv[2] ?? '', (s: string) => import(s)));
