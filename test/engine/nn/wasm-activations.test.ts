import { describe, expect, it } from 'vitest';
import { sigmoidOf } from '../../../engine/nn/activations';
import { randomStream } from '../../../engine/nn/random';
import { availableWasmVariants, wasmKernels } from '../../../engine/nn/wasm/wasm-kernels';

/**
 * The WebAssembly sigmoid (engine/nn/wasm/assembly/activations.ts) against the float64 formula:
 * within 3 float32 ulp of the exact value everywhere, subnormal outputs, ±0, ±∞ and NaN included.
 */

/** The distance between float32 neighbours at |x| (the subnormal spacing below 2⁻¹²⁶). */
function ulp32(x: number): number {
  const magnitude = Math.abs(x);
  if (magnitude < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(magnitude)) - 23);
}

/** Inputs over the whole range that matters: dense near 0, out to where σ underflows, and the special values. */
function inputs(): Float32Array {
  const random = randomStream(5, 'sigmoid');
  const values: number[] = [0, -0, 1, -1, 87, -87, 88.7, -88.7, 103, -103, 104, -104, 110, -110, 1e-8, -1e-8, 15.9, -15.9, 17, -17, Infinity, -Infinity];
  for (let i = 0; i < 4000; i++) values.push((random.uniform() * 2 - 1) * 8);
  for (let i = 0; i < 4000; i++) values.push((random.uniform() * 2 - 1) * 120);
  for (let x = -110; x <= 110; x += 0.37) values.push(x);
  values.push(0.5, 0.25); // 2 more, so the length is not a multiple of 4 (the tail path)
  return Float32Array.from(values);
}

describe.each(availableWasmVariants())('WebAssembly sigmoid (%s)', (variant) => {
  const kernels = wasmKernels(variant);

  it('is within 3 float32 ulp of 1/(1+e^(−z)) computed in float64', () => {
    const z = inputs();
    expect(z.length % 4).not.toBe(0);
    const a = new Float32Array(z.length);
    kernels.sigmoid(z, a, z.length);
    let worst = 0;
    z.forEach((x, i) => {
      const exact = sigmoidOf(x);
      const error = Math.abs(a[i]! - exact) / ulp32(exact);
      worst = Math.max(worst, error);
      expect(error, `σ(${x}) = ${a[i]}, exact ${exact}`).toBeLessThanOrEqual(3);
    });
    expect(worst).toBeGreaterThan(0); // it is not Math.exp: the check compares two computations
    expect(a[z.indexOf(Infinity)]).toBe(1);
    expect(a[z.indexOf(-Infinity)]).toBe(0);
    expect(a[0]).toBe(0.5);
  });

  it('keeps NaN NaN, and writes nothing past count', () => {
    const z = Float32Array.of(NaN, 1, NaN, -2, 3, NaN, 0);
    const a = new Float32Array(8).fill(7);
    kernels.sigmoid(z, a, 7);
    expect(Number.isNaN(a[0]!) && Number.isNaN(a[2]!) && Number.isNaN(a[5]!)).toBe(true);
    expect(a[1]).toBeCloseTo(sigmoidOf(1), 6);
    expect(a[7]).toBe(7);
  });

  it('computes the backward pass da·s·(1−s) exactly as the TypeScript loop (float64, rounded once)', () => {
    const random = randomStream(6, 'sigmoid-backward');
    const n = 1001;
    const s = Float32Array.from({ length: n }, () => random.uniform());
    const da = Float32Array.from({ length: n }, () => random.uniform() * 2 - 1);
    const dz = new Float32Array(n + 1).fill(9);
    kernels.sigmoidBackward(s, da, dz, n);
    expect(dz.subarray(0, n)).toEqual(Float32Array.from(s, (v, i) => da[i]! * v * (1 - v)));
    expect(dz[n]).toBe(9);
  });

  it('gives the same values for an array larger than one chunk of linear memory', () => {
    const n = 600_001;
    const z = Float32Array.from({ length: n }, (_, i) => ((i % 2001) - 1000) / 50);
    const a = new Float32Array(n);
    kernels.sigmoid(z, a, n);
    const head = new Float32Array(2001);
    kernels.sigmoid(z.subarray(0, 2001), head, 2001);
    for (const i of [0, 1000, 262_143, 262_144, 262_145, 524_288, n - 1]) expect(a[i], `element ${i}`).toBe(head[i % 2001]);
  });
});

describe.each(availableWasmVariants())('WebAssembly SGD step (%s)', (variant) => {
  it('gives exactly the float32 rounding of w − lr·g computed in float64', () => {
    const random = randomStream(8, 'sgd');
    const n = 1003;
    const w = Float32Array.from({ length: n }, () => random.normal());
    const g = Float32Array.from({ length: n }, () => random.normal() * 10);
    const expected = Float32Array.from(w, (value, i) => value - 0.01 * g[i]!);
    wasmKernels(variant).sgdStep(w, g, n, 0.01);
    expect(w).toEqual(expected);
  });
});

describe.each(availableWasmVariants())('WebAssembly ReLU (%s)', (variant) => {
  it('gives exactly the TypeScript loop\'s values forward and backward, NaN, −0 and ±∞ included', () => {
    const random = randomStream(9, 'relu');
    const z = Float32Array.from({ length: 1003 }, () => random.normal());
    z.set([NaN, -0, 0, Infinity, -Infinity, 1e-45, -1e-45], 0);
    const da = Float32Array.from(z, () => random.normal());
    da[3] = NaN;
    const a = new Float32Array(z.length);
    const dz = new Float32Array(z.length);
    wasmKernels(variant).relu(z, a, z.length);
    wasmKernels(variant).reluBackward(z, da, dz, z.length);
    expect(a).toEqual(Float32Array.from(z, (v) => (v > 0 ? v : 0)));
    expect(dz).toEqual(Float32Array.from(z, (v, i) => (v > 0 ? da[i]! : 0)));
    expect(Object.is(a[1], 0) && Object.is(a[0], 0)).toBe(true); // −0 and NaN give +0
    expect(Number.isNaN(dz[3]!)).toBe(true);
  });
});

describe.each(availableWasmVariants())('WebAssembly column sums and byte gathering (%s)', (variant) => {
  it('sums columns in row order in float32, across chunks as in one go', () => {
    const random = randomStream(10, 'column-sums');
    const m = 70_001; // more rows than one chunk of a 7-column matrix holds
    const n = 7;
    const a = Float32Array.from({ length: m * n }, () => random.normal());
    const out = new Float32Array(n + 1).fill(5);
    wasmKernels(variant).columnSums(a, out, m, n);
    const expected = new Float32Array(n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expected[j] = Math.fround(expected[j]! + a[i * n + j]!);
    expect(out.subarray(0, n)).toEqual(expected);
    expect(out[n]).toBe(5);
  });

  it('gathers byte rows as fl32(b · scale), rows in the order asked, over several chunks', () => {
    const cols = 784;
    const values = new Uint8Array(new SharedArrayBuffer(3000 * cols)).map((_, i) => (i * 131) % 256);
    const indices = Int32Array.from({ length: 2003 }, (_, i) => (i * 1237) % 3000);
    const out = new Float32Array(indices.length * cols);
    wasmKernels(variant).gatherBytes(values, cols, indices, indices.length, 1 / 255, out);
    const expected = Float32Array.from(out, (_, i) => values[indices[Math.floor(i / cols)]! * cols + (i % cols)]! * (1 / 255));
    expect(out).toEqual(expected);
  });
});

describe.each(availableWasmVariants())('WebAssembly tanh (%s)', (variant) => {
  const kernels = wasmKernels(variant);

  it('is within 3 float32 ulp of Math.tanh, ±0, ±∞ and NaN included', () => {
    const z = inputs();
    const a = new Float32Array(z.length);
    kernels.tanh(z, a, z.length);
    let worst = 0;
    z.forEach((x, i) => {
      const exact = Math.tanh(x);
      const error = Math.abs(a[i]! - exact) / ulp32(exact);
      worst = Math.max(worst, error);
      expect(error, `tanh(${x}) = ${a[i]}, exact ${exact}`).toBeLessThanOrEqual(3);
    });
    expect(worst).toBeGreaterThan(0);
    expect(Object.is(a[1], -0)).toBe(true); // inputs()[1] is −0
    const nan = new Float32Array(5);
    kernels.tanh(Float32Array.of(NaN, 0.1, NaN, 2, NaN), nan, 5);
    expect([nan[0], nan[2], nan[4]].every(Number.isNaN)).toBe(true);
  });

  it('computes the backward pass da·(1−t²) exactly as the TypeScript loop', () => {
    const random = randomStream(11, 'tanh-backward');
    const n = 1002;
    const t = Float32Array.from({ length: n }, () => random.uniform() * 2 - 1);
    t[0] = 0.99999994; // 1 − t² would lose most digits in float32
    const da = Float32Array.from({ length: n }, () => random.normal());
    const dz = new Float32Array(n);
    kernels.tanhBackward(t, da, dz, n);
    expect(dz).toEqual(Float32Array.from(t, (v, i) => da[i]! * (1 - v * v)));
  });
});
