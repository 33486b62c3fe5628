import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Issue 15's one screen, read closely at a lab PC's 1366 × 768: each chart's legend, data-table
 * button and PNG download lie apart (the canvas's download icon sat on small legends and plots).
 */

test.describe.configure({ timeout: 240_000 });

const LAB_PC = { width: 1366, height: 768 };

/** Ten hidden layers trained briefly, so every chart on the screen has its legend. */
async function trainTenLayers(page: Page): Promise<void> {
  await page.setViewportSize(LAB_PC);
  for (let i = 0; i < 8; i++) await page.getByTestId('add-layer').click();
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-state')).toHaveText(/완료/, { timeout: 180_000 });
  await expect(page.getByTestId('chart-boundary')).toBeVisible();
}

interface Box {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** In every shown chart, the legend's entries, the data-table button and the PNG button: none covers another. */
async function expectChartControlsApart(page: Page, where: string): Promise<void> {
  const charts = await page.getByTestId('chart-controls').evaluateAll((rows) =>
    rows
      .filter((row) => row.getBoundingClientRect().width > 0)
      .map((row) =>
        [...row.querySelectorAll('[data-testid="chart-legend"] li, [data-testid="chart-data-toggle"], [data-testid="chart-png"]')].map((part) => {
          const box = part.getBoundingClientRect();
          return { name: part.getAttribute('aria-label') ?? part.textContent!.trim(), left: box.left, top: box.top, right: box.right, bottom: box.bottom };
        }),
      ),
  );
  expect(charts.length, `${where}: charts on the screen`).toBeGreaterThanOrEqual(6);
  for (const parts of charts) {
    const names = parts.map((p) => p.name).join(' | ');
    expect(parts.some((p) => p.name.includes('PNG')), `${where}: [${names}] has its PNG download`).toBe(true);
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        expect(overlap(parts[i]!, parts[j]!), `${where}: "${parts[i]!.name}" and "${parts[j]!.name}" of [${names}] overlap`).toBe(false);
      }
    }
  }
}

function overlap(a: Box, b: Box): boolean {
  const slack = 0.5;
  return a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
}

test('at 1366 × 768 every chart’s legend, data-table button and PNG download lie apart, in Korean and English', async ({ app }) => {
  await trainTenLayers(app);
  await expectChartControlsApart(app, 'Korean');
  await app.getByTestId('language').click();
  await expect(app.getByTestId('start')).toHaveText(/Start/);
  await expectChartControlsApart(app, 'English');
});
