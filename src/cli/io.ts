/** @module cli/io — the CLI's streams, environment and colors (TTY only, NO_COLOR respected). */
/// <reference types="node" />

import process from 'node:process';

/** ANSI styles; identity functions when colors are off. */
export interface Colors {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** What a command may touch: output, environment, stdin. Injected so commands stay testable. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  colors: Colors;
}

const style = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

/**
 * Colors only when stdout is a terminal and NO_COLOR is unset or empty (no-color.org). FORCE_COLOR
 * decides when set, as Node reads it (tty getColorDepth): '', 1, 2, 3 or true turn colors on, even
 * for a pipe; any other value (0, false) turns them off, even on a terminal. TERM=dumb turns them off
 * on a terminal.
 */
export function useColors(env: Io['env'], isTTY: boolean): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  // A terminal that says it cannot show them (TERM=dumb: Emacs shells, some CI logs), as Node's getColorDepth.
  return isTTY && env['TERM'] !== 'dumb';
}

/** Colors on or off. */
export function colors(enabled: boolean): Colors {
  if (!enabled) return { red: plain, yellow: plain, green: plain, cyan: plain, dim: plain, bold: plain };
  return { red: style(31, 39), yellow: style(33, 39), green: style(32, 39), cyan: style(36, 39), dim: style(2, 22), bold: style(1, 22) };
}

/** The real process streams. */
export function processIo(): Io {
  return {
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    env: process.env,
    stdin: process.stdin,
    colors: colors(useColors(process.env, process.stdout.isTTY === true)),
  };
}

/**
 * Reads stdin as text (for `inspect -` and piped tokens), up to `maxChars`: undefined when there
 * is more (reading stops there rather than buffering a mistaken pipe of a large file).
 */
export async function readStdin(stdin: Io['stdin'], maxChars: number = 1 << 20): Promise<string | undefined> {
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) {
    text += chunk as string;
    if (text.length > maxChars) {
      (stdin as { destroy?: () => void }).destroy?.();
      return undefined;
    }
  }
  return text;
}
