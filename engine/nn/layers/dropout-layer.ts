import { allocFloat, type DType, type FloatArray } from '../dtype';
import { GrowableBuffer, type Layer } from '../layer';
import type { Random } from '../random';

/**
 * Inverted dropout (PyTorch's): in training each value is kept with probability 1 − p and scaled by
 * 1/(1 − p), so evaluation is the identity. The mask comes from the run's own dropout stream.
 */
export class DropoutLayer implements Layer {
  readonly params = [];
  readonly outputSize: number;
  /** When true, forward reuses the last mask instead of drawing one (gradient checks). */
  freezeMask = false;
  private readonly mask: GrowableBuffer;
  private readonly output: GrowableBuffer;
  private readonly inputGrad: GrowableBuffer;
  private lastTraining = false;

  constructor(
    readonly rate: number,
    readonly inputSize: number,
    dtype: DType,
    private readonly random: Random,
  ) {
    this.outputSize = inputSize;
    const alloc = (n: number) => allocFloat(dtype, n);
    this.mask = new GrowableBuffer(alloc, inputSize);
    this.output = new GrowableBuffer(alloc, inputSize);
    this.inputGrad = new GrowableBuffer(alloc, inputSize);
  }

  forward(input: FloatArray, rows: number, training: boolean): FloatArray {
    this.lastTraining = training;
    if (!training || this.rate === 0) return input;
    const n = rows * this.inputSize;
    const mask = this.mask.forRows(rows);
    if (!this.freezeMask) {
      const keepScale = 1 / (1 - this.rate);
      for (let i = 0; i < n; i++) mask[i] = this.random.uniform() < this.rate ? 0 : keepScale;
    }
    const out = this.output.forRows(rows);
    for (let i = 0; i < n; i++) out[i] = input[i]! * mask[i]!;
    return out;
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    if (!this.lastTraining || this.rate === 0) return gradOutput;
    const n = rows * this.inputSize;
    const mask = this.mask.forRows(rows);
    const dx = this.inputGrad.forRows(rows);
    for (let i = 0; i < n; i++) dx[i] = gradOutput[i]! * mask[i]!;
    return dx;
  }
}
