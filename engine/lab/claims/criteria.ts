import type { DiagnosticsNeed } from './claim-run';
import type { MetricId } from './observations';

/**
 * The criteria a claim check is made of, as plain data: which check and its thresholds. The
 * catalogues (preset-claims.ts, comparison-claims.ts) say which apply where; evaluate-criterion.ts
 * (one run) and comparison-criteria.ts (runs side by side) turn them into findings (findings.ts).
 *
 * A criterion is "by step N" (the effect must show by then: reproduced as soon as it shows, not
 * reproduced once the run passes step N without it) or "through step N" (a run that does not
 * learn: not reproduced as soon as it learns, reproduced once it passes step N without learning);
 * before that it is 'not-yet'.
 */

/** 'below': the value must go under the threshold; 'above': to at least the threshold. */
export type Direction = 'below' | 'above';

/** By step `byStep`, `metric` goes below (or to at least) `threshold`. */
export interface ReachesCriterion {
  check: 'reaches';
  metric: MetricId;
  direction: Direction;
  threshold: number;
  byStep: number;
}

/**
 * Through step `throughStep`, `metric` never goes below (or to at least) `threshold`. With
 * `divergenceCounts`, a run that diverged counts as not having learned.
 */
export interface NeverCriterion {
  check: 'never';
  metric: MetricId;
  direction: Direction;
  threshold: number;
  throughStep: number;
  divergenceCounts: boolean;
}

/** At step 0 (first snapshot), layer 1's gradient norm is below `maxRatio` times the last hidden layer's. */
export interface GradientVanishesCriterion {
  check: 'gradient-vanishes';
  maxRatio: number;
}

/** At step 0 (first snapshot), every hidden layer's gradient norm is within a factor `maxSpread` of the others. */
export interface GradientEvenCriterion {
  check: 'gradient-even';
  maxSpread: number;
}

/** In the latest snapshot, at least `fraction` of layer 1's weights are exactly 0, by step `byStep`. */
export interface ExactZerosCriterion {
  check: 'exact-zeros';
  fraction: number;
  byStep: number;
}

/** In the latest snapshot at or after `fromStep`, no layer has more than `fraction` of its weights exactly 0. */
export interface FewZerosCriterion {
  check: 'few-zeros';
  fraction: number;
  fromStep: number;
}

/**
 * The slide's one update: the loss before it (step 0's data loss) is `slideLoss` within
 * `tolerance`, and the first evaluation after it has a smaller training loss.
 */
export interface BackpropUpdateCriterion {
  check: 'backprop-update';
  slideLoss: number;
  tolerance: number;
}

/** A criterion on one run. */
export type RunCriterion = ReachesCriterion | NeverCriterion | GradientVanishesCriterion | GradientEvenCriterion | ExactZerosCriterion | FewZerosCriterion | BackpropUpdateCriterion;

/** One preset's run criterion, applied to that preset's run within a comparison. */
export interface PresetCriterion {
  check: 'preset';
  presetId: string;
  criterion: RunCriterion;
}

/**
 * `metric` of two presets' runs at the latest step both have reached (at least `fromStep`):
 * `smaller`'s must be below `factor` × `larger`'s.
 */
export interface LowerAtCommonStepCriterion {
  check: 'lower-at-common-step';
  metric: MetricId;
  smaller: string;
  larger: string;
  factor: number;
  fromStep: number;
}

/** At step `step`, preset `ahead`'s training accuracy is at least `margin` above preset `behind`'s. */
export interface AheadAtCriterion {
  check: 'ahead-at';
  ahead: string;
  behind: string;
  step: number;
  margin: number;
}

/** A criterion over the runs of a comparison (keyed by preset id). */
export type ComparisonCriterion = PresetCriterion | LowerAtCommonStepCriterion | AheadAtCriterion;

/** The diagnostics snapshot a criterion reads, if any. */
export function snapshotNeeded(criterion: RunCriterion): DiagnosticsNeed | null {
  switch (criterion.check) {
    case 'gradient-vanishes':
    case 'gradient-even':
      return 'first';
    case 'exact-zeros':
    case 'few-zeros':
      return 'last';
    default:
      return null;
  }
}

/** The snapshots some of these criteria read, in the order first, last. */
export function snapshotsNeeded(criteria: readonly RunCriterion[]): DiagnosticsNeed[] {
  return (['first', 'last'] as const).filter((need) => criteria.some((c) => snapshotNeeded(c) === need));
}
