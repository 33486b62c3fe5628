import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Dataset } from '../engine/data/types';
import { randomStream } from '../engine/nn/random';
import { gatherInputs, gatherTargets } from '../engine/train/targets';
import type { TimedLoop } from './timing';
import type { Workload } from './workloads';

/** The TF.js backends the issue compares with. */
export type TfjsBackend = 'wasm' | 'cpu';

export const TFJS_LABELS: Record<TfjsBackend, string> = { wasm: 'TF.js WASM+SIMD', cpu: 'TF.js CPU' };

/** What one timed TF.js iteration includes (see tfjsTrainer). */
export const TFJS_ITERATION_INCLUDES =
  'TF.js it = optimizer.minimize (sgd) over the same network and batch size on pre-uploaded batches of the same real data (8 batches cycled), loss read back with dataSync; prod mode';

let wasmPathsSet = false;
let gradientsRegistered = false;

/**
 * tfjs-core's Node bundle has no gradients (the full `@tensorflow/tfjs` package, not installed
 * here, imports `@tensorflow/tfjs-core/dist/register_all_gradients`). Its ES-module files use
 * extensionless imports that Node's ESM loader refuses, so they are required instead (tsx turns
 * them into CommonJS, ~2 s once). They register into TF.js's global gradient registry, which every
 * copy of tfjs-core shares, as the kernels and the engine are.
 */
function registerGradients(): void {
  if (gradientsRegistered) return;
  createRequire(import.meta.url)('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  gradientsRegistered = true;
}

/**
 * Makes `backend` TF.js's current backend. The WASM backend loads its .wasm files from the
 * installed package (offline); TF.js picks the SIMD build when the runtime supports it. Prod mode
 * is on (TF.js's advice for speed: no debug checks).
 */
export async function useTfjsBackend(backend: TfjsBackend): Promise<void> {
  registerGradients();
  if (backend === 'wasm' && !wasmPathsSet) {
    const packageJson = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json');
    setWasmPaths(join(dirname(packageJson), 'dist') + '/');
    wasmPathsSet = true;
  }
  tf.enableProdMode();
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js could not start its ${backend} backend`);
  await tf.ready();
}

/** TF.js's version and what its WASM backend detected (call after the WASM backend is up). */
export async function tfjsInfo(): Promise<{ version: string; wasmSimd: boolean; wasmThreads: boolean }> {
  return {
    version: tf.version_core,
    wasmSimd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
    wasmThreads: Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')),
  };
}

/** One training batch: inputs (rows × inputSize, features) and one-hot targets (rows × classes). */
export interface Batch {
  rows: number;
  inputs: Float32Array;
  targets: Float32Array;
}

/** `count` batches of the workload's size drawn (seeded) from the dataset's training split, converted as the engine converts them. */
export function sampleBatches(dataset: Dataset, w: Workload, count: number): Batch[] {
  const classes = w.layers[w.layers.length - 1]!.units;
  const encoding = { kind: 'onehot', width: classes, numClasses: classes } as const;
  const random = randomStream(7, 'bench-batches');
  const indices = new Int32Array(w.batchSize);
  return Array.from({ length: count }, () => {
    for (let i = 0; i < w.batchSize; i++) indices[i] = random.int(dataset.train.x.rows);
    const inputs = new Float32Array(w.batchSize * w.inputSize);
    const targets = new Float32Array(w.batchSize * classes);
    gatherInputs(dataset.train.x, indices, w.batchSize, inputs);
    gatherTargets(dataset.train.y, encoding, indices, w.batchSize, targets);
    return { rows: w.batchSize, inputs, targets };
  });
}

const activations = { relu: tf.relu, tanh: tf.tanh, sigmoid: tf.sigmoid } as const;

/**
 * The workload's network written by hand in TF.js, as a student would: tf.variable weights
 * (normal, std √(2/n_in) for He, 1/√n_in for Xavier) and zero biases, dense → activation, softmax
 * cross-entropy (mean over the batch), tf.train.sgd; one `iterate` = one optimizer.minimize on the
 * next batch, with the loss read back (the engine reports each step's loss too).
 */
export function tfjsTrainer(w: Workload, batches: readonly Batch[]): TimedLoop {
  const widths = [w.inputSize, ...w.layers.map((l) => l.units)];
  const weights = w.layers.map((layer, i) => {
    const fanIn = widths[i]!;
    const std = layer.init === 'he' ? Math.sqrt(2 / fanIn) : 1 / Math.sqrt(fanIn);
    return tf.variable(tf.randomNormal([fanIn, layer.units], 0, std, 'float32', 11 + i));
  });
  const biases = w.layers.map((layer) => tf.variable(tf.zeros([layer.units])));
  const variables = [...weights, ...biases];
  const optimizer = tf.train.sgd(w.learningRate);
  const classes = widths[widths.length - 1]!;
  const xs = batches.map((b) => tf.tensor2d(b.inputs, [b.rows, w.inputSize]));
  const ys = batches.map((b) => tf.tensor2d(b.targets, [b.rows, classes]));
  const last = w.layers.length - 1;

  const loss = (x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar => {
    let h: tf.Tensor2D = x;
    w.layers.forEach((layer, i) => {
      const z = tf.add(tf.matMul(h, weights[i]!), biases[i]!) as tf.Tensor2D;
      if (i === last) h = z;
      else {
        const activation = activations[layer.activation as keyof typeof activations];
        if (activation === undefined) throw new Error(`no TF.js activation for ${layer.activation}`);
        h = activation(z);
      }
    });
    return tf.losses.softmaxCrossEntropy(y, h) as tf.Scalar;
  };

  let next = 0;
  return {
    iterate() {
      const i = next;
      next = (next + 1) % xs.length;
      const cost = optimizer.minimize(() => loss(xs[i]!, ys[i]!), true, variables)!;
      const value = cost.dataSync()[0]!;
      cost.dispose();
      if (!Number.isFinite(value)) throw new Error(`TF.js ${w.name}: the loss became ${value}`);
    },
    dispose() {
      optimizer.dispose();
      for (const t of [...variables, ...xs, ...ys]) t.dispose();
    },
  };
}

/** A TF.js matrix product on the current backend: `reps` products of fixed operands per call. */
export function tfjsMatMul(a: { values: Float32Array; rows: number; cols: number }, b: { values: Float32Array; rows: number; cols: number }, transposeA: boolean, transposeB: boolean, reps: number): TimedLoop {
  const ta = tf.tensor2d(a.values, [a.rows, a.cols]);
  const tb = tf.tensor2d(b.values, [b.rows, b.cols]);
  return {
    iterate() {
      // The CPU and WASM backends compute inside the op call (they are synchronous), so no read-back is needed.
      for (let r = 0; r < reps; r++) tf.matMul(ta, tb, transposeA, transposeB).dispose();
    },
    dispose() {
      ta.dispose();
      tb.dispose();
    },
  };
}

/** Tensors TF.js holds now (a leak check between rows). */
export function tfjsTensorCount(): number {
  return tf.memory().numTensors;
}
