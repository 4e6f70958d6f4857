// bench/run.mjs prints the compression seam (src/core/zlib.ts) next to its results, to say which
// deflate and inflate were measured: both must be named, however zlib.ts brings them in.
import { describe, expect, it } from 'vitest';
import { zlibSeam } from '../../bench/lib/env.mjs';

describe('bench/lib/env zlibSeam', () => {
  it('names both the compressor and the inflater of src/core/zlib.ts', () => {
    // The repository root from this file, not process.cwd(): right wherever vitest is started.
    const seam: string[] = zlibSeam(new URL('../../', import.meta.url));
    expect(seam.some((line) => line.includes('./deflate/index.ts'))).toBe(true);
    expect(seam.some((line) => line.includes('./inflate/index.ts'))).toBe(true);
  });
});
