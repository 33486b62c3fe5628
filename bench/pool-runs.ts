import type { EndEvent } from '../engine/api/events';
import { parseRunSpec } from '../engine/api/parse-run-spec';
import type { RunSpec } from '../engine/api/run-spec';
import { loadDataset } from '../engine/data/load-dataset';
import { nodeDataSources } from '../engine/data/node-mnist';
import type { Dataset } from '../engine/data/types';
import type { TrainingPool } from '../engine/train/pool/training-pool';
import { DEFAULT_DIAGNOSTICS_EVERY, engineSpec, workloadDataset, type Workload } from './workloads';

/** A workload as the app trains it in a worker: a fixed number of iterations, diagnostics at the default interval. */
export interface PoolWorkload {
  workload: Workload;
  spec: RunSpec;
  dataset: Dataset;
  iterations: number;
}

/** What a run through the pool includes, for the notes. */
export function poolRunIncludes(p: PoolWorkload): string {
  const { dataset, spec } = p;
  const evaluation = spec.training.evalEvery === undefined ? 'evaluation at the start and at every epoch end' : 'evaluation at the start and the end';
  const data = dataset.name === 'mnist' ? `the first ${dataset.train.x.rows.toLocaleString('en-US')} MNIST training images${dataset.test ? ` and ${dataset.test.x.rows.toLocaleString('en-US')} test images` : ', no test split'}` : `${dataset.name} (${dataset.train.x.rows} training points)`;
  return `${p.workload.name} run in a worker = ${p.iterations.toLocaleString('en-US')} iterations on ${data}, ${evaluation}, diagnostics every ${spec.diagnostics.every} steps, events posted to the main thread`;
}

/**
 * The spec and (shared) dataset of `iterations` iterations of a workload in the pool. `evalEvery`
 * 'epoch' keeps the RunSpec's default evaluation schedule; a number evaluates that often (and at the end).
 */
export function poolWorkload(w: Workload, iterations: number, options: { mnistTrainSize: number; mnistTestSize: number; evalEvery: number | 'epoch' }): PoolWorkload {
  const spec = parseRunSpec(
    engineSpec(w, {
      iterations,
      evalEvery: options.evalEvery,
      diagnosticsEvery: DEFAULT_DIAGNOSTICS_EVERY,
      dataset: workloadDataset(w, options.mnistTrainSize, options.mnistTestSize),
    }),
  );
  return { workload: w, spec, dataset: loadDataset(spec.dataset, spec.seed, nodeDataSources()), iterations };
}

let nextRunId = 0;

/** Throws unless the run completed (a failed or diverged run would make its time meaningless). */
export function checkCompleted(end: EndEvent | { status: string; message?: string | null }, what: string): void {
  if (end.status !== 'completed') throw new Error(`${what} ended ${end.status}: ${end.message ?? 'no message'}`);
}

/**
 * Starts `count` runs of `p` on the pool at once and waits until all have ended and posted their
 * weights; returns the wall-clock time from the first start to the last end.
 */
export async function runConcurrently(pool: TrainingPool, p: PoolWorkload, count: number): Promise<number> {
  const start = performance.now();
  const handles = Array.from({ length: count }, () => pool.start({ runId: `bench-${nextRunId++}`, spec: p.spec, dataset: p.dataset }, { onEvents: () => {} }));
  const ends = await Promise.all(handles.map((h) => h.done));
  await Promise.all(handles.map((h) => h.weights));
  const elapsed = performance.now() - start;
  ends.forEach((end) => checkCompleted(end, `a ${p.workload.name} run in the pool`));
  return elapsed;
}

/** Starts one short run per worker at once, so every worker exists and has compiled the engine before timing. */
export async function warmUpPool(pool: TrainingPool, p: PoolWorkload): Promise<void> {
  const short = { ...p, spec: { ...p.spec, training: { ...p.spec.training, iterations: Math.min(p.iterations, 2 * DEFAULT_DIAGNOSTICS_EVERY) } } };
  await runConcurrently(pool, short, pool.size);
}

/**
 * Awaits a TrainingPool / LabService close with a timer keeping the event loop alive. Closing right
 * after a run ended can race the worker's late `idle` message, which unrefs the worker while its
 * terminate() is pending: with nothing else referenced, Node then exits with code 13 (unsettled
 * top-level await) before close resolves. (An engine issue, reported; worked around here.)
 */
export async function closeKeepingAlive(close: () => Promise<void>): Promise<void> {
  const keepAlive = setInterval(() => {}, 1000);
  try {
    await close();
  } finally {
    clearInterval(keepAlive);
  }
}
