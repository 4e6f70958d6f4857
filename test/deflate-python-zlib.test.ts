/**
 * Issue 7 names two oracles for the exactness of our deflate: pako with `legacyHash` and Python's
 * zlib. The rest of the suite uses pako, a JavaScript port of zlib 1.2.x, so a bug that pako and
 * our encoder shared would pass it. Here the oracle is the C zlib itself, through the `zlib`
 * module of python3: `npm run fuzz:deflate -- --oracle python` on a seeded sample of every size
 * (0 to 32 KiB) and shape, token payloads among them. Needs python3 on PATH; .ci/run installs
 * Debian's python3-minimal when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const CASES = 4000;
const SEED = 20_261_125;

describe('deflate against the C zlib python3 links', () => {
  it(`${CASES} fuzz cases compress byte for byte as zlib.compress(data, 6) does`, () => {
    const python = spawnSync('python3', ['-c', 'import zlib; print(zlib.ZLIB_RUNTIME_VERSION)'], { encoding: 'utf8' });
    expect(python.status, `python3 did not run (${python.error?.message ?? python.stderr}); install it as .ci/run does`).toBe(0);

    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/fuzz-deflate.ts', '--cases', String(CASES), '--seed', String(SEED), '--oracle', 'python', '--workers', '1'],
      { encoding: 'utf8', timeout: 90_000 },
    );
    const report = `${run.stdout}\n${run.stderr}`;
    // Every case went through Python (not only pako), and the report names the zlib it linked.
    expect(report).toContain(`oracle(s): Python zlib ${python.stdout.trim()} (${CASES} cases)`);
    expect(report).toMatch(/^ {2}mismatches: 0$/m);
    // The sample reached the sizes that matter: token payloads, several blocks, the 32 KiB bound.
    expect(report).toMatch(/size bands: 0\.\.100 \d+, 100\.\.600 [1-9]\d*, .*16384\.\.32768 [1-9]\d*/);
    expect(report).toMatch(/\btoken [1-9]\d*, tokenRepeat [1-9]\d*/);
    expect(run.status, report).toBe(0);
  }, 100_000);
});
