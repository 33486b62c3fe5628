import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latinWordsOutsideGlossary } from '../../engine/lab/glossary';
import { presetTag } from '../../engine/lab/preset-tag';
import { SCREENSHOTS } from './fixtures';
import { connectService } from './service-client';
import { startHost, type StartedHost } from './start-host';

/**
 * Issue 15, "nothing English in the Korean UI": the build screen, the history with a preset's run,
 * compare and replay, in Korean, show no Latin-script word outside the accepted terms (ReLU,
 * Xavier, MNIST, CSV, NN Lab, …: engine/lab/glossary.ts). On its own host and database, so every
 * run on screen is one this test started (names people type are theirs, in any script).
 */
const PRESET = 'backprop-lecture-network';
const PRESET_TITLE = '역전파 되짚어보기: 강의의 2-2-1 신경망';
let dir: string;
let host: StartedHost;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-words-'));
  host = await startHost(['--db', join(dir, 'words.db')]);
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The English the screen shows (document.body.innerText), word by word with where it stands. */
async function englishOnScreen(page: Page): Promise<string[]> {
  const text = (await page.evaluate('document.body.innerText')) as string;
  return text.split('\n').flatMap((line) => latinWordsOutsideGlossary(line).map((word) => `"${word}" in "${line.trim()}"`));
}

test('the Korean build screen, history with a preset run, compare and replay show no English word', async ({ page }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(host.url);
  await expect(page.getByTestId('start')).toBeVisible();

  // The build screen as it opens, then with a ReLU network trained (an automatic name: no name typed).
  expect(await englishOnScreen(page), 'build screen').toEqual([]);
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('activation-0').selectOption('relu');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-state')).toHaveText(/완료/, { timeout: 90_000 });
  expect(await englishOnScreen(page), 'build screen after a run').toEqual([]);

  // The lecture's 2-2-1 network from the preset menu, tagged as the lab sheet tags its runs.
  await page.getByTestId('preset-select').selectOption(PRESET);
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-state')).toHaveText(/완료/, { timeout: 90_000 });
  const service = await connectService(host.url);
  const runs = await service.call('listRuns');
  const presetRun = runs.find((run) => run.name === PRESET_TITLE);
  expect(presetRun, 'the preset run is named by its Korean title').toBeDefined();
  await service.call('setRunTags', presetRun!.id, [presetTag(PRESET)]);
  await service.close();

  await page.getByTestId('nav-runs').click();
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(PRESET_TITLE);
  // Its data under its own name, not as a CSV of the student's.
  await expect(rows.nth(0)).toContainText('강의 슬라이드의 입력 (1, −1)');
  await expect(rows.nth(0).getByTestId('tag-chip')).toContainText(PRESET_TITLE);
  expect(await englishOnScreen(page), 'history').toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/korean-words-history.png`, fullPage: true });

  await rows.nth(0).getByTestId('select-run').check();
  await rows.nth(1).getByTestId('select-run').check();
  await page.getByTestId('compare-selected').click();
  await expect(page.getByTestId('compare-view').getByRole('heading', { name: '실행 비교' })).toBeVisible();
  await expect(page.getByTestId('config-diff')).toBeVisible();
  expect(await englishOnScreen(page), 'compare').toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/korean-words-compare.png`, fullPage: true });

  await page.getByTestId('nav-runs').click();
  await rows.nth(0).getByTestId('open-run').click();
  await expect(page.getByTestId('replay-name')).toHaveText(PRESET_TITLE);
  expect(await englishOnScreen(page), 'replay').toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/korean-words-replay.png`, fullPage: true });
  expect(problems).toEqual([]);
});
