import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser and PostgreSQL suites start their own processes; keep files parallel but bounded (2 cores).
    maxWorkers: 2,
  },
});
