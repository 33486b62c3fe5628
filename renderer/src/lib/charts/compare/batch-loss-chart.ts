import { runStyleOf } from '../../compare/run-colors';
import { emaSmooth } from '../../compare/smoothing';
import type { ChartOption, SeriesOption } from '../chart-option';
import { SINGLE_GRID, chartFileName, chartTitle, finiteOrNull, forLogAxis, formatNumber, valueYAxis } from '../chart-style';
import { points } from '../line-points';
import { MAX_DISPLAY_POINTS, thinIndices } from '../run-series';
import { extremeIndices } from '../extreme-decimation';
import { bandSeries, curveOf } from '../curve-bands';
import { bandMembers, type ComparedRun, type CompareCurveOptions, type CompareTranslators } from './compared-run';
import { curveChartOption, seriesId } from './panel-skeleton';
import { curveXAxis, emptyNote, xOf } from './run-curves';

/** Options of the batch-loss chart. */
export interface BatchLossOptions extends CompareCurveOptions {
  /** EMA weight in [0, 0.99] (TensorBoard's slider); 0 draws the raw losses only. */
  smoothing?: number;
}

/** Faint raw line under a smoothed one. */
const RAW_OPACITY = 0.22;
/** Points per member of a group: its faint line and its share of the band need no more. */
const MEMBER_POINTS = 500;

/**
 * Batch loss of every run, smoothed as TensorBoard does (emaSmooth over the full-resolution
 * steps, then bounded to MAX_DISPLAY_POINTS per run keeping the raw losses' extremes) in a solid line over the raw losses in a
 * faint one of the same colour. With smoothing 0, the raw losses alone, at full strength. A group
 * is its members' (smoothed) losses as a median line and band over faint member lines.
 */
export function compareBatchLossOption(runs: readonly ComparedRun[], tr: CompareTranslators, options: BatchLossOptions = {}): ChartOption {
  const axis = options.xAxis ?? 'step';
  const log = options.logScale ?? false;
  const smoothing = options.smoothing ?? 0;
  const map = log ? forLogAxis : finiteOrNull;
  const series: SeriesOption[] = [];
  runs.forEach((run, k) => {
    const members = bandMembers(run);
    if (members) {
      // A group: each member smoothed at full resolution as a single run is, then its median and band.
      const curves = members.map((member) => {
        const x = xOf(axis, member.steps, member);
        const indices = thinIndices(x.length, MEMBER_POINTS);
        const loss = smoothing > 0 ? emaSmooth(member.steps.loss, smoothing) : member.steps.loss;
        return curveOf(indices.map((i) => x[i]!), indices.map((i) => loss[i]!), map);
      });
      series.push(...bandSeries({ id: (role) => seriesId(k, role), role: smoothing > 0 ? 'smoothed' : 'raw', name: run.name, color: run.color, dash: runStyleOf(run.color).dash, symbol: runStyleOf(run.color).symbol, curves }));
      return;
    }
    const { steps } = run.series;
    const x = xOf(axis, steps, run.series);
    // Each stretch's lowest and highest raw loss: a spike in one run stays in the comparison.
    const indices = extremeIndices(x.length, [steps.loss], MAX_DISPLAY_POINTS);
    const thin = <T>(values: readonly T[]): T[] => indices.map((i) => values[i]!);
    const raw = points(thin(x), thin(steps.loss), map);
    const dash = runStyleOf(run.color).dash as 'solid' | number[];
    if (smoothing > 0) {
      // Smoothed at full resolution, then thinned: the weight means "per step" whatever the run's length.
      const smoothed = emaSmooth(steps.loss, smoothing);
      series.push({ type: 'line', id: seriesId(k, 'smoothed'), name: run.name, data: points(thin(x), thin(smoothed), map), color: run.color, showSymbol: false, lineStyle: { width: 2.25, type: dash }, z: 3 });
      series.push({ type: 'line', id: seriesId(k, 'raw'), name: run.name, data: raw, color: run.color, showSymbol: false, lineStyle: { width: 1, opacity: RAW_OPACITY }, z: 2 });
    } else {
      series.push({ type: 'line', id: seriesId(k, 'raw'), name: run.name, data: raw, color: run.color, showSymbol: false, lineStyle: { width: 1.5, type: dash }, z: 2 });
    }
  });

  const note =
    emptyNote(runs, tr, (run) => run.series.steps.step.length === 0) ??
    (smoothing > 0 ? tr.compare('batchLossSmoothed', { smoothing: smoothing.toFixed(2) }) : tr.compare('batchLossRaw'));
  const format = (v: number | null) => formatNumber(v, 4);
  return curveChartOption({
    tr,
    title: chartTitle(tr.compare('batchLossTitle'), note),
    fileName: chartFileName('compare-batch-loss'),
    runs,
    axis,
    line: (values) => {
      const raw = values.get('raw') ?? null;
      if (!values.has('smoothed')) return raw === null ? null : format(raw);
      const smoothed = values.get('smoothed') ?? null;
      if (smoothed === null) return null;
      // A group's median has no one raw value beside it.
      return values.has('raw') ? tr.compare('tooltipSmoothed', { value: format(smoothed), raw: format(raw) }) : format(smoothed);
    },
    grid: SINGLE_GRID,
    xAxis: curveXAxis(runs, tr, axis),
    yAxis: valueYAxis(tr.chart(log ? 'axisLossLog' : 'axisLoss'), log, log ? {} : { min: 0 }),
    series,
  });
}
