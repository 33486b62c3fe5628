import type { RunStatus } from '../../api/events';
import type {
  AheadAtCriterion,
  BackpropUpdateCriterion,
  ExactZerosCriterion,
  FewZerosCriterion,
  GradientEvenCriterion,
  GradientVanishesCriterion,
  LowerAtCriterion,
  NeverCriterion,
  ValueAtCriterion,
} from './criteria';
import type { Observation } from './observations';

/**
 * What a criterion saw in a run, as plain data: which check (with its thresholds), the outcome, the
 * verdict it implies and the numbers measured. No words: claims/wording tells them in Korean and
 * English.
 */

/** A check's verdict: the effect shows, it does not, or it cannot be told yet. */
export type ClaimVerdictKind = 'reproduced' | 'not-reproduced' | 'not-yet';

/** The run ended before the step a criterion needs: diverged (not reproduced), or ended otherwise (not yet). */
export type EndedEarly =
  | { outcome: 'diverged'; verdict: ClaimVerdictKind; stepsDone: number; reason: string | null }
  | { outcome: 'ended-early'; verdict: ClaimVerdictKind; stepsDone: number; status: RunStatus; stepsNeeded: number };

/**
 * `at`: the value at the criterion's step; `last`: the latest one before it (while the run has not
 * got there), null when there is none. 'no-value': the run passed the step without ever measuring it.
 */
export type ValueAtFinding = { check: 'value-at'; criterion: ValueAtCriterion } & (
  | { outcome: 'met' | 'not-met'; verdict: ClaimVerdictKind; at: Observation }
  | { outcome: 'pending'; verdict: ClaimVerdictKind; last: Observation | null }
  | { outcome: 'no-value'; verdict: ClaimVerdictKind }
  | EndedEarly
);

/** `at`: the first observation past the threshold; `last`: the value at the criterion's step (or the latest before it while pending). */
export type NeverFinding = { check: 'never'; criterion: NeverCriterion } & (
  | { outcome: 'crossed'; verdict: ClaimVerdictKind; at: Observation }
  | { outcome: 'diverged-without-learning'; verdict: ClaimVerdictKind; stepsDone: number }
  | { outcome: 'held' | 'pending'; verdict: ClaimVerdictKind; last: Observation | null }
  | EndedEarly
);

/** No snapshot to read yet (the first for gradients, the latest for weights). */
interface NoSnapshot {
  outcome: 'no-snapshot';
  verdict: ClaimVerdictKind;
}

/** A hidden layer's gradient norm is 0, infinite, NaN or missing. */
interface NotFinite {
  outcome: 'not-finite';
  verdict: ClaimVerdictKind;
}

/** `ratio`: layer 1's gradient norm over the last hidden layer's (`lastHiddenLayer`, counted from 1). */
export type GradientVanishesFinding = { check: 'gradient-vanishes'; criterion: GradientVanishesCriterion } & (
  | NoSnapshot
  | NotFinite
  | { outcome: 'vanishes' | 'does-not-vanish'; verdict: ClaimVerdictKind; step: number; ratio: number; lastHiddenLayer: number }
);

/** `spread`: the largest hidden-layer gradient norm over the smallest. */
export type GradientEvenFinding = { check: 'gradient-even'; criterion: GradientEvenCriterion } & (
  | NoSnapshot
  | NotFinite
  | { outcome: 'even' | 'uneven'; verdict: ClaimVerdictKind; step: number; spread: number }
);

/** `zeroFraction`: layer 1's fraction of weights exactly 0 after `step` updates (the snapshot of step − 1), judged once that is the run's end. */
export type ExactZerosFinding = { check: 'exact-zeros'; criterion: ExactZerosCriterion } & (
  | NoSnapshot
  | { outcome: 'enough' | 'too-few' | 'pending'; verdict: ClaimVerdictKind; step: number; zeroFraction: number }
);

/** `zeroFraction`: the largest fraction of exact zeros of any layer after `step` updates (the snapshot of step − 1), judged once that is the run's end. */
export type FewZerosFinding = { check: 'few-zeros'; criterion: FewZerosCriterion } & (
  | NoSnapshot
  | { outcome: 'few' | 'too-many' | 'pending'; verdict: ClaimVerdictKind; step: number; zeroFraction: number }
);

/** The losses before the update (step 0's data loss) and after it (the first evaluation from step 1 on). */
export type BackpropUpdateFinding = { check: 'backprop-update'; criterion: BackpropUpdateCriterion } & (
  | { outcome: 'waiting-for-update' | 'ended-before-update'; verdict: ClaimVerdictKind }
  | { outcome: 'error-shrank' | 'error-did-not-shrink' | 'not-the-slide'; verdict: ClaimVerdictKind; lossBefore: number; lossAfter: number }
);

/** What a criterion saw in one run. */
export type RunFinding = ValueAtFinding | NeverFinding | GradientVanishesFinding | GradientEvenFinding | ExactZerosFinding | FewZerosFinding | BackpropUpdateFinding;

/** A preset's own criterion, as it found that preset's run in a comparison. */
export interface PresetFinding {
  check: 'preset';
  presetId: string;
  verdict: ClaimVerdictKind;
  finding: RunFinding;
}

/**
 * The two runs' values, each at its own step. 'too-early': `waitingFor` (preset ids) have not got
 * to their step yet; 'no-value': a run passed its step without measuring the metric, or diverged before it.
 */
export type LowerAtFinding = { check: 'lower-at'; criterion: LowerAtCriterion } & (
  | { outcome: 'too-early'; verdict: ClaimVerdictKind; waitingFor: string[] }
  | { outcome: 'no-value'; verdict: ClaimVerdictKind }
  | { outcome: 'lower' | 'not-lower'; verdict: ClaimVerdictKind; smallerValue: Observation; largerValue: Observation }
);

/** The two runs' values at the criterion's step. */
export type AheadAtFinding = { check: 'ahead-at'; criterion: AheadAtCriterion } & (
  | { outcome: 'too-early'; verdict: ClaimVerdictKind; waitingFor: string[] }
  | { outcome: 'no-value'; verdict: ClaimVerdictKind }
  | { outcome: 'ahead' | 'not-ahead'; verdict: ClaimVerdictKind; aheadValue: Observation; behindValue: Observation }
);

/** Some presets of a comparison have no run yet (not yet). */
export interface RunsMissingFinding {
  check: 'runs-missing';
  verdict: ClaimVerdictKind;
  presetIds: string[];
}

/** What a comparison's criteria saw in its runs. */
export type ComparisonFinding = PresetFinding | LowerAtFinding | AheadAtFinding | RunsMissingFinding;

/** Any finding. */
export type Finding = RunFinding | ComparisonFinding;

/** A check's verdict and the findings that decided it (those with that verdict), in their order. */
export interface ClaimOutcome<F extends Finding = Finding> {
  verdict: ClaimVerdictKind;
  deciding: F[];
}

/** not-reproduced if any finding is, else not-yet if any is, else reproduced; with the findings of that verdict. */
export function outcomeOf<F extends Finding>(findings: readonly F[]): ClaimOutcome<F> {
  const verdicts = findings.map((f) => f.verdict);
  const verdict: ClaimVerdictKind = verdicts.includes('not-reproduced') ? 'not-reproduced' : verdicts.includes('not-yet') ? 'not-yet' : 'reproduced';
  return { verdict, deciding: findings.filter((f) => f.verdict === verdict) };
}
