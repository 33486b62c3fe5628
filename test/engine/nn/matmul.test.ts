import { afterEach, describe, expect, it } from 'vitest';
import type { FloatArray } from '../../../engine/nn/dtype';
import { availableKernelBackends, kernelBackend, setKernelBackend, type KernelBackend } from '../../../engine/nn/kernel-backend';
import { columnSums, matmul, matmulTransposeA, matmulTransposeB, WASM_MIN_MULTIPLY_ADDS, weightAndBiasGradients } from '../../../engine/nn/matmul';
import * as typescript from '../../../engine/nn/matmul-typescript';
import { randomStream } from '../../../engine/nn/random';
import { WasmKernels, wasmKernels, type WasmVariant } from '../../../engine/nn/wasm/wasm-kernels';

/**
 * The WebAssembly kernels against references, on every backend this Node can run:
 *
 * - exactly (bit for bit) against the sequential float32 sum s = fl(s + fl(aᵢ·bᵢ)), starting from
 *   the bias or 0, for the plain SIMD build, which promises exactly that sum;
 * - within float32's summation bound against the float64 product, for every backend:
 *   |computed − exact| ≤ γₖ · Σᵢ |aᵢ·bᵢ| + u·|exact|, γₖ = k·u / (1 − k·u), u = 2⁻²⁴ (a sum of k
 *   float32 products, in any order, fused or not, then rounded once more at the store);
 * - and the TypeScript float32 kernels (float64 sums rounded on store) within the same bound.
 */

const U = 2 ** -24;
const wasmBackends = availableKernelBackends().filter((b): b is Exclude<KernelBackend, 'typescript'> => b !== 'typescript');
const variantOf = (backend: Exclude<KernelBackend, 'typescript'>): WasmVariant => (backend === 'wasm-simd' ? 'simd' : 'relaxed-simd');

/** The three products, as engine/nn/matmul.ts (dispatching) and each WasmKernels instance offer them. */
interface Kernels {
  matmul(a: Float32Array, b: Float32Array, bias: Float32Array | null, out: Float32Array, m: number, k: number, n: number): void;
  matmulTransposeA(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): void;
  matmulTransposeB(a: Float32Array, b: Float32Array, out: Float32Array, m: number, n: number, k: number): void;
}
const dispatcher: Kernels = { matmul, matmulTransposeA, matmulTransposeB };

afterEach(() => {
  setKernelBackend('auto');
});

type Product = 'matmul' | 'matmulTransposeA' | 'matmulTransposeB';

/** Operands of one product: a, b (and bias) as the kernel takes them, and the output's shape. */
interface Case {
  product: Product;
  m: number;
  k: number;
  n: number;
  a: Float32Array;
  b: Float32Array;
  bias: Float32Array | null;
  outRows: number;
  outCols: number;
  /** Terms per output element (the reduction length). */
  terms: number;
}

/** Calls `term(x, y)` for the terms of output element (i, j), in the order the sum takes them; returns the sum's start. */
function forEachTerm(c: Case, i: number, j: number, term: (x: number, y: number) => void): number {
  const { a, b, m, k, n } = c;
  if (c.product === 'matmul') for (let p = 0; p < k; p++) term(a[i * k + p]!, b[p * n + j]!);
  else if (c.product === 'matmulTransposeA') for (let r = 0; r < m; r++) term(a[r * k + i]!, b[r * n + j]!);
  else for (let q = 0; q < n; q++) term(a[i * n + q]!, b[j * n + q]!);
  return c.bias ? c.bias[j]! : 0;
}

/** Runs the product into an output buffer longer than needed, and checks the tail is left alone. */
function run(c: Case, kernels: Kernels): Float32Array {
  const out = new Float32Array(c.outRows * c.outCols + 5).fill(-7);
  if (c.product === 'matmul') kernels.matmul(c.a, c.b, c.bias, out, c.m, c.k, c.n);
  else if (c.product === 'matmulTransposeA') kernels.matmulTransposeA(c.a, c.b, out, c.m, c.k, c.n);
  else kernels.matmulTransposeB(c.a, c.b, out, c.m, c.n, c.k);
  expect(Array.from(out.subarray(c.outRows * c.outCols)), 'elements past the product are left alone').toEqual([-7, -7, -7, -7, -7]);
  return out;
}

/** Values like a layer's: standard normal, with `zeroFraction` of them 0 and whole zero blocks when asked. */
function operand(length: number, seed: string, zeroFraction = 0): Float32Array {
  const stream = randomStream(11, seed);
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = stream.uniform() < zeroFraction ? 0 : stream.normal();
  return values;
}

function makeCase(product: Product, m: number, k: number, n: number, options: { bias?: boolean; zeros?: number } = {}): Case {
  const zeros = options.zeros ?? 0;
  const tag = `${product}:${m}x${k}x${n}`;
  if (product === 'matmul') {
    return { product, m, k, n, a: operand(m * k, `${tag}:a`, zeros), b: operand(k * n, `${tag}:b`), bias: options.bias === false ? null : operand(n, `${tag}:bias`), outRows: m, outCols: n, terms: k };
  }
  if (product === 'matmulTransposeA') return { product, m, k, n, a: operand(m * k, `${tag}:a`, zeros), b: operand(m * n, `${tag}:b`), bias: null, outRows: k, outCols: n, terms: m };
  return { product, m, k, n, a: operand(m * n, `${tag}:a`, zeros), b: operand(k * n, `${tag}:b`), bias: null, outRows: m, outCols: k, terms: n };
}

/** Checks `out` against the float64 product within float32's summation bound (see the top). */
function expectWithinFloat32Bound(c: Case, out: FloatArray, label: string): void {
  const gamma = (c.terms * U) / (1 - c.terms * U);
  let failure: string | null = null;
  for (let i = 0; i < c.outRows && !failure; i++) {
    for (let j = 0; j < c.outCols && !failure; j++) {
      let exact = 0;
      let magnitude = 0;
      const start = forEachTerm(c, i, j, (x, y) => {
        exact += x * y;
        magnitude += Math.abs(x * y);
      });
      exact += start;
      magnitude += Math.abs(start);
      const bound = gamma * magnitude + U * Math.abs(exact);
      const got = out[i * c.outCols + j]!;
      if (!(Math.abs(got - exact) <= bound)) failure = `${label}: element (${i}, ${j}) is ${got}, the exact value ${exact} (error ${Math.abs(got - exact)} > bound ${bound})`;
    }
  }
  expect(failure).toBeNull();
}

/** The sum the plain SIMD kernels promise: start, then s = fl(s + fl(x·y)) term by term, in float32. */
function expectSequentialFloat32(c: Case, out: FloatArray, label: string): void {
  let failure: string | null = null;
  for (let i = 0; i < c.outRows && !failure; i++) {
    for (let j = 0; j < c.outCols && !failure; j++) {
      let s = Math.fround(c.bias ? c.bias[j]! : 0);
      forEachTerm(c, i, j, (x, y) => {
        s = Math.fround(s + Math.fround(x * y));
      });
      // !== and not Object.is: a skipped all-zero term may leave -0 where the sum has +0
      if (out[i * c.outCols + j] !== s) failure = `${label}: element (${i}, ${j}) is ${out[i * c.outCols + j]}, the sequential float32 sum ${s}`;
    }
  }
  expect(failure).toBeNull();
}

/** m × k × n: odd sizes around the micro-kernel's 4 × 8 block, MNIST's layers, and degenerate ones. */
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [10, 2, 8],
  [4, 8, 8],
  [5, 9, 13],
  [7, 17, 3],
  [13, 1, 31],
  [9, 33, 16],
  [2, 100, 10],
  [33, 64, 65],
  [128, 100, 10],
  [128, 784, 100],
];
const PRODUCTS: Product[] = ['matmul', 'matmulTransposeA', 'matmulTransposeB'];

describe.each(wasmBackends)('%s kernels', (backend) => {
  const kernels = () => wasmKernels(variantOf(backend));

  it.each(PRODUCTS)('%s matches the float64 product within float32 rounding on odd and MNIST shapes', (product) => {
    for (const [m, k, n] of SHAPES) {
      for (const options of [{ bias: true }, { bias: false, zeros: 0.8 }]) {
        const c = makeCase(product, m, k, n, options);
        expectWithinFloat32Bound(c, run(c, kernels()), `${backend} ${product} ${m}×${k}×${n}`);
      }
    }
  });

  it('is what engine/nn/matmul.ts runs for float32 products once they are big enough', () => {
    expect(setKernelBackend(backend)).toBe(backend);
    for (const product of PRODUCTS) {
      const c = makeCase(product, 21, 30, 19, { zeros: 0.3 });
      expect(21 * 30 * 19).toBeGreaterThanOrEqual(WASM_MIN_MULTIPLY_ADDS);
      expect(run(c, dispatcher)).toEqual(run(c, kernels()));
    }
  });

  it('skips all-zero blocks without changing results: zero matrices, zero rows, zero stretches', () => {
    for (const product of PRODUCTS) {
      const [m, k, n] = [9, 21, 11];
      const c = makeCase(product, m, k, n, { bias: true });
      // the first operand entirely 0: the output is the bias (or 0)
      const zero = { ...c, a: new Float32Array(c.a.length) };
      const out = run(zero, kernels());
      const expected = Array.from({ length: zero.outRows * zero.outCols }, (_, t) => (c.bias ? c.bias[t % zero.outCols]! : 0));
      expect(Array.from(out.subarray(0, expected.length))).toEqual(expected);
      // MNIST-like: leading and trailing stretches of every row 0, and one row all 0
      const borders = { ...c, a: c.a.slice() };
      const rowLength = product === 'matmulTransposeB' ? n : k;
      for (let t = 0; t < borders.a.length; t++) {
        const col = t % rowLength;
        if (col < 6 || col >= rowLength - 5 || Math.floor(t / rowLength) === 2) borders.a[t] = 0;
      }
      expectWithinFloat32Bound(borders, run(borders, kernels()), `${product} with zero blocks`);
    }
  });

  it('handles empty products: no rows, no reduction', () => {
    const bias = Float32Array.of(1.5, -2, 3);
    const out = new Float32Array(6).fill(9);
    kernels().matmul(new Float32Array(0), new Float32Array(0), bias, out, 2, 0, 3); // k = 0: out = bias
    expect(Array.from(out)).toEqual([1.5, -2, 3, 1.5, -2, 3]);
    out.fill(9);
    kernels().matmulTransposeA(new Float32Array(0), new Float32Array(0), out, 0, 2, 3); // m = 0: out = 0
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0]);
    out.fill(9);
    kernels().matmul(new Float32Array(0), new Float32Array(15), null, out, 0, 5, 3); // m = 0: nothing to write
    kernels().matmulTransposeB(new Float32Array(0), new Float32Array(15), out, 0, 5, 3);
    expect(Array.from(out)).toEqual([9, 9, 9, 9, 9, 9]);
  });

  it('leaves its inputs unchanged and allows a and b to be the same buffer (Xᵀ·X)', () => {
    const [m, k] = [37, 23];
    const x = operand(m * k, 'gram');
    const before = x.slice();
    const gram = new Float32Array(k * k);
    kernels().matmulTransposeA(x, x, gram, m, k, k);
    expect(x).toEqual(before);
    expectWithinFloat32Bound({ product: 'matmulTransposeA', m, k, n: k, a: x, b: x, bias: null, outRows: k, outCols: k, terms: m }, gram, 'Xᵀ·X');
    for (const product of PRODUCTS) {
      const c = makeCase(product, 19, 31, 17);
      const copies = [c.a.slice(), c.b.slice(), c.bias?.slice() ?? null];
      run(c, kernels());
      expect([c.a, c.b, c.bias]).toEqual(copies);
    }
  });

  it('gives the same results when a batch goes through in row chunks', () => {
    // k + n = 20,008 floats a row: 52 rows a chunk, so 120 rows take three chunks
    const [m, k, n] = [120, 20_000, 8];
    for (const product of PRODUCTS) {
      const c = makeCase(product, m, k, n, { zeros: 0.3 });
      const whole = run(c, kernels());
      if (product === 'matmulTransposeA') {
        // chunks of rows continue each other's sums: the result is the one-pass sum
        if (backend === 'wasm-simd') expectSequentialFloat32(c, whole, `${product} in chunks`);
        else expectWithinFloat32Bound(c, whole, `${product} in chunks`);
        continue;
      }
      // rows are independent: the first and last 8 rows as products of their own give the same bits
      const rowLength = product === 'matmul' ? k : n;
      for (const from of [0, m - 8]) {
        const part: Case = { ...c, m: 8, a: c.a.subarray(from * rowLength, (from + 8) * rowLength), outRows: 8 };
        expect(Array.from(whole.subarray(from * c.outCols, (from + 8) * c.outCols))).toEqual(Array.from(run(part, kernels()).subarray(0, 8 * c.outCols)));
      }
    }
  });

  it('is deterministic: the same operands give bit-identical results, call after call', () => {
    for (const product of PRODUCTS) {
      const c = makeCase(product, 45, 70, 30, { zeros: 0.4 });
      const first = run(c, kernels());
      run(makeCase(product, 128, 784, 100), kernels()); // something else in between (memory reused, grown)
      expect(run(c, kernels())).toEqual(first);
    }
  });
});

describe('wasm-simd kernels, exactly', () => {
  it('give the sequential float32 sum bit for bit, whatever the block an element falls in', () => {
    const kernels = wasmKernels('simd');
    for (const product of PRODUCTS) {
      for (const [m, k, n] of SHAPES) {
        const c = makeCase(product, m, k, n, { zeros: 0.5 });
        expectSequentialFloat32(c, run(c, kernels), `${product} ${m}×${k}×${n}`);
      }
    }
  });
});

describe('the TypeScript kernels (fallback and float64 path)', () => {
  it('agree with the float64 product within float32 rounding', () => {
    setKernelBackend('typescript');
    expect(kernelBackend()).toBe('typescript');
    for (const product of PRODUCTS) {
      for (const [m, k, n] of SHAPES) {
        const c = makeCase(product, m, k, n, { zeros: 0.5 });
        expectWithinFloat32Bound(c, run(c, dispatcher), `typescript ${product} ${m}×${k}×${n}`);
      }
    }
  });

  it('run float64 products and tiny float32 products under every backend, bit for bit', () => {
    for (const backend of availableKernelBackends()) {
      setKernelBackend(backend);
      const [m, k, n] = [6, 40, 30];
      const a = Float64Array.from(operand(m * k, 'f64:a'));
      const b = Float64Array.from(operand(k * n, 'f64:b'));
      const bias = Float64Array.from(operand(n, 'f64:bias'));
      const out = new Float64Array(m * n);
      const reference = new Float64Array(m * n);
      matmul(a, b, bias, out, m, k, n);
      typescript.matmul(a, b, bias, reference, m, k, n);
      expect(out).toEqual(reference);
      // 4 × 8 × 8 = 256 multiply-adds, below WASM_MIN_MULTIPLY_ADDS: the TypeScript path's exact numbers
      expect(4 * 8 * 8).toBeLessThan(WASM_MIN_MULTIPLY_ADDS);
      const tiny = makeCase('matmul', 4, 8, 8);
      const tinyReference = new Float32Array(32);
      typescript.matmul(tiny.a, tiny.b, tiny.bias, tinyReference, 4, 8, 8);
      expect(run(tiny, dispatcher).subarray(0, 32)).toEqual(tinyReference);
    }
  });
});

describe('kernel backend selection', () => {
  it('lists what this engine runs, fastest first, TypeScript last', () => {
    const backends = availableKernelBackends();
    expect(backends[backends.length - 1]).toBe('typescript');
    // Node 20 has WebAssembly SIMD (relaxed SIMD only behind --experimental-wasm-relaxed-simd)
    expect(backends).toContain('wasm-simd');
    expect(setKernelBackend('auto')).toBe(backends[0]);
    expect(setKernelBackend('wasm')).toBe(backends[0]);
  });

  it('switches this thread to the backend asked for, and refuses one this engine cannot run', () => {
    expect(setKernelBackend('typescript')).toBe('typescript');
    expect(kernelBackend()).toBe('typescript');
    expect(setKernelBackend('wasm-simd')).toBe('wasm-simd');
    if (availableKernelBackends().includes('wasm-relaxed-simd')) expect(setKernelBackend('wasm-relaxed-simd')).toBe('wasm-relaxed-simd');
    else expect(() => setKernelBackend('wasm-relaxed-simd')).toThrow(/relaxed SIMD needs Node 22\+ or Electron/);
    expect(() => setKernelBackend('avx' as KernelBackend)).toThrow(/not available/);
  });

  it('refuses buffers shorter than the product, naming the operand', () => {
    expect(() => matmul(new Float32Array(5), new Float32Array(6), null, new Float32Array(4), 2, 3, 2)).toThrow('matmul: a has 5 elements, the product needs 6');
    expect(() => matmul(new Float32Array(6), new Float32Array(6), new Float32Array(1), new Float32Array(4), 2, 3, 2)).toThrow('matmul: bias has 1 elements, the product needs 2');
    expect(() => matmulTransposeA(new Float32Array(6), new Float32Array(3), new Float32Array(6), 2, 3, 2)).toThrow('matmulTransposeA: b has 3 elements, the product needs 4');
    expect(() => matmulTransposeB(new Float32Array(4), new Float32Array(6), new Float32Array(5), 2, 2, 3)).toThrow('matmulTransposeB: out has 5 elements, the product needs 6');
  });

  it('keeps WebAssembly memory bounded for huge batches (rows go through in chunks)', () => {
    const kernels = new WasmKernels('simd');
    const [m, k, n] = [40_000, 50, 50]; // a and out are 8 MB each; a chunk of rows takes at most 4 MB
    const a = operand(m * k, 'huge:a');
    const b = operand(k * n, 'huge:b');
    const out = new Float32Array(m * n);
    kernels.matmul(a, b, null, out, m, k, n);
    kernels.matmulTransposeA(a, out, new Float32Array(k * n), m, k, n);
    expect(kernels.memoryBytes).toBeLessThan(4.5 * 1024 * 1024);
    const c: Case = { product: 'matmul', m: 3, k, n, a: a.subarray(-3 * k), b, bias: null, outRows: 3, outCols: n, terms: k };
    expectWithinFloat32Bound(c, out.subarray(-3 * n), 'the last rows of a huge product');
  });
});

describe('weightAndBiasGradients', () => {
  it.each(availableKernelBackends())('%s: gives exactly matmulTransposeA then columnSums, over one chunk and several', (backend) => {
    setKernelBackend(backend);
    try {
      for (const [m, k, n] of [
        [128, 100, 100],
        [5000, 300, 10], // more rows than one chunk of linear memory holds
        [3, 2, 2], // below the WebAssembly threshold
      ] as const) {
        const random = randomStream(12, `grads ${m}`);
        const x = Float32Array.from({ length: m * k }, () => (random.uniform() < 0.3 ? 0 : random.normal()));
        const dz = Float32Array.from({ length: m * n }, () => random.normal());
        const dW = new Float32Array(k * n);
        const db = new Float32Array(n);
        weightAndBiasGradients(x, dz, dW, db, m, k, n);
        const expectedW = new Float32Array(k * n);
        const expectedB = new Float32Array(n);
        matmulTransposeA(x, dz, expectedW, m, k, n);
        columnSums(dz, expectedB, m, n);
        expect(dW).toEqual(expectedW);
        expect(db).toEqual(expectedB);
      }
    } finally {
      setKernelBackend('auto');
    }
  });
});
