import type { FloatArray } from './dtype';
import { availableWasmVariants, wasmKernels, type WasmKernels } from './wasm/wasm-kernels';

/**
 * Which implementation of the float32 kernels this thread runs: the matrix products
 * (engine/nn/matmul.ts) and the element-wise steps that have a WebAssembly version (the sigmoid in
 * engine/nn/activations.ts). See matmul.ts for what each backend computes and how results may
 * differ between them.
 */

/** An implementation of the products (see above). */
export type KernelBackend = 'typescript' | 'wasm-simd' | 'wasm-relaxed-simd';

/** What setKernelBackend accepts: a backend, 'wasm' (the best WebAssembly variant) or 'auto'. */
export type KernelBackendChoice = KernelBackend | 'wasm' | 'auto';

let choice: KernelBackendChoice = 'auto';
/** The chosen WebAssembly kernels, null for TypeScript, undefined until first resolved. */
let wasm: WasmKernels | null | undefined;

/** The backends this thread can run, fastest first ('typescript' is always there). */
export function availableKernelBackends(): KernelBackend[] {
  return [...availableWasmVariants().map((variant) => `wasm-${variant}` as const), 'typescript'];
}

/**
 * Selects the implementation of the float32 products for this thread and returns the one now in
 * use: 'auto' (the default) and 'wasm' take the best WebAssembly variant available ('wasm'
 * throws when there is none), a backend's name forces it (throwing when this engine cannot run
 * it). For the benchmark and tests: `setKernelBackend('typescript')` measures the fallback.
 */
export function setKernelBackend(backend: KernelBackendChoice): KernelBackend {
  const available = availableKernelBackends();
  if (backend === 'wasm' && available[0] === 'typescript') {
    throw new Error('WebAssembly SIMD is not available in this JavaScript engine: use the typescript kernels');
  }
  if (backend !== 'wasm' && backend !== 'auto' && !available.includes(backend)) {
    throw new Error(
      `the ${backend} kernels are not available in this JavaScript engine (available: ${available.join(', ')})` +
        (backend === 'wasm-relaxed-simd' ? '; relaxed SIMD needs Node 22+ or Electron (Node 20: --experimental-wasm-relaxed-simd)' : ''),
    );
  }
  choice = backend;
  wasm = undefined;
  return kernelBackend();
}

/** The implementation this thread's float32 products use (resolving 'auto' on first call). */
export function kernelBackend(): KernelBackend {
  const kernels = activeWasmKernels();
  return kernels ? `wasm-${kernels.variant}` : 'typescript';
}

/** This thread's WebAssembly kernels, or null when it runs TypeScript (resolving 'auto' on first call). */
export function activeWasmKernels(): WasmKernels | null {
  if (wasm !== undefined) return wasm;
  let backend: KernelBackend;
  if (choice === 'auto' || choice === 'wasm') backend = availableKernelBackends()[0]!;
  else backend = choice;
  wasm = backend === 'typescript' ? null : compiledOrNull(backend === 'wasm-relaxed-simd' ? 'relaxed-simd' : 'simd');
  return wasm;
}

/**
 * The variant's kernels, or null where this engine validates WebAssembly but may not compile it:
 * a renderer whose Content-Security-Policy has no 'wasm-unsafe-eval' (the app's, on purpose) runs
 * the small computations it does (probe, walkthrough) in TypeScript instead of failing.
 */
function compiledOrNull(variant: 'simd' | 'relaxed-simd'): WasmKernels | null {
  try {
    return wasmKernels(variant);
  } catch {
    return null;
  }
}

/** Element-wise float32 steps over fewer values than this stay in TypeScript (a call into WebAssembly costs ~0.2 µs). */
export const WASM_MIN_ELEMENTS = 64;

/** The WebAssembly kernels for an element-wise step over `count` values of these buffers, or null for TypeScript. */
export function wasmForElementwise(count: number, ...buffers: FloatArray[]): WasmKernels | null {
  if (count < WASM_MIN_ELEMENTS) return null;
  for (const buffer of buffers) if (!(buffer instanceof Float32Array)) return null;
  return activeWasmKernels();
}
