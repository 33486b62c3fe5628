import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { SCREENSHOTS, expect, test, waitForEnd } from './fixtures';
import { connectService } from './service-client';

/**
 * Issue 16, "Curves": every curve zooms and pans along its x axis, with the wheel or a drag on the
 * plot and from the keyboard (the zoom buttons; arrow keys pan), and comes back to the whole run.
 */

test.describe.configure({ timeout: 180_000 });

/** The loss chart's x window in percent, as Chart.svelte reports it. */
async function lossWindow(app: Page): Promise<[number, number]> {
  const value = await app.getByTestId('chart-loss').locator('[data-zoom]').getAttribute('data-zoom');
  const [start, end] = value!.split(',').map(Number);
  return [start!, end!];
}

test('the loss chart zooms by the wheel and by the keyboard, pans with the arrow keys and resets', async ({ app }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.getByTestId('epochs').fill('20');
  await app.getByTestId('start').click();
  await waitForEnd(app);

  const loss = app.getByTestId('chart-loss');
  const plot = loss.locator('.chart');
  expect(await lossWindow(app)).toEqual([0, 100]);
  const drawnBefore = Number(await plot.getAttribute('data-updates'));

  // The wheel over the plot zooms in on the x axis.
  const box = (await plot.boundingBox())!;
  await app.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  await app.mouse.wheel(0, -600);
  await expect.poll(async () => (await lossWindow(app))[1] - (await lossWindow(app))[0]).toBeLessThan(100);
  await expect(loss.getByTestId('chart-zoom')).toHaveAttribute('data-zoomed', 'true');

  // Keyboard only: the reset button shows the whole run again.
  await loss.getByTestId('chart-zoom-reset').focus();
  await app.keyboard.press('Enter');
  await expect.poll(() => lossWindow(app)).toEqual([0, 100]);

  // Zoom in from the keyboard: half the axis around its middle; → pans a quarter of the window later.
  await loss.getByTestId('chart-zoom-in').focus();
  await app.keyboard.press('Enter');
  await expect.poll(() => lossWindow(app)).toEqual([25, 75]);
  await app.keyboard.press('ArrowRight');
  await expect.poll(() => lossWindow(app)).toEqual([37.5, 87.5]);
  await app.keyboard.press('Enter');
  await expect.poll(() => lossWindow(app)).toEqual([50, 75]);
  expect(Number(await plot.getAttribute('data-updates'))).toBeGreaterThanOrEqual(drawnBefore);

  await loss.scrollIntoViewIfNeeded();
  await app.mouse.move(0, 0);
  await loss.screenshot({ path: `${SCREENSHOTS}/curve-zoom-loss-zoomed-ko.png` });
  await app.screenshot({ path: `${SCREENSHOTS}/curve-zoom-1366-ko.png` });

  await loss.getByTestId('chart-zoom-reset').focus();
  await app.keyboard.press('Enter');
  await expect.poll(() => lossWindow(app)).toEqual([0, 100]);
  await expect(loss.getByTestId('chart-zoom')).toHaveAttribute('data-zoomed', 'false');

  // The x axis in seconds of the steps' measured times (issue 16): the table's first column is
  // time, and each batch loss sits at the time its step recorded, as the history stores it (not
  // at step × an even pace); the last row is the run's end.
  await app.getByTestId('curve-axis-time').check();
  await loss.getByTestId('chart-data-toggle').click();
  const table = loss.getByTestId('chart-data-table');
  await expect(table.locator('thead th').first()).toHaveText('시간(초)');
  await expect(table.locator('thead th')).toHaveText(['시간(초)', '배치 손실', '훈련 손실', '시험 손실']);
  await loss.screenshot({ path: `${SCREENSHOTS}/curve-zoom-loss-time-axis-ko.png` });
  const downloading = app.waitForEvent('download');
  await loss.getByTestId('chart-data-csv').click();
  const csv = readFileSync((await (await downloading).path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n').slice(1).map((line) => line.split(',').map((cell) => (cell === '' ? null : Number(cell))));
  const service = await connectService();
  try {
    const [summary] = await service.call('listRuns', {});
    const run = await service.call('getRun', summary!.id);
    const times = run.steps.elapsedMs!;
    expect(times).toHaveLength(run.steps.step.length);
    const stored = new Map(run.steps.step.map((_, i) => [times[i]! / 1000, run.steps.loss[i]!]));
    const batchRows = lines.filter((line) => line[1] !== null);
    expect(batchRows.length).toBeGreaterThan(10);
    for (const [x, loss] of batchRows) expect(stored.get(x!), `the batch loss at ${x} s`).toBe(loss);
    // The live run's batch losses sit at their recorded times: uneven where the steps were, never at step × pace.
    expect(lines.at(-1)![0]).toBe(summary!.durationMs! / 1000);
  } finally {
    await service.close();
  }
});
