import type { Page } from '@playwright/test';
import { expect, SCREENSHOTS, test, waitForEnd } from './fixtures';

/**
 * Issue 15, "one word for a layer": a network of 3 weight layers (2-4-2-2: two hidden layers and
 * the output layer) in Korean at a lab PC's 1366×768. The doctor and the compare screen name the
 * layers as the builder does, 은닉층 1, 은닉층 2 and 출력층, and never "층 N".
 */

test.use({ viewport: { width: 1366, height: 768 } });

/** "층 3" not preceded by 은닉/출력: the naming the glossary refuses (counts such as "층 5개" and ranges "모든 층 0 ~ 1" aside). */
const BARE_LAYER = /(?<!은닉|출력)층 \d+(?!\d*(?:개| ~))/u;

async function bodyText(app: Page): Promise<string> {
  return (await app.evaluate('document.body.innerText')) as string;
}

test('the doctor and the compare screen name a 3-layer network’s layers 은닉층 1, 은닉층 2, 출력층', async ({ app }) => {
  test.setTimeout(240_000);
  await app.getByTestId('nav-build').click();
  await app.getByTestId('epochs').fill('5');
  // Sigmoid started with weights of std 0.01 (the lecture's vanishing case): hidden layer 1's
  // gradient is a tiny fraction of the output layer's, and the doctor names both.
  for (const layer of [0, 1]) await app.getByTestId(`activation-${layer}`).selectOption('sigmoid');
  for (const layer of [0, 1, 2]) {
    await app.getByTestId(`init-${layer}`).selectOption('normal');
    await app.getByTestId(`init-param-${layer}`).fill('0.01');
  }
  // The builder's own table: 은닉층 1, 은닉층 2, 출력층.
  for (const [index, name] of ['은닉층 1', '은닉층 2', '출력층'].entries()) await expect(app.getByTestId(`layer-card-${index}`).locator('h3')).toContainText(name);
  await app.getByTestId('start').click();
  await waitForEnd(app);
  const panel = app.getByTestId('doctor-panel');
  await panel.scrollIntoViewIfNeeded();
  const finding = panel.getByTestId('doctor-finding').first();
  await expect(finding).toBeVisible();
  await expect(finding).toContainText(/은닉층 1의 기울기\(.+\)가 출력층\(.+\)의/);
  expect(await panel.innerText()).not.toMatch(BARE_LAYER);
  await app.screenshot({ path: `${SCREENSHOTS}/layer-names-doctor.png` });

  // A second run, tanh as the builder starts, to compare with.
  await app.getByTestId('nav-build').click();
  for (const layer of [0, 1]) {
    await app.getByTestId(`activation-${layer}`).selectOption('tanh');
    await app.getByTestId(`init-${layer}`).selectOption('xavier');
  }
  await app.getByTestId('start').click();
  await waitForEnd(app);

  await app.getByTestId('nav-runs').click();
  const rows = app.getByTestId('run-row');
  await rows.nth(0).getByTestId('select-run').check();
  await rows.nth(1).getByTestId('select-run').check();
  await app.getByTestId('compare-selected').click();
  const view = app.getByTestId('compare-view');
  await expect(view.getByRole('heading', { name: '실행 비교' })).toBeVisible();
  const diff = view.getByTestId('config-diff');
  await expect(diff.getByRole('row', { name: /은닉층 1 활성화 함수/ })).toBeVisible();
  await expect(diff.getByRole('row', { name: /은닉층 2 가중치 초기화/ })).toBeVisible();
  const text = await bodyText(app);
  expect(text).not.toMatch(BARE_LAYER);
  await app.evaluate('window.scrollTo(0, 0)');
  await app.screenshot({ path: `${SCREENSHOTS}/layer-names-compare.png`, fullPage: true });
});
