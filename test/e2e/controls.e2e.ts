import type { Page } from '@playwright/test';
import { expect, screenshot, test, waitForEnd } from './fixtures';

/** Steps done, as the progress line says: "12/5000 단계 · 에폭 0". */
async function stepsDone(page: Page): Promise<number> {
  const text = (await page.getByTestId('run-controls').textContent()) ?? '';
  return Number(/(\d+)\/\d+ 단계/.exec(text)![1]);
}

test('pause, single step, one epoch, resume and stop a run', async ({ app }) => {
  // Long enough (100,000 steps) that it is still training when the buttons are pressed.
  await app.getByTestId('epochs').fill('4000');
  await app.getByTestId('start').click();
  await expect(app.getByTestId('run-state')).toHaveText('학습 중');
  await app.getByTestId('pause').click();
  await expect(app.getByTestId('run-state')).toHaveText('일시정지');
  const paused = await stepsDone(app);
  await app.waitForTimeout(600);
  expect(await stepsDone(app)).toBe(paused);

  await app.getByTestId('step').click();
  await expect.poll(() => stepsDone(app)).toBe(paused + 1);
  await expect(app.getByTestId('run-state')).toHaveText('일시정지');

  await app.getByTestId('step-epoch').click();
  // 250 training points / batch 10: an epoch ends on a multiple of 25 steps.
  await expect.poll(async () => (await stepsDone(app)) % 25).toBe(0);
  expect(await stepsDone(app)).toBeGreaterThan(paused + 1);
  await screenshot(app, '04-paused');

  await app.getByTestId('resume').click();
  await expect(app.getByTestId('run-state')).toHaveText('학습 중');
  await app.getByTestId('stop').click();
  await waitForEnd(app, /중지됨/);
  await expect(app.getByTestId('end-message')).toContainText('사용자가 중지했습니다');
  await expect(app.getByTestId('final')).toBeVisible();
});

test('two configurations train at once', async ({ app }) => {
  await app.getByTestId('epochs').fill('300');
  await app.getByTestId('start').click();
  await app.getByTestId('activation-0').selectOption('sigmoid');
  await app.getByTestId('activation-1').selectOption('sigmoid');
  await app.getByTestId('start').click();
  await expect(app.getByTestId('run-tab')).toHaveCount(2);
  await expect(app.getByTestId('run-tab').filter({ hasText: 'tanh' })).toBeVisible();
  await expect(app.getByTestId('run-tab').filter({ hasText: 'sigmoid' })).toBeVisible();
  // Both move: each tab's percentage goes up.
  const percent = async (name: string) => Number(/(\d+)%/.exec((await app.getByTestId('run-tab').filter({ hasText: name }).textContent())!)![1]);
  await expect.poll(() => percent('tanh')).toBeGreaterThan(0);
  await expect.poll(() => percent('sigmoid')).toBeGreaterThan(0);
  await screenshot(app, '05-two-runs');
  await app.getByTestId('run-tab').filter({ hasText: 'tanh' }).click();
  await waitForEnd(app);
  await app.getByTestId('run-tab').filter({ hasText: 'sigmoid' }).click();
  await waitForEnd(app);
});
