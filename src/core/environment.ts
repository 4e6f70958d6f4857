/**
 * @module core/environment — refuses to build tokens on a browser main thread, where the App
 * Certificate would ship to every visitor. Decoding and inspecting stay allowed everywhere.
 */

import { AgoraTokenError } from '../errors.ts';

/*
 * The switch lives in the global symbol registry, not in a module variable: every entry point is
 * a self-contained file with its own copy of this module, and the switch is for the whole page
 * (see tsup.config.ts). Symbol.for gives every copy the same key.
 */
const ALLOW_KEY = Symbol.for('agora-token-kit.dangerouslyAllowBrowserBuilds');
type Flags = { [ALLOW_KEY]?: boolean };

/**
 * Allows building tokens in a browser page for the rest of this page's life (or until called
 * with `false`). Only for demos and local tools: any certificate in a page is readable by
 * everyone who loads it. The switch is page-wide: every entry point of this package (and any
 * other copy of it on the page) reads the same one.
 *
 * @throws AgoraTokenError `ERR_NOT_SUPPORTED` when globalThis is frozen (SES `harden`): pass
 * `dangerouslyAllowBrowser: true` to each build there.
 * @example
 * ```ts
 * import { dangerouslyAllowBrowserBuilds } from 'agora-token-kit';
 * dangerouslyAllowBrowserBuilds(); // local demo page only
 * ```
 */
export function dangerouslyAllowBrowserBuilds(allow = true): void {
  if (((globalThis as Flags)[ALLOW_KEY] === true) === (allow === true)) return; // nothing to change (a frozen global too)
  try {
    (globalThis as Flags)[ALLOW_KEY] = allow === true;
  } catch {
    // A frozen globalThis (SES harden, Object.freeze) refuses the write with a bare TypeError.
    throw new AgoraTokenError(
      'ERR_NOT_SUPPORTED',
      'dangerouslyAllowBrowserBuilds: globalThis is frozen, so the page-wide switch cannot be set; pass dangerouslyAllowBrowser: true to the build instead',
    );
  }
}

/** True on a browser window's main thread (not in workers, Deno, Bun, Node, edge runtimes). */
export function isBrowserMainThread(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown };
  // window === globalThis already makes window a non-null object.
  return g.window === globalThis && typeof g.document === 'object';
}

/** Throws ERR_UNSAFE_ENVIRONMENT on a browser main thread or in a React Native app unless building there was explicitly allowed. */
export function assertBuildEnvironment(dangerouslyAllowBrowser: unknown = false): void {
  // Only the boolean true opens the guard: a string such as 'false' read from config must not.
  // A React Native app ships the certificate inside every install, as a page does to every visitor
  // (React Native sets navigator.product to 'ReactNative'; it has no document).
  const app = (globalThis as { navigator?: { product?: unknown } }).navigator?.product === 'ReactNative';
  if (dangerouslyAllowBrowser === true || !(app || isBrowserMainThread()) || (globalThis as Flags)[ALLOW_KEY] === true) return;
  throw new AgoraTokenError(
    'ERR_UNSAFE_ENVIRONMENT',
    `building tokens in a ${app ? 'React Native app' : 'browser page'} ships your App Certificate to every user: build them on a server ` +
      '(local demos: dangerouslyAllowBrowser: true or dangerouslyAllowBrowserBuilds())',
  );
}
