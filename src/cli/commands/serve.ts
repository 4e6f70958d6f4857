/** @module cli/commands/serve — `serve`: delegates to the token server command in `cli/serve.ts`. */

import type { Command } from '../command.ts';

/** `serve` (its own --help lives in cli/serve.ts). Loaded lazily so other commands start fast. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'run a token server (agora-token-service compatible HTTP API); see serve --help',
  help: 'agora-token-kit serve — run a token server. Run "agora-token-kit serve --help" for its options.',
  async run(argv) {
    const { runServe } = await import('../serve.ts');
    return runServe(argv);
  },
};
