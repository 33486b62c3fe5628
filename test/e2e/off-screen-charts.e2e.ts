import { expect, test } from './fixtures';
import type { Locator } from '@playwright/test';

/** How many options a chart has drawn so far (Chart.svelte counts them; none yet: 0). */
async function updatesOf(chart: Locator): Promise<number> {
  return Number((await chart.locator('.chart').getAttribute('data-updates')) ?? 0);
}

test('a chart out of view is not drawn while the run trains, and is drawn once scrolled into view', async ({ app }) => {
  await app.getByTestId('epochs').fill('100000');
  await app.getByTestId('start').click();
  const loss = app.getByTestId('chart-loss');
  const weights = app.getByTestId('chart-weights');
  // Every chart has its first picture, wherever it is.
  await expect(weights.locator('canvas').first()).toBeVisible();
  await expect.poll(() => updatesOf(weights)).toBeGreaterThan(0);
  // Then the loss chart, in view, follows the run; the weights, far below the first view, wait.
  const lossBefore = await updatesOf(loss);
  const weightsBefore = await updatesOf(weights);
  await expect.poll(() => updatesOf(loss)).toBeGreaterThan(lossBefore + 3);
  expect(await updatesOf(weights)).toBe(weightsBefore);
  await weights.scrollIntoViewIfNeeded();
  await expect.poll(() => updatesOf(weights)).toBeGreaterThan(weightsBefore);
  // In view it follows the run like the others.
  const drawn = await updatesOf(weights);
  await expect.poll(() => updatesOf(weights), { timeout: 30_000 }).toBeGreaterThan(drawn);
  await app.getByTestId('stop').click();
});
