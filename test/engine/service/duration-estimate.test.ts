import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { RunSpec, RunSpecInput } from '../../../engine/api/run-spec';
import { loadDataset } from '../../../engine/data/load-dataset';
import { nodeDataSources } from '../../../engine/data/node-mnist';
import type { Dataset } from '../../../engine/data/types';
import { estimateDuration, measureMachineSpeed, plannedSteps } from '../../../engine/service/duration-estimate';
import { stepsPerEpoch } from '../../../engine/train/batch-sampler';
import { Trainer } from '../../../engine/train/trainer';
import { circleSpec } from '../train/run-helpers';

function prepared(input: RunSpecInput): { spec: RunSpec; dataset: Dataset } {
  const spec = parseRunSpec(input);
  return { spec, dataset: loadDataset(spec.dataset, spec.seed, nodeDataSources()) };
}

/** The trainer's own step count for a spec. */
function trainerSteps({ spec, dataset }: { spec: RunSpec; dataset: Dataset }): number {
  return new Trainer(spec, dataset, { runId: 'steps', emit: () => {} }).totalSteps;
}

const SPEED = { multiplyAddsPerSecond: 1e9 };

/** Five inline samples: batches of 2 leave a trailing batch of one. */
function fiveSamples(layers: RunSpecInput['layers'], training: RunSpecInput['training']): RunSpecInput {
  return {
    version: 1,
    dataset: { name: 'inline', x: [[0], [1], [2], [3], [4]], y: [0, 1, 0, 1, 0] },
    layers,
    optimizer: { name: 'sgd', lr: 0.1 },
    training,
  };
}

describe('estimateDuration: steps', () => {
  it('counts epochs × ceil(train / batch), as the trainer does', () => {
    const run = prepared(circleSpec()); // 150 training samples, batches of 10, 3 epochs
    expect(estimateDuration(run.spec, run.dataset, SPEED).steps).toBe(45);
    expect(trainerSteps(run)).toBe(45);
    const uneven = prepared(circleSpec({ training: { batchSize: 40, epochs: 7 } })); // 4 batches per epoch, the last of 30
    expect(estimateDuration(uneven.spec, uneven.dataset, SPEED).steps).toBe(28);
    expect(trainerSteps(uneven)).toBe(28);
  });

  it('counts iterations as they are, whatever the epoch length', () => {
    const run = prepared(circleSpec({ training: { batchSize: 7, iterations: 1234 } }));
    expect(estimateDuration(run.spec, run.dataset, SPEED).steps).toBe(1234);
    expect(trainerSteps(run)).toBe(1234);
  });

  it('leaves out the trailing single-sample batch that batch norm skips (epoch sampling only)', () => {
    const withBatchNorm = prepared(fiveSamples([{ units: 3, activation: 'relu', batchNorm: true }, { units: 2, activation: 'softmax' }], { batchSize: 2, epochs: 4 }));
    expect(estimateDuration(withBatchNorm.spec, withBatchNorm.dataset, SPEED).steps).toBe(8);
    expect(trainerSteps(withBatchNorm)).toBe(8);
    const without = prepared(fiveSamples([{ units: 3, activation: 'relu' }, { units: 2, activation: 'softmax' }], { batchSize: 2, epochs: 4 }));
    expect(estimateDuration(without.spec, without.dataset, SPEED).steps).toBe(12);
    expect(trainerSteps(without)).toBe(12);
    const replacement = prepared(
      fiveSamples([{ units: 3, activation: 'relu', batchNorm: true }, { units: 2, activation: 'softmax' }], { batchSize: 2, epochs: 4, sampling: 'replacement' }),
    );
    expect(estimateDuration(replacement.spec, replacement.dataset, SPEED).steps).toBe(12);
    expect(trainerSteps(replacement)).toBe(12);
  });

  it('shares BatchSampler\'s rule for the steps of an epoch', () => {
    expect(stepsPerEpoch(150, 10, 'epoch', false)).toBe(15);
    expect(stepsPerEpoch(151, 10, 'epoch', false)).toBe(16);
    expect(stepsPerEpoch(151, 10, 'epoch', true)).toBe(15);
    expect(stepsPerEpoch(151, 10, 'replacement', true)).toBe(16);
    expect(stepsPerEpoch(1, 1, 'epoch', true)).toBe(1); // an epoch's only batch is never skipped
    expect(stepsPerEpoch(3, 5, 'epoch', true)).toBe(1);
    const run = prepared(circleSpec());
    expect(plannedSteps(run.spec, 150)).toBe(45);
    expect(plannedSteps(run.spec, 151)).toBe(48);
  });
});

describe('estimateDuration: seconds', () => {
  it('divides the same work by the machine\'s speed', () => {
    const { spec, dataset } = prepared(circleSpec());
    const slow = estimateDuration(spec, dataset, { multiplyAddsPerSecond: 1e8 });
    const fast = estimateDuration(spec, dataset, { multiplyAddsPerSecond: 1e9 });
    expect(slow.seconds).toBeGreaterThan(0);
    expect(slow.seconds).toBeCloseTo(10 * fast.seconds, 12);
  });

  it('counts float32 products large enough for WebAssembly at its speed, and small or float64 ones at TypeScript\'s', () => {
    const wide = (dtype: 'float32' | 'float64', batchSize: number) =>
      prepared(circleSpec({ dtype, layers: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 2, activation: 'softmax' }], training: { batchSize, iterations: 100, evalEvery: 50 } }));
    const wasm = { multiplyAddsPerSecond: 1e9, wasmMultiplyAddsPerSecond: 1e10 };
    const big = wide('float32', 32);
    expect(estimateDuration(big.spec, big.dataset, wasm).seconds).toBeLessThan(0.8 * estimateDuration(big.spec, big.dataset, SPEED).seconds);
    const float64 = wide('float64', 32);
    expect(estimateDuration(float64.spec, float64.dataset, wasm)).toEqual(estimateDuration(float64.spec, float64.dataset, SPEED));
    // circleSpec's 2-8-2 layers at batch 1: every training product is below WASM_MIN_MULTIPLY_ADDS
    const tiny = prepared(circleSpec({ training: { batchSize: 1, iterations: 100, evalEvery: 1000 } }));
    const tinyWasm = estimateDuration(tiny.spec, tiny.dataset, wasm).seconds;
    expect(tinyWasm).toBeGreaterThan(0.9 * estimateDuration(tiny.spec, tiny.dataset, SPEED).seconds);
  });

  it('gives the same time for epochs and for the same steps and evaluations written as iterations', () => {
    const byEpochs = prepared(circleSpec({ training: { batchSize: 10, epochs: 3 } }));
    const byIterations = prepared(circleSpec({ training: { batchSize: 10, iterations: 45, evalEvery: 15 } }));
    expect(estimateDuration(byIterations.spec, byIterations.dataset, SPEED)).toEqual(estimateDuration(byEpochs.spec, byEpochs.dataset, SPEED));
  });

  it('grows with the work: more epochs, wider layers, more frequent evaluations and diagnostics', () => {
    const seconds = (input: RunSpecInput) => {
      const { spec, dataset } = prepared(input);
      return estimateDuration(spec, dataset, SPEED).seconds;
    };
    const base = seconds(circleSpec());
    expect(seconds(circleSpec({ training: { batchSize: 10, epochs: 30 } }))).toBeGreaterThan(5 * base);
    expect(seconds(circleSpec({ layers: [{ units: 64, activation: 'tanh' }, { units: 2, activation: 'softmax' }] }))).toBeGreaterThan(base);
    expect(seconds(circleSpec({ training: { batchSize: 10, epochs: 3, evalEvery: 1 } }))).toBeGreaterThan(base);
    expect(seconds(circleSpec({ diagnostics: { every: 1, bins: 10 } }))).toBeGreaterThan(base);
  });

  it('counts only the first-layer products the kernels do not skip: MNIST\'s blank pixels make it cheaper than dense data', () => {
    const mnist = prepared({
      version: 1,
      dataset: { name: 'mnist', trainSize: 1000, testSize: 0 },
      layers: [{ units: 100, activation: 'relu' }, { units: 10, activation: 'softmax' }],
      optimizer: { name: 'sgd', lr: 0.1 },
      training: { batchSize: 100, epochs: 1 },
    });
    const dense: Dataset = { ...mnist.dataset, train: { ...mnist.dataset.train, x: { values: new Uint8Array(1000 * 784).fill(128), rows: 1000, cols: 784, scale: 1 / 255 } } };
    const ratio = estimateDuration(mnist.spec, mnist.dataset, SPEED).seconds / estimateDuration(mnist.spec, dense, SPEED).seconds;
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.7);
  });
});

describe('measureMachineSpeed', () => {
  it('counts the multiply-adds of the three dense-layer products per second of its clock', () => {
    let clock = 0;
    // A clock that advances 1 ms per reading: every 5 ms slice holds 5 rounds of 3 × 16 × 64 × 32 multiply-adds.
    const speed = measureMachineSpeed(() => clock++);
    expect(speed.multiplyAddsPerSecond).toBe(3 * 16 * 64 * 32 * 1000);
  });

  it('measures this machine', () => {
    const speed = measureMachineSpeed();
    expect(Number.isFinite(speed.multiplyAddsPerSecond)).toBe(true);
    expect(speed.multiplyAddsPerSecond).toBeGreaterThan(1e6);
  });
});

describe('estimateDuration against real runs', () => {
  /** This process's CPU time in milliseconds: a clock that other processes busy on the machine do not advance. */
  const cpuClock = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };

  /**
   * A check of the formula, not of this machine's speed: a real run must take within a factor of 2
   * of its estimate where it lasts long enough for the work to dominate (the fit came within
   * ×0.82–×1.24 on runs of a second or more; the rest is room for a loaded CI machine), within 3
   * for runs of a tenth of a second (fixed costs and the JIT weigh more there, and differ between
   * processes). Both the kernels' speed and the run are timed in CPU time of this process, so other
   * processes busy on the machine (tests in parallel) do not count, and the speed is the best of
   * three measurements. An untimed run of the same spec first lets the JIT compile the trainer, as
   * a long run would amortize it (a toy run of 0.05 s takes twice that in a fresh process).
   */
  function measuredOverEstimated(input: RunSpecInput): number {
    const { spec, dataset } = prepared(input);
    new Trainer(spec, dataset, { runId: 'warm-up', emit: () => {} }).runToEnd();
    const speeds = [measureMachineSpeed(cpuClock), measureMachineSpeed(cpuClock), measureMachineSpeed(cpuClock)];
    const speed = {
      multiplyAddsPerSecond: Math.max(...speeds.map((s) => s.multiplyAddsPerSecond)),
      ...(speeds[0]!.wasmMultiplyAddsPerSecond === undefined ? {} : { wasmMultiplyAddsPerSecond: Math.max(...speeds.map((s) => s.wasmMultiplyAddsPerSecond!)) }),
    };
    const estimate = estimateDuration(spec, dataset, speed);
    const started = process.cpuUsage();
    const trainer = new Trainer(spec, dataset, { runId: 'timed', emit: () => {} });
    trainer.runToEnd();
    const used = process.cpuUsage(started);
    expect(trainer.stepsDone).toBe(estimate.steps);
    return (used.user + used.system) / 1e6 / estimate.seconds;
  }

  it('forecasts a small circle network to within a factor of 3', () => {
    const ratio = measuredOverEstimated({
      version: 1,
      seed: 2,
      dataset: { name: 'circle', samples: 1000, noise: 0.1, testFraction: 0.3 },
      layers: [
        { units: 8, activation: 'tanh' },
        { units: 8, activation: 'tanh' },
        { units: 2, activation: 'softmax' },
      ],
      optimizer: { name: 'adam', lr: 0.01 },
      training: { batchSize: 10, epochs: 20 },
    });
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });

  it('forecasts a 784-100-10 network on an MNIST subset to within a factor of 3', () => {
    const ratio = measuredOverEstimated({
      version: 1,
      seed: 2,
      dataset: { name: 'mnist', trainSize: 2000, testSize: 500 },
      layers: [
        { units: 100, activation: 'relu' },
        { units: 10, activation: 'softmax' },
      ],
      optimizer: { name: 'sgd', lr: 0.1 },
      training: { batchSize: 100, epochs: 2 },
    });
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });

  it('forecasts a preset-sized deep network (784-100×6-10, 300 images, evaluated on 1,000) to within a factor of 2', () => {
    const ratio = measuredOverEstimated({
      version: 1,
      seed: 2,
      dataset: { name: 'mnist', trainSize: 300, testSize: 1000 },
      layers: [...Array.from({ length: 6 }, () => ({ units: 100, activation: 'relu' as const })), { units: 10, activation: 'softmax' }],
      optimizer: { name: 'sgd', lr: 0.01 },
      training: { batchSize: 100, epochs: 30, sampling: 'replacement', evalEvery: 30 },
      diagnostics: { every: 30 },
    });
    expect(ratio).toBeGreaterThan(1 / 2);
    expect(ratio).toBeLessThan(2);
  });
});
