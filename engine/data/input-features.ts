import { inputFeatureValue, type InputFeature } from '../api/input-features';
import type { Dataset, DataSplit, InputMatrix } from './types';

/**
 * The inputs a network with `features` sees: each row's features computed in float64 from the raw
 * point (x₁, x₂, as stored × scale), kept in the run's dtype as the trainer would convert them
 * anyway. `features` null (the spec names none) returns the dataset itself, so a spec without
 * features trains on exactly the arrays it always did.
 */
export function withInputFeatures(dataset: Dataset, features: readonly InputFeature[] | null, dtype: 'float32' | 'float64'): Dataset {
  if (features === null) return dataset;
  if (dataset.inputSize !== 2) throw new Error(`input features need 2-D points, not ${dataset.inputSize} inputs`);
  const split = (s: DataSplit): DataSplit => ({ x: featureMatrix(s.x, features, dtype), y: s.y });
  return { ...dataset, inputSize: features.length, train: split(dataset.train), test: dataset.test === null ? null : split(dataset.test) };
}

/** The features of `rows` points given as (x1, x2) pairs, written row by row into `out`. */
export function writeFeatures(points: ArrayLike<number>, rows: number, features: readonly InputFeature[], out: Float32Array | Float64Array): void {
  const width = features.length;
  for (let r = 0; r < rows; r++) {
    const x1 = points[2 * r]!;
    const x2 = points[2 * r + 1]!;
    for (let f = 0; f < width; f++) out[r * width + f] = inputFeatureValue(features[f]!, x1, x2);
  }
}

function featureMatrix(x: InputMatrix, features: readonly InputFeature[], dtype: 'float32' | 'float64'): InputMatrix {
  const points = new Float64Array(x.rows * 2);
  for (let i = 0; i < points.length; i++) points[i] = x.values[i]! * x.scale;
  const values = dtype === 'float32' ? new Float32Array(x.rows * features.length) : new Float64Array(x.rows * features.length);
  writeFeatures(points, x.rows, features, values);
  return { values, rows: x.rows, cols: features.length, scale: 1 };
}
