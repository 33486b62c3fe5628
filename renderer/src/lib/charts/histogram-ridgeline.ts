import type { DiagnosticsEvent, Histogram } from '$engine/api/events';
import type { HistogramTranslators } from '../i18n/messages/histograms';
import { formatPercent } from '../text/percent-text';
import type { ChartOption, SeriesOption, YAxisOption } from './chart-option';
import {
  AXIS_LINE_COLOR,
  COLORS,
  FONT_FAMILY,
  GRID_LINE_COLOR,
  MUTED_COLOR,
  SMALL_FONT_SIZE,
  TEXT_COLOR,
  TEXT_STYLE,
  chartFileName,
  chartLegend,
  chartTitle,
  chartDownload,
  chartTooltip,
  formatNumber,
  layerLabel,
  subtitle,
  valueXAxis,
  type CommonChartOptions,
} from './chart-style';
import {
  activationRange,
  figureRange,
  outlinePoints,
  withoutZeros,
  zeroShare,
  zerosApart,
  type HistogramKind,
  type HistogramRangeMode,
  type OutlinePoint,
  type ValueRange,
} from './histogram-shapes';
import type { LayerInfo } from './run-series';
import { thinIndices } from './run-series';

/**
 * A layer's distribution over training, TensorBoard's "offset" histogram view: the layer's
 * histogram at successive diagnostics snapshots, one row each, the oldest at the top (at the
 * back), the newest at the bottom (in front), every row on the figure's one x range. A student
 * sees the distribution narrow to a spike (vanishing), pile up at the ends (saturation) or stay put.
 */

/** At most this many rows (snapshots evenly spread, the first and last always kept). */
export const MAX_RIDGE_ROWS = 12;
/** A row's peak, in row spacings: rows overlap a little, as ridgelines do. */
const RIDGE_PEAK = 1.7;
/** Chart height in px. */
export const RIDGELINE_HEIGHT = 440;

export interface RidgelineOptions extends CommonChartOptions {
  /** At most this many rows (default MAX_RIDGE_ROWS). */
  maxRows?: number;
  /** The figure's one range over every layer (default) or this layer's own. */
  range?: HistogramRangeMode;
}

const KIND = {
  activation: { name: 'kindActivation', axis: 'axisActivation', color: COLORS.activation, file: 'activations' },
  preactivation: { name: 'kindPreactivation', axis: 'axisPreactivation', color: COLORS.preactivation, file: 'preactivations' },
  weight: { name: 'kindWeight', axis: 'axisWeight', color: COLORS.weight, file: 'weights' },
} as const;

/** The layer a ridgeline shows first: the last hidden layer (where a collapse has gone furthest), or the only one. */
export function defaultRidgeLayer(layers: readonly LayerInfo[]): number {
  const known = layers.filter((layer): layer is LayerInfo => layer !== undefined);
  return (known.length >= 2 ? known[known.length - 2] : known[0])?.layer ?? 0;
}

/** One row: a snapshot's step and the layer's histogram of `kind` then. */
export interface RidgeRow {
  step: number;
  histogram: Histogram;
}

/** A layer's histogram of `kind` in a snapshot; null when the snapshot lacks the layer or its histograms (a live view's thinned snapshot). */
function histogramOf(snapshot: DiagnosticsEvent, layer: number, kind: HistogramKind): Histogram | null {
  const info = snapshot.layers.find((l) => l.layer === layer);
  const histogram = info ? (kind === 'weight' ? info.weights.histogram : info[kind].histogram) : null;
  return histogram && histogram.counts.length > 0 ? histogram : null;
}

/** The snapshots that carry the layer's histogram of `kind`, thinned to `maxRows` (first and last kept), oldest first. */
function shownSnapshots(snapshots: readonly DiagnosticsEvent[], layer: number, kind: HistogramKind, maxRows: number): DiagnosticsEvent[] {
  const having = snapshots.filter((snapshot) => histogramOf(snapshot, layer, kind) !== null);
  return thinIndices(having.length, maxRows).map((i) => having[i]!);
}

/** The layer's histogram of `kind` at each snapshot that carries one, thinned to `maxRows`, oldest first. */
export function ridgeRows(snapshots: readonly DiagnosticsEvent[], layer: number, kind: HistogramKind, maxRows = MAX_RIDGE_ROWS): RidgeRow[] {
  return shownSnapshots(snapshots, layer, kind, maxRows).map((snapshot) => ({ step: snapshot.step, histogram: histogramOf(snapshot, layer, kind)! }));
}

/**
 * The rows' x range: by default the figure's shared one, over every layer of the shown snapshots
 * (sigmoid 0…1, tanh −1…1, else the union of their values), so the chart keeps its axis when the
 * student picks another layer and a layer that has collapsed is a spike at 0, as in the panels;
 * in per-layer mode, over this layer's rows only.
 */
function ridgeRange(shown: readonly DiagnosticsEvent[], layer: number, kind: HistogramKind, mode: HistogramRangeMode): ValueRange {
  if (mode === 'per-layer') return figureRange(shown.map((snapshot) => ({ histogram: histogramOf(snapshot, layer, kind)!, bounds: null })));
  return figureRange(
    shown.flatMap((snapshot) =>
      snapshot.layers.flatMap((info) => {
        const histogram = histogramOf(snapshot, info.layer, kind);
        return histogram ? [{ histogram, bounds: activationRange(kind, info.activationName) }] : [];
      }),
    ),
  );
}

/** #rrggbb between `from` (t = 0) and `to` (t = 1). */
function mix(from: string, to: string, t: number): string {
  const channel = (hex: string, k: number) => parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16);
  const parts = [0, 1, 2].map((k) => Math.round(channel(from, k) + (channel(to, k) - channel(from, k)) * t));
  return `#${parts.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The ridgeline of layer `layer` (0-based) over `snapshots` (in step order; those without
 * histograms, as the live view's thinned ones, are skipped): one line series per shown snapshot in
 * time order, each its histogram's outline at its true edges lifted to its row and filled down to
 * it, newer rows drawn in front. Every row is on one x range, by default the same for every layer
 * (sigmoid 0…1, tanh −1…1, else the union of all layers' values; see ridgeRange), so a collapsed
 * layer is a spike at 0 as in the panels; each row's height is scaled to its own peak (the lesson is in
 * where the values lie and how wide they spread). With ReLU's share at exactly 0, the rows show
 * the other values and a right-hand axis gives each row's share at 0.
 */
export function histogramRidgelineOption(
  snapshots: readonly DiagnosticsEvent[],
  layer: number,
  tr: HistogramTranslators,
  kind: HistogramKind,
  options: RidgelineOptions = {},
): ChartOption {
  const t = tr.chart;
  const th = tr.histogram;
  const text = KIND[kind];
  const mode = options.range ?? 'shared';
  const shown = shownSnapshots(snapshots, layer, kind, options.maxRows ?? MAX_RIDGE_ROWS);
  const rows: RidgeRow[] = shown.map((snapshot) => ({ step: snapshot.step, histogram: histogramOf(snapshot, layer, kind)! }));
  const last = [...snapshots].reverse().find((snapshot) => snapshot.layers.some((l) => l.layer === layer));
  const info = last?.layers.find((l) => l.layer === layer);
  const label = info ? layerLabel(t, info, last!.layers.length) : t('layer', { n: layer + 1 });
  const range = ridgeRange(shown, layer, kind, mode);
  const apart = zerosApart(kind, rows.map((row) => row.histogram));
  const count = rows.length;
  /** Row i (0 = oldest) sits at height count − 1 − i: the newest at the bottom. */
  const baseOf = (i: number) => count - 1 - i;
  const top = Math.max(1, count - 1 + RIDGE_PEAK + 0.15);

  const series: SeriesOption[] = rows.map((row, i) => {
    const drawn = apart ? withoutZeros(row.histogram) : row.histogram;
    const peak = Math.max(0, ...drawn.counts);
    const age = count <= 1 ? 1 : i / (count - 1);
    return {
      type: 'line',
      id: `row${i}`,
      name: String(row.step),
      data: outlinePoints(drawn, drawn.counts.map((c) => (peak > 0 ? (c / peak) * RIDGE_PEAK : 0)), baseOf(i)),
      step: 'middle',
      showSymbol: false,
      color: text.color,
      lineStyle: { width: 1.25, color: mix('#ffffff', text.color, 0.45 + 0.55 * age) },
      // Opaque, newer in front: each row hides what lies behind it, as in TensorBoard's offset view.
      areaStyle: { origin: baseOf(i), opacity: 1, color: mix('#ffffff', text.color, 0.12 + 0.5 * age) },
      z: 2 + i,
      emphasis: { disabled: true },
    };
  });

  const rowAxis = (position: 'left' | 'right', name: string, label: (i: number) => string): YAxisOption =>
    ({
      type: 'value',
      position,
      min: 0,
      max: top,
      interval: 1,
      name,
      // Above the axis, level: a column heading over the steps (and the shares at 0).
      nameLocation: 'end',
      nameGap: 8,
      nameTextStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: TEXT_COLOR, fontWeight: 'bold', align: position === 'left' ? 'right' : 'left' },
      axisLabel: {
        fontFamily: FONT_FAMILY,
        fontSize: SMALL_FONT_SIZE,
        color: MUTED_COLOR,
        showMaxLabel: false,
        formatter: (v: number) => {
          const i = count - 1 - Math.round(v);
          return Math.abs(v - Math.round(v)) < 1e-9 && i >= 0 && i < count ? label(i) : '';
        },
      },
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { show: position === 'left', lineStyle: { color: GRID_LINE_COLOR } },
    }) as YAxisOption;

  const yAxis = [rowAxis('left', th('axisSnapshotStep'), (i) => String(rows[i]!.step))];
  if (apart) yAxis.push(rowAxis('right', th('axisZeroShare'), (i) => formatPercent(zeroShare(rows[i]!.histogram), { sign: true })));

  const rangeText = mode === 'shared' ? th('ridgelineRange', { min: formatNumber(range.min), max: formatNumber(range.max) }) : th('ridgelineOwnRange', { min: formatNumber(range.min), max: formatNumber(range.max) });
  const note = count === 0 ? t('noData') : [th('ridgelineNote'), rangeText].join(' · ');
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(th('ridgelineTitle', { layer: label, kind: th(text.name) }), subtitle(t, options.runName, note)),
    download: chartDownload(t, chartFileName(`${text.file}-over-time-layer${layer + 1}`, options.runName)),
    legend: chartLegend([]),
    tooltip: { ...chartTooltip('axis'), formatter: ridgeTooltip(tr, rows, apart) },
    grid: { left: 76, right: apart ? 84 : 36, top: 96, bottom: 56 },
    xAxis: valueXAxis(t(text.axis), {
      min: range.min,
      max: range.max,
      axisLine: { onZero: false, lineStyle: { color: AXIS_LINE_COLOR } },
      axisLabel: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR, hideOverlap: true, formatter: (v: number) => formatNumber(v, 2) },
    }),
    yAxis,
    series,
  };
}

/** The tooltip: each row's bin under the pointer (the newest first), and its share at 0 when shown apart. */
function ridgeTooltip(tr: HistogramTranslators, rows: readonly RidgeRow[], apart: boolean): (params: unknown) => string {
  return (params: unknown) => {
    const list = (Array.isArray(params) ? params : [params]) as { seriesId?: string; value?: unknown; marker?: string }[];
    const lines: { row: number; text: string }[] = [];
    for (const param of list) {
      const index = Number((param.seriesId ?? '').replace('row', ''));
      const row = rows[index];
      const value = param.value as OutlinePoint | undefined;
      if (!row || !Array.isArray(value)) continue;
      const [, , from, to, count] = value;
      let text = tr.histogram('tooltipRidge', { step: row.step, from: formatNumber(from), to: formatNumber(to), count });
      if (apart) text += ` · ${tr.histogram('zeroShare', { percent: formatPercent(zeroShare(row.histogram)) })}`;
      lines.push({ row: index, text: `${param.marker ?? ''}${text}` });
    }
    return lines
      .sort((a, b) => b.row - a.row)
      .map((line) => line.text)
      .join('<br/>');
  };
}
