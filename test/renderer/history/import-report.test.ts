import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_FILE_BYTES } from '../../../engine/api/import-limits';
import { exportRuns } from '../../../engine/history/run-file';
import { runImportQueue, type ImportCandidate, type ImportReport } from '../../../renderer/src/lib/history/import-queue';
import { reportLines, reportSummary, reportText } from '../../../renderer/src/lib/history/import-report';
import { circleSpec, openTemp, recordRun } from '../../engine/history/history-helpers';
import { PACK_TITLE, handIn, importer, teacherPack } from './class-import-helpers';

const over = (name: string, bytes: Uint8Array, size: number | null = bytes.length): ImportCandidate => ({ name, size, read: async () => bytes });

/** A teacher's import: two students' hand-ins, a runs file already present, a text file, a pack, a file too large; then one student's newer hand-in. */
async function classImport(): Promise<{ first: ImportReport; again: ImportReport }> {
  const pack = teacherPack();
  const teacher = openTemp();
  const { id } = recordRun(teacher, circleSpec(), { name: 'demo' });
  const runsFile = exportRuns(teacher, [id]);
  const now = Date.now() - 60_000;
  const hong = handIn(pack.data, '홍길동', '20231234', '첫 답', now);
  const kim = handIn(pack.data, 'Kim Minji', 'S-0042', 'B', now);
  const newer = handIn(pack.data, '홍길동', '20231234', '고친 답', now + 30_000);
  const options = { importFile: importer(teacher), maxFileBytes: MAX_IMPORT_FILE_BYTES };
  const first = await runImportQueue(
    [over('class/hong.nnlab', hong), over('class/kim.nnlab', kim), over('demo.nnlab', runsFile), over('notes.txt', new TextEncoder().encode('hi')), over('lab4.nnlabpack', pack.data), over('video.mp4', new Uint8Array(1), 300 * 1024 * 1024)],
    options,
  );
  const again = await runImportQueue([over('hong-v2.nnlab', newer), over('class/kim.nnlab', kim)], options);
  return { first, again };
}

describe('the import report', () => {
  it('in Korean: a summary with the counts, and a line per file naming the student, the pack and what happened', async () => {
    const { first, again } = await classImport();
    expect(reportSummary(first, 'ko')).toBe('파일 6개: 2개를 가져왔습니다 (실행 2개) · 1개는 이미 있었습니다 · 3개는 가져오지 못했습니다');
    expect(reportLines(first, 'ko').map((line) => [line.kind, line.text])).toEqual([
      ['imported', `class/hong.nnlab: 홍길동 (20231234) · ${PACK_TITLE} — 새 제출 — 실행 1개를 가져왔습니다`],
      ['imported', `class/kim.nnlab: Kim Minji (S-0042) · ${PACK_TITLE} — 새 제출 — 실행 1개를 가져왔습니다`],
      ['present', 'demo.nnlab: 이미 있는 실행 1개는 건너뛰었습니다'],
      ['refused', '“notes.txt”를 가져오지 못했습니다: NN Lab 실행 파일이 아닙니다 (실행 파일은 ‘내보내기’로 만든 .nnlab 파일입니다)'],
      ['refused', '“lab4.nnlabpack”을 가져오지 못했습니다: 실습 묶음(.nnlabpack)입니다: 실행을 가져오는 파일이 아니라 실습으로 여는 파일입니다'],
      ['refused', '“video.mp4”를 가져오지 못했습니다: 파일이 너무 커서 가져올 수 없습니다 (300 MB, 최대 256 MB)'],
    ]);
    expect(reportSummary(again, 'ko')).toBe('파일 2개: 1개를 가져왔습니다 (실행 1개) · 1개는 이미 있었습니다');
    expect(reportLines(again, 'ko').map((line) => line.text)).toEqual([
      `hong-v2.nnlab: 홍길동 (20231234) · ${PACK_TITLE} — 이전 제출을 새 제출로 바꿨습니다 — 실행 1개를 가져왔습니다`,
      `class/kim.nnlab: Kim Minji (S-0042) · ${PACK_TITLE} — 같거나 더 새로운 제출이 이미 있어 그대로 두었습니다 — 이미 있는 실행 1개는 건너뛰었습니다`,
    ]);
  });

  it('in English: one and many in the form English wants', async () => {
    const { first, again } = await classImport();
    expect(reportSummary(first, 'en')).toBe('6 files: 2 imported (2 runs) · 1 already present · 3 refused');
    expect(reportSummary(again, 'en')).toBe('2 files: 1 imported (1 run) · 1 already present');
    const lines = reportLines(again, 'en').map((line) => line.text);
    expect(lines[0]).toBe(`hong-v2.nnlab: 홍길동 (20231234) · ${PACK_TITLE} — replaced the earlier hand-in with this newer one — imported 1 run`);
    expect(lines[1]).toMatch(/an equal or newer hand-in is already here: kept it — 1 run already present, skipped$/);
    expect(reportLines(first, 'en')[3]!.text).toMatch(/^Could not import “notes.txt”: this is not an NN Lab runs file: it is not gzip-compressed/);
    expect(reportLines(first, 'en')[5]!.text).toBe('Could not import “video.mp4”: this file is too large to import (300 MB; at most 256 MB)');
  });

  it('a cancelled import says how many files it left out; copied as text, it is the summary and a line per file with its result', async () => {
    const { first } = await classImport();
    const cancelled: ImportReport = { files: first.files.slice(0, 2), notStarted: 4 };
    expect(reportSummary(cancelled, 'ko')).toBe('파일 6개: 2개를 가져왔습니다 (실행 2개) · 취소해서 4개는 가져오지 않았습니다');
    expect(reportSummary({ files: first.files.slice(0, 1), notStarted: 1 }, 'en')).toBe('2 files: 1 imported (1 run) · 1 not imported (cancelled)');
    expect(reportSummary({ files: [], notStarted: 0 }, 'ko')).toBe('가져올 파일이 없습니다');
    const text = reportText(first, 'ko').split('\n');
    expect(text[0]).toBe(reportSummary(first, 'ko'));
    expect(text[1]).toMatch(/^\[가져옴\] class\/hong\.nnlab: 홍길동 \(20231234\)/);
    expect(text[3]).toBe('[이미 있음] demo.nnlab: 이미 있는 실행 1개는 건너뛰었습니다');
    expect(text[4]).toMatch(/^\[가져오지 못함\] “notes\.txt”를 가져오지 못했습니다/);
    expect(reportText(first, 'en').split('\n')[1]).toMatch(/^\[Imported\] class\/hong\.nnlab/);
  });

  it('file names and students from files lose control and bidi characters', () => {
    const report: ImportReport = {
      files: [{ file: 'evil\u202e.nnlab', kind: 'imported', outcome: { imported: ['x'], skipped: [], handIn: { packId: 'p', packTitle: 'P\u0007', student: { name: 'A\u202eB', number: '1' }, status: 'new' } } }],
      notStarted: 0,
    };
    const [line] = reportLines(report, 'ko');
    expect(line!.text).toBe('evil.nnlab: AB (1) · P — 새 제출 — 실행 1개를 가져왔습니다');
  });
});
