import type { DiagnosticsEvent, Histogram } from '$engine/api/events';
import type { ChartTranslate } from '../i18n/messages/charts';
import { formatPercent } from '../text/percent-text';
import type { ChartOption, GridOption, SeriesOption, TitleOption, XAxisOption, YAxisOption } from './chart-option';
import {
  AXIS_LINE_COLOR,
  COLORS,
  FONT_FAMILY,
  FONT_SIZE,
  GRID_LINE_COLOR,
  MUTED_COLOR,
  SMALL_FONT_SIZE,
  TEXT_COLOR,
  TEXT_STYLE,
  chartFileName,
  chartLegend,
  chartTitle,
  chartToolbox,
  chartTooltip,
  formatNumber,
  layerLabel,
  subtitle,
  type CommonChartOptions,
} from './chart-style';

/** One small histogram: a layer's values with their own auto-ranged bins. */
export interface HistogramPanel {
  /** The panel's heading, e.g. "층 2 (sigmoid)". */
  label: string;
  histogram: Histogram;
  mean: number | null;
  std: number | null;
  /** Weights only: the fraction exactly 0 (L1's signature) and with |w| < 0.001. */
  zeroFraction?: number;
  nearZeroFraction?: number;
}

/** What the panels show: activations a = f(z), their inputs z, or the weights W. */
export type HistogramKind = 'activation' | 'preactivation' | 'weight';

export interface SmallMultiplesOptions extends CommonChartOptions {
  /** Panels per row (default: up to 4, fewer for small networks). */
  columns?: number;
  /** Height of one panel in px (default PANEL_HEIGHT); the chart should be smallMultiplesHeight(…) tall. */
  panelHeight?: number;
  /** The step and epoch the panels describe, for the subtitle and file name. */
  step?: number | null;
  epoch?: number | null;
}

/** Default height of one panel (heading, plot, axis labels and name). */
export const PANEL_HEIGHT = 220;
/** Above the panels: the chart's title and subtitle. */
const HEADER_HEIGHT = 64;
/** Below the panels: the legend. */
const FOOTER_HEIGHT = 40;
/** Within a panel, above its plot: the panel's heading and one or two lines of statistics. */
const PANEL_HEADING = { activation: 52, preactivation: 52, weight: 70 } as const;

/** Panels per row for `count` panels: all in one row up to 4, 3 per row up to 6, else 4. */
export function defaultColumns(count: number): number {
  if (count <= 4) return Math.max(1, count);
  return count <= 6 ? 3 : 4;
}

/** The height in px a small-multiples chart of `count` panels needs. */
export function smallMultiplesHeight(count: number, columns = defaultColumns(count), panelHeight = PANEL_HEIGHT): number {
  return HEADER_HEIGHT + Math.max(1, Math.ceil(count / Math.max(1, columns))) * panelHeight + FOOTER_HEIGHT;
}

/** The activation (a = f(z)) or pre-activation (z) histogram of every layer in a diagnostics snapshot. */
export function activationPanels(snapshot: DiagnosticsEvent, t: ChartTranslate, kind: 'activation' | 'preactivation' = 'activation'): HistogramPanel[] {
  const count = snapshot.layers.length;
  return snapshot.layers.map((layer) => {
    const values = layer[kind];
    return { label: layerLabel(t, layer, count), histogram: values.histogram, mean: values.mean, std: values.std };
  });
}

/** The weight histogram of every layer in a diagnostics snapshot, with its exact-zero and near-zero fractions. */
export function weightPanels(snapshot: DiagnosticsEvent, t: ChartTranslate): HistogramPanel[] {
  const count = snapshot.layers.length;
  return snapshot.layers.map((layer) => ({
    label: layerLabel(t, layer, count),
    histogram: layer.weights.histogram,
    mean: layer.weights.mean,
    std: layer.weights.std,
    zeroFraction: layer.weights.zeroFraction,
    nearZeroFraction: layer.weights.nearZeroFraction,
  }));
}

const KIND_TEXT = {
  activation: { title: 'activationTitle', series: 'activationSeries', axis: 'axisActivation', count: 'axisCountValues', color: COLORS.activation, file: 'activations' },
  preactivation: { title: 'preactivationTitle', series: 'preactivationSeries', axis: 'axisPreactivation', count: 'axisCountValues', color: COLORS.preactivation, file: 'preactivations' },
  weight: { title: 'weightTitle', series: 'weightSeries', axis: 'axisWeight', count: 'axisCountWeights', color: COLORS.weight, file: 'weights' },
} as const;

/**
 * Histograms as small multiples, one panel per layer, each on its own auto-ranged bins (a shared
 * range would flatten ReLU's tall layers or hide tanh's negative values) with its mean and standard
 * deviation in the heading (and for weights the fraction of exact zeros: L1 makes many, L2 none).
 *
 * Each panel is a grid with two x axes: a hidden category axis that places one bar per bin edge to
 * edge, and a value axis from the first edge to the last that gives readable ticks in data units.
 */
export function histogramGridOption(panels: readonly HistogramPanel[], t: ChartTranslate, kind: HistogramKind, options: SmallMultiplesOptions = {}): ChartOption {
  const text = KIND_TEXT[kind];
  const columns = Math.max(1, Math.floor(options.columns ?? defaultColumns(panels.length)));
  const panelHeight = options.panelHeight ?? PANEL_HEIGHT;
  const width = 100 / columns;
  const seriesName = t(text.series);
  const at = options.step !== null && options.step !== undefined ? t('subtitleAtStep', { step: options.step, epoch: options.epoch ?? 0 }) : null;

  const titles: TitleOption[] = [chartTitle(t(text.title), subtitle(t, options.runName, panels.length === 0 ? t('noData') : at))];
  const grids: GridOption[] = [];
  const xAxes: XAxisOption[] = [];
  const yAxes: YAxisOption[] = [];
  const series: SeriesOption[] = [];

  panels.forEach((panel, k) => {
    const column = k % columns;
    const row = Math.floor(k / columns);
    const top = HEADER_HEIGHT + row * panelHeight;
    const { edges, counts } = panel.histogram;
    const low = edges[0] ?? 0;
    const high = edges[edges.length - 1] ?? 1;

    titles.push({
      text: panel.label,
      subtext: panelStatistics(panel, t),
      left: `${column * width + 1}%`,
      top,
      itemGap: 3,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, fontWeight: 'bold', color: TEXT_COLOR },
      subtextStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR, lineHeight: 16 },
    });
    grids.push({
      left: `${column * width + 1}%`,
      width: `${width - 3}%`,
      top: top + PANEL_HEADING[kind],
      height: panelHeight - PANEL_HEADING[kind] - 12,
      // Shrink the plot so its tick labels and axis names stay inside the panel.
      outerBoundsMode: 'same',
      outerBoundsContain: 'all',
    });
    xAxes.push(
      { type: 'category', gridIndex: k, show: false, data: counts.map((_, i) => i) },
      {
        type: 'value',
        gridIndex: k,
        position: 'bottom',
        min: low,
        max: high > low ? high : low + 1,
        name: t(text.axis),
        nameLocation: 'middle',
        nameGap: 26,
        nameTextStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: TEXT_COLOR },
        // Nice ticks only: the auto-ranged ends are odd numbers (the heading gives the spread).
        axisLabel: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR, hideOverlap: true, showMinLabel: false, showMaxLabel: false, formatter: (v: number) => formatNumber(v, 2) },
        axisLine: { lineStyle: { color: AXIS_LINE_COLOR } },
        splitLine: { show: false },
      },
    );
    yAxes.push({
      type: 'value',
      gridIndex: k,
      min: 0,
      name: t(text.count),
      nameLocation: 'middle',
      nameGap: 40,
      nameTextStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: TEXT_COLOR },
      axisLabel: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR, formatter: (v: number) => formatNumber(v, 2) },
      splitNumber: 3,
      // At the panel's left edge, not at x = 0 of the value axis.
      axisLine: { show: false, onZero: false },
      splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
    });
    series.push({
      type: 'bar',
      name: seriesName,
      color: text.color,
      xAxisIndex: 2 * k,
      yAxisIndex: k,
      data: [...counts],
      barCategoryGap: '6%',
      large: false,
    });
  });

  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: titles,
    toolbox: chartToolbox(t, chartFileName(text.file, options.runName, options.step)),
    legend: chartLegend(series.length > 0 ? [seriesName] : []),
    tooltip: {
      ...chartTooltip('item'),
      formatter: (params: unknown) => binTooltip(panels, t, params),
    },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  };
}

/** The activation or pre-activation histograms of a diagnostics snapshot as small multiples. */
export function activationHistogramsOption(snapshot: DiagnosticsEvent | null, t: ChartTranslate, kind: 'activation' | 'preactivation', options: SmallMultiplesOptions = {}): ChartOption {
  const panels = snapshot ? activationPanels(snapshot, t, kind) : [];
  return histogramGridOption(panels, t, kind, { step: snapshot?.step, epoch: snapshot?.epoch, ...options });
}

/** The weight histograms of a diagnostics snapshot as small multiples. */
export function weightHistogramsOption(snapshot: DiagnosticsEvent | null, t: ChartTranslate, options: SmallMultiplesOptions = {}): ChartOption {
  const panels = snapshot ? weightPanels(snapshot, t) : [];
  return histogramGridOption(panels, t, 'weight', { step: snapshot?.step, epoch: snapshot?.epoch, ...options });
}

/** "mean 0.5 · std 0.21", and for weights a second line with the zero fractions. */
function panelStatistics(panel: HistogramPanel, t: ChartTranslate): string {
  const lines = [t('meanStd', { mean: formatNumber(panel.mean), std: formatNumber(panel.std) })];
  if (panel.zeroFraction !== undefined) lines.push(t('zeroWeights', { zero: formatPercent(panel.zeroFraction), near: formatPercent(panel.nearZeroFraction) }));
  return lines.join('\n');
}

/** The tooltip of one bar: its bin's range and count. */
function binTooltip(panels: readonly HistogramPanel[], t: ChartTranslate, params: unknown): string {
  const { seriesIndex, dataIndex } = params as { seriesIndex?: number; dataIndex?: number };
  const panel = panels[seriesIndex ?? -1];
  if (!panel || dataIndex === undefined) return '';
  const { edges, counts } = panel.histogram;
  const range = t('tooltipBin', { from: formatNumber(edges[dataIndex]), to: formatNumber(edges[dataIndex + 1]), count: counts[dataIndex] ?? 0 });
  return `${panel.label}<br/>${range}`;
}
