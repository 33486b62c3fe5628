/** Number format of a run's tensors. float32 is the default; float64 is for exact cross-checks. */
export type DType = 'float32' | 'float64';

/** A flat tensor buffer; shapes are carried beside it as plain numbers. */
export type FloatArray = Float32Array | Float64Array;

/** A zero-filled buffer of `length` elements in the given dtype. */
export function allocFloat(dtype: DType, length: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

/** A copy of `values` in the given dtype. */
export function toFloatArray(dtype: DType, values: ArrayLike<number>): FloatArray {
  const out = allocFloat(dtype, values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}
