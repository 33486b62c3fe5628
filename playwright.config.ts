import { defineConfig } from '@playwright/test';
import { writeSync } from 'node:fs';
import { findBrowser } from './scripts/find-browser.mjs';

// The Chromium-family browser to drive: $NNLAB_CHROMIUM, else the system's Chromium, Chrome or
// Edge, else one Playwright installed earlier (scripts/find-browser.mjs); never a download. With
// none, stop here with the one line `npm test` stops with, not a stack trace.
const browser = findBrowser();
if (browser.executable === null) {
  writeSync(2, `${browser.problem}\n`);
  process.exit(1);
}

/**
 * End-to-end tests of the real app through the browser host (`nnlab serve`): real LabService,
 * real SQLite file (a temp one), real worker threads, in a real Chromium-family browser.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  globalSetup: './test/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: browser.executable,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    trace: 'retain-on-failure',
  },
});
