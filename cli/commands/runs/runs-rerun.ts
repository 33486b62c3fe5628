import { randomUUID } from 'node:crypto';
import { loadDataset } from '../../../engine/data/load-dataset';
import { nodeDataSources } from '../../../engine/data/node-mnist';
import { compareRerun } from '../../../engine/service/rerun-comparison';
import { DB_OPTION, withHistory } from '../../cli-history';
import { UsageError, type CliIO } from '../../cli-io';
import { parseOptions } from '../../parse-options';
import { trainInProcess } from '../../train-in-process';

export const RERUN_HELP = `nnlab runs rerun ID [--json]
    trains a stored run's spec again (stored as a new run) and says whether every loss and
    evaluation is identical, bit for bit, or where they first differ
    (--json: { "identical", "firstDifference", "engineVersions", "runId", "sourceRunId" })`;

/** `nnlab runs rerun`: same spec, same seed, same engine ⇒ the same numbers. */
export async function runsRerun(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('runs rerun', args, { ...DB_OPTION, json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('nnlab runs rerun: give one run id');
  const result = await withHistory(values.db, async (history) => {
    const stored = history.getRun(positionals[0]!);
    const spec = stored.spec;
    if (!values.json) io.out(`re-running ${stored.id.slice(0, 8)} "${stored.name}"…`);
    const runId = randomUUID();
    await trainInProcess({ runId, spec, dataset: loadDataset(spec.dataset, spec.seed, nodeDataSources()), onEvent: () => {}, history, sourceRunId: stored.id });
    const rerun = history.getRun(runId);
    return { ...compareRerun(stored, rerun), runId, sourceRunId: stored.id, steps: rerun.stepsDone };
  });
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  const versions = result.engineVersions.stored === result.engineVersions.rerun ? `engine ${result.engineVersions.rerun}` : `engine ${result.engineVersions.stored} then, ${result.engineVersions.rerun} now`;
  if (result.identical) {
    io.out(`identical ✔  ${result.steps} steps, every loss and evaluation the same to the last bit (${versions}); stored as run ${result.runId.slice(0, 8)}`);
  } else {
    const d = result.firstDifference!;
    io.out(`different ✘  first at step ${d.step}: ${d.series === 'steps' ? 'batch' : 'evaluation'} ${d.field} was ${d.stored ?? 'absent'}, now ${d.rerun ?? 'absent'} (${versions}); stored as run ${result.runId.slice(0, 8)}`);
  }
  return 0;
}
