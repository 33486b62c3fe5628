import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The renderer's alias for the engine (electron.vite.config.ts), for tests of renderer modules.
  resolve: { alias: { $engine: fileURLToPath(new URL('./engine', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup-isolated-db.ts'],
    // Training tests are CPU-bound; two cores, so keep workers to what the machine has.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
