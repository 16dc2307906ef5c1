import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: run files in parallel on two workers, tests inside a file in order.
    maxWorkers: 2,
    pool: 'forks',
  },
});
