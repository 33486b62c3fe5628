import type { ActivationName } from '../api/run-spec';
import type { FloatArray } from './dtype';

/**
 * An activation function with its derivative beside it. Buffers are row-major rows × cols;
 * every function but softmax works element by element. These are the TypeScript definitions (any
 * float type, any thread, the page included); a training network takes them through
 * kernel-activations.ts, which runs the float32 ones on WebAssembly where it can.
 */
export interface Activation {
  readonly name: ActivationName;
  /** a = f(z). */
  forward(z: FloatArray, a: FloatArray, rows: number, cols: number): void;
  /** dz = ∂L/∂z from da = ∂L/∂a, given the forward's z and a. */
  backward(z: FloatArray, a: FloatArray, da: FloatArray, dz: FloatArray, rows: number, cols: number): void;
  /**
   * True where the unit sits in a flat part of f (derivative below ~1 % of its peak): sigmoid
   * outside (0.01, 0.99), tanh and elu with |a| > 0.99. Never true for functions without flat parts.
   */
  isSaturated(z: number, a: number): boolean;
  /** True where f'(z) = 0 or the unit is saturated: the unit passes no gradient for this sample. */
  passesNoGradient(z: number, a: number): boolean;
}

const never = (): boolean => false;

/** σ(z) = 1/(1+e^(−z)); σ′ = σ(1−σ), at most 0.25: the root of the vanishing gradient. */
const sigmoid: Activation = {
  name: 'sigmoid',
  forward(z, a, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) a[i] = sigmoidOf(z[i]!);
  },
  backward(_z, a, da, dz, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) {
      const s = a[i]!;
      dz[i] = da[i]! * s * (1 - s);
    }
  },
  isSaturated: (_z, a) => a < 0.01 || a > 0.99,
  passesNoGradient: (_z, a) => a < 0.01 || a > 0.99,
};

/** tanh; tanh′ = 1 − tanh². */
const tanh: Activation = {
  name: 'tanh',
  forward(z, a, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]!);
  },
  backward(_z, a, da, dz, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) {
      const t = a[i]!;
      dz[i] = da[i]! * (1 - t * t);
    }
  },
  isSaturated: (_z, a) => Math.abs(a) > 0.99,
  passesNoGradient: (_z, a) => Math.abs(a) > 0.99,
};

/** max(0, z); derivative 1 for z > 0, else 0 (PyTorch's choice at 0). */
const relu: Activation = {
  name: 'relu',
  forward(z, a, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      a[i] = v > 0 ? v : 0;
    }
  },
  backward(z, _a, da, dz, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) dz[i] = z[i]! > 0 ? da[i]! : 0;
  },
  isSaturated: never,
  passesNoGradient: (z) => z <= 0,
};

/** Negative slope of leaky ReLU (PyTorch's default). */
export const LEAKY_RELU_SLOPE = 0.01;

/** z for z > 0, 0.01·z otherwise. */
const leakyRelu: Activation = {
  name: 'leaky_relu',
  forward(z, a, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      a[i] = v > 0 ? v : LEAKY_RELU_SLOPE * v;
    }
  },
  backward(z, _a, da, dz, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) dz[i] = z[i]! > 0 ? da[i]! : LEAKY_RELU_SLOPE * da[i]!;
  },
  isSaturated: never,
  passesNoGradient: never,
};

/** z for z > 0, α(e^z − 1) otherwise, α = 1; derivative a + α below 0. */
const elu: Activation = {
  name: 'elu',
  forward(z, a, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      a[i] = v > 0 ? v : Math.expm1(v);
    }
  },
  backward(z, a, da, dz, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) dz[i] = z[i]! > 0 ? da[i]! : da[i]! * (a[i]! + 1);
  },
  isSaturated: (_z, a) => a < -0.99,
  passesNoGradient: (_z, a) => a < -0.99,
};

/** Identity. */
const linear: Activation = {
  name: 'linear',
  forward(z, a, rows, cols) {
    a.set(z.subarray(0, rows * cols));
  },
  backward(_z, _a, da, dz, rows, cols) {
    dz.set(da.subarray(0, rows * cols));
  },
  isSaturated: never,
  passesNoGradient: never,
};

/**
 * Row-wise softmax, shifted by the row maximum so exp never overflows. Its backward is the
 * Jacobian–vector product dz = a ⊙ (da − Σ a·da); with softmax_cross_entropy the loss hands the
 * trainer dz = (a − t)/B directly and this backward is skipped.
 */
const softmax: Activation = {
  name: 'softmax',
  forward(z, a, rows, cols) {
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let max = -Infinity;
      for (let c = 0; c < cols; c++) if (z[o + c]! > max) max = z[o + c]!;
      let sum = 0;
      for (let c = 0; c < cols; c++) {
        const e = Math.exp(z[o + c]! - max);
        a[o + c] = e;
        sum += e;
      }
      for (let c = 0; c < cols; c++) a[o + c] = a[o + c]! / sum;
    }
  },
  backward(_z, a, da, dz, rows, cols) {
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += a[o + c]! * da[o + c]!;
      for (let c = 0; c < cols; c++) dz[o + c] = a[o + c]! * (da[o + c]! - dot);
    }
  },
  isSaturated: never,
  passesNoGradient: never,
};

const registry: Record<ActivationName, Activation> = {
  sigmoid,
  tanh,
  relu,
  leaky_relu: leakyRelu,
  elu,
  linear,
  softmax,
};

/** The activation registered under a RunSpec name. */
export function activationByName(name: ActivationName): Activation {
  return registry[name];
}

/** Numerically safe logistic function. */
export function sigmoidOf(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
