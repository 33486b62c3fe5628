import type { EvalSeries, StepSeries } from '$engine/api/runs';
import type { ChartOption, SeriesOption } from '../charts/chart-option';
import { TEXT_STYLE, chartLegend, chartTitle, finiteOrNull, percentOrNull, valueXAxis, valueYAxis } from '../charts/chart-style';
import { hasValue } from '../charts/line-points';
import type { Translate } from '../i18n/locale';
import type { ReportKey } from '../i18n/messages/labs';

/** A stored run as the report's charts draw it: its name, colour and recorded series. */
export interface ReportChartRun {
  name: string;
  color: string;
  steps: StepSeries;
  evals: EvalSeries;
}

/** Most points a line keeps in a report image (a PNG a few hundred pixels wide gains nothing from more). */
const MAX_POINTS = 400;

function thinned(x: readonly number[], y: readonly (number | null)[], map: (v: number | null) => number | null): [number, number | null][] {
  const stride = Math.max(1, Math.ceil(x.length / MAX_POINTS));
  const out: [number, number | null][] = [];
  for (let i = 0; i < x.length; i += stride) out.push([x[i]!, map(y[i] ?? null)]);
  if (x.length > 0 && (x.length - 1) % stride !== 0) out.push([x[x.length - 1]!, map(y[x.length - 1] ?? null)]);
  return out;
}

function line(name: string, color: string, data: [number, number | null][], dashed: boolean): SeriesOption {
  return { type: 'line', name, data, color, showSymbol: data.length <= 30, symbolSize: 6, lineStyle: { width: 2.5, type: dashed ? 'dashed' : 'solid' }, connectNulls: true };
}

function base(title: string, yName: string, series: SeriesOption[], t: Translate<ReportKey>, yExtra: Record<string, unknown>): ChartOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: TEXT_STYLE,
    title: chartTitle(title),
    legend: chartLegend(),
    grid: { left: 64, right: 24, top: 64, bottom: 84 },
    xAxis: valueXAxis(t('axisStep'), { min: 0 }),
    yAxis: valueYAxis(yName, false, yExtra),
    series,
  };
}

/**
 * The loss of every run on one chart: the evaluated train (solid) and test (dashed) loss, or the
 * batch loss when a run has no evaluation; one colour per run.
 */
export function reportLossOption(runs: readonly ReportChartRun[], t: Translate<ReportKey>): ChartOption {
  const series: SeriesOption[] = [];
  for (const run of runs) {
    if (run.evals.step.length > 1 || run.steps.step.length <= 1) {
      series.push(line(`${run.name} · ${t('train')}`, run.color, thinned(run.evals.step, run.evals.trainLoss, finiteOrNull), false));
      if (hasValue(run.evals.testLoss)) series.push(line(`${run.name} · ${t('test')}`, run.color, thinned(run.evals.step, run.evals.testLoss, finiteOrNull), true));
    } else series.push(line(`${run.name} · ${t('train')}`, run.color, thinned(run.steps.step, run.steps.loss, finiteOrNull), false));
  }
  return base(t('lossChart'), t('axisLoss'), series, t, { min: 0 });
}

/** Train (solid) and test (dashed) accuracy of every run, in %; null when no run has an accuracy. */
export function reportAccuracyOption(runs: readonly ReportChartRun[], t: Translate<ReportKey>): ChartOption | null {
  const series: SeriesOption[] = [];
  for (const run of runs) {
    if (!hasValue(run.evals.trainAccuracy)) continue;
    series.push(line(`${run.name} · ${t('train')}`, run.color, thinned(run.evals.step, run.evals.trainAccuracy, percentOrNull), false));
    if (hasValue(run.evals.testAccuracy)) series.push(line(`${run.name} · ${t('test')}`, run.color, thinned(run.evals.step, run.evals.testAccuracy, percentOrNull), true));
  }
  return series.length === 0 ? null : base(t('accuracyChart'), t('axisAccuracy'), series, t, { min: 0, max: 100 });
}
