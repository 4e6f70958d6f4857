/** @module core/inspectable — base class giving Node's util.inspect the object's toJSON() view. */

/**
 * The type of {@link Inspectable}, declared on its own (no code is emitted for it) so that the
 * declarations can name it without a type checker and its `toJSON` stays abstract there.
 */
declare abstract class InspectableModel {
  /** The public view, shown by `JSON.stringify` and `util.inspect`. */
  abstract toJSON(): Record<string, unknown>;
}

/**
 * Base of the token models: Node's `util.inspect` (even with `showHidden` and `getters`) shows
 * only what `toJSON()` returns, so a certificate held in a private field is never printed.
 *
 * The class is built in a pure IIFE because its method key is computed from a call
 * (`Symbol.for`): written as a plain class declaration, bundlers must keep it, and every class
 * extending it, even in bundles that never use them.
 *
 * @example
 * ```ts
 * class Model extends Inspectable {
 *   toJSON() { return { visible: true }; }
 * }
 * ```
 */
export const Inspectable: typeof InspectableModel = /* @__PURE__ */ (() => {
  abstract class Inspectable {
    /** The public view, shown by `JSON.stringify` and `util.inspect`. */
    abstract toJSON(): Record<string, unknown>;

    /** Node's `util.inspect` hook. */
    [Symbol.for('nodejs.util.inspect.custom')](): Record<string, unknown> {
      return this.toJSON();
    }
  }
  return Inspectable;
})();
