import type { ChartTranslate } from '../i18n/messages/charts';
import type { LineSeriesOption } from 'echarts/charts';
import type { ChartOption, SeriesOption } from './chart-option';
import {
  COLORS,
  SINGLE_GRID,
  TEXT_STYLE,
  chartFileName,
  chartLegend,
  chartTitle,
  chartDownload,
  chartTooltip,
  finiteOrNull,
  forLogAxis,
  formatNumber,
  percentOrNull,
  subtitle,
  valueXAxis,
  valueYAxis,
  type CommonChartOptions,
} from './chart-style';
import { curveZoom } from './chart-zoom';
import { bandSeries, curveOf } from './curve-bands';
import { hasValue, points, type Point } from './line-points';
import type { CurveData } from './run-series';

/** What the curves are plotted against: steps (weight updates) or epochs (fractional). */
export type CurveAxis = 'step' | 'epoch';

/**
 * The loss and accuracy charts can also be plotted against time: seconds of training since the
 * run's start. Steps carry their measured time (StepEvent.elapsedMs; the series' `time`), and
 * evaluations sit at the time of the steps around them. Runs recorded before steps carried times
 * have only the run's training time (EndEvent.elapsedMs): there step s sits at s × the run's
 * seconds per step, an estimate the axis name says is one. The owner gives `secondsPerStep` for
 * that; without times or it, the chart falls back to steps.
 */
export type TimedCurveAxis = CurveAxis | 'time';

/** Where a time axis's seconds come from: the steps' measured times, or the run's time spread evenly. */
export type TimeSource = 'measured' | 'estimated';

export interface LossChartOptions extends CommonChartOptions {
  /** x axis: steps (default), epochs or seconds. */
  xAxis?: TimedCurveAxis;
  /** Training seconds per step, for the time axis. */
  secondsPerStep?: number | null;
  /** Log-scale y axis (losses spanning orders of magnitude); non-positive values become gaps. */
  logScale?: boolean;
}

export interface AccuracyChartOptions extends CommonChartOptions {
  xAxis?: TimedCurveAxis;
  secondsPerStep?: number | null;
}

/** A run's seconds per step: its training time over its steps; null before there is either. */
export function secondsPerStep(elapsedMs: number | null | undefined, steps: number): number | null {
  return elapsedMs !== null && elapsedMs !== undefined && Number.isFinite(elapsedMs) && elapsedMs > 0 && steps > 0 ? elapsedMs / 1000 / steps : null;
}

/** The axis a chart can draw: time with the steps' own times, else with a pace to place the steps by, else steps. */
function drawableAxis(axis: TimedCurveAxis, data: CurveData, pace: number | null | undefined): { axis: TimedCurveAxis; pace: number; source: TimeSource | null } {
  if (axis !== 'time') return { axis, pace: 0, source: null };
  if (data.steps.time) return { axis, pace: 0, source: 'measured' };
  return pace ? { axis, pace, source: 'estimated' } : { axis: 'step', pace: 0, source: null };
}

/** The x of each point at `series.step`, on `axis`. */
function xOf(axis: TimedCurveAxis, series: { readonly step: readonly number[]; readonly epoch: readonly number[]; readonly time?: readonly number[] }, pace: number): readonly number[] {
  if (axis === 'epoch') return series.epoch;
  if (axis === 'time') return series.time ?? series.step.map((step) => step * pace);
  return series.step;
}

/** The time axis's name: plain seconds when measured, an estimate that says how it was made otherwise. */
export function timeAxisName(t: ChartTranslate, source: TimeSource): string {
  return t(source === 'measured' ? 'axisTime' : 'axisTimeEstimated');
}

/** The x axis of a curve chart: from 0 to the run's planned end, so a live chart fills in rather than rescales. */
function curveXAxis(data: CurveData, t: ChartTranslate, axis: TimedCurveAxis, pace = 0, source: TimeSource | null = null) {
  const total = data.totalSteps;
  if (axis === 'time' && source === 'measured') {
    // Measured time has no planned end while the run goes: the axis grows with it, and stops at its end.
    const end = data.endSeconds ?? null;
    return valueXAxis(timeAxisName(t, 'measured'), { min: 0, ...(end !== null && end > 0 ? { max: end } : {}) });
  }
  const end = total === null ? null : axis === 'epoch' ? (data.stepsPerEpoch ? total / data.stepsPerEpoch : null) : axis === 'time' ? total * pace : total;
  const name = axis === 'time' ? timeAxisName(t, 'estimated') : t(axis === 'epoch' ? 'axisEpoch' : 'axisStep');
  return valueXAxis(name, { min: 0, ...(end !== null && end > 0 ? { max: end } : {}) });
}

/**
 * The batch loss's points, with each step's measured time as a third value when the steps have
 * times and the axis is not time already: the chart draws x and y, its data table and CSV get a
 * time column (chart-table.ts reads the series' `dimensions`).
 */
function batchLine(t: ChartTranslate, x: readonly number[], y: readonly number[], time: readonly number[] | undefined, map: (v: number | null) => number | null): Pick<LineSeriesOption, 'data' | 'dimensions' | 'encode'> {
  const data = points(x, y, map);
  if (!time) return { data };
  return {
    data: data.map(([px, py], i) => [px, py, time[i]!]),
    dimensions: ['x', 'y', timeAxisName(t, 'measured')],
    // The tooltip shows the loss only, as without the time.
    encode: { x: 0, y: 1, tooltip: [1] },
  };
}

function evalLine(name: string, color: string, data: Point[], dashed: boolean, symbol: string): SeriesOption {
  return {
    type: 'line',
    name,
    data,
    color,
    symbol,
    symbolSize: 7,
    showSymbol: data.length <= 60,
    sampling: 'lttb',
    lineStyle: { width: 2.5, type: dashed ? 'dashed' : 'solid' },
    connectNulls: false,
    z: 3,
  };
}

/** The loss chart around its series (a run's or a seed group's): title and note, legend, tooltip, axes. */
function lossFrame(t: ChartTranslate, runName: string | null | undefined, note: string | null, xAxis: ChartOption['xAxis'], log: boolean, series: SeriesOption[]): ChartOption {
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(t('lossTitle'), subtitle(t, runName, note)),
    download: chartDownload(t, chartFileName('loss', runName)),
    legend: chartLegend(),
    tooltip: chartTooltip('axis', (v) => formatNumber(v as number, 4)),
    grid: SINGLE_GRID,
    xAxis,
    dataZoom: curveZoom(),
    yAxis: valueYAxis(t(log ? 'axisLossLog' : 'axisLoss'), log, log ? {} : { min: 0 }),
    series,
  };
}

/** The accuracy chart (%, 0–100) around its series. */
function accuracyFrame(t: ChartTranslate, runName: string | null | undefined, note: string | null, xAxis: ChartOption['xAxis'], series: SeriesOption[]): ChartOption {
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(t('accuracyTitle'), subtitle(t, runName, note)),
    download: chartDownload(t, chartFileName('accuracy', runName)),
    legend: chartLegend(),
    tooltip: chartTooltip('axis', (v) => `${formatNumber(v as number, 4)}%`),
    grid: SINGLE_GRID,
    xAxis,
    dataZoom: curveZoom(),
    yAxis: valueYAxis(t('axisAccuracy'), false, { min: 0, max: 100, interval: 20 }),
    series,
  };
}

/**
 * Loss over training: the batch loss at every step (thin, light: it is noisy) and the evaluated
 * train and test losses (thick), against steps or epochs; with a penalty on, the batch data loss
 * (without λ·Σ|w| or λ/2·Σw²) too, so the penalty's share is visible. Linear axis from 0, or log.
 */
export function lossChartOption(data: CurveData, t: ChartTranslate, options: LossChartOptions = {}): ChartOption {
  const { axis, pace, source } = drawableAxis(options.xAxis ?? 'step', data, options.secondsPerStep);
  const log = options.logScale ?? false;
  const map = log ? forLogAxis : finiteOrNull;
  const { steps, evals } = data;
  const stepX = xOf(axis, steps, pace);
  const evalX = xOf(axis, evals, pace);

  const series: SeriesOption[] = [
    {
      type: 'line',
      name: t('batchLoss'),
      ...batchLine(t, stepX, steps.loss, axis === 'time' ? undefined : steps.time, map),
      color: COLORS.batch,
      showSymbol: false,
      sampling: 'lttb',
      lineStyle: { width: 1, opacity: 0.7 },
      z: 1,
    },
  ];
  if (data.hasPenalty) {
    series.push({
      type: 'line',
      name: t('batchDataLoss'),
      data: points(stepX, steps.dataLoss, map),
      color: COLORS.dataLoss,
      showSymbol: false,
      sampling: 'lttb',
      lineStyle: { width: 1, opacity: 0.8, type: 'dashed' },
      z: 2,
    });
  }
  series.push(evalLine(t('trainLoss'), COLORS.train, points(evalX, evals.trainLoss, map), false, 'circle'));
  if (hasValue(evals.testLoss)) series.push(evalLine(t('testLoss'), COLORS.test, points(evalX, evals.testLoss, map), true, 'triangle'));

  const empty = steps.step.length === 0 && evals.step.length === 0;
  return lossFrame(t, options.runName, empty ? t('noData') : null, curveXAxis(data, t, axis, pace, source), log, series);
}

/** Train and test accuracy (%, 0–100) at each evaluation, against steps or epochs. */
export function accuracyChartOption(data: CurveData, t: ChartTranslate, options: AccuracyChartOptions = {}): ChartOption {
  const { axis, pace, source } = drawableAxis(options.xAxis ?? 'step', data, options.secondsPerStep);
  const { evals } = data;
  const evalX = xOf(axis, evals, pace);

  const series: SeriesOption[] = [evalLine(t('trainAccuracy'), COLORS.train, points(evalX, evals.trainAccuracy, percentOrNull), false, 'circle')];
  if (hasValue(evals.testAccuracy)) series.push(evalLine(t('testAccuracy'), COLORS.test, points(evalX, evals.testAccuracy, percentOrNull), true, 'triangle'));

  const note = evals.step.length === 0 ? t('noData') : hasValue(evals.trainAccuracy) ? null : t('noAccuracy');
  return accuracyFrame(t, options.runName, note, curveXAxis(data, t, axis, pace, source), series);
}

// ── A seed group as one picture ──

/** Options of the group charts: those of the run charts, and the group's name for the subtitle. */
export interface GroupChartOptions extends CommonChartOptions {
  xAxis?: CurveAxis;
  logScale?: boolean;
}

/** Train (solid) and test (dashed) bands of a group's runs for one quantity; the test band only when some run has a test split. */
function groupBands(
  members: readonly CurveData[],
  axis: CurveAxis,
  names: { train: string; test: string },
  values: (evals: CurveData['evals']) => { train: readonly (number | null)[]; test: readonly (number | null)[] },
  map: (v: number | null) => number | null,
): SeriesOption[] {
  const x = (data: CurveData) => (axis === 'epoch' ? data.evals.epoch : data.evals.step);
  const curves = (role: 'train' | 'test') => members.map((data) => curveOf(x(data), values(data.evals)[role], map));
  const series = bandSeries({ id: (role) => `group:${role}`, role: 'train', name: names.train, color: COLORS.train, curves: curves('train'), symbol: 'circle' });
  if (members.some((data) => hasValue(values(data.evals).test))) {
    series.push(...bandSeries({ id: (role) => `group:${role}`, role: 'test', name: names.test, color: COLORS.test, curves: curves('test'), dashed: true, symbol: 'triangle' }));
  }
  return series;
}

/** The x axis of a group's charts: to the furthest planned end among its runs. */
function groupXAxis(members: readonly CurveData[], t: ChartTranslate, axis: CurveAxis) {
  const longest = members.reduce((best, data) => ((data.totalSteps ?? 0) > (best.totalSteps ?? 0) ? data : best), members[0]!);
  return curveXAxis(longest, t, axis);
}

/**
 * A seed group's evaluated train and test loss while it trains: at each evaluation the median of
 * its runs (thick line), their middle half (band) and each run (faint), so the spread over seeds
 * shows as it forms. Runs that are behind drop out of the band where they have not arrived yet.
 */
export function groupLossChartOption(members: readonly CurveData[], t: ChartTranslate, options: GroupChartOptions = {}): ChartOption {
  const axis = options.xAxis ?? 'step';
  const log = options.logScale ?? false;
  const series = groupBands(members, axis, { train: t('trainLoss'), test: t('testLoss') }, (evals) => ({ train: evals.trainLoss, test: evals.testLoss }), log ? forLogAxis : finiteOrNull);
  const empty = members.every((data) => data.evals.step.length === 0);
  return lossFrame(t, options.runName, empty ? t('noData') : t('groupBandNote', { n: members.length }), groupXAxis(members, t, axis), log, series);
}

/** A seed group's train and test accuracy (%) as median lines and bands over faint runs (see groupLossChartOption). */
export function groupAccuracyChartOption(members: readonly CurveData[], t: ChartTranslate, options: GroupChartOptions = {}): ChartOption {
  const axis = options.xAxis ?? 'step';
  const series = groupBands(members, axis, { train: t('trainAccuracy'), test: t('testAccuracy') }, (evals) => ({ train: evals.trainAccuracy, test: evals.testAccuracy }), percentOrNull);
  const empty = members.every((data) => data.evals.step.length === 0);
  const note = empty ? t('noData') : members.some((data) => hasValue(data.evals.trainAccuracy)) ? t('groupBandNote', { n: members.length }) : t('noAccuracy');
  return accuracyFrame(t, options.runName, note, groupXAxis(members, t, axis), series);
}
