import type { DiagnosticsEvent, Histogram } from '$engine/api/events';
import { histogramDensity, histogramPercent, peakNormalised, type DensityPoint } from '../compare/histogram-density';
import { emaSmooth } from '../compare/smoothing';
import { trainTestGap } from '../compare/train-test-gap';
import type { ChartTranslate } from '../i18n/messages/charts';
import type { CompareMessageKey, CompareTranslate } from '../i18n/messages/compare';
import { escapeHtml } from '../text/escape-html';
import type { ChartOption, GridOption, LegendOption, SeriesOption, TitleOption, XAxisOption, YAxisOption } from './chart-option';
import {
  AXIS_LINE_COLOR,
  FONT_FAMILY,
  FONT_SIZE,
  GRID_LINE_COLOR,
  MUTED_COLOR,
  SINGLE_GRID,
  SMALL_FONT_SIZE,
  TEXT_COLOR,
  TEXT_STYLE,
  chartFileName,
  chartLegend,
  chartTitle,
  chartToolbox,
  chartTooltip,
  finiteOrNull,
  forLogAxis,
  formatLogTick,
  formatNumber,
  formatPercent,
  valueXAxis,
  valueYAxis,
} from './chart-style';
import { defaultColumns } from './histogram-charts';
import { MAX_DISPLAY_POINTS, thinIndices, type RunSeries } from './run-series';
import type { CurveAxis } from './training-curves';

/**
 * The compare screen's charts: 2–6 runs on the same axes, one colour per run on every chart
 * (the run's `color`), each run's series named after the run so that one legend entry shows or
 * hides all of that run's lines. Pure functions (runs → ECharts option), like the live view's.
 */

/** The two namespaces the compare charts speak: the live charts' axis names and the compare screen's own words. */
export interface CompareTranslators {
  chart: ChartTranslate;
  compare: CompareTranslate;
}

/** A run as the compare charts draw it. */
export interface ComparedRun {
  readonly id: string;
  /** Unique among the runs compared (legends toggle by name). */
  readonly name: string;
  /** Its colour on every chart of the screen. */
  readonly color: string;
  readonly series: RunSeries;
}

export interface CompareCurveOptions {
  /** x axis: steps (default) or fractional epochs. */
  xAxis?: CurveAxis;
  /** Log-scale loss axis (non-positive values become gaps). */
  logScale?: boolean;
}

export interface BatchLossOptions extends CompareCurveOptions {
  /** EMA weight in [0, 0.99] (TensorBoard's slider); 0 draws the raw losses only. */
  smoothing?: number;
}

/** What the histogram charts show: activations a = f(z), their inputs z, or the weights W. */
export type DistributionKind = 'activation' | 'preactivation' | 'weight';

/** One run and its diagnostics snapshot at the chosen step (null: none that early). */
export interface RunSnapshot {
  readonly run: ComparedRun;
  readonly snapshot: DiagnosticsEvent | null;
}

export interface DistributionOptions {
  kind: DistributionKind;
  /** The step chosen on the slider (for the subtitle and the PNG's name). */
  step?: number | null;
}

export interface OverlayOptions extends DistributionOptions {
  /** 'density' (area 1, default) or 'peak' (each curve scaled to a highest point of 1: shapes only). */
  scale?: 'density' | 'peak';
}

type Point = [number, number | null];

/** Faint raw line under a smoothed one. */
const RAW_OPACITY = 0.22;
/** Above small multiples: the chart's title and subtitle. */
const HEADER_HEIGHT = 66;
/** Below small multiples: the legend. */
const FOOTER_HEIGHT = 46;
/** Height of one gradient or overlay panel. */
export const COMPARE_PANEL_HEIGHT = 230;
/** Height of one cell of the side-by-side histograms. */
export const MATRIX_CELL_HEIGHT = 190;
/** Above the side-by-side cells: each column's run name and snapshot step, and a gap. */
const MATRIX_COLUMN_HEADING = 44;

// ── Shared pieces ──

function xOf(axis: CurveAxis, data: { step: readonly number[]; epoch: readonly number[] }): readonly number[] {
  return axis === 'epoch' ? data.epoch : data.step;
}

/** The furthest step (or epoch) any run recorded. */
function curveEnd(runs: readonly ComparedRun[], axis: CurveAxis): number {
  let end = 0;
  for (const run of runs) {
    const { steps, evals } = run.series;
    end = Math.max(end, xOf(axis, steps).at(-1) ?? 0, xOf(axis, evals).at(-1) ?? 0);
  }
  return end;
}

/** The curves' common x axis: from 0 to the furthest step (or epoch) any run recorded. */
function curveXAxis(runs: readonly ComparedRun[], tr: CompareTranslators, axis: CurveAxis): XAxisOption {
  const end = curveEnd(runs, axis);
  return valueXAxis(tr.chart(axis === 'epoch' ? 'axisEpoch' : 'axisStep'), { min: 0, ...(end > 0 ? { max: end } : {}) });
}

/** "step 120" / "epoch 2.4": the tooltip's heading. */
function xHeading(tr: CompareTranslators, axis: CurveAxis, x: unknown): string {
  const value = typeof x === 'number' ? x : Number(x);
  return axis === 'epoch' ? tr.compare('tooltipAtEpoch', { epoch: formatNumber(value) }) : tr.compare('tooltipAtStep', { step: Math.round(value) });
}

interface AxisParam {
  seriesId?: string;
  value?: unknown;
  marker?: string;
  axisValue?: unknown;
}

/** Series ids are "<run index>:<role>", so tooltips can put each run's values on one line. */
function seriesId(runIndex: number, role: string): string {
  return `${runIndex}:${role}`;
}

/** The y value of one tooltip entry (data points are [x, y, …]). */
function yOf(param: AxisParam): number | null {
  const value = Array.isArray(param.value) ? (param.value[1] as unknown) : param.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * An axis tooltip with one line per run, "● run: text", where `line` turns the run's values by
 * role (e.g. train, test) into text; runs with nothing at this x are left out.
 */
function perRunTooltip(runs: readonly ComparedRun[], heading: (x: unknown) => string, line: (values: Map<string, number | null>) => string | null) {
  return (params: unknown): string => {
    const list = (Array.isArray(params) ? params : [params]) as AxisParam[];
    const byRun = new Map<number, { marker: string; values: Map<string, number | null> }>();
    for (const param of list) {
      const [index, role] = (param.seriesId ?? '').split(':');
      const runIndex = Number(index);
      if (!Number.isInteger(runIndex) || !runs[runIndex] || role === undefined) continue;
      const entry = byRun.get(runIndex) ?? { marker: param.marker ?? '', values: new Map<string, number | null>() };
      entry.values.set(role, yOf(param));
      byRun.set(runIndex, entry);
    }
    const lines = [...byRun.entries()]
      .sort(([a], [b]) => a - b)
      .map(([runIndex, entry]) => {
        const text = line(entry.values);
        return text === null ? null : `${entry.marker}${escapeHtml(runs[runIndex]!.name, 'numeric')}: ${text}`;
      })
      .filter((text): text is string => text !== null);
    return [`<b>${heading(list[0]?.axisValue)}</b>`, ...lines].join('<br/>');
  };
}

/** The run legend: one entry per run, a dot of its colour (as on the run cards), along the bottom. */
function runLegend(runs: readonly ComparedRun[]): LegendOption {
  return { ...chartLegend(runs.map((run) => run.name)), icon: 'circle', itemWidth: 14, itemHeight: 14 };
}

/**
 * A second legend that is only a key to the line styles (solid = train, dashed = test), drawn
 * from two empty grey series; it cannot be clicked (the runs' legend does the hiding).
 */
function styleKey(tr: CompareTranslators): { legend: LegendOption; series: SeriesOption[] } {
  const key = (name: string, dashed: boolean, symbol: string): SeriesOption => ({
    type: 'line',
    name,
    data: [],
    color: MUTED_COLOR,
    symbol,
    lineStyle: { width: 2.5, type: dashed ? 'dashed' : 'solid' },
  });
  const train = tr.compare('keyTrain');
  const test = tr.compare('keyTest');
  return {
    legend: {
      data: [train, test],
      selectedMode: false,
      top: 46,
      right: 16,
      itemGap: 14,
      itemWidth: 30,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR },
    },
    series: [key(train, false, 'circle'), key(test, true, 'triangle')],
  };
}

function evalLine(run: ComparedRun, runIndex: number, role: 'train' | 'test', data: Point[]): SeriesOption {
  const test = role === 'test';
  return {
    type: 'line',
    id: seriesId(runIndex, role),
    name: run.name,
    data,
    color: run.color,
    symbol: test ? 'triangle' : 'circle',
    symbolSize: 6,
    showSymbol: data.length <= 50,
    lineStyle: { width: 2.5, type: test ? 'dashed' : 'solid' },
    connectNulls: false,
    z: test ? 3 : 4,
  };
}

function points(x: readonly number[], y: readonly (number | null)[], map: (v: number | null) => number | null): Point[] {
  const out = new Array<Point>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = [x[i]!, map(y[i] ?? null)];
  return out;
}

function hasValue(values: readonly (number | null)[]): boolean {
  return values.some((v) => v !== null && Number.isFinite(v));
}

function emptyNote(runs: readonly ComparedRun[], tr: CompareTranslators, isEmpty: (run: ComparedRun) => boolean): string | null {
  return runs.length === 0 || runs.every(isEmpty) ? tr.chart('noData') : null;
}

// ── Curves ──

/**
 * Batch loss of every run, smoothed as TensorBoard does (emaSmooth over the full-resolution
 * steps, then thinned to MAX_DISPLAY_POINTS per run) in a solid line over the raw losses in a
 * faint one of the same colour. With smoothing 0, the raw losses alone, at full strength.
 */
export function compareBatchLossOption(runs: readonly ComparedRun[], tr: CompareTranslators, options: BatchLossOptions = {}): ChartOption {
  const axis = options.xAxis ?? 'step';
  const log = options.logScale ?? false;
  const smoothing = options.smoothing ?? 0;
  const map = log ? forLogAxis : finiteOrNull;
  const series: SeriesOption[] = [];
  runs.forEach((run, k) => {
    const { steps } = run.series;
    const x = xOf(axis, steps);
    const indices = thinIndices(x.length, MAX_DISPLAY_POINTS);
    const thin = <T>(values: readonly T[]): T[] => indices.map((i) => values[i]!);
    const raw = points(thin(x), thin(steps.loss), map);
    if (smoothing > 0) {
      // Smoothed at full resolution, then thinned: the weight means "per step" whatever the run's length.
      const smoothed = emaSmooth(steps.loss, smoothing);
      series.push({ type: 'line', id: seriesId(k, 'smoothed'), name: run.name, data: points(thin(x), thin(smoothed), map), color: run.color, showSymbol: false, lineStyle: { width: 2.25 }, z: 3 });
      series.push({ type: 'line', id: seriesId(k, 'raw'), name: run.name, data: raw, color: run.color, showSymbol: false, lineStyle: { width: 1, opacity: RAW_OPACITY }, z: 2 });
    } else {
      series.push({ type: 'line', id: seriesId(k, 'raw'), name: run.name, data: raw, color: run.color, showSymbol: false, lineStyle: { width: 1.5 }, z: 2 });
    }
  });

  const note =
    emptyNote(runs, tr, (run) => run.series.steps.step.length === 0) ??
    (smoothing > 0 ? tr.compare('batchLossSmoothed', { smoothing: smoothing.toFixed(2) }) : tr.compare('batchLossRaw'));
  const format = (v: number | null) => formatNumber(v, 4);
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(tr.compare('batchLossTitle'), note),
    toolbox: chartToolbox(tr.chart, chartFileName('compare-batch-loss')),
    legend: runLegend(runs),
    tooltip: {
      ...chartTooltip('axis'),
      formatter: perRunTooltip(
        runs,
        (x) => xHeading(tr, axis, x),
        (values) => {
          const raw = values.get('raw') ?? null;
          if (!values.has('smoothed')) return raw === null ? null : format(raw);
          const smoothed = values.get('smoothed') ?? null;
          return smoothed === null ? null : tr.compare('tooltipSmoothed', { value: format(smoothed), raw: format(raw) });
        },
      ),
    },
    grid: SINGLE_GRID,
    xAxis: curveXAxis(runs, tr, axis),
    yAxis: valueYAxis(tr.chart(log ? 'axisLossLog' : 'axisLoss'), log, log ? {} : { min: 0 }),
    series,
  };
}

/** What differs between the loss and the accuracy chart of train/test pairs. */
interface TrainTestParts {
  title: CompareMessageKey;
  file: string;
  train: (run: ComparedRun) => readonly (number | null)[];
  test: (run: ComparedRun) => readonly (number | null)[];
  map: (v: number | null) => number | null;
  format: (v: number | null) => string;
  yAxis: YAxisOption;
  /** Replaces the style note under the title (no data, no accuracy). */
  note: string | null;
}

/** Train/test pairs as one chart: a solid train and a dashed test line per run, with the style key. */
function trainTestOption(runs: readonly ComparedRun[], tr: CompareTranslators, axis: CurveAxis, parts: TrainTestParts): ChartOption {
  const series: SeriesOption[] = [];
  runs.forEach((run, k) => {
    const x = xOf(axis, run.series.evals);
    series.push(evalLine(run, k, 'train', points(x, parts.train(run), parts.map)));
    const test = parts.test(run);
    if (hasValue(test)) series.push(evalLine(run, k, 'test', points(x, test, parts.map)));
  });
  const key = styleKey(tr);
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(tr.compare(parts.title), parts.note ?? tr.compare('styleNote')),
    toolbox: chartToolbox(tr.chart, chartFileName(parts.file)),
    legend: [runLegend(runs), key.legend],
    tooltip: {
      ...chartTooltip('axis'),
      formatter: perRunTooltip(
        runs,
        (x) => xHeading(tr, axis, x),
        (values) => {
          const train = values.get('train') ?? null;
          const test = values.get('test') ?? null;
          if (train === null && test === null) return null;
          return values.has('test') ? tr.compare('tooltipTrainTest', { train: parts.format(train), test: parts.format(test) }) : parts.format(train);
        },
      ),
    },
    grid: SINGLE_GRID,
    xAxis: curveXAxis(runs, tr, axis),
    yAxis: parts.yAxis,
    series: [...series, ...key.series],
  };
}

/** Evaluated train (solid) and test (dashed) loss of every run at each evaluation. */
export function compareEvalLossOption(runs: readonly ComparedRun[], tr: CompareTranslators, options: CompareCurveOptions = {}): ChartOption {
  const log = options.logScale ?? false;
  return trainTestOption(runs, tr, options.xAxis ?? 'step', {
    title: 'evalLossTitle',
    file: 'compare-eval-loss',
    train: (run) => run.series.evals.trainLoss,
    test: (run) => run.series.evals.testLoss,
    map: log ? forLogAxis : finiteOrNull,
    format: (v) => formatNumber(v, 4),
    yAxis: valueYAxis(tr.chart(log ? 'axisLossLog' : 'axisLoss'), log, log ? {} : { min: 0 }),
    note: emptyNote(runs, tr, (run) => run.series.evals.step.length === 0),
  });
}

/** Train (solid) and test (dashed) accuracy of every run, in % from 0 to 100. */
export function compareAccuracyOption(runs: readonly ComparedRun[], tr: CompareTranslators, options: CompareCurveOptions = {}): ChartOption {
  const percent = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v * 100);
  const empty = emptyNote(runs, tr, (run) => run.series.evals.step.length === 0);
  const noAccuracy = runs.every((run) => !hasValue(run.series.evals.trainAccuracy)) ? tr.chart('noAccuracy') : null;
  return trainTestOption(runs, tr, options.xAxis ?? 'step', {
    title: 'accuracyTitle',
    file: 'compare-accuracy',
    train: (run) => run.series.evals.trainAccuracy,
    test: (run) => run.series.evals.testAccuracy,
    map: percent,
    format: (v) => `${formatNumber(v, 4)}%`,
    yAxis: valueYAxis(tr.chart('axisAccuracy'), false, { min: 0, max: 100, interval: 20 }),
    note: empty ?? noAccuracy,
  });
}

function hasAccuracy(runs: readonly ComparedRun[]): boolean {
  return runs.some((run) => hasValue(run.series.evals.testAccuracy));
}

/** The gap chart's panels: their height, the first one's top, the room between them (axis name, heading). */
const GAP_LAYOUT = { panelHeight: 170, top: 112, spacing: 104, bottom: 96 } as const;

/** Height in px of the gap chart: two stacked panels, or one when no run has accuracy. */
export function gapChartHeight(runs: readonly ComparedRun[]): number {
  const { panelHeight, top, spacing, bottom } = GAP_LAYOUT;
  return hasAccuracy(runs) ? top + 2 * panelHeight + spacing + bottom : top + panelHeight + bottom;
}

/**
 * The overfitting picture: at each evaluation, train minus test accuracy (percentage points, top
 * panel) and test minus train loss (bottom panel) of every run. Lines that climb away from 0 mean
 * the network is memorising its training set; a remedy (L2, dropout, batch norm) keeps them low.
 * The accuracy panel is left out when no run has accuracy (regression).
 */
export function compareGapOption(runs: readonly ComparedRun[], tr: CompareTranslators, options: CompareCurveOptions = {}): ChartOption {
  const axis = options.xAxis ?? 'step';
  const withAccuracy = hasAccuracy(runs);
  const panels: { role: 'accuracy' | 'loss'; heading: CompareMessageKey; axisName: CompareMessageKey }[] = withAccuracy
    ? [
        { role: 'accuracy', heading: 'gapAccuracyPanel', axisName: 'axisAccuracyGap' },
        { role: 'loss', heading: 'gapLossPanel', axisName: 'axisLossGap' },
      ]
    : [{ role: 'loss', heading: 'gapLossPanel', axisName: 'axisLossGap' }];
  const gaps = runs.map((run) => trainTestGap(run.series.evals));
  const noTest = gaps.every((gap) => gap.step.length === 0);
  const end = curveEnd(runs, axis);

  const { panelHeight, top, spacing } = GAP_LAYOUT;
  const titles: TitleOption[] = [chartTitle(tr.compare('gapTitle'), noTest ? tr.compare('noTestSplit') : undefined)];
  const grids: GridOption[] = [];
  const xAxes: XAxisOption[] = [];
  const yAxes: YAxisOption[] = [];
  const series: SeriesOption[] = [];
  panels.forEach((panel, p) => {
    const panelTop = top + p * (panelHeight + spacing);
    titles.push({ text: tr.compare(panel.heading), left: 12, top: panelTop - 60, textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, fontWeight: 'bold', color: TEXT_COLOR } });
    grids.push({ left: SINGLE_GRID.left, right: SINGLE_GRID.right, top: panelTop, height: panelHeight });
    xAxes.push(valueXAxis(tr.chart(axis === 'epoch' ? 'axisEpoch' : 'axisStep'), { gridIndex: p, min: 0, ...(end > 0 ? { max: end } : {}) }));
    yAxes.push(valueYAxis(tr.compare(panel.axisName), false, { gridIndex: p, scale: true, splitNumber: 4 }));
    gaps.forEach((gap, k) => {
      const run = runs[k]!;
      series.push({
        type: 'line',
        id: seriesId(k, panel.role),
        name: run.name,
        xAxisIndex: p,
        yAxisIndex: p,
        data: points(xOf(axis, gap), panel.role === 'accuracy' ? gap.accuracyGap : gap.lossGap, finiteOrNull),
        color: run.color,
        symbol: 'circle',
        symbolSize: 6,
        showSymbol: gap.step.length <= 50,
        lineStyle: { width: 2.5 },
        connectNulls: false,
      });
    });
  });

  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: titles,
    toolbox: chartToolbox(tr.chart, chartFileName('compare-train-test-gap')),
    legend: runLegend(runs),
    tooltip: {
      ...chartTooltip('axis'),
      formatter: perRunTooltip(
        runs,
        (x) => xHeading(tr, axis, x),
        (values) => {
          const accuracy = values.get('accuracy');
          if (accuracy !== undefined) return accuracy === null ? null : `${formatNumber(accuracy, 3)}%p`;
          const loss = values.get('loss') ?? null;
          return loss === null ? null : formatNumber(loss, 4);
        },
      ),
    },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  };
}

// ── Small multiples: one panel per layer ──

/** Panels per row for `count` layers (as the live view's histograms: all in a row up to 4). */
export function compareColumns(count: number): number {
  return defaultColumns(count);
}

/** Height in px of a chart with one panel per layer (gradients, overlaid histograms). */
export function panelChartHeight(layerCount: number, columns = compareColumns(layerCount), panelHeight = COMPARE_PANEL_HEIGHT): number {
  return HEADER_HEIGHT + Math.max(1, Math.ceil(layerCount / Math.max(1, columns))) * panelHeight + FOOTER_HEIGHT;
}

interface PanelBox {
  left: string;
  width: string;
  top: number;
}

/** Where panel `k` of `columns` per row sits. */
function panelBox(k: number, columns: number, panelHeight: number, header: number): PanelBox {
  const width = 100 / columns;
  const column = k % columns;
  const row = Math.floor(k / columns);
  return { left: `${column * width + 1.2}%`, width: `${width - 2.4}%`, top: header + row * panelHeight };
}

interface LayerDescription {
  readonly layer: number;
  readonly activationName: string;
}

/**
 * A layer panel's heading: "층 2 (tanh)" when every run that has the layer uses one activation,
 * "층 2" when they differ; "출력층" when it is the last layer of every run that has it.
 */
function layerHeading(tr: CompareTranslators, layer: number, perRun: readonly (readonly LayerDescription[])[]): string {
  const having = perRun.filter((layers) => layers.some((info) => info.layer === layer));
  const isOutput = having.length > 0 && having.every((layers) => Math.max(...layers.map((info) => info.layer)) === layer);
  const name = isOutput ? tr.chart('outputLayer') : tr.chart('layer', { n: layer + 1 });
  const activations = new Set(having.map((layers) => layers.find((info) => info.layer === layer)!.activationName));
  return activations.size === 1 ? tr.chart('layerWithActivation', { layer: name, activation: [...activations][0]! }) : name;
}

/** Every layer index any run has, in order. */
function layerIndices(perRun: readonly (readonly LayerDescription[])[]): number[] {
  const set = new Set<number>();
  for (const layers of perRun) for (const info of layers) set.add(info.layer);
  return [...set].sort((a, b) => a - b);
}

function panelTitle(text: string, box: PanelBox, subtext?: string, rich?: Record<string, object>): TitleOption {
  return {
    text,
    subtext: subtext ?? '',
    left: box.left,
    top: box.top,
    itemGap: 3,
    textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, fontWeight: 'bold', color: TEXT_COLOR },
    subtextStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR, lineHeight: 15, ...(rich ? { rich } : {}) },
  };
}

const panelAxisName = { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: TEXT_COLOR };
const panelAxisLabel = { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR };

function panelGrid(box: PanelBox, headingHeight: number, panelHeight: number): GridOption {
  return {
    left: box.left,
    width: box.width,
    top: box.top + headingHeight,
    height: panelHeight - headingHeight - 14,
    // Shrink the plot so tick labels and axis names stay inside the panel.
    outerBoundsMode: 'same',
    outerBoundsContain: 'all',
  };
}

/**
 * Powers of ten around every finite positive value: one log range for all panels, with a tick
 * every `interval` decades (about five ticks; ECharts' own choice skips most decades).
 */
export function logRange(values: Iterable<number | null>): { min: number; max: number; interval: number } | null {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (value === null || !(value > 0) || !Number.isFinite(value)) continue;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (!Number.isFinite(low)) return null;
  const lowDecade = Math.floor(Math.log10(low));
  const highDecade = Math.max(lowDecade + 1, Math.ceil(Math.log10(high)));
  return { min: 10 ** lowDecade, max: 10 ** highDecade, interval: Math.max(1, Math.ceil((highDecade - lowDecade) / 4)) };
}

/**
 * Gradient size per layer as small multiples: one panel per layer (input side first), one line
 * per run, ‖∂L/∂W‖₂ over the diagnostics snapshots on a log axis that every panel shares, so the
 * panels compare with each other as well as the runs within a panel: a deep sigmoid run's first
 * panels sit orders of magnitude below its last, a ReLU run's stay level.
 */
export function compareGradientOption(runs: readonly ComparedRun[], tr: CompareTranslators, options: CompareCurveOptions & { columns?: number } = {}): ChartOption {
  const axis = options.xAxis ?? 'step';
  const data = runs.map((run) => run.series.gradientNorms());
  const perRun = data.map((d) => d.layers);
  const layers = layerIndices(perRun);
  const columns = Math.max(1, Math.floor(options.columns ?? compareColumns(layers.length)));
  const range = logRange(data.flatMap((d) => d.values.flat()));
  const end = curveEnd(runs, axis);

  const titles: TitleOption[] = [chartTitle(tr.compare('gradientTitle'), layers.length === 0 ? tr.chart('noData') : tr.compare('gradientNote'))];
  const grids: GridOption[] = [];
  const xAxes: XAxisOption[] = [];
  const yAxes: YAxisOption[] = [];
  const series: SeriesOption[] = [];

  layers.forEach((layer, p) => {
    const box = panelBox(p, columns, COMPARE_PANEL_HEIGHT, HEADER_HEIGHT);
    titles.push(panelTitle(layerHeading(tr, layer, perRun), box));
    grids.push(panelGrid(box, 26, COMPARE_PANEL_HEIGHT));
    xAxes.push({
      type: 'value',
      gridIndex: p,
      min: 0,
      ...(end > 0 ? { max: end } : {}),
      name: tr.compare(axis === 'epoch' ? 'axisEpochShort' : 'axisStepShort'),
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: panelAxisName,
      axisLabel: { ...panelAxisLabel, hideOverlap: true },
      axisLine: { lineStyle: { color: AXIS_LINE_COLOR } },
      splitLine: { show: false },
    });
    yAxes.push({
      type: 'log',
      logBase: 10,
      gridIndex: p,
      ...(range ?? {}),
      name: tr.compare('axisGradient'),
      nameLocation: 'middle',
      nameGap: 44,
      nameTextStyle: panelAxisName,
      axisLabel: { ...panelAxisLabel, formatter: formatLogTick },
      axisLine: { show: true, lineStyle: { color: AXIS_LINE_COLOR } },
      splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
    });
    data.forEach((d, k) => {
      const row = d.layers.findIndex((info) => info.layer === layer);
      if (row < 0) return;
      const run = runs[k]!;
      const x = xOf(axis, d);
      series.push({
        type: 'line',
        id: seriesId(k, `layer${layer}`),
        name: run.name,
        xAxisIndex: p,
        yAxisIndex: p,
        data: points(x, d.values[row] ?? [], forLogAxis),
        color: run.color,
        showSymbol: x.length <= 30,
        symbolSize: 5,
        lineStyle: { width: 2 },
        connectNulls: false,
      });
    });
  });

  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: titles,
    toolbox: chartToolbox(tr.chart, chartFileName('compare-gradients')),
    legend: runLegend(runs),
    tooltip: {
      ...chartTooltip('axis'),
      formatter: perRunTooltip(
        runs,
        (x) => xHeading(tr, axis, x),
        (values) => {
          const value = [...values.values()][0] ?? null;
          return value === null ? null : formatNumber(value);
        },
      ),
    },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  };
}

// ── Distributions at a step ──

const KIND_TEXT = {
  activation: { overlay: 'overlayActivation', matrix: 'matrixActivation', axis: 'axisActivation', file: 'activations' },
  preactivation: { overlay: 'overlayPreactivation', matrix: 'matrixPreactivation', axis: 'axisPreactivation', file: 'preactivations' },
  weight: { overlay: 'overlayWeight', matrix: 'matrixWeight', axis: 'axisWeight', file: 'weights' },
} as const;

interface LayerValues {
  histogram: Histogram;
  mean: number | null;
  std: number | null;
  /** Weights only: the fraction exactly 0 and with |w| < 0.001. */
  zero: number | null;
  nearZero: number | null;
}

/** One layer's values of `kind` in a snapshot; null when the snapshot lacks the layer. */
function layerValues(snapshot: DiagnosticsEvent, layer: number, kind: DistributionKind): LayerValues | null {
  const info = snapshot.layers.find((l) => l.layer === layer);
  if (!info) return null;
  if (kind === 'weight') return { histogram: info.weights.histogram, mean: info.weights.mean, std: info.weights.std, zero: info.weights.zeroFraction, nearZero: info.weights.nearZeroFraction };
  const values = info[kind];
  return { histogram: values.histogram, mean: values.mean, std: values.std, zero: null, nearZero: null };
}

function snapshotLayers(entries: readonly RunSnapshot[]): LayerDescription[][] {
  return entries.map((entry) => entry.snapshot?.layers.map((l) => ({ layer: l.layer, activationName: l.activationName })) ?? []);
}

/** Rich-text styles r0…r5, one per run, for dots of the runs' colours in panel headings. */
function runMarkers(entries: readonly RunSnapshot[]): Record<string, object> {
  return Object.fromEntries(entries.map((entry, k) => [`r${k}`, { color: entry.run.color, fontSize: SMALL_FONT_SIZE, fontWeight: 'bold', fontFamily: FONT_FAMILY }]));
}

function distributionSubtitle(tr: CompareTranslators, options: DistributionOptions, empty: boolean): string {
  if (empty) return tr.chart('noData');
  return options.step !== null && options.step !== undefined ? tr.compare('atStep', { step: options.step }) : '';
}

/** A histogram panel's value range: from the lowest first edge to the highest last edge. */
function extentOf(histograms: readonly Histogram[]): { min: number; max: number } {
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

function histogramValueAxis(gridIndex: number, extent: { min: number; max: number }, name: string): XAxisOption {
  return {
    type: 'value',
    gridIndex,
    position: 'bottom',
    min: extent.min,
    max: extent.max,
    name,
    nameLocation: 'middle',
    nameGap: 24,
    nameTextStyle: panelAxisName,
    // Nice ticks only: the auto-ranged ends are odd numbers.
    axisLabel: { ...panelAxisLabel, hideOverlap: true, showMinLabel: false, showMaxLabel: false, formatter: (v: number) => formatNumber(v, 2) },
    axisLine: { lineStyle: { color: AXIS_LINE_COLOR } },
    splitLine: { show: false },
  };
}

function histogramHeightAxis(gridIndex: number, name: string, nameGap: number): YAxisOption {
  return {
    type: 'value',
    gridIndex,
    min: 0,
    name,
    nameLocation: 'middle',
    nameGap,
    nameTextStyle: panelAxisName,
    axisLabel: { ...panelAxisLabel, formatter: (v: number) => formatNumber(v, 2) },
    splitNumber: 3,
    // At the panel's left edge, not at x = 0 of the value axis.
    axisLine: { show: false, onZero: false },
    splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
  };
}

/** Runs' standard deviations per line of an overlay panel's heading (more would run into the next panel). */
const STDS_PER_LINE = 3;

/** Texts joined three spaces apart, `perLine` to a line. */
function inLines(texts: readonly string[], perLine: number): string {
  const lines: string[] = [];
  for (let i = 0; i < texts.length; i += perLine) lines.push(texts.slice(i, i + perLine).join('   '));
  return lines.join('\n');
}

/**
 * A density curve as line data: [bin centre, height, bin start, bin end] per bin (the bin's
 * range is for the tooltip), plus the first bin's start and the last bin's end at their bins'
 * heights, so that a `step: 'middle'` line spans the histogram from edge to edge.
 */
export function outline(curve: readonly DensityPoint[]): [number, number, number, number][] {
  const data = curve.map((point): [number, number, number, number] => [point.x, point.density, point.from, point.to]);
  const first = curve[0];
  const last = curve[curve.length - 1];
  if (!first || !last) return data;
  return [[first.from, first.density, first.from, first.to], ...data, [last.to, last.density, last.from, last.to]];
}

/** A curve taller than this many times the median run's is cut at the top (see densityCeiling). */
export const CLIP_RATIO = 8;

/**
 * The top of an overlay panel's y axis, or null to let the axis fit every curve. When some runs'
 * curves tower over the rest (peaks more than CLIP_RATIO times the median run's, e.g. std 0.01's
 * activations squeezed into a spike), the axis stops at twice the highest peak that stays within
 * that bound, so the other runs' shapes stay readable; the tall curves run off the top (their
 * headings mark them). The median is the lower middle one, so at least half the runs always fit;
 * a merely narrower distribution (sigmoid's 0…1 against tanh's −1…1) stays on the scale.
 */
export function densityCeiling(peaks: readonly number[]): number | null {
  const sorted = peaks.filter((peak) => Number.isFinite(peak) && peak > 0).sort((a, b) => b - a);
  if (sorted.length < 2) return null;
  const limit = CLIP_RATIO * sorted[Math.floor(sorted.length / 2)]!;
  const kept = sorted.filter((peak) => peak <= limit);
  return kept.length === sorted.length ? null : 2 * kept[0]!;
}

/**
 * Distributions overlaid, the initialization lesson's picture: one panel per layer, each run's
 * histogram of `kind` as a line over its own bins' centres, its counts turned into a probability
 * density (area 1) so runs with different batch sizes, weight counts or bin ranges compare; with
 * `scale: 'peak'` each curve is scaled to a highest point of 1 instead (shapes only, when one
 * run's spike flattens the others). Each panel's heading gives every run's standard deviation
 * beside a dot of its colour.
 */
export function compareHistogramOverlayOption(entries: readonly RunSnapshot[], tr: CompareTranslators, options: OverlayOptions): ChartOption {
  const text = KIND_TEXT[options.kind];
  const peak = options.scale === 'peak';
  const perRun = snapshotLayers(entries);
  const layers = layerIndices(perRun);
  const columns = compareColumns(layers.length);
  const rich = runMarkers(entries);
  const runs = entries.map((entry) => entry.run);
  // The heading: the layer's name, then the runs' standard deviations, three to a line.
  const overlayHeading = 30 + 15 * Math.max(1, Math.ceil(entries.length / STDS_PER_LINE));

  const title = chartTitle(tr.compare(text.overlay));
  const titles: TitleOption[] = [title];
  const grids: GridOption[] = [];
  const xAxes: XAxisOption[] = [];
  const yAxes: YAxisOption[] = [];
  const series: SeriesOption[] = [];
  let clipped = false;

  layers.forEach((layer, p) => {
    const box = panelBox(p, columns, COMPARE_PANEL_HEIGHT, HEADER_HEIGHT);
    const values = entries.map((entry) => (entry.snapshot ? layerValues(entry.snapshot, layer, options.kind) : null));
    const curves = values.map((v) => {
      if (!v) return null;
      const density = histogramDensity(v.histogram);
      return peak ? peakNormalised(density) : density;
    });
    const peaks = curves.map((curve) => (curve ? Math.max(0, ...curve.map((point) => point.density)) : 0));
    const ceiling = peak ? null : densityCeiling(peaks);
    if (ceiling !== null) clipped = true;
    const spreads = values.map((v, k) => `{r${k}|●} ${v ? formatNumber(v.std) : tr.compare('panelMissing')}${ceiling !== null && peaks[k]! > ceiling ? ' ↑' : ''}`);
    titles.push(panelTitle(layerHeading(tr, layer, perRun), box, `${tr.compare('panelStd')}  ${inLines(spreads, STDS_PER_LINE)}`, rich));
    grids.push(panelGrid(box, overlayHeading, COMPARE_PANEL_HEIGHT));
    xAxes.push(histogramValueAxis(p, extentOf(values.flatMap((v) => (v ? [v.histogram] : []))), tr.chart(text.axis)));
    // null, not absent: the chart merges options, and a cut-off top must not outlive its spike.
    yAxes.push({ ...histogramHeightAxis(p, tr.compare(peak ? 'axisPeak' : 'axisDensity'), 40), ...(ceiling !== null ? roundTop(ceiling, 3) : { max: null, interval: null }) } as YAxisOption);
    curves.forEach((curve, k) => {
      if (!curve) return;
      const run = runs[k]!;
      series.push({
        type: 'line',
        id: seriesId(k, `layer${layer}`),
        name: run.name,
        xAxisIndex: p,
        yAxisIndex: p,
        data: outline(curve),
        color: run.color,
        // Steps switching halfway between centres, i.e. at the bin edges: the histogram's outline.
        step: 'middle',
        showSymbol: false,
        lineStyle: { width: 2.25 },
        areaStyle: { opacity: 0.12 },
        z: 3 + k,
      });
    });
  });

  title.subtext = [distributionSubtitle(tr, options, layers.length === 0), clipped ? tr.compare('clippedNote') : ''].filter(Boolean).join(' · ');
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: titles,
    toolbox: chartToolbox(tr.chart, chartFileName(`compare-${text.file}-overlay`, null, options.step)),
    legend: runLegend(runs),
    tooltip: {
      ...chartTooltip('axis'),
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as AxisParam[];
        return list
          .flatMap((param) => {
            const run = runs[Number((param.seriesId ?? '').split(':')[0])];
            const value = param.value as [number, number, number, number] | undefined;
            if (!run || !Array.isArray(value)) return [];
            const reading = tr.compare('tooltipDensity', { value: formatNumber(value[1]), from: formatNumber(value[2]), to: formatNumber(value[3]) });
            return [`${param.marker ?? ''}${escapeHtml(run.name, 'numeric')}: ${reading}`];
          })
          .join('<br/>');
      },
    },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  };
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`. */
function niceStep(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value * (1 - 1e-12)) ?? 10) * power;
}

/** A y axis top at or above `value` with about `ticks` round intervals up to it. */
function roundTop(value: number, ticks: number): { max: number; interval: number } {
  const interval = niceStep(value / ticks);
  return { max: Math.ceil(value / interval - 1e-9) * interval, interval };
}

/** Height in px of the side-by-side histograms for `layerCount` layers. */
export function histogramMatrixHeight(layerCount: number): number {
  return HEADER_HEIGHT + MATRIX_COLUMN_HEADING + Math.max(1, layerCount) * MATRIX_CELL_HEIGHT + FOOTER_HEIGHT;
}

/**
 * Distributions side by side: a column per run (its name on top, in its colour, with the step of
 * its snapshot), a row per layer, each cell the run's histogram of `kind` as bars of the run's
 * colour on the histogram's own auto-ranged bins, heights in % of the values (so batch sizes
 * compare), with mean and standard deviation (for weights also the share of exact zeros).
 */
export function compareHistogramMatrixOption(entries: readonly RunSnapshot[], tr: CompareTranslators, options: DistributionOptions): ChartOption {
  const text = KIND_TEXT[options.kind];
  const perRun = snapshotLayers(entries);
  const layers = layerIndices(perRun);
  const width = 100 / Math.max(1, entries.length);
  const headingHeight = options.kind === 'weight' ? 52 : 38;

  const titles: TitleOption[] = [chartTitle(tr.compare(text.matrix), distributionSubtitle(tr, options, layers.length === 0))];
  entries.forEach((entry, column) => {
    titles.push({
      text: entry.run.name,
      subtext: entry.snapshot ? tr.compare('snapshotOf', { step: entry.snapshot.step, epoch: entry.snapshot.epoch }) : tr.compare('noSnapshotYet'),
      left: `${column * width + 1.2}%`,
      top: HEADER_HEIGHT - 4,
      itemGap: 2,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE + 1, fontWeight: 'bold', color: entry.run.color },
      subtextStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR },
    });
  });

  const grids: GridOption[] = [];
  const xAxes: XAxisOption[] = [];
  const yAxes: YAxisOption[] = [];
  const series: SeriesOption[] = [];
  const cells: { run: ComparedRun; heading: string; histogram: Histogram; percent: number[] }[] = [];

  layers.forEach((layer, row) => {
    const heading = layerHeading(tr, layer, perRun);
    entries.forEach((entry, column) => {
      const values = entry.snapshot ? layerValues(entry.snapshot, layer, options.kind) : null;
      if (!values) return;
      const box: PanelBox = { left: `${column * width + 1.2}%`, width: `${width - 2.4}%`, top: HEADER_HEIGHT + MATRIX_COLUMN_HEADING + row * MATRIX_CELL_HEIGHT };
      const stats = [tr.chart('meanStd', { mean: formatNumber(values.mean), std: formatNumber(values.std) })];
      if (values.zero !== null) stats.push(tr.chart('zeroWeights', { zero: formatPercent(values.zero), near: formatPercent(values.nearZero) }));
      titles.push(panelTitle(heading, box, stats.join('\n')));
      const cell = grids.length;
      grids.push(panelGrid(box, headingHeight, MATRIX_CELL_HEIGHT));
      const percent = histogramPercent(values.histogram);
      xAxes.push({ type: 'category', gridIndex: cell, show: false, data: percent.map((_, i) => i) }, histogramValueAxis(cell, extentOf([values.histogram]), tr.chart(text.axis)));
      yAxes.push(histogramHeightAxis(cell, tr.compare('axisPercent'), 34));
      series.push({
        type: 'bar',
        id: seriesId(column, `layer${layer}`),
        name: entry.run.name,
        xAxisIndex: 2 * cell,
        yAxisIndex: cell,
        data: percent,
        color: entry.run.color,
        barCategoryGap: '8%',
      });
      cells.push({ run: entry.run, heading, histogram: values.histogram, percent });
    });
  });

  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: titles,
    toolbox: chartToolbox(tr.chart, chartFileName(`compare-${text.file}-side-by-side`, null, options.step)),
    legend: runLegend(entries.map((entry) => entry.run)),
    tooltip: {
      ...chartTooltip('item'),
      formatter: (params: unknown) => {
        const { seriesIndex, dataIndex } = params as { seriesIndex?: number; dataIndex?: number };
        const cell = cells[seriesIndex ?? -1];
        if (!cell || dataIndex === undefined) return '';
        const { edges, counts } = cell.histogram;
        const reading = tr.compare('tooltipPercent', {
          from: formatNumber(edges[dataIndex]),
          to: formatNumber(edges[dataIndex + 1]),
          percent: formatNumber(cell.percent[dataIndex] ?? 0, 3),
          count: counts[dataIndex] ?? 0,
        });
        return `${escapeHtml(cell.run.name, 'numeric')} · ${cell.heading}<br/>${reading}`;
      },
    },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  };
}
