import type { Histogram } from '$engine/api/events';
import type { XAxisOption, YAxisOption } from '../chart-option';
import { formatNumber } from '../chart-style';
import { panelXAxis, panelYAxis } from './panel-skeleton';

/** A histogram panel's value range: from the lowest first edge to the highest last edge. */
export function extentOf(histograms: readonly Histogram[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const { edges } of histograms) {
    const first = edges[0];
    const last = edges[edges.length - 1];
    if (first !== undefined && Number.isFinite(first) && first < min) min = first;
    if (last !== undefined && Number.isFinite(last) && last > max) max = last;
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1 };
  return max > min ? { min, max } : { min: min - 0.5, max: max + 0.5 };
}

/**
 * A histogram panel's x axis over the values' range (activations, pre-activations or weights).
 * `labelEnds`: the ends are round (a shared range) and labelled; auto-ranged ends are odd numbers
 * and left unlabelled (nice ticks only).
 */
export function histogramValueAxis(gridIndex: number, extent: { min: number; max: number }, name: string, labelEnds = false): XAxisOption {
  return panelXAxis(
    gridIndex,
    name,
    { showMinLabel: labelEnds, showMaxLabel: labelEnds, formatter: (v: number) => formatNumber(v, 2) },
    { position: 'bottom', min: extent.min, max: extent.max },
  );
}

/** A histogram panel's y axis of bar or curve heights, from 0. */
export function histogramHeightAxis(gridIndex: number, name: string, nameGap: number): YAxisOption {
  return panelYAxis(
    gridIndex,
    name,
    nameGap,
    { formatter: (v: number) => formatNumber(v, 2) },
    {
      min: 0,
      splitNumber: 3,
      // At the panel's left edge, not at x = 0 of the value axis.
      axisLine: { show: false, onZero: false },
    },
  );
}
