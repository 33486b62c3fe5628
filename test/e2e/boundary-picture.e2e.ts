import { writeFileSync } from 'node:fs';
import { expect, SCREENSHOTS, test, waitForEnd } from './fixtures';

/**
 * Issue 15: the decision boundary's colour field is one picture under the points, not a heatmap of
 * 1,600 cells. The student sees the same chart; its numbers are still a table away.
 */
test('the decision boundary is painted under the points and its cells are still in the data table', async ({ app }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.getByTestId('epochs').fill('3');
  await app.getByTestId('start').click();
  await waitForEnd(app);

  const boundary = app.getByTestId('chart-boundary');
  await expect(boundary.locator('[role="img"]')).toHaveAttribute('aria-label', /^결정 경계/);
  await boundary.screenshot({ path: `${SCREENSHOTS}/boundary-circle-${process.env.BOUNDARY_SHOT ?? 'ko'}.png` });
  // The plot's middle is coloured by the picture (a class colour, not the page's white).
  const centre = await boundary.locator('canvas').first().evaluate((element) => {
    type Pixels = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
    const canvas = element as unknown as Pixels;
    const left = Math.round(canvas.width * 0.3);
    const top = Math.round(canvas.height * 0.45);
    return Array.from(canvas.getContext('2d').getImageData(left, top, 1, 1).data);
  });
  expect(centre[3]).toBe(255);
  expect(centre.slice(0, 3)).not.toEqual([255, 255, 255]);

  // Hovering the colour field (away from the points) names the prediction under the pointer.
  const canvas = boundary.locator('canvas').first();
  const box = (await canvas.boundingBox())!;
  const cellTip = boundary.getByText(/예측: 클래스 \d \(확신도/);
  let named = false;
  for (const [fx, fy] of [[0.22, 0.3], [0.78, 0.3], [0.22, 0.7], [0.78, 0.7], [0.3, 0.45]] as const) {
    await canvas.hover({ position: { x: box.width * fx, y: box.height * fy } });
    named = await cellTip.waitFor({ timeout: 1500 }).then(() => true, () => false);
    if (named) break;
  }
  expect(named).toBe(true);
  await app.mouse.move(0, 0);

  await boundary.getByTestId('chart-data-toggle').click();
  const tables = boundary.getByTestId('chart-data-table');
  await expect(tables.first()).toBeVisible();
  // The first section is the cells: a row per cell row (40), a column per cell column after the heading column.
  await expect(tables.first().locator('tbody tr')).toHaveCount(40);
  await expect(tables.first().locator('thead th')).toHaveCount(41);
});

/** The same points as the UI benchmark's 50,000-point CSV: two offset squares, classes alternating. */
function pointsCsv(count: number): string {
  const rows = ['x1,x2,label'];
  let state = 12345;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    rows.push(`${(random() * 4 - 2 + label).toFixed(4)},${(random() * 4 - 2 - label).toFixed(4)},${label}`);
  }
  return `${rows.join('\n')}\n`;
}

test('a 50,000-point CSV trains with its boundary redrawn under points that stay put', async ({ app }, testInfo) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  const file = testInfo.outputPath('points-50000.csv');
  writeFileSync(file, pointsCsv(50_000));
  await app.getByTestId('csv-input').setInputFiles(file);
  await expect(app.getByTestId('csv-message')).toContainText(/50,?000/, { timeout: 60_000 });
  await app.getByTestId('epochs').fill('2');
  await app.getByTestId('start').click();
  const chart = app.getByTestId('chart-boundary').locator('[role="img"]');
  // Several snapshots drawn, each an update of the one chart.
  await expect.poll(async () => Number((await chart.getAttribute('data-updates')) ?? 0), { timeout: 120_000 }).toBeGreaterThan(2);
  await waitForEnd(app);
  await app.getByTestId('chart-boundary').screenshot({ path: `${SCREENSHOTS}/boundary-csv50k-${process.env.BOUNDARY_SHOT ?? 'ko'}.png` });
});
