import { allocFloat, type DType, type FloatArray } from '../dtype';
import { GrowableBuffer, type Layer, type Parameter } from '../layer';
import { matmul, matmulTransposeB, weightAndBiasGradients } from '../matmul';

/** z = x·W + b with W of shape n_in × n_out (DESIGN.md's layout; PyTorch's Linear stores Wᵀ). */
export class DenseLayer implements Layer {
  readonly weights: Parameter;
  readonly bias: Parameter;
  readonly params: readonly Parameter[];
  private input: FloatArray | null = null;
  private readonly output: GrowableBuffer;
  private readonly inputGrad: GrowableBuffer;

  constructor(
    readonly inputSize: number,
    readonly outputSize: number,
    dtype: DType,
    index: number,
  ) {
    const alloc = (n: number) => allocFloat(dtype, n);
    this.weights = {
      name: `layers.${index}.weights`,
      value: alloc(inputSize * outputSize),
      grad: alloc(inputSize * outputSize),
      rows: inputSize,
      cols: outputSize,
      penalized: true,
    };
    this.bias = { name: `layers.${index}.bias`, value: alloc(outputSize), grad: alloc(outputSize), rows: 1, cols: outputSize, penalized: false };
    this.params = [this.weights, this.bias];
    this.output = new GrowableBuffer(alloc, outputSize);
    this.inputGrad = new GrowableBuffer(alloc, inputSize);
  }

  forward(input: FloatArray, rows: number): FloatArray {
    this.input = input;
    const out = this.output.forRows(rows);
    matmul(input, this.weights.value, this.bias.value, out, rows, this.inputSize, this.outputSize);
    return out;
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad: boolean): FloatArray | null {
    if (!this.input) throw new Error('DenseLayer.backward called before forward');
    weightAndBiasGradients(this.input, gradOutput, this.weights.grad, this.bias.grad, rows, this.inputSize, this.outputSize);
    if (!needInputGrad) return null;
    const dx = this.inputGrad.forRows(rows);
    matmulTransposeB(gradOutput, this.weights.value, dx, rows, this.outputSize, this.inputSize);
    return dx;
  }
}
