import type { ChartTranslate } from '../i18n/messages/charts';
import type { ChartOption, SeriesOption } from './chart-option';
import {
  COLORS,
  SINGLE_GRID,
  TEXT_STYLE,
  chartFileName,
  chartLegend,
  chartTitle,
  chartToolbox,
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
import { hasValue, points, type Point } from './line-points';
import type { CurveData } from './run-series';

/** What the curves are plotted against: steps (weight updates) or epochs (fractional). */
export type CurveAxis = 'step' | 'epoch';

export interface LossChartOptions extends CommonChartOptions {
  /** x axis: steps (default) or epochs. */
  xAxis?: CurveAxis;
  /** Log-scale y axis (losses spanning orders of magnitude); non-positive values become gaps. */
  logScale?: boolean;
}

export interface AccuracyChartOptions extends CommonChartOptions {
  xAxis?: CurveAxis;
}

/** The x axis of a curve chart: from 0 to the run's planned end, so a live chart fills in rather than rescales. */
function curveXAxis(data: CurveData, t: ChartTranslate, axis: CurveAxis) {
  const end = data.totalSteps === null ? null : axis === 'epoch' ? (data.stepsPerEpoch ? data.totalSteps / data.stepsPerEpoch : null) : data.totalSteps;
  return valueXAxis(t(axis === 'epoch' ? 'axisEpoch' : 'axisStep'), { min: 0, ...(end !== null && end > 0 ? { max: end } : {}) });
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
    lineStyle: { width: 2.5, type: dashed ? 'dashed' : 'solid' },
    connectNulls: false,
    z: 3,
  };
}

/**
 * Loss over training: the batch loss at every step (thin, light: it is noisy) and the evaluated
 * train and test losses (thick), against steps or epochs; with a penalty on, the batch data loss
 * (without λ·Σ|w| or λ/2·Σw²) too, so the penalty's share is visible. Linear axis from 0, or log.
 */
export function lossChartOption(data: CurveData, t: ChartTranslate, options: LossChartOptions = {}): ChartOption {
  const axis = options.xAxis ?? 'step';
  const log = options.logScale ?? false;
  const map = log ? forLogAxis : finiteOrNull;
  const { steps, evals } = data;
  const stepX = axis === 'epoch' ? steps.epoch : steps.step;
  const evalX = axis === 'epoch' ? evals.epoch : evals.step;

  const series: SeriesOption[] = [
    {
      type: 'line',
      name: t('batchLoss'),
      data: points(stepX, steps.loss, map),
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
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(t('lossTitle'), subtitle(t, options.runName, empty ? t('noData') : null)),
    toolbox: chartToolbox(t, chartFileName('loss', options.runName)),
    legend: chartLegend(),
    tooltip: chartTooltip('axis', (v) => formatNumber(v as number, 4)),
    grid: SINGLE_GRID,
    xAxis: curveXAxis(data, t, axis),
    yAxis: valueYAxis(t(log ? 'axisLossLog' : 'axisLoss'), log, log ? {} : { min: 0 }),
    series,
  };
}

/** Train and test accuracy (%, 0–100) at each evaluation, against steps or epochs. */
export function accuracyChartOption(data: CurveData, t: ChartTranslate, options: AccuracyChartOptions = {}): ChartOption {
  const axis = options.xAxis ?? 'step';
  const { evals } = data;
  const evalX = axis === 'epoch' ? evals.epoch : evals.step;

  const series: SeriesOption[] = [evalLine(t('trainAccuracy'), COLORS.train, points(evalX, evals.trainAccuracy, percentOrNull), false, 'circle')];
  if (hasValue(evals.testAccuracy)) series.push(evalLine(t('testAccuracy'), COLORS.test, points(evalX, evals.testAccuracy, percentOrNull), true, 'triangle'));

  const note = evals.step.length === 0 ? t('noData') : hasValue(evals.trainAccuracy) ? null : t('noAccuracy');
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(t('accuracyTitle'), subtitle(t, options.runName, note)),
    toolbox: chartToolbox(t, chartFileName('accuracy', options.runName)),
    legend: chartLegend(),
    tooltip: chartTooltip('axis', (v) => `${formatNumber(v as number, 4)}%`),
    grid: SINGLE_GRID,
    xAxis: curveXAxis(data, t, axis),
    yAxis: valueYAxis(t('axisAccuracy'), false, { min: 0, max: 100, interval: 20 }),
    series,
  };
}
