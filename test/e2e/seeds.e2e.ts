import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectService } from './service-client';
import { expect, SCREENSHOTS, test } from './fixtures';
import { startHost, type StartedHost } from './start-host';

test.use({ viewport: { width: 1366, height: 768 } });

test('the builder starts a 3-seed group: three runs, seeds 1–3, one group', async ({ app }) => {
  await app.getByTestId('epochs').fill('5');
  const seeds = app.getByTestId('seeds');
  await expect(seeds).toHaveValue('1');
  await seeds.fill('3');
  // The estimate counts the runs the pool trains at a time.
  await expect(app.getByTestId('estimate')).toContainText('3개 시드');
  await app.evaluate('window.scrollTo(0, 0)');
  await app.screenshot({ path: `${SCREENSHOTS}/seeds-01-builder-ko.png` });
  await seeds.fill('21');
  await expect(app.getByRole('alert').filter({ hasText: '시드 수는 1에서 20 사이의 정수여야 합니다' })).toBeVisible();
  await expect(app.getByTestId('start')).toBeDisabled();
  await seeds.fill('3');
  await app.getByTestId('start').click();

  const tabs = app.getByTestId('run-tab');
  await expect(tabs).toHaveCount(3);
  for (const seed of [1, 2, 3]) await expect(tabs.nth(seed - 1)).toContainText(`원, tanh · 시드 ${seed}`);
  const groupId = await tabs.first().getAttribute('data-group');
  expect(groupId).toMatch(/^[0-9a-f-]{36}$/);
  for (let i = 0; i < 3; i++) await expect(tabs.nth(i)).toHaveAttribute('data-group', groupId!);

  const service = await connectService();
  try {
    await expect.poll(async () => (await service.call('listRuns', { groupId: groupId! })).filter((r) => r.status === 'completed').length, { timeout: 60_000 }).toBe(3);
    const runs = await service.call('listRuns', { groupId: groupId! });
    expect(runs.map((r) => r.seed).sort()).toEqual([1, 2, 3]);
  } finally {
    await service.close();
  }
  await app.evaluate('window.scrollTo(0, 0)');
  await app.screenshot({ path: `${SCREENSHOTS}/seeds-02-builder-group-ko.png` });
});

/**
 * A history of its own: the sheet's prediction must still be open, and on the suite's shared
 * history another test may have run the sheet already (a started run fixes the prediction).
 */
let dir: string;
let host: StartedHost | null = null;
test.afterAll(async () => {
  await host?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function freshApp(page: Page, problems: string[]): Promise<Page> {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-seeds-e2e-'));
  host = await startHost(['--db', join(dir, 'sheet.db')]);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(host.url);
  await expect(page.getByTestId('start')).toBeVisible();
  return page;
}

test('a lab sheet runs a step over 3 seeds and says on how many the claim held, each seed’s verdict at hand', async ({ page }) => {
  const problems: string[] = [];
  const app = await freshApp(page, problems);
  await app.getByTestId('nav-labs').click();
  await app.getByTestId('open-sheet-backprop').click();
  await app.getByTestId('choice-backprop-one-update-smaller').check();
  await app.getByTestId('save-prediction-backprop-one-update').click();
  await app.getByTestId('seeds-step-3').selectOption('3');
  await expect(app.getByTestId('seeds-step-3')).toHaveValue('3');
  await app.getByTestId('sheet-step-3').scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${SCREENSHOTS}/seeds-03-sheet-choice-ko.png` });
  await app.getByTestId('run-step-3').click();

  const row = app.getByTestId('sheet-run-backprop-lecture-network');
  await expect(row).toHaveAttribute('data-seeds', '3');
  await expect(app.getByTestId('sheet-run-status-backprop-lecture-network')).toHaveText('3/3개 끝남', { timeout: 60_000 });
  await expect(app.getByTestId('sheet-check-backprop-lecture-network')).toContainText('3개 시드 중 3개에서 재현');
  await expect(app.getByTestId('sheet-check-backprop-lecture-network')).toContainText('중앙값 0.0860');
  const perSeed = app.getByTestId('seed-verdicts-backprop-lecture-network');
  await perSeed.locator('summary').click();
  await expect(perSeed.locator('li')).toHaveCount(3);
  await expect(perSeed.locator('li').first()).toContainText('시드 42');
  await expect(app.getByTestId('verdict-backprop-one-update')).toContainText('3개 시드 중 3개에서 재현');
  // The key number names its run by the preset's title, not its id.
  await expect(app.getByTestId('verdict-backprop-one-update')).not.toContainText('backprop-lecture-network');
  await app.getByTestId('sheet-step-3').scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${SCREENSHOTS}/seeds-04-sheet-verdict-ko.png` });
  expect(problems, 'the page logged errors').toEqual([]);
});
