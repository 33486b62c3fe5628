import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedHistory, seededName, seededTestAccuracy } from '../fixtures/seed-history';
import { SCREENSHOTS } from './fixtures';
import { startHost, type StartedHost } from './start-host';

/**
 * The run history at 10,000 runs, through the browser host on its own seeded database: the table
 * holds one page of rows whatever the history's size, pages and sorts over the whole history,
 * searches narrow it, and "select all" selects every matching run without loading their rows.
 */
const COUNT = 10_000;
let dir: string;
let host: StartedHost;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-scale-'));
  seedHistory(join(dir, 'scale.db'), COUNT);
  host = await startHost(['--db', join(dir, 'scale.db')]);
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (page: Page) => page.getByTestId('run-row');
const firstName = (page: Page) => rows(page).first().getByTestId('run-name');

test('10,000 runs: one page of rows, pages, sort, search and select all over the whole history', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await page.getByTestId('nav-runs').click();

  // One page of 50 rows, newest first, and where it stands in the 10,000.
  await expect(page.getByTestId('history-count')).toHaveText('전체 10,000개 중 10,000개');
  await expect(rows(page)).toHaveCount(50);
  await expect(firstName(page)).toHaveText(seededName(COUNT - 1));
  await expect(page.getByTestId('page-range')).toHaveText('1–50번째 (모두 10,000개)');
  await expect(page.getByTestId('page-count')).toHaveText('/ 200 페이지');
  await expect(page.getByTestId('page-previous')).toBeDisabled();

  // Later pages: the next one (from the keyboard), the last, one typed in.
  await page.getByTestId('page-next').focus();
  await page.keyboard.press('Enter');
  await expect(firstName(page)).toHaveText(seededName(COUNT - 51));
  await expect(page.getByTestId('page-input')).toHaveValue('2');
  await page.getByTestId('page-last').click();
  await expect(firstName(page)).toHaveText(seededName(49));
  await expect(rows(page).last().getByTestId('run-name')).toHaveText(seededName(0));
  await expect(page.getByTestId('page-next')).toBeDisabled();
  await page.getByTestId('page-input').fill('100');
  await page.getByTestId('page-input').press('Enter');
  await expect(firstName(page)).toHaveText(seededName(COUNT - 1 - 99 * 50));
  await expect(page.getByTestId('page-range')).toHaveText('4,951–5,000번째 (모두 10,000개)');
  await page.getByTestId('page-size').selectOption('100');
  await expect(rows(page)).toHaveCount(100);
  await expect(page.getByTestId('page-count')).toHaveText('/ 100 페이지');
  await page.getByTestId('page-size').selectOption('50');
  await expect(rows(page)).toHaveCount(50);

  // Sorting is over the whole history and starts again at page 1: the best run of the 10,000 first.
  const best = Array.from({ length: COUNT }, (_, i) => i).reduce((a, b) => (seededTestAccuracy(b, COUNT) > seededTestAccuracy(a, COUNT) ? b : a));
  await page.getByTestId('sort-finalTestAccuracy').click();
  await expect(firstName(page)).toHaveText(seededName(best));
  await expect(page.getByTestId('page-input')).toHaveValue('1');
  await page.getByTestId('sort-createdAt').click();
  await expect(firstName(page)).toHaveText(seededName(COUNT - 1));

  // A search narrows the whole history to its ten matches, on one page (no page controls).
  await page.getByTestId('history-search').fill('run-0004');
  await expect(rows(page)).toHaveCount(10);
  await expect(page.getByTestId('history-count')).toHaveText('전체 10,000개 중 10개');
  await expect(firstName(page)).toHaveText(seededName(49));
  await expect(page.getByTestId('pagination')).toHaveCount(0);
  await page.getByTestId('history-search').fill('');
  await expect(rows(page)).toHaveCount(50);

  // Select all: the header box (from the keyboard) takes this page; the banner offers all 10,000.
  await page.getByTestId('select-all').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('selection-count')).toHaveText('50개 선택됨');
  await expect(page.getByTestId('select-all-banner')).toContainText('이 페이지의 50개를 모두 선택했습니다.');
  await page.getByTestId('select-all-matching').click();
  await expect(page.getByTestId('selection-count')).toHaveText('10,000개 선택됨');
  await expect(page.getByTestId('select-all-banner')).toContainText('기록의 10,000개를 모두 선택했습니다.');
  // Still one page of rows; compare and export say their limits instead of failing.
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByTestId('compare-selected')).toBeDisabled();
  await expect(page.getByTestId('selection-bar')).toContainText('한 번에 120개까지 비교할 수 있습니다');
  await expect(page.getByTestId('export-limit')).toHaveText('내보내기는 한 번에 64개까지 할 수 있습니다');
  await expect(page.getByTestId('export-runs')).toBeDisabled();
  await page.screenshot({ path: `${SCREENSHOTS}/history-10000-runs-ko-1366.png` });
  await page.getByTestId('pagination').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/history-10000-runs-ko-1366-pages.png` });
  // Every page's rows are ticked.
  await page.getByTestId('page-next').click();
  await expect(firstName(page)).toHaveText(seededName(COUNT - 51));
  await expect(rows(page).getByTestId('select-run').and(page.locator(':checked'))).toHaveCount(50);
  // Unticking one run leaves 9,999.
  await rows(page).first().getByTestId('select-run').uncheck();
  await expect(page.getByTestId('selection-count')).toHaveText('9,999개 선택됨');
  await expect(page.getByTestId('select-all')).toHaveJSProperty('indeterminate', true);
  await page.getByTestId('selection-bar').getByRole('button', { name: '선택 해제' }).click();
  await expect(page.getByTestId('selection-count')).toHaveText('0개 선택됨');

  // With a filter, select all takes the matching runs only.
  await page.getByTestId('filter-tag').selectOption('week-3');
  await expect(page.getByTestId('history-count')).toHaveText('전체 10,000개 중 1,000개');
  await page.getByTestId('select-all').check();
  await page.getByTestId('select-all-matching').click();
  await expect(page.getByTestId('selection-count')).toHaveText('1,000개 선택됨');
  await expect(page.getByTestId('select-all-banner')).toContainText('조건에 맞는 1,000개를 모두 선택했습니다.');
  await page.getByTestId('clear-selection-all').click();
  await expect(page.getByTestId('selection-count')).toHaveText('0개 선택됨');
  await page.getByTestId('clear-filters').click();

  // Runs picked on two pages export together.
  await rows(page).nth(0).getByTestId('select-run').check();
  await page.getByTestId('page-next').click();
  await expect(firstName(page)).toHaveText(seededName(COUNT - 51));
  await rows(page).nth(0).getByTestId('select-run').check();
  await expect(page.getByTestId('selection-count')).toHaveText('2개 선택됨');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-runs').click();
  expect((await download).suggestedFilename()).toMatch(/^nnlab-runs-\d{8}\.nnlab$/);
  await expect(page.getByTestId('history-notice')).toContainText('(2개 실행)');

  expect(problems, 'the page logged errors').toEqual([]);
});
