/**
 * @module scripts/fuzz/cases — the mutation classes with their weights, the crafted hostile
 * inputs that need no seed mutation (zlib bombs, oversized text, values that are not strings),
 * and the deterministic case factory: case `i` of seed `S` is always the same input.
 */

import { deflateSync } from 'node:zlib';
import { buildSeeds } from './seeds.mjs';
import { payload, rngFor, stream, structure, text } from './mutators.mjs';

const MiB = 1024 * 1024;

/** Zlib streams that inflate far past the payload cap; built once per process. */
function makeBombs(seeds, maxPayload, maxTokenLength) {
  const base = seeds.s007[0].content;
  const out = [];
  for (const size of [maxPayload + 1, 64 * 1024, MiB, 8 * MiB, 30 * MiB]) {
    const content = new Uint8Array(size);
    if (size < 30 * MiB) content.set(base); // a real token header followed by a flood of zeros
    const z = deflateSync(content, { level: 9 });
    const token = '007' + Buffer.from(z).toString('base64');
    if (token.length <= maxTokenLength) out.push({ size, z });
  }
  // Same flood, stored as many fixed-Huffman runs instead of one dynamic block.
  // (size chosen so the token still fits MAX_TOKEN_LENGTH and reaches the inflater)
  for (const size of [4 * MiB, 3 * MiB, 2 * MiB]) {
    const z = deflateSync(new Uint8Array(size), { level: 1, strategy: 4 });
    if (4 * Math.ceil(z.length / 3) + 3 <= maxTokenLength) {
      out.push({ size, z });
      break;
    }
  }
  return out;
}

function hostile(ctx) {
  return {
    bomb: (r) => {
      const b = r.pick(ctx.bombs);
      let z = b.z;
      let expectCode = 'ERR_TOKEN_TOO_LARGE';
      if (r.chance(0.3)) {
        // A damaged bomb: the cap must still stop it (or the damage is found first).
        if (r.chance(0.5)) z = z.subarray(0, z.length - 1 - r.int(Math.min(64, z.length - 3)));
        else (z = z.slice())[z.length - 1 - r.int(4)] ^= 1 << r.int(8); // damage the Adler-32 trailer
        expectCode = ['ERR_TOKEN_TOO_LARGE', 'ERR_TOKEN_ZLIB'];
      }
      return { input: '007' + Buffer.from(z).toString('base64'), cert: ctx.cert, expectCode, verifyExpectCode: expectCode };
    },
    oversize: (r) => {
      const n = ctx.maxTokenLength + 1 + (r.chance(0.5) ? 0 : r.int(MiB));
      const input = r.pick(['007', '006' + '0'.repeat(32), '']) + 'A'.repeat(n);
      return { input, cert: ctx.cert, expectCode: 'ERR_TOKEN_TOO_LARGE', verifyExpectCode: 'ERR_TOKEN_TOO_LARGE' };
    },
    'non-string': (r) => {
      const seed = r.pick(ctx.seeds.all);
      const odd = [undefined, null, 0, 7, NaN, true, {}, [], Symbol('007'), 12n, () => seed.token, new Uint8Array(3)];
      const which = r.int(3);
      if (which === 0) {
        const input = r.pick([...odd, new String(seed.token), [seed.token]]);
        return { input, cert: ctx.cert, seed, expectCode: 'any', verifyExpectCode: 'any' };
      }
      if (which === 1) {
        const cert = r.pick([...odd, '', 'x'.repeat(32), seed.cert + ' ', seed.cert.slice(1), new String(seed.cert), seed.cert + seed.cert]);
        return { input: seed.token, cert, seed, expected: seed.expected, verifyExpectCode: 'ERR_INVALID_APP_CERTIFICATE' };
      }
      const expected = r.pick([...odd, { channelName: 5 }, { channelName: 'x', uid: -1 }, { channelName: 'x', uid: 1.5 }, { channelName: 'x', uid: {} }, 'room']);
      return { input: seed.token, cert: seed.cert, seed, expected, verifyExpectCode: seed.kind === '006' ? 'any-or-false' : undefined };
    },
  };
}

/** [class, relative weight, which seeds] */
export const CLASSES = [
  ['text-char', 4, 'all'], ['text-bitflip', 3, 'all'], ['text-truncate', 2, 'all'], ['text-insert', 3, 'all'], ['base64', 4, 'all'],
  ['zlib-bits', 5, '007'], ['zlib-cut', 2, '007'],
  ['payload-bits', 6, 'all'], ['payload-cut', 3, 'all'], ['payload-insert', 3, 'all'], ['length-prefix', 5, 'all'], ['privilege-count', 3, 'all'],
  ['service-count', 3, '007'], ['service-type', 4, '007'], ['utf8', 3, '007'],
  // Rarer because each case is big (up to 32 KiB of structure to parse): still thousands per million.
  ['grow', 0.5, '007'], ['boundary', 0.25, '007'], ['bomb', 0.5, 'none'], ['oversize', 0.5, 'none'], ['non-string', 1, 'none'],
];

/**
 * Creates the case factory for a library (`lib` = its /sync entry; seeds are built with it).
 * `skip` leaves mutation classes out (case numbers then differ: replay with the same skip list).
 * `makeCase(seed, index)` returns `{ cls, input, cert, expected, resigned, expectCode, verifyExpectCode, payload, seed }`.
 */
export function createCaseFactory(lib, { skip = [] } = {}) {
  const unknown = skip.filter((n) => !CLASSES.some((c) => c[0] === n));
  if (unknown.length) throw new Error(`unknown mutation class(es): ${unknown.join(', ')}`);
  const classes = CLASSES.filter((c) => !skip.includes(c[0]));
  const total = classes.reduce((a, c) => a + c[1], 0);
  const seeds = buildSeeds(lib);
  const maxPayload = lib.MAX_PAYLOAD_BYTES;
  const maxTokenLength = lib.MAX_TOKEN_LENGTH;
  for (const s of seeds.all) s.maxPayload = maxPayload;
  const ctx = { seeds, cert: seeds.s007[0].cert, maxPayload, maxTokenLength, bombs: makeBombs(seeds, maxPayload, maxTokenLength) };
  const fns = { ...text, ...stream, ...payload, ...structure, ...hostile(ctx) };

  function makeCase(seedNumber, index) {
    const r = rngFor(seedNumber, index);
    let x = r.next() * total;
    let entry = classes[0];
    for (const c of classes) {
      if (x < c[1]) {
        entry = c;
        break;
      }
      x -= c[1];
    }
    const [cls, , pool] = entry;
    const seed = pool === 'none' ? undefined : r.pick(pool === '007' ? seeds.s007 : seeds.all);
    const c = fns[cls](r, seed);
    return { cls, seed, ...c };
  }
  return { makeCase, seeds, ctx };
}
