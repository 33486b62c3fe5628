import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup-isolated-db.ts'],
    // Training tests are CPU-bound; two cores, so keep workers to what the machine has.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
