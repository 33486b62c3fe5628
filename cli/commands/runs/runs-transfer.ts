import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { exportRuns, storeRunFileContent } from '../../../engine/history/run-file';
import { readRunFileApart } from '../../../engine/service/run-file-reader';
import { metricsCsv } from '../../../engine/history/metrics-csv';
import { DB_OPTION, withHistory } from '../../cli-history';
import { UsageError, type CliIO } from '../../cli-io';
import { parseOptions } from '../../parse-options';
import { messageOf } from '../../../engine/api/error-message';

export const EXPORT_HELP = `nnlab runs export ID… --out FILE [--csv] [--with-notebook] [--json]
    several runs in one file to hand in or share (spec, metrics, diagnostics, weights);
    --with-notebook adds the lab sheets' answers and predictions; with --csv, or an --out
    name ending in .csv, the metrics as CSV instead`;
export const IMPORT_HELP = `nnlab runs import FILE [--json]
    adds the runs of an exported file; runs already stored are skipped and listed; a lab
    notebook in the file is kept apart, under the student it names, not mixed into yours`;

/** `nnlab runs export`: written to FILE.tmp, then renamed, so FILE is never half-written. */
export async function runsExport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('runs export', args, { ...DB_OPTION, out: { type: 'string' }, csv: { type: 'boolean' }, 'with-notebook': { type: 'boolean' }, json: { type: 'boolean' } }, true);
  if (positionals.length === 0) throw new UsageError('nnlab runs export: give the ids of the runs to export');
  if (values.out === undefined) throw new UsageError('nnlab runs export: give the file to write with --out FILE');
  const out = values.out;
  const asCsv = values.csv === true || out.toLowerCase().endsWith('.csv');
  const { data, ids } = await withHistory(values.db, (history) => {
    const resolved = positionals.map((id) => history.resolveRunId(id));
    return { ids: resolved, data: asCsv ? Buffer.from(metricsCsv(history, resolved), 'utf8') : exportRuns(history, resolved, { withNotebook: values['with-notebook'] === true }) };
  });
  writeAtomically(out, data);
  if (values.json) io.out(JSON.stringify({ file: out, format: asCsv ? 'csv' : 'nnlab-runs', runs: ids, bytes: data.length }));
  else io.out(`wrote ${ids.length} run${ids.length === 1 ? '' : 's'} to ${out} (${asCsv ? 'metrics CSV' : 'NN Lab run file'}, ${data.length} bytes)`);
  return 0;
}

/** `nnlab runs import`: everything is validated before anything is stored. */
export async function runsImport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('runs import', args, { ...DB_OPTION, json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('nnlab runs import: give one file to import');
  let data: Buffer;
  try {
    data = readFileSync(positionals[0]!);
  } catch (error) {
    throw new UsageError(`cannot read "${positionals[0]}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : messageOf(error)}`);
  }
  // Read in a child process within a heap and a time limit (run-file-reader.ts), then stored.
  const content = await readRunFileApart(data);
  const result = await withHistory(values.db, (history) => storeRunFileContent(history, content));
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  io.out(`imported ${result.imported.length} run${result.imported.length === 1 ? '' : 's'}${result.imported.length > 0 ? `: ${result.imported.map((id) => id.slice(0, 8)).join(', ')}` : ''}`);
  for (const skipped of result.skipped) io.out(`skipped ${skipped.id.slice(0, 8)} "${skipped.name}": ${skipped.reason}`);
  if (result.notebook !== undefined) {
    const whose = result.notebook.studentName === null ? 'this file (it names no student)' : `"${result.notebook.studentName}"`;
    io.out(`lab notebook: ${result.notebook.merged} entr${result.notebook.merged === 1 ? 'y' : 'ies'} kept apart under ${whose}, not in your own notebook`);
  }
  return 0;
}

function writeAtomically(path: string, data: Buffer): void {
  const temporary = `${path}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write "${path}": ${messageOf(error)}`);
  }
}
