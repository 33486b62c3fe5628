import type { DiagnosticsEvent, Histogram } from '$engine/api/events';
import type { HistogramTranslators } from '../i18n/messages/histograms';
import { formatPercent } from '../text/percent-text';
import type { ChartOption, GridOption, SeriesOption, TitleOption, XAxisOption, YAxisOption } from './chart-option';
import {
  COLORS,
  FONT_FAMILY,
  FONT_SIZE,
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
  type CommonChartOptions,
} from './chart-style';
import { histogramPanel } from './histogram-panel';
import { rangeNote, histogramTooltip, type TooltipEntry } from './histogram-figure';
import { activationRange, figureRange, ownRange, spreadText, zerosApart, type HistogramKind, type HistogramRangeMode, type ValueRange } from './histogram-shapes';

export type { HistogramKind, HistogramRangeMode } from './histogram-shapes';

/** One small histogram: a layer's values with the engine's auto-ranged bins. */
export interface HistogramPanel {
  /** The panel's heading, e.g. "층 2 (sigmoid)". */
  label: string;
  histogram: Histogram;
  mean: number | null;
  std: number | null;
  /** The layer's activation function: sigmoid and tanh fix the activations' range (0…1, −1…1). */
  activationName?: string;
  /** Weights only: the fraction exactly 0 (L1's signature) and with |w| < 0.001. */
  zeroFraction?: number;
  nearZeroFraction?: number;
}

export interface SmallMultiplesOptions extends CommonChartOptions {
  /** Panels per row (default: up to 4, fewer for small networks). */
  columns?: number;
  /** Height of one panel in px (default PANEL_HEIGHT); the chart should be smallMultiplesHeight(…) tall. */
  panelHeight?: number;
  /** The step and epoch the panels describe, for the subtitle and file name. */
  step?: number | null;
  epoch?: number | null;
  /** One x range for every panel (default, the textbook's way) or each panel its own. */
  range?: HistogramRangeMode;
}

/** Default height of one panel (heading, plot, axis labels and name). */
export const PANEL_HEIGHT = 220;
/** Above the panels: the chart's title and subtitle (two lines). */
const HEADER_HEIGHT = 70;
/** Below the panels: the legend. */
const FOOTER_HEIGHT = 40;
/** Within a panel, above its plot: the panel's heading and two or three lines of statistics. */
const PANEL_HEADING = { activation: 54, preactivation: 54, weight: 70 } as const;

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
export function activationPanels(snapshot: DiagnosticsEvent, tr: HistogramTranslators, kind: 'activation' | 'preactivation' = 'activation'): HistogramPanel[] {
  const count = snapshot.layers.length;
  return snapshot.layers.map((layer) => {
    const values = layer[kind];
    return { label: layerLabel(tr.chart, layer, count), histogram: values.histogram, mean: values.mean, std: values.std, activationName: layer.activationName };
  });
}

/** The weight histogram of every layer in a diagnostics snapshot, with its exact-zero and near-zero fractions. */
export function weightPanels(snapshot: DiagnosticsEvent, tr: HistogramTranslators): HistogramPanel[] {
  const count = snapshot.layers.length;
  return snapshot.layers.map((layer) => ({
    label: layerLabel(tr.chart, layer, count),
    histogram: layer.weights.histogram,
    mean: layer.weights.mean,
    std: layer.weights.std,
    activationName: layer.activationName,
    zeroFraction: layer.weights.zeroFraction,
    nearZeroFraction: layer.weights.nearZeroFraction,
  }));
}

const KIND_TEXT = {
  activation: { title: 'activationTitle', series: 'activationSeries', axis: 'axisActivation', count: 'axisCountValues', color: COLORS.activation, file: 'activations' },
  preactivation: { title: 'preactivationTitle', series: 'preactivationSeries', axis: 'axisPreactivation', count: 'axisCountValues', color: COLORS.preactivation, file: 'preactivations' },
  weight: { title: 'weightTitle', series: 'weightSeries', axis: 'axisWeight', count: 'axisCountWeights', color: COLORS.weight, file: 'weights' },
} as const;

/** Each panel's x range: the figure's one range, or in per-layer mode the panel's own. */
export function panelRanges(panels: readonly HistogramPanel[], kind: HistogramKind, mode: HistogramRangeMode = 'shared'): ValueRange[] {
  if (mode === 'per-layer') return panels.map((panel) => ownRange(panel.histogram));
  const shared = figureRange(panels.map((panel) => ({ histogram: panel.histogram, bounds: activationRange(kind, panel.activationName) })));
  return panels.map(() => shared);
}

/**
 * Histograms as small multiples, one panel per layer, every panel on ONE x range by default (the
 * activation's own for sigmoid 0…1 and tanh −1…1, else one range over all layers; `range:
 * 'per-layer'` gives each its own), each histogram at its true bin edges on it: a layer whose
 * values collapse is a thin tall spike, not a bell like its neighbours'. Each heading gives the
 * layer's standard deviation and its ratio to layer 1's, and the mean (for weights also the share
 * of exact zeros: L1 makes many, L2 none). When ReLU puts a share of the values at exactly 0, every
 * panel shows that share as a grey bar at its left and the other values beside it on their own
 * count scale, so the zero spike does not flatten them.
 */
export function histogramGridOption(panels: readonly HistogramPanel[], tr: HistogramTranslators, kind: HistogramKind, options: SmallMultiplesOptions = {}): ChartOption {
  const t = tr.chart;
  const text = KIND_TEXT[kind];
  const mode = options.range ?? 'shared';
  const columns = Math.max(1, Math.floor(options.columns ?? defaultColumns(panels.length)));
  const panelHeight = options.panelHeight ?? PANEL_HEIGHT;
  const width = 100 / columns;
  const seriesName = t(text.series);
  const at = options.step !== null && options.step !== undefined ? t('subtitleAtStep', { step: options.step, epoch: options.epoch ?? 0 }) : null;
  const ranges = panelRanges(panels, kind, mode);
  const apart = zerosApart(kind, panels.map((panel) => panel.histogram));
  const firstStd = panels[0]?.std ?? null;

  const notes = panels.length === 0 ? [t('noData')] : [at, rangeNote(tr, panels, kind, mode, ranges[0] ?? null, false), apart ? tr.histogram('noteZeros') : null];
  const titles: TitleOption[] = [chartTitle(t(text.title), subtitle(t, options.runName, notes.filter(Boolean).join(' · ')))];
  const grids: GridOption[] = [];
  const xAxes: XAxisOption[] = [];
  const yAxes: YAxisOption[] = [];
  const series: SeriesOption[] = [];
  const entries = new Map<string, TooltipEntry>();

  panels.forEach((panel, k) => {
    const column = k % columns;
    const row = Math.floor(k / columns);
    const top = HEADER_HEIGHT + row * panelHeight;
    titles.push({
      text: panel.label,
      subtext: panelStatistics(panel, tr, firstStd, k === 0),
      left: `${column * width + 1}%`,
      top,
      itemGap: 3,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, fontWeight: 'bold', color: TEXT_COLOR },
      subtextStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR, lineHeight: 16 },
    });
    const id = `panel${k}`;
    const pieces = histogramPanel(
      {
        frame: { left: column * width + 1, width: width - 3, top: top + PANEL_HEADING[kind], height: panelHeight - PANEL_HEADING[kind] - 12 },
        histogram: panel.histogram,
        range: ranges[k]!,
        zerosApart: apart,
        heights: 'count',
        color: text.color,
        seriesName,
        zeroSeriesName: tr.histogram('zeroAxis'),
        seriesId: id,
        valueAxisName: t(text.axis),
        heightAxisName: t(text.count),
        labelEnds: mode === 'shared',
      },
      grids.length,
      tr.histogram,
    );
    grids.push(...pieces.grid);
    xAxes.push(...pieces.xAxis);
    yAxes.push(...pieces.yAxis);
    series.push(...pieces.series);
    entries.set(id, { heading: panel.label, histogram: panel.histogram, zerosApart: apart });
  });

  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: titles,
    download: chartDownload(t, chartFileName(text.file, options.runName, options.step)),
    // A filled square: the legend entry looks like the filled bars, not like a line with points.
    legend: { ...chartLegend(series.length > 0 ? [seriesName] : []), icon: 'roundRect', itemWidth: 16, itemHeight: 12 },
    tooltip: { ...chartTooltip('axis'), formatter: histogramTooltip(tr, entries) },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  };
}

/** The activation or pre-activation histograms of a diagnostics snapshot as small multiples. */
export function activationHistogramsOption(snapshot: DiagnosticsEvent | null, tr: HistogramTranslators, kind: 'activation' | 'preactivation', options: SmallMultiplesOptions = {}): ChartOption {
  const panels = snapshot ? activationPanels(snapshot, tr, kind) : [];
  return histogramGridOption(panels, tr, kind, { step: snapshot?.step, epoch: snapshot?.epoch, ...options });
}

/** The weight histograms of a diagnostics snapshot as small multiples. */
export function weightHistogramsOption(snapshot: DiagnosticsEvent | null, tr: HistogramTranslators, options: SmallMultiplesOptions = {}): ChartOption {
  const panels = snapshot ? weightPanels(snapshot, tr) : [];
  return histogramGridOption(panels, tr, 'weight', { step: snapshot?.step, epoch: snapshot?.epoch, ...options });
}

/**
 * A panel's heading lines: "표준편차 0.012 (층 1의 0.025배)", "평균 0.5", and for weights the
 * shares of exact and near zeros.
 */
function panelStatistics(panel: HistogramPanel, tr: HistogramTranslators, firstStd: number | null, isFirst: boolean): string {
  const lines = [spreadText(tr.histogram, panel.std, firstStd, isFirst), tr.histogram('mean', { mean: formatNumber(panel.mean) })];
  if (panel.zeroFraction !== undefined) lines.push(tr.chart('zeroWeights', { zero: formatPercent(panel.zeroFraction), near: formatPercent(panel.nearZeroFraction) }));
  return lines.join('\n');
}
