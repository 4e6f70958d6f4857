/** @module test/runtimes/deno — Deno runner: imports the packed package by name from node_modules. Args: entry keys. */
import { runEntries } from './entries.mjs';

Deno.exit(await runEntries(`deno ${Deno.version.deno}`, Deno.args[0] ?? '', (s: string) => import(s)));
