import { datasetFeatures } from '../api/input-features';
import { withInputFeatures } from '../data/input-features';
import type { DurationEstimate } from '../api/lab-api';
import type { ActivationName, RunSpec } from '../api/run-spec';
import type { Dataset, InputMatrix } from '../data/types';
import type { FloatArray } from '../nn/dtype';
import { kernelBackend } from '../nn/kernel-backend';
import { matmul, matmulTransposeA, matmulTransposeB, WASM_MIN_MULTIPLY_ADDS } from '../nn/matmul';
import * as typescriptKernels from '../nn/matmul-typescript';
import { DIAGNOSTICS_SAMPLE_SIZE } from '../train/diagnostics';
import { EVAL_CHUNK_ROWS } from '../train/evaluate';
import { stepsPerEpoch } from '../train/batch-sampler';
import { BOUNDARY_RESOLUTION, MAX_THUMBNAIL_UNITS, THUMBNAIL_RESOLUTION } from '../train/network-snapshot';

/**
 * How long a run will take, before it starts: the spec's work counted in multiply-adds of the
 * dense layers' matrix products (plus the rest of a step in multiply-add equivalents) and divided by
 * this machine's measured speed at those products. A WebAssembly product also pays for copying
 * its operands into linear memory and for the call, which makes small products (a 16×64×32 layer)
 * run at half the speed of MNIST-sized ones (128×128×128): each product is costed by its shape.
 */

/** How fast this machine runs the engine's dense-layer kernels. */
export interface MachineSpeed {
  /**
   * Multiply-adds per second of the TypeScript kernels (engine/nn/matmul-typescript.ts): forward,
   * weight-gradient and input-gradient products. The unit of every cost below, and the speed of
   * products that do not run in WebAssembly.
   */
  multiplyAddsPerSecond: number;
  /**
   * Multiply-adds per second of the WebAssembly kernels (this thread's kernel backend) on a
   * 128 × 128 → 128 layer, copies and calls included: about their speed on MNIST's products.
   * Absent where the TypeScript kernels do all products (float32 products below
   * engine/nn/matmul.ts's WASM_MIN_MULTIPLY_ADDS always run there).
   */
  wasmMultiplyAddsPerSecond?: number;
}

/** The TypeScript kernels' timed dense layer: a batch of 16 through a 64 → 32 layer, 32,768 multiply-adds per product. */
const TYPESCRIPT_BENCH = { rows: 16, inputs: 64, units: 32 };
/** The WebAssembly kernels' timed dense layer: 128 rows through a 128 → 128 layer, 2.1 M multiply-adds per product. */
const WASM_BENCH = { rows: 128, inputs: 128, units: 128 };

/** Untimed rounds first, so the timing sees the kernels as the JIT optimizes them in a long run. */
const WARM_UP_MS = 5;
/** Timed slices; the fastest counts, so a slice another process interrupted does not. */
const BENCH_SLICES = 6;
const BENCH_SLICE_MS = 5;

/**
 * What the work besides the matrix products costs, in multiply-adds at the TypeScript kernels'
 * speed (and, for the two WebAssembly terms, at the WebAssembly kernels' full speed): ratios to
 * the kernels' own speed, so they carry over to faster and slower machines. WORK_COSTS holds the
 * engine's; see there for how they were fitted.
 */
export interface WorkCosts {
  /** Per value a WebAssembly product copies (m·k + k·n + m·n for an m × k by k × n product). */
  wasmValue: number;
  /** Per WebAssembly product call. */
  wasmCall: number;
  /** Per unit and sample, each pass through a layer (forward or backward): bias, activation, loss. */
  unitPass: number;
  /** Added per unit and sample to a forward pass through sigmoid, tanh, elu or softmax (an exp or tanh). */
  transcendental: number;
  /** Added per unit and sample to each pass, per batch norm layer and per dropout layer. */
  batchNormPass: number;
  dropoutPass: number;
  /** Per input value gathered into a batch (the byte → float conversion of MNIST pixels). */
  inputValue: number;
  /** Per run: building the network and its buffers, the start. */
  run: number;
  /** Per evaluation whatever its size: its event, the sample predictions and confusion matrix. */
  evaluation: number;
  /** Per step whatever its size: the step event, calls. */
  step: number;
  /** Per weight and step: the optimizer's update (plain SGD's runs in WebAssembly); added for the others, whose updates run in TypeScript, and more for adam. */
  parameter: number;
  typescriptUpdate: number;
  adamParameter: number;
  /** Per weight and step when L1 or L2 is on: the penalty, its gradient, L1's soft-thresholding. */
  penalty: number;
  /** Per diagnostics snapshot: its events and histograms, then per weight and per activation value. */
  snapshot: number;
  snapshotValue: number;
  /** Per value a `network` snapshot stores (rounded to 4 digits with toPrecision: far dearer than a multiply-add). */
  displayValue: number;
}

/*
 * The WebAssembly terms: a product of m × k by k × n takes as long as m·k·n + 5.6·(m·k + k·n + m·n)
 * + 18,400 multiply-adds at the kernels' full speed (operands copied into linear memory, the result
 * out, a fixed cost per call), fitted on 21 shapes from 10×2×8 to 512×784×100, each within
 * ×0.9–×1.2 of its measured speed. The rest was fitted (least squares on the log of estimate over
 * CPU time) on 19 runs, each four ways (as is, without its evaluations but the first and last,
 * without its diagnostics snapshots but the first and last, without either, so each part is fitted
 * on its own): the overfitting and batch-norm presets in full, the deep MNIST presets (sigmoid,
 * tanh and ReLU, every optimizer) shortened to 300 steps on 5,000 images, two short MNIST runs and
 * two 2-D toy networks. All 76 came within ×0.72–×1.32 of their CPU time, runs of a second or more
 * within ×0.82–×1.24. Snapshots will need refitting when diagnostics read a fixed sample instead
 * of the batch (a forward pass each).
 */
export const WORK_COSTS: WorkCosts = {
  wasmValue: 5.6,
  wasmCall: 18_400,
  unitPass: 0.8,
  transcendental: 7,
  batchNormPass: 8,
  dropoutPass: 9,
  inputValue: 1,
  run: 2_400_000,
  evaluation: 21_000,
  step: 5_300,
  parameter: 0.8,
  typescriptUpdate: 8,
  adamParameter: 12,
  penalty: 16,
  snapshot: 62_000,
  snapshotValue: 15,
  displayValue: 90,
};

const TRANSCENDENTAL = new Set<ActivationName>(['sigmoid', 'tanh', 'elu', 'softmax']);

/** Training rows sampled to see how often the first layer's kernels skip all-zero blocks. */
const SPARSITY_SAMPLE_ROWS = 512;

/**
 * Times the engine's kernels on a fixed float32 dense layer — forward X·W + b, weight gradient
 * Xᵀ·dZ, input gradient dZ·Wᵀ — for about 35 ms each (the TypeScript kernels on a 16 × 64 → 32
 * layer, then the WebAssembly ones, where this thread uses them, on a 128 × 128 → 128 layer) and
 * returns the multiply-adds per second of the fastest 5 ms slice (the machine's speed when nothing
 * else competes for it). Inputs have no zeros, so no block is skipped. Blocks the caller that
 * long: call it once and keep the result. `now` is a milliseconds clock (default performance.now;
 * a process CPU-time clock measures the speed per CPU second).
 */
export function measureMachineSpeed(now: () => number = () => performance.now()): MachineSpeed {
  const scalar = multiplyAddsPerSecond(typescriptKernels, TYPESCRIPT_BENCH, now);
  if (kernelBackend() === 'typescript') return { multiplyAddsPerSecond: scalar };
  return { multiplyAddsPerSecond: scalar, wasmMultiplyAddsPerSecond: multiplyAddsPerSecond({ matmul, matmulTransposeA, matmulTransposeB }, WASM_BENCH, now) };
}

interface Kernels {
  matmul(a: FloatArray, b: FloatArray, bias: FloatArray | null, out: FloatArray, m: number, k: number, n: number): void;
  matmulTransposeA(a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void;
  matmulTransposeB(a: FloatArray, b: FloatArray, out: FloatArray, m: number, n: number, k: number): void;
}

/** The fastest slice's multiply-adds per second of `kernels` on a bench layer (see measureMachineSpeed). */
function multiplyAddsPerSecond(kernels: Kernels, bench: { rows: number; inputs: number; units: number }, now: () => number): number {
  const m = bench.rows;
  const k = bench.inputs;
  const n = bench.units;
  const x = filled(m * k);
  const w = filled(k * n);
  const bias = filled(n);
  const dz = filled(m * n);
  const z = new Float32Array(m * n);
  const dw = new Float32Array(k * n);
  const dx = new Float32Array(m * k);
  const round = (): void => {
    kernels.matmul(x, w, bias, z, m, k, n);
    kernels.matmulTransposeA(x, dz, dw, m, k, n);
    kernels.matmulTransposeB(dz, w, dx, m, n, k);
  };
  const warmUpStart = now();
  do round();
  while (now() - warmUpStart < WARM_UP_MS);
  let fastestRoundsPerMs = 0;
  for (let slice = 0; slice < BENCH_SLICES; slice++) {
    let rounds = 0;
    const started = now();
    let elapsedMs: number;
    do {
      round();
      rounds++;
      elapsedMs = now() - started;
    } while (elapsedMs < BENCH_SLICE_MS);
    fastestRoundsPerMs = Math.max(fastestRoundsPerMs, rounds / elapsedMs);
  }
  return fastestRoundsPerMs * 1000 * 3 * m * k * n;
}

/**
 * The steps a spec trains for, by the trainer's rule: `training.iterations`, or epochs × steps per
 * epoch (BatchSampler's `stepsPerEpoch`, with batch norm's skipped single-sample batch). A target
 * loss or early stopping may end the run sooner: this is then the most it can take.
 */
export function plannedSteps(spec: RunSpec, trainSize: number): number {
  const { training } = spec;
  return training.iterations ?? training.epochs! * epochSteps(spec, trainSize);
}

/**
 * How long `spec` will train on `dataset` at `speed`: the trainer's steps (exactly) and seconds.
 * With F = Σ n_in·n_out over the layers (a forward pass's multiply-adds per sample) it counts
 *   training     per sample F forward + F weight gradients + (F − the first layer's n_in·n_out)
 *                input gradients (the first layer's are never computed) ≈ 3F, over every sample
 *                of every step (an epoch's short last batch included);
 *   evaluations  F per sample of train + test, for the initial evaluation, one at each epoch end
 *                (or every `evalEvery` steps) and one after the last step;
 *   the rest     per unit and sample the bias, activation, batch norm, dropout and loss work, the
 *                batch's inputs, a fixed cost per step, and the diagnostics snapshots (every
 *                `diagnostics.every` steps and the last: a forward pass of the diagnostics sample
 *                and the summaries, with a `network` snapshot for 2-D inputs), in multiply-add
 *                equivalents (see the constants above);
 * the first layer's products scaled by the share the kernels do not skip on this dataset (MNIST's
 * blank borders make ~60 % of them all-zero blocks). A forecast to about ×1.5, not a promise: a
 * target loss or early stopping can end the run sooner, and the first run in a fresh worker also
 * pays the JIT's warm-up (tens of milliseconds).
 */
export function estimateDuration(spec: RunSpec, points: Dataset, speed: MachineSpeed, costs: WorkCosts = WORK_COSTS): DurationEstimate {
  // The network's inputs are the spec's input features where it names them: the first layer's work follows them.
  const dataset = withInputFeatures(points, spec.dataset.name === 'mnist' ? null : datasetFeatures(spec.dataset), spec.dtype);
  const { training, diagnostics } = spec;
  const trainSize = dataset.train.x.rows;
  const evalSize = trainSize + (dataset.test?.x.rows ?? 0);
  const steps = plannedSteps(spec, trainSize);
  const perEpoch = epochSteps(spec, trainSize);
  const wasmRatio = spec.dtype === 'float32' && speed.wasmMultiplyAddsPerSecond !== undefined ? wasmFullSpeed(speed.wasmMultiplyAddsPerSecond, costs) / speed.multiplyAddsPerSecond : null;
  const trainRows = Math.min(training.batchSize, trainSize);
  const work = sampleWork(spec, dataset, trainRows, wasmRatio, costs);
  const evalForward = sampleWork(spec, dataset, Math.min(EVAL_CHUNK_ROWS, evalSize), wasmRatio, costs).forward;
  const { optimizer, regularization } = spec;
  const parameterCost =
    costs.parameter +
    (optimizer.name === 'adam' ? costs.adamParameter : optimizer.name === 'sgd' ? 0 : costs.typescriptUpdate) +
    (regularization.l1 > 0 || regularization.l2 > 0 ? costs.penalty : 0);

  const evaluations = 1 + Math.ceil(steps / (training.evalEvery ?? perEpoch));
  const snapshots = Math.ceil(steps / diagnostics.every) + (steps > 0 && (steps - 1) % diagnostics.every !== 0 ? 1 : 0);
  // A snapshot passes the diagnostics sample forward and summarizes its pre-activations and activations, and the weights.
  const sampleRows = Math.min(DIAGNOSTICS_SAMPLE_SIZE, trainSize);
  const sampleForward = sampleWork(spec, dataset, sampleRows, wasmRatio, costs).forward;
  const snapshotValues = work.weights + work.units + 2 * sampleRows * work.units;
  const snapshotCost = costs.snapshot + costs.snapshotValue * snapshotValues + sampleRows * sampleForward + (points.inputSize === 2 ? networkSnapshotCost(work, costs) : 0);

  const multiplyAdds =
    trainedSamples(spec, trainSize, steps, perEpoch) * (work.forward + work.backward) +
    costs.run +
    evaluations * (costs.evaluation + evalSize * evalForward) +
    steps * (costs.step + parameterCost * work.weights) +
    snapshots * snapshotCost;
  return { steps, seconds: multiplyAdds / speed.multiplyAddsPerSecond };
}

/** The WebAssembly kernels' speed without copies and calls, from their measured speed on the bench layer. */
function wasmFullSpeed(measured: number, costs: WorkCosts): number {
  const { rows: m, inputs: k, units: n } = WASM_BENCH;
  return measured * (1 + (costs.wasmValue * (m * k + k * n + m * n) + costs.wasmCall) / (m * k * n));
}

/** One sample's work in multiply-add equivalents, and the network's size. */
interface SampleWork {
  /** A forward pass: gathering the inputs, the products, the element-wise layers. */
  forward: number;
  /** A backward pass: weight and input gradients, the element-wise layers' derivatives. */
  backward: number;
  weights: number;
  units: number;
}

/**
 * One product of m × k by k × n in TypeScript multiply-add equivalents, when it does `multiplyAdds`
 * (fewer than m·k·n where the kernels skip all-zero blocks): as they are in TypeScript, or, for a
 * product large enough for WebAssembly (`wasmRatio`: its full speed over TypeScript's; null when
 * this run has none), with its copies and call at WebAssembly's speed.
 */
function productCost(m: number, k: number, n: number, multiplyAdds: number, wasmRatio: number | null, costs: WorkCosts): number {
  if (wasmRatio === null || m * k * n < WASM_MIN_MULTIPLY_ADDS) return multiplyAdds;
  return (multiplyAdds + costs.wasmValue * (m * k + k * n + m * n) + costs.wasmCall) / wasmRatio;
}

/** One sample's work when batches of `rows` samples go through the network (see productCost for `wasmRatio`). */
function sampleWork(spec: RunSpec, dataset: Dataset, rows: number, wasmRatio: number | null, costs: WorkCosts): SampleWork {
  const kept = firstLayerWorkKept(dataset.train.x);
  const perSample = (k: number, n: number, share: number) => productCost(rows, k, n, rows * k * n * share, wasmRatio, costs) / rows;
  let forward = costs.inputValue * dataset.inputSize;
  let backward = 0;
  let weights = 0;
  let units = 0;
  let inputs = dataset.inputSize;
  spec.layers.forEach((layer, i) => {
    const products = inputs * layer.units;
    const elementwise = costs.unitPass + (layer.batchNorm ? costs.batchNormPass : 0) + (layer.dropout > 0 ? costs.dropoutPass : 0);
    forward += perSample(inputs, layer.units, i === 0 ? kept.forward : 1) + layer.units * (elementwise + (TRANSCENDENTAL.has(layer.activation) ? costs.transcendental : 0));
    // The weight gradient, and the input gradient but for the first layer's (never computed).
    backward += perSample(inputs, layer.units, i === 0 ? kept.weightGrad : 1) + (i === 0 ? 0 : perSample(inputs, layer.units, 1)) + layer.units * elementwise;
    weights += products;
    units += layer.units;
    inputs = layer.units;
  });
  return { forward, backward, weights, units };
}

/**
 * The `network` event the trainer adds to each diagnostics snapshot of a network on 2-D inputs:
 * forward passes over the boundary grid (and the thumbnail grid when the network is small enough
 * to get thumbnails), and every value it stores.
 */
function networkSnapshotCost(work: SampleWork, costs: WorkCosts): number {
  const boundaryCells = BOUNDARY_RESOLUTION ** 2;
  const thumbnailCells = work.units <= MAX_THUMBNAIL_UNITS ? THUMBNAIL_RESOLUTION ** 2 : 0;
  const storedValues = boundaryCells + thumbnailCells * work.units + work.weights;
  return (boundaryCells + thumbnailCells) * work.forward + costs.displayValue * storedValues;
}

function epochSteps(spec: RunSpec, trainSize: number): number {
  return stepsPerEpoch(trainSize, spec.training.batchSize, spec.training.sampling, spec.layers.some((l) => l.batchNorm));
}

/** Samples through the network in training: whole epochs hold every sample once (less a skipped one), else full batches. */
function trainedSamples(spec: RunSpec, trainSize: number, steps: number, perEpoch: number): number {
  const { batchSize, sampling } = spec.training;
  if (sampling === 'replacement') return steps * batchSize;
  const perFullEpoch = Math.min(trainSize, perEpoch * batchSize);
  const wholeEpochs = Math.floor(steps / perEpoch);
  return wholeEpochs * perFullEpoch + Math.min((steps % perEpoch) * batchSize, perFullEpoch);
}

/**
 * The share of the first layer's forward and weight-gradient multiply-adds the kernels actually do.
 * matmul skips a block of 2 rows × 4 inputs when all eight values are 0, matmulTransposeA a block
 * of 4 rows × 1 input; rows of a batch are a random draw, so a block is skipped with probability
 * q² (forward) or z⁴ (weight gradient), q being the share of rows whose 4 inputs are all 0 and z
 * the share whose input is 0, both read from up to 512 training rows spread over the set.
 */
function firstLayerWorkKept(x: InputMatrix): { forward: number; weightGrad: number } {
  const { values, rows, cols } = x;
  const sampled = Math.min(rows, SPARSITY_SAMPLE_ROWS);
  if (sampled === 0) return { forward: 1, weightGrad: 1 };
  const zeroCount = new Float64Array(cols);
  const zeroBlockCount = new Float64Array(Math.floor(cols / 4));
  for (let s = 0; s < sampled; s++) {
    const row = Math.floor((s * rows) / sampled) * cols;
    for (let c = 0; c < cols; c++) if (values[row + c] === 0) zeroCount[c]!++;
    for (let b = 0; b < zeroBlockCount.length; b++) {
      const at = row + 4 * b;
      if (values[at] === 0 && values[at + 1] === 0 && values[at + 2] === 0 && values[at + 3] === 0) zeroBlockCount[b]!++;
    }
  }
  let forwardSkipped = 0;
  for (const count of zeroBlockCount) forwardSkipped += 4 * (count / sampled) ** 2;
  let weightGradSkipped = 0;
  for (const count of zeroCount) weightGradSkipped += (count / sampled) ** 4;
  return { forward: 1 - forwardSkipped / cols, weightGrad: 1 - weightGradSkipped / cols };
}

/** A float32 buffer of values in [0.5, 1.5): no zeros, so the kernels skip no block. */
function filled(length: number): Float32Array {
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = 0.5 + ((i * 7919) % 1000) / 1000;
  return values;
}
