import type { DiagnosticsNeed } from './claim-run';
import type { MetricId } from './observations';

/**
 * The criteria a claim check is made of, as plain data: which check and its thresholds. The
 * catalogues (preset-claims.ts, comparison-claims.ts) say which apply where; evaluate-criterion.ts
 * (one run) and comparison-criteria.ts (runs side by side) turn them into findings (findings.ts).
 *
 * Every criterion reads its run at steps fixed before the run: the preset's own end (its last
 * step, where its last evaluation and diagnostics snapshot are), or a moment its lab sheet names
 * and the chart marks (step 0's gradients, epoch 20 of the batch-norm comparison). None takes the
 * best or the first step where the effect happens to show: a value that must be reached is read
 * at that step, and a value that must never be crossed is watched through every evaluation up to
 * it. Before that step a criterion is 'not-yet'.
 */

/** 'below': the value must be under the threshold; 'above': at least the threshold. */
export type Direction = 'below' | 'above';

/** At step `atStep`, `metric` is below (or at least) `threshold`. */
export interface ValueAtCriterion {
  check: 'value-at';
  metric: MetricId;
  direction: Direction;
  threshold: number;
  atStep: number;
}

/**
 * Through step `throughStep` (the preset's end), `metric` never goes below (or to at least)
 * `threshold` at any evaluation. With `divergenceCounts`, a run that diverged counts as not having
 * learned.
 */
export interface NeverCriterion {
  check: 'never';
  metric: MetricId;
  direction: Direction;
  threshold: number;
  throughStep: number;
  divergenceCounts: boolean;
}

/** At step 0 (the first snapshot), layer 1's gradient norm is below `maxRatio` times the last hidden layer's. */
export interface GradientVanishesCriterion {
  check: 'gradient-vanishes';
  maxRatio: number;
}

/** At step 0 (the first snapshot), every hidden layer's gradient norm is within a factor `maxSpread` of the others. */
export interface GradientEvenCriterion {
  check: 'gradient-even';
  maxSpread: number;
}

/** In the snapshot at the run's step `atStep` (its end), at least `fraction` of layer 1's weights are exactly 0. */
export interface ExactZerosCriterion {
  check: 'exact-zeros';
  fraction: number;
  atStep: number;
}

/** In the snapshot at the run's step `atStep` (its end), no layer has more than `fraction` of its weights exactly 0. */
export interface FewZerosCriterion {
  check: 'few-zeros';
  fraction: number;
  atStep: number;
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
export type RunCriterion = ValueAtCriterion | NeverCriterion | GradientVanishesCriterion | GradientEvenCriterion | ExactZerosCriterion | FewZerosCriterion | BackpropUpdateCriterion;

/** One preset's run criterion, applied to that preset's run within a comparison. */
export interface PresetCriterion {
  check: 'preset';
  presetId: string;
  criterion: RunCriterion;
}

/** A preset's run read at a step (its end, as a rule). */
export interface RunAt {
  presetId: string;
  atStep: number;
}

/**
 * `metric` of two presets' runs, each read at its own step (each preset's end: presets of one
 * comparison may differ in length): `smaller`'s value must be below `factor` × `larger`'s.
 */
export interface LowerAtCriterion {
  check: 'lower-at';
  metric: MetricId;
  smaller: RunAt;
  larger: RunAt;
  factor: number;
}

/** At step `atStep`, preset `ahead`'s `metric` (an accuracy) is at least `margin` above preset `behind`'s. */
export interface AheadAtCriterion {
  check: 'ahead-at';
  metric: MetricId;
  ahead: string;
  behind: string;
  atStep: number;
  margin: number;
}

/** A criterion over the runs of a comparison (keyed by preset id). */
export type ComparisonCriterion = PresetCriterion | LowerAtCriterion | AheadAtCriterion;

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

/**
 * The step at which a criterion judges its run: the step of the value it reads (for 'never', the
 * end of the span it watches; for the slide's update, step 1, after it). What a chart marks.
 */
export function checkedAtStep(criterion: RunCriterion): number {
  switch (criterion.check) {
    case 'value-at':
    case 'exact-zeros':
    case 'few-zeros':
      return criterion.atStep;
    case 'never':
      return criterion.throughStep;
    case 'gradient-vanishes':
    case 'gradient-even':
      return 0;
    case 'backprop-update':
      return 1;
  }
}

/** The steps at which a comparison's criteria judge each preset's run, per preset id (sorted, no repeats). */
export function comparisonCheckedAtSteps(criteria: readonly ComparisonCriterion[]): Record<string, number[]> {
  const steps = new Map<string, Set<number>>();
  const add = (presetId: string, step: number) => (steps.get(presetId) ?? steps.set(presetId, new Set()).get(presetId)!).add(step);
  for (const criterion of criteria) {
    switch (criterion.check) {
      case 'preset':
        add(criterion.presetId, checkedAtStep(criterion.criterion));
        break;
      case 'lower-at':
        add(criterion.smaller.presetId, criterion.smaller.atStep);
        add(criterion.larger.presetId, criterion.larger.atStep);
        break;
      case 'ahead-at':
        add(criterion.ahead, criterion.atStep);
        add(criterion.behind, criterion.atStep);
        break;
    }
  }
  return Object.fromEntries([...steps].map(([presetId, set]) => [presetId, [...set].sort((a, b) => a - b)]));
}
