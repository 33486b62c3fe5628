import type { Page } from '@playwright/test';
import { expect, SCREENSHOTS, test, waitForEnd } from './fixtures';

/**
 * The training doctor panel at a lab PC's 1366×768, in Korean: a 10-layer sigmoid network while it
 * trains and after it ends (vanishing gradient at 은닉층 1, remedy ReLU + He: the sheet link and "try
 * it"), its replay, and a healthy run ("nothing found").
 */

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 768 } });



/** Saves what the screen shows, the panel scrolled into view. */
async function shot(app: Page, name: string): Promise<void> {
  await app.getByTestId('doctor-panel').scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

test('a 10-layer sigmoid network: vanishing gradient at 은닉층 1, during and after the run, in replay; the sheet and "try it"', async ({ app }) => {
  await app.getByTestId('nav-build').click();
  await app.getByTestId('activation-0').selectOption('sigmoid');
  await app.getByTestId('activation-1').selectOption('sigmoid');
  for (let i = 0; i < 8; i++) await app.getByTestId('add-layer').click();
  await expect(app.getByTestId('layer-card-9')).toBeVisible();
  // Long enough to catch it running (the finding shows from step 20): 1000 epochs of 25 steps.
  await app.getByTestId('epochs').fill('1000');
  await expect(app.getByTestId('estimate')).toContainText('단계');
  await app.getByTestId('start').click();

  const panel = app.getByTestId('doctor-panel');
  const finding = panel.locator('[data-testid="doctor-finding"][data-code="vanishing-gradient"]');
  await expect(finding).toBeVisible();
  await app.getByTestId('pause').click();
  await expect(app.getByTestId('run-state')).toHaveText('일시정지');
  await expect(finding).toContainText('기울기 소실');
  await expect(finding).toContainText('은닉층 1 · ');
  await expect(finding).toContainText(/은닉층 1의 기울기\(.+\)가 출력층\(.+\)의 1\/[\d,]+밖에 되지 않습니다/);
  await expect(finding.getByTestId('doctor-try')).toHaveText('이대로 해 보기');
  await shot(app, 'doctor-sigmoid10-during');

  await app.getByTestId('stop').click();
  await waitForEnd(app, /중지됨/);
  await expect(finding).toBeVisible();
  await expect(finding.getByTestId('doctor-sheet')).toContainText('실습지: 03 기울기 소실');
  await shot(app, 'doctor-sigmoid10-after');

  // "Try it": the builder gets the patched spec as a new spec, named after the remedy.
  await finding.getByTestId('doctor-try').click();
  for (const index of [0, 5, 9]) await expect(app.getByTestId(`activation-${index}`)).toHaveValue('relu');
  await expect(app.getByTestId('init-0')).toHaveValue('he');

  // The sheet link opens the labs screen on that sheet.
  await app.getByTestId('doctor-panel').getByTestId('doctor-sheet').first().click();
  await expect(app.getByTestId('lab-sheet-03-vanishing-gradient')).toBeVisible();

  // The replay of the stored run shows the same finding (its end is shown first).
  await app.getByTestId('nav-runs').click();
  await app.getByTestId('run-row').first().getByTestId('run-name').click();
  const replayed = app.getByTestId('doctor-panel').locator('[data-testid="doctor-finding"][data-code="vanishing-gradient"]');
  await expect(replayed).toBeVisible();
  await shot(app, 'doctor-sigmoid10-replay');
});

test('a healthy run: one line, nothing found', async ({ app }) => {
  await app.getByTestId('nav-build').click();
  await app.getByTestId('start').click();
  await waitForEnd(app);
  const line = app.getByTestId('doctor-panel').getByTestId('doctor-line');
  await expect(line).toHaveText('진단에서 문제를 찾지 못했습니다.');
  await expect(app.getByTestId('doctor-panel')).toHaveAttribute('data-state', 'healthy');
  await shot(app, 'doctor-healthy-after');

});
