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
 *
 * Two passes over the values (range, sum and finite count; then squared deviations and bin counts):
 * a diagnostics snapshot summarizes a few hundred thousand values (256 samples × every unit, and
 * every weight), so these loops are most of its cost.
 */
export function summarize(values: ArrayLike<number>, n: number, bins: number): Summary {
  const range = finiteRange(values, n);
  const { finiteCount } = range;
  const allFinite = finiteCount === n && n > 0;
  const mean = allFinite ? range.sum / n : null;
  const counts = new Int32Array(bins);
  let low = range.min;
  let high = range.max;
  let width = 0;
  if (finiteCount === 0) {
    low = -0.5;
    high = 0.5;
  } else {
    if (high === low) {
      low -= 0.5;
      high += 0.5;
    }
    width = (high - low) / bins;
    // Equal values so large that ±0.5 vanishes in rounding (a diverging run): one bin holds them all.
    if (!(width > 0) || !Number.isFinite(width)) {
      counts[Math.floor(bins / 2)] = finiteCount;
      width = 0;
    }
  }
  let std: number | null = null;
  if (mean !== null) std = Math.sqrt(squaresAndCounts(values, n, mean, low, width, counts) / n);
  else if (width > 0) countFinite(values, n, low, width, counts);
  return { mean, std, histogram: { edges: evenEdges(low, high, bins), counts: Array.from(counts), zeroCount: range.zeroCount } };
}

/** Range, sum and count of the finite values among values[0..n), and how many are exactly 0. */
function finiteRange(values: ArrayLike<number>, n: number): { min: number; max: number; sum: number; finiteCount: number; zeroCount: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let finiteCount = 0;
  let zeroCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v - v !== 0) continue; // NaN or ±Infinity
    finiteCount++;
    if (v === 0) zeroCount++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max, sum, finiteCount, zeroCount };
}

/**
 * Σ (v − mean)² over values[0..n), all finite, counting each value into its bin of `width` from
 * `low` as it goes (none when width is 0). Every v ≥ low, so truncation is floor here (and much
 * cheaper than using Math.floor's float result as an index).
 */
function squaresAndCounts(values: ArrayLike<number>, n: number, mean: number, low: number, width: number, counts: Int32Array): number {
  let squares = 0;
  const last = counts.length - 1;
  if (width === 0) {
    for (let i = 0; i < n; i++) squares += (values[i]! - mean) * (values[i]! - mean);
    return squares;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const d = v - mean;
    squares += d * d;
    let bin = ((v - low) / width) | 0;
    if (bin > last) bin = last;
    counts[bin]!++;
  }
  return squares;
}

/** Counts the finite values among values[0..n) into their bins (see squaresAndCounts). */
function countFinite(values: ArrayLike<number>, n: number, low: number, width: number, counts: Int32Array): void {
  const last = counts.length - 1;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v - v !== 0) continue;
    let bin = ((v - low) / width) | 0;
    if (bin > last) bin = last;
    counts[bin]!++;
  }
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
