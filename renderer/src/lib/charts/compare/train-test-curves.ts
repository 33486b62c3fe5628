import { runStyleOf } from '../../compare/run-colors';
import type { CompareMessageKey } from '../../i18n/messages/compare';
import type { ChartOption, LegendOption, SeriesOption, YAxisOption } from '../chart-option';
import { FONT_FAMILY, MUTED_COLOR, SINGLE_GRID, SMALL_FONT_SIZE, chartFileName, chartTitle, finiteOrNull, forLogAxis, formatNumber, percentOrNull, valueYAxis } from '../chart-style';
import { hasValue, points, type Point } from '../line-points';
import { bandSeries, curveOf } from '../curve-bands';
import type { RunSeries } from '../run-series';
import { bandMembers, type ComparedRun, type CompareCurveOptions, type CompareTranslators } from './compared-run';
import { curveChartOption, seriesId } from './panel-skeleton';
import { curveXAxis, emptyNote, xOf, type CompareAxis } from './run-curves';

/**
 * Train/test pairs of every run on one chart: the evaluated loss and the accuracy, a solid train
 * and a dashed test line per run in the run's colour, with a key to the two line styles; a group
 * of runs as a train and a test band (median line, inter-quartile shading, faint members).
 */

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
    series: [key(train, false, 'none'), key(test, true, 'none')],
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
    // The dash tells train from test, so the run's own marker is what tells runs apart beside colour:
    // shown on long curves too, where ECharts thins markers that would overlap.
    symbol: runStyleOf(run.color).symbol,
    symbolSize: test ? 7 : 6,
    showSymbol: true,
    showAllSymbol: 'auto',
    lineStyle: { width: 2.5, type: test ? 'dashed' : 'solid' },
    connectNulls: false,
    z: test ? 3 : 4,
  };
}

/** What differs between the loss and the accuracy chart of train/test pairs. */
interface TrainTestParts {
  title: CompareMessageKey;
  file: string;
  train: (series: RunSeries) => readonly (number | null)[];
  test: (series: RunSeries) => readonly (number | null)[];
  map: (v: number | null) => number | null;
  format: (v: number | null) => string;
  yAxis: YAxisOption;
  /** Replaces the style note under the title (no data, no accuracy). */
  note: string | null;
}

/** Train/test pairs as one chart: a solid train and a dashed test line per run, with the style key. */
function trainTestOption(runs: readonly ComparedRun[], tr: CompareTranslators, axis: CompareAxis, parts: TrainTestParts): ChartOption {
  const series: SeriesOption[] = [];
  runs.forEach((run, k) => {
    const members = bandMembers(run);
    if (members) {
      const curves = (values: (series: RunSeries) => readonly (number | null)[]) => members.map((member) => curveOf(xOf(axis, member.evals, member), values(member), parts.map));
      const band = { id: (role: string) => seriesId(k, role), name: run.name, color: run.color };
      const symbol = runStyleOf(run.color).symbol;
      series.push(...bandSeries({ ...band, role: 'train', curves: curves(parts.train), symbol }));
      if (members.some((member) => hasValue(parts.test(member)))) series.push(...bandSeries({ ...band, role: 'test', curves: curves(parts.test), dashed: true, symbol }));
      return;
    }
    const x = xOf(axis, run.series.evals, run.series);
    series.push(evalLine(run, k, 'train', points(x, parts.train(run.series), parts.map)));
    const test = parts.test(run.series);
    if (hasValue(test)) series.push(evalLine(run, k, 'test', points(x, test, parts.map)));
  });
  const key = styleKey(tr);
  return curveChartOption({
    tr,
    title: chartTitle(tr.compare(parts.title), parts.note ?? tr.compare('styleNote')),
    fileName: chartFileName(parts.file),
    runs,
    extraLegend: key.legend,
    axis,
    line: (values) => {
      const train = values.get('train') ?? null;
      const test = values.get('test') ?? null;
      if (train === null && test === null) return null;
      return values.has('test') ? tr.compare('tooltipTrainTest', { train: parts.format(train), test: parts.format(test) }) : parts.format(train);
    },
    grid: SINGLE_GRID,
    xAxis: curveXAxis(runs, tr, axis),
    yAxis: parts.yAxis,
    series: [...series, ...key.series],
  });
}

/** Evaluated train (solid) and test (dashed) loss of every run at each evaluation. */
export function compareEvalLossOption(runs: readonly ComparedRun[], tr: CompareTranslators, options: CompareCurveOptions = {}): ChartOption {
  const log = options.logScale ?? false;
  return trainTestOption(runs, tr, options.xAxis ?? 'step', {
    title: 'evalLossTitle',
    file: 'compare-eval-loss',
    train: (series) => series.evals.trainLoss,
    test: (series) => series.evals.testLoss,
    map: log ? forLogAxis : finiteOrNull,
    format: (v) => formatNumber(v, 4),
    yAxis: valueYAxis(tr.chart(log ? 'axisLossLog' : 'axisLoss'), log, log ? {} : { min: 0 }),
    note: emptyNote(runs, tr, (run) => run.series.evals.step.length === 0),
  });
}

/** Train (solid) and test (dashed) accuracy of every run, in % from 0 to 100. */
export function compareAccuracyOption(runs: readonly ComparedRun[], tr: CompareTranslators, options: CompareCurveOptions = {}): ChartOption {
  const empty = emptyNote(runs, tr, (run) => run.series.evals.step.length === 0);
  const noAccuracy = runs.every((run) => !hasValue(run.series.evals.trainAccuracy)) ? tr.chart('noAccuracy') : null;
  return trainTestOption(runs, tr, options.xAxis ?? 'step', {
    title: 'accuracyTitle',
    file: 'compare-accuracy',
    train: (series) => series.evals.trainAccuracy,
    test: (series) => series.evals.testAccuracy,
    map: percentOrNull,
    format: (v) => `${formatNumber(v, 4)}%`,
    yAxis: valueYAxis(tr.chart('axisAccuracy'), false, { min: 0, max: 100, interval: 20 }),
    note: empty ?? noAccuracy,
  });
}
