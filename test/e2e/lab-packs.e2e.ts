import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOTS, test } from './fixtures';
import { LAB_SOCKET_PATH } from '../../engine/api/lab-transport';
import { encodeMessage } from '../../engine/api/socket-codec';
import { connectService } from './service-client';
import { startHost, type StartedHost } from './start-host';

/**
 * A lab pack from the teacher's app to a student's and back, each on a history of their own (one
 * browser host each): the teacher makes the pack in the app and saves its file; the student opens
 * it with Open and by dropping it on the window (twice: no duplicate), gives a name and number,
 * runs a step of the pack's sheet and hands in; the hand-in, imported into a third history by
 * the service, names the student and the pack.
 */

let dir: string;
const hosts: StartedHost[] = [];
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-packs-e2e-'));
  for (const name of ['teacher', 'student', 'grading']) hosts.push(await startHost(['--db', join(dir, `${name}.db`)]));
});
test.afterAll(async () => {
  for (const host of hosts) await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A page on a host, in Korean, at a lab PC's screen size, failing on console errors. */
async function openApp(page: Page, url: string, problems: string[]): Promise<void> {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(url);
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await expect(page.getByTestId('start')).toBeVisible();
}

/** Drops a file on the page as the system's drag and drop does (dragover, then drop, on the page's body). */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const data = await page.evaluateHandle(
    ({ name, base64 }) => {
      // The page's own DataTransfer and File (this callback runs in the browser).
      const page = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } }; File: new (parts: Uint8Array[], name: string) => unknown };
      const transfer = new page.DataTransfer();
      transfer.items.add(new page.File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
      return transfer;
    },
    { name, base64: bytes.toString('base64') },
  );
  await page.dispatchEvent('main', 'dragover', { dataTransfer: data });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer: data });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
}

test('a teacher makes a lab pack; a student opens it (Open, drop, drop again), runs a step in it and hands in; the hand-in names the student and the pack', async ({ browser }) => {
  const [teacherHost, studentHost, gradingHost] = hosts as [StartedHost, StartedHost, StartedHost];
  const problems: string[] = [];

  // The teacher.
  const teacherContext = await browser.newContext({ acceptDownloads: true });
  const teacher = await teacherContext.newPage();
  await openApp(teacher, teacherHost.url, problems);
  await teacher.getByTestId('nav-labs').click();
  await teacher.getByTestId('pack-make').click();
  const dialog = teacher.getByTestId('pack-dialog');
  await expect(dialog).toBeVisible();
  await expect(teacher.getByTestId('pack-save')).toBeDisabled();
  await teacher.getByTestId('pack-sheet-backprop').check();
  await teacher.getByTestId('pack-preset-backprop-lecture-network').check();
  await teacher.getByTestId('pack-add-own').click();
  await teacher.getByTestId('own-title-ko-0').fill('생각해 보기');
  await teacher.getByTestId('own-text-ko-0').fill('1. <b>굵게</b>가 아니라 글자 그대로 보입니다.\n2. 학습률을 바꾸면?');
  await teacher.getByTestId('pack-add-builder-spec').click();
  // Nothing typed in the required fields: the problems show at the fields, nothing is saved.
  await teacher.getByTestId('pack-save').click();
  await expect(dialog.locator('label').filter({ has: teacher.getByTestId('pack-title') }).getByRole('alert')).toHaveText('비워 둘 수 없습니다');
  await expect(teacher.getByTestId('pack-class')).toHaveAttribute('aria-invalid', 'true');
  await teacher.getByTestId('pack-title').fill('lab-04');
  await expect(dialog.locator('label').filter({ has: teacher.getByTestId('pack-title') }).getByRole('alert')).toHaveCount(0);
  await teacher.getByTestId('pack-class').fill('딥러닝 기초 (월 3교시)');
  await teacher.getByTestId('pack-teacher').fill('김교수');
  await teacher.getByTestId('pack-note').fill('1단계부터 순서대로 하세요.\n다 하면 ‘제출 파일 만들기’로 파일을 만들어 내세요.');
  await teacher.getByTestId('pack-due').fill('2020-03-02');
  await expect(teacher.getByTestId('pack-chosen')).toHaveText('실습지 1개, 프리셋 1개, 직접 쓴 실습지 1개, 설정 1개');
  await teacher.getByTestId('pack-title').scrollIntoViewIfNeeded();
  await teacher.screenshot({ path: `${SCREENSHOTS}/packs-01-make-dialog.png` });
  const packDownload = teacher.waitForEvent('download');
  await teacher.getByTestId('pack-save').click();
  const packFile = await packDownload;
  expect(packFile.suggestedFilename()).toBe('lab-04.nnlabpack');
  const packBytes = readFileSync((await packFile.path())!);
  await expect(teacher.getByTestId('pack-saved')).toContainText('이 파일을 학생들에게 나눠 주세요');
  await teacher.getByTestId('pack-saved').scrollIntoViewIfNeeded();
  await teacher.screenshot({ path: `${SCREENSHOTS}/packs-01b-pack-saved.png` });
  await teacher.keyboard.press('Escape');
  await expect(teacher.getByTestId('pack-card-title')).toHaveText('lab-04');

  // The student: Open.
  const studentContext = await browser.newContext({ acceptDownloads: true });
  const student = await studentContext.newPage();
  await openApp(student, studentHost.url, problems);
  await expect(student.getByTestId('student-badge')).toHaveText('이름·학번 입력');
  await student.getByTestId('nav-labs').click();
  await student.getByTestId('pack-open-input').setInputFiles({ name: 'lab-04.nnlabpack', mimeType: 'application/octet-stream', buffer: packBytes });
  // The first pack opened asks whose runs these are.
  await expect(student.getByTestId('identity-dialog')).toBeVisible();
  await student.getByTestId('identity-save').click();
  await expect(student.getByTestId('identity-dialog').getByRole('alert')).toHaveCount(2);
  await student.getByTestId('identity-name').fill('홍길동');
  await student.getByTestId('identity-number').fill('20231234');
  await student.screenshot({ path: `${SCREENSHOTS}/packs-03-identity.png` });
  await student.getByTestId('identity-save').click();
  await expect(student.getByTestId('identity-dialog')).toHaveCount(0);
  await expect(student.getByTestId('student-badge')).toHaveText('홍길동 (20231234)');
  await expect(student.getByTestId('pack-notice')).toHaveText('✓ ‘lab-04’ 실습 묶음을 열었습니다.');
  // Editable from the header, filled with what is kept.
  await student.getByTestId('student-badge').click();
  await expect(student.getByTestId('identity-number')).toHaveValue('20231234');
  await student.getByTestId('identity-later').click();
  await expect(student.getByTestId('identity-dialog')).toHaveCount(0);

  // Dropped on the window, from another screen: it is already there, twice (no duplicate).
  await student.getByTestId('nav-build').click();
  for (let i = 0; i < 2; i++) {
    await dropFile(student, 'lab-04 (1).nnlabpack', packBytes);
    await expect(student.getByTestId('pack-notice')).toHaveText('✓ ‘lab-04’ 실습 묶음은 이미 열려 있습니다.');
  }
  await expect(student.locator('article').filter({ has: student.getByTestId('pack-card-title') })).toHaveCount(1);
  // Not a pack: refused, saying so.
  await dropFile(student, 'notes.txt', Buffer.from('not a pack'));
  await expect(student.getByTestId('pack-notice')).toHaveText(/^✕ notes\.txt: NN Lab 실습 묶음 파일이 아닙니다/);

  const card = student.locator('article').filter({ has: student.getByTestId('pack-card-title') });
  await expect(card.getByTestId('pack-card-class')).toHaveText('딥러닝 기초 (월 3교시)');
  await expect(card.getByTestId('pack-card-teacher')).toHaveText('김교수 선생님');
  await expect(card.getByTestId('pack-card-due')).toHaveText('마감 2020-03-02 · 마감 지남');
  expect(await card.getByTestId('pack-card-note').innerText()).toBe('1단계부터 순서대로 하세요.\n다 하면 ‘제출 파일 만들기’로 파일을 만들어 내세요.');
  await student.getByTestId('pack-notices').getByRole('button').click();
  await student.screenshot({ path: `${SCREENSHOTS}/packs-02-labs-list.png` });

  // The teacher's own sheet: its text as text.
  await card.locator('[data-testid^="pack-open-sheet-p"]').click();
  await expect(student.getByTestId('own-sheet-text')).toHaveText('1. <b>굵게</b>가 아니라 글자 그대로 보입니다.\n2. 학습률을 바꾸면?');
  await student.getByTestId('own-answer').fill('학습률이 크면 발산합니다');
  await expect(student.getByTestId('own-answer-state')).toHaveText('저장됨');
  await student.getByTestId('all-sheets').click();

  // The pack's backprop sheet: one tiny step, in the pack.
  await card.getByTestId('pack-open-sheet-backprop').click();
  await expect(student.getByTestId('sheet-pack')).toHaveText('실습 묶음 ‘lab-04’');
  // The walkthrough the sheet opens comes back to the sheet in its pack.
  await student.getByTestId('step-0-walkthrough').click();
  await student.getByTestId('walkthrough-back-to-sheet').click();
  await expect(student.getByTestId('sheet-pack')).toHaveText('실습 묶음 ‘lab-04’');
  await student.getByTestId('choice-backprop-one-update-smaller').check();
  await student.getByTestId('save-prediction-backprop-one-update').click();
  await student.getByTestId('run-step-3').click();
  await expect(student.getByTestId('sheet-run-status-backprop-lecture-network')).toHaveText('완료', { timeout: 60_000 });
  await student.getByTestId('all-sheets').click();

  // Hand in.
  const handInDownload = student.waitForEvent('download');
  await card.getByTestId('pack-hand-in').click();
  const handIn = await handInDownload;
  expect(handIn.suggestedFilename()).toBe('lab-04_20231234.nnlab');
  await expect(card.getByTestId('hand-in-result')).toContainText('실행 1개, 답과 예측 2개를 담았습니다.');
  await expect(card.getByTestId('hand-in-result')).toContainText('이 파일을 선생님께 내세요');
  await card.getByTestId('hand-in-result').scrollIntoViewIfNeeded();
  await student.screenshot({ path: `${SCREENSHOTS}/packs-04-hand-in.png` });

  // The same sheet opened from NN Lab's own list says where its hand-in runs are made.
  await student.getByTestId('open-sheet-backprop').click();
  await expect(student.getByTestId('sheet-in-pack')).toContainText('실습 묶음 ‘lab-04’에 들어 있습니다');
  await student.getByTestId('sheet-open-in-pack').click();
  await expect(student.getByTestId('sheet-pack')).toHaveText('실습 묶음 ‘lab-04’');
  await expect(student.getByTestId('sheet-in-pack')).toHaveCount(0);

  // A third history takes it as this student's hand-in for this pack.
  const grading = await connectService(gradingHost.url);
  try {
    const outcome = await grading.call('importRuns', new Uint8Array(readFileSync((await handIn.path())!)));
    expect(outcome.imported).toHaveLength(1);
    expect(outcome.handIn).toMatchObject({ packTitle: 'lab-04', student: { name: '홍길동', number: '20231234' }, status: 'new' });
    const [run] = await grading.call('listRuns', {});
    expect(run).toMatchObject({ author: { name: '홍길동', number: '20231234' }, packId: outcome.handIn!.packId });
  } finally {
    await grading.close();
  }
  expect(problems, 'the pages logged errors').toEqual([]);
  await teacherContext.close();
  await studentContext.close();
});

test('a pack the desktop app opened itself (a double-clicked file, pushed) shows on the labs list with what happened, from any screen', async ({ page }) => {
  // The browser host never sends these pushes (only Electron's main does): the test puts them on the page's own socket.
  const service = await connectService();
  const { id } = await service.call('createPack', { title: '더블클릭한 묶음', className: '2반', presets: ['backprop-lecture-network'] });
  // The suite's shared history may have a student already (another test entered one): then the pack asks nobody.
  const asksWho = (await service.call('getStudent')) === null;
  await service.close();
  let toPage: ((text: string) => void) | null = null;
  await page.routeWebSocket(new RegExp(`${LAB_SOCKET_PATH}(\\?|$)`), (socket) => {
    socket.connectToServer();
    toPage = (text) => socket.send(text);
  });
  const problems: string[] = [];
  await openApp(page, process.env.NNLAB_E2E_URL!, problems);
  await expect.poll(() => toPage !== null).toBe(true);
  toPage!(encodeMessage({ push: { type: 'pack-opened', file: '더블클릭한 묶음.nnlabpack', outcome: { id, title: '더블클릭한 묶음', status: 'added' } } }));
  await expect(page.getByTestId('pack-notice')).toHaveText('✓ ‘더블클릭한 묶음’ 실습 묶음을 열었습니다.');
  await expect(page.getByTestId(`pack-card-${id}`)).toBeVisible();
  if (asksWho) {
    await expect(page.getByTestId('identity-dialog')).toBeVisible();
    await page.getByTestId('identity-later').click();
  }
  await expect(page.getByTestId('identity-dialog')).toHaveCount(0);
  await page.getByTestId('nav-runs').click();
  toPage!(encodeMessage({ push: { type: 'pack-open-failed', file: 'kim.nnlabpack', message: 'this is a hand-in, not a lab pack: a teacher imports it with "Import runs" (nnlab runs import)' } }));
  await expect(page.getByTestId('pack-notice')).toHaveText(/^✕ kim\.nnlabpack: 학생의 제출 파일입니다/);
  expect(problems, 'the page logged errors').toEqual([]);
});
