// Runs the `serve` command from source (the CLI's main.ts dispatches `serve` to the same function).
import { runServe } from '../../src/cli/serve.ts';

process.exitCode = await runServe(process.argv.slice(2));
