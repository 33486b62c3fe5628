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
  const centre = await boundary.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d')!;
    const left = Math.round(canvas.width * 0.3);
    const top = Math.round(canvas.height * 0.45);
    return Array.from(context.getImageData(left, top, 1, 1).data);
  });
  expect(centre[3]).toBe(255);
  expect(centre.slice(0, 3)).not.toEqual([255, 255, 255]);

  await boundary.getByTestId('chart-data-toggle').click();
  const tables = boundary.getByTestId('chart-data-table');
  await expect(tables.first()).toBeVisible();
  // The first section is the cells: a row per cell row (40), a column per cell column after the heading column.
  await expect(tables.first().locator('tbody tr')).toHaveCount(40);
  await expect(tables.first().locator('thead th')).toHaveCount(41);
});
