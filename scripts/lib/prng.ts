/**
 * @module scripts/lib/prng — mulberry32, the small seeded PRNG every fuzzer, oracle and
 * randomized test here uses, so a failure can be replayed from its seed.
 */

/** mulberry32 seeded with `seed`: each call returns the next uint32. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** The same sequence scaled into [0, 1), like Math.random. */
export function mulberry32Unit(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}
