import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistory } from '../../engine/history/run-history';
import { openPack } from '../../engine/service/class-files';
import { makeClassPack, makeHandInFile } from '../fixtures/class-hand-ins';
import { openApp } from './fixtures';
import { checkScreen, countLine, describeBlocking, type ScreenCheck } from './axe';
import { startHost, type StartedHost } from './start-host';

/**
 * axe-core (WCAG 2.0/2.1 A and AA) over every screen of the app, in Korean and in English, on a
 * history of its own with a class pack and three hand-ins: no critical or serious violation
 * anywhere, nothing excluded. Each screen is checked as a student or teacher reaches it, and the
 * findings of all screens are listed together when any has one.
 */

let dir: string;
let host: StartedHost;
let handIns: { name: string; mimeType: string; buffer: Buffer }[];

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-a11y-'));
  const pack = makeClassPack('접근성 점검');
  const made = Date.now() - 60_000;
  handIns = [
    { name: '홍길동', number: '20260001', answer: 'He 초기화가 가장 빨리 배운다' },
    { name: '김민지', number: '20260002', answer: 'Xavier가 가장 빠르다' },
  ].map((student) => ({ name: `${student.number}.nnlab`, mimeType: 'application/gzip', buffer: makeHandInFile(dir, pack.data, student, student.answer, made) }));
  // The teacher made the pack, so it is in their history (as in class-import.e2e.ts).
  const teacher = openHistory(join(dir, 'teacher.db'), { instanceId: 'a11y-setup' });
  openPack(teacher, pack.data);
  teacher.close();
  host = await startHost(['--db', join(dir, 'teacher.db')]);
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Trains the default circle network for a few epochs and waits for its end. */
async function trainShort(page: Page): Promise<void> {
  await page.getByTestId('nav-build').click();
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-state')).toHaveText(/완료|Completed/, { timeout: 90_000 });
}

test('axe finds no critical or serious violation on any screen, in Korean and in English', async ({ page }) => {
  test.setTimeout(400_000);
  const problems: string[] = [];
  await openApp(page, host.url, problems);

  const checks: ScreenCheck[] = [];
  const check = async (screen: string) => checks.push(await checkScreen(page, screen));

  // The builder, then training: during a run and after it.
  await check('builder');
  await page.getByTestId('epochs').fill('100000');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-state')).toHaveText(/학습 중/);
  // Paused at once, so the stopped run stays small for the history, compare and replay below.
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText(/일시정지/);
  await check('training view, during a run (paused)');
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('run-state')).toHaveText(/중지됨/);
  await trainShort(page);
  await check('training view, after a run');

  // History, compare, replay.
  await page.getByTestId('nav-runs').click();
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await check('history');
  for (const row of await page.getByTestId('run-row').all()) await row.getByTestId('select-run').check();
  await page.getByTestId('compare-selected').click();
  await expect(page.getByTestId('compare-run-card').first()).toBeVisible();
  await check('compare');
  await page.getByTestId('compare-back').click();
  await page.getByTestId('run-row').first().getByTestId('open-run').click();
  await expect(page.getByTestId('replay-progress')).toBeVisible();
  await check('replay');

  // Labs: the list, a sheet, its report preview; the walkthrough; the probe dialog.
  await page.getByTestId('nav-labs').click();
  await expect(page.getByTestId('lab-sheets')).toBeVisible();
  await check('lab sheet list');
  await page.getByTestId('open-sheet-backprop').click();
  await expect(page.getByTestId('lab-sheet-backprop')).toBeVisible();
  await check('lab sheet (backprop)');
  await page.getByTestId('preview-report').click();
  await expect(page.getByTestId('report-document')).toBeVisible();
  await check('report preview');
  await page.getByTestId('report-close').click();
  await page.getByTestId('nav-walkthrough').click();
  await expect(page.getByTestId('walkthrough-diagram')).toBeVisible();
  await check('walkthrough');
  await page.getByTestId('open-probe').click();
  await expect(page.getByTestId('probe-dialog')).toBeVisible();
  await check('probe dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('probe-dialog')).toHaveCount(0);

  // The teacher's dialogs: a new pack, the student's name and number.
  await page.getByTestId('nav-labs').click();
  await page.getByTestId('pack-make').click();
  await expect(page.getByTestId('pack-dialog')).toBeVisible();
  await check('pack dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('pack-dialog')).toHaveCount(0);
  await page.getByTestId('student-badge').click();
  await expect(page.getByTestId('identity-dialog')).toBeVisible();
  await check('student dialog');
  await page.getByTestId('identity-later').click();
  await expect(page.getByTestId('identity-dialog')).toHaveCount(0);

  // Collecting hand-ins: the import report; then the class view, tab by tab.
  await page.getByTestId('nav-runs').click();
  await page.getByTestId('import-input').setInputFiles(handIns);
  await expect(page.getByTestId('import-summary')).toContainText('2개를 가져왔습니다');
  await check('import report');
  await page.getByTestId('class-results').click();
  await page.getByTestId('class-results-pack').click();
  await expect(page.getByTestId('class-title')).toHaveText('접근성 점검');
  await check('class view, roster');
  const tabs = page.getByTestId('class-tab');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await check(`class view, tab ${i + 1}`);
  }

  // English: the builder, history, a sheet and the probe dialog.
  await page.getByTestId('language').click();
  await page.getByTestId('nav-build').click();
  await expect(page.getByTestId('start')).toBeVisible();
  await check('builder (English)');
  await page.getByTestId('nav-runs').click();
  await expect(page.getByRole('heading', { name: 'Run history' })).toBeVisible();
  await check('history (English)');
  await page.getByTestId('nav-labs').click();
  await page.getByTestId('open-sheet-backprop').click();
  await expect(page.getByTestId('lab-sheet-backprop')).toBeVisible();
  await check('lab sheet (English)');
  await page.getByTestId('open-probe').click();
  await expect(page.getByTestId('probe-dialog')).toBeVisible();
  await check('probe dialog (English)');

  console.log(`axe, affected nodes per screen:\n${checks.map(countLine).join('\n')}`);
  const failing = checks.filter((c) => c.blocking.length > 0);
  expect(failing.map((c) => `${c.screen}:\n${describeBlocking(c)}`).join('\n\n'), 'critical or serious axe violations').toBe('');
  expect(problems, 'the page logged errors').toEqual([]);
});
