import { DB_OPTION, withHistory } from '../../cli-history';
import { UsageError, type CliIO } from '../../cli-io';
import { parseOptions } from '../../parse-options';
import { percentText } from '../number-text';
import { counted } from '../../../engine/lab/counted-words';
import { dateText, durationText, finalText, lossText, table } from './run-text';

export const SHOW_HELP = `nnlab runs show ID [--json]
    one run: its summary, spec and metrics (--json: the run with "spec" and "metrics")`;

/** At most this many evaluation rows in the readable view (evenly spaced, the last kept). */
const SHOWN_EVALS = 25;

/** `nnlab runs show ID`. */
export async function runsShow(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('runs show', args, { ...DB_OPTION, json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('nnlab runs show: give one run id (see "nnlab runs list")');
  const run = await withHistory(values.db, (history) => history.getRun(positionals[0]!));
  const { steps, evals, ...summary } = run;
  if (values.json) {
    io.out(JSON.stringify({ ...summary, metrics: { steps, evals } }, null, 2));
    return 0;
  }
  io.out(`${run.name}  (${run.id})`);
  io.out(`  status     ${run.status}${run.message ? ` — ${run.message}` : ''}`);
  io.out(`  created    ${dateText(run.createdAt)}, took ${durationText(run.durationMs)}, ${run.totalSteps === null ? counted(run.stepsDone, 'step', 'en') : `${run.stepsDone}/${counted(run.totalSteps, 'step', 'en')}`}`);
  io.out(`  data       ${run.dataset ? `${run.dataset.name}: ${run.dataset.trainSize} train + ${run.dataset.testSize} test` : run.spec.dataset.name}`);
  io.out(`  network    ${run.architecture ?? '–'} ${run.activation}/${run.init}${run.regularization ? `, ${run.regularization}` : ''}`);
  io.out(`  optimizer  ${run.spec.optimizer.name}${run.spec.optimizer.lr === undefined ? '' : ` lr ${run.spec.optimizer.lr}`}, batch ${run.spec.training.batchSize}, seed ${run.seed}`);
  io.out(`  final      ${finalText(run.final)}`);
  if (run.tags.length > 0) io.out(`  tags       ${run.tags.join(', ')}`);
  if (run.notes) io.out(`  notes      ${run.notes}`);
  if (run.sourceRunId) io.out(`  from run   ${run.sourceRunId.slice(0, 8)}`);
  if (evals.step.length > 0) {
    io.out('');
    const indices = evenly(evals.step.length, SHOWN_EVALS);
    const rows = indices.map((i) => [String(evals.step[i]), String(evals.epoch[i]), lossText(evals.trainLoss[i]), percentText(evals.trainAccuracy[i], { digits: 2 }), lossText(evals.testLoss[i]), percentText(evals.testAccuracy[i], { digits: 2 })]);
    for (const line of table(['step', 'epoch', 'train loss', 'train acc', 'test loss', 'test acc'], rows)) io.out(`  ${line}`);
  }
  return 0;
}

/** Up to `max` indices of 0..n−1, evenly spaced, first and last included. */
function evenly(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return [...new Set(Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1))))];
}
