import { allocFloat, type DType, type FloatArray } from '../dtype';
import { GrowableBuffer, type Layer, type Parameter } from '../layer';

/** PyTorch BatchNorm1d defaults. */
export const BATCH_NORM_EPSILON = 1e-5;
export const BATCH_NORM_MOMENTUM = 0.1;

/**
 * Batch normalization over the batch dimension (PyTorch's BatchNorm1d):
 * training: x̂ = (x − μ_B)/√(σ²_B + ε) with the biased batch variance, y = γ·x̂ + β, and running
 * statistics r ← (1 − 0.1)·r + 0.1·batch (the variance unbiased, ×B/(B−1));
 * evaluation: the running statistics replace the batch's;
 * diagnostics (forwardWithBatchStatistics): training's normalization, running statistics untouched.
 */
export class BatchNormLayer implements Layer {
  readonly gamma: Parameter;
  readonly beta: Parameter;
  readonly params: readonly Parameter[];
  readonly runningMean: FloatArray;
  readonly runningVar: FloatArray;
  readonly outputSize: number;
  private readonly normalized: GrowableBuffer;
  private readonly output: GrowableBuffer;
  private readonly inputGrad: GrowableBuffer;
  private readonly invStd: Float64Array;
  private readonly mean: Float64Array;

  constructor(
    readonly inputSize: number,
    dtype: DType,
    index: number,
  ) {
    const alloc = (n: number) => allocFloat(dtype, n);
    this.outputSize = inputSize;
    this.gamma = { name: `layers.${index}.gamma`, value: alloc(inputSize).fill(1), grad: alloc(inputSize), rows: 1, cols: inputSize, penalized: false };
    this.beta = { name: `layers.${index}.beta`, value: alloc(inputSize), grad: alloc(inputSize), rows: 1, cols: inputSize, penalized: false };
    this.params = [this.gamma, this.beta];
    this.runningMean = alloc(inputSize);
    this.runningVar = alloc(inputSize).fill(1);
    this.normalized = new GrowableBuffer(alloc, inputSize);
    this.output = new GrowableBuffer(alloc, inputSize);
    this.inputGrad = new GrowableBuffer(alloc, inputSize);
    this.invStd = new Float64Array(inputSize);
    this.mean = new Float64Array(inputSize);
  }

  forward(input: FloatArray, rows: number, training: boolean): FloatArray {
    return this.normalize(input, rows, training ? 'batch' : 'running', training);
  }

  /**
   * The training-mode output (normalized by this batch's own mean and biased variance) without
   * updating the running statistics: what the diagnostics sample's pass uses, so that looking at
   * the layer changes nothing training or evaluation computes later. Like forward, it overwrites
   * what backward reads: call it only where no backward of an earlier forward is still to come.
   */
  forwardWithBatchStatistics(input: FloatArray, rows: number): FloatArray {
    return this.normalize(input, rows, 'batch', false);
  }

  private normalize(input: FloatArray, rows: number, statistics: 'batch' | 'running', updateRunning: boolean): FloatArray {
    const n = this.inputSize;
    const xhat = this.normalized.forRows(rows);
    const out = this.output.forRows(rows);
    for (let j = 0; j < n; j++) {
      let mean: number;
      let variance: number;
      if (statistics === 'batch') {
        mean = 0;
        for (let i = 0; i < rows; i++) mean += input[i * n + j]!;
        mean /= rows;
        variance = 0;
        for (let i = 0; i < rows; i++) {
          const d = input[i * n + j]! - mean;
          variance += d * d;
        }
        variance /= rows;
        // A single sample has no unbiased variance (PyTorch refuses it); leave the running stats alone.
        if (updateRunning && rows > 1) {
          this.runningMean[j] = (1 - BATCH_NORM_MOMENTUM) * this.runningMean[j]! + BATCH_NORM_MOMENTUM * mean;
          this.runningVar[j] = (1 - BATCH_NORM_MOMENTUM) * this.runningVar[j]! + BATCH_NORM_MOMENTUM * variance * (rows / (rows - 1));
        }
      } else {
        mean = this.runningMean[j]!;
        variance = this.runningVar[j]!;
      }
      const invStd = 1 / Math.sqrt(variance + BATCH_NORM_EPSILON);
      this.mean[j] = mean;
      this.invStd[j] = invStd;
      const g = this.gamma.value[j]!;
      const b = this.beta.value[j]!;
      for (let i = 0; i < rows; i++) {
        const k = i * n + j;
        const xh = (input[k]! - mean) * invStd;
        xhat[k] = xh;
        out[k] = g * xh + b;
      }
    }
    return out;
  }

  /** Backward of the training-mode forward (the batch statistics depend on every input). */
  backward(gradOutput: FloatArray, rows: number, needInputGrad: boolean): FloatArray | null {
    const n = this.inputSize;
    const xhat = this.normalized.forRows(rows);
    const dx = needInputGrad ? this.inputGrad.forRows(rows) : null;
    for (let j = 0; j < n; j++) {
      let sumDy = 0;
      let sumDyXhat = 0;
      for (let i = 0; i < rows; i++) {
        const k = i * n + j;
        sumDy += gradOutput[k]!;
        sumDyXhat += gradOutput[k]! * xhat[k]!;
      }
      this.beta.grad[j] = sumDy;
      this.gamma.grad[j] = sumDyXhat;
      if (!dx) continue;
      // dx = γ/(B·σ) · (B·dy − Σdy − x̂·Σ(dy·x̂))
      const scale = (this.gamma.value[j]! * this.invStd[j]!) / rows;
      for (let i = 0; i < rows; i++) {
        const k = i * n + j;
        dx[k] = scale * (rows * gradOutput[k]! - sumDy - xhat[k]! * sumDyXhat);
      }
    }
    return dx;
  }
}
