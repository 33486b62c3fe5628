import type { FloatArray } from './dtype';

/**
 * The three matrix products of a dense layer, on row-major buffers (which may be longer than the
 * product needs: only the leading rows × cols elements are read and written).
 *
 *   forward        Z  = X · W      (m×k · k×n)
 *   weight grad    dW = Xᵀ · dZ    (k×m · m×n)
 *   input grad     dX = dZ · Wᵀ    (m×n · n×k)
 *
 * Loop orders keep the innermost loop on contiguous memory. Zero inputs are skipped (ReLU outputs
 * and MNIST's blank pixels are mostly zeros); that only changes a result when the other operand
 * already holds Inf or NaN, which ends the run as diverged anyway.
 */

/** out[m×n] = a[m×k] · b[k×n] + bias[n] (bias broadcast over rows; pass null for none). */
export function matmul(a: FloatArray, b: FloatArray, bias: FloatArray | null, out: FloatArray, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const outRow = i * n;
    if (bias) for (let j = 0; j < n; j++) out[outRow + j] = bias[j]!;
    else out.fill(0, outRow, outRow + n);
    const aRow = i * k;
    for (let p = 0; p < k; p++) {
      const aip = a[aRow + p]!;
      if (aip === 0) continue;
      const bRow = p * n;
      for (let j = 0; j < n; j++) out[outRow + j] += aip * b[bRow + j]!;
    }
  }
}

/** out[k×n] = a[m×k]ᵀ · b[m×n]: the weight gradient Xᵀ·dZ. */
export function matmulTransposeA(a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void {
  out.fill(0, 0, k * n);
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const bRow = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[aRow + p]!;
      if (aip === 0) continue;
      const outRow = p * n;
      for (let j = 0; j < n; j++) out[outRow + j] += aip * b[bRow + j]!;
    }
  }
}

/** out[m×k] = a[m×n] · b[k×n]ᵀ: the input gradient dZ·Wᵀ. */
export function matmulTransposeB(a: FloatArray, b: FloatArray, out: FloatArray, m: number, n: number, k: number): void {
  for (let i = 0; i < m; i++) {
    const aRow = i * n;
    const outRow = i * k;
    for (let p = 0; p < k; p++) {
      const bRow = p * n;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += a[aRow + j]! * b[bRow + j]!;
      out[outRow + p] = sum;
    }
  }
}

/** out[n] = column sums of a[m×n]: the bias gradient Σᵢ dZ[i,:]. */
export function columnSums(a: FloatArray, out: FloatArray, m: number, n: number): void {
  out.fill(0, 0, n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) out[j] += a[row + j]!;
  }
}
