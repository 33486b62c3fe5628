import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { checkScreen, describeBlocking } from './axe';
import { SCREENSHOTS, expect, screenshot, test, waitForEnd } from './fixtures';

/** The spec as "사양 저장" writes it: what the builder would run. */
async function savedSpec(app: Page): Promise<{ dataset: Record<string, unknown>; layers: unknown[] }> {
  const downloading = app.waitForEvent('download');
  await app.getByTestId('spec-save').click();
  const path = await (await downloading).path();
  return JSON.parse(readFileSync(path, 'utf8')) as { dataset: Record<string, unknown>; layers: unknown[] };
}

test('input features: toggling a feature neuron changes the spec; x₁², x₂² make the circle linear for the output layer alone', async ({ app }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  const feature = (id: string) => app.getByTestId(`feature-${id}`);
  // Playground's input column: every feature drawn with its own picture, x₁ and x₂ on.
  await expect(app.getByTestId('network-diagram').locator('[role=checkbox]')).toHaveCount(7);
  await expect(feature('x1')).toHaveAttribute('aria-checked', 'true');
  await expect(feature('x1_squared')).toHaveAttribute('aria-checked', 'false');
  await expect(feature('x1_squared')).toHaveAccessibleName('입력 특성 x₁²');
  await expect(feature('x1_squared').locator('image')).toHaveCount(1);
  expect('features' in (await savedSpec(app)).dataset).toBe(false);

  // Only the output layer: a line is all it can draw.
  await app.getByTestId('remove-layer').click();
  await app.getByTestId('remove-layer').click();
  await expect(app.getByTestId('network-diagram')).toContainText('2-2');

  // By click and by keyboard, as a checkbox.
  await feature('x1_squared').click();
  await feature('x2_squared').focus();
  await app.keyboard.press('Space');
  await feature('x1').click();
  await feature('x2').focus();
  await app.keyboard.press('Enter');
  for (const [id, on] of [['x1', false], ['x2', false], ['x1_squared', true], ['x2_squared', true], ['x1_x2', false]] as const) {
    await expect(feature(id)).toHaveAttribute('aria-checked', String(on));
  }
  await expect(app.getByTestId('network-diagram')).toContainText('2-2');
  const spec = await savedSpec(app);
  expect(spec.dataset['features']).toEqual(['x1_squared', 'x2_squared']);
  expect(spec.layers).toHaveLength(1);

  const check = await checkScreen(app, 'builder with input features');
  expect(check.blocking, describeBlocking(check)).toEqual([]);

  // Small data, fast: 200 clean points, 300 steps.
  await app.getByTestId('noise').fill('0');
  await app.getByTestId('samples').fill('200');
  await app.getByTestId('epochs').fill('15');
  await app.getByTestId('start').click();
  await waitForEnd(app);
  const final = (await app.getByTestId('final').textContent())!;
  expect(Number(/시험 정확도 ([\d.]+)%/.exec(final)![1])).toBeGreaterThanOrEqual(95);
  await screenshot(app, 'input-features-circle-ko');
  await app.getByTestId('network-diagram').screenshot({ path: `${SCREENSHOTS}/input-features-drawing-ko.png` });
  await app.getByTestId('chart-boundary').screenshot({ path: `${SCREENSHOTS}/input-features-boundary-ko.png` });

  // The replay draws the run's features as they were, read-only: no toggles.
  await app.getByTestId('nav-runs').click();
  await app.getByTestId('open-run').first().click();
  await expect(app.getByTestId('replay-final')).toContainText('시험 손실');
  const replayed = app.getByTestId('network-diagram');
  await expect(replayed.getByTestId('feature-x1_squared')).toHaveAttribute('data-on', 'true');
  await expect(replayed.getByTestId('feature-x1')).toHaveAttribute('data-on', 'false');
  await expect(replayed.locator('[role=checkbox]')).toHaveCount(0);
  await expect(replayed.locator('line')).toHaveCount(4);
});
