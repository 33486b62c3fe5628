import type { DiagnosticsEvent, Histogram } from '$engine/api/events';

/** One point of a histogram drawn as a line: a bin's centre and its height. */
export interface DensityPoint {
  /** The bin's centre, in the histogram's units (activation value, weight…). */
  x: number;
  /** Probability density there: count / (total · bin width); the curve's area is 1. */
  density: number;
  /** The bin's edges. */
  from: number;
  to: number;
}

/**
 * A histogram as a probability density over its bins' centres: each count divided by the total
 * count and by its bin's width, so the area under the curve is 1 whatever the batch size, the
 * number of weights or the bins' range. That is what lets two runs' histograms (each auto-ranged
 * on its own bins, over different numbers of values) share one axis. Bins of zero or non-finite
 * width are left out; an empty histogram gives no points.
 */
export function histogramDensity(histogram: Histogram): DensityPoint[] {
  const { edges, counts } = histogram;
  let total = 0;
  for (const count of counts) total += count;
  if (!(total > 0)) return [];
  const points: DensityPoint[] = [];
  for (let i = 0; i < counts.length; i++) {
    const low = edges[i];
    const high = edges[i + 1];
    if (low === undefined || high === undefined) break;
    const width = high - low;
    if (!(width > 0) || !Number.isFinite(width)) continue;
    points.push({ x: (low + high) / 2, density: counts[i]! / (total * width), from: low, to: high });
  }
  return points;
}

/** The same points scaled so the highest is 1: compares shapes when one run's spike dwarfs the others. */
export function peakNormalised(points: readonly DensityPoint[]): DensityPoint[] {
  let peak = 0;
  for (const point of points) if (point.density > peak) peak = point.density;
  return points.map((point) => ({ ...point, density: peak > 0 ? point.density / peak : point.density }));
}

/** Each bin's share of all values, in percent (sums to 100): bars that compare across batch sizes. */
export function histogramPercent(histogram: Histogram): number[] {
  let total = 0;
  for (const count of histogram.counts) total += count;
  return histogram.counts.map((count) => (total > 0 ? (count / total) * 100 : 0));
}

/**
 * The snapshot describing the network at `step`: the last one taken at or before it, or null when
 * the run has none that early. `snapshots` are in increasing step order (as recorded); binary search.
 */
export function snapshotAtOrBefore(snapshots: readonly DiagnosticsEvent[], step: number): DiagnosticsEvent | null {
  let low = 0;
  let high = snapshots.length - 1;
  let found: DiagnosticsEvent | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const snapshot = snapshots[middle]!;
    if (snapshot.step <= step) {
      found = snapshot;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Every step at which some run took a diagnostics snapshot, sorted and without repeats: the step slider's stops. */
export function diagnosticsSteps(runs: readonly (readonly DiagnosticsEvent[])[]): number[] {
  const steps = new Set<number>();
  for (const snapshots of runs) for (const snapshot of snapshots) steps.add(snapshot.step);
  return [...steps].sort((a, b) => a - b);
}
