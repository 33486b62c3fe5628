import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOTS, test, waitForEnd } from './fixtures';
import { connectService } from './service-client';

/**
 * Issue 15: a chart is more than a canvas named by its title. Each has its numbers as a real table
 * behind a button a keyboard reaches, and their CSV; its legend wraps rather than paging layers
 * out of sight.
 */

/** Presses Tab until `testId` (inside `scope`) has the focus; fails if it never does. */
async function tabTo(app: Page, scope: string, testId: string, limit = 400): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await app.keyboard.press('Tab');
    const here = await app.evaluate(`document.activeElement?.getAttribute('data-testid') === '${testId}' && document.activeElement.closest('[data-testid="${scope}"]') !== null`);
    if (here) return presses;
  }
  throw new Error(`Tab never reached ${testId} in ${scope}`);
}

/** As the table shows a number: 4 significant digits. */
const shown = (value: number | null | undefined) => (value === null || value === undefined ? '–' : String(Number(value.toPrecision(4))));

test('a chart’s numbers are a keyboard away as a table and a CSV; the live legend shows every layer of a 10-layer net', async ({ app }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  // Ten hidden layers (Playground's two and eight more), a short run.
  for (let i = 0; i < 8; i++) await app.getByTestId('add-layer').click();
  await app.getByTestId('epochs').fill('3');
  await app.getByTestId('start').click();
  await waitForEnd(app);

  // Every layer is on the gradient chart's legend at once, each entry in view, none paged away.
  const gradients = app.getByTestId('chart-gradients');
  await gradients.scrollIntoViewIfNeeded();
  const entries = gradients.getByTestId('chart-legend-entry');
  await expect(entries).toHaveText([...Array.from({ length: 10 }, (_, i) => `은닉층 ${i + 1}`), '출력층']);
  for (const entry of await entries.all()) await expect(entry).toBeInViewport();
  await gradients.screenshot({ path: `${SCREENSHOTS}/chart-data-gradient-legend-10-layers-ko.png` });
  // An entry is a button: Enter hides that layer's line, and says so.
  await entries.nth(2).focus();
  await app.keyboard.press('Enter');
  await expect(entries.nth(2)).toHaveAttribute('aria-pressed', 'false');
  await app.keyboard.press('Enter');
  await expect(entries.nth(2)).toHaveAttribute('aria-pressed', 'true');

  // The canvas is named by a summary of its numbers, not only its title.
  const service = await connectService();
  try {
    const [summary] = await service.call('listRuns', {});
    const run = await service.call('getRun', summary!.id);
    const { evals } = run;
    const last = evals.step.length - 1;
    const loss = app.getByTestId('chart-loss');
    await expect(loss.locator('[role="img"]')).toHaveAttribute('aria-label', new RegExp(`^손실: 계열 3개, 마지막 값 .*훈련 손실 ${shown(evals.trainLoss[last]).slice(0, 3)}`));

    // Keyboard only: Tab from the top of the page to the loss chart's "데이터 표", Enter opens it.
    await app.evaluate('document.activeElement?.blur()');
    await app.locator('body').focus();
    await tabTo(app, 'chart-loss', 'chart-data-toggle');
    await app.keyboard.press('Enter');
    const toggle = loss.getByTestId('chart-data-toggle');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const table = loss.getByTestId('chart-data-table');
    await expect(table).toBeVisible();
    await expect(table.locator('caption')).toContainText('손실');
    // The steps carry their training times: a time column follows the step (issue 16).
    await expect(table.locator('thead th')).toHaveText(['단계 (가중치 갱신 횟수)', '시간(초)', '배치 손실', '훈련 손실', '시험 손실']);

    // Its numbers are the run's as the service recorded them, at every evaluation (thinning keeps them all).
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent!.trim())));
    const byStep = new Map(rows.map((row) => [row[0], row]));
    let checked = 0;
    evals.step.forEach((step, i) => {
      const row = byStep.get(String(step));
      expect(row, `step ${step}'s row`).toBeDefined();
      if (!row) return;
      expect([row[3], row[4]], `step ${step}`).toEqual([shown(evals.trainLoss[i]), shown(evals.testLoss[i])]);
      checked++;
    });
    expect(checked).toBe(evals.step.length);
    expect(byStep.has(String(evals.step[last]))).toBe(true);

    // The next Tab is its CSV: every row, exact numbers.
    const downloading = app.waitForEvent('download');
    await app.keyboard.press('Tab');
    await expect(loss.getByTestId('chart-data-csv')).toBeFocused();
    await app.keyboard.press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^nnlab-loss-.*\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n').map((line) => line.split(','));
    expect(lines[0]).toEqual(['단계 (가중치 갱신 횟수)', '시간(초)', '배치 손실', '훈련 손실', '시험 손실']);
    const csvByStep = new Map(lines.slice(1).map((line) => [Number(line[0]), line]));
    evals.step.forEach((step, i) => {
      expect(csvByStep.get(step)!.slice(3).map(Number), `step ${step}`).toEqual([evals.trainLoss[i], evals.testLoss[i]]);
    });
    run.steps.step.forEach((step, i) => {
      const line = csvByStep.get(step)!;
      expect([Number(line[1]), Number(line[2])], `time and batch loss at step ${step}`).toEqual([run.steps.elapsedMs![i]! / 1000, run.steps.loss[i]]);
    });

    await table.scrollIntoViewIfNeeded();
    await loss.screenshot({ path: `${SCREENSHOTS}/chart-data-loss-table-ko.png` });
  } finally {
    await service.close();
  }
});
