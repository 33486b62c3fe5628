import { evaluateBackpropUpdate } from './backprop-criterion';
import type { ClaimRun } from './claim-run';
import type { RunCriterion } from './criteria';
import type { RunFinding } from './findings';
import { evaluateNever, evaluateValueAt } from './metric-criteria';
import { evaluateExactZeros, evaluateFewZeros, evaluateGradientEven, evaluateGradientVanishes } from './snapshot-criteria';

/** What `criterion` finds in `run` (a structured finding: outcome, verdict, numbers). */
export function evaluateRunCriterion(criterion: RunCriterion, run: ClaimRun): RunFinding {
  switch (criterion.check) {
    case 'value-at':
      return evaluateValueAt(criterion, run);
    case 'never':
      return evaluateNever(criterion, run);
    case 'gradient-vanishes':
      return evaluateGradientVanishes(criterion, run);
    case 'gradient-even':
      return evaluateGradientEven(criterion, run);
    case 'exact-zeros':
      return evaluateExactZeros(criterion, run);
    case 'few-zeros':
      return evaluateFewZeros(criterion, run);
    case 'backprop-update':
      return evaluateBackpropUpdate(criterion, run);
  }
}
