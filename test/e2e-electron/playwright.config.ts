import { defineConfig } from '@playwright/test';
import { electronBinary } from './electron-binary';

/**
 * The real-Electron suite (`npm run test:e2e:electron`): the built app (out/) in the Electron
 * binary, driven by Playwright's _electron. It runs where the binary exists; elsewhere it is
 * skipped with one line (the script passes --pass-with-no-tests), and the browser-host suite
 * (playwright.config.ts at the root, test/e2e) covers the app. Build first: `npm run build`.
 */
const binary = electronBinary();
// The config is read again by each worker process; say it once, from the runner.
if (binary === null && process.env['TEST_WORKER_INDEX'] === undefined) {
  console.log('test:e2e:electron: skipped, the Electron binary is not on this machine (Electron downloads it on first start, which needs internet); npm run test:e2e tests the app through the browser host.');
}

export default defineConfig({
  testDir: '.',
  testMatch: binary === null ? [] : '**/*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: '../../test-results/e2e-electron',
});
