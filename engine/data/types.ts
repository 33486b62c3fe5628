/**
 * In-memory datasets as the trainer sees them. Inputs stay in their stored form (MNIST as bytes,
 * 60,000 × 784 = 47 MB instead of 188 MB as floats) and are converted row by row into a batch
 * buffer: feature = stored value × `scale`.
 */
export interface InputMatrix {
  /** Row-major, rows × cols. May be backed by a SharedArrayBuffer so workers share one copy. */
  values: Uint8Array | Float32Array | Float64Array;
  rows: number;
  cols: number;
  /** Multiply a stored value by this to get the feature (1/255 for MNIST pixels, 1 otherwise). */
  scale: number;
}

/** Targets of a split: one class index per row, or a target vector per row (regression / multi-label). */
export type Targets =
  | { kind: 'classes'; labels: Uint8Array | Int32Array; numClasses: number }
  | { kind: 'values'; values: Float64Array; cols: number };

export interface DataSplit {
  x: InputMatrix;
  y: Targets;
}

export interface Dataset {
  /** The dataset's name in the RunSpec (circle, xor, gauss, spiral, mnist, inline). */
  name: string;
  inputSize: number;
  /** Number of classes for classification data; null for real-valued targets. */
  numClasses: number | null;
  /** Width of a target row (numClasses for one-hot encodings is decided by the loss, not here). */
  targetSize: number;
  train: DataSplit;
  /** null when the dataset has no test split (inline data without `test`, testFraction 0). */
  test: DataSplit | null;
  /** For images: height and width of one sample (MNIST 28 × 28); null for points. */
  imageShape: [number, number] | null;
}

/** Number of rows of a split. */
export function splitSize(split: DataSplit): number {
  return split.x.rows;
}
