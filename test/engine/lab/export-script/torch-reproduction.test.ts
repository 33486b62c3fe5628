import { describe, expect, it } from 'vitest';
import type { EvalEvent, StepEvent, TrainingEvent } from '../../../../engine/api/events';
import { parseRunSpec } from '../../../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../../../engine/api/run-spec';
import { loadDataset } from '../../../../engine/data/load-dataset';
import { nodeDataSources, resolveMnistDir } from '../../../../engine/data/node-mnist';
import { pytorchScript } from '../../../../engine/lab/export-script';
import { findPreset, type TrainPreset } from '../../../../engine/lab/presets';
import { Trainer } from '../../../../engine/train/trainer';
import { pythonHas, runPython, writeScratch } from './python';

/**
 * The exported script, run with PyTorch, against the engine on the same spec: every step's loss
 * and every evaluation. Tolerances: 1e-6 relative in float64 (measured: 5e-16 for step losses,
 * 4e-11 for evaluations, where Adam divides near-zero gradients; only summation order differs); 1e-5 relative in float32 (measured: ≤ 1.4e-7 over these runs). Float32 sums
 * are rounded in a different order by torch's kernels and the engine's (each within k·2⁻²⁴ of
 * the exact sum, ~1e-6 relative for MNIST's 784-term rows), and a few steps of training carry
 * those differences along; 1e-5 is that bound with room, still 100× below any change of the
 * math (a wrong initial weight, batch or mask moves the loss by more than 1e-3).
 */
const hasTorch = pythonHas('torch', 'numpy');
if (!hasTorch) console.warn('skipped: the exported script needs /usr/bin/python3 with torch and numpy (apt-get install python3-torch)');

const TOLERANCE = { float64: 1e-6, float32: 1e-5 } as const;

function preset(id: string): RunSpecInput {
  return structuredClone((findPreset(id) as TrainPreset).spec);
}

function toy(name: 'circle' | 'xor' | 'gauss' | 'spiral', optimizer: RunSpecInput['optimizer'], dtype: 'float32' | 'float64' = 'float64'): RunSpecInput {
  return {
    version: 1,
    name: `${name} "quoted"\n"""`,
    seed: 11,
    dtype,
    dataset: { name, samples: 120, noise: 0.3, testFraction: 0.25 },
    layers: [
      { units: 6, activation: 'tanh' },
      { units: 5, activation: 'leaky_relu', init: { name: 'uniform', limit: 0.5 } },
      { units: 2, activation: 'softmax', init: 'glorot_uniform' },
    ],
    optimizer,
    regularization: { l2: 0.01 },
    training: { batchSize: 20, epochs: 3 },
  };
}

function dropoutAndBatchNorm(dtype: 'float32' | 'float64', optimizer: RunSpecInput['optimizer']): RunSpecInput {
  return {
    version: 1,
    seed: 5,
    dtype,
    dataset: {
      name: 'inline',
      x: Array.from({ length: 41 }, (_, i) => [Math.sin(i), Math.cos(0.7 * i), i / 41]),
      y: Array.from({ length: 41 }, (_, i) => i % 3),
      test: { x: [[0.1, 0.2, 0.3], [-1, 0.5, 0.9], [0.4, -0.3, 0.2]], y: [0, 1, 2] },
    },
    layers: [
      { units: 12, activation: 'relu', batchNorm: true, dropout: 0.3 },
      { units: 7, activation: 'elu', dropout: 0.2, init: 'he_uniform' },
      { units: 3, activation: 'softmax' },
    ],
    optimizer,
    regularization: { l1: 0.001, l2: 0.001 },
    // 41 samples in batches of 8: the trailing single-sample batch is skipped for batch norm.
    training: { batchSize: 8, epochs: 4 },
  };
}

function mnistSubset(id: string, steps: number): RunSpecInput {
  const spec = preset(id);
  spec.dataset = { name: 'mnist', trainSize: 200, testSize: 100 };
  spec.training = { ...spec.training, epochs: undefined, iterations: steps, evalEvery: 4, batchSize: 50 };
  return spec;
}

function engineEvents(input: RunSpecInput): TrainingEvent[] {
  const spec = parseRunSpec(input);
  const events: TrainingEvent[] = [];
  new Trainer(spec, loadDataset(spec.dataset, spec.seed, nodeDataSources()), { runId: 'engine', emit: (event) => events.push(event) }).runToEnd();
  return events;
}

function scriptEvents(input: RunSpecInput): Record<string, unknown>[] {
  const spec = parseRunSpec(input);
  const file = writeScratch('run.py', pytorchScript(spec, 'en'));
  const args = [file, '--json', ...(spec.dataset.name === 'mnist' ? ['--mnist-dir', resolveMnistDir()] : [])];
  return runPython(args).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

function expectClose(actual: number, expected: number, tolerance: number, label: string) {
  expect(Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12), `${label}: script ${actual}, engine ${expected}`).toBeLessThanOrEqual(tolerance);
}

function expectSameRun(input: RunSpecInput) {
  const tolerance = TOLERANCE[input.dtype ?? 'float32'];
  const engine = engineEvents(input);
  const script = scriptEvents(input);
  const engineSteps = engine.filter((e): e is StepEvent => e.type === 'step');
  const scriptSteps = script.filter((e) => e['type'] === 'step');
  expect(scriptSteps.map((e) => e['step'])).toEqual(engineSteps.map((e) => e.step));
  expect(scriptSteps.map((e) => e['epoch'])).toEqual(engineSteps.map((e) => e.epoch));
  engineSteps.forEach((step, i) => {
    expectClose(scriptSteps[i]!['loss'] as number, step.loss, tolerance, `step ${step.step} loss`);
    expectClose(scriptSteps[i]!['dataLoss'] as number, step.dataLoss, tolerance, `step ${step.step} dataLoss`);
  });
  const engineEvals = engine.filter((e): e is EvalEvent => e.type === 'eval');
  const scriptEvals = script.filter((e) => e['type'] === 'eval') as unknown as EvalEvent[];
  expect(scriptEvals.map((e) => e.step)).toEqual(engineEvals.map((e) => e.step));
  engineEvals.forEach((evaluation, i) => {
    for (const split of ['train', 'test'] as const) {
      const expected = evaluation[split];
      const actual = scriptEvals[i]![split];
      expect(actual === undefined, `eval ${evaluation.step} ${split}`).toBe(expected === undefined);
      if (!expected || !actual) continue;
      expectClose(actual.loss, expected.loss, tolerance, `eval ${evaluation.step} ${split} loss`);
      if (input.dtype === 'float64') expect(actual.accuracy, `eval ${evaluation.step} ${split} accuracy`).toBe(expected.accuracy);
    }
  });
  const end = script.at(-1)!;
  expect(end['type']).toBe('end');
  expect(end['status']).toBe('completed');
  expect(end['steps']).toBe(engineSteps.length);
  return engineSteps.length;
}

describe.skipIf(!hasTorch)('the exported PyTorch script reproduces the engine run', () => {
  it("the lecture's 2-2-1 network (preset backprop-lecture-network, float64): the same loss before and after its update", () => {
    expect(expectSameRun(preset('backprop-lecture-network'))).toBe(1);
  });

  it('each 2-D dataset from the same generator and seed, with SGD, Nesterov, RMSprop and Adagrad (float64)', () => {
    expect(expectSameRun(toy('circle', { name: 'sgd', lr: 0.1 }))).toBe(15);
    expectSameRun(toy('xor', { name: 'nesterov', lr: 0.05 }));
    expectSameRun(toy('gauss', { name: 'rmsprop', lr: 0.01, momentum: 0.5 }));
    expectSameRun(toy('spiral', { name: 'adagrad', lr: 0.05 }));
  });

  it('a 2-D dataset in float32, with momentum', () => {
    expectSameRun(toy('spiral', { name: 'momentum', lr: 0.05 }, 'float32'));
  });

  it('an inline spec with dropout, batch normalization, Adam and L1 + L2 (float64)', () => {
    expect(expectSameRun(dropoutAndBatchNorm('float64', { name: 'adam', lr: 0.01 }))).toBe(20);
  });

  // Not Adam in float32: the bias of a dense layer followed by batch norm has a gradient of exactly
  // 0 in exact arithmetic, so in float32 it is rounding noise of either sign, and Adam scales any
  // gradient to a step of about lr. Training losses still agree (batch norm subtracts the bias
  // again), but the running mean, and so the evaluation, follows each side's own noise (measured:
  // 1e-3 apart after 5 steps). With momentum the noise stays noise-sized.
  it('the same inline spec with dropout and batch normalization in float32 (momentum)', () => {
    expectSameRun(dropoutAndBatchNorm('float32', { name: 'momentum', lr: 0.05 }));
  });

  it('input features (every one of them) on a 2-D dataset, computed the same in float64 and float32 (issue 16)', () => {
    const features = ['x1', 'x2', 'x1_squared', 'x2_squared', 'x1_x2', 'sin_x1', 'sin_x2'];
    const withFeatures = (dtype: 'float32' | 'float64'): RunSpecInput => {
      const spec = toy('circle', { name: 'sgd', lr: 0.01 }, dtype);
      return { ...spec, dataset: { ...spec.dataset, features } as RunSpecInput['dataset'] };
    };
    expect(expectSameRun(withFeatures('float64'))).toBe(15);
    expectSameRun(withFeatures('float32'));
    const squares = toy('circle', { name: 'adam', lr: 0.05 });
    expectSameRun({ ...squares, layers: [{ units: 2, activation: 'softmax' }], dataset: { ...squares.dataset, features: ['x1_squared', 'x2_squared'] } as RunSpecInput['dataset'] });
  });

  it('an MNIST subset (the first 200 training images) of the He preset, float32, batches drawn with replacement', () => {
    expect(expectSameRun(mnistSubset('init-mnist-he', 8))).toBe(8);
  });

  it('an MNIST subset with dropout (the overfitting preset), in float64 and in float32', () => {
    const spec = mnistSubset('overfit-dropout', 6);
    expectSameRun({ ...spec, dtype: 'float64' });
    expectSameRun(spec);
  });
});
