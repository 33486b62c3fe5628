import type { RunStatus } from '../../api/events';
import type { ClaimRun } from './claim-run';

/**
 * What the criteria measure over a run, as (step, value) observations at its evaluations: the
 * training loss (the data loss over the whole training set, as the run's evaluation lines and end
 * report it), training and test accuracy, and the train/test accuracy gap.
 */

/** Something measured at a run's evaluations. */
export type MetricId = 'train-loss' | 'train-accuracy' | 'test-accuracy' | 'accuracy-gap';

/** One value of a metric and the step it belongs to. */
export interface Observation {
  step: number;
  value: number;
}

const ENDED: readonly RunStatus[] = ['completed', 'stopped', 'diverged', 'failed', 'interrupted'];

/** Whether the run has ended (any status but queued and running). */
export function isEnded(run: ClaimRun): boolean {
  return ENDED.includes(run.status);
}

/** Every finite observation of `metric` over the run, in step order. */
export function observe(metric: MetricId, run: ClaimRun): Observation[] {
  const { evals } = run;
  switch (metric) {
    case 'train-loss':
      return evalObservations(run, (i) => evals.trainLoss[i] ?? null);
    case 'train-accuracy':
      return evalObservations(run, (i) => evals.trainAccuracy[i] ?? null);
    case 'test-accuracy':
      return evalObservations(run, (i) => evals.testAccuracy[i] ?? null);
    case 'accuracy-gap':
      return evalObservations(run, (i) => gapAt(run, i));
  }
}

/** Observations at or before `step`. */
export function upTo(observations: Observation[], step: number): Observation[] {
  return observations.filter((o) => o.step <= step);
}

/**
 * The value of `metric` at step `step`, once it can be told: the observation at that very step,
 * or, for a run that has ended past it without one there (its evaluations fall elsewhere), the
 * latest before it. Undefined while the run has not got there (a live run's evaluation at `step`
 * may still be on its way).
 */
export function observationAt(metric: MetricId, run: ClaimRun, step: number): Observation | undefined {
  const seen = upTo(observe(metric, run), step);
  const latest = seen.at(-1);
  if (latest?.step === step) return latest;
  return isEnded(run) && run.stepsDone >= step ? latest : undefined;
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
