import type { Histogram } from '$engine/api/events';
import type { HistogramTranslate } from '../i18n/messages/histograms';
import { formatNumber } from './chart-style';

/**
 * What every histogram figure shares (live view, replay, probe, compare): the x range its panels
 * are drawn on and the share of values exactly 0 taken apart (the rule, shared with the CLI, is
 * $engine/api/histogram-range), a histogram's outline at its true bin edges on that range (no
 * re-binning: a narrow spike stays narrow and tall), and the words for a panel's spread.
 */

export {
  ZERO_APART_MIN,
  activationRange,
  figureRange,
  histogramExtent,
  niceRange,
  ownRange,
  totalCount,
  withoutZeros,
  zeroShare,
  zerosApart,
  type HistogramKind,
  type HistogramRangeMode,
  type RangedHistogram,
  type ValueRange,
} from '$engine/api/histogram-range';

/** One point of a histogram's outline: x, height (above `base`), and the bin's start, end and count for the tooltip. */
export type OutlinePoint = [x: number, height: number, from: number, to: number, count: number];

/**
 * A histogram's outline at its true edges, as line data drawn with `step: 'middle'`: each bin at
 * its centre (the step switches halfway between centres, i.e. at the edges), and at both ends a
 * vertical from `base`, so the filled area is exactly the bars, however narrow. `heights[i]` is bin
 * i's height; `base` lifts the whole outline (a ridgeline's row). No bins, no points.
 */
export function outlinePoints(histogram: Histogram, heights: readonly number[], base = 0): OutlinePoint[] {
  const { edges, counts } = histogram;
  const bins = Math.min(counts.length, edges.length - 1, heights.length);
  if (bins <= 0) return [];
  const point = (x: number, i: number, lifted: boolean): OutlinePoint => [x, base + (lifted ? heights[i]! : 0), edges[i]!, edges[i + 1]!, counts[i]!];
  const points: OutlinePoint[] = [point(edges[0]!, 0, false), point(edges[0]!, 0, true)];
  for (let i = 0; i < bins; i++) points.push(point((edges[i]! + edges[i + 1]!) / 2, i, true));
  points.push(point(edges[bins]!, bins - 1, true), point(edges[bins]!, bins - 1, false));
  return points;
}

/**
 * A panel's spread in words: "표준편차 0.012 (층 1의 0.025배)", or just "표준편차 0.48" for the
 * first panel (or when layer 1's std is missing or 0). `first` is layer 1's std.
 */
export function spreadText(th: HistogramTranslate, std: number | null, first: number | null, isFirst: boolean): string {
  if (isFirst || std === null || first === null || !(first > 0) || !Number.isFinite(first)) return th('stdFirst', { std: formatNumber(std) });
  return th('stdVsFirst', { std: formatNumber(std), ratio: formatNumber(std / first, 2) });
}

/** "0.025배": a std against layer 1's alone, or '' when it cannot be said. */
export function ratioText(th: HistogramTranslate, std: number | null, first: number | null): string {
  if (std === null || first === null || !(first > 0) || !Number.isFinite(first)) return '';
  return th('ratioOnly', { ratio: formatNumber(std / first, 2) });
}
