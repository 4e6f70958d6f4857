/** @module test/helpers/thrown — the message a call throws, for tests that compare error texts. */

/** Runs `call` and returns the message it threw, or 'no error' when it returned. */
export function thrownMessage(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}
