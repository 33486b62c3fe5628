import type { RunHistory } from './run-history';

const COLUMNS = ['run_id', 'run_name', 'kind', 'step', 'epoch', 'loss', 'data_loss', 'train_loss', 'train_accuracy', 'test_loss', 'test_accuracy', 'elapsed_ms'] as const;

/**
 * The metrics of these runs (ids or 8+ character prefixes) as CSV (RFC 4180: CRLF line ends, a
 * header row, fields with commas, quotes or line breaks quoted, quotes doubled). One row per step
 * event (kind "step": loss, data_loss) and per evaluation (kind "eval": train/test loss and
 * accuracy), in the order they happened; empty fields where a row has no value. elapsed_ms is a
 * step's training time since the run's start (empty for evaluations, and for runs without times).
 * A run name that a spreadsheet would read as a formula (starting with = + - @) gets a leading
 * apostrophe, so opening the file cannot run anything.
 */
export function metricsCsv(history: RunHistory, idsOrPrefixes: readonly string[]): string {
  const lines = [COLUMNS.join(',')];
  for (const id of new Set(idsOrPrefixes.map((idOrPrefix) => history.resolveRunId(idOrPrefix)))) {
    const run = history.getRun(id);
    const name = csvField(/^[=+\-@\t\r]/.test(run.name) ? `'${run.name}` : run.name);
    const { steps, evals } = run;
    let s = 0;
    let e = 0;
    while (s < steps.step.length || e < evals.step.length) {
      // An evaluation at step k measured the network before step k's update: it comes first.
      if (e < evals.step.length && (s >= steps.step.length || evals.step[e]! <= steps.step[s]!)) {
        lines.push([run.id, name, 'eval', evals.step[e], evals.epoch[e], '', '', evals.trainLoss[e], evals.trainAccuracy[e], evals.testLoss[e], evals.testAccuracy[e], ''].map(cell).join(','));
        e++;
      } else {
        lines.push([run.id, name, 'step', steps.step[s], steps.epoch[s], steps.loss[s], steps.dataLoss[s], '', '', '', '', steps.elapsedMs?.[s]].map(cell).join(','));
        s++;
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A value as a CSV field: numbers in JavaScript's shortest exact form, null as empty. */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value;
}

/** Quotes a field when it holds a comma, a quote or a line break (RFC 4180), doubling quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
