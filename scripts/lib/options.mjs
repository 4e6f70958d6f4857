/**
 * @module scripts/lib/options — the `--name value` command lines of the differential scripts. A
 * misspelt option or a value that is not a number ends the run with one line naming it (exit 2),
 * not a stack trace, as the other scripts do. Runs under Node, Deno and Bun.
 */

/**
 * Reads `--name value` pairs over `defaults`: numbers, except the names in `text`, kept as given.
 * @param {string} script the script's name, for the message
 * @param {string[]} argv the arguments after the script
 * @param {Record<string, unknown>} defaults every option the script knows, with its default
 * @param {string[]} [text] options whose value is text
 */
export function parseOptions(script, argv, defaults, text = []) {
  const o = { ...defaults };
  const known = Object.keys(defaults).map((k) => `--${k}`).join(' ');
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!argv[i].startsWith('--') || !(key in o)) usage(script, `unknown option ${argv[i]} (known: ${known})`);
    if (text.includes(key)) o[key] = argv[i + 1];
    else if (!Number.isInteger((o[key] = Number(argv[i + 1])))) usage(script, `${argv[i]} needs an integer`);
  }
  return o;
}

function usage(script, message) {
  console.error(`${script}: ${message}`);
  if (globalThis.process?.exit) globalThis.process.exit(2);
  globalThis.Deno.exit(2);
}
