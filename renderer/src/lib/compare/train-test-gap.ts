import type { EvalSeries } from '../charts/run-series';

/** The train/test gap at each evaluation that measured both splits (the overfitting picture). */
export interface GapSeries {
  readonly step: readonly number[];
  /** Fractional epochs, as in EvalSeries. */
  readonly epoch: readonly number[];
  /** Train accuracy − test accuracy, in percentage points; null where accuracy is missing. */
  readonly accuracyGap: readonly (number | null)[];
  /** Test loss − train loss; null where a loss is missing or not finite. */
  readonly lossGap: readonly (number | null)[];
}

function finite(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

/**
 * Train minus test, evaluation by evaluation: accuracy gap = (train − test accuracy) · 100 in
 * percentage points, loss gap = test loss − train loss. Both grow as a network memorises its
 * training set. Evaluations without a test split are left out.
 */
export function trainTestGap(evals: EvalSeries): GapSeries {
  const step: number[] = [];
  const epoch: number[] = [];
  const accuracyGap: (number | null)[] = [];
  const lossGap: (number | null)[] = [];
  for (let i = 0; i < evals.step.length; i++) {
    const testLoss = evals.testLoss[i];
    const testAccuracy = evals.testAccuracy[i];
    if (!finite(testLoss) && !finite(testAccuracy)) continue;
    const trainLoss = evals.trainLoss[i];
    const trainAccuracy = evals.trainAccuracy[i];
    step.push(evals.step[i]!);
    epoch.push(evals.epoch[i]!);
    accuracyGap.push(finite(trainAccuracy) && finite(testAccuracy) ? (trainAccuracy - testAccuracy) * 100 : null);
    lossGap.push(finite(trainLoss) && finite(testLoss) ? testLoss - trainLoss : null);
  }
  return { step, epoch, accuracyGap, lossGap };
}
