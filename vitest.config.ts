import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test tiers. `npm test` runs the fast tier: the parser's unit tests and the server's integration
 * tests on real SQLite files, with no wall-clock assertion. The slow tiers have their own suffix and
 * command: `*.robustness.test.ts` (fuzzing, kill -9, load, a busy machine: `npm run test:robustness`)
 * and `*.ocr.test.ts` (real OCR of scanned pages: `npm run test:ocr`). CI runs all three.
 */
export const SLOW_TIERS = ['test/**/*.robustness.test.ts', 'test/**/*.ocr.test.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...SLOW_TIERS],
    testTimeout: 60_000,
    // a test app's set-up reads the samples in the document engine, which starts with it: on a busy
    // machine (two workers, a test's own server processes) that has taken longer than vitest's 10 s
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores, one on a two-core office PC or CI machine;
    // the server tests wait on child processes and sockets a good part of the time, so two workers
    // finish the tier in about two thirds of the time even there (63 s against 90 s, measured)
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
