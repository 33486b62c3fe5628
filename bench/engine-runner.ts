import { parseRunSpec } from '../engine/api/parse-run-spec';
import { loadDataset } from '../engine/data/load-dataset';
import { nodeDataSources } from '../engine/data/node-mnist';
import type { Dataset } from '../engine/data/types';
import { Trainer } from '../engine/train/trainer';
import { engineSpec, type EngineSpecOptions, type Workload } from './workloads';

/**
 * What one timed engine iteration includes: everything Trainer.advance(1) does — gather the batch
 * from the dataset's bytes, forward, loss, the step event (built, then dropped: no worker, no
 * storage), backward, SGD update. No evaluation and no diagnostics (both scheduled every 10⁸ steps;
 * the initial evaluation at step 0 is done before timing).
 */
export const ENGINE_ITERATION_INCLUDES =
  'engine it = Trainer.advance(1) in this thread: batch gather from the bytes, forward, loss, step event (dropped), backward, SGD update; no evaluation, no diagnostics';

/** The dataset of a spec, loaded through the engine (MNIST from its IDX files, held once per process). */
export function loadWorkloadData(w: Workload, options: EngineSpecOptions = {}): Dataset {
  const spec = parseRunSpec(engineSpec(w, options));
  return loadDataset(spec.dataset, spec.seed, nodeDataSources());
}

/**
 * A started engine Trainer for a workload (the initial evaluation already done), whose `iterate`
 * trains exactly one step. Throws when the run ends, as a diverged run would: a timing of a run
 * that stopped training would be meaningless.
 */
export function engineTrainer(w: Workload, options: EngineSpecOptions = {}): { trainer: Trainer; iterate: () => void } {
  const spec = parseRunSpec(engineSpec(w, options));
  const dataset = loadDataset(spec.dataset, spec.seed, nodeDataSources());
  let message: string | null = null;
  const trainer = new Trainer(spec, dataset, {
    runId: `bench-${w.name}`,
    emit: (event) => {
      if (event.type === 'end') message = event.message ?? event.status;
    },
    networkSnapshots: false,
  });
  trainer.start();
  const iterate = () => {
    if (trainer.advance(1) !== 1 || trainer.done) throw new Error(`the engine's ${w.name} run ended during timing: ${message ?? 'no message'}`);
  };
  return { trainer, iterate };
}
