import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test, waitForEnd } from './fixtures';

/**
 * The run history and the replay screen, on runs trained through the build screen. The suite's
 * database is shared with the other files, so this file names its runs with a tag of its own and
 * finds them by searching for it.
 */
const MARK = `hr${Date.now().toString(36)}`;
const TANH = `${MARK} tanh`;
const RELU = `${MARK} relu`;

/** Trains the default circle network (2-4-2-2) for 8 epochs (200 steps), with tanh or ReLU hidden layers. */
async function trainCircle(app: Page, activation: 'tanh' | 'relu'): Promise<void> {
  await app.getByTestId('nav-build').click();
  await app.getByTestId('epochs').fill('8');
  await app.getByTestId('activation-0').selectOption(activation);
  await app.getByTestId('activation-1').selectOption(activation);
  await expect(app.getByTestId('estimate')).toContainText('단계');
  await app.getByTestId('start').click();
  await expect(app.getByTestId('run-tab').filter({ hasText: activation })).toBeVisible();
  await waitForEnd(app);
}

/** The history's row for a run named exactly `name`. */
function row(app: Page, name: string): Locator {
  return app.getByTestId('run-row').filter({ has: app.getByTestId('run-name').getByText(name, { exact: true }) });
}

/** Opens the notes and actions under a run's row (left open if they are). */
async function openDetails(app: Page, name: string): Promise<Locator> {
  const more = row(app, name).getByTestId('run-more');
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  return app.getByTestId('run-details');
}

/** Renames the run of a row inline (Enter saves), by the row's run id: its name cell turns into a field meanwhile. */
async function rename(app: Page, from: Locator, to: string): Promise<void> {
  const runId = await from.getAttribute('data-run-id');
  const target = app.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
  await target.getByTestId('run-more').click();
  await app.getByTestId('run-details').getByTestId('rename-run').click();
  await target.getByTestId('rename-input').fill(to);
  await target.getByTestId('rename-input').press('Enter');
  await expect(target.getByTestId('run-name')).toHaveText(to);
  await target.getByTestId('run-more').click();
}

/** Names of the rows shown, top to bottom. */
const shownNames = (app: Page) => app.getByTestId('run-name').allTextContents();

test.describe.configure({ mode: 'serial' });

test('the run history: rename, search, sort, tag, notes, export, delete with confirmation, import', async ({ app }, testInfo) => {
  await trainCircle(app, 'tanh');
  await trainCircle(app, 'relu');

  await app.getByTestId('nav-runs').click();
  await expect(app.getByRole('heading', { name: '실행 기록' })).toBeVisible();
  // Newest first: the two runs just trained, with their summaries.
  const newest = app.getByTestId('run-row');
  await expect(newest.nth(0)).toContainText('2-4-2-2');
  // Named in the UI's language, activations as the lecture writes them (no name was typed).
  await expect(newest.nth(0)).toContainText('원, ReLU');
  await expect(newest.nth(0).getByTestId('status-badge')).toHaveText('완료');
  await expect(newest.nth(1)).toContainText('tanh');
  await expect(newest.nth(0)).toContainText('원');
  await rename(app, newest.nth(0), RELU);
  await rename(app, row(app, '원, tanh').first(), TANH);

  // Search finds this file's runs by name; sorting by name flips with a second click.
  await app.getByTestId('history-search').fill(MARK);
  await expect(app.getByTestId('run-row')).toHaveCount(2);
  await expect(app.getByTestId('history-count')).toContainText('중 2개');
  await app.getByTestId('sort-name').click();
  await expect.poll(() => shownNames(app)).toEqual([RELU, TANH]);
  await app.getByTestId('sort-name').click();
  await expect.poll(() => shownNames(app)).toEqual([TANH, RELU]);
  await expect(app.getByRole('columnheader', { name: /이름/ })).toHaveAttribute('aria-sort', 'descending');

  // Tags: add one, filter by it.
  await row(app, TANH).getByTestId('add-tag').click();
  await row(app, TANH).getByTestId('tag-input').fill('1주차');
  await row(app, TANH).getByTestId('tag-input').press('Enter');
  await expect(row(app, TANH).getByTestId('tag-chip')).toHaveText(/1주차/);
  await app.getByTestId('history-search').fill('');
  await app.getByTestId('filter-tag').selectOption('1주차');
  await expect.poll(() => shownNames(app)).toEqual([TANH]);
  await app.getByTestId('clear-filters').click();
  await app.getByTestId('history-search').fill(MARK);
  await expect(app.getByTestId('run-row')).toHaveCount(2);

  // A change made in another window (the service pushes runs-changed) shows here without a reload.
  const other = await app.context().newPage();
  await other.goto(process.env.NNLAB_E2E_URL!);
  await other.getByTestId('nav-runs').click();
  await row(other, RELU).getByTestId('add-tag').click();
  await row(other, RELU).getByTestId('tag-input').fill('2반');
  await row(other, RELU).getByTestId('tag-input').press('Enter');
  await expect(row(app, RELU).getByTestId('tag-chip')).toHaveText(/2반/);
  await other.close();

  // Notes, kept with the run.
  const details = await openDetails(app, RELU);
  await details.getByTestId('notes-input').fill('ReLU가 tanh보다 빨리 학습했다');
  await details.getByTestId('notes-save').click();
  await expect(details.getByRole('status')).toHaveText('메모를 저장했습니다');
  await expect(row(app, RELU)).toContainText('ReLU가 tanh보다 빨리 학습했다');
  await screenshot(app, 'history-01-table-ko');
  // The desktop app's default window is 1280 wide: the table still fits.
  await app.setViewportSize({ width: 1280, height: 800 });
  await screenshot(app, 'history-01-table-1280');
  await app.setViewportSize({ width: 1440, height: 900 });

  // Select to compare: one is too few, two can go.
  await row(app, RELU).getByTestId('select-run').check();
  await expect(app.getByTestId('compare-selected')).toBeDisabled();
  await expect(app.getByTestId('selection-bar')).toContainText('2개 이상');
  await row(app, TANH).getByTestId('select-run').check();
  await expect(app.getByTestId('selection-count')).toHaveText('2개 선택됨');
  await expect(app.getByTestId('compare-selected')).toBeEnabled();

  // Metrics as CSV, for a spreadsheet (UTF-8 with a byte order mark for Excel).
  const csvDownload = app.waitForEvent('download');
  await app.getByTestId('export-csv').click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^nnlab-metrics-\d{8}\.csv$/);
  const csvText = readFileSync(await csv.path(), 'utf8');
  expect(csvText.startsWith('\uFEFFrun_id,run_name,kind,step')).toBe(true);
  expect(csvText).toContain(RELU);

  // Export the ReLU run alone to a run file.
  await row(app, TANH).getByTestId('select-run').uncheck();
  const fileDownload = app.waitForEvent('download');
  await app.getByTestId('export-runs').click();
  const exported = await fileDownload;
  expect(exported.suggestedFilename()).toMatch(/^nnlab-runs-\d{8}\.nnlab$/);
  const runFile = testInfo.outputPath(exported.suggestedFilename());
  await exported.saveAs(runFile);
  await expect(app.getByTestId('history-notice')).toContainText('1개 실행');

  // Delete it: the dialog asks first; cancelling keeps it.
  await openDetails(app, RELU);
  await app.getByTestId('delete-run').click();
  const dialog = app.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(RELU);
  await screenshot(app, 'history-02-delete-confirm');
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(row(app, RELU)).toHaveCount(1);
  await app.getByTestId('delete-run').click();
  await app.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
  await expect(row(app, RELU)).toHaveCount(0);
  await expect(app.getByTestId('history-notice')).toContainText('삭제했습니다');
  await expect(app.getByTestId('selection-count')).toHaveText('0개 선택됨');

  // Import the file: the run comes back with its notes; importing it again skips it, saying why.
  await app.getByTestId('import-input').setInputFiles(runFile);
  await expect(app.getByTestId('import-summary')).toHaveText('파일 1개: 1개를 가져왔습니다 (실행 1개)');
  await expect(row(app, RELU)).toContainText('ReLU가 tanh보다 빨리 학습했다');
  await app.getByTestId('import-input').setInputFiles(runFile);
  await expect(app.getByTestId('import-summary')).toHaveText('파일 1개: 1개는 이미 있었습니다');
  await expect(app.getByTestId('import-line-text')).toHaveText([/: 이미 있는 실행 1개는 건너뛰었습니다$/]);
  await screenshot(app, 'history-03-import-skipped');

  // A file that is not a run file says so, and changes nothing.
  await app.getByTestId('import-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a run file') });
  await expect(app.getByTestId('import-line-text')).toContainText('“notes.txt”를 가져오지 못했습니다: NN Lab 실행 파일이 아닙니다');
  await expect(app.getByTestId('run-row')).toHaveCount(2);

  // Filters that match nothing say so, with a way back.
  await app.getByTestId('history-search').fill(`${MARK}-nothing`);
  await expect(app.getByTestId('history-no-match')).toBeVisible();
  await app.getByTestId('history-no-match').getByRole('button').click();
  await expect(app.getByTestId('history-search')).toHaveValue('');

  // The table in English.
  await app.getByTestId('history-search').fill(MARK);
  await app.getByTestId('language').click();
  await expect(app.getByRole('heading', { name: 'Run history' })).toBeVisible();
  await expect(row(app, TANH).getByTestId('status-badge')).toHaveText('Completed');
  await screenshot(app, 'history-04-table-en');
  await app.getByTestId('language').click();

  // Duplicate as a new spec: the build screen opens with its settings.
  await openDetails(app, RELU);
  await app.getByTestId('duplicate-run').click();
  await expect(app.getByTestId('start')).toBeVisible();
  await expect(app.getByTestId('activation-0')).toHaveValue('relu');
  await expect(app.getByTestId('epochs')).toHaveValue('8');
});

test('replay a stored run to a chosen step, then re-run it and see it is identical', async ({ app }) => {
  await app.getByTestId('nav-runs').click();
  await app.getByTestId('history-search').fill(MARK);
  await expect(row(app, TANH)).toHaveCount(1);
  const before = Number(/전체 (\d+)개/.exec((await app.getByTestId('history-count').textContent())!)![1]);
  await row(app, TANH).getByTestId('open-run').click();

  // The run's summary, and every chart as at the end of training.
  await expect(app.getByTestId('replay-name')).toHaveText(TANH);
  await expect(app.getByTestId('replay-summary')).toContainText('2-4-2-2');
  await expect(app.getByTestId('replay-summary')).toContainText('1주차');
  await expect(app.getByTestId('replay-final')).toContainText('시험 손실');
  await expect(app.getByTestId('replay-progress')).toHaveText('200/200 단계 · 에폭 8');
  for (const chart of ['chart-loss', 'chart-accuracy', 'chart-gradients', 'chart-health', 'chart-activations', 'chart-weights', 'chart-boundary', 'chart-confusion']) {
    await expect(app.getByTestId(chart).locator('canvas').first()).toBeVisible();
  }
  // The network drawing is read-only: neuron pictures, no buttons.
  const diagram = app.getByTestId('network-diagram');
  await expect(diagram.locator('image')).not.toHaveCount(0);
  await expect(diagram.getByRole('button')).toHaveCount(0);
  await expect(app.getByTestId('layer-card-0')).toHaveCount(0);

  // Scrub to step 100: halfway, epoch 4; the charts redraw.
  const updates = async () => Number(await app.getByTestId('chart-loss').locator('[data-updates]').getAttribute('data-updates'));
  const drawn = await updates();
  await app.getByTestId('replay-scrubber').fill('100');
  await expect(app.getByTestId('replay-progress')).toHaveText('100/200 단계 · 에폭 4');
  // A chart out of view is drawn when it comes into view (Chart.svelte, issue 15).
  await app.getByTestId('chart-loss').scrollIntoViewIfNeeded();
  await expect.poll(updates).toBeGreaterThan(drawn);
  await expect(diagram.locator('image')).not.toHaveCount(0);
  await screenshot(app, 'replay-01-step-100');
  // The time axis works in the replay too: the loss over the seconds its steps recorded (issue 16).
  await app.getByTestId('curve-axis-time').check();
  const loss = app.getByTestId('chart-loss');
  await loss.getByTestId('chart-data-toggle').click();
  await expect(loss.getByTestId('chart-data-table').locator('thead th')).toHaveText(['시간(초)', '배치 손실', '훈련 손실', '시험 손실']);
  await loss.getByTestId('chart-data-toggle').click();

  // Play from there at 1000 steps/s: it reaches the end and stops.
  await app.getByTestId('replay-speed').selectOption('1000');
  await app.getByTestId('replay-play').click();
  await expect(app.getByTestId('replay-progress')).toHaveText('200/200 단계 · 에폭 8');
  await expect(app.getByTestId('replay-play')).toContainText('재생');
  // Back to the start, then a slow play that is paused on the way.
  await app.getByTestId('replay-start').click();
  await expect(app.getByTestId('replay-progress')).toHaveText('0/200 단계 · 에폭 0');
  await app.getByTestId('replay-speed').selectOption('10');
  await app.getByTestId('replay-play').click();
  await expect(app.getByTestId('replay-play')).toContainText('일시정지');
  await expect(app.getByTestId('replay-progress')).not.toHaveText('0/200 단계 · 에폭 0');
  await app.getByTestId('replay-play').click();
  await expect(app.getByTestId('replay-play')).toContainText('재생');

  // Re-run: same spec, same seed, bit for bit.
  await app.getByTestId('rerun').click();
  await expect(app.getByTestId('rerun-result')).toHaveText('동일 ✔ (200단계, 비트 단위까지 같음)', { timeout: 90_000 });
  await screenshot(app, 'replay-02-rerun-identical');

  // The new run is in the history, and opens in the replay.
  await app.getByTestId('open-rerun').click();
  await expect(app.getByTestId('replay-progress')).toHaveText('200/200 단계 · 에폭 8');
  await app.getByTestId('replay-back').click();
  await expect(app.getByTestId('history-count')).toContainText(`전체 ${before + 1}개`);
});

test('a replayed MNIST run shows its digits and confusion matrix as they were', async ({ app }) => {
  // The lecture's He + ReLU network on 2,000 images for 300 steps.
  await app.getByTestId('preset-select').selectOption('init-mnist-he');
  await app.getByTestId('mnist-train-size').fill('2000');
  await app.getByLabel('시험 이미지 수').fill('500');
  await app.getByTestId('iterations').fill('300');
  await app.getByTestId('start').click();
  await waitForEnd(app);

  await app.getByTestId('nav-runs').click();
  await app.getByTestId('run-row').first().getByTestId('open-run').click();
  await expect(app.getByTestId('replay-summary')).toContainText('784-100×4-10');
  await expect(app.getByTestId('digit-grid').locator('li')).toHaveCount(32);
  await expect(app.getByTestId('chart-confusion').locator('canvas').first()).toBeVisible();
  await expect(app.getByTestId('network-diagram')).toContainText('784-100-100-100-100-10');
  await app.getByTestId('replay-scrubber').fill('120');
  await expect(app.getByTestId('replay-progress')).toContainText('120/300');
  await expect(app.getByTestId('chart-activations').locator('canvas').first()).toBeVisible();
  await screenshot(app, 'replay-03-mnist-step-120');
});
