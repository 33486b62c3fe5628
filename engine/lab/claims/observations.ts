import type { RunStatus } from '../../api/events';
import type { ClaimRun } from './claim-run';

/**
 * What the criteria measure over a run, as (step, value) observations: the data loss averaged over
 * a window of steps (the textbook's curves are smoothed batch losses), training accuracy and the
 * train/test accuracy gap at each evaluation.
 */

/** Something measured over a run: the smoothed data loss, training accuracy, or the train − test accuracy gap. */
export type MetricId = 'loss' | 'train-accuracy' | 'accuracy-gap';

/** One value of a metric and the step it belongs to. */
export interface Observation {
  step: number;
  value: number;
}

/** Steps of the loss window: the mean of the data losses of the last 50 steps. */
const LOSS_WINDOW = 50;
/** Fewest losses a window needs (live runs may forward a thinned series). */
const MIN_WINDOW_POINTS = 3;

const ENDED: readonly RunStatus[] = ['completed', 'stopped', 'diverged', 'failed', 'interrupted'];

/** Whether the run has ended (any status but queued and running). */
export function isEnded(run: ClaimRun): boolean {
  return ENDED.includes(run.status);
}

/** Every finite observation of `metric` over the run, in step order. */
export function observe(metric: MetricId, run: ClaimRun): Observation[] {
  switch (metric) {
    case 'loss':
      return lossObservations(run);
    case 'train-accuracy':
      return evalObservations(run, (i) => run.evals.trainAccuracy[i] ?? null);
    case 'accuracy-gap':
      return evalObservations(run, (i) => gapAt(run, i));
  }
}

/** Observations at or before `step`. */
export function upTo(observations: Observation[], step: number): Observation[] {
  return observations.filter((o) => o.step <= step);
}

/** The latest observation of `metric` at or before `step`. */
export function observationAt(metric: MetricId, run: ClaimRun, step: number): Observation | undefined {
  return upTo(observe(metric, run), step).at(-1);
}

/**
 * Window means of the data loss, one per recorded step (windows with too few finite losses left
 * out). Step s's loss is measured on update s + 1's batch before it, so the window ending there is
 * reported at step s + 1: the loss "at step 300" is the mean over the batches of updates 251–300.
 */
function lossObservations(run: ClaimRun): Observation[] {
  const { step, dataLoss } = run.steps;
  const out: Observation[] = [];
  let start = 0;
  for (let i = 0; i < step.length; i++) {
    while (step[start]! <= step[i]! - LOSS_WINDOW) start++;
    // Summed afresh for each window (no running sum): a blown-up loss of 1e30 early in a run must
    // not leave rounding garbage in the windows after it.
    let sum = 0;
    let count = 0;
    for (let j = start; j <= i; j++) {
      const loss = dataLoss[j]!;
      if (Number.isFinite(loss)) {
        sum += loss;
        count++;
      }
    }
    // Reported at step + 1: the window ending with update s's batch is the loss "by step s + 1".
    if (count > 0 && count >= Math.min(MIN_WINDOW_POINTS, i + 1)) out.push({ step: step[i]! + 1, value: sum / count });
  }
  return out;
}

function evalObservations(run: ClaimRun, value: (i: number) => number | null): Observation[] {
  const out: Observation[] = [];
  for (let i = 0; i < run.evals.step.length; i++) {
    const v = value(i);
    if (v !== null && Number.isFinite(v)) out.push({ step: run.evals.step[i]!, value: v });
  }
  return out;
}

function gapAt(run: ClaimRun, i: number): number | null {
  const train = run.evals.trainAccuracy[i];
  const test = run.evals.testAccuracy[i];
  return train === null || train === undefined || test === null || test === undefined ? null : train - test;
}
