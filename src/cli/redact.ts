/** @module cli/redact — keeps the secrets a user handed the CLI out of everything it prints. */

/**
 * A function replacing every occurrence of `secrets` (those of 8 characters or more: shorter text
 * is no secret worth hiding and would blank ordinary words) with `[redacted]`, in any letter case:
 * a hex certificate in another case is the same secret to anyone who reads the output.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const needles = secrets.filter((s) => s.length >= 8).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (needles.length === 0) return (text) => text;
  const pattern = new RegExp(needles.join('|'), 'gi');
  return (text) => text.replace(pattern, '[redacted]');
}
