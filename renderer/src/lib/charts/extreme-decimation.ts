/**
 * Bounding a long curve without losing what matters on it: ECharts draws the series with its own
 * LTTB sampling (which adapts to the zoomed window), but a 60,000-step run would hand it, and keep
 * in memory, 60,000 points per line on every live update. Above a cap the series is cut into
 * buckets and each bucket keeps the positions of its smallest and largest value, so every spike
 * (and every dip) is still in the data ECharts sees, unlike keeping every n-th point.
 */

/**
 * Points a curve keeps before it is decimated: a 20,000-step run is drawn from every step; a longer
 * one keeps per bucket its extremes, ≤ this many points per line whatever the run's length.
 */
export const CURVE_POINT_CAP = 20_000;

/**
 * Indices (increasing) of at most `maxPoints` entries out of `length` that keep, for each of
 * `columns`, the minimum and maximum of every bucket of consecutive entries, and the first and last
 * entry. All indices when `length ≤ maxPoints`. Non-finite values are never chosen as extremes.
 */
export function extremeIndices(length: number, columns: readonly (readonly number[])[], maxPoints: number = CURVE_POINT_CAP): number[] {
  const cap = Math.max(4, Math.floor(maxPoints));
  if (length <= cap) return Array.from({ length }, (_, i) => i);
  const perBucket = 2 * Math.max(1, columns.length);
  const buckets = Math.max(1, Math.floor((cap - 2) / perBucket));
  const kept = new Set<number>([0, length - 1]);
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * length) / buckets);
    const to = Math.floor(((b + 1) * length) / buckets);
    for (const values of columns) {
      let low = -1;
      let high = -1;
      for (let i = from; i < to; i++) {
        const v = values[i]!;
        if (!Number.isFinite(v)) continue;
        if (low < 0 || v < values[low]!) low = i;
        if (high < 0 || v > values[high]!) high = i;
      }
      if (low >= 0) kept.add(low);
      if (high >= 0) kept.add(high);
    }
  }
  return [...kept].sort((a, b) => a - b);
}
