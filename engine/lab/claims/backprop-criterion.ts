import type { ClaimRun } from './claim-run';
import type { BackpropUpdateCriterion } from './criteria';
import type { BackpropUpdateFinding } from './findings';
import { isEnded } from './observations';

/**
 * The slide's one update of the 2-2-1 network: the loss before it must be the slide's, and the
 * loss after it smaller.
 */
export function evaluateBackpropUpdate(criterion: BackpropUpdateCriterion, run: ClaimRun): BackpropUpdateFinding {
  const before = run.steps.dataLoss[0];
  // The first evaluation after the update (the one at step 0 is before it).
  const afterIndex = run.evals.step.findIndex((step) => step >= 1);
  if (before === undefined || afterIndex < 0) {
    return { check: 'backprop-update', criterion, outcome: isEnded(run) ? 'ended-before-update' : 'waiting-for-update', verdict: 'not-yet' };
  }
  const losses = { lossBefore: before, lossAfter: run.evals.trainLoss[afterIndex]! };
  // Written as not-within so that a NaN loss is not the slide's either.
  if (!(Math.abs(before - criterion.slideLoss) < criterion.tolerance)) return { check: 'backprop-update', criterion, outcome: 'not-the-slide', verdict: 'not-reproduced', ...losses };
  return losses.lossAfter < before
    ? { check: 'backprop-update', criterion, outcome: 'error-shrank', verdict: 'reproduced', ...losses }
    : { check: 'backprop-update', criterion, outcome: 'error-did-not-shrink', verdict: 'not-reproduced', ...losses };
}
