import type { ClaimRun } from './claim-run';
import type { Direction, NeverCriterion, ValueAtCriterion } from './criteria';
import type { EndedEarly, NeverFinding, ValueAtFinding } from './findings';
import { isEnded, observationAt, observe, upTo } from './observations';

/**
 * The criteria on a metric over a run (training loss, training or test accuracy, the train/test
 * gap): a value read at a fixed step, or a learning that must not happen through a step.
 */

/** Whether `value` is on the threshold's expected side. */
export const passes = (value: number, direction: Direction, threshold: number): boolean => (direction === 'below' ? value < threshold : value >= threshold);

/** A run that ended before `step` (diverged or otherwise), or null when it may still get there. */
function endedEarly(run: ClaimRun, step: number): EndedEarly | null {
  if (!isEnded(run) || run.stepsDone >= step) return null;
  if (run.status === 'diverged') return { outcome: 'diverged', verdict: 'not-reproduced', stepsDone: run.stepsDone, reason: run.message ? run.message : null };
  return { outcome: 'ended-early', verdict: 'not-yet', stepsDone: run.stepsDone, status: run.status, stepsNeeded: step };
}

/**
 * The value at `atStep` against the threshold: met or not, once the run has got there (not yet
 * before, whatever the values on the way: an effect that shows early and fades does not count).
 */
export function evaluateValueAt(criterion: ValueAtCriterion, run: ClaimRun): ValueAtFinding {
  const { metric, direction, threshold, atStep } = criterion;
  const at = observationAt(metric, run, atStep);
  if (at !== undefined) {
    return passes(at.value, direction, threshold)
      ? { check: 'value-at', criterion, outcome: 'met', verdict: 'reproduced', at }
      : { check: 'value-at', criterion, outcome: 'not-met', verdict: 'not-reproduced', at };
  }
  const early = endedEarly(run, atStep);
  if (early) return { check: 'value-at', criterion, ...early };
  if (isEnded(run)) return { check: 'value-at', criterion, outcome: 'no-value', verdict: 'not-reproduced' };
  return { check: 'value-at', criterion, outcome: 'pending', verdict: 'not-yet', last: upTo(observe(metric, run), atStep).at(-1) ?? null };
}

/** Not reproduced at the first observation past the threshold up to `throughStep`; reproduced once the run gets there without one. */
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
  const atEnd = observationAt(metric, run, throughStep);
  if (atEnd !== undefined || (isEnded(run) && run.stepsDone >= throughStep)) return { check: 'never', criterion, outcome: 'held', verdict: 'reproduced', last: atEnd ?? null };
  return { check: 'never', criterion, outcome: 'pending', verdict: 'not-yet', last: seen.at(-1) ?? null };
}
