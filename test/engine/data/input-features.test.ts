import { describe, expect, it } from 'vitest';
import { INPUT_FEATURES, inputFeatureValue } from '../../../engine/api/input-features';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import { SpecError } from '../../../engine/api/spec-error';
import { withInputFeatures } from '../../../engine/data/input-features';
import { loadDataset } from '../../../engine/data/load-dataset';
import { nodeDataSources } from '../../../engine/data/node-mnist';
import { checkSpecAgainstDataset } from '../../../engine/train/check-spec-data';
import { Trainer } from '../../../engine/train/trainer';
import type { TrainingEvent } from '../../../engine/api/events';

const POINTS = [
  [0.5, -2],
  [3, 1.25],
  [-4.75, 0.1],
];

function inlineSpec(features: unknown, extra: Partial<RunSpecInput> = {}): RunSpecInput {
  return {
    version: 1,
    dataset: { name: 'inline', x: POINTS, y: [0, 1, 0], features } as RunSpecInput['dataset'],
    layers: [{ units: 2, activation: 'softmax' }],
    optimizer: { name: 'sgd', lr: 0.1 },
    training: { batchSize: 3, epochs: 1, shuffle: false },
    ...extra,
  };
}

function problemsOf(input: unknown): string[] {
  try {
    parseRunSpec(input);
  } catch (error) {
    if (error instanceof SpecError) return error.problems.map((p) => `${p.field}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('input features', () => {
  it('are computed exactly from the raw point, in float64 or rounded once to float32', () => {
    const spec = parseRunSpec(inlineSpec([...INPUT_FEATURES]));
    const raw = loadDataset(spec.dataset, 0, nodeDataSources());
    const f64 = withInputFeatures(raw, [...INPUT_FEATURES], 'float64');
    const f32 = withInputFeatures(raw, [...INPUT_FEATURES], 'float32');
    expect(f64.inputSize).toBe(7);
    expect(f64.train.x.cols).toBe(7);
    expect(f32.train.x.values).toBeInstanceOf(Float32Array);
    const expected = POINTS.flatMap(([a, b]) => [a!, b!, a! * a!, b! * b!, a! * b!, Math.sin(a!), Math.sin(b!)]);
    expect(Array.from(f64.train.x.values)).toEqual(expected);
    expect(Array.from(f32.train.x.values)).toEqual(expected.map(Math.fround));
    expect(inputFeatureValue('x1_squared', -3, 7)).toBe(9);
    expect(inputFeatureValue('x1_x2', -3, 7)).toBe(-21);
  });

  it('leave a dataset untouched when the spec names none', () => {
    const spec = parseRunSpec(inlineSpec(undefined));
    const raw = loadDataset(spec.dataset, 0, nodeDataSources());
    expect(withInputFeatures(raw, null, 'float32')).toBe(raw);
  });

  it('keep the listed order and give the first layer one input per feature', () => {
    const spec = parseRunSpec(inlineSpec(['x1_squared', 'x2_squared']));
    expect(spec.dataset.name === 'inline' && spec.dataset.features).toEqual(['x1_squared', 'x2_squared']);
    const events: TrainingEvent[] = [];
    const trainer = new Trainer(spec, loadDataset(spec.dataset, 0, nodeDataSources()), { runId: 't', emit: (e) => events.push(e), now: () => 0 });
    trainer.runToEnd();
    expect(trainer.network.inputSize).toBe(2);
    const start = events.find((e) => e.type === 'start');
    expect(start?.type === 'start' && start.dataset.inputSize).toBe(2);
    expect(Array.from(trainer.dataset.train.x.values)).toEqual(POINTS.flatMap(([a, b]) => [a! * a!, b! * b!].map(Math.fround)));
  });

  it('are refused, each with a one-line reason naming the field, when wrong', () => {
    expect(problemsOf(inlineSpec([]))).toEqual(['dataset.features: needs at least one input feature']);
    expect(problemsOf(inlineSpec(['x1', 'x3']))).toEqual([
      'dataset.features[1]: unknown input feature (expected one of x1, x2, x1_squared, x2_squared, x1_x2, sin_x1, sin_x2)',
    ]);
    expect(problemsOf(inlineSpec(['x1', 'x1_squared', 'x1']))).toEqual(['dataset.features[2]: x1 is listed twice; list each feature once']);
    expect(problemsOf(inlineSpec(['x1_squared', 'x1']))).toEqual([
      'dataset.features[1]: x1 must come before x1_squared: list features in the order x1, x2, x1_squared, x2_squared, x1_x2, sin_x1, sin_x2',
    ]);
    const mnist = { ...inlineSpec(undefined), dataset: { name: 'mnist', trainSize: 100, testSize: 0, features: ['x1'] } };
    expect(problemsOf(mnist)).toEqual(["dataset.features: input features are for 2-D points; MNIST's inputs are its 784 pixels"]);
    const wide = { ...inlineSpec(['x1']), dataset: { name: 'inline', x: [[1, 2, 3]], y: [0], features: ['x1'] } };
    expect(problemsOf(wide)).toEqual(['dataset.features: input features need 2-D points (x1, x2), but dataset.x has 3 values per row']);
  });

  it('set the width of the first layer\'s explicit weights', () => {
    const values = { name: 'values', weights: [[1, 0], [0, 1]], bias: [0, 0] };
    const spec = parseRunSpec(inlineSpec(['x1', 'x2', 'x1_squared'], { layers: [{ units: 2, activation: 'softmax', init: values }] } as Partial<RunSpecInput>));
    const dataset = loadDataset(spec.dataset, 0, nodeDataSources());
    expect(() => checkSpecAgainstDataset(spec, dataset)).toThrow('layers[0].init.weights: has 2 rows, expected 3 (one per input of the layer)');
  });
});

describe('the decision boundary with input features', () => {
  it('is the network evaluated on the features of each grid centre, over the raw points\' plane', () => {
    const spec = parseRunSpec({
      version: 1,
      seed: 1,
      dataset: { name: 'circle', samples: 100, noise: 0, testFraction: 0.2, features: ['x1_squared', 'x2_squared'] },
      layers: [{ units: 1, activation: 'sigmoid' }],
      optimizer: { name: 'sgd', lr: 0.05 },
      training: { batchSize: 10, epochs: 2 },
      diagnostics: { every: 5, bins: 10 },
    });
    const events: TrainingEvent[] = [];
    const points = loadDataset(spec.dataset, spec.seed, nodeDataSources());
    const trainer = new Trainer(spec, points, { runId: 't', emit: (e) => events.push(e), now: () => 0 });
    trainer.runToEnd();
    const snapshot = events.filter((e) => e.type === 'network').at(-1)!;
    if (snapshot.type !== 'network') throw new Error('no snapshot');
    expect(snapshot.extent.x1[0]).toBeLessThan(-4.5);
    expect(snapshot.weights[0]).toHaveLength(2);
    const { resolution } = snapshot;
    const [left, right] = snapshot.extent.x1;
    const [bottom, top] = snapshot.extent.x2;
    const features = new Float32Array(2 * resolution ** 2);
    for (let cell = 0; cell < resolution ** 2; cell++) {
      const x1 = left + ((cell % resolution) + 0.5) * ((right - left) / resolution);
      const x2 = top - (Math.floor(cell / resolution) + 0.5) * ((top - bottom) / resolution);
      features[2 * cell] = x1 * x1;
      features[2 * cell + 1] = x2 * x2;
    }
    const output = trainer.network.forward(features, resolution ** 2, false);
    expect(snapshot.predicted).toEqual(Array.from({ length: resolution ** 2 }, (_, r) => (output[r]! >= 0.5 ? 1 : 0)));
  });
});
