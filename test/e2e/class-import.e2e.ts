import { test, expect, type Page, type WebSocketRoute } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistory } from '../../engine/history/run-history';
import { openPack } from '../../engine/service/class-files';
import { CLASS_QUESTION, CLASS_SHEET, makeClassPack, makeHandInFile } from '../fixtures/class-hand-ins';
import { SCREENSHOTS } from './fixtures';
import { connectService, type ServiceClient } from './service-client';
import { startHost, type StartedHost } from './start-host';

/**
 * A teacher collects a class's hand-ins in the history screen, through the browser host on a
 * history of their own: three students' files, a text file and the lab pack itself chosen at once
 * (progress, then a report: three imported with their students, two refused with the reason);
 * one student's newer hand-in from a folder updates that student only; a drop of files imports
 * them too, and Cancel stops after the file being imported.
 */

const STUDENTS = [
  { name: '홍길동', number: '20231234', answer: 'He 초기화가 가장 빨리 배운다' },
  { name: '김민지', number: '20231235', answer: 'Xavier가 가장 빠르다' },
  { name: '이서준', number: '20231236', answer: 'std 0.01은 배우지 못한다' },
];
const NEWER_ANSWER = '다시 보니 He 초기화가 가장 빠르다';

let dir: string;
let host: StartedHost;
let service: ServiceClient;
let pack: ReturnType<typeof makeClassPack>;
let handIns: { name: string; buffer: Buffer; mimeType: string }[];
let newerFolder: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-class-'));
  pack = makeClassPack('4주차: 초기화');
  const made = Date.now() - 120_000;
  handIns = STUDENTS.map((student) => ({
    name: `${student.number}-${student.name}.nnlab`,
    mimeType: 'application/gzip',
    buffer: makeHandInFile(dir, pack.data, student, student.answer, made),
  }));
  // 김민지 hands in again a minute later from the same history (her first run again and one more run) with a changed answer: a folder with that file and the Finder's .DS_Store.
  newerFolder = join(dir, '다시 낸 제출');
  mkdirSync(newerFolder);
  writeFileSync(join(newerFolder, '20231235-김민지-v2.nnlab'), makeHandInFile(dir, pack.data, STUDENTS[1]!, NEWER_ANSWER, made + 60_000));
  writeFileSync(join(newerFolder, '.DS_Store'), Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]));
  // The teacher made the pack, so it is in their history.
  const teacher = openHistory(join(dir, 'teacher.db'), { instanceId: 'teacher-setup' });
  openPack(teacher, pack.data);
  teacher.close();
  host = await startHost(['--db', join(dir, 'teacher.db')]);
  service = await connectService(host.url);
});

test.afterAll(async () => {
  await service?.close();
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Holds the page's importRuns calls on their way to the host until released, so the progress can
 * be seen and Cancel pressed while a file is being imported (everything else passes through).
 */
class ImportGate {
  #held: (() => void)[] = [];
  holding = false;

  async install(page: Page): Promise<void> {
    await page.routeWebSocket(/\/api\?token=/, (ws: WebSocketRoute) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        if (this.holding && typeof message === 'string' && message.includes('"importRuns"')) this.#held.push(() => server.send(message));
        else server.send(message);
      });
    });
  }

  release(): void {
    this.holding = false;
    for (const send of this.#held.splice(0)) send();
  }
}

/** Drops files on the history screen as the operating system would, with a DataTransfer built in the page. */
async function dropFiles(page: Page, files: { name: string; buffer: Buffer }[]): Promise<void> {
  const payload = files.map((file) => ({ name: file.name, base64: file.buffer.toString('base64') }));
  await page.getByTestId('history-screen').evaluate((screen, dropped) => {
    // The page's DOM classes (this file is type-checked without the DOM library).
    const page = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } }; DragEvent: new (type: string, init: object) => Event };
    const data = new page.DataTransfer();
    for (const file of dropped) data.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name));
    for (const type of ['dragenter', 'dragover', 'drop']) screen.dispatchEvent(new page.DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
  }, payload);
}

test('a class’s hand-ins: chosen at once, from a folder and dropped, with progress, a report per file and Cancel; a newer hand-in updates its student only', async ({ page, context }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const gate = new ImportGate();
  await gate.install(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await page.getByTestId('nav-runs').click();
  await expect(page.getByTestId('history-empty')).toBeVisible();

  // Five files in one multi-selection: three hand-ins, a text file, the lab pack. The first is held on its way.
  gate.holding = true;
  await page.getByTestId('import-input').setInputFiles([
    ...handIns,
    { name: '메모.txt', mimeType: 'text/plain', buffer: Buffer.from('이건 실행 파일이 아니다') },
    { name: '4주차.nnlabpack', mimeType: 'application/octet-stream', buffer: pack.data },
  ]);
  const progress = page.getByTestId('import-progress');
  await expect(progress.getByTestId('import-progress-count')).toHaveText('0 / 5 파일');
  await expect(progress.getByTestId('import-progress-file')).toHaveText(`“${handIns[0]!.name}” 가져오는 중…`);
  await expect(page.getByTestId('import-input')).toBeDisabled();
  await page.screenshot({ path: `${SCREENSHOTS}/class-import-01-progress.png` });
  gate.release();

  const report = page.getByTestId('import-report');
  await expect(report.getByTestId('import-summary')).toHaveText('파일 5개: 3개를 가져왔습니다 (실행 3개) · 2개는 가져오지 못했습니다');
  await expect(progress).toHaveCount(0);
  const lines = report.getByTestId('import-line-text');
  await expect(lines).toHaveText([
    `${handIns[0]!.name}: 홍길동 (20231234) · 4주차: 초기화 — 새 제출 — 실행 1개를 가져왔습니다`,
    `${handIns[1]!.name}: 김민지 (20231235) · 4주차: 초기화 — 새 제출 — 실행 1개를 가져왔습니다`,
    `${handIns[2]!.name}: 이서준 (20231236) · 4주차: 초기화 — 새 제출 — 실행 1개를 가져왔습니다`,
    /^“메모\.txt”를 가져오지 못했습니다: NN Lab 실행 파일이 아닙니다/,
    /^“4주차\.nnlabpack”을 가져오지 못했습니다: 실습 묶음\(\.nnlabpack\)입니다/,
  ]);
  await expect(page.getByTestId('run-row')).toHaveCount(3);
  await page.screenshot({ path: `${SCREENSHOTS}/class-import-02-report.png` });

  // Copied as text: the summary, then a line per file.
  await report.getByTestId('import-copy').click();
  await expect(report.getByTestId('import-copy-state')).toHaveText('복사했습니다');
  const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
  expect(copied.split('\n')).toHaveLength(6);
  expect(copied).toMatch(/^파일 5개: 3개를 가져왔습니다 \(실행 3개\) · 2개는 가져오지 못했습니다\n\[가져옴\] 20231234-홍길동\.nnlab: 홍길동 \(20231234\)/);

  // The table names each run's student, filters by the pack, and the search finds a student by number.
  const authors = page.getByTestId('run-author');
  await expect(authors).toHaveText(['이서준 · 20231236', '김민지 · 20231235', '홍길동 · 20231234']);
  await page.getByTestId('filter-pack').selectOption({ label: '4주차: 초기화 (딥러닝 2025)' });
  await expect(page.getByTestId('history-count')).toHaveText('전체 3개 중 3개');
  await page.getByTestId('history-search').fill('20231235');
  await expect(authors).toHaveText(['김민지 · 20231235']);
  await page.getByTestId('clear-filters').click();

  // The report stays until dismissed.
  await expect(report).toBeVisible();
  await report.getByTestId('import-dismiss').click();
  await expect(report).toHaveCount(0);

  // 김민지's newer hand-in, from a folder (its .DS_Store left out quietly): that student is updated, the others untouched.
  const before = await service.call('getImportedNotebooks', CLASS_SHEET);
  expect(before.map((notebook) => [notebook.studentName, notebook.entries[CLASS_QUESTION]]).sort()).toEqual(STUDENTS.map((s) => [s.name, s.answer]).sort());
  await page.getByTestId('import-folder-input').setInputFiles(newerFolder);
  await expect(report.getByTestId('import-summary')).toHaveText('파일 1개: 1개를 가져왔습니다 (실행 1개)');
  await expect(lines).toHaveText([/^다시 낸 제출\/20231235-김민지-v2\.nnlab: 김민지 \(20231235\) · 4주차: 초기화 — 이전 제출을 새 제출로 바꿨습니다 — 실행 1개를 가져왔습니다, 이미 있는 실행 1개는 건너뛰었습니다$/]);
  const after = await service.call('getImportedNotebooks', CLASS_SHEET);
  const answerOf = (notebooks: typeof after, name: string) => notebooks.find((notebook) => notebook.studentName === name)!;
  expect(after).toHaveLength(3);
  expect(answerOf(after, '김민지').entries[CLASS_QUESTION]).toBe(NEWER_ANSWER);
  for (const name of ['홍길동', '이서준']) expect(answerOf(after, name)).toEqual(answerOf(before, name));
  await page.screenshot({ path: `${SCREENSHOTS}/class-import-03-updated.png` });

  // A drop of the three first files again: each already present (the older 김민지 file leaves her newer answers).
  await dropFiles(page, handIns);
  await expect(report.getByTestId('import-summary')).toHaveText('파일 3개: 3개는 이미 있었습니다');
  await expect(lines.nth(1)).toContainText('김민지 (20231235) · 4주차: 초기화 — 같거나 더 새로운 제출이 이미 있어 그대로 두었습니다');
  expect(answerOf(await service.call('getImportedNotebooks', CLASS_SHEET), '김민지').entries[CLASS_QUESTION]).toBe(NEWER_ANSWER);

  // Cancel while the first two of four dropped files are being imported (two at a time): they finish, the rest are left.
  gate.holding = true;
  await dropFiles(page, [...handIns, { name: 'again.txt', buffer: Buffer.from('x') }]);
  await expect(page.getByTestId('import-progress-count')).toHaveText('0 / 4 파일');
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-cancel')).toHaveText('가져오는 중인 파일까지 가져오고 중지합니다…');
  gate.release();
  await expect(report.getByTestId('import-summary')).toHaveText('파일 4개: 2개는 이미 있었습니다 · 취소해서 2개는 가져오지 않았습니다');
  await expect(page.getByTestId('run-row')).toHaveCount(4);

  expect(problems, 'the page logged errors').toEqual([]);
});
