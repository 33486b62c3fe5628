import type { TrainingEvent } from '../../../engine/api/events';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import { findPreset, type TrainPreset } from '../../../engine/lab/presets';
import { endOf, eventsOf, train } from '../train/run-helpers';

/**
 * What a preset test may shrink to keep the suite fast: the number of MNIST images and the run's
 * length. Architecture, initialization, optimizer, learning rate and regularization stay as the
 * preset has them, so the effect under test is the preset's own.
 */
export interface Reduction {
  trainSize?: number;
  testSize?: number;
  iterations?: number;
  epochs?: number;
  /** Evaluate every N steps (how often the curve is sampled, not what it shows). */
  evalEvery?: number;
}

/** A training preset by id (fails the test when missing). */
export function trainPreset(id: string): TrainPreset {
  const preset = findPreset(id);
  if (preset?.kind !== 'train') throw new Error(`no training preset "${id}"`);
  return preset;
}

/** The preset's spec with the reduction applied. */
export function reducedSpec(id: string, reduction: Reduction): RunSpecInput {
  const spec = structuredClone(trainPreset(id).spec);
  if (spec.dataset.name === 'mnist') {
    spec.dataset.trainSize = reduction.trainSize ?? spec.dataset.trainSize;
    spec.dataset.testSize = reduction.testSize ?? spec.dataset.testSize;
  }
  if (reduction.iterations !== undefined) spec.training = { ...spec.training, iterations: reduction.iterations, epochs: undefined };
  if (reduction.epochs !== undefined) spec.training = { ...spec.training, epochs: reduction.epochs, iterations: undefined };
  if (reduction.evalEvery !== undefined) spec.training = { ...spec.training, evalEvery: reduction.evalEvery };
  return spec;
}

export interface PresetOutcome {
  events: TrainingEvent[];
  status: string;
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** Gradient norm per layer, first diagnostics snapshot (step 0). */
  initialGradNorms: number[];
  /** Fraction of exactly-zero weights per layer, last diagnostics snapshot. */
  finalZeroFractions: number[];
}

/** Runs a preset, reduced, and sums up what the lecture's claims are about. */
export function runPreset(id: string, reduction: Reduction): PresetOutcome {
  const { events } = train(reducedSpec(id, reduction));
  const end = endOf(events);
  const diagnostics = eventsOf(events, 'diagnostics');
  return {
    events,
    status: end.status,
    trainLoss: end.final?.train.loss ?? NaN,
    trainAccuracy: end.final?.train.accuracy ?? NaN,
    testAccuracy: end.final?.test?.accuracy ?? NaN,
    initialGradNorms: diagnostics[0]!.layers.map((l) => l.gradNorm ?? NaN),
    finalZeroFractions: diagnostics.at(-1)!.layers.map((l) => l.weights.zeroFraction),
  };
}
