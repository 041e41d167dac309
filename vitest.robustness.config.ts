import { defineConfig } from 'vitest/config';

/** `npm run test:robustness`: fuzzing, kill -9, load and busy-machine tests (minutes). */
export default defineConfig({
  test: {
    include: ['test/**/*.robustness.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});
