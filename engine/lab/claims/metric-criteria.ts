import type { ClaimRun } from './claim-run';
import type { Direction, NeverCriterion, ReachesCriterion } from './criteria';
import type { EndedEarly, NeverFinding, ReachesFinding } from './findings';
import { isEnded, observe, upTo } from './observations';

/**
 * The criteria on a metric's course over a run (the smoothed loss, training accuracy, the
 * train/test gap): an effect that must show by a step, or a learning that must not happen through
 * a step.
 */

const passes = (value: number, direction: Direction, threshold: number) => (direction === 'below' ? value < threshold : value >= threshold);

/** A run that ended before `step` (diverged or otherwise), or null when it may still get there. */
function endedEarly(run: ClaimRun, step: number): EndedEarly | null {
  if (!isEnded(run) || run.stepsDone >= step) return null;
  if (run.status === 'diverged') return { outcome: 'diverged', verdict: 'not-reproduced', stepsDone: run.stepsDone, reason: run.message ? run.message : null };
  return { outcome: 'ended-early', verdict: 'not-yet', stepsDone: run.stepsDone, status: run.status, stepsNeeded: step };
}

/** Reproduced at the first observation past the threshold up to `byStep`; not reproduced once the run passes `byStep` without one. */
export function evaluateReaches(criterion: ReachesCriterion, run: ClaimRun): ReachesFinding {
  const { metric, direction, threshold, byStep } = criterion;
  const seen = upTo(observe(metric, run), byStep);
  const hit = seen.find((o) => passes(o.value, direction, threshold));
  if (hit) return { check: 'reaches', criterion, outcome: 'reached', verdict: 'reproduced', at: hit };
  const early = endedEarly(run, byStep);
  if (early) return { check: 'reaches', criterion, ...early };
  const last = seen.at(-1) ?? null;
  if (run.stepsDone >= byStep) return { check: 'reaches', criterion, outcome: 'missed', verdict: 'not-reproduced', last };
  return { check: 'reaches', criterion, outcome: 'pending', verdict: 'not-yet', last };
}

/** Not reproduced at the first observation past the threshold up to `throughStep`; reproduced once the run passes `throughStep` without one. */
export function evaluateNever(criterion: NeverCriterion, run: ClaimRun): NeverFinding {
  const { metric, direction, threshold, throughStep } = criterion;
  const seen = upTo(observe(metric, run), throughStep);
  const crossed = seen.find((o) => passes(o.value, direction, threshold));
  if (crossed) return { check: 'never', criterion, outcome: 'crossed', verdict: 'not-reproduced', at: crossed };
  if (run.status === 'diverged' && criterion.divergenceCounts) {
    return { check: 'never', criterion, outcome: 'diverged-without-learning', verdict: 'reproduced', stepsDone: run.stepsDone };
  }
  const early = endedEarly(run, throughStep);
  if (early) return { check: 'never', criterion, ...early };
  const last = seen.at(-1) ?? null;
  if (run.stepsDone >= throughStep) return { check: 'never', criterion, outcome: 'held', verdict: 'reproduced', last };
  return { check: 'never', criterion, outcome: 'pending', verdict: 'not-yet', last };
}
