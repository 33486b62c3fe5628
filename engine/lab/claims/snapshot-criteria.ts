import type { ClaimDiagnostics, ClaimRun } from './claim-run';
import type { ExactZerosCriterion, FewZerosCriterion, GradientEvenCriterion, GradientVanishesCriterion } from './criteria';
import type { ExactZerosFinding, FewZerosFinding, GradientEvenFinding, GradientVanishesFinding } from './findings';

/**
 * The criteria read from diagnostics snapshots: the gradient per layer at step 0 (the first
 * snapshot) and the weights that are exactly 0 (the latest snapshot).
 */

/** Hidden layers' gradient norms of a snapshot (the output layer left out); null when one is not a positive finite number. */
function hiddenGradNorms(snapshot: ClaimDiagnostics): number[] | null {
  const norms = snapshot.layers.slice(0, -1).map((layer) => layer.gradNorm);
  return norms.every((n): n is number => n !== null && Number.isFinite(n) && n > 0) ? norms : null;
}

/** Layer 1's gradient over the last hidden layer's, in the first snapshot. */
export function evaluateGradientVanishes(criterion: GradientVanishesCriterion, run: ClaimRun): GradientVanishesFinding {
  const first = run.diagnostics?.first;
  if (!first) return { check: 'gradient-vanishes', criterion, outcome: 'no-snapshot', verdict: 'not-yet' };
  const norms = hiddenGradNorms(first);
  if (norms === null || norms.length < 2) return { check: 'gradient-vanishes', criterion, outcome: 'not-finite', verdict: 'not-reproduced' };
  const ratio = norms[0]! / norms.at(-1)!;
  const measured = { step: first.step, ratio, lastHiddenLayer: norms.length };
  return ratio < criterion.maxRatio
    ? { check: 'gradient-vanishes', criterion, outcome: 'vanishes', verdict: 'reproduced', ...measured }
    : { check: 'gradient-vanishes', criterion, outcome: 'does-not-vanish', verdict: 'not-reproduced', ...measured };
}

/** The spread (largest over smallest) of the hidden layers' gradients, in the first snapshot. */
export function evaluateGradientEven(criterion: GradientEvenCriterion, run: ClaimRun): GradientEvenFinding {
  const first = run.diagnostics?.first;
  if (!first) return { check: 'gradient-even', criterion, outcome: 'no-snapshot', verdict: 'not-yet' };
  const norms = hiddenGradNorms(first);
  if (norms === null || norms.length < 1) return { check: 'gradient-even', criterion, outcome: 'not-finite', verdict: 'not-reproduced' };
  const spread = Math.max(...norms) / Math.min(...norms);
  return spread < criterion.maxSpread
    ? { check: 'gradient-even', criterion, outcome: 'even', verdict: 'reproduced', step: first.step, spread }
    : { check: 'gradient-even', criterion, outcome: 'uneven', verdict: 'not-reproduced', step: first.step, spread };
}

/**
 * Layer 1's exact zeros in the latest snapshot, judged once that snapshot is the one at the
 * criterion's step (the run's end; the snapshot of step s counts as step s + 1, after its update):
 * zeros that appear mid-run and are gone at the end do not count, nor do too few mid-run.
 */
export function evaluateExactZeros(criterion: ExactZerosCriterion, run: ClaimRun): ExactZerosFinding {
  const last = run.diagnostics?.last;
  if (!last) return { check: 'exact-zeros', criterion, outcome: 'no-snapshot', verdict: 'not-yet' };
  const measured = { step: last.step + 1, zeroFraction: last.layers[0]?.weights.zeroFraction ?? 0 };
  if (measured.step < criterion.atStep) return { check: 'exact-zeros', criterion, outcome: 'pending', verdict: 'not-yet', ...measured };
  return measured.zeroFraction >= criterion.fraction
    ? { check: 'exact-zeros', criterion, outcome: 'enough', verdict: 'reproduced', ...measured }
    : { check: 'exact-zeros', criterion, outcome: 'too-few', verdict: 'not-reproduced', ...measured };
}

/** The largest fraction of exact zeros of any layer in the latest snapshot, judged once that snapshot is the one at the criterion's step. */
export function evaluateFewZeros(criterion: FewZerosCriterion, run: ClaimRun): FewZerosFinding {
  const last = run.diagnostics?.last;
  if (!last) return { check: 'few-zeros', criterion, outcome: 'no-snapshot', verdict: 'not-yet' };
  const measured = { step: last.step + 1, zeroFraction: Math.max(...last.layers.map((layer) => layer.weights.zeroFraction)) };
  if (measured.step < criterion.atStep) return { check: 'few-zeros', criterion, outcome: 'pending', verdict: 'not-yet', ...measured };
  return measured.zeroFraction > criterion.fraction
    ? { check: 'few-zeros', criterion, outcome: 'too-many', verdict: 'not-reproduced', ...measured }
    : { check: 'few-zeros', criterion, outcome: 'few', verdict: 'reproduced', ...measured };
}
