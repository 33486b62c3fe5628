import type { ChartOption, SeriesOption } from '../charts/chart-option';
import { AXIS_LINE_COLOR, FONT_FAMILY, FONT_SIZE, MUTED_COLOR, chartFileName, chartTitle, chartDownload, finiteOrNull, forLogAxis, formatNumber, valueXAxis, valueYAxis } from '../charts/chart-style';
import { tooltipText } from '../charts/chart-text';
import type { ChartTranslate } from '../i18n/messages/charts';
import type { ClassTranslate } from '../i18n/messages/class';
import { countedForEither } from '../i18n/plural';
import type { PresetPanel, StripPoint } from './class-view-model';

/**
 * The class view's two charts of a preset: the strip plot of the key number (a dot per student,
 * the quartiles' box behind them) and every student's loss curve drawn faintly under the class's
 * median and inter-quartile band. Every name in them comes from the view model (stand-ins in
 * projector mode); a data point's or a faint curve's `name`/`id` carries its run id, which is
 * what a click opens.
 */

export interface ClassChartOptions {
  /** Projector mode: every font this much larger (and the margins with them), and no download button. */
  fontScale?: number;
}

/** Colours of the verdicts (Okabe–Ito: blue, vermillion; grey for none). */
export const VERDICT_COLORS = { reproduced: '#0072B2', 'not-reproduced': '#D55E00', none: '#8a94a6' } as const;
/** A verdict's marker besides its colour, so verdicts stay apart in greyscale and for any colour vision (outliers are diamonds). */
export const VERDICT_SYMBOLS = { reproduced: 'circle', 'not-reproduced': 'triangle', none: 'rect' } as const;
const BAND_COLOR = '#0072B2';
const FAINT_OPACITY = 0.28;

/** A faint curve's series id: its run, for a click. */
export const CURVE_ID_PREFIX = 'run:';

/** The run id a click on a class chart is about (a dot's name or a faint curve's series id), or null. */
export function clickedRunId(params: { seriesId?: string; name?: string; componentType?: string; seriesType?: string }): string | null {
  if (params.seriesType === 'scatter' && params.name) return params.name;
  if (params.seriesId?.startsWith(CURVE_ID_PREFIX)) return params.seriesId.slice(CURVE_ID_PREFIX.length);
  return null;
}

/** `option` with every fontSize (and itemSize) multiplied by `factor`. */
export function enlargeFonts<T>(option: T, factor: number): T {
  if (factor === 1) return option;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, (key === 'fontSize' || key === 'itemSize') && typeof item === 'number' ? Math.round(item * factor) : walk(item)]));
    }
    return value;
  };
  return walk(option) as T;
}

/** Lines of text as a tooltip's HTML: each line plain text, lines apart. */
const html = (text: string) => text.split('\n').map(tooltipText).join('<br>');

/** Where the dots of a strip lie (x in [-1, 1] units of the strip's width). */
const DOT_SPREAD = 0.5;
const BOX_HALF_WIDTH = 0.75;

/** The strip plot of a preset's key number: one dot per student, coloured by verdict, outliers as diamonds, over the box of the quartiles. */
export function stripPlotOption(panel: PresetPanel, tc: ClassTranslate, tchart: ChartTranslate, options: ClassChartOptions = {}): ChartOption {
  const scale = options.fontScale ?? 1;
  const log = panel.scale === 'log';
  const map = log ? forLogAxis : finiteOrNull;
  const byRun = new Map<string, StripPoint>(panel.points.map((point) => [point.runId, point]));
  const groups: { key: keyof typeof VERDICT_COLORS; name: string; points: StripPoint[] }[] = [
    { key: 'reproduced', name: tc('reproduced'), points: panel.points.filter((p) => p.verdict === 'reproduced') },
    { key: 'not-reproduced', name: tc('notReproduced'), points: panel.points.filter((p) => p.verdict === 'not-reproduced') },
    { key: 'none', name: tc('notYet'), points: panel.points.filter((p) => p.verdict !== 'reproduced' && p.verdict !== 'not-reproduced') },
  ];
  const series: SeriesOption[] = [];
  const stats = panel.stats;
  if (stats && map(stats.q1) !== null && map(stats.q3) !== null) {
    const [left, right] = [-BOX_HALF_WIDTH, BOX_HALF_WIDTH];
    // The box: its top edge filled down to q1 (areaStyle's origin), outlined all round; the median across it.
    series.push({
      type: 'line',
      id: 'box',
      name: tc('band'),
      data: [[left, stats.q3], [right, stats.q3]],
      showSymbol: false,
      silent: true,
      lineStyle: { width: 0 },
      areaStyle: { origin: stats.q1, color: 'rgba(0, 114, 178, 0.10)' },
      z: 1,
    });
    series.push({
      type: 'line',
      id: 'box-outline',
      name: tc('band'),
      data: [[left, stats.q1], [right, stats.q1], [right, stats.q3], [left, stats.q3], [left, stats.q1]],
      showSymbol: false,
      silent: true,
      lineStyle: { width: 1, color: AXIS_LINE_COLOR },
      z: 1,
    });
    series.push({ type: 'line', id: 'median', name: tc('median'), data: [[left, stats.median], [right, stats.median]], showSymbol: false, silent: true, lineStyle: { width: 3, color: '#1c2430' }, z: 2 });
  }
  for (const group of groups) {
    series.push({
      type: 'scatter',
      id: `dots-${group.key}`,
      name: group.name,
      color: VERDICT_COLORS[group.key],
      data: group.points.map((point) => ({
        name: point.runId,
        value: [point.jitter * DOT_SPREAD, map(point.value)],
        symbol: point.outlier ? 'diamond' : VERDICT_SYMBOLS[group.key],
        symbolSize: point.outlier ? 16 * scale : 11 * scale,
        itemStyle: point.outlier ? { borderColor: '#1c2430', borderWidth: 1.5 } : { opacity: 0.85 },
      })),
      emphasis: { scale: 1.4 },
      cursor: 'pointer',
      z: 3,
    });
  }
  const option: ChartOption = {
    title: chartTitle(tc('stripTitle', { key: panel.keyLabel }), panel.statsLine),
    ...(scale === 1 ? { download: chartDownload(tchart, chartFileName(`class-${panel.id}-key`)) } : {}),
    tooltip: {
      trigger: 'item',
      confine: true,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE },
      formatter: (params: unknown) => {
        const point = byRun.get((params as { name?: string }).name ?? '');
        return point ? html(point.tooltip) : '';
      },
    },
    legend: { bottom: 6, left: 'center', data: groups.filter((g) => g.points.length > 0).map((g) => g.name), textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE } },
    grid: { left: 56 * scale, right: 24, top: 72 * scale, bottom: 44 * scale },
    xAxis: valueXAxis('', { min: -1, max: 1, show: false }),
    // The title names the key; the axis stands at the left edge, not where the hidden x axis has its zero.
    yAxis: valueYAxis('', log, { scale: true, axisLine: { show: true, onZero: false, lineStyle: { color: AXIS_LINE_COLOR } } }),
    series,
  };
  return enlargeFonts(option, scale);
}

/** Curves with this few points are drawn as points too. */
const FEW_POINTS = 2;

/** Every student's training loss drawn faintly, the class median bold over the inter-quartile band. */
export function classCurvesOption(panel: PresetPanel, tc: ClassTranslate, tchart: ChartTranslate, options: ClassChartOptions = {}): ChartOption {
  const scale = options.fontScale ?? 1;
  const series: SeriesOption[] = panel.curves.map((curve) => ({
    type: 'line',
    id: `${CURVE_ID_PREFIX}${curve.runId}`,
    name: curve.student,
    data: curve.step.map((step, i) => [step, finiteOrNull(curve.loss[i])]),
    // A run of one or two steps (the lecture's one update) is no line to see: its points are.
    showSymbol: curve.step.length <= FEW_POINTS,
    triggerLineEvent: true,
    color: MUTED_COLOR,
    lineStyle: { width: 1, opacity: FAINT_OPACITY },
    // The axis pointer would light every curve at once; a curve is found by clicking it (its run opens).
    emphasis: { disabled: true },
    cursor: 'pointer',
    z: 1,
  }));
  const band = panel.band;
  // The band as a stacked area: an invisible q1 line with q3 − q1 stacked on it.
  series.push({ type: 'line', id: 'band-floor', name: tc('band'), stack: 'band', data: band.step.map((s, i) => [s, band.q1[i]!]), showSymbol: false, silent: true, lineStyle: { opacity: 0 }, z: 2 });
  series.push({
    type: 'line',
    id: 'band',
    name: tc('band'),
    stack: 'band',
    data: band.step.map((s, i) => [s, band.q3[i]! - band.q1[i]!]),
    showSymbol: false,
    silent: true,
    lineStyle: { opacity: 0 },
    areaStyle: { color: BAND_COLOR, opacity: 0.22 },
    color: BAND_COLOR,
    z: 2,
  });
  series.push({ type: 'line', id: 'median', name: tc('median'), data: band.step.map((s, i) => [s, band.median[i]!]), showSymbol: band.step.length <= FEW_POINTS, symbolSize: 9, color: BAND_COLOR, lineStyle: { width: 3 }, z: 3 });
  const option: ChartOption = {
    title: chartTitle(tc('curvesTitle'), tc('curvesSubtitle')),
    ...(scale === 1 ? { download: chartDownload(tchart, chartFileName(`class-${panel.id}-curves`)) } : {}),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      confine: true,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE },
      formatter: (params: unknown) => {
        // The band's own point under the pointer (the faint curves have steps of their own).
        const list = (Array.isArray(params) ? params : [params]) as { seriesId?: string; dataIndex?: number }[];
        const i = list.find((p) => p.seriesId === 'median')?.dataIndex ?? -1;
        if (i < 0 || i >= band.step.length) return '';
        return html(countedForEither(tc, 'bandTooltip', band.n[i]!, { step: band.step[i]!.toLocaleString('en-US'), median: formatNumber(band.median[i]), q1: formatNumber(band.q1[i]), q3: formatNumber(band.q3[i]) }));
      },
    },
    legend: { bottom: 6, left: 'center', data: [tc('median'), tc('band')], textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE } },
    grid: { left: 56 * scale, right: 28, top: 84 * scale, bottom: 70 * scale },
    xAxis: valueXAxis(tc('axisStep'), { nameGap: 24 * scale }),
    yAxis: valueYAxis(tc('axisLoss'), false, { min: 0 }),
    series,
  };
  return enlargeFonts(option, scale);
}
