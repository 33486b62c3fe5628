import type { Histogram } from '../api/events';
import type { FloatArray } from './dtype';

/** Mean, population standard deviation and an auto-ranged histogram of the first `n` values. */
export interface Summary {
  mean: number | null;
  std: number | null;
  histogram: Histogram;
}

/**
 * Summarizes `values[0..n)`. The histogram spans [min, max] of the finite values in `bins` equal
 * bins (a fixed (0, 1) range would hide ReLU values above 1 and all negative tanh values); the
 * maximum falls in the last bin. All-equal values get the range [v − 0.5, v + 0.5]. The histogram
 * also counts the values that are exactly 0 (`zeroCount`, ReLU's share at 0).
 * Mean and std are null when any value is NaN or infinite.
 */
export function summarize(values: ArrayLike<number>, n: number, bins: number): Summary {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let finiteCount = 0;
  let zeroCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    finiteCount++;
    if (v === 0) zeroCount++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const allFinite = finiteCount === n && n > 0;
  let mean: number | null = null;
  let std: number | null = null;
  if (allFinite) {
    mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const d = values[i]! - mean;
      squares += d * d;
    }
    std = Math.sqrt(squares / n);
  }
  return { mean, std, histogram: { ...histogramOf(values, n, bins, min, max, finiteCount), zeroCount } };
}

function histogramOf(values: ArrayLike<number>, n: number, bins: number, min: number, max: number, finiteCount: number): Histogram {
  const counts = new Array<number>(bins).fill(0);
  if (finiteCount === 0) return { edges: evenEdges(-0.5, 0.5, bins), counts };
  if (max === min) {
    min -= 0.5;
    max += 0.5;
  }
  const width = (max - min) / bins;
  if (!(width > 0) || !Number.isFinite(width)) {
    // Equal values so large that ±0.5 vanishes in rounding (a diverging run): one bin holds them all.
    counts[Math.floor(bins / 2)] = finiteCount;
    return { edges: evenEdges(min, max, bins), counts };
  }
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    let bin = Math.floor((v - min) / width);
    if (bin >= bins) bin = bins - 1;
    if (bin < 0) bin = 0;
    counts[bin]!++;
  }
  return { edges: evenEdges(min, max, bins), counts };
}

function evenEdges(min: number, max: number, bins: number): number[] {
  const edges = new Array<number>(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = min + ((max - min) * i) / bins;
  edges[bins] = max;
  return edges;
}

/** √(Σ v²) of a whole buffer; null when not finite. */
export function l2Norm(values: FloatArray): number | null {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  const norm = Math.sqrt(sum);
  return Number.isFinite(norm) ? norm : null;
}

/** Mean of |v| over a whole buffer; null when not finite. */
export function meanAbs(values: FloatArray): number | null {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.abs(values[i]!);
  const mean = sum / values.length;
  return Number.isFinite(mean) ? mean : null;
}
