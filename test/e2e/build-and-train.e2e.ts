import { expect, screenshot, test, waitForEnd } from './fixtures';

test('a student builds a network by clicking and trains it on the circle', async ({ app }) => {
  await screenshot(app, '01-builder-ko');
  // Playground's first screen: circle, 2-4-2-2. Add a layer and two neurons, switch to ReLU.
  await expect(app.getByTestId('network-diagram')).toContainText('2-4-2-2');
  await app.getByTestId('add-layer').click();
  await app.getByTestId('add-unit-0').click();
  await app.getByTestId('add-unit-0').click();
  await expect(app.getByTestId('network-diagram')).toContainText('2-6-2-2-2');
  await app.getByTestId('activation-0').selectOption('relu');
  await expect(app.getByTestId('init-0')).toHaveValue('he');
  await app.getByTestId('remove-layer').click();
  await expect(app.getByTestId('network-diagram')).toContainText('2-6-2-2');
  await app.getByTestId('optimizer').selectOption('adam');
  await app.getByTestId('learning-rate').fill('0.03');
  await app.getByTestId('epochs').fill('40');
  await expect(app.getByTestId('estimate')).toContainText('단계');

  await app.getByTestId('start').click();
  await expect(app.getByTestId('run-tab')).toHaveCount(1);
  // Every chart appears, and keeps updating while training goes on.
  for (const chart of ['chart-loss', 'chart-accuracy', 'chart-gradients', 'chart-health', 'chart-activations', 'chart-weights', 'chart-boundary', 'chart-confusion']) {
    await expect(app.getByTestId(chart).locator('canvas').first()).toBeVisible();
  }
  await waitForEnd(app);
  const updates = Number(await app.getByTestId('chart-loss').locator('[data-updates]').getAttribute('data-updates'));
  expect(updates).toBeGreaterThan(1);
  await expect(app.getByTestId('final')).toContainText('시험 정확도');
  const testAccuracy = Number(/시험 정확도 ([\d.]+)%/.exec((await app.getByTestId('final').textContent())!)![1]);
  expect(testAccuracy).toBeGreaterThan(90);
  // The network drawing shows each neuron's output over the plane and the live weights.
  await expect(app.getByTestId('network-diagram').locator('image')).not.toHaveCount(0);
  await screenshot(app, '02-circle-trained-ko');
});

test('the language switches between Korean and English, and is remembered', async ({ app }) => {
  await expect(app.getByTestId('start')).toContainText('학습 시작');
  await app.getByTestId('language').click();
  await expect(app.getByTestId('start')).toContainText('Start training');
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');
  await expect(app.getByText('Data', { exact: true })).toBeVisible();
  await screenshot(app, '03-builder-en');
  await app.reload();
  await expect(app.getByTestId('start')).toContainText('Start training');
  await app.getByTestId('language').click();
  await expect(app.getByTestId('start')).toContainText('학습 시작');
});
