/**
 * @module test/runtimes/prng — mulberry32, the small seeded PRNG every fuzzer, oracle and
 * randomized test here uses, so a failure can be replayed from its seed. It lives with the
 * portable runtime suite, which runs untranspiled in browsers, workerd and edge VMs and is
 * copied alone into the packed-tarball project; scripts/lib/prng.ts re-exports it for the rest.
 */

/**
 * mulberry32 seeded with `seed`: each call returns the next uint32.
 * @param {number} seed
 * @returns {() => number}
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * The same sequence scaled into [0, 1), like Math.random.
 * @param {number} seed
 * @returns {() => number}
 */
export function mulberry32Unit(seed) {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}
