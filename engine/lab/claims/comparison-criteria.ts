import type { ClaimRun } from './claim-run';
import type { AheadAtCriterion, ComparisonCriterion, LowerAtCommonStepCriterion } from './criteria';
import { evaluateRunCriterion } from './evaluate-criterion';
import type { AheadAtFinding, ComparisonFinding, LowerAtCommonStepFinding } from './findings';
import { observationAt } from './observations';

/**
 * The criteria over several runs side by side (keyed by preset id; every preset of the comparison
 * has a run by the time these are evaluated).
 */

/** What `criterion` finds in the comparison's runs. */
export function evaluateComparisonCriterion(criterion: ComparisonCriterion, runs: Readonly<Record<string, ClaimRun>>): ComparisonFinding {
  switch (criterion.check) {
    case 'preset': {
      const finding = evaluateRunCriterion(criterion.criterion, runs[criterion.presetId]!);
      return { check: 'preset', presetId: criterion.presetId, verdict: finding.verdict, finding };
    }
    case 'lower-at-common-step':
      return evaluateLowerAtCommonStep(criterion, runs);
    case 'ahead-at':
      return evaluateAheadAt(criterion, runs);
  }
}

/** Compares the two runs at the latest step both have reached; too early while either is short of `fromStep`. */
function evaluateLowerAtCommonStep(criterion: LowerAtCommonStepCriterion, runs: Readonly<Record<string, ClaimRun>>): LowerAtCommonStepFinding {
  const { metric, factor, fromStep } = criterion;
  const a = runs[criterion.smaller]!;
  const b = runs[criterion.larger]!;
  const commonStep = Math.min(a.stepsDone, b.stepsDone);
  const at = observationAt(metric, a, commonStep);
  const other = at ? observationAt(metric, b, at.step) : undefined;
  if (at === undefined || other === undefined || at.step < fromStep || other.step < fromStep) {
    return { check: 'lower-at-common-step', criterion, outcome: 'too-early', verdict: 'not-yet', commonStep };
  }
  const measured = { step: at.step, smallerValue: at.value, largerValue: other.value };
  return at.value < factor * other.value
    ? { check: 'lower-at-common-step', criterion, outcome: 'lower', verdict: 'reproduced', ...measured }
    : { check: 'lower-at-common-step', criterion, outcome: 'not-lower', verdict: 'not-reproduced', ...measured };
}

/** Compares the training accuracies at `step`; too early while either run has no evaluation there. */
function evaluateAheadAt(criterion: AheadAtCriterion, runs: Readonly<Record<string, ClaimRun>>): AheadAtFinding {
  const { step, margin } = criterion;
  const a = observationAt('train-accuracy', runs[criterion.ahead]!, step);
  const b = observationAt('train-accuracy', runs[criterion.behind]!, step);
  if (a === undefined || b === undefined || a.step < step || b.step < step) return { check: 'ahead-at', criterion, outcome: 'too-early', verdict: 'not-yet' };
  const measured = { aheadValue: a.value, behindValue: b.value };
  return a.value - b.value >= margin
    ? { check: 'ahead-at', criterion, outcome: 'ahead', verdict: 'reproduced', ...measured }
    : { check: 'ahead-at', criterion, outcome: 'not-ahead', verdict: 'not-reproduced', ...measured };
}
