import type { RunStatus } from '../../api/events';
import type {
  AheadAtCriterion,
  BackpropUpdateCriterion,
  ExactZerosCriterion,
  FewZerosCriterion,
  GradientEvenCriterion,
  GradientVanishesCriterion,
  LowerAtCommonStepCriterion,
  NeverCriterion,
  ReachesCriterion,
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

/** `last`: the latest observation up to the criterion's step, null when there is none. */
export type ReachesFinding = { check: 'reaches'; criterion: ReachesCriterion } & (
  | { outcome: 'reached'; verdict: ClaimVerdictKind; at: Observation }
  | { outcome: 'missed' | 'pending'; verdict: ClaimVerdictKind; last: Observation | null }
  | EndedEarly
);

/** `at`: the first observation past the threshold; `last`: the latest one up to the criterion's step. */
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

/** `zeroFraction`: layer 1's fraction of weights exactly 0 in the snapshot of `step`. */
export type ExactZerosFinding = { check: 'exact-zeros'; criterion: ExactZerosCriterion } & (
  | NoSnapshot
  | { outcome: 'enough' | 'too-few' | 'pending'; verdict: ClaimVerdictKind; step: number; zeroFraction: number }
);

/** `zeroFraction`: the largest fraction of exact zeros of any layer in the snapshot of `step`. */
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
export type RunFinding = ReachesFinding | NeverFinding | GradientVanishesFinding | GradientEvenFinding | ExactZerosFinding | FewZerosFinding | BackpropUpdateFinding;

/** A preset's own criterion, as it found that preset's run in a comparison. */
export interface PresetFinding {
  check: 'preset';
  presetId: string;
  verdict: ClaimVerdictKind;
  finding: RunFinding;
}

/** `commonStep`: the steps both runs have done; `step`: where the two values compared were observed. */
export type LowerAtCommonStepFinding = { check: 'lower-at-common-step'; criterion: LowerAtCommonStepCriterion } & (
  | { outcome: 'too-early'; verdict: ClaimVerdictKind; commonStep: number }
  | { outcome: 'lower' | 'not-lower'; verdict: ClaimVerdictKind; step: number; smallerValue: number; largerValue: number }
);

/** The two training accuracies at the criterion's step. */
export type AheadAtFinding = { check: 'ahead-at'; criterion: AheadAtCriterion } & (
  | { outcome: 'too-early'; verdict: ClaimVerdictKind }
  | { outcome: 'ahead' | 'not-ahead'; verdict: ClaimVerdictKind; aheadValue: number; behindValue: number }
);

/** Some presets of a comparison have no run yet (not yet). */
export interface RunsMissingFinding {
  check: 'runs-missing';
  verdict: ClaimVerdictKind;
  presetIds: string[];
}

/** What a comparison's criteria saw in its runs. */
export type ComparisonFinding = PresetFinding | LowerAtCommonStepFinding | AheadAtFinding | RunsMissingFinding;

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
