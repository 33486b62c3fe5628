import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HistoryError } from '../../../engine/history/history-error';
import type { ImportResult } from '../../../engine/history/run-history';
import { storeLabFile } from '../../../engine/service/class-files';
import { exportRuns, ImportError } from '../../../engine/history/run-file';
import { readLabFileApart } from '../../../engine/service/run-file-reader';
import { metricsCsv } from '../../../engine/history/metrics-csv';
import { DB_OPTION, withHistory } from '../../cli-history';
import { UsageError, type CliIO } from '../../cli-io';
import { parseOptions } from '../../parse-options';
import { csvForSpreadsheets } from '../../../engine/api/spreadsheet-csv';
import { counted } from '../../../engine/lab/counted-words';
import { checkOutputWithJson, describeFsError, STANDARD_STREAM, writeOutput } from '../../standard-streams';
import { languageOf, say, type Lang, type Localized } from '../../cli-language';
import { withParticle } from '../../../engine/lab/claims/wording/korean-particles';
import { IMPORT_KOREAN_RULES } from '../../../engine/lab/import-words';
import { PACK_KOREAN_RULES } from '../../../engine/lab/pack-words';
import { koreanByRules } from '../../../engine/lab/problem-words';

export { writeAtomically } from '../../write-atomically';

export const EXPORT_HELP: Localized = {
  en: `nnlab runs export ID… --out FILE [--csv] [--with-notebook] [--json]
    several runs in one file to hand in or share (spec, metrics, diagnostics, weights);
    --with-notebook adds the lab sheets' answers and predictions; with --csv, or an --out
    name ending in .csv, the metrics as CSV instead (a file starts with a UTF-8 byte order
    mark, so Korean spreadsheet programs read it). --out - writes to standard output: the CSV
    without the mark (for programs), the run file only into a pipe or a file, not a terminal`,
  ko: `nnlab runs export ID… --out FILE [--csv] [--with-notebook] [--json]
    실행 여러 개를 제출하거나 나누도록 한 파일에 담습니다 (설정, 지표, 진단, 가중치);
    --with-notebook은 실습지의 답과 예측도 담습니다; --csv를 주거나 --out 이름이 .csv로
    끝나면 대신 지표를 CSV로 씁니다 (파일은 UTF-8 BOM으로 시작해 한국어 스프레드시트
    프로그램이 읽습니다). --out -는 표준 출력에 씁니다: CSV는 BOM 없이 (프로그램용), 실행
    파일은 파이프나 파일로만 (터미널에는 쓰지 않습니다)`,
};
export const IMPORT_HELP: Localized = {
  en: `nnlab runs import FILE|DIR… [--json]
    adds the runs of exported files and students' hand-ins (all files in a folder, several at
    once); runs already stored are skipped and listed; a file's notebook is kept apart, under
    the student it names (a hand-in's under its student and pack), not mixed into yours; a
    student's newer hand-in replaces that student's answers only. A file that cannot be
    imported is refused with the reason and the others still come in. --json gives
    { "imported": [...], "skipped": [...], "refused": [{ "file", "reason" }], "files": [...] }`,
  ko: `nnlab runs import FILE|DIR… [--json]
    내보낸 파일과 학생들의 제출 파일의 실행을 더합니다 (폴더는 그 안의 모든 파일, 여러 개를 한
    번에); 이미 있는 실행은 건너뛰고 알려 줍니다; 파일의 실습 노트는 내 노트에 섞지 않고 파일이
    가리키는 학생 아래에 (제출 파일은 그 학생과 실습 묶음 아래에) 따로 보관합니다; 학생의 새
    제출 파일은 그 학생의 답만 바꿉니다. 가져올 수 없는 파일은 까닭과 함께 알려 주고 나머지는
    그대로 가져옵니다. --json은 다음 꼴로 씁니다:
    { "imported": [...], "skipped": [...], "refused": [{ "file", "reason" }], "files": [...] }`,
};

/** `nnlab runs export`: written to FILE.tmp, then renamed, so FILE is never half-written. */
export async function runsExport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('runs export', args, { ...DB_OPTION, out: { type: 'string' }, csv: { type: 'boolean' }, 'with-notebook': { type: 'boolean' }, json: { type: 'boolean' } }, true);
  if (positionals.length === 0) throw new UsageError('nnlab runs export: give the ids of the runs to export', 'nnlab runs export: 내보낼 실행의 ID를 주세요');
  if (values.out === undefined) throw new UsageError('nnlab runs export: give the file to write with --out FILE', 'nnlab runs export: 쓸 파일을 --out FILE로 주세요');
  const out = values.out;
  checkOutputWithJson('out', out, values.json);
  const toStdout = out === STANDARD_STREAM;
  const asCsv = values.csv === true || out.toLowerCase().endsWith('.csv');
  const { data, ids } = await withHistory(values.db, (history) => {
    const resolved = positionals.map((id) => history.resolveRunId(id));
    if (!asCsv) return { ids: resolved, data: exportRuns(history, resolved, { withNotebook: values['with-notebook'] === true }) };
    // The mark is for spreadsheets opening a file; a program reading the pipe would get it as part of the first column's name.
    const csv = metricsCsv(history, resolved);
    return { ids: resolved, data: Buffer.from(toStdout ? csv : csvForSpreadsheets(csv), 'utf8') };
  });
  writeOutput('out', out, { data, binary: !asCsv }, io);
  if (values.json) io.out(JSON.stringify({ file: out, format: asCsv ? 'csv' : 'nnlab-runs', runs: ids, bytes: data.length }));
  else if (!toStdout && languageOf(io) === 'ko') io.out(`${counted(ids.length, 'run', 'ko')}를 ${out}에 썼습니다 (${asCsv ? '지표 CSV' : 'NN Lab 실행 파일'}, ${counted(data.length, 'byte', 'ko')})`);
  else if (!toStdout) io.out(`wrote ${counted(ids.length, 'run', 'en')} to ${out} (${asCsv ? 'metrics CSV' : 'NN Lab run file'}, ${counted(data.length, 'byte', 'en')})`);
  return 0;
}

/** The files named: each FILE, and the files directly in each DIR (sorted). */
function importFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new UsageError(`cannot read "${path}": ${missing ? 'no such file or folder' : describeFsError(error)}`, `${withParticle(`"${path}"`, '을/를')} 읽을 수 없습니다: ${missing ? '그런 파일이나 폴더가 없습니다' : describeFsError(error, 'ko')}`);
    }
    if (!stats.isDirectory()) return [path];
    return readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(path, entry.name))
      .sort();
  });
}

/** `nnlab runs import`: each file validated (in a reader process of its own) before anything of it is stored; one refused file does not stop the others. */
export async function runsImport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('runs import', args, { ...DB_OPTION, json: { type: 'boolean' } }, true);
  if (positionals.length === 0) throw new UsageError('nnlab runs import: give the files or folders to import', 'nnlab runs import: 가져올 파일이나 폴더를 주세요');
  const files = importFiles(positionals);
  const report = { imported: [] as string[], skipped: [] as ImportResult['skipped'], refused: [] as { file: string; reason: string }[], files: [] as ({ file: string } & ImportResult)[] };
  await withHistory(values.db, async (history) => {
    for (const file of files) {
      try {
        const content = await readLabFileApart(readFileSync(file));
        const result = storeLabFile(history, content);
        report.imported.push(...result.imported);
        report.skipped.push(...result.skipped);
        report.files.push({ file, ...result });
      } catch (error) {
        if (!(error instanceof ImportError) && !(error instanceof HistoryError && error.code === 'invalid-argument')) throw error;
        report.refused.push({ file, reason: error.message.split('\n')[0]! });
      }
    }
  });
  if (files.length === 1 && report.refused.length === 1) throw new ImportError(report.refused[0]!.reason);
  if (values.json) {
    // One file's report keeps the shape it had before folders (its notebook and hand-in at the top).
    const single = files.length === 1 && report.files.length === 1 ? { ...(report.files[0]!.notebook === undefined ? {} : { notebook: report.files[0]!.notebook }), ...(report.files[0]!.handIn === undefined ? {} : { handIn: report.files[0]!.handIn }) } : {};
    io.out(JSON.stringify({ ...report, ...single }, null, 2));
    return report.refused.length > 0 ? 2 : 0;
  }
  const lang = languageOf(io);
  for (const { file, ...result } of report.files) {
    const where = files.length > 1 ? `${file}: ` : '';
    for (const line of importNotes(result, lang)) io.out(`${where}${line}`);
  }
  for (const refused of report.refused) io.err(say(lang, `오류: ${refused.file}: ${koreanByRules(refused.reason, [...PACK_KOREAN_RULES, ...IMPORT_KOREAN_RULES]) ?? refused.reason}`, `error: ${refused.file}: ${refused.reason}`));
  return report.refused.length > 0 ? 2 : 0;
}

/**
 * What one file's import did, line by line in `lang`: the runs it added, each run it skipped and
 * why, a hand-in's status, and where its notebook went.
 */
export function importNotes(result: ImportResult, lang: Lang): string[] {
  const ids = result.imported.length > 0 ? `: ${result.imported.map((id) => id.slice(0, 8)).join(', ')}` : '';
  const lines = [say(lang, `${withParticle(counted(result.imported.length, 'run', 'ko'), '을/를')} 가져왔습니다${ids}`, `imported ${counted(result.imported.length, 'run', 'en')}${ids}`)];
  for (const skipped of result.skipped) {
    const run = `${skipped.id.slice(0, 8)} "${skipped.name}"`;
    lines.push(say(lang, `${withParticle(run, '은/는')} 건너뛰었습니다: ${koreanByRules(skipped.reason, IMPORT_KOREAN_RULES) ?? skipped.reason}`, `skipped ${run}: ${skipped.reason}`));
  }
  if (result.handIn !== undefined) {
    const { student, packTitle, status } = result.handIn;
    const said = {
      new: { ko: '새 제출', en: 'first hand-in' },
      updated: { ko: '이전 제출을 새 제출로 바꿨습니다 (다른 학생의 답은 그대로입니다)', en: "a newer hand-in: replaced their earlier answers (no one else's)" },
      'older-kept': { ko: '같거나 더 새로운 제출이 이미 있어 그 학생의 답을 그대로 두었습니다', en: 'an older hand-in than the one already here: their answers were left as they are' },
    }[status][lang];
    lines.push(`${student.name} (${student.number}), "${packTitle}": ${said}`);
  }
  if (result.notebook !== undefined) {
    const { studentName, merged } = result.notebook;
    lines.push(
      say(
        lang,
        `실습 노트: ${withParticle(counted(merged, 'entry', 'ko'), '을/를')} 내 노트에 섞지 않고 ${studentName === null ? '이 파일 (학생 이름이 없습니다)' : `"${studentName}"`} 아래에 따로 보관했습니다`,
        `lab notebook: ${counted(merged, 'entry', 'en')} kept apart under ${studentName === null ? 'this file (it names no student)' : `"${studentName}"`}, not in your own notebook`,
      ),
    );
  }
  return lines;
}
