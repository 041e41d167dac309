import { defineConfig } from 'vitest/config';

/** `npm run test:ocr`: scanned pages read by real OCR (tens of seconds each). */
export default defineConfig({
  test: {
    include: ['test/**/*.ocr.test.ts'],
    testTimeout: 180_000,
  },
});
