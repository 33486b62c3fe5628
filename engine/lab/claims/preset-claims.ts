import { BATCH_NORM_SCALES, presetEndStep } from '../presets';
import type { BackpropUpdateCriterion, Direction, ExactZerosCriterion, FewZerosCriterion, GradientEvenCriterion, GradientVanishesCriterion, NeverCriterion, RunCriterion, ValueAtCriterion } from './criteria';
import type { MetricId } from './observations';

/**
 * The catalogue of the training presets' claims: for each preset, the criteria its run must meet,
 * each read at the preset's own end (`presetEndStep`: its last step, with its last evaluation and
 * snapshot) or at a moment its lab sheet names (step 0 for the gradients per layer, epoch 20 for
 * batch norm's speed). Thresholds are set from the presets' full runs over seeds 42–46 (`nnlab
 * presets verify --seeds 5`), with room on the side of the run; the measured ranges are in the
 * comments and the claim texts. Losses are the training loss of the run's evaluations (the data
 * loss over the whole training set), not a smoothed batch loss.
 */

/** A training preset's claim: the criteria its run must meet (all of them). */
export interface PresetClaim {
  presetId: string;
  criteria: readonly RunCriterion[];
}

/** `metric` at the preset's end is below (or at least) `threshold`. */
const atEnd = (presetId: string, metric: MetricId, direction: Direction, threshold: number): ValueAtCriterion => ({
  check: 'value-at',
  metric,
  direction,
  threshold,
  atStep: presetEndStep(presetId),
});
/** `metric` at `step` (a moment the sheet names) is below (or at least) `threshold`. */
const atStep = (step: number, metric: MetricId, direction: Direction, threshold: number): ValueAtCriterion => ({ check: 'value-at', metric, direction, threshold, atStep: step });
/** `metric` never goes below (or to at least) `threshold` at any evaluation through the preset's end. */
const neverThroughEnd = (presetId: string, metric: MetricId, direction: Direction, threshold: number, options: { divergenceCounts?: boolean } = {}): NeverCriterion => ({
  check: 'never',
  metric,
  direction,
  threshold,
  throughStep: presetEndStep(presetId),
  divergenceCounts: options.divergenceCounts ?? false,
});
const exactZerosAtEnd = (presetId: string, fraction: number): ExactZerosCriterion => ({ check: 'exact-zeros', fraction, atStep: presetEndStep(presetId) });

/** 0.5·(sigmoid(0.2311) − 1)²: the slide's network's loss for target 1 before the update. */
export const BACKPROP_SLIDE_LOSS = 0.5 * (1 / (1 + Math.exp(-(1 / (1 + Math.exp(-1)) - 0.5))) - 1) ** 2;
const BACKPROP_UPDATE: BackpropUpdateCriterion = { check: 'backprop-update', slideLoss: BACKPROP_SLIDE_LOSS, tolerance: 1e-3 };

// ── 03 vanishing gradient (2,000 steps) ──

/** At step 0, the sigmoid network's first-layer gradient is below 1/1,000 of its last hidden layer's (measured 1/330,000 – 1/220,000). */
export const SIGMOID_VANISHES: GradientVanishesCriterion = { check: 'gradient-vanishes', maxRatio: 1e-3 };
/** At step 0, the hidden layers' gradients are within a factor of 10 of each other (ReLU 2.2–3.4, tanh 2.7–3.1). */
export const GRADIENT_EVEN: GradientEvenCriterion = { check: 'gradient-even', maxSpread: 10 };
/** The sigmoid network's training loss never leaves chance (ln 10 ≈ 2.30; measured 2.303–2.308) through its end. */
export const SIGMOID_STALLS = neverThroughEnd('vanishing-sigmoid', 'train-loss', 'below', 2.2, { divergenceCounts: true });
/** ReLU and tanh learn: training loss below 0.5 at the end (ReLU 0.06–0.08, tanh 0.08–0.10). */
export const RELU_LEARNS = atEnd('vanishing-relu', 'train-loss', 'below', 0.5);
export const TANH_LEARNS = atEnd('vanishing-tanh', 'train-loss', 'below', 0.5);

// ── 04 initialization on MNIST (2,000 steps) ──

/** std 0.01 never leaves chance (2.301 on every seed: it predicts one class) through its end. */
export const STD001_STALLS = neverThroughEnd('init-mnist-std001', 'train-loss', 'below', 2.2, { divergenceCounts: true });
/** Xavier learns: training loss below 0.5 at the end (measured 0.29–0.31). */
export const XAVIER_LEARNS = atEnd('init-mnist-xavier', 'train-loss', 'below', 0.5);
/** He learns, and further than Xavier: below 0.27 at the end (He 0.228–0.240; Xavier ends at 0.288–0.307). */
const HE_LEARNS_FURTHEST = atEnd('init-mnist-he', 'train-loss', 'below', 0.27);
/** He held to Xavier's bar (the question "which learn at all"). */
export const HE_LEARNS = atEnd('init-mnist-he', 'train-loss', 'below', 0.5);

// ── 05 overfitting on 300 images (201 epochs = 603 steps; dropout 301 epochs = 903) ──

/** The baseline memorizes: training accuracy at least 95 % at the end (measured 100 %), and the gap at least 20 points (24–26). */
const BASELINE_MEMORIZES = atEnd('overfit-baseline', 'train-accuracy', 'above', 0.95);
const BASELINE_GAP = atEnd('overfit-baseline', 'accuracy-gap', 'above', 0.2);
/** L2 does not memorize: training accuracy below 95 % at the end (measured 71–86 %). */
export const L2_NO_MEMORIZING = atEnd('overfit-l2', 'train-accuracy', 'below', 0.95);
/** L1 leaves at least 10 % of layer 1's weights exactly 0 at the end (measured 40 %). */
export const L1_ZEROS = exactZerosAtEnd('overfit-l1', 0.1);
/** L2 leaves at most 1 % of any layer's weights exactly 0 at the end (measured 0). */
export const L2_FEW_ZEROS: FewZerosCriterion = { check: 'few-zeros', fraction: 0.01, atStep: presetEndStep('overfit-l2') };
/** Dropout learns slowly: training accuracy below 90 % at its end (measured 48–72 %). */
const DROPOUT_SLOW = atEnd('overfit-dropout', 'train-accuracy', 'below', 0.9);
/** Dropout keeps train and test close: the gap below 20 points at its end (measured 9–13; the baseline's is 24–26). */
const DROPOUT_CLOSE = atEnd('overfit-dropout', 'accuracy-gap', 'below', 0.2);
/** The moment the sheet names for batch norm's speed: epoch 20 (3 steps per epoch), which the chart marks. */
export const BATCHNORM_SPEED_STEP = 60;
/** Batch norm learns fast: training accuracy at least 80 % at epoch 20 (step 60; measured 89–91 %, the baseline is at 39–59 %). */
const BATCHNORM_FAST = atStep(BATCHNORM_SPEED_STEP, 'train-accuracy', 'above', 0.8);

// ── batch norm across initial scales (20 epochs = 200 steps) ──

/** The id of the batch-norm preset of this initial scale, with or without batch norm. */
export function batchNormPresetId(scale: number, batchNorm: boolean): string {
  return `bn-${batchNorm ? 'on' : 'off'}-std-${String(scale).replace('.', '_')}`;
}

/** Near He's scale (0.293) the plain network learns; at every other scale of the preset list it stays at chance. */
export const PLAIN_LEARNS_AT = 0.293;
const bnLearns = (scale: number) => atEnd(batchNormPresetId(scale, true), 'train-accuracy', 'above', 0.3);
const plainLearns = (scale: number) => atEnd(batchNormPresetId(scale, false), 'train-accuracy', 'above', 0.5);
const plainStalls = (scale: number) => neverThroughEnd(batchNormPresetId(scale, false), 'train-accuracy', 'above', 0.3, { divergenceCounts: true });

// ── optimizers on MNIST (2,000 steps) ──

/** The optimizers expected to beat SGD, by the names in their preset ids (optimizer-<name>). */
export const FAST_OPTIMIZERS = ['momentum', 'adagrad', 'rmsprop', 'adam'] as const;
/** SGD is slowest: its training loss is still at least 0.2 at the end (measured 0.228–0.240). */
const SGD_SLOW = atEnd('optimizer-sgd', 'train-loss', 'above', 0.2);
/**
 * Each other optimizer's training loss at the end: Momentum, AdaGrad and Adam below 0.12 (measured
 * 0.055–0.073), RMSprop (lr 0.01, noisy) below 0.21 (0.16–0.19).
 */
export const OPTIMIZER_END_LOSS: Record<(typeof FAST_OPTIMIZERS)[number], number> = { momentum: 0.12, adagrad: 0.12, rmsprop: 0.21, adam: 0.12 };
const optimizerFast = (name: (typeof FAST_OPTIMIZERS)[number]) => atEnd(`optimizer-${name}`, 'train-loss', 'below', OPTIMIZER_END_LOSS[name]);

// ── input features on the clean circle (300 steps, one sigmoid unit) ──

/**
 * From x₁, x₂ a line can at best cut a cap off the ring (about two thirds right): training accuracy
 * at most 80 % at the end (measured 38–74 % over seeds 42–51).
 */
export const LINE_CANNOT_SEPARATE = atEnd('features-circle-xy', 'train-accuracy', 'below', 0.8);
/** From x₁², x₂² the clean circle is linearly separable: training accuracy at least 95 % at the end (measured 100 % over seeds 42–51). */
export const SQUARES_SEPARATE = atEnd('features-circle-squares', 'train-accuracy', 'above', 0.95);

const claim = (presetId: string, ...criteria: RunCriterion[]): PresetClaim => ({ presetId, criteria });

/** Every training preset's claim, in lecture order (backprop, input features, vanishing gradient, initialization, overfitting, batch norm, optimizers). */
export const PRESET_CLAIMS: readonly PresetClaim[] = [
  claim('backprop-lecture-network', BACKPROP_UPDATE),
  claim('features-circle-xy', LINE_CANNOT_SEPARATE),
  claim('features-circle-squares', SQUARES_SEPARATE),
  claim('vanishing-sigmoid', SIGMOID_VANISHES, SIGMOID_STALLS),
  claim('vanishing-relu', GRADIENT_EVEN, RELU_LEARNS),
  claim('vanishing-tanh', GRADIENT_EVEN, TANH_LEARNS),
  claim('init-mnist-std001', STD001_STALLS),
  claim('init-mnist-xavier', XAVIER_LEARNS),
  claim('init-mnist-he', HE_LEARNS_FURTHEST),
  claim('overfit-baseline', BASELINE_MEMORIZES, BASELINE_GAP),
  claim('overfit-l2', L2_NO_MEMORIZING),
  claim('overfit-l1', L1_ZEROS),
  claim('overfit-dropout', DROPOUT_SLOW, DROPOUT_CLOSE),
  claim('overfit-batchnorm', BATCHNORM_FAST),
  ...BATCH_NORM_SCALES.flatMap((scale) => [claim(batchNormPresetId(scale, false), scale === PLAIN_LEARNS_AT ? plainLearns(scale) : plainStalls(scale)), claim(batchNormPresetId(scale, true), bnLearns(scale))]),
  claim('optimizer-sgd', SGD_SLOW),
  ...FAST_OPTIMIZERS.map((name) => claim(`optimizer-${name}`, optimizerFast(name))),
];

/** The criteria of a preset's own claim; throws for a preset without one (a probe preset, an unknown id). */
export function presetCriteria(presetId: string): readonly RunCriterion[] {
  const found = PRESET_CLAIMS.find((c) => c.presetId === presetId);
  if (found === undefined) throw new Error(`no claim check for preset "${presetId}"`);
  return found.criteria;
}
