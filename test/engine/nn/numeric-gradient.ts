import type { FloatArray } from '../../../engine/nn/dtype';

/** Central-difference derivative of `f` with respect to every element of `x` (float64, h = 1e-6). */
export function numericGradient(f: () => number, x: FloatArray, h = 1e-6): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const original = x[i]!;
    x[i] = original + h;
    const plus = f();
    x[i] = original - h;
    const minus = f();
    x[i] = original;
    grad[i] = (plus - minus) / (2 * h);
  }
  return grad;
}

/**
 * Largest relative error between two gradients: |a − n| / max(|a| + |n|, floor). The floor keeps
 * entries that are both ~0 (dead ReLU units, exact zeros) from dividing noise by noise.
 */
export function maxRelativeError(analytic: ArrayLike<number>, numeric: ArrayLike<number>, floor = 1e-8): number {
  let worst = 0;
  for (let i = 0; i < analytic.length; i++) {
    const a = analytic[i]!;
    const n = numeric[i]!;
    worst = Math.max(worst, Math.abs(a - n) / Math.max(Math.abs(a) + Math.abs(n), floor));
  }
  return worst;
}

/** Deterministic pseudo-random float64 values in [−scale, scale) (tests only; the engine has its own generator). */
export function testValues(length: number, seed: number, scale = 1): Float64Array {
  const out = new Float64Array(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = ((s / 4294967296) * 2 - 1) * scale;
  }
  return out;
}
