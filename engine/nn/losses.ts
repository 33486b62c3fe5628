import type { LossName } from '../api/run-spec';
import type { FloatArray } from './dtype';

/**
 * A loss over a batch, always the mean over the batch's rows. `targets` is dense (rows × k):
 * one-hot rows for class labels, or the target vectors themselves.
 *
 * Losses fused with their output activation (softmax_cross_entropy with softmax,
 * binary_cross_entropy with sigmoid) read the pre-activation z for numerical stability and write
 * ∂L/∂z, so the trainer skips that activation's backward. mse reads the activation a and writes ∂L/∂a.
 */
export interface Loss {
  readonly name: LossName;
  /** The output activation this loss is fused with, or null. */
  readonly fusedActivation: 'softmax' | 'sigmoid' | null;
  /** Mean loss over `rows`; when `grad` is given, also fills it (∂L/∂z if fused, else ∂L/∂a). */
  compute(z: FloatArray, a: FloatArray, targets: FloatArray, rows: number, k: number, grad: FloatArray | null): number;
}

/** L = mean over rows of −Σₖ tₖ·log softmax(z)ₖ = logsumexp(z) − Σₖ tₖ zₖ (for Σt = 1); ∂L/∂z = (softmax(z) − t)/B. */
const softmaxCrossEntropy: Loss = {
  name: 'softmax_cross_entropy',
  fusedActivation: 'softmax',
  compute(z, a, targets, rows, k, grad) {
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const o = r * k;
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (z[o + c]! > max) max = z[o + c]!;
      let sumExp = 0;
      for (let c = 0; c < k; c++) sumExp += Math.exp(z[o + c]! - max);
      const logSumExp = max + Math.log(sumExp);
      for (let c = 0; c < k; c++) {
        const t = targets[o + c]!;
        if (t !== 0) total += t * (logSumExp - z[o + c]!);
      }
      if (grad) for (let c = 0; c < k; c++) grad[o + c] = (a[o + c]! - targets[o + c]!) / rows;
    }
    return total / rows;
  },
};

/**
 * L = mean over rows of Σₖ [ −t·log σ(z) − (1−t)·log(1−σ(z)) ], written as
 * max(z,0) − z·t + log(1 + e^(−|z|)) so it stays finite; ∂L/∂z = (σ(z) − t)/B.
 */
const binaryCrossEntropy: Loss = {
  name: 'binary_cross_entropy',
  fusedActivation: 'sigmoid',
  compute(z, a, targets, rows, k, grad) {
    let total = 0;
    const n = rows * k;
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      const t = targets[i]!;
      total += Math.max(zi, 0) - zi * t + Math.log1p(Math.exp(-Math.abs(zi)));
      if (grad) grad[i] = (a[i]! - t) / rows;
    }
    return total / rows;
  },
};

/** L = mean over rows of ½·Σₖ (aₖ − tₖ)²; ∂L/∂a = (a − t)/B. */
const meanSquaredError: Loss = {
  name: 'mse',
  fusedActivation: null,
  compute(_z, a, targets, rows, k, grad) {
    let total = 0;
    const n = rows * k;
    for (let i = 0; i < n; i++) {
      const d = a[i]! - targets[i]!;
      total += 0.5 * d * d;
      if (grad) grad[i] = d / rows;
    }
    return total / rows;
  },
};

const registry: Record<LossName, Loss> = {
  softmax_cross_entropy: softmaxCrossEntropy,
  binary_cross_entropy: binaryCrossEntropy,
  mse: meanSquaredError,
};

/** The loss registered under a RunSpec name. */
export function lossByName(name: LossName): Loss {
  return registry[name];
}
