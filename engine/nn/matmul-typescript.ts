import type { FloatArray } from './dtype';

/**
 * The pure-TypeScript kernels behind engine/nn/matmul.ts: the float64 path, and the float32 path
 * where WebAssembly SIMD is missing or `setKernelBackend('typescript')` asks for them. Terms are
 * added in float64 (JavaScript numbers) and rounded to the buffer's type whenever a partial sum is
 * stored.
 *
 * The three matrix products of a dense layer, on row-major buffers (which may be longer than the
 * product needs: only the leading rows × cols elements are read and written).
 *
 *   forward        Z  = X · W      (m×k · k×n)
 *   weight grad    dW = Xᵀ · dZ    (k×m · m×n)
 *   input grad     dX = dZ · Wᵀ    (m×n · n×k)
 *
 * Each kernel works on small blocks (two output rows × four terms, or 2 × 2 dot products) so
 * every value loaded from memory is used several times; the innermost loop stays on contiguous
 * memory. Blocks whose inputs are all zero are skipped (ReLU outputs and MNIST's blank borders),
 * which changes a result only when the other operand already holds Inf or NaN.
 */

/** out[m×n] = a[m×k] · b[k×n] + bias[n] (bias broadcast over rows; pass null for none). */
export function matmul(a: FloatArray, b: FloatArray, bias: FloatArray | null, out: FloatArray, m: number, k: number, n: number): void {
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const o0 = i * n;
    const o1 = o0 + n;
    for (let j = 0; j < n; j++) {
      const bj = bias ? bias[j]! : 0;
      out[o0 + j] = bj;
      out[o1 + j] = bj;
    }
    const r0 = i * k;
    const r1 = r0 + k;
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      const x0 = a[r0 + p]!;
      const x1 = a[r0 + p + 1]!;
      const x2 = a[r0 + p + 2]!;
      const x3 = a[r0 + p + 3]!;
      const y0 = a[r1 + p]!;
      const y1 = a[r1 + p + 1]!;
      const y2 = a[r1 + p + 2]!;
      const y3 = a[r1 + p + 3]!;
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0 && y0 === 0 && y1 === 0 && y2 === 0 && y3 === 0) continue;
      const b0 = p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const w0 = b[b0 + j]!;
        const w1 = b[b1 + j]!;
        const w2 = b[b2 + j]!;
        const w3 = b[b3 + j]!;
        out[o0 + j]! += x0 * w0 + x1 * w1 + x2 * w2 + x3 * w3;
        out[o1 + j]! += y0 * w0 + y1 * w1 + y2 * w2 + y3 * w3;
      }
    }
    for (; p < k; p++) {
      const x = a[r0 + p]!;
      const y = a[r1 + p]!;
      const bRow = p * n;
      for (let j = 0; j < n; j++) {
        out[o0 + j]! += x * b[bRow + j]!;
        out[o1 + j]! += y * b[bRow + j]!;
      }
    }
  }
  if (i < m) matmulOneRow(a, b, bias, out, i, k, n);
}

/** Row `i` of the forward product (the odd row left over by the two-row blocks). */
function matmulOneRow(a: FloatArray, b: FloatArray, bias: FloatArray | null, out: FloatArray, i: number, k: number, n: number): void {
  const o = i * n;
  for (let j = 0; j < n; j++) out[o + j] = bias ? bias[j]! : 0;
  const r = i * k;
  for (let p = 0; p < k; p++) {
    const x = a[r + p]!;
    if (x === 0) continue;
    const bRow = p * n;
    for (let j = 0; j < n; j++) out[o + j]! += x * b[bRow + j]!;
  }
}

/** out[k×n] = a[m×k]ᵀ · b[m×n]: the weight gradient Xᵀ·dZ. */
export function matmulTransposeA(a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void {
  out.fill(0, 0, k * n);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    const d0 = i * n;
    const d1 = d0 + n;
    const d2 = d1 + n;
    const d3 = d2 + n;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p]!;
      const x1 = a[a1 + p]!;
      const x2 = a[a2 + p]!;
      const x3 = a[a3 + p]!;
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
      const o = p * n;
      for (let j = 0; j < n; j++) out[o + j]! += x0 * b[d0 + j]! + x1 * b[d1 + j]! + x2 * b[d2 + j]! + x3 * b[d3 + j]!;
    }
  }
  for (; i < m; i++) {
    const aRow = i * k;
    const bRow = i * n;
    for (let p = 0; p < k; p++) {
      const x = a[aRow + p]!;
      if (x === 0) continue;
      const o = p * n;
      for (let j = 0; j < n; j++) out[o + j]! += x * b[bRow + j]!;
    }
  }
}

/** out[m×k] = a[m×n] · b[k×n]ᵀ: the input gradient dZ·Wᵀ. */
export function matmulTransposeB(a: FloatArray, b: FloatArray, out: FloatArray, m: number, n: number, k: number): void {
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    let p = 0;
    for (; p + 2 <= k; p += 2) {
      const w0 = p * n;
      const w1 = w0 + n;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let j = 0; j < n; j++) {
        const g0 = a[r0 + j]!;
        const g1 = a[r1 + j]!;
        const v0 = b[w0 + j]!;
        const v1 = b[w1 + j]!;
        s00 += g0 * v0;
        s01 += g0 * v1;
        s10 += g1 * v0;
        s11 += g1 * v1;
      }
      out[i * k + p] = s00;
      out[i * k + p + 1] = s01;
      out[(i + 1) * k + p] = s10;
      out[(i + 1) * k + p + 1] = s11;
    }
    for (; p < k; p++) {
      out[i * k + p] = dot(a, r0, b, p * n, n);
      out[(i + 1) * k + p] = dot(a, r1, b, p * n, n);
    }
  }
  for (; i < m; i++) for (let p = 0; p < k; p++) out[i * k + p] = dot(a, i * n, b, p * n, n);
}

function dot(a: FloatArray, aOffset: number, b: FloatArray, bOffset: number, n: number): number {
  let sum = 0;
  for (let j = 0; j < n; j++) sum += a[aOffset + j]! * b[bOffset + j]!;
  return sum;
}

/** out[n] = column sums of a[m×n]: the bias gradient Σᵢ dZ[i,:]. */
export function columnSums(a: FloatArray, out: FloatArray, m: number, n: number): void {
  out.fill(0, 0, n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) out[j]! += a[row + j]!;
  }
}
