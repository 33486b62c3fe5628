import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { expect, screenshot, test } from './fixtures';

/**
 * A student's file with a lab notebook, imported by the teacher: the answers show on the sheet,
 * read-only and named after the student, and the teacher's own answer and name stay the teacher's.
 */

const SHEET = '03-vanishing-gradient';
const QUESTION = 'why-vanish';

/** A run file (format 3) with no runs and a notebook: the student's name and one answer. */
function studentFile(name: string, answer: string): Buffer {
  const at = new Date(Date.now() - 60_000).toISOString();
  const payload = {
    runs: [],
    notebook: [
      { sheetId: SHEET, key: `answer:${QUESTION}`, value: answer, updatedAt: at },
      { sheetId: SHEET, key: 'report:student-name', value: name, updatedAt: at },
    ],
  };
  const payloadText = JSON.stringify(payload);
  const header = { format: 'nnlab-runs', formatVersion: 3, appVersion: '0.1.0', engineVersion: '0.1.0', generator: 'NN Lab', createdAt: at, payloadSha256: createHash('sha256').update(payloadText).digest('hex') };
  return gzipSync(Buffer.from(`${JSON.stringify(header).slice(0, -1)},"payload":${payloadText}}`));
}

test("a student's imported answers show on the sheet, read-only under their name; the teacher's own answer is untouched", async ({ app }) => {
  await app.getByTestId('nav-labs').click();
  await app.getByTestId(`open-sheet-${SHEET}`).click();
  const mine = app.getByTestId(`answer-${QUESTION}`);
  await mine.fill('교사의 답');
  await expect(app.getByTestId(`answer-state-${QUESTION}`)).toContainText('저장됨');

  await app.getByTestId('nav-runs').click();
  await app.getByTestId('import-input').setInputFiles({ name: 'minji.nnlab', mimeType: 'application/gzip', buffer: studentFile('김민지', '시그모이드의 기울기가 0.25 이하라서') });
  await expect(app.getByTestId('import-line-text')).toHaveText('minji.nnlab: 새로 가져온 실행이 없습니다, 노트 항목 2개를 따로 보관했습니다');

  await app.getByTestId('nav-labs').click();
  await app.getByTestId(`open-sheet-${SHEET}`).click();
  await expect(mine).toHaveValue('교사의 답');
  const imported = app.getByTestId(`imported-answer-${QUESTION}`).filter({ hasText: '김민지' });
  await expect(imported).toContainText('김민지의 파일에 있는 답 (읽기 전용)');
  await expect(imported).toContainText('시그모이드의 기울기가 0.25 이하라서');
  await screenshot(app, 'labs-imported-answer');
});
