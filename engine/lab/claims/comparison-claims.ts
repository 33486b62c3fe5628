import type { DiagnosticsNeed } from './claim-run';
import { snapshotsNeeded, type AheadAtCriterion, type ComparisonCriterion, type LowerAtCommonStepCriterion, type PresetCriterion, type RunCriterion } from './criteria';
import type { MetricId } from './observations';
import {
  DEEP_NET_LEARNS,
  FAST_OPTIMIZERS,
  GRADIENT_EVEN,
  L1_ZEROS,
  L2_NO_MEMORIZING,
  PLAIN_LEARNS_AT,
  SIGMOID_STALLS,
  SIGMOID_VANISHES,
  STD001_STALLS,
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
const lowerAtCommonStep = (metric: MetricId, smaller: string, larger: string, factor: number, fromStep: number): LowerAtCommonStepCriterion => ({
  check: 'lower-at-common-step',
  metric,
  smaller,
  larger,
  factor,
  fromStep,
});
const aheadAt = (ahead: string, behind: string, step: number, margin: number): AheadAtCriterion => ({ check: 'ahead-at', ahead, behind, step, margin });

function comparison(id: string, presets: string[], criteria: ComparisonCriterion[]): ComparisonClaim {
  const diagnostics: Record<string, DiagnosticsNeed[]> = {};
  for (const presetId of presets) {
    const needs = snapshotsNeeded(criteria.flatMap((c) => (c.check === 'preset' && c.presetId === presetId ? [c.criterion] : [])));
    if (needs.length > 0) diagnostics[presetId] = needs;
  }
  return { id, presets, criteria, diagnostics };
}

/** Every comparison's claim, in lecture order. */
export const COMPARISON_CLAIMS: readonly ComparisonClaim[] = [
  comparison('backprop-one-update', ['backprop-lecture-network'], ownCriteria('backprop-lecture-network')),
  comparison('vanishing-gradient-size', ['vanishing-sigmoid', 'vanishing-relu'], [ofPreset('vanishing-sigmoid', SIGMOID_VANISHES), ofPreset('vanishing-relu', GRADIENT_EVEN)]),
  comparison(
    'vanishing-which-learns',
    ['vanishing-sigmoid', 'vanishing-relu', 'vanishing-tanh'],
    [ofPreset('vanishing-sigmoid', SIGMOID_STALLS), ofPreset('vanishing-relu', DEEP_NET_LEARNS), ofPreset('vanishing-tanh', DEEP_NET_LEARNS)],
  ),
  comparison(
    'init-which-learns',
    ['init-mnist-std001', 'init-mnist-xavier', 'init-mnist-he'],
    // He is held to Xavier's bar here: the question is which learn at all (init-fastest asks which is faster).
    [ofPreset('init-mnist-std001', STD001_STALLS), ofPreset('init-mnist-xavier', XAVIER_LEARNS), ofPreset('init-mnist-he', XAVIER_LEARNS)],
  ),
  comparison('init-fastest', ['init-mnist-xavier', 'init-mnist-he'], [lowerAtCommonStep('loss', 'init-mnist-he', 'init-mnist-xavier', 1, 300)]),
  comparison('overfit-gap', ['overfit-baseline'], ownCriteria('overfit-baseline')),
  comparison('overfit-l2-gap', ['overfit-baseline', 'overfit-l2'], [lowerAtCommonStep('accuracy-gap', 'overfit-l2', 'overfit-baseline', 0.8, 300), ofPreset('overfit-l2', L2_NO_MEMORIZING)]),
  comparison('overfit-l1-zeros', ['overfit-l1', 'overfit-l2'], [ofPreset('overfit-l1', L1_ZEROS), ofPreset('overfit-l2', { check: 'few-zeros', fraction: 0.01, fromStep: 300 })]),
  comparison('overfit-dropout-gap', ['overfit-baseline', 'overfit-dropout'], [lowerAtCommonStep('accuracy-gap', 'overfit-dropout', 'overfit-baseline', 0.8, 300)]),
  comparison('overfit-batchnorm-speed', ['overfit-baseline', 'overfit-batchnorm'], [aheadAt('overfit-batchnorm', 'overfit-baseline', 60, 0.15)]),
  comparison('batchnorm-small-init', [batchNormPresetId(0.00736, false), batchNormPresetId(0.00736, true)], ownCriteria(batchNormPresetId(0.00736, false), batchNormPresetId(0.00736, true))),
  comparison(
    'batchnorm-he-scale',
    [batchNormPresetId(PLAIN_LEARNS_AT, false), batchNormPresetId(PLAIN_LEARNS_AT, true)],
    ownCriteria(batchNormPresetId(PLAIN_LEARNS_AT, false), batchNormPresetId(PLAIN_LEARNS_AT, true)),
  ),
  comparison(
    'optimizers-sgd-slowest',
    ['optimizer-sgd', ...FAST_OPTIMIZERS.map((name) => `optimizer-${name}`)],
    FAST_OPTIMIZERS.map((name) => lowerAtCommonStep('loss', `optimizer-${name}`, 'optimizer-sgd', 0.5, 200)),
  ),
];
