import type { EvalSeries, StepSeries } from '../api/runs';

/** One run's values on the shared x axis; null where the run has no point there. */
export interface AlignedRun {
  id: string;
  name: string;
  /** By step: the batch loss (penalties included) of the step event. By epoch: the evaluation's train loss. */
  loss: (number | null)[];
  testLoss: (number | null)[];
  trainAccuracy: (number | null)[];
  testAccuracy: (number | null)[];
}

/** Several runs' metrics on one x axis, for comparison charts. */
export interface AlignedSeries {
  by: 'step' | 'epoch';
  /** Ascending: step numbers, or epochs (fractional where a run evaluated mid-epoch). */
  x: number[];
  runs: AlignedRun[];
}

/** What alignment needs of a stored run. */
export interface RunSeries {
  id: string;
  name: string;
  stepsPerEpoch: number | null;
  steps: StepSeries;
  evals: EvalSeries;
}

/**
 * Aligns runs for comparison.
 *
 * By 'step': x is every step at which some run has a step event or an evaluation. An evaluation
 * at step k measured the network after k updates, the same network whose batch loss the step-k
 * event reports, so both sit at x = k.
 *
 * By 'epoch': only evaluations count, at x = step / stepsPerEpoch, so runs with different batch
 * sizes (different steps per epoch) line up by how much data they have seen; with the default
 * evaluation at each epoch end, x is 0, 1, 2…
 */
export function alignSeries(runs: readonly RunSeries[], by: 'step' | 'epoch'): AlignedSeries {
  const points = runs.map((run) => (by === 'step' ? stepPoints(run) : epochPoints(run)));
  const x = [...new Set(points.flatMap((p) => [...p.keys()]))].sort((a, b) => a - b);
  return {
    by,
    x,
    runs: runs.map((run, r) => {
      const byX = points[r]!;
      const pick = (field: keyof Point) => x.map((value) => byX.get(value)?.[field] ?? null);
      return { id: run.id, name: run.name, loss: pick('loss'), testLoss: pick('testLoss'), trainAccuracy: pick('trainAccuracy'), testAccuracy: pick('testAccuracy') };
    }),
  };
}

interface Point {
  loss: number | null;
  testLoss: number | null;
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

const EMPTY: Point = { loss: null, testLoss: null, trainAccuracy: null, testAccuracy: null };

function stepPoints(run: RunSeries): Map<number, Point> {
  const points = new Map<number, Point>();
  run.steps.step.forEach((step, i) => points.set(step, { ...EMPTY, loss: run.steps.loss[i]! }));
  run.evals.step.forEach((step, i) => {
    points.set(step, { ...(points.get(step) ?? EMPTY), ...evalPoint(run.evals, i), loss: points.get(step)?.loss ?? null });
  });
  return points;
}

function epochPoints(run: RunSeries): Map<number, Point> {
  const points = new Map<number, Point>();
  if (run.stepsPerEpoch === null || run.stepsPerEpoch <= 0) return points;
  const perEpoch = run.stepsPerEpoch;
  run.evals.step.forEach((step, i) => points.set(step / perEpoch, { ...evalPoint(run.evals, i), loss: run.evals.trainLoss[i]! }));
  return points;
}

function evalPoint(evals: EvalSeries, i: number): Omit<Point, 'loss'> {
  return { testLoss: evals.testLoss[i] ?? null, trainAccuracy: evals.trainAccuracy[i] ?? null, testAccuracy: evals.testAccuracy[i] ?? null };
}
