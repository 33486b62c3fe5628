import { readFileSync } from 'node:fs';
import type { DoctorFinding } from '../../../../engine/api/doctor-findings';
import type { TrainingEvent } from '../../../../engine/api/events';
import type { RunSpecInput } from '../../../../engine/api/run-spec';
import { diagnose, DoctorRecorder, diagnoseEvents } from '../../../../engine/lab/doctor/training-doctor';
import { train } from '../../train/run-helpers';
import { reducedSpec } from '../preset-runs';

/**
 * Small real runs built to show one finding each, and healthy runs that must show none: what the
 * doctor's tests train (each in well under a few seconds).
 */

type Layer = RunSpecInput['layers'][number];

const mnist = (trainSize: number, testSize: number) => ({ name: 'mnist' as const, trainSize, testSize });
const stack = (count: number, units: number, layer: Omit<Layer, 'units'>): Layer[] => [
  ...Array.from({ length: count }, () => ({ units, ...layer })),
  { units: 10, activation: 'softmax' as const },
];

/** 500 MNIST images, 784-50-50-10 ReLU/He, SGD lr 0.1, 5 epochs of 10 steps, diagnostics every 10 steps. */
export function mnistSpec(overrides: Partial<RunSpecInput> = {}): RunSpecInput {
  return {
    version: 1,
    seed: 1,
    dataset: mnist(500, 200),
    layers: stack(2, 50, { activation: 'relu' }),
    optimizer: { name: 'sgd', lr: 0.1 },
    training: { batchSize: 50, epochs: 5 },
    diagnostics: { every: 10, bins: 10 },
    ...overrides,
  };
}

/** The circle set (210 training points), 2-8-8-2 tanh, SGD lr 0.1, batches of 10, 20 epochs. */
export function circleSpec(overrides: Partial<RunSpecInput> = {}): RunSpecInput {
  return {
    version: 1,
    seed: 3,
    dataset: { name: 'circle', samples: 300, noise: 0.1, testFraction: 0.3 },
    layers: [
      { units: 8, activation: 'tanh' },
      { units: 8, activation: 'tanh' },
      { units: 2, activation: 'softmax' },
    ],
    optimizer: { name: 'sgd', lr: 0.1 },
    training: { batchSize: 10, epochs: 20 },
    diagnostics: { every: 10, bins: 10 },
    ...overrides,
  };
}

/** The runs built to go wrong, by what they should show. */
export const SICK_SPECS = {
  /** 10 sigmoid layers (Xavier) on MNIST: layer 1's gradient ~1e-6 of the output layer's. */
  sigmoidDeepMnist: mnistSpec({ layers: stack(10, 50, { activation: 'sigmoid' }), training: { batchSize: 50, iterations: 100 } }),
  /** The same on the circle. */
  sigmoidDeepCircle: circleSpec({ layers: [...Array.from({ length: 10 }, () => ({ units: 8, activation: 'sigmoid' as const })), { units: 2, activation: 'softmax' as const }] }),
  /** lr 10 on MNIST: the loss overflows to ~1e8, then every ReLU dies. */
  lr10Mnist: mnistSpec({ optimizer: { name: 'sgd', lr: 10 } }),
  /** lr 10 on the circle: tanh saturates and the loss jumps around 10–20 times its start. */
  lr10Circle: circleSpec({ optimizer: { name: 'sgd', lr: 10 } }),
  /** lr 10 on a regression to the circle's labels (mse): the loss overflows to infinity by step 3. */
  lr10Regression: circleSpec({ layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse', training: { batchSize: 10, epochs: 5 }, optimizer: { name: 'sgd', lr: 10 } }),
  /** lr 1e-6: nothing moves. */
  lr1e6Mnist: mnistSpec({ optimizer: { name: 'sgd', lr: 1e-6 } }),
  lr1e6Circle: circleSpec({ optimizer: { name: 'sgd', lr: 1e-6 } }),
  /** Every weight and bias −0.1: MNIST pixels are ≥ 0, so every hidden ReLU is off for every image. */
  deadReluMnist: mnistSpec({ layers: stack(2, 50, { activation: 'relu', init: { name: 'constant', value: -0.1 } }) }),
  /** Sigmoid with weights of std 10: 95 % of the activations at 0 or 1. */
  saturatedSigmoidMnist: mnistSpec({ layers: stack(3, 50, { activation: 'sigmoid', init: { name: 'normal', std: 10 } }) }),
  /** 784-200-200-200-10 on 100 images for 60 epochs (Adam): training accuracy 100 %, test 65 %, the test loss going up. */
  overfitMnist: mnistSpec({
    dataset: mnist(100, 500),
    layers: stack(3, 200, { activation: 'relu' }),
    optimizer: { name: 'adam', lr: 0.001 },
    training: { batchSize: 20, epochs: 60 },
    diagnostics: { every: 30, bins: 10 },
  }),
} satisfies Record<string, RunSpecInput>;

/** resources/examples/mnist-mlp-adam.json on 2,000 images for 3 epochs. */
export function adamExampleSpec(): RunSpecInput {
  const example = JSON.parse(readFileSync(new URL('../../../../resources/examples/mnist-mlp-adam.json', import.meta.url), 'utf8')) as RunSpecInput;
  return { ...example, dataset: mnist(2000, 500), training: { batchSize: 100, epochs: 3, shuffle: true }, diagnostics: { every: 10, bins: 30 } };
}

/** Runs that learn well: the doctor must find nothing in them. */
export const HEALTHY_SPECS: Record<string, () => RunSpecInput> = {
  'the Adam example (mnist-mlp-adam.json, 2,000 images)': adamExampleSpec,
  'preset vanishing-relu (10 ReLU/He layers, 500 images, 100 steps)': () => reducedSpec('vanishing-relu', { trainSize: 500, testSize: 100, iterations: 100 }),
  'preset vanishing-relu (3,000 images, 150 steps, evaluated every 30)': () => reducedSpec('vanishing-relu', { trainSize: 3000, testSize: 300, iterations: 150, evalEvery: 30 }),
  'preset init-mnist-he (1,000 images, 200 steps)': () => reducedSpec('init-mnist-he', { trainSize: 1000, testSize: 100, iterations: 200 }),
  'tanh on the circle': () => circleSpec(),
  'tanh on the circle for 100 epochs at lr 0.3 (confident, partly saturated)': () => circleSpec({ optimizer: { name: 'sgd', lr: 0.3 }, training: { batchSize: 10, epochs: 100 }, diagnostics: { every: 50, bins: 10 } }),
  'ReLU on the spiral with Adam': () => ({
    version: 1,
    seed: 1,
    dataset: { name: 'spiral', samples: 400, noise: 0.1, testFraction: 0.5 },
    layers: [{ units: 16, activation: 'relu' }, { units: 16, activation: 'relu' }, { units: 2, activation: 'softmax' }],
    optimizer: { name: 'adam', lr: 0.01 },
    training: { batchSize: 10, epochs: 50 },
    diagnostics: { every: 20, bins: 10 },
  }),
};

/** A run's events and its findings at the end. */
export function trainAndDiagnose(spec: RunSpecInput): { events: TrainingEvent[]; findings: DoctorFinding[] } {
  const { events } = train(spec);
  return { events, findings: diagnoseEvents(events) };
}

/** Every code the doctor reports at any point when called after each event, as the page does (with the step it first appeared at). */
export function findingsAlongTheWay(events: readonly TrainingEvent[]): Map<string, number> {
  const recorder = new DoctorRecorder();
  const seen = new Map<string, number>();
  let step = 0;
  for (const event of events) {
    recorder.push([event]);
    if ('step' in event) step = event.step;
    for (const finding of diagnose(recorder.run).findings) if (!seen.has(finding.code)) seen.set(finding.code, step);
  }
  return seen;
}
