import type { Parameter } from './layer';

/**
 * Weight penalties over the penalized parameters (dense weights only).
 *   L1: λ₁·Σ|W|        gradient λ₁·sign(W) (sign(0) = 0)
 *   L2: (λ₂/2)·Σ W²    gradient λ₂·W
 */

/** λ₁·Σ|W| + (λ₂/2)·Σ W² over the penalized parameters. */
export function penaltyValue(params: readonly Parameter[], l1: number, l2: number): number {
  if (l1 === 0 && l2 === 0) return 0;
  let sumAbs = 0;
  let sumSquares = 0;
  for (const p of params) {
    if (!p.penalized) continue;
    const w = p.value;
    for (let i = 0; i < w.length; i++) {
      const v = w[i]!;
      sumAbs += Math.abs(v);
      sumSquares += v * v;
    }
  }
  return l1 * sumAbs + 0.5 * l2 * sumSquares;
}

/** Adds the penalties' gradients to the parameters' gradients (L1 only when `l1` is non-zero). */
export function addPenaltyGradients(params: readonly Parameter[], l1: number, l2: number): void {
  if (l1 === 0 && l2 === 0) return;
  for (const p of params) {
    if (!p.penalized) continue;
    const w = p.value;
    const g = p.grad;
    for (let i = 0; i < w.length; i++) {
      const v = w[i]!;
      g[i] = g[i]! + l2 * v + (v > 0 ? l1 : v < 0 ? -l1 : 0);
    }
  }
}

/**
 * The proximal step of L1 (soft-thresholding): W ← sign(W)·max(|W| − threshold, 0) with
 * threshold = lr·λ₁. After a plain SGD step on the rest of the loss this is exactly proximal
 * gradient descent on loss + λ₁·Σ|W|, and it is what makes small weights exactly 0
 * (TensorFlow Playground zeroes a weight whose L1 step crosses 0 for the same reason).
 */
export function applyL1Proximal(params: readonly Parameter[], threshold: number): void {
  if (threshold === 0) return;
  for (const p of params) {
    if (!p.penalized) continue;
    const w = p.value;
    for (let i = 0; i < w.length; i++) {
      const v = w[i]!;
      w[i] = v > threshold ? v - threshold : v < -threshold ? v + threshold : 0;
    }
  }
}
