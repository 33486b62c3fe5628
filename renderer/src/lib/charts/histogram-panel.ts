import type { Histogram } from '$engine/api/events';
import type { HistogramTranslate } from '../i18n/messages/histograms';
import type { GridOption, SeriesOption, XAxisOption, YAxisOption } from './chart-option';
import { AXIS_LINE_COLOR, FONT_FAMILY, GRID_LINE_COLOR, MUTED_COLOR, SMALL_FONT_SIZE, TEXT_COLOR, formatNumber } from './chart-style';
import { outlinePoints, totalCount, withoutZeros, zeroShare, type ValueRange } from './histogram-shapes';

/**
 * One histogram panel of a figure: the histogram's outline at its true edges on the figure's x
 * range, filled like bars, and, when the figure shows zeros apart, a grey bar at the panel's left
 * with the share of values exactly 0 (0…100 %) while the histogram beside it counts only the
 * values that are not 0, on its own height scale; a distribution too narrow to see as more than a
 * line gets its values' range written beside it. Used by the live view's small multiples (and so
 * the replay and the probe) and by the compare view's side-by-side cells.
 */

/** Where a panel's plot goes: left edge and width in % of the chart, top and height in px (below the heading). */
export interface PanelFrame {
  left: number;
  width: number;
  top: number;
  height: number;
}

/**
 * A distribution whose values span less than this share of its panel's x range is a spike a few
 * pixels wide (ReLU with std 0.01 collapsing toward 0, softmax outputs all near 0.1), easily taken
 * for the plot's edge: the panel writes the values' range beside it.
 */
export const NARROW_SHARE = 0.02;

/** The zero bar's share of a panel's width, and the gap after it, in % of the panel. */
const ZERO_SLOT = 0.15;
const ZERO_GAP = 0.04;
/** The zero bar's colours: the share, and the rest of 100 % behind it. */
export const ZERO_COLOR = '#5f6b7c';
const ZERO_BACKGROUND = '#e9edf2';

/** What one panel shows. */
export interface HistogramPanelInput {
  frame: PanelFrame;
  histogram: Histogram;
  /** The x range (the figure's shared one, or the panel's own). */
  range: ValueRange;
  /** Show exact zeros apart, in a grey bar (the figure decides, so all its panels line up). */
  zerosApart: boolean;
  /** Bar heights as counts, or as % of all the panel's values. */
  heights: 'count' | 'percent';
  color: string;
  /** Series name (legend) and id (tooltip lookup); the zero bar's id gets ":zero". */
  seriesName: string;
  /** The zero bar's series name (not in the legend: it is not one of the figure's distributions). */
  zeroSeriesName: string;
  seriesId: string;
  valueAxisName: string;
  heightAxisName: string;
  /** Round range ends (shared mode): label them. Auto-ranged ends are odd numbers: leave them unlabelled. */
  labelEnds: boolean;
}

/** The pieces of one panel, to append to the figure's lists (one x and one y axis per grid, in the grids' order). */
export interface PanelPieces {
  grid: GridOption[];
  xAxis: XAxisOption[];
  yAxis: YAxisOption[];
  series: SeriesOption[];
}

const axisName = { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: TEXT_COLOR };
const axisLabel = { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR };

function plotGrid(left: number, width: number, frame: PanelFrame): GridOption {
  return {
    left: `${left}%`,
    width: `${width}%`,
    top: frame.top,
    height: frame.height,
    // Shrink the plot so its tick labels and axis names stay inside the panel.
    outerBoundsMode: 'same',
    outerBoundsContain: 'all',
  };
}

/** A height tick: whole counts written out with thousands separators (12,000, not 1.2e4), else 2 significant digits. */
export function heightTick(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e9 ? value.toLocaleString('en-US') : formatNumber(value, 2);
}

/** From the first to the last bin that holds values (null when none does). */
function occupiedExtent(histogram: Histogram): { from: number; to: number } | null {
  const { counts, edges } = histogram;
  const first = counts.findIndex((count) => count > 0);
  if (first < 0) return null;
  const last = counts.length - 1 - [...counts].reverse().findIndex((count) => count > 0);
  return { from: edges[first]!, to: edges[last + 1]! };
}

/** Both ends of a narrow range with as few digits as tell them apart (0.499 ~ 0.501, not 0.5 ~ 0.5). */
function distinctEnds(from: number, to: number): { from: string; to: string } {
  for (let digits = 2; digits < 6; digits++) {
    const ends = { from: formatNumber(from, digits), to: formatNumber(to, digits) };
    if (ends.from !== ends.to) return ends;
  }
  return { from: formatNumber(from, 6), to: formatNumber(to, 6) };
}

/**
 * The label beside a spike too narrow to read (NARROW_SHARE): "← 값이 모두 / 0 ~ 0.0012" from the
 * spike's top down, on the side with more room. A series in every panel (empty data when the panel's
 * distribution is wide enough), so live updates keep the chart's shape when it comes and goes.
 */
function narrowLabel(input: HistogramPanelInput, shown: Histogram, heights: readonly number[], gridIndex: number, th: HistogramTranslate): SeriesOption {
  const extent = occupiedExtent(shown);
  const span = input.range.max - input.range.min;
  const narrow = extent !== null && span > 0 && (extent.to - extent.from) / span < NARROW_SHARE;
  const right = extent !== null && (extent.from + extent.to) / 2 > input.range.min + span / 2;
  const text = extent === null ? '' : th(right ? 'narrowValuesLeft' : 'narrowValuesRight', distinctEnds(extent.from, extent.to));
  return {
    type: 'scatter',
    id: `${input.seriesId}:narrow`,
    xAxisIndex: gridIndex,
    yAxisIndex: gridIndex,
    data: narrow ? [[right ? extent.from : extent.to, Math.max(0, ...heights)]] : [],
    symbolSize: 0,
    silent: true,
    // Two short lines hanging down from the spike's top: they fit inside the narrowest panel (the probe's five in a row).
    label: {
      show: true,
      position: right ? 'left' : 'right',
      distance: 4,
      verticalAlign: 'top',
      align: right ? 'right' : 'left',
      lineHeight: 15,
      color: TEXT_COLOR,
      fontFamily: FONT_FAMILY,
      fontSize: SMALL_FONT_SIZE,
      formatter: () => text,
    },
    tooltip: { show: false },
    emphasis: { disabled: true },
  } as SeriesOption;
}

/** Heights of the bars: counts, or % of `total` values. */
function barHeights(histogram: Histogram, heights: 'count' | 'percent', total: number): number[] {
  return heights === 'count' ? [...histogram.counts] : histogram.counts.map((count) => (total > 0 ? (count / total) * 100 : 0));
}

/**
 * The grids, axes and series of one panel, whose first grid will have index `gridIndex` (its axes
 * share that index: every grid has exactly one x and one y axis).
 */
export function histogramPanel(input: HistogramPanelInput, gridIndex: number, th: HistogramTranslate): PanelPieces {
  const { frame, range } = input;
  const pieces: PanelPieces = { grid: [], xAxis: [], yAxis: [], series: [] };
  let plotLeft = frame.left;
  let plotWidth = frame.width;
  const total = totalCount(input.histogram);
  const shown = input.zerosApart ? withoutZeros(input.histogram) : input.histogram;

  if (input.zerosApart) {
    const share = zeroShare(input.histogram);
    const slot = frame.width * ZERO_SLOT;
    pieces.grid.push(plotGrid(frame.left, slot, frame));
    pieces.xAxis.push({
      type: 'category',
      gridIndex,
      data: [th('zeroTick')],
      name: th('zeroAxis'),
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: axisName,
      axisTick: { show: false },
      axisLabel,
      axisLine: { lineStyle: { color: AXIS_LINE_COLOR } },
    } as XAxisOption);
    pieces.yAxis.push({ type: 'value', gridIndex, min: 0, max: 100, show: false });
    // A run recorded before histograms counted their zeros (beside runs that do, in a compare
    // figure) has no share to draw: "–" on an empty bar, its zeros still inside its other bars.
    const percent = share === null ? 0 : share * 100;
    pieces.series.push({
      type: 'bar',
      id: `${input.seriesId}:zero`,
      name: input.zeroSeriesName,
      xAxisIndex: gridIndex,
      yAxisIndex: gridIndex,
      data: [percent],
      color: ZERO_COLOR,
      barWidth: '70%',
      showBackground: true,
      backgroundStyle: { color: ZERO_BACKGROUND },
      label: {
        show: true,
        // Inside a bar that would push its label over the heading.
        position: percent > 82 ? 'insideTop' : 'top',
        color: percent > 82 ? '#ffffff' : TEXT_COLOR,
        fontFamily: FONT_FAMILY,
        fontSize: SMALL_FONT_SIZE,
        // Whole percent: the column is narrow (the tooltip has the decimal).
        formatter: () => (share === null ? '–' : `${Math.round(share * 100)}%`),
      },
    });
    gridIndex++;
    plotLeft = frame.left + frame.width * (ZERO_SLOT + ZERO_GAP);
    plotWidth = frame.width * (1 - ZERO_SLOT - ZERO_GAP);
  }

  pieces.grid.push(plotGrid(plotLeft, plotWidth, frame));
  pieces.xAxis.push({
    type: 'value',
    gridIndex,
    min: range.min,
    max: range.max,
    name: input.valueAxisName,
    nameLocation: 'middle',
    nameGap: 24,
    nameTextStyle: axisName,
    axisLabel: { ...axisLabel, hideOverlap: true, showMinLabel: input.labelEnds, showMaxLabel: input.labelEnds, formatter: (v: number) => formatNumber(v, 2) },
    axisLine: { onZero: false, lineStyle: { color: AXIS_LINE_COLOR } },
    splitLine: { show: false },
  } as XAxisOption);
  pieces.yAxis.push({
    type: 'value',
    gridIndex,
    min: 0,
    name: input.heightAxisName,
    nameLocation: 'middle',
    nameGap: 34,
    nameTextStyle: axisName,
    axisLabel: { ...axisLabel, formatter: heightTick },
    splitNumber: 3,
    // At the panel's left edge, not at x = 0 of the value axis.
    axisLine: { show: false, onZero: false },
    splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
  } as YAxisOption);
  const heights = barHeights(shown, input.heights, total);
  pieces.series.push({
    type: 'line',
    id: input.seriesId,
    name: input.seriesName,
    xAxisIndex: gridIndex,
    yAxisIndex: gridIndex,
    data: outlinePoints(shown, heights),
    color: input.color,
    // Steps at the bin edges: the bars' outline, filled; a spike narrower than a pixel still shows as its stroke.
    step: 'middle',
    showSymbol: false,
    lineStyle: { width: 1.5 },
    areaStyle: { opacity: 0.55 },
    emphasis: { disabled: true },
  });
  pieces.series.push(narrowLabel(input, shown, heights, gridIndex, th));
  return pieces;
}
