import type { Dataset, InputMatrix, Targets } from '../data/types';
import type { FloatArray } from '../nn/dtype';
import { wasmForElementwise } from '../nn/kernel-backend';

/**
 * How a dataset's targets are fed to the loss, decided by the output layer's width:
 *   onehot  class labels as one-hot rows (output units = number of classes)
 *   label   the class index itself as one number (a single output unit, e.g. sigmoid for 2 classes)
 *   values  the dataset's own target vectors (regression, soft labels)
 */
export type TargetEncoding =
  | { kind: 'onehot'; width: number; numClasses: number }
  | { kind: 'label'; width: 1; numClasses: number }
  | { kind: 'values'; width: number };

/** The encoding for a network with `outputUnits` outputs, or an error message when they don't fit. */
export function targetEncodingFor(dataset: Dataset, outputUnits: number): TargetEncoding | string {
  const y = dataset.train.y;
  if (y.kind === 'values') {
    if (outputUnits !== y.cols) return `the output layer has ${outputUnits} units but each target has ${y.cols} values`;
    return { kind: 'values', width: y.cols };
  }
  if (outputUnits === y.numClasses) return { kind: 'onehot', width: outputUnits, numClasses: y.numClasses };
  if (outputUnits === 1 && y.numClasses === 2) return { kind: 'label', width: 1, numClasses: 2 };
  return `the output layer has ${outputUnits} units but ${dataset.name} has ${y.numClasses} classes (use ${y.numClasses} units${y.numClasses === 2 ? ', or 1 sigmoid unit' : ''})`;
}

/** Copies the rows `indices[0..count)` of `x` into `out` (count × cols), converting to features. */
export function gatherInputs(x: InputMatrix, indices: ArrayLike<number>, count: number, out: FloatArray): void {
  const { values, cols, scale } = x;
  if (values instanceof Uint8Array && out instanceof Float32Array) {
    const wasm = wasmForElementwise(count * cols, out);
    if (wasm) return wasm.gatherBytes(values, cols, indices, count, scale, out);
    return gatherBytes(values, cols, scale, indices, count, out);
  }
  for (let r = 0; r < count; r++) {
    const src = indices[r]! * cols;
    const dst = r * cols;
    if (scale === 1) for (let c = 0; c < cols; c++) out[dst + c] = values[src + c]!;
    else for (let c = 0; c < cols; c++) out[dst + c] = values[src + c]! * scale;
  }
}

/**
 * Byte rows (MNIST's pixels): each row converted by the typed-array copy (native code), then scaled
 * in place. The same float32 values as the general loop (a byte is exact in float32, and
 * fl32(b · scale) is computed either way), several times faster than converting value by value.
 */
function gatherBytes(values: Uint8Array, cols: number, scale: number, indices: ArrayLike<number>, count: number, out: Float32Array): void {
  for (let r = 0; r < count; r++) {
    const src = indices[r]! * cols;
    out.set(values.subarray(src, src + cols), r * cols);
  }
  if (scale === 1) return;
  const n = count * cols;
  for (let i = 0; i < n; i++) out[i] = out[i]! * scale;
}

/** Copies the targets of rows `indices[0..count)` into `out` (count × encoding.width). */
export function gatherTargets(y: Targets, encoding: TargetEncoding, indices: ArrayLike<number>, count: number, out: FloatArray): void {
  const width = encoding.width;
  if (y.kind === 'values') {
    for (let r = 0; r < count; r++) {
      const src = indices[r]! * y.cols;
      for (let c = 0; c < width; c++) out[r * width + c] = y.values[src + c]!;
    }
    return;
  }
  for (let r = 0; r < count; r++) {
    const label = y.labels[indices[r]!]!;
    if (encoding.kind === 'label') {
      out[r] = label;
    } else {
      out.fill(0, r * width, (r + 1) * width);
      out[r * width + label] = 1;
    }
  }
}

/** The class a network output row predicts: argmax for one-hot outputs, a 0.5 threshold for one unit. */
export function predictedClass(output: FloatArray, row: number, encoding: TargetEncoding): number {
  if (encoding.kind === 'label') return output[row]! >= 0.5 ? 1 : 0;
  const width = encoding.width;
  let best = 0;
  for (let c = 1; c < width; c++) if (output[row * width + c]! > output[row * width + best]!) best = c;
  return best;
}

/**
 * An output row's prediction and how sure it is: for one-hot outputs the argmax class and that
 * unit's output (its probability under softmax); for one unit on two classes the thresholded class
 * and that class's probability (a for class 1, 1 − a for class 0); for real-valued targets class 0
 * and unit 0's raw output.
 */
export function prediction(output: FloatArray, row: number, encoding: TargetEncoding): { predicted: number; confidence: number } {
  if (encoding.kind === 'values') return { predicted: 0, confidence: output[row * encoding.width]! };
  const predicted = predictedClass(output, row, encoding);
  if (encoding.kind === 'label') return { predicted, confidence: predicted === 1 ? output[row]! : 1 - output[row]! };
  return { predicted, confidence: output[row * encoding.width + predicted]! };
}
