import { runStyleOf } from '../../compare/run-colors';
import type { ChartOption } from '../chart-option';
import { AXIS_LINE_COLOR, chartFileName, chartTitle, forLogAxis, formatLogTick, formatNumber } from '../chart-style';
import { points } from '../line-points';
import { bandSeries, curveOf, isBand } from '../curve-bands';
import { bandMembers, type ComparedRun, type CompareCurveOptions, type CompareTranslators } from './compared-run';
import { layerHeading, layerIndices } from './layer-headings';
import {
  COMPARE_PANEL_HEIGHT,
  HEADER_HEIGHT,
  curveChartOption,
  compareColumns,
  headingClearance,
  panelBox,
  panelGrid,
  panelLists,
  panelTitle,
  panelXAxis,
  panelYAxis,
  seriesId,
} from './panel-skeleton';
import { curveEnd, xOf } from './run-curves';

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
  const owners = runs.map((run) => run.series);
  // A group's members that have gradient norms, each one's (for its band); null for a run drawn on
  // its own, or a group whose later runs were loaded without their diagnostics (compare: its first run's line).
  const groupData = runs.map((run) => {
    const members = bandMembers(run)?.flatMap((member) => {
      const norms = member.gradientNorms();
      return norms.layers.length > 0 ? [{ ...norms, owner: member }] : [];
    });
    return members && isBand(members.length) ? members : null;
  });
  const perRun = data.map((d) => d.layers);
  const layers = layerIndices(perRun);
  const columns = Math.max(1, Math.floor(options.columns ?? compareColumns(layers.length)));
  const range = logRange([...data, ...groupData.flatMap((members) => members ?? [])].flatMap((d) => d.values.flat()));
  const end = curveEnd(runs, axis);

  const panels = panelLists(chartTitle(tr.compare('gradientTitle'), layers.length === 0 ? tr.chart('noData') : tr.compare('gradientNote')));

  layers.forEach((layer, p) => {
    const box = panelBox(p, columns, COMPARE_PANEL_HEIGHT, HEADER_HEIGHT);
    panels.title.push(panelTitle(layerHeading(tr, layer, perRun), box));
    panels.grid.push(panelGrid(box, headingClearance(0), COMPARE_PANEL_HEIGHT));
    panels.xAxis.push(panelXAxis(p, tr.compare(axis === 'epoch' ? 'axisEpochShort' : axis === 'time' ? 'axisTimeShort' : 'axisStepShort'), {}, { min: 0, ...(end > 0 ? { max: end } : {}) }));
    panels.yAxis.push(
      panelYAxis(p, tr.compare('axisGradient'), 44, { formatter: formatLogTick }, { type: 'log', logBase: 10, ...(range ?? {}), axisLine: { show: true, lineStyle: { color: AXIS_LINE_COLOR } } }),
    );
    data.forEach((d, k) => {
      const row = d.layers.findIndex((info) => info.layer === layer);
      if (row < 0) return;
      const run = runs[k]!;
      const members = groupData[k];
      if (members) {
        const curves = members.flatMap((member) => {
          const memberRow = member.layers.findIndex((info) => info.layer === layer);
          return memberRow < 0 ? [] : [curveOf(xOf(axis, member, member.owner), member.values[memberRow] ?? [], forLogAxis)];
        });
        panels.series.push(...bandSeries({ id: (role) => seriesId(k, role), role: `layer${layer}`, name: run.name, color: run.color, dash: runStyleOf(run.color).dash, symbol: runStyleOf(run.color).symbol, curves, xAxisIndex: p, yAxisIndex: p }));
        return;
      }
      const x = xOf(axis, d, owners[k]!);
      panels.series.push({
        type: 'line',
        id: seriesId(k, `layer${layer}`),
        name: run.name,
        xAxisIndex: p,
        yAxisIndex: p,
        data: points(x, d.values[row] ?? [], forLogAxis),
        color: run.color,
        symbol: runStyleOf(run.color).symbol,
        showSymbol: x.length <= 30,
        symbolSize: 5,
        lineStyle: { width: 2, type: runStyleOf(run.color).dash as 'solid' | number[] },
        connectNulls: false,
      });
    });
  });

  return curveChartOption({
    tr,
    fileName: chartFileName('compare-gradients'),
    runs,
    axis,
    line: (values) => {
      const value = [...values.values()][0] ?? null;
      return value === null ? null : formatNumber(value);
    },
    ...panels,
  });
}
