import { presetEndStep } from '../presets';
import type { DiagnosticsNeed } from './claim-run';
import { snapshotsNeeded, type AheadAtCriterion, type ComparisonCriterion, type LowerAtCriterion, type PresetCriterion, type RunCriterion } from './criteria';
import type { MetricId } from './observations';
import {
  BATCHNORM_SPEED_STEP,
  FAST_OPTIMIZERS,
  GRADIENT_EVEN,
  HE_LEARNS,
  L1_ZEROS,
  L2_FEW_ZEROS,
  L2_NO_MEMORIZING,
  PLAIN_LEARNS_AT,
  RELU_LEARNS,
  SIGMOID_STALLS,
  SIGMOID_VANISHES,
  STD001_STALLS,
  TANH_LEARNS,
  XAVIER_LEARNS,
  batchNormPresetId,
  presetCriteria,
} from './preset-claims';

/**
 * The catalogue of the comparisons (a lab sheet's comparison with the same id, and the
 * optimizers'): which presets' runs each reads and the criteria over them.
 */

/** A comparison's claim: the presets whose runs it reads, and the criteria over those runs (all of them). */
export interface ComparisonClaim {
  id: string;
  /** The training presets whose runs it reads. */
  presets: string[];
  criteria: readonly ComparisonCriterion[];
  /** Snapshots needed, per preset id (only presets that need some). */
  diagnostics: Record<string, DiagnosticsNeed[]>;
}

const ofPreset = (presetId: string, criterion: RunCriterion): PresetCriterion => ({ check: 'preset', presetId, criterion });
/** Every criterion of these presets' own claims, each on its preset's run. */
const ownCriteria = (...presetIds: string[]): PresetCriterion[] => presetIds.flatMap((presetId) => presetCriteria(presetId).map((criterion) => ofPreset(presetId, criterion)));
/** `smaller`'s `metric` at its end is below `factor` × `larger`'s at its end. */
const lowerAtEnds = (metric: MetricId, smaller: string, larger: string, factor: number): LowerAtCriterion => ({
  check: 'lower-at',
  metric,
  smaller: { presetId: smaller, atStep: presetEndStep(smaller) },
  larger: { presetId: larger, atStep: presetEndStep(larger) },
  factor,
});
/** At `atStep`, `ahead`'s training accuracy is at least `margin` above `behind`'s. */
const aheadAt = (ahead: string, behind: string, atStep: number, margin: number): AheadAtCriterion => ({ check: 'ahead-at', metric: 'train-accuracy', ahead, behind, atStep, margin });

function comparison(id: string, presets: string[], criteria: ComparisonCriterion[]): ComparisonClaim {
  const diagnostics: Record<string, DiagnosticsNeed[]> = {};
  for (const presetId of presets) {
    const needs = snapshotsNeeded(criteria.flatMap((c) => (c.check === 'preset' && c.presetId === presetId ? [c.criterion] : [])));
    if (needs.length > 0) diagnostics[presetId] = needs;
  }
  return { id, presets, criteria, diagnostics };
}

/** L2's train/test gap at the end must be below this × the baseline's (measured 0.49–0.76 ×). */
export const L2_GAP_FACTOR = 0.85;

/**
 * How far below SGD's training loss at the end each other optimizer's must be: Momentum, AdaGrad
 * and Adam under half of it (measured 0.21–0.31 ×), RMSprop (lr 0.01, noisy) under 0.9 × (0.71–0.81 ×).
 */
export const BELOW_SGD_FACTOR: Record<(typeof FAST_OPTIMIZERS)[number], number> = { momentum: 0.5, adagrad: 0.5, rmsprop: 0.9, adam: 0.5 };

/** Every comparison's claim, in lecture order; each run read at its end, or at the moment its sheet names. */
export const COMPARISON_CLAIMS: readonly ComparisonClaim[] = [
  comparison('backprop-one-update', ['backprop-lecture-network'], ownCriteria('backprop-lecture-network')),
  comparison('vanishing-gradient-size', ['vanishing-sigmoid', 'vanishing-relu'], [ofPreset('vanishing-sigmoid', SIGMOID_VANISHES), ofPreset('vanishing-relu', GRADIENT_EVEN)]),
  comparison(
    'vanishing-which-learns',
    ['vanishing-sigmoid', 'vanishing-relu', 'vanishing-tanh'],
    [ofPreset('vanishing-sigmoid', SIGMOID_STALLS), ofPreset('vanishing-relu', RELU_LEARNS), ofPreset('vanishing-tanh', TANH_LEARNS)],
  ),
  comparison(
    'init-which-learns',
    ['init-mnist-std001', 'init-mnist-xavier', 'init-mnist-he'],
    // He is held to Xavier's bar here: the question is which learn at all (init-fastest asks which is faster).
    [ofPreset('init-mnist-std001', STD001_STALLS), ofPreset('init-mnist-xavier', XAVIER_LEARNS), ofPreset('init-mnist-he', HE_LEARNS)],
  ),
  // He's training loss at the end is 0.77–0.80 × Xavier's.
  comparison('init-fastest', ['init-mnist-xavier', 'init-mnist-he'], [lowerAtEnds('train-loss', 'init-mnist-he', 'init-mnist-xavier', 0.9)]),
  comparison('overfit-gap', ['overfit-baseline'], ownCriteria('overfit-baseline')),
  comparison('overfit-l2-gap', ['overfit-baseline', 'overfit-l2'], [lowerAtEnds('accuracy-gap', 'overfit-l2', 'overfit-baseline', L2_GAP_FACTOR), ofPreset('overfit-l2', L2_NO_MEMORIZING)]),
  comparison('overfit-l1-zeros', ['overfit-l1', 'overfit-l2'], [ofPreset('overfit-l1', L1_ZEROS), ofPreset('overfit-l2', L2_FEW_ZEROS)]),
  // Dropout's gap at its end is 0.34–0.53 × the baseline's at its end.
  comparison('overfit-dropout-gap', ['overfit-baseline', 'overfit-dropout'], [lowerAtEnds('accuracy-gap', 'overfit-dropout', 'overfit-baseline', 0.8)]),
  // Batch norm is 29–52 points ahead at epoch 20.
  comparison('overfit-batchnorm-speed', ['overfit-baseline', 'overfit-batchnorm'], [aheadAt('overfit-batchnorm', 'overfit-baseline', BATCHNORM_SPEED_STEP, 0.15)]),
  comparison('batchnorm-small-init', [batchNormPresetId(0.00736, false), batchNormPresetId(0.00736, true)], ownCriteria(batchNormPresetId(0.00736, false), batchNormPresetId(0.00736, true))),
  comparison(
    'batchnorm-he-scale',
    [batchNormPresetId(PLAIN_LEARNS_AT, false), batchNormPresetId(PLAIN_LEARNS_AT, true)],
    ownCriteria(batchNormPresetId(PLAIN_LEARNS_AT, false), batchNormPresetId(PLAIN_LEARNS_AT, true)),
  ),
  comparison(
    'optimizers-sgd-slowest',
    ['optimizer-sgd', ...FAST_OPTIMIZERS.map((name) => `optimizer-${name}`)],
    FAST_OPTIMIZERS.map((name) => lowerAtEnds('train-loss', `optimizer-${name}`, 'optimizer-sgd', BELOW_SGD_FACTOR[name])),
  ),
];
