/** @module cli/redact — keeps the secrets a user handed the CLI out of everything it prints. */

/**
 * A function replacing every occurrence of `secrets` (those of 8 characters or more: shorter text
 * is no secret worth hiding and would blank ordinary words) with `[redacted]`, in any letter case:
 * a hex certificate in another case is the same secret to anyone who reads the output. Each secret
 * also counts trimmed: a variable from a .env file with Windows line endings ends in "\r", a key
 * list may have spaces after its commas, and the value in use (and so in the output) is the trimmed one.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const needles = secrets.flatMap((s) => [s, s.trim()]).filter((s) => s.length >= 8).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (needles.length === 0) return (text) => text;
  const pattern = new RegExp(needles.join('|'), 'gi');
  return (text) => text.replace(pattern, '[redacted]');
}
