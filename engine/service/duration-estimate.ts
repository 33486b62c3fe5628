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
 * this machine's measured speed at those products.
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
   * Multiply-adds per second of float32 products large enough to run in WebAssembly
   * (engine/nn/matmul.ts's WASM_MIN_MULTIPLY_ADDS) on this thread's kernel backend; absent (or
   * equal) where the TypeScript kernels do all products.
   */
  wasmMultiplyAddsPerSecond?: number;
}

/** The timed dense layer: a batch of 16 through a 64 → 32 layer, 32,768 multiply-adds per product. */
const BENCH_ROWS = 16;
const BENCH_INPUTS = 64;
const BENCH_UNITS = 32;
/** Untimed rounds first, so the timing sees the kernels as the JIT optimizes them in a long run. */
const WARM_UP_MS = 5;
/** Timed slices; the fastest counts, so a slice another process interrupted does not. */
const BENCH_SLICES = 6;
const BENCH_SLICE_MS = 5;

/*
 * The work that is not a matrix product, in multiply-add equivalents: ratios to the kernels' speed,
 * fitted against the CPU time of real runs (2-4-4-2 to 784-100-100-10 networks, batches 5 to 100,
 * tanh, sigmoid and relu, sgd and adam, diagnostics every 1 to 50 steps), which then came within
 * ×0.85–×1.4 of their estimates. Being ratios, they carry over to faster and slower machines.
 */
/** Per unit and sample, each pass through a layer (forward or backward): bias, activation, loss. */
const UNIT_PASS_COST = 10;
/** Added per unit and sample to a forward pass through sigmoid, tanh, elu or softmax (an exp or tanh). */
const TRANSCENDENTAL_COST = 14;
/** Added per unit and sample to each pass, per batch norm layer and per dropout layer. */
const BATCH_NORM_PASS_COST = 16;
const DROPOUT_PASS_COST = 8;
/** Per input value gathered into a batch (the byte → float conversion of MNIST pixels). */
const INPUT_VALUE_COST = 1;
/** Per step whatever its size: the step event, the optimizer's loop over parameters, calls. */
const STEP_COST = 7_000;
/** Per diagnostics snapshot: its events and histograms, then per weight and per activation value. */
const SNAPSHOT_COST = 40_000;
const SNAPSHOT_VALUE_COST = 18;
/** Per value a `network` snapshot stores (rounded to 4 digits with toPrecision: far dearer than a multiply-add). */
const DISPLAY_VALUE_COST = 250;

const TRANSCENDENTAL = new Set<ActivationName>(['sigmoid', 'tanh', 'elu', 'softmax']);

/** Training rows sampled to see how often the first layer's kernels skip all-zero blocks. */
const SPARSITY_SAMPLE_ROWS = 512;

/**
 * Times the engine's kernels on a fixed float32 dense layer — forward X·W + b, weight gradient
 * Xᵀ·dZ, input gradient dZ·Wᵀ — for about 35 ms each (the TypeScript kernels, then the
 * WebAssembly ones where this thread uses them) and returns the multiply-adds per second of the
 * fastest 5 ms slice (the machine's speed when nothing else competes for it). Inputs have no
 * zeros, so no block is skipped. Blocks the caller that long: call it once and keep the result.
 * `now` is a milliseconds clock (default performance.now).
 */
export function measureMachineSpeed(now: () => number = () => performance.now()): MachineSpeed {
  const scalar = multiplyAddsPerSecond(typescriptKernels, now);
  if (kernelBackend() === 'typescript') return { multiplyAddsPerSecond: scalar };
  return { multiplyAddsPerSecond: scalar, wasmMultiplyAddsPerSecond: multiplyAddsPerSecond({ matmul, matmulTransposeA, matmulTransposeB }, now) };
}

interface Kernels {
  matmul(a: FloatArray, b: FloatArray, bias: FloatArray | null, out: FloatArray, m: number, k: number, n: number): void;
  matmulTransposeA(a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void;
  matmulTransposeB(a: FloatArray, b: FloatArray, out: FloatArray, m: number, n: number, k: number): void;
}

/** The fastest slice's multiply-adds per second of `kernels` on the bench layer (see measureMachineSpeed). */
function multiplyAddsPerSecond(kernels: Kernels, now: () => number): number {
  const m = BENCH_ROWS;
  const k = BENCH_INPUTS;
  const n = BENCH_UNITS;
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
export function estimateDuration(spec: RunSpec, dataset: Dataset, speed: MachineSpeed): DurationEstimate {
  const { training, diagnostics } = spec;
  const trainSize = dataset.train.x.rows;
  const evalSize = trainSize + (dataset.test?.x.rows ?? 0);
  const steps = plannedSteps(spec, trainSize);
  const perEpoch = epochSteps(spec, trainSize);
  const wasmSpeedup = spec.dtype === 'float32' ? (speed.wasmMultiplyAddsPerSecond ?? speed.multiplyAddsPerSecond) / speed.multiplyAddsPerSecond : 1;
  const trainRows = Math.min(training.batchSize, trainSize);
  const work = sampleWork(spec, dataset, (products) => productCost(products, trainRows, wasmSpeedup));
  const evalForward = sampleWork(spec, dataset, (products) => productCost(products, Math.min(EVAL_CHUNK_ROWS, evalSize), wasmSpeedup)).forward;

  const evaluations = 1 + Math.ceil(steps / (training.evalEvery ?? perEpoch));
  const snapshots = Math.ceil(steps / diagnostics.every) + (steps > 0 && (steps - 1) % diagnostics.every !== 0 ? 1 : 0);
  // A snapshot passes the diagnostics sample forward and summarizes its pre-activations and activations, and the weights.
  const sampleRows = Math.min(DIAGNOSTICS_SAMPLE_SIZE, trainSize);
  const sampleForward = sampleWork(spec, dataset, (products) => productCost(products, sampleRows, wasmSpeedup)).forward;
  const snapshotValues = work.weights + work.units + 2 * sampleRows * work.units;
  const snapshotCost = SNAPSHOT_COST + SNAPSHOT_VALUE_COST * snapshotValues + sampleRows * sampleForward + (dataset.inputSize === 2 ? networkSnapshotCost(work) : 0);

  const multiplyAdds =
    trainedSamples(spec, trainSize, steps, perEpoch) * (work.forward + work.backward) +
    evaluations * evalSize * evalForward +
    steps * STEP_COST +
    snapshots * snapshotCost;
  return { steps, seconds: multiplyAdds / speed.multiplyAddsPerSecond };
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
 * A product's per-sample multiply-adds in TypeScript multiply-add equivalents: divided by the
 * WebAssembly kernels' speed-up when a product of `rows` rows is large enough to run there.
 */
function productCost(products: number, rows: number, wasmSpeedup: number): number {
  return rows * products >= WASM_MIN_MULTIPLY_ADDS ? products / wasmSpeedup : products;
}

/** One sample's work; `cost` converts a product's multiply-adds per sample to TypeScript multiply-add equivalents. */
function sampleWork(spec: RunSpec, dataset: Dataset, cost: (products: number) => number): SampleWork {
  const kept = firstLayerWorkKept(dataset.train.x);
  let forward = INPUT_VALUE_COST * dataset.inputSize;
  let backward = 0;
  let weights = 0;
  let units = 0;
  let inputs = dataset.inputSize;
  spec.layers.forEach((layer, i) => {
    const products = inputs * layer.units;
    const elementwise = UNIT_PASS_COST + (layer.batchNorm ? BATCH_NORM_PASS_COST : 0) + (layer.dropout > 0 ? DROPOUT_PASS_COST : 0);
    forward += cost(products) * (i === 0 ? kept.forward : 1) + layer.units * (elementwise + (TRANSCENDENTAL.has(layer.activation) ? TRANSCENDENTAL_COST : 0));
    backward += cost(products) * (i === 0 ? kept.weightGrad : 2) + layer.units * elementwise;
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
function networkSnapshotCost(work: SampleWork): number {
  const boundaryCells = BOUNDARY_RESOLUTION ** 2;
  const thumbnailCells = work.units <= MAX_THUMBNAIL_UNITS ? THUMBNAIL_RESOLUTION ** 2 : 0;
  const storedValues = boundaryCells + thumbnailCells * work.units + work.weights;
  return (boundaryCells + thumbnailCells) * work.forward + DISPLAY_VALUE_COST * storedValues;
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
