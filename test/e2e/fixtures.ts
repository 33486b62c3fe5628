import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/** Screenshots every test saves, to look at (test-results/screenshots/). */
export const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/**
 * A page of the app, opened on the host's URL, in Korean (the default), failing the test on any
 * console error or uncaught exception.
 */
export const test = base.extend<{ app: Page }>({
  app: async ({ page }, use) => {
    const problems: string[] = [];
    await openApp(page, process.env.NNLAB_E2E_URL!, problems);
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },
});

export { expect };

/** Opens the app at `url` with nothing remembered, recording the page's console errors and uncaught exceptions in `problems`. */
export async function openApp(page: Page, url: string, problems: string[]): Promise<void> {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await expect(page.getByTestId('start')).toBeVisible();
}

/** Saves a full-page screenshot as an artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Waits until the selected run has ended with the given status word (Korean UI). */
export async function waitForEnd(page: Page, status: RegExp = /완료/): Promise<void> {
  await expect(page.getByTestId('run-state')).toHaveText(status, { timeout: 90_000 });
}
