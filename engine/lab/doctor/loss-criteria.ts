import type { DoctorRun } from './doctor-run';
import { sustainedSnapshots, type Observed } from './gradient-criteria';
import type { LossTrend } from './loss-trend';
import {
  FLAT_LOSS_DROP,
  LOSS_PEAK_FACTOR,
  LOSS_RISE_FACTOR,
  LOSS_RISE_SHARE,
  LOW_UPDATE_RATIO,
  OVERFIT_ACCURACY_GAP,
  OVERFIT_SUSTAINED_EVALS,
  OVERFIT_TEST_LOSS_RISE,
} from './thresholds';

/**
 * The criteria on the loss curves: a learning rate too high (the loss goes up) or too low (it
 * stays flat while the weights barely move), and overfitting (the test loss turns up while the
 * training loss goes on down).
 */

/**
 * Some window's loss reached LOSS_PEAK_FACTOR times the initial loss; else the recent loss is
 * LOSS_RISE_FACTOR times the lowest window and back up by LOSS_RISE_SHARE of the way down.
 */
export function lrTooHigh(trend: LossTrend | null): Observed | null {
  if (trend === null) return null;
  const { initialLoss, peak, best, recent } = trend;
  if (initialLoss > 0 && peak.loss >= LOSS_PEAK_FACTOR * initialLoss) {
    return { code: 'lr-too-high', step: peak.step, evidence: { measure: 'loss-peak', initialLoss, peakLoss: peak.loss, threshold: LOSS_PEAK_FACTOR } };
  }
  const rise = recent.loss - best.loss;
  if (best.step < recent.step && recent.loss >= LOSS_RISE_FACTOR * best.loss && rise > 0 && rise >= LOSS_RISE_SHARE * Math.max(0, initialLoss - best.loss)) {
    return {
      code: 'lr-too-high',
      step: recent.step,
      evidence: { measure: 'loss-rising', initialLoss, bestLoss: best.loss, bestStep: best.step, recentLoss: recent.loss, threshold: LOSS_RISE_FACTOR },
    };
  }
  return null;
}

/**
 * The recent loss is within FLAT_LOSS_DROP of the initial loss (or above it), and in each of the
 * last snapshots every layer that has a gradient moved by less than LOW_UPDATE_RATIO of its weights.
 */
export function lrTooLow(run: DoctorRun, trend: LossTrend | null): Observed | null {
  const snapshots = sustainedSnapshots(run);
  if (trend === null || snapshots === null || !(trend.initialLoss > 0)) return null;
  if (trend.initialLoss - trend.recent.loss >= FLAT_LOSS_DROP * trend.initialLoss) return null;
  let largest = 0;
  let counted = 0;
  for (const snapshot of snapshots) {
    for (const layer of snapshot.layers) {
      // Weights without a gradient (dead ReLUs, an unused layer) or with no size (all zeros) tell nothing of the rate.
      if (layer.gradNorm === null || !(layer.gradNorm > 0) || layer.updateRatio === null) continue;
      if (!(layer.updateRatio < LOW_UPDATE_RATIO)) return null;
      largest = Math.max(largest, layer.updateRatio);
      counted++;
    }
  }
  if (counted === 0) return null;
  return {
    code: 'lr-too-low',
    step: trend.recent.step,
    evidence: { measure: 'flat-loss', initialLoss: trend.initialLoss, recentLoss: trend.recent.loss, updateRatio: largest, threshold: LOW_UPDATE_RATIO, snapshots: snapshots.length },
  };
}

/**
 * The last OVERFIT_SUSTAINED_EVALS evaluations' test losses are OVERFIT_TEST_LOSS_RISE above the
 * lowest test loss of the evaluations before them, the latest training loss is below the one at
 * that lowest point, and (with accuracies) training accuracy leads test accuracy by
 * OVERFIT_ACCURACY_GAP or more.
 */
export function overfitting(run: DoctorRun): Observed | null {
  const { evals } = run;
  const rows: number[] = [];
  for (let i = 0; i < evals.step.length; i++) {
    const test = evals.testLoss[i];
    if (test !== null && test !== undefined && Number.isFinite(test) && Number.isFinite(evals.trainLoss[i]!)) rows.push(i);
  }
  if (rows.length < OVERFIT_SUSTAINED_EVALS + 1) return null;
  const before = rows.slice(0, -OVERFIT_SUSTAINED_EVALS);
  const recent = rows.slice(-OVERFIT_SUSTAINED_EVALS);
  const best = before.reduce((a, b) => (evals.testLoss[b]! < evals.testLoss[a]! ? b : a));
  const bestTestLoss = evals.testLoss[best]!;
  if (!recent.every((i) => evals.testLoss[i]! >= (1 + OVERFIT_TEST_LOSS_RISE) * bestTestLoss)) return null;
  const last = recent[recent.length - 1]!;
  if (!(evals.trainLoss[last]! < evals.trainLoss[best]!)) return null;
  const trainAccuracy = evals.trainAccuracy[last] ?? null;
  const testAccuracy = evals.testAccuracy[last] ?? null;
  const accuracies = trainAccuracy !== null && testAccuracy !== null ? { trainAccuracy, testAccuracy, gap: trainAccuracy - testAccuracy } : null;
  if (accuracies !== null && accuracies.gap < OVERFIT_ACCURACY_GAP) return null;
  return {
    code: 'overfitting',
    step: evals.step[last]!,
    evidence: {
      measure: 'test-loss-rising',
      bestStep: evals.step[best]!,
      bestTestLoss,
      testLoss: evals.testLoss[last]!,
      trainLossAtBest: evals.trainLoss[best]!,
      trainLoss: evals.trainLoss[last]!,
      ...(accuracies ?? {}),
    },
  };
}
