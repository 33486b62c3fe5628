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
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(process.env.NNLAB_E2E_URL!);
    await page.evaluate('localStorage.clear()');
    await page.reload();
    await expect(page.getByTestId('start')).toBeVisible();
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },
});

export { expect };

/** Saves a full-page screenshot as an artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Waits until the selected run has ended with the given status word (Korean UI). */
export async function waitForEnd(page: Page, status: RegExp = /완료/): Promise<void> {
  await expect(page.getByTestId('run-state')).toHaveText(status, { timeout: 90_000 });
}
