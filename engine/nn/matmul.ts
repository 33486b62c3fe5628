import type { FloatArray } from './dtype';
import * as typescript from './matmul-typescript';
import { activeWasmKernels, wasmForElementwise } from './kernel-backend';
import type { WasmKernels } from './wasm/wasm-kernels';

/**
 * The three matrix products of a dense layer, on row-major buffers (which may be longer than the
 * product needs: only the leading rows × cols elements are read and written), plus column sums.
 *
 *   forward        Z  = X · W + b  (m×k · k×n)       matmul
 *   weight grad    dW = Xᵀ · dZ    (k×m · m×n)       matmulTransposeA
 *   input grad     dX = dZ · Wᵀ    (m×n · n×k)       matmulTransposeB
 *
 * Two implementations of the same math:
 *   'typescript'         engine/nn/matmul-typescript.ts: float64 buffers always, float32 where
 *                        WebAssembly SIMD is missing, and tiny float32 products (below
 *                        WASM_MIN_MULTIPLY_ADDS, where a call into WebAssembly costs more than it
 *                        saves);
 *   'wasm-simd'          engine/nn/wasm (AssemblyScript, f32x4), for float32 products: sums in
 *   'wasm-relaxed-simd'  float32, added in increasing reduction index; the relaxed build fuses each
 *                        multiply-add where the CPU has FMA (Node 22+, Electron; not Node 20).
 * Both skip terms whose inputs are all zero (the same result unless the other operand holds Inf
 * or NaN). Float32 results differ between implementations only by rounding (sums reordered and
 * rounded in float32 rather than float64: within γₖ·Σ|aᵢbᵢ|, γₖ ≈ k·2⁻²⁴, ~1e-6 relative for
 * MNIST-sized sums); each implementation is deterministic, so the same seed gives bit-identical
 * runs on the same backend. Across backends it does not: a run trained where relaxed SIMD exists
 * (Electron, Node 22+) and replayed on Node 20 agrees only to rounding; kernelBackend() says which
 * backend a thread uses.
 *
 * The backend is chosen once per thread ('auto': the best WebAssembly variant this engine
 * validates, else TypeScript); setKernelBackend (engine/nn/kernel-backend.ts) switches it for the calling thread only (worker
 * threads choose their own).
 *
 * Aliasing: `out` must not share memory with `a`, `b` or `bias` (the TypeScript kernels write out
 * while still reading them). `a` and `b` may be the same buffer (e.g. Xᵀ·X).
 */

/**
 * Float32 products with fewer multiply-adds than this run in TypeScript under every backend: a
 * call into WebAssembly (copies included) costs ~0.2 µs, what the TypeScript kernels need for a
 * few hundred multiply-adds (measured: 10×2×8 is as fast in TypeScript, 10×8×8 twice as fast in
 * WebAssembly). Part of the results' definition: a shape always takes the same path.
 */
export const WASM_MIN_MULTIPLY_ADDS = 512;

/** The WebAssembly kernels for a float32 product of this size, or null for the TypeScript path. */
function wasmFor(a: FloatArray, b: FloatArray, out: FloatArray, multiplyAdds: number): WasmKernels | null {
  if (multiplyAdds < WASM_MIN_MULTIPLY_ADDS) return null;
  if (!(a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array)) return null;
  return activeWasmKernels();
}

/** out[m×n] = a[m×k] · b[k×n] + bias[n] (bias broadcast over rows; pass null for none). */
export function matmul(a: FloatArray, b: FloatArray, bias: FloatArray | null, out: FloatArray, m: number, k: number, n: number): void {
  checkLengths('matmul', a, m * k, b, k * n, out, m * n);
  if (bias && bias.length < n) throw new RangeError(`matmul: bias has ${bias.length} elements, the product needs ${n}`);
  const kernels = wasmFor(a, b, out, m * k * n);
  if (kernels && (bias === null || bias instanceof Float32Array)) kernels.matmul(a as Float32Array, b as Float32Array, bias, out as Float32Array, m, k, n);
  else typescript.matmul(a, b, bias, out, m, k, n);
}

/** out[k×n] = a[m×k]ᵀ · b[m×n]: the weight gradient Xᵀ·dZ. */
export function matmulTransposeA(a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void {
  checkLengths('matmulTransposeA', a, m * k, b, m * n, out, k * n);
  const kernels = wasmFor(a, b, out, m * k * n);
  if (kernels) kernels.matmulTransposeA(a as Float32Array, b as Float32Array, out as Float32Array, m, k, n);
  else typescript.matmulTransposeA(a, b, out, m, k, n);
}

/**
 * A dense layer's parameter gradients from its input x[m×k] and ∂L/∂z dz[m×n]: dW = xᵀ·dz and
 * db = the column sums of dz. The same values as matmulTransposeA then columnSums; in one call
 * into WebAssembly when both would run there (dz is copied in once).
 */
export function weightAndBiasGradients(x: FloatArray, dz: FloatArray, dW: FloatArray, db: FloatArray, m: number, k: number, n: number): void {
  checkLengths('weightAndBiasGradients', x, m * k, dz, m * n, dW, k * n);
  const kernels = wasmFor(x, dz, dW, m * k * n);
  if (kernels && db.length >= n && wasmForElementwise(m * n, dz, db)) {
    kernels.matmulTransposeA(x as Float32Array, dz as Float32Array, dW as Float32Array, m, k, n, db as Float32Array);
    return;
  }
  matmulTransposeA(x, dz, dW, m, k, n);
  columnSums(dz, db, m, n);
}

/** out[m×k] = a[m×n] · b[k×n]ᵀ: the input gradient dZ·Wᵀ. */
export function matmulTransposeB(a: FloatArray, b: FloatArray, out: FloatArray, m: number, n: number, k: number): void {
  checkLengths('matmulTransposeB', a, m * n, b, k * n, out, m * k);
  const kernels = wasmFor(a, b, out, m * k * n);
  if (kernels) kernels.matmulTransposeB(a as Float32Array, b as Float32Array, out as Float32Array, m, n, k);
  else typescript.matmulTransposeB(a, b, out, m, n, k);
}

/**
 * out[n] = column sums of a[m×n]: the bias gradient Σᵢ dZ[i,:], added in row order. Float32 goes
 * through WebAssembly where the thread's kernels are: the TypeScript loop's float32 → float64 →
 * float32 round trip per addition costs ~2 ns, more than the copy in; sums agree to rounding
 * (float32 additions instead of float64 ones rounded to float32).
 */
export function columnSums(a: FloatArray, out: FloatArray, m: number, n: number): void {
  const kernels = wasmForElementwise(m * n, a, out);
  if (kernels) return kernels.columnSums(a as Float32Array, out as Float32Array, m, n);
  typescript.columnSums(a, out, m, n);
}

/** A buffer shorter than its product reads would give NaN (TypeScript) or stale memory (WebAssembly): refuse it. */
function checkLengths(kernel: string, a: FloatArray, aNeeds: number, b: FloatArray, bNeeds: number, out: FloatArray, outNeeds: number): void {
  if (a.length >= aNeeds && b.length >= bNeeds && out.length >= outNeeds) return;
  const [name, has, needs] = a.length < aNeeds ? ['a', a.length, aNeeds] : b.length < bNeeds ? ['b', b.length, bNeeds] : ['out', out.length, outNeeds];
  throw new RangeError(`${kernel}: ${name} has ${has} elements, the product needs ${needs}`);
}
