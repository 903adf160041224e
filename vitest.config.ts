import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on the CI machine: keep parallelism modest so real-schema builds do not starve each other.
    maxWorkers: 2,
  },
});
