import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, SCREENSHOTS, test } from './fixtures';
import { startHost, type StartedHost } from './start-host';

/**
 * The class as a unit, every part through the app, each person on a history of their own (one
 * browser host each, as on separate lab PCs): the teacher makes a lab pack and saves its file;
 * three students open it, each predicts and answers differently, runs the pack's step and hands
 * in; the teacher imports the three files at once and finds three students on the roster, three
 * sets of answers (none overwritten), the class's band and the prediction tally, compares the
 * class's runs in one click and switches to projector mode; one student hands in again and the
 * re-import updates that student only.
 */

const SHEET = 'backprop';
const QUESTION = 'w6-needs';
const COMPARISON = 'backprop-one-update';
const PRESET = 'backprop-lecture-network';
const STUDENTS = [
  { name: '김하늘', number: '2026101', choice: 'smaller', answer: 'h1과 h2가 w6에 곱해지기 때문입니다' },
  { name: '박지우', number: '2026102', choice: 'smaller', answer: '은닉층 출력이 w6의 입력이라서' },
  { name: 'Ana Park', number: '2026103', choice: 'larger', answer: 'Because w6 multiplies them' },
] as const;
type Student = (typeof STUDENTS)[number];

let dir: string;
const hosts: StartedHost[] = [];
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-class-e2e-'));
  for (const name of ['teacher', ...STUDENTS.map((s) => s.number)]) hosts.push(await startHost(['--db', join(dir, `${name}.db`)]));
});
test.afterAll(async () => {
  for (const host of hosts) await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A page on a host, in Korean, at a lab PC's screen size, failing on console errors. */
async function openApp(browser: Browser, url: string, problems: string[]): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  await expect(page.getByTestId('start')).toBeVisible();
  return page;
}

/** The pack's card on the labs screen. */
const packCard = (page: Page) => page.locator('article').filter({ has: page.getByTestId('pack-card-title') });

/** Hands in from the labs screen; the file's bytes. */
async function handIn(page: Page): Promise<{ name: string; buffer: Buffer }> {
  await page.getByTestId('nav-labs').click();
  const download = page.waitForEvent('download');
  await packCard(page).getByTestId('pack-hand-in').click();
  const file = await download;
  await expect(packCard(page).getByTestId('hand-in-result')).toContainText('이 파일을 선생님께 내세요');
  return { name: file.suggestedFilename(), buffer: readFileSync((await file.path())!) };
}

/** A student opens the pack, gives their name, predicts, runs the step, answers and hands in. */
async function studentHandsIn(page: Page, pack: Buffer, student: Student): Promise<{ name: string; buffer: Buffer }> {
  await page.getByTestId('nav-labs').click();
  await page.getByTestId('pack-open-input').setInputFiles({ name: 'lab-backprop.nnlabpack', mimeType: 'application/octet-stream', buffer: pack });
  await expect(page.getByTestId('identity-dialog')).toBeVisible();
  await page.getByTestId('identity-name').fill(student.name);
  await page.getByTestId('identity-number').fill(student.number);
  await page.getByTestId('identity-save').click();
  await expect(page.getByTestId('student-badge')).toHaveText(`${student.name} (${student.number})`);
  await packCard(page).getByTestId(`pack-open-sheet-${SHEET}`).click();
  await expect(page.getByTestId('sheet-pack')).toHaveText('실습 묶음 ‘역전파 복습’');
  await page.getByTestId(`choice-${COMPARISON}-${student.choice}`).check();
  await page.getByTestId(`save-prediction-${COMPARISON}`).click();
  await page.getByTestId('run-step-3').click();
  await expect(page.getByTestId(`sheet-run-status-${PRESET}`)).toHaveText('완료', { timeout: 60_000 });
  await page.getByTestId(`answer-${QUESTION}`).fill(student.answer);
  await expect(page.getByTestId(`answer-state-${QUESTION}`)).toContainText('저장됨');
  return handIn(page);
}

test('a teacher hands out a pack, three students hand in, the teacher sees the whole class; a newer hand-in updates that student only', async ({ browser }) => {
  test.setTimeout(240_000);
  const [teacherHost, ...studentHosts] = hosts as [StartedHost, ...StartedHost[]];
  const problems: string[] = [];

  // The teacher makes the pack in the app.
  const teacher = await openApp(browser, teacherHost.url, problems);
  await teacher.getByTestId('nav-labs').click();
  await teacher.getByTestId('pack-make').click();
  await teacher.getByTestId('pack-sheet-backprop').check();
  await teacher.getByTestId('pack-title').fill('역전파 복습');
  await teacher.getByTestId('pack-class').fill('딥러닝 2반');
  await teacher.getByTestId('pack-teacher').fill('김교수');
  const packDownload = teacher.waitForEvent('download');
  await teacher.getByTestId('pack-save').click();
  const pack = readFileSync((await (await packDownload).path())!);
  await teacher.keyboard.press('Escape');

  // Three students, each on their own PC.
  const students: Page[] = [];
  const files: { name: string; buffer: Buffer }[] = [];
  for (const [i, student] of STUDENTS.entries()) {
    const page = await openApp(browser, studentHosts[i]!.url, problems);
    students.push(page);
    files.push(await studentHandsIn(page, pack, student));
  }
  expect(files.map((f) => f.name)).toEqual(STUDENTS.map((s) => `역전파-복습_${s.number}.nnlab`));

  // The teacher imports the three files at once.
  await teacher.getByTestId('nav-runs').click();
  await teacher.getByTestId('import-input').setInputFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));
  const report = teacher.getByTestId('import-report');
  await expect(report.getByTestId('import-summary')).toHaveText('파일 3개: 3개를 가져왔습니다 (실행 3개)');
  await expect(report.getByTestId('import-line-text')).toHaveText(STUDENTS.map((s) => new RegExp(`: ${s.name} \\(${s.number}\\) · 역전파 복습 — 새 제출 — 실행 1개를 가져왔습니다$`)));
  await expect(teacher.getByTestId('run-author')).toHaveCount(3);

  // Three sets of answers on the sheet, each under its student, none overwritten; the teacher's own box stays empty.
  await teacher.getByTestId('nav-labs').click();
  await teacher.getByTestId(`open-sheet-${SHEET}`).click();
  for (const student of STUDENTS) await expect(teacher.getByTestId(`imported-answer-${QUESTION}`).filter({ hasText: student.name })).toContainText(student.answer);
  await expect(teacher.getByTestId(`answer-${QUESTION}`)).toHaveValue('');

  // The class view: three on the roster, the class's curves with their band, the tally beside the outcome.
  await teacher.getByTestId('class-results').click();
  await teacher.getByTestId('class-results-pack').click();
  await expect(teacher.getByTestId('class-handed-in')).toHaveText('3명 제출');
  const rows = teacher.getByTestId('roster-row');
  await expect(rows.getByTestId('roster-open')).toHaveText(STUDENTS.map((s) => s.name));
  for (const [i, student] of STUDENTS.entries()) await expect(rows.nth(i)).toContainText(student.number);
  await teacher.screenshot({ path: `${SCREENSHOTS}/class-round-trip-01-roster.png` });
  await teacher.getByTestId('class-tab').first().click();
  const curves = teacher.getByTestId('class-curves');
  await expect(curves).toHaveAttribute('data-curves', '3');
  expect(Number(await curves.getAttribute('data-band-steps'))).toBeGreaterThan(0);
  await expect(teacher.getByTestId('class-preset').getByTestId('verdict-counts').first()).toHaveAttribute('aria-label', /^재현 3 · 재현 안 됨 0/);
  await teacher.screenshot({ path: `${SCREENSHOTS}/class-round-trip-02-preset.png` });
  await teacher.getByTestId('class-tab').last().click();
  await expect(teacher.getByTestId('class-tally-sentence')).toHaveText('3명 중 2명이 ‘줄어든다’를 예측했습니다');
  await teacher.screenshot({ path: `${SCREENSHOTS}/class-round-trip-03-tally.png` });

  // Projector mode: the students are 학생 1…3, no name on the screen.
  await teacher.getByTestId('class-projector').click();
  await teacher.getByTestId('class-tab-roster').click();
  await expect(rows.getByTestId('roster-open')).toHaveText(['학생 1', '학생 2', '학생 3']);
  const shown = await teacher.locator('body').innerText();
  for (const student of STUDENTS) expect(shown).not.toContain(student.name);
  await teacher.screenshot({ path: `${SCREENSHOTS}/class-round-trip-04-projector.png` });
  await teacher.getByTestId('class-projector').click();

  // One click: the class's runs of the preset in compare, drawn as one group (a band over 3 runs).
  await teacher.getByTestId('class-tab').first().click();
  await teacher.getByTestId('class-compare-all').click();
  await expect(teacher.getByTestId('chart-compare-batch-loss')).toHaveAttribute('data-members', '3');

  // 박지우 changes the answer and hands in again; the re-import updates 박지우 only.
  const second = STUDENTS[1];
  const page = students[1]!;
  await page.getByTestId('nav-labs').click();
  await packCard(page).getByTestId(`pack-open-sheet-${SHEET}`).click();
  await page.getByTestId(`answer-${QUESTION}`).fill('고친 답: 연쇄 법칙에서 h가 곱해집니다');
  await expect(page.getByTestId(`answer-state-${QUESTION}`)).toContainText('저장됨');
  const newer = await handIn(page);
  await teacher.getByTestId('nav-runs').click();
  await teacher.getByTestId('import-input').setInputFiles({ ...newer, name: `다시-${newer.name}`, mimeType: 'application/octet-stream' });
  await expect(report.getByTestId('import-line-text')).toHaveText([new RegExp(`${second.name} \\(${second.number}\\) · 역전파 복습 — 이전 제출을 새 제출로 바꿨습니다`)]);
  await teacher.getByTestId('nav-labs').click();
  await teacher.getByTestId(`open-sheet-${SHEET}`).click();
  await expect(teacher.getByTestId(`imported-answer-${QUESTION}`).filter({ hasText: second.name })).toContainText('고친 답: 연쇄 법칙에서 h가 곱해집니다');
  for (const student of [STUDENTS[0], STUDENTS[2]]) await expect(teacher.getByTestId(`imported-answer-${QUESTION}`).filter({ hasText: student.name })).toContainText(student.answer);

  expect(problems, 'the pages logged errors').toEqual([]);
});
