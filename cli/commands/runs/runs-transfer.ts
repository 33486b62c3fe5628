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
import { messageOf } from '../../../engine/api/error-message';
import { csvForSpreadsheets } from '../../../engine/api/spreadsheet-csv';
import { counted } from '../../../engine/lab/counted-words';
import { checkOutputWithJson, STANDARD_STREAM, writeOutput } from '../../standard-streams';
import { languageOf } from '../../cli-language';

export { writeAtomically } from '../../write-atomically';

export const EXPORT_HELP = `nnlab runs export ID… --out FILE [--csv] [--with-notebook] [--json]
    several runs in one file to hand in or share (spec, metrics, diagnostics, weights);
    --with-notebook adds the lab sheets' answers and predictions; with --csv, or an --out
    name ending in .csv, the metrics as CSV instead (a file starts with a UTF-8 byte order
    mark, so Korean spreadsheet programs read it). --out - writes to standard output: the CSV
    without the mark (for programs), the run file only into a pipe or a file, not a terminal`;
export const IMPORT_HELP = `nnlab runs import FILE|DIR… [--json]
    adds the runs of exported files and students' hand-ins (all files in a folder, several at
    once); runs already stored are skipped and listed; a file's notebook is kept apart, under
    the student it names (a hand-in's under its student and pack), not mixed into yours; a
    student's newer hand-in replaces that student's answers only. A file that cannot be
    imported is refused with the reason and the others still come in. --json gives
    { "imported": [...], "skipped": [...], "refused": [{ "file", "reason" }], "files": [...] }`;

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
      throw new UsageError(`cannot read "${path}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : messageOf(error)}`);
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
  for (const { file, ...result } of report.files) {
    const where = files.length > 1 ? `${file}: ` : '';
    const ids = result.imported.length > 0 ? `: ${result.imported.map((id) => id.slice(0, 8)).join(', ')}` : '';
    io.out(languageOf(io) === 'ko' ? `${where}${counted(result.imported.length, 'run', 'ko')}를 가져왔습니다${ids}` : `${where}imported ${counted(result.imported.length, 'run', 'en')}${ids}`);
    for (const skipped of result.skipped) io.out(`${where}skipped ${skipped.id.slice(0, 8)} "${skipped.name}": ${skipped.reason}`);
    if (result.handIn !== undefined) {
      const { student, packTitle, status } = result.handIn;
      const said = { new: 'first hand-in', updated: 'a newer hand-in: replaced their earlier answers (no one else\'s)', 'older-kept': 'an older hand-in than the one already here: their answers were left as they are' }[status];
      io.out(`${where}${student.name} (${student.number}), "${packTitle}": ${said}`);
    }
    if (result.notebook !== undefined) {
      const whose = result.notebook.studentName === null ? 'this file (it names no student)' : `"${result.notebook.studentName}"`;
      io.out(`${where}lab notebook: ${counted(result.notebook.merged, 'entry', 'en')} kept apart under ${whose}, not in your own notebook`);
    }
  }
  for (const refused of report.refused) io.err(`error: ${refused.file}: ${refused.reason}`);
  return report.refused.length > 0 ? 2 : 0;
}
