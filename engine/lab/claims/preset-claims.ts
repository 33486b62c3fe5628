import { BATCH_NORM_SCALES } from '../presets';
import type { BackpropUpdateCriterion, Direction, ExactZerosCriterion, GradientEvenCriterion, GradientVanishesCriterion, NeverCriterion, ReachesCriterion, RunCriterion } from './criteria';
import type { MetricId } from './observations';

/**
 * The catalogue of the training presets' claims: for each preset, the criteria its run must meet,
 * with thresholds calibrated on the presets' full runs (test/engine/lab: claim-checks.test.ts on
 * hand-made runs; claim-verdicts-*.test.ts and overfitting-effects.test.ts on real reduced runs).
 * Losses are the data loss (penalties left out), averaged over the last 50 steps.
 */

/** A training preset's claim: the criteria its run must meet (all of them). */
export interface PresetClaim {
  presetId: string;
  criteria: readonly RunCriterion[];
}

const reaches = (metric: MetricId, direction: Direction, threshold: number, byStep: number): ReachesCriterion => ({ check: 'reaches', metric, direction, threshold, byStep });
const never = (metric: MetricId, direction: Direction, threshold: number, throughStep: number, options: { divergenceCounts?: boolean } = {}): NeverCriterion => ({
  check: 'never',
  metric,
  direction,
  threshold,
  throughStep,
  divergenceCounts: options.divergenceCounts ?? false,
});
const exactZeros = (fraction: number, byStep: number): ExactZerosCriterion => ({ check: 'exact-zeros', fraction, byStep });

/** 0.5·(sigmoid(0.2311) − 1)²: the slide's network's loss for target 1 before the update. */
export const BACKPROP_SLIDE_LOSS = 0.5 * (1 / (1 + Math.exp(-(1 / (1 + Math.exp(-1)) - 0.5))) - 1) ** 2;
const BACKPROP_UPDATE: BackpropUpdateCriterion = { check: 'backprop-update', slideLoss: BACKPROP_SLIDE_LOSS, tolerance: 1e-3 };

/** At step 0, the sigmoid network's first-layer gradient is below 1/100 of its last hidden layer's. */
export const SIGMOID_VANISHES: GradientVanishesCriterion = { check: 'gradient-vanishes', maxRatio: 1e-2 };
/** At step 0, the hidden layers' gradients are within a factor of 10 of each other. */
export const GRADIENT_EVEN: GradientEvenCriterion = { check: 'gradient-even', maxSpread: 10 };
/** The sigmoid network stays at chance (ln 10 ≈ 2.30) through step 200. */
export const SIGMOID_STALLS = never('loss', 'below', 2.2, 200, { divergenceCounts: true });
/** ReLU and tanh learn: below 1.5 by step 200 (the full presets are at 0.6 and 0.4 by then). */
export const DEEP_NET_LEARNS = reaches('loss', 'below', 1.5, 200);

export const STD001_STALLS = never('loss', 'below', 2.2, 300, { divergenceCounts: true });
export const XAVIER_LEARNS = reaches('loss', 'below', 1.5, 500);
const HE_LEARNS_FAST = reaches('loss', 'below', 1.2, 300);

// 300 images at batch 100: 3 steps per epoch, so step 450 is epoch 150.
const BASELINE_MEMORIZES = reaches('train-accuracy', 'above', 0.95, 450);
const BASELINE_GAP = reaches('accuracy-gap', 'above', 0.2, 450);
export const L2_NO_MEMORIZING = never('train-accuracy', 'above', 0.95, 450);
export const L1_ZEROS = exactZeros(0.1, 300);
const DROPOUT_SLOW = never('train-accuracy', 'above', 0.9, 300);
const DROPOUT_CLOSE = never('accuracy-gap', 'above', 0.22, 600);
const BATCHNORM_FAST = reaches('train-accuracy', 'above', 0.8, 60);

/** The id of the batch-norm preset of this initial scale, with or without batch norm. */
export function batchNormPresetId(scale: number, batchNorm: boolean): string {
  return `bn-${batchNorm ? 'on' : 'off'}-std-${String(scale).replace('.', '_')}`;
}

/** Near He's scale (0.293) the plain network learns; at every other scale of the preset list it stays at chance. */
export const PLAIN_LEARNS_AT = 0.293;
const BN_LEARNS = reaches('train-accuracy', 'above', 0.3, 200);
const PLAIN_LEARNS = reaches('train-accuracy', 'above', 0.5, 200);
const PLAIN_STALLS = never('train-accuracy', 'above', 0.3, 200, { divergenceCounts: true });

/** The optimizers expected to beat SGD, by the names in their preset ids (optimizer-<name>). */
export const FAST_OPTIMIZERS = ['momentum', 'adagrad', 'rmsprop', 'adam'] as const;
const SGD_SLOW = never('loss', 'below', 0.8, 200);
const OPTIMIZER_FAST = reaches('loss', 'below', 0.6, 200);

const claim = (presetId: string, ...criteria: RunCriterion[]): PresetClaim => ({ presetId, criteria });

/** Every training preset's claim, in lecture order (backprop, vanishing gradient, initialization, overfitting, batch norm, optimizers). */
export const PRESET_CLAIMS: readonly PresetClaim[] = [
  claim('backprop-lecture-network', BACKPROP_UPDATE),
  claim('vanishing-sigmoid', SIGMOID_VANISHES, SIGMOID_STALLS),
  claim('vanishing-relu', GRADIENT_EVEN, DEEP_NET_LEARNS),
  claim('vanishing-tanh', GRADIENT_EVEN, DEEP_NET_LEARNS),
  claim('init-mnist-std001', STD001_STALLS),
  claim('init-mnist-xavier', XAVIER_LEARNS),
  claim('init-mnist-he', HE_LEARNS_FAST),
  claim('overfit-baseline', BASELINE_MEMORIZES, BASELINE_GAP),
  claim('overfit-l2', L2_NO_MEMORIZING),
  claim('overfit-l1', L1_ZEROS),
  claim('overfit-dropout', DROPOUT_SLOW, DROPOUT_CLOSE),
  claim('overfit-batchnorm', BATCHNORM_FAST),
  ...BATCH_NORM_SCALES.flatMap((scale) => [
    claim(batchNormPresetId(scale, false), scale === PLAIN_LEARNS_AT ? PLAIN_LEARNS : PLAIN_STALLS),
    claim(batchNormPresetId(scale, true), BN_LEARNS),
  ]),
  claim('optimizer-sgd', SGD_SLOW),
  ...FAST_OPTIMIZERS.map((name) => claim(`optimizer-${name}`, OPTIMIZER_FAST)),
];

/** The criteria of a preset's own claim; throws for a preset without one (a probe preset, an unknown id). */
export function presetCriteria(presetId: string): readonly RunCriterion[] {
  const found = PRESET_CLAIMS.find((c) => c.presetId === presetId);
  if (found === undefined) throw new Error(`no claim check for preset "${presetId}"`);
  return found.criteria;
}
