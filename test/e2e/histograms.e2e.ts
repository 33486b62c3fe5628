import type { Locator, Page } from '@playwright/test';
import { SCREENSHOTS, expect, screenshot, test, waitForEnd } from './fixtures';

// A lab PC's screen.
test.use({ viewport: { width: 1366, height: 768 } });

/** Opens the probe dialog from a probe preset and saves a picture of the dialog. */
async function probe(app: Page, preset: string, name: string, check?: (dialog: Locator) => Promise<void>): Promise<void> {
  await app.getByTestId('preset-select').selectOption(preset);
  const dialog = app.getByTestId('probe-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('canvas').first()).toBeVisible();
  await expect(dialog.locator('tbody tr')).toHaveCount(5);
  await dialog.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
  await check?.(dialog);
  await dialog.getByRole('button', { name: '닫기' }).click();
  await expect(dialog).toBeHidden();
}

test('the probe draws every layer on one range: std 0.01 collapses, Xavier and He spread', async ({ app }) => {
  await probe(app, 'probe-sigmoid-std001', 'hist-probe-sigmoid-std001');
  await probe(app, 'probe-sigmoid-xavier', 'hist-probe-sigmoid-xavier');
  await probe(app, 'probe-relu-std001', 'hist-probe-relu-std001');
  await probe(app, 'probe-relu-he', 'hist-probe-relu-he', async (dialog) => {
    // The tooltips: the grey bar gives the share at exactly 0, a bin its range and count.
    const chart = dialog.locator('[role="img"]').first();
    const box = (await chart.boundingBox())!;
    await app.mouse.move(box.x + box.width * 0.03, box.y + 210);
    await expect(dialog.getByText(/정확히 0인 값: \d+\.\d% \([\d,]+개\)/)).toBeVisible();
    await app.mouse.move(box.x + box.width * 0.12, box.y + 200);
    await expect(dialog.getByText(/\d+(\.\d+)? ~ \d+(\.\d+)?: [\d,]+개/)).toBeVisible();
    await dialog.screenshot({ path: `${SCREENSHOTS}/hist-probe-relu-he-tooltip.png` });
  });

  // Per-layer ranges are the student's choice, remembered when the dialog opens again (and after a reload).
  await app.getByTestId('preset-select').selectOption('probe-relu-std001');
  const dialog = app.getByTestId('probe-dialog');
  await expect(dialog.getByTestId('histogram-range').locator('input[value="shared"]')).toBeChecked();
  await dialog.getByTestId('histogram-range').getByText('층마다 자기 범위').click();
  await expect(dialog.getByTestId('histogram-range').locator('input[value="per-layer"]')).toBeChecked();
  await dialog.screenshot({ path: `${SCREENSHOTS}/hist-probe-relu-std001-per-layer.png` });
  await app.reload();
  await app.getByTestId('preset-select').selectOption('probe-relu-std001');
  await expect(app.getByTestId('probe-dialog').getByTestId('histogram-range').locator('input[value="per-layer"]')).toBeChecked();
});

test('the live view’s histograms share one range and a ridgeline follows a layer over training', async ({ app }) => {
  // The lecture's ReLU network with std 0.01 on a small MNIST subset: its activations collapse layer by layer.
  await app.getByTestId('preset-select').selectOption('init-mnist-std001');
  await app.getByTestId('mnist-train-size').fill('2000');
  await app.getByLabel('시험 이미지 수').fill('500');
  await app.getByTestId('iterations').fill('400');
  await app.getByTestId('start').click();
  await waitForEnd(app);
  await expect(app.getByTestId('chart-activations').locator('canvas').first()).toBeVisible();
  const ridgeline = app.getByTestId('chart-ridgeline');
  await expect(ridgeline.locator('canvas').first()).toBeVisible();
  // The last hidden layer first; any layer can be chosen.
  await expect(app.getByTestId('ridgeline-layer')).toHaveValue('3');
  await app.getByTestId('chart-activations').scrollIntoViewIfNeeded();
  await app.getByTestId('chart-activations').screenshot({ path: `${SCREENSHOTS}/hist-live-activations.png` });
  await ridgeline.screenshot({ path: `${SCREENSHOTS}/hist-live-ridgeline-layer4.png` });
  const liveSteps = (await ridgeline.getAttribute('data-steps'))!.split(',').map(Number);
  expect(liveSteps.length).toBeGreaterThan(2);
  expect(liveSteps).toEqual([...liveSteps].sort((a, b) => a - b));
  await app.getByTestId('ridgeline-layer').selectOption('0');
  await expect(app.getByTestId('ridgeline-layer')).toHaveValue('0');
  await ridgeline.screenshot({ path: `${SCREENSHOTS}/hist-live-ridgeline-layer1.png` });
  await screenshot(app, 'hist-live-page');

  // The replay draws the same figures, the ridgeline up to the replayed step.
  await app.getByTestId('nav-runs').click();
  await app.getByTestId('run-row').first().getByTestId('open-run').click();
  await expect(app.getByTestId('chart-ridgeline').locator('canvas').first()).toBeVisible();
  await expect.poll(async () => (await app.getByTestId('chart-ridgeline').getAttribute('data-steps'))!.split(',').map(Number).at(-1)).toBe(399);
  await app.getByTestId('replay-scrubber').fill('180');
  await expect(app.getByTestId('replay-progress')).toContainText('180/400');
  await expect.poll(async () => Math.max(...(await app.getByTestId('chart-ridgeline').getAttribute('data-steps'))!.split(',').map(Number))).toBeLessThan(180);
  await app.getByTestId('chart-ridgeline').scrollIntoViewIfNeeded();
  await app.getByTestId('chart-ridgeline').screenshot({ path: `${SCREENSHOTS}/hist-replay-ridgeline-step180.png` });
});
