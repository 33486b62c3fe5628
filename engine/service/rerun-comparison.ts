import type { EvalSeries, StepSeries } from '../api/runs';

/** Where a re-run first departs from the stored run. */
export interface FirstDifference {
  /** "steps" or "evals": which series differs first (by step). */
  series: 'steps' | 'evals';
  step: number;
  field: string;
  stored: number | null;
  rerun: number | null;
}

export interface RerunVerdict {
  identical: boolean;
  firstDifference: FirstDifference | null;
  engineVersions: { stored: string; rerun: string };
}

interface Recorded {
  engineVersion: string;
  steps: StepSeries;
  evals: EvalSeries;
}

/**
 * Compares a re-run with the run it repeats, bit for bit: every step's loss and data loss and every
 * evaluation. Identical means the same numbers at the same steps and the same number of steps.
 */
export function compareRerun(stored: Recorded, rerun: Recorded): RerunVerdict {
  const candidates = [
    firstSeriesDifference('steps', stored.steps.step, rerun.steps.step, { epoch: [stored.steps.epoch, rerun.steps.epoch], loss: [stored.steps.loss, rerun.steps.loss], dataLoss: [stored.steps.dataLoss, rerun.steps.dataLoss] }),
    firstSeriesDifference('evals', stored.evals.step, rerun.evals.step, {
      epoch: [stored.evals.epoch, rerun.evals.epoch],
      trainLoss: [stored.evals.trainLoss, rerun.evals.trainLoss],
      trainAccuracy: [stored.evals.trainAccuracy, rerun.evals.trainAccuracy],
      testLoss: [stored.evals.testLoss, rerun.evals.testLoss],
      testAccuracy: [stored.evals.testAccuracy, rerun.evals.testAccuracy],
    }),
  ].filter((d): d is FirstDifference => d !== null);
  candidates.sort((a, b) => a.step - b.step);
  const firstDifference = candidates[0] ?? null;
  return { identical: firstDifference === null, firstDifference, engineVersions: { stored: stored.engineVersion, rerun: rerun.engineVersion } };
}

function firstSeriesDifference(
  series: FirstDifference['series'],
  storedSteps: number[],
  rerunSteps: number[],
  fields: Record<string, [(number | null)[], (number | null)[]]>,
): FirstDifference | null {
  const length = Math.max(storedSteps.length, rerunSteps.length);
  for (let i = 0; i < length; i++) {
    const storedStep = storedSteps[i];
    const rerunStep = rerunSteps[i];
    if (storedStep !== rerunStep) {
      // One run has a point the other lacks (it ended earlier, or evaluated at other steps).
      const step = Math.min(storedStep ?? Infinity, rerunStep ?? Infinity);
      return { series, step, field: 'step', stored: storedStep ?? null, rerun: rerunStep ?? null };
    }
    for (const [field, [a, b]] of Object.entries(fields)) {
      if (!Object.is(a[i], b[i])) return { series, step: storedStep!, field, stored: a[i] ?? null, rerun: b[i] ?? null };
    }
  }
  return null;
}
