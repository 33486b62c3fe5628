import type { ActivationName, DatasetSpec, RunSpecInput } from '../engine/api/run-spec';
import { trainingFlops } from './stats';

/** The workload names. */
export type WorkloadName = 'W' | 'S' | 'D';

/** A hidden or output layer as every implementation builds it (dense → activation). */
export interface LayerShape {
  units: number;
  activation: ActivationName;
  /** Normal initialisation's standard deviation rule, as the engine names it (DESIGN.md): he √(2/n_in), xavier 1/√n_in. */
  init: 'he' | 'xavier';
}

/** One of the training workloads: network, batch, optimiser and dataset. */
export interface Workload {
  name: WorkloadName;
  /** The issue table's "what" column. */
  description: string;
  inputSize: number;
  /** Hidden layers, then the softmax output layer. */
  layers: readonly LayerShape[];
  batchSize: number;
  learningRate: number;
  /** Nominal GEMM FLOPs per iteration (see trainingFlops). */
  flopsPerIteration: number;
  /** PyTorch 1.13 + OpenBLAS, 1 thread, as the table gives it: a reference number, not measured here. */
  pytorchReferenceItPerSec: number;
  /** Targets from the issue: at least this many times PyTorch's reference and TF.js WASM's measured it/s. */
  target: { vsPytorch: number; vsTfjsWasm: number };
}

function hidden(count: number, units: number, activation: ActivationName, init: 'he' | 'xavier'): LayerShape[] {
  return Array.from({ length: count }, () => ({ units, activation, init }));
}

function workload(base: Omit<Workload, 'flopsPerIteration'>): Workload {
  const widths = [base.inputSize, ...base.layers.map((l) => l.units)];
  return { ...base, flopsPerIteration: trainingFlops(base.batchSize, widths) };
}

const softmaxOutput = (units: number): LayerShape => ({ units, activation: 'softmax', init: 'xavier' });

/** The three workloads, per training iteration. */
export const WORKLOADS: readonly Workload[] = [
  workload({
    name: 'W',
    description: 'MNIST 784-100×4-10 ReLU/He, SGD lr 0.01, batch 128',
    inputSize: 784,
    layers: [...hidden(4, 100, 'relu', 'he'), softmaxOutput(10)],
    batchSize: 128,
    learningRate: 0.01,
    pytorchReferenceItPerSec: 715,
    target: { vsPytorch: 0.5, vsTfjsWasm: 8 },
  }),
  workload({
    name: 'S',
    description: '2-D circle 2-8-8-2 tanh, SGD lr 0.01, batch 10',
    inputSize: 2,
    layers: [...hidden(2, 8, 'tanh', 'xavier'), softmaxOutput(2)],
    batchSize: 10,
    learningRate: 0.01,
    pytorchReferenceItPerSec: 5100,
    target: { vsPytorch: 15, vsTfjsWasm: 40 },
  }),
  workload({
    name: 'D',
    description: 'MNIST 784-100×10-10 sigmoid, SGD lr 0.01, batch 128',
    inputSize: 784,
    layers: [...hidden(10, 100, 'sigmoid', 'xavier'), softmaxOutput(10)],
    batchSize: 128,
    learningRate: 0.01,
    pytorchReferenceItPerSec: 471,
    target: { vsPytorch: 0.5, vsTfjsWasm: 8 },
  }),
];

/** The workload called `name`. */
export function workloadByName(name: WorkloadName): Workload {
  return WORKLOADS.find((w) => w.name === name)!;
}

/** The RunSpec's default diagnostics interval (DESIGN.md: `"diagnostics": { "every": 50 }`). */
export const DEFAULT_DIAGNOSTICS_EVERY = 50;

/** A step count no timed run reaches: evaluation and diagnostics scheduled "every NEVER steps" only happen at step 0. */
export const NEVER = 100_000_000;

/**
 * MNIST training images the in-process trainers draw batches from. Each iteration costs the same
 * whatever the training set's size; a subset keeps the trainer's initial evaluation (a forward pass
 * over the whole training split) short. The process still holds the whole IDX file (node-mnist reads
 * it once into a SharedArrayBuffer).
 */
export const MNIST_BENCH_TRAIN_SIZE = 2560;

/** The dataset of a workload: MNIST images (real ones, the first `mnistTrainSize`) or the circle set. */
export function workloadDataset(w: Workload, mnistTrainSize = MNIST_BENCH_TRAIN_SIZE, mnistTestSize = 0): DatasetSpec {
  if (w.inputSize === 2) return { name: 'circle', samples: 500, noise: 0.1, testFraction: 0.5 };
  return { name: 'mnist', trainSize: mnistTrainSize, testSize: mnistTestSize };
}

/** How a RunSpec for the engine departs from the workload's defaults. */
export interface EngineSpecOptions {
  iterations?: number;
  /** Evaluate every N steps (default NEVER: only at the start, and at the end if it is reached). */
  evalEvery?: number | 'epoch';
  /** Diagnostics every N steps (default NEVER: only at step 0 and the last step). */
  diagnosticsEvery?: number;
  dataset?: DatasetSpec;
}

/** The engine's RunSpec for a workload (float32, seed 1, plain SGD, no regularisation). */
export function engineSpec(w: Workload, options: EngineSpecOptions = {}): RunSpecInput {
  const evalEvery = options.evalEvery ?? NEVER;
  return {
    version: 1,
    name: `bench ${w.name}`,
    seed: 1,
    dtype: 'float32',
    dataset: options.dataset ?? workloadDataset(w),
    layers: w.layers.map((l) => ({ units: l.units, activation: l.activation, init: l.init })),
    loss: 'softmax_cross_entropy',
    optimizer: { name: 'sgd', lr: w.learningRate },
    training: {
      batchSize: w.batchSize,
      iterations: options.iterations ?? NEVER,
      ...(evalEvery === 'epoch' ? {} : { evalEvery }),
    },
    diagnostics: { every: options.diagnosticsEvery ?? NEVER, bins: 30 },
  };
}

/** A dense layer's shapes, named as the table shows them. */
export interface GemmLayer {
  label: string;
  m: number;
  nIn: number;
  nOut: number;
}

/** GEMM microbenchmark shapes: W's and D's first layer, their hidden layers, and S's hidden layer. */
export const GEMM_LAYERS: readonly GemmLayer[] = [
  { label: 'W/D first layer (128 × 784 → 100)', m: 128, nIn: 784, nOut: 100 },
  { label: 'W/D hidden layer (128 × 100 → 100)', m: 128, nIn: 100, nOut: 100 },
  { label: 'S hidden layer (10 × 8 → 8)', m: 10, nIn: 8, nOut: 8 },
];
