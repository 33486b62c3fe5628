import type { FloatArray } from './dtype';

/**
 * A trainable tensor with its gradient. Optimizers and penalties work on lists of these alone.
 * `penalized`: L1/L2 apply (dense weights only: not biases, not batch-norm γ/β).
 */
export interface Parameter {
  readonly name: string;
  readonly value: FloatArray;
  readonly grad: FloatArray;
  readonly rows: number;
  readonly cols: number;
  readonly penalized: boolean;
}

/**
 * One step of the network's computation on a batch of `rows` samples (row-major buffers).
 * A layer owns its output and input-gradient buffers and keeps what its backward needs from the
 * last forward; buffers grow to the largest batch seen and are reused, never allocated per step.
 */
export interface Layer {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly params: readonly Parameter[];
  /** Output for `rows` samples; `training` switches batch norm statistics and dropout. */
  forward(input: FloatArray, rows: number, training: boolean): FloatArray;
  /** Fills parameter gradients and returns ∂L/∂input (or null when `needInputGrad` is false). */
  backward(gradOutput: FloatArray, rows: number, needInputGrad: boolean): FloatArray | null;
}

/** Keeps a reusable buffer of at least rows × cols elements. */
export class GrowableBuffer {
  private buffer: FloatArray;
  constructor(
    private readonly alloc: (length: number) => FloatArray,
    private readonly cols: number,
  ) {
    this.buffer = alloc(0);
  }
  /** A buffer holding at least `rows` rows (contents unspecified after growth). */
  forRows(rows: number): FloatArray {
    const needed = rows * this.cols;
    if (this.buffer.length < needed) this.buffer = this.alloc(needed);
    return this.buffer;
  }
}
