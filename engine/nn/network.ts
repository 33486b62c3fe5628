import type { LayerSpec } from '../api/run-spec';
import { trainingActivation } from './kernel-activations';
import type { DType, FloatArray } from './dtype';
import { initializeDense, normalizeInit, type Initializer } from './initializers';
import type { Layer, Parameter } from './layer';
import { ActivationLayer } from './layers/activation-layer';
import { BatchNormLayer } from './layers/batch-norm-layer';
import { DenseLayer } from './layers/dense-layer';
import { DropoutLayer } from './layers/dropout-layer';
import { randomStream } from './random';

/**
 * One layer of the RunSpec: dense → batch norm (if on) → activation → dropout (if > 0).
 * Diagnostics read a block's pre-activation (the activation's input, after batch norm) and activation.
 */
export interface Block {
  readonly index: number;
  readonly spec: LayerSpec;
  readonly init: Initializer;
  readonly dense: DenseLayer;
  readonly batchNorm: BatchNormLayer | null;
  readonly activation: ActivationLayer;
  readonly dropout: DropoutLayer | null;
}

/**
 * A multilayer perceptron built from RunSpec layers. Layer i's initial weights come from the
 * stream "init:i" and its dropout masks from "dropout:i" of the run's seed.
 */
export class Network {
  readonly blocks: readonly Block[];
  readonly params: readonly Parameter[];
  readonly outputSize: number;
  private readonly layers: readonly Layer[];

  constructor(
    readonly inputSize: number,
    specs: readonly LayerSpec[],
    readonly dtype: DType,
    seed: number,
  ) {
    const blocks: Block[] = [];
    let width = inputSize;
    specs.forEach((spec, index) => {
      const init = normalizeInit(spec.init, spec.activation);
      const dense = new DenseLayer(width, spec.units, dtype, index);
      initializeDense(init, width, spec.units, randomStream(seed, `init:${index}`), dense.weights.value, dense.bias.value);
      const batchNorm = spec.batchNorm ? new BatchNormLayer(spec.units, dtype, index) : null;
      const activation = new ActivationLayer(trainingActivation(spec.activation), spec.units, dtype);
      const dropout = spec.dropout > 0 ? new DropoutLayer(spec.dropout, spec.units, dtype, randomStream(seed, `dropout:${index}`)) : null;
      blocks.push({ index, spec, init, dense, batchNorm, activation, dropout });
      width = spec.units;
    });
    this.blocks = blocks;
    this.outputSize = width;
    this.layers = blocks.flatMap((b) => [b.dense, b.batchNorm, b.activation, b.dropout].filter((l): l is NonNullable<typeof l> => l !== null));
    this.params = this.layers.flatMap((l) => l.params);
  }

  /** Output activations of `rows` samples (rows × outputSize, a buffer owned by the network). */
  forward(input: FloatArray, rows: number, training: boolean): FloatArray {
    let x = input;
    for (const layer of this.layers) x = layer.forward(x, rows, training);
    return x;
  }

  /**
   * The forward pass the activation diagnostics look at: what each layer computes in training,
   * without the noise dropout adds. Per block: dense → batch norm on these rows' own statistics
   * (as in training; the running statistics are not updated) → activation; dropout is skipped
   * (no mask is drawn, so the dropout streams are untouched; inverted dropout's expectation is the
   * identity). Afterwards each block's activation layer holds this pass's pre-activation and
   * activation (lastPreactivation, lastOutput). It overwrites what the last training forward kept
   * for backward: call it after that backward, before the next forward. No parameter, gradient or
   * random stream changes, so training goes on exactly as without it.
   */
  forwardForDiagnostics(input: FloatArray, rows: number): FloatArray {
    let x = input;
    for (const block of this.blocks) {
      x = block.dense.forward(x, rows);
      if (block.batchNorm) x = block.batchNorm.forwardWithBatchStatistics(x, rows);
      x = block.activation.forward(x, rows);
    }
    return x;
  }

  /** The output layer's pre-activation z from the last forward (what fused losses read). */
  outputPreactivation(): FloatArray {
    const z = this.blocks[this.blocks.length - 1]!.activation.lastPreactivation();
    if (!z) throw new Error('Network.outputPreactivation called before forward');
    return z;
  }

  /**
   * Backpropagates ∂L/∂(output) and fills every parameter's gradient. When `gradIsPreactivation`
   * is true (losses fused with their output activation) the gradient is ∂L/∂z of the output
   * layer and that activation's backward is skipped.
   */
  backward(gradOutput: FloatArray, rows: number, gradIsPreactivation: boolean): void {
    let grad: FloatArray | null = gradOutput;
    const output = this.blocks[this.blocks.length - 1]!;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i]!;
      if (gradIsPreactivation && (layer === output.activation || layer === output.dropout)) continue;
      grad = layer.backward(grad!, rows, i > 0);
    }
  }
}
