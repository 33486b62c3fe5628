import type { Activation } from '../activations';
import { allocFloat, type DType, type FloatArray } from '../dtype';
import { GrowableBuffer, type Layer } from '../layer';

/** Applies an activation function; keeps its input (the pre-activation) and output for backward and diagnostics. */
export class ActivationLayer implements Layer {
  readonly params = [];
  readonly outputSize: number;
  private preactivation: FloatArray | null = null;
  private readonly output: GrowableBuffer;
  private readonly inputGrad: GrowableBuffer;

  constructor(
    readonly activation: Activation,
    readonly inputSize: number,
    dtype: DType,
  ) {
    this.outputSize = inputSize;
    const alloc = (n: number) => allocFloat(dtype, n);
    this.output = new GrowableBuffer(alloc, inputSize);
    this.inputGrad = new GrowableBuffer(alloc, inputSize);
  }

  forward(input: FloatArray, rows: number): FloatArray {
    this.preactivation = input;
    const out = this.output.forRows(rows);
    this.activation.forward(input, out, rows, this.inputSize);
    return out;
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    if (!this.preactivation) throw new Error('ActivationLayer.backward called before forward');
    const dz = this.inputGrad.forRows(rows);
    this.activation.backward(this.preactivation, this.output.forRows(rows), gradOutput, dz, rows, this.inputSize);
    return dz;
  }

  /** The last forward's input z (rows × units). */
  lastPreactivation(): FloatArray | null {
    return this.preactivation;
  }

  /** The last forward's output a (rows × units). */
  lastOutput(rows: number): FloatArray {
    return this.output.forRows(rows);
  }
}
