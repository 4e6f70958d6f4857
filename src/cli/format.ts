/** @module cli/format — human-readable text for inspected tokens and findings. */

import type { Finding } from '../inspect/findings.ts';
import { CLOCK_SKEW_SECONDS, formatDuration, relative } from '../inspect/time.ts';
import type { InspectedPrivilege, InspectedService, InspectedToken } from '../inspect/types.ts';
import { printable, UNPRINTABLE } from '../core/text.ts';
import type { Colors } from './io.ts';

const pad = (label: string) => `  ${label.padEnd(11)}`;

function when(c: Colors, at: number | null, iso: string | null, left: number | null): string {
  if (at === null || iso === null || left === null) return c.dim('—');
  const rel = relative(left);
  return `${iso} ${left > 0 ? c.dim(`(${rel})`) : c.red(`(${rel.replace(/ago$/, 'ago, expired')})`)}`;
}

function privilegeLine(c: Colors, p: InspectedPrivilege, version: '007' | '006', previousNote: string | undefined): string {
  const name = (p.name ?? `#${p.id}`).padEnd(20);
  const raw = version === '007' ? `${p.value}s after issue` : p.value === 0 ? '0' : `at unix ${p.value}`;
  // A note shared by consecutive privileges is printed once.
  const note = p.note && p.note !== previousNote ? `\n${' '.repeat(27)}${c.yellow(p.note)}` : p.note ? c.dim('  (same)') : '';
  return `      ${name} ${raw.padEnd(18)} → ${when(c, p.expiresAt, p.expiresAtIso, p.secondsLeft)}${note}`;
}

function serviceBlock(c: Colors, s: InspectedService, version: '007' | '006'): string[] {
  const head = `  ${c.bold(s.name.toUpperCase().padEnd(9))} ${s.summary}`;
  const lines = [head, `      ${c.dim(`for: ${s.usedFor}`)}`];
  if (s.privileges.length === 0) lines.push(`      ${c.dim('no privileges (the token expiry applies)')}`);
  s.privileges.forEach((p, i) => lines.push(privilegeLine(c, p, version, s.privileges[i - 1]?.note)));
  lines.push(`      ${c.dim(`works until ${s.expiresAtIso} (limited by ${s.limitedBy})`)}`);
  return lines;
}

/** Issued after the time checked, by more than clock skew explains (the inspect header and build warnings). */
export function issuedInFuture(info: InspectedToken): boolean {
  return info.issuedAt !== null && info.issuedAt - info.now > CLOCK_SKEW_SECONDS;
}

/** The `inspect` report. */
export function formatInspected(info: InspectedToken, c: Colors): string {
  const title = info.version === '007' ? 'AccessToken2 (007)' : 'AccessToken (006)';
  // Inspect reads times only: the signature is verify's and diagnose's job, so never say "valid".
  const state = info.expired
    ? c.red(`EXPIRED ${formatDuration(-info.secondsLeft)} ago`)
    : info.effectiveSecondsLeft <= 0
      ? c.red(`a privilege has expired (${info.limitedBy})`)
      : issuedInFuture(info)
        ? c.yellow(`not yet valid: issued ${formatDuration(info.issuedAt! - info.now)} after the time checked`)
        : c.green(`not expired, usable for ${formatDuration(info.effectiveSecondsLeft)} (signature not checked: use verify)`);
  // The App ID is token text (a hand-packed token's need not be hex): printable, as the summaries.
  const lines = [`${c.bold(title)}  ${state}`, `${pad('App ID')}${printable(info.appId)}`];
  if (info.issuedAt !== null) lines.push(`${pad('Issued')}${info.issuedAtIso} ${c.dim(`(${relative(info.issuedAt - info.now)})`)}`);
  lines.push(`${pad('Expires')}${when(c, info.expiresAt, info.expiresAtIso, info.secondsLeft)}${info.lifetimeSeconds !== null ? c.dim(`  lifetime ${formatDuration(info.lifetimeSeconds)}`) : ''}`);
  if (info.limitedBy !== 'token') lines.push(`${pad('Effective')}${when(c, info.effectiveExpiresAt, info.effectiveExpiresAtIso, info.effectiveSecondsLeft)} ${c.dim(`limited by ${info.limitedBy}`)}`);
  lines.push(`${pad('Salt')}${info.salt}`, `${pad('Signature')}${c.dim(info.signature)}`, `${pad('Checked at')}${c.dim(info.nowIso)}`, '');
  if (info.services.length === 0) lines.push(c.red('  no services: this token grants nothing'));
  for (const s of info.services) lines.push(...serviceBlock(c, s, info.version), '');
  // Notes speak the library's API; here the same step is a command, with the flags of its service.
  const compare = info.services.some((s) => s.name === 'rtm') ? '--account <name>' : '--channel <name> --uid <n>';
  for (const n of info.notes) lines.push(`  ${c.yellow('note:')} ${n.replace('give them to diagnoseToken', `give them to agora-token-kit diagnose <token> ${compare}`)}`);
  return lines.join('\n').replace(/\n+$/, '');
}

const MARK = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

/** The `diagnose` report. */
export function formatFindings(findings: Finding[], c: Colors, strict = false): string {
  const paint = { error: c.red, warning: c.yellow, info: c.cyan };
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${paint[f.severity](`${MARK[f.severity]} ${f.severity.padEnd(7)}`)} ${c.bold(f.code)}`, `  ${f.message}`, `  ${c.dim('fix:')} ${f.fix}`, '');
  }
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const [e, w, i] = [count('error'), count('warning'), count('info')];
  const verdict = e > 0
    ? c.red('Agora will reject this token for the use you described.')
    : w > 0
      ? strict ? c.red('No blocking problem found, but --strict counts the warnings as failures.') : c.yellow('No blocking problem found, but see the warnings.')
      : c.green('No problem found.');
  lines.push(`${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${i} info — ${verdict}`);
  return lines.join('\n');
}

/**
 * JSON for the terminal or a pipe: JSON.stringify escapes C0 controls but leaves DEL, C1 controls,
 * bidi and zero-width characters raw, which a terminal acts on; those of UNPRINTABLE are written as
 * \u escapes too (the same JSON value, so a parser reads the token's text unchanged). The C0
 * characters left in its output are the layout's own line breaks, kept.
 */
export function jsonText(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(UNPRINTABLE, (c) => (c < ' ' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

