import { withParticle } from '../../engine/lab/claims/wording/korean-particles';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot as saveScreenshot, test, waitForEnd } from './fixtures';

/**
 * The compare screen on two runs trained through the build screen: the circle with three hidden
 * layers of 8 (2-8-8-8-2), batch 25, 40 epochs; tanh learns the circle, sigmoid barely does (its
 * gradient vanishes on the way to the first layer). The runs are reached as a student reaches
 * them: the run history, tick two runs, "비교".
 */

/** Builds this test's network on the build screen: 2-8-8-8-2, batch 25, 40 epochs. */
async function buildNetwork(app: Page): Promise<void> {
  await app.getByTestId('nav-build').click();
  for (let i = 0; i < 4; i++) await app.getByTestId('add-unit-0').click();
  for (let i = 0; i < 6; i++) await app.getByTestId('add-unit-1').click();
  // A new layer copies the last hidden one: 8 units.
  await app.getByTestId('add-layer').click();
  await expect(app.getByTestId('network-diagram')).toContainText('2-8-8-8-2');
  await app.getByTestId('batch-size').fill('25');
  await app.getByTestId('epochs').fill('40');
}

/** Trains the network built with every hidden layer on `activation`. */
async function trainWith(app: Page, activation: 'tanh' | 'sigmoid'): Promise<void> {
  await app.getByTestId('nav-build').click();
  for (const layer of [0, 1, 2]) await app.getByTestId(`activation-${layer}`).selectOption(activation);
  await expect(app.getByTestId('estimate')).toContainText('단계');
  await app.getByTestId('start').click();
  await expect(app.getByTestId('run-tab').filter({ hasText: activation })).toBeVisible();
  await waitForEnd(app);
}

/** A full-page screenshot taken from the top, so the sticky chart controls sit where they belong. */
async function screenshot(app: Page, name: string): Promise<void> {
  await app.evaluate('window.scrollTo(0, 0)');
  await saveScreenshot(app, name);
}

/** How many options a chart has drawn so far (Chart.svelte counts them). */
async function updatesOf(chart: Locator): Promise<number> {
  return Number(await chart.locator('[data-updates]').getAttribute('data-updates'));
}

test('two stored runs side by side: curves, config diff, gradients and distributions at any step', async ({ app }) => {
  await buildNetwork(app);
  await trainWith(app, 'tanh');
  await trainWith(app, 'sigmoid');

  // The history lists the newest first: tick the two runs just trained and compare them.
  await app.getByTestId('nav-runs').click();
  const rows = app.getByTestId('run-row');
  await expect(rows.nth(1)).toContainText('tanh');
  await expect(rows.nth(0)).toContainText('sigmoid');
  await rows.nth(1).getByTestId('select-run').check();
  await rows.nth(0).getByTestId('select-run').check();
  await app.getByTestId('compare-selected').click();

  const view = app.getByTestId('compare-view');
  await expect(view.getByRole('heading', { name: '실행 비교' })).toBeVisible();
  await expect(app.getByTestId('compare-problems')).toHaveCount(0);
  // One card per run, in the order picked from the table (newest first), each in its colour.
  const cards = app.getByTestId('compare-run-card');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toContainText('sigmoid');
  await expect(cards.nth(1)).toContainText('tanh');
  await expect(cards.nth(0)).toContainText('완료');
  await expect(cards.nth(0)).toContainText('2-8×3-2');
  await expect(cards.nth(0)).toHaveAttribute('style', /--run-color: #332288/);
  await expect(cards.nth(1)).toHaveAttribute('style', /--run-color: #999900/);

  // Only what differs: the hidden layers' activation functions (the init is Xavier for both).
  const diff = app.getByTestId('config-diff');
  await expect(diff.getByRole('row')).toHaveCount(4);
  for (const layer of [1, 2, 3]) await expect(diff.getByRole('row', { name: new RegExp(`층 ${layer} 활성화 함수`) })).toContainText(/sigmoid\s*tanh/);

  const charts = ['chart-compare-batch-loss', 'chart-compare-eval-loss', 'chart-compare-accuracy', 'chart-compare-gap', 'chart-compare-gradients', 'chart-compare-histograms'];
  for (const chart of charts) await expect(app.getByTestId(chart).locator('canvas').first()).toBeVisible();
  await screenshot(app, 'compare-01-ko');

  // The smoothing slider redraws the batch loss; the x axis switches to epochs for every curve.
  const batchLoss = app.getByTestId('chart-compare-batch-loss');
  const before = await updatesOf(batchLoss);
  await app.getByTestId('compare-smoothing').fill('0.9');
  await expect.poll(() => updatesOf(batchLoss)).toBeGreaterThan(before);
  const gradients = app.getByTestId('chart-compare-gradients');
  const gradientUpdates = await updatesOf(gradients);
  await app.getByTestId('compare-x-axis').getByText('에폭').click();
  // A chart out of view is drawn when it comes into view (Chart.svelte, issue 15).
  await gradients.scrollIntoViewIfNeeded();
  await expect.poll(() => updatesOf(gradients)).toBeGreaterThan(gradientUpdates);
  // The runs on one time axis: seconds of their recorded step times (issue 16), then back to epochs.
  await app.getByTestId('compare-x-axis').getByText('시간', { exact: true }).click();
  await batchLoss.scrollIntoViewIfNeeded();
  await batchLoss.getByTestId('chart-data-toggle').click();
  await expect(batchLoss.getByTestId('chart-data-table').locator('thead th').first()).toHaveText('시간(초)');
  await batchLoss.getByTestId('chart-data-toggle').click();
  await app.getByTestId('compare-x-axis').getByText('에폭').click();

  // Distributions at any step: the slider starts at the initial network and walks the snapshots.
  const histograms = app.getByTestId('chart-compare-histograms');
  const stepValue = app.getByTestId('histogram-step-value');
  await expect(stepValue).toHaveText('0단계 (초기화 직후)');
  await screenshot(app, 'compare-02-histograms-overlay-ko');
  const step = app.getByTestId('histogram-step');
  await step.focus();
  await step.press('End');
  await expect(stepValue).toHaveText(/^\d+단계$/);
  const lastStep = Number(/(\d+)/.exec((await stepValue.textContent())!)![1]);
  expect(lastStep).toBeGreaterThan(350);
  await step.press('ArrowLeft');
  await expect(stepValue).not.toHaveText(`${lastStep}단계`);
  await app.getByTestId('histogram-layout').getByText('나란히 보기').click();
  await app.getByTestId('histogram-kind').getByText('가중치 w').click();
  const histogramUpdates = await updatesOf(histograms);
  await step.press('End');
  await expect.poll(() => updatesOf(histograms)).toBeGreaterThan(histogramUpdates);
  await screenshot(app, 'compare-03-weights-side-by-side-ko');

  // English, for the second language.
  await app.getByTestId('language').click();
  await expect(view.getByRole('heading', { name: 'Compare runs' })).toBeVisible();
  await expect(diff.getByRole('row', { name: /Hidden layer 1 activation/ })).toBeVisible();
  await app.getByTestId('histogram-layout').getByText('Overlaid').click();
  await app.getByTestId('histogram-kind').getByText('Activations a').click();
  await screenshot(app, 'compare-04-en');
  await app.getByTestId('language').click();

  // Reload reads the runs from the history again.
  await app.getByTestId('compare-reload').click();
  await expect(cards).toHaveCount(2);
  await expect(app.getByTestId('chart-compare-batch-loss').locator('canvas').first()).toBeVisible();

  // Another window deletes the sigmoid run: reloading says so, and shows what is left.
  const other = await app.context().newPage();
  await other.goto(process.env.NNLAB_E2E_URL!);
  await other.getByTestId('nav-runs').click();
  const newest = other.getByTestId('run-row').nth(0);
  await expect(newest).toContainText('sigmoid');
  const deletedId = (await newest.getAttribute('data-run-id'))!;
  await newest.getByTestId('run-more').click();
  await other.getByTestId('delete-run').click();
  await other.getByTestId('confirm-ok').click();
  await expect(other.locator(`[data-run-id="${deletedId}"]`)).toHaveCount(0);
  await other.close();
  await app.getByTestId('compare-reload').click();
  await expect(app.getByTestId('compare-problems')).toContainText(`실행 ${withParticle(deletedId, '을/를')} 찾을 수 없습니다`);
  await expect(cards).toHaveCount(1);
  await expect(cards.nth(0)).toContainText('tanh');
  // It keeps its colour (olive, the second run's).
  await expect(cards.nth(0)).toHaveAttribute('style', /--run-color: #999900/);
  await expect(view.getByRole('status').filter({ hasText: '2개 이상' })).toBeVisible();
  await screenshot(app, 'compare-05-deleted-run-ko');

  // Back to the history.
  await app.getByTestId('compare-back').click();
  await expect(app.getByTestId('runs-table')).toBeVisible();
});
