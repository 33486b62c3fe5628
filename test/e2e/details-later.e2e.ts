import { expect, test, waitForEnd } from './fixtures';

/**
 * Clicks in the page and reports which charts exist once the click's own task (its handler and
 * the microtasks after it, where Svelte updates the page) is over, before any later task.
 */
const CLICK_AND_LOOK = `(async (testId) => {
  document.querySelector('[data-testid="' + testId + '"]').click();
  for (let i = 0; i < 20; i++) await Promise.resolve();
  return { loss: document.querySelector('[data-testid="chart-loss"]') !== null, weights: document.querySelector('[data-testid="chart-weights"]') !== null };
})`;

test('opening the build screen builds its first view in the click’s task and the detailed charts in a later one', async ({ app }) => {
  await app.getByTestId('epochs').fill('5');
  await app.getByTestId('start').click();
  await waitForEnd(app);
  await expect(app.getByTestId('chart-weights')).toBeAttached();
  await app.getByTestId('nav-runs').click();
  await expect(app.getByTestId('history-screen')).toBeVisible();

  expect(await app.evaluate(`${CLICK_AND_LOOK}('nav-build')`)).toEqual({ loss: true, weights: false });
  await expect(app.getByTestId('chart-weights')).toBeAttached();
  await expect(app.getByTestId('chart-weights')).toContainText('가중치');
});
