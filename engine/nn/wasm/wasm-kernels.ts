import { GEMM_RELAXED_SIMD_WASM, GEMM_SIMD_WASM } from './kernels.generated';

/**
 * The WebAssembly SIMD matrix products (engine/nn/wasm/assembly/gemm.ts) behind engine/nn/matmul.ts,
 * the sigmoid's forward and backward passes (assembly/activations.ts) behind engine/nn/activations.ts
 * and plain SGD's update (assembly/optimizers.ts) behind engine/nn/optimizers.ts, for float32
 * buffers. Pure: WebAssembly and atob are globals in Node, workers, browsers
 * and Electron; no Node API.
 *
 * One instance per variant per thread (module state: each worker thread imports its own copy),
 * compiled synchronously on first use (`new WebAssembly.Module`: the module is ~3 KB).
 *
 * Memory: a product copies its operands into the instance's linear memory (from the heap base,
 * each 64-byte aligned: the whole-matrix operand, then a chunk of rows of the other operand and of
 * the result, then the kernels' packing scratch), runs, and copies the result out. Rows go through
 * in chunks of at most ~4 MB, with results bit-identical to one call (see rowsPerChunk), so the
 * memory grows to ~4 MB plus a few times the largest weight matrix seen, and never shrinks. No view
 * of it is handed out; the internal Float32Array view is re-created whenever a grow has detached
 * it. The copies cost about 1/n + 1/m + 1/k of a product's time (measured: ~8 % of the kernels'
 * time in MNIST training), less than keeping layers' buffers in linear memory would risk.
 */

/** The two builds of the same kernels. `relaxed-simd` uses f32x4.relaxed_madd (fused on CPUs with FMA). */
export type WasmVariant = 'simd' | 'relaxed-simd';

/**
 * The part of the WebAssembly JS API used here, typed locally: the project's type world (ES2023 +
 * Node's types) does not declare it, and some engines lack it (then only TypeScript kernels run).
 */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

interface LinearMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface GemmExports {
  readonly memory: LinearMemory;
  heapBase(): number;
  scratchBytes(reduction: number, outputCols: number): number;
  matmul(a: number, b: number, bias: number, out: number, m: number, k: number, n: number, scratch: number): void;
  matmulTransposeA(a: number, b: number, out: number, m: number, k: number, n: number, accumulate: number, scratch: number): void;
  matmulTransposeB(a: number, b: number, out: number, m: number, n: number, k: number, scratch: number): void;
  sigmoid(z: number, out: number, count: number): void;
  sigmoidBackward(s: number, da: number, dz: number, count: number): void;
  sgdStep(w: number, g: number, count: number, lr: number): void;
  relu(z: number, out: number, count: number): void;
  tanh(z: number, out: number, count: number): void;
  tanhBackward(t: number, da: number, dz: number, count: number): void;
  reluBackward(z: number, da: number, dz: number, count: number): void;
  columnSums(a: number, out: number, m: number, n: number, accumulate: number): void;
  bytesToFloats(bytes: number, out: number, count: number, scale: number): void;
}

const WASM_PAGE_BYTES = 65536;
/** Copies of at most this many floats go element by element (no subarray view to allocate). */
const SMALL_COPY = 256;
/** Most bytes of a chunk's operand rows plus result rows (see rowsPerChunk). */
const CHUNK_BYTES = 4 * 1024 * 1024;
const BASE64: Record<WasmVariant, string> = { simd: GEMM_SIMD_WASM, 'relaxed-simd': GEMM_RELAXED_SIMD_WASM };

/** The float32 matrix products of one compiled variant, with its own linear memory. */
export class WasmKernels {
  private readonly exports: GemmExports;
  private readonly base: number;
  private heap: Float32Array;

  constructor(readonly variant: WasmVariant) {
    const api = webAssembly();
    if (!api) throw new Error('WebAssembly is not available in this JavaScript engine');
    const module = new api.Module(decodeBase64(BASE64[variant]));
    this.exports = new api.Instance(module, {}).exports as GemmExports;
    this.base = align64(this.exports.heapBase());
    this.heap = new Float32Array(this.exports.memory.buffer);
  }

  /** out[m×n] = a[m×k] · b[k×n] + bias[n] (bias broadcast over rows; null for none). */
  matmul(a: Float32Array, b: Float32Array, bias: Float32Array | null, out: Float32Array, m: number, k: number, n: number): void {
    const chunk = rowsPerChunk(k + n);
    const bAt = this.base;
    const biasAt = bAt + align64(4 * k * n);
    const aAt = biasAt + align64(bias ? 4 * n : 0);
    const outAt = aAt + align64(4 * Math.min(m, chunk) * k);
    const scratchAt = outAt + align64(4 * Math.min(m, chunk) * n);
    this.reserve(scratchAt + this.exports.scratchBytes(k, n));
    this.copyIn(b, 0, k * n, bAt);
    if (bias) this.copyIn(bias, 0, n, biasAt);
    for (let i = 0; i < m; i += chunk) {
      const rows = Math.min(chunk, m - i);
      this.copyIn(a, i * k, rows * k, aAt);
      this.exports.matmul(aAt, bAt, bias ? biasAt : 0, outAt, rows, k, n, scratchAt);
      this.copyOut(outAt, out, i * n, rows * n);
    }
  }

  /**
   * out[k×n] = a[m×k]ᵀ · b[m×n]: the weight gradient Xᵀ·dZ; with `sums`, also sums[n] = the
   * column sums of b (the bias gradient, as columnSums computes it) while b is in linear memory.
   */
  matmulTransposeA(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, sums: Float32Array | null = null): void {
    // a chunk's rows of a and b, and of b packed into 8-column panels
    const chunk = rowsPerChunk(k + n + Math.ceil(n / 8) * 8);
    const outAt = this.base;
    const sumsAt = outAt + align64(4 * k * n);
    const aAt = sumsAt + align64(sums ? 4 * n : 0);
    const bAt = aAt + align64(4 * Math.min(m, chunk) * k);
    const scratchAt = bAt + align64(4 * Math.min(m, chunk) * n);
    this.reserve(scratchAt + this.exports.scratchBytes(Math.min(m, chunk), n));
    // Rows 0..m in chunks, each continuing the sums of the last: the same sums as in one go.
    let i = 0;
    do {
      const rows = Math.min(chunk, m - i);
      this.copyIn(a, i * k, rows * k, aAt);
      this.copyIn(b, i * n, rows * n, bAt);
      this.exports.matmulTransposeA(aAt, bAt, outAt, rows, k, n, i > 0 ? 1 : 0, scratchAt);
      if (sums) this.exports.columnSums(bAt, sumsAt, rows, n, i > 0 ? 1 : 0);
      i += rows;
    } while (i < m);
    this.copyOut(outAt, out, 0, k * n);
    if (sums) this.copyOut(sumsAt, sums, 0, n);
  }

  /** out[m×k] = a[m×n] · b[k×n]ᵀ: the input gradient dZ·Wᵀ. */
  matmulTransposeB(a: Float32Array, b: Float32Array, out: Float32Array, m: number, n: number, k: number): void {
    const chunk = rowsPerChunk(n + k);
    const bAt = this.base;
    const aAt = bAt + align64(4 * k * n);
    const outAt = aAt + align64(4 * Math.min(m, chunk) * n);
    const scratchAt = outAt + align64(4 * Math.min(m, chunk) * k);
    this.reserve(scratchAt + this.exports.scratchBytes(n, k));
    this.copyIn(b, 0, k * n, bAt);
    for (let i = 0; i < m; i += chunk) {
      const rows = Math.min(chunk, m - i);
      this.copyIn(a, i * n, rows * n, aAt);
      this.exports.matmulTransposeB(aAt, bAt, outAt, rows, n, k, scratchAt);
      this.copyOut(outAt, out, i * k, rows * k);
    }
  }

  /** a[i] = σ(z[i]) for i < count (see engine/nn/wasm/assembly/activations.ts for its accuracy). */
  sigmoid(z: Float32Array, a: Float32Array, count: number): void {
    this.elementwise(this.exports.sigmoid, z, null, a, count);
  }

  /** dz[i] = da[i] · s[i] · (1 − s[i]) for i < count: the sigmoid's backward pass from its outputs s (float64 arithmetic: the TypeScript loop's bits). */
  sigmoidBackward(s: Float32Array, da: Float32Array, dz: Float32Array, count: number): void {
    this.elementwise(this.exports.sigmoidBackward, s, da, dz, count);
  }

  /** a[i] = tanh(z[i]) for i < count (see engine/nn/wasm/assembly/activations.ts for its accuracy). */
  tanh(z: Float32Array, a: Float32Array, count: number): void {
    this.elementwise(this.exports.tanh, z, null, a, count);
  }

  /** dz[i] = da[i] · (1 − t[i]²) for i < count, t = tanh(z) (float64 arithmetic: the TypeScript loop's bits). */
  tanhBackward(t: Float32Array, da: Float32Array, dz: Float32Array, count: number): void {
    this.elementwise(this.exports.tanhBackward, t, da, dz, count);
  }

  /** a[i] = z[i] > 0 ? z[i] : 0 for i < count: the same values as the TypeScript loop, without its mispredicted branches. */
  relu(z: Float32Array, a: Float32Array, count: number): void {
    this.elementwise(this.exports.relu, z, null, a, count);
  }

  /** dz[i] = z[i] > 0 ? da[i] : 0 for i < count. */
  reluBackward(z: Float32Array, da: Float32Array, dz: Float32Array, count: number): void {
    this.elementwise(this.exports.reluBackward, z, da, dz, count);
  }

  /** w[i] = fl32(w[i] − lr · g[i]) for i < count, in float64 like the TypeScript optimizer (bit-identical results). */
  sgdStep(w: Float32Array, g: Float32Array, count: number, lr: number): void {
    this.elementwise((wAt, gAt, _out, length) => this.exports.sgdStep(wAt, gAt, length, lr), w, g, w, count);
  }

  /** out[n] = column sums of a[m×n] (the bias gradient), added in row order in float32. */
  columnSums(a: Float32Array, out: Float32Array, m: number, n: number): void {
    const chunk = rowsPerChunk(n);
    const outAt = this.base;
    const aAt = outAt + align64(4 * n);
    this.reserve(aAt + 4 * Math.min(m, chunk) * n);
    // Later chunks continue the running sums: the same float32 additions as in one go.
    let i = 0;
    do {
      const rows = Math.min(chunk, m - i);
      this.copyIn(a, i * n, rows * n, aAt);
      this.exports.columnSums(aAt, outAt, rows, n, i > 0 ? 1 : 0);
      i += rows;
    } while (i < m);
    this.copyOut(outAt, out, 0, n);
  }

  /**
   * out[r·cols + c] = fl32(values[indices[r]·cols + c] · scale) for r < count: byte rows gathered
   * and converted as the TypeScript loop does (the product in float64), in chunks of rows.
   */
  gatherBytes(values: Uint8Array, cols: number, indices: ArrayLike<number>, count: number, scale: number, out: Float32Array): void {
    const chunk = rowsPerChunk(2 * cols);
    const floatsAt = this.base;
    const bytesAt = floatsAt + align64(4 * Math.min(count, chunk) * cols);
    this.reserve(bytesAt + Math.min(count, chunk) * cols);
    const bytes = new Uint8Array(this.exports.memory.buffer);
    for (let r0 = 0; r0 < count; r0 += chunk) {
      const rows = Math.min(chunk, count - r0);
      for (let r = 0; r < rows; r++) {
        const src = indices[r0 + r]! * cols;
        bytes.set(values.subarray(src, src + cols), bytesAt + r * cols);
      }
      this.exports.bytesToFloats(bytesAt, floatsAt, rows * cols, scale);
      this.copyOut(floatsAt, out, r0 * cols, rows * cols);
    }
  }

  /**
   * out = kernel(x[, y]) over `count` values: the inputs copied in (in chunks within CHUNK_BYTES),
   * the result written over the first and copied out.
   */
  private elementwise(kernel: (...pointers: number[]) => void, x: Float32Array, y: Float32Array | null, out: Float32Array, count: number): void {
    const chunk = elementsPerChunk(y ? 2 : 1);
    const xAt = this.base;
    const yAt = xAt + align64(4 * Math.min(count, chunk));
    this.reserve(y ? yAt + 4 * Math.min(count, chunk) : yAt);
    for (let i = 0; i < count; i += chunk) {
      const length = Math.min(chunk, count - i);
      this.copyIn(x, i, length, xAt);
      if (y) {
        this.copyIn(y, i, length, yAt);
        kernel(xAt, yAt, xAt, length);
      } else {
        kernel(xAt, xAt, length);
      }
      this.copyOut(xAt, out, i, length);
    }
  }

  /** Bytes of linear memory the instance holds now (it grows to the largest product seen). */
  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  /** Grows the memory to at least `end` bytes and makes sure the view is of the current buffer. */
  private reserve(end: number): void {
    const { memory } = this.exports;
    const have = memory.buffer.byteLength;
    if (end > have) memory.grow(Math.ceil((end - have) / WASM_PAGE_BYTES));
    // memory.grow detaches the old ArrayBuffer (and so every view of it): view the new one.
    if (this.heap.buffer !== memory.buffer) this.heap = new Float32Array(memory.buffer);
  }

  /** Copies source[offset .. offset + length) to the memory at byte `at`. */
  private copyIn(source: Float32Array, offset: number, length: number, at: number): void {
    const heap = this.heap;
    const to = at / 4;
    if (offset === 0 && source.length === length) heap.set(source, to);
    else if (length > SMALL_COPY) heap.set(source.subarray(offset, offset + length), to);
    // A small part by hand: a subarray view per call is garbage a 2-D network makes ~10⁵ times a second.
    else for (let i = 0; i < length; i++) heap[to + i] = source[offset + i]!;
  }

  /** Copies `length` floats from the memory at byte `at` to target[offset ..]. */
  private copyOut(at: number, target: Float32Array, offset: number, length: number): void {
    const from = at / 4;
    const heap = this.heap;
    if (length > SMALL_COPY) target.set(heap.subarray(from, from + length), offset);
    else for (let i = 0; i < length; i++) target[offset + i] = heap[from + i]!;
  }
}

/** This thread's instances, created on first use. */
const instances: Partial<Record<WasmVariant, WasmKernels>> = {};
let available: WasmVariant[] | null = null;

/**
 * The variants this JavaScript engine can compile, best first: `relaxed-simd` (Node 22+, Electron
 * 45, Chrome 114+), then `simd` (Node 16.4+). Empty where WebAssembly or its SIMD is missing.
 * Detected once per thread by validating the modules themselves (WebAssembly.validate, ~3 KB
 * each): exactly the features the kernels use, no separate probe module to keep in step.
 */
export function availableWasmVariants(): readonly WasmVariant[] {
  if (available) return available;
  available = [];
  const api = webAssembly();
  if (!api) return available;
  for (const variant of ['relaxed-simd', 'simd'] as const) {
    try {
      if (api.validate(decodeBase64(BASE64[variant]))) available.push(variant);
    } catch {
      // an engine that cannot even parse the module lacks the feature
    }
  }
  return available;
}

/** This thread's kernels of `variant` (which must be available: see availableWasmVariants). */
export function wasmKernels(variant: WasmVariant): WasmKernels {
  return (instances[variant] ??= new WasmKernels(variant));
}

/**
 * Rows of a product handled per call into the module: as many as keep what a chunk's rows occupy
 * (`rowFloats` floats a row: operand rows, result rows, packed rows) within CHUNK_BYTES, a multiple
 * of 4 (the micro-kernel's height). Bounds the memory a huge batch would otherwise claim for good.
 */
function rowsPerChunk(rowFloats: number): number {
  return Math.max(4, Math.floor(CHUNK_BYTES / (16 * Math.max(1, rowFloats))) * 4);
}

/** Elements of `arrays` arrays handled per call into the module: within CHUNK_BYTES, a multiple of 4. */
function elementsPerChunk(arrays: number): number {
  return Math.floor(CHUNK_BYTES / (16 * arrays)) * 4;
}

function webAssembly(): WebAssemblyApi | null {
  const api = (globalThis as { WebAssembly?: Partial<WebAssemblyApi> }).WebAssembly;
  return api && typeof api.validate === 'function' && api.Module && api.Instance ? (api as WebAssemblyApi) : null;
}

function align64(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
