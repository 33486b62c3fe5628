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

  // Its spec as a new run: the copy is named in Korean, the stored run keeps its name.
  await page.getByTestId('replay-use-spec').click();
  await expect(page.getByTestId('start')).toBeVisible();
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-state')).toHaveText(/완료/, { timeout: 90_000 });
  await page.getByTestId('nav-runs').click();
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText(`${PRESET_TITLE} (사본)`);
  await expect(rows.nth(1)).toContainText(PRESET_TITLE);
  await expect(rows.nth(1)).not.toContainText('(사본)');
  expect(await englishOnScreen(page), 'history with a copy').toEqual([]);
  expect(problems).toEqual([]);
});

test('a CSV file the Korean UI cannot read is explained in Korean; quoted decimal commas are read', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await expect(page.getByTestId('start')).toBeVisible();
  const csv = page.getByTestId('csv-input');
  const message = page.getByTestId('csv-message');

  await csv.setInputFiles({ name: '점.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFFx1;x2;label\r\n0,5;1;0\r\n2;3;0,5\r\n', 'utf8') });
  await expect(message).toHaveText('점.csv를 읽지 못했습니다: 3번째 줄, 클래스 번호 열: 0.5는 정수가 아닙니다: 클래스 번호는 0, 1, 2, …(또는 -1과 1)입니다');
  // The file's own name is the student's text; every word around it is the app's.
  expect(latinWordsOutsideGlossary((await message.textContent())!.replace('점.csv', ''))).toEqual([]);

  await csv.setInputFiles({ name: 'quotes.csv', mimeType: 'text/csv', buffer: Buffer.from('1,2,0\n"3,4,1\n', 'utf8') });
  await expect(message).toContainText('2번째 줄: 따옴표(")로 연 칸이 닫히지 않았습니다');
  expect(latinWordsOutsideGlossary((await message.textContent())!.replace('quotes.csv', ''))).toEqual([]);

  await csv.setInputFiles({ name: 'comma.csv', mimeType: 'text/csv', buffer: Buffer.from('"1,5","2,5",0\n"-1,5","0,5",1\n"0,25","-2",0\n3,4,1\n', 'utf8') });
  await expect(message).toHaveText('comma.csv: 점 4개, 클래스 2개');
});
