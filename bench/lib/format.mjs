/**
 * @module bench/lib/format — plain-text tables and number formatting for the bench output.
 */

/** 12345.6 -> "12,346"; small numbers keep some digits. */
export function num(value, digits = 0) {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** µs with a precision that suits the magnitude. */
export function us(value) {
  return num(value, value < 10 ? 2 : value < 100 ? 1 : 0);
}

/** 0.0123 -> "1.2%". */
export function pct(value, digits = 1) {
  return `${(value * 100).toFixed(digits)}%`;
}

/** A ratio as "5.23x". */
export function ratio(value) {
  return `${value.toFixed(value < 10 ? 2 : 1)}x`;
}

/**
 * Renders rows (arrays of cells) as an aligned text table. `align` holds 'l' or 'r' per column.
 * @param {string[]} header
 * @param {(string | number)[][]} rows
 * @param {('l' | 'r')[]} align
 */
export function table(header, rows, align) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
