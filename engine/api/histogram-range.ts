import type { Histogram } from './events';

/**
 * The x range a figure of histograms shares, and the share of values exactly 0, for every screen
 * that draws histograms (the app's figures and `nnlab probe`'s text bars): one rule, DESIGN.md's
 * "Histograms carry their bin edges. A figure of several layers (or runs) draws them on ONE shared
 * range". The engine bins each layer on its own min…max; drawn each on its own axis, ReLU with
 * std 0.01, Xavier and He give identical bars and sigmoid with std 0.01 (all values within
 * 0.48…0.52) looks like a wide bell, so the initialization lesson disappears.
 */

/** A closed interval [min, max] of values on a histogram's x axis. */
export interface ValueRange {
  readonly min: number;
  readonly max: number;
}

/** How a figure of several histograms ranges its x axes: one range for all (default) or each its own. */
export type HistogramRangeMode = 'shared' | 'per-layer';

/** What a histogram holds: activations a = f(z), their inputs z, or the weights W. */
export type HistogramKind = 'activation' | 'preactivation' | 'weight';

/** Output ranges of the activation functions whose output is bounded (the textbook's fixed axes). */
const ACTIVATION_RANGES: Readonly<Record<string, ValueRange>> = {
  sigmoid: { min: 0, max: 1 },
  softmax: { min: 0, max: 1 },
  tanh: { min: -1, max: 1 },
};

/** The range an activation fixes for a histogram of `kind`: sigmoid 0…1, tanh −1…1, else null. */
export function activationRange(kind: HistogramKind, activationName: string | null | undefined): ValueRange | null {
  return kind === 'activation' ? (ACTIVATION_RANGES[activationName ?? ''] ?? null) : null;
}

/** Σ counts. */
export function totalCount(histogram: Histogram): number {
  let total = 0;
  for (const count of histogram.counts) total += count;
  return total;
}

/** From the first edge to the last; null for a histogram without values or finite edges. */
export function histogramExtent(histogram: Histogram): ValueRange | null {
  const { edges } = histogram;
  const min = edges[0];
  const max = edges[edges.length - 1];
  if (min === undefined || max === undefined || !Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) return null;
  return totalCount(histogram) > 0 ? { min, max } : null;
}

/** A histogram to range, with the range its activation fixes (activationRange), if any. */
export interface RangedHistogram {
  readonly histogram: Histogram;
  readonly bounds: ValueRange | null;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`. */
function niceStep(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value * (1 - 1e-12)) ?? 10) * power;
}

/** `range` widened to round ends (multiples of a 1-2-5 step of about a tenth of it), so the axis ends read as numbers. */
export function niceRange(range: ValueRange): ValueRange {
  const span = range.max - range.min;
  if (!(span > 0) || !Number.isFinite(span)) return { min: range.min - 0.5, max: range.max + 0.5 };
  const step = niceStep(span / 10);
  const tidy = (value: number) => Number(value.toPrecision(12));
  return { min: tidy(Math.floor(range.min / step + 1e-9) * step), max: tidy(Math.ceil(range.max / step - 1e-9) * step) };
}

/**
 * ONE x range for a figure of histograms (layers, runs): the union of every histogram's fixed
 * activation range (sigmoid 0…1, tanh −1…1) and of the values' extent where no activation fixes it
 * (pre-activations, ReLU, weights), widened to round ends. A figure of sigmoid layers is exactly
 * 0…1 as in the textbook; one of ReLU layers spans 0 to the largest value of any layer, so a layer
 * whose values collapse toward 0 shows as a thin spike at 0. Empty histograms are left out; with
 * nothing to range, 0…1.
 */
export function figureRange(items: readonly RangedHistogram[]): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  let fixed = true;
  for (const item of items) {
    const extent = histogramExtent(item.histogram);
    if (item.bounds) {
      min = Math.min(min, item.bounds.min, extent?.min ?? Infinity);
      max = Math.max(max, item.bounds.max, extent?.max ?? -Infinity);
    } else if (extent) {
      min = Math.min(min, extent.min);
      max = Math.max(max, extent.max);
      fixed = false;
    }
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1 };
  return fixed ? { min, max } : niceRange({ min, max });
}

/** A panel's own range in per-layer mode: its values' extent (the engine's auto-ranged edges). */
export function ownRange(histogram: Histogram): ValueRange {
  return histogramExtent(histogram) ?? { min: 0, max: 1 };
}

/** The fraction of the values exactly 0, or null when the histogram does not say (runs recorded before zeroCount). */
export function zeroShare(histogram: Histogram): number | null {
  if (histogram.zeroCount === undefined) return null;
  const total = totalCount(histogram);
  return total > 0 ? Math.min(1, histogram.zeroCount / total) : null;
}

/** At least this share of values exactly 0 in some panel (ReLU: half or more) puts the zeros apart in the whole figure. */
export const ZERO_APART_MIN = 0.01;

/**
 * Whether a figure shows the values exactly 0 apart (a grey bar per panel) and the rest of each
 * distribution on its own height scale: for activations and pre-activations when some panel has
 * at least ZERO_APART_MIN of its values at exactly 0 (ReLU's zeros would otherwise be one tall bar
 * beside which everything else looks flat). Weights keep their zeros in place (L1's spike is the
 * lesson there, and their headings give the share).
 */
export function zerosApart(kind: HistogramKind, histograms: readonly Histogram[]): boolean {
  if (kind === 'weight') return false;
  return histograms.some((histogram) => (zeroShare(histogram) ?? 0) >= ZERO_APART_MIN);
}

/** The bin the engine put 0 in (summarize's rule), or -1 when 0 is outside the edges. */
function binOfZero(histogram: Histogram): number {
  const { edges, counts } = histogram;
  const bins = counts.length;
  const min = edges[0];
  const max = edges[bins];
  if (min === undefined || max === undefined || bins === 0 || 0 < min || 0 > max) return -1;
  const width = (max - min) / bins;
  if (!(width > 0)) return Math.floor(bins / 2);
  return Math.max(0, Math.min(bins - 1, Math.floor((0 - min) / width)));
}

/** The histogram without its exact zeros (taken out of the bin that holds 0); unchanged when it has none or does not say. */
export function withoutZeros(histogram: Histogram): Histogram {
  const zeros = histogram.zeroCount ?? 0;
  const bin = zeros > 0 ? binOfZero(histogram) : -1;
  if (bin < 0) return histogram;
  const counts = [...histogram.counts];
  counts[bin] = Math.max(0, counts[bin]! - zeros);
  return { edges: histogram.edges, counts, zeroCount: 0 };
}
