import type { Page } from '@playwright/test';
import { expect, openApp, screenshot, test } from './fixtures';
import { connectService } from './service-client';
import { startSlowLink } from './slow-link';

/**
 * Issue 15, "Nothing typed is lost, nothing silently overwritten": an answer typed just before a
 * reload is there after it, and two windows editing the same answer never overwrite each other
 * unseen. Each test has a question of its own (05-overfitting), so they do not meet other tests'.
 */

const SHEET = '05-overfitting';

async function openSheet(page: Page): Promise<void> {
  await page.getByTestId('nav-labs').click();
  await page.getByTestId(`open-sheet-${SHEET}`).click();
  await expect(page.getByTestId('sheet-questions')).toBeVisible();
}

test('an answer typed and reloaded at once, with no pause, is all there after the reload', async ({ page }) => {
  // Over a link whose answers come late, the reload comes while the last keys' save still waits
  // behind one in flight: only the flush on pagehide sends it (on the loopback link the saves are
  // answered between keystrokes, and the test would pass without the flush).
  const link = await startSlowLink(process.env.NNLAB_E2E_URL!, 3000);
  const problems: string[] = [];
  await openApp(page, link.url, problems);
  await openSheet(page);
  const answer = 'L1은 작은 가중치를 0으로 만들고, L2는 모두 고르게 줄입니다 (typed key by key)';
  const field = page.getByTestId('answer-l1-vs-l2');
  // Key by key: saves are under way while the next keys come, the last ones wait behind them.
  await field.pressSequentially(answer.slice(0, -12));
  // The last keys and the reload in one task of the page, so that a value is waiting when it goes.
  const reloaded = page.waitForEvent('load');
  // (A script of the page's own, as text: these tests are type-checked without the DOM's types.)
  await page.evaluate(`(() => {
    const field = document.querySelector('[data-testid="answer-l1-vs-l2"]');
    for (const key of ${JSON.stringify(answer.slice(-12))}) {
      field.value += key;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    location.reload();
  })()`);
  await reloaded;

  await openSheet(page);
  await expect(page.getByTestId('answer-l1-vs-l2')).toHaveValue(answer);
  const service = await connectService();
  expect((await service.call('getLabNotebook', SHEET))['answer:l1-vs-l2']).toBe(answer);
  await service.close();
  await link.close();
  expect(problems, 'the page logged errors').toEqual([]);
});

test('the state line says saved (저장됨) once the answer is stored', async ({ app }) => {
  await openSheet(app);
  await app.getByTestId('answer-batchnorm-overfit').fill('배치 정규화만으로는 과적합을 막지 못합니다');
  await expect(app.getByTestId('answer-state-batchnorm-overfit')).toHaveText('저장됨');
});

test('two windows editing the same answer: the later save is refused, shows both texts, and keeps what the student chooses; nothing is lost', async ({ app, browser }) => {
  // A second window of its own (another browser profile): nothing tells it of the first's saves but the store.
  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const second = await other.newPage();
  await second.goto(process.env.NNLAB_E2E_URL!);
  await openSheet(second);
  await openSheet(app);

  const first = '드롭아웃은 시험 때 끕니다 (첫 번째 창)';
  await app.getByTestId('answer-dropout-test').fill(first);
  await expect(app.getByTestId('answer-state-dropout-test')).toContainText('저장됨');

  const later = '시험 때는 모든 뉴런을 씁니다 (두 번째 창)';
  await second.getByTestId('answer-dropout-test').fill(later);
  const conflict = second.getByTestId('answer-conflict-dropout-test');
  await expect(conflict).toBeVisible();
  await expect(second.getByTestId('conflict-mine-dropout-test')).toHaveText(later);
  await expect(second.getByTestId('conflict-theirs-dropout-test')).toHaveText(first);
  await expect(second.getByTestId('answer-state-dropout-test')).not.toHaveText('저장됨');
  await screenshot(second, 'answers-conflict');

  // Until the student chooses, the store keeps the first window's text.
  const service = await connectService();
  expect((await service.call('getLabNotebook', SHEET))['answer:dropout-test']).toBe(first);

  await second.getByTestId('conflict-keep-both-dropout-test').click();
  await expect(conflict).toHaveCount(0);
  await expect(second.getByTestId('answer-dropout-test')).toHaveValue(`${first}\n\n${later}`);
  await expect(second.getByTestId('answer-state-dropout-test')).toHaveText('저장됨');
  expect((await service.call('getLabNotebook', SHEET))['answer:dropout-test']).toBe(`${first}\n\n${later}`);

  // The first window, typing on over its older text, is told in turn, and may keep its own.
  await app.getByTestId('answer-dropout-test').fill(`${first}!`);
  await expect(app.getByTestId('conflict-theirs-dropout-test')).toHaveText(`${first}\n\n${later}`);
  await expect(app.getByTestId('conflict-mine-dropout-test')).toHaveText(`${first}!`);
  await app.getByTestId('conflict-keep-mine-dropout-test').click();
  await expect(app.getByTestId('answer-state-dropout-test')).toHaveText('저장됨');
  expect((await service.call('getLabNotebook', SHEET))['answer:dropout-test']).toBe(`${first}!`);
  await service.close();
  await other.close();
});

test('a second tab of the same browser shows an answer saved in the first without a reload', async ({ app }) => {
  const tab = await app.context().newPage();
  await tab.goto(process.env.NNLAB_E2E_URL!);
  await openSheet(tab);
  await openSheet(app);
  const text = '검증 손실이 다시 오르기 시작할 때 멈춥니다';
  await app.getByTestId('answer-which-remedy').fill(text);
  await expect(app.getByTestId('answer-state-which-remedy')).toContainText('저장됨');
  await expect(tab.getByTestId('answer-which-remedy')).toHaveValue(text);
  await tab.close();
});
