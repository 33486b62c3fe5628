import type { DoctorRun } from './doctor-run';
import { LOSS_WINDOW_FRACTION, MIN_LOSS_STEPS, MIN_LOSS_WINDOW } from './thresholds';

/** The mean data loss of the batches of a window of steps, and the last step in it. */
export interface LossWindow {
  step: number;
  loss: number;
}

/**
 * How the loss went so far: where it started, its lowest and highest windows, and the recent one.
 * Windows are consecutive runs of `window` steps from step 0 (the recent one is the last `window`
 * steps, however they fall); each window's value is the mean of its finite batch data losses.
 */
export interface LossTrend {
  /** Steps seen (the last step + 1). */
  stepsSeen: number;
  window: number;
  /** The initial network's training loss (the evaluation at step 0), else the first window's. */
  initialLoss: number;
  recent: LossWindow;
  best: LossWindow;
  peak: LossWindow;
}

/** The loss trend, or null before MIN_LOSS_STEPS steps (too early to tell). */
export function lossTrend(run: DoctorRun): LossTrend | null {
  const { step, dataLoss } = run.steps;
  const lastStep = step.at(-1);
  if (lastStep === undefined || lastStep + 1 < MIN_LOSS_STEPS) return null;
  const stepsSeen = lastStep + 1;
  const window = Math.max(MIN_LOSS_WINDOW, Math.ceil(stepsSeen * LOSS_WINDOW_FRACTION));

  const windows: LossWindow[] = [];
  let sum = 0;
  let count = 0;
  let current = 0;
  let lastInWindow = 0;
  const close = () => {
    if (count > 0) windows.push({ step: lastInWindow, loss: sum / count });
    sum = 0;
    count = 0;
  };
  for (let i = 0; i < step.length; i++) {
    const s = step[i]!;
    const index = Math.floor(s / window);
    if (index !== current) {
      close();
      current = index;
    }
    const loss = dataLoss[i]!;
    if (Number.isFinite(loss)) {
      sum += loss;
      count++;
      lastInWindow = s;
    }
  }
  close();

  let recentSum = 0;
  let recentCount = 0;
  for (let i = step.length - 1; i >= 0 && step[i]! > lastStep - window; i--) {
    const loss = dataLoss[i]!;
    if (Number.isFinite(loss)) {
      recentSum += loss;
      recentCount++;
    }
  }
  if (recentCount === 0 || windows.length === 0) return null;
  const recent: LossWindow = { step: lastStep, loss: recentSum / recentCount };
  const all = [...windows, recent];
  const best = all.reduce((a, b) => (b.loss < a.loss ? b : a));
  const peak = all.reduce((a, b) => (b.loss > a.loss ? b : a));
  const initialEval = run.evals.step[0] === 0 ? run.evals.trainLoss[0] : undefined;
  const initialLoss = initialEval !== undefined && Number.isFinite(initialEval) ? initialEval : windows[0]!.loss;
  return { stepsSeen, window, initialLoss, recent, best, peak };
}
