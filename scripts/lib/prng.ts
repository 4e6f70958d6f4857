/**
 * @module scripts/lib/prng — mulberry32 for the fuzzers, oracles and randomized tests. The one
 * implementation is test/runtimes/prng.mjs, where the portable runtime suite (which cannot load
 * TypeScript in browsers) uses it too.
 */
export { mulberry32, mulberry32Unit } from '../../test/runtimes/prng.mjs';
