import { runStyleOf } from '../../compare/run-colors';
import { trainTestGap } from '../../compare/train-test-gap';
import type { CompareMessageKey } from '../../i18n/messages/compare';
import type { ChartOption } from '../chart-option';
import { SINGLE_GRID, chartFileName, chartTitle, finiteOrNull, formatNumber, valueYAxis } from '../chart-style';
import { hasValue, points } from '../line-points';
import { bandSeries, curveOf } from '../curve-bands';
import { bandMembers, seriesOf, type ComparedRun, type CompareCurveOptions, type CompareTranslators } from './compared-run';
import { PANEL_HEADING_STYLE, curveChartOption, panelLists, seriesId } from './panel-skeleton';
import { curveXAxis, xOf } from './run-curves';

/** The gap chart's panels: their height, the first one's top, the room between them (axis name, heading). */
const GAP_LAYOUT = { panelHeight: 170, top: 112, spacing: 104, bottom: 96 } as const;

function hasAccuracy(runs: readonly ComparedRun[]): boolean {
  return runs.some((run) => seriesOf(run).some((series) => hasValue(series.evals.testAccuracy)));
}

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
  const gapPanels: { role: 'accuracy' | 'loss'; heading: CompareMessageKey; axisName: CompareMessageKey }[] = withAccuracy
    ? [
        { role: 'accuracy', heading: 'gapAccuracyPanel', axisName: 'axisAccuracyGap' },
        { role: 'loss', heading: 'gapLossPanel', axisName: 'axisLossGap' },
      ]
    : [{ role: 'loss', heading: 'gapLossPanel', axisName: 'axisLossGap' }];
  const gaps = runs.map((run) => trainTestGap(run.series.evals));
  const noTest = runs.every((run) => seriesOf(run).every((series) => trainTestGap(series.evals).step.length === 0));

  const { panelHeight, top, spacing } = GAP_LAYOUT;
  const panels = panelLists(chartTitle(tr.compare('gapTitle'), noTest ? tr.compare('noTestSplit') : undefined));
  gapPanels.forEach((panel, p) => {
    const panelTop = top + p * (panelHeight + spacing);
    panels.title.push({ text: tr.compare(panel.heading), left: 12, top: panelTop - 60, textStyle: PANEL_HEADING_STYLE });
    panels.grid.push({ left: SINGLE_GRID.left, right: SINGLE_GRID.right, top: panelTop, height: panelHeight });
    panels.xAxis.push(curveXAxis(runs, tr, axis, { gridIndex: p }));
    panels.yAxis.push(valueYAxis(tr.compare(panel.axisName), false, { gridIndex: p, scale: true, splitNumber: 4 }));
    gaps.forEach((gap, k) => {
      const run = runs[k]!;
      const members = bandMembers(run);
      if (members) {
        const curves = members.map((member) => {
          const memberGap = trainTestGap(member.evals);
          return curveOf(xOf(axis, memberGap, member), panel.role === 'accuracy' ? memberGap.accuracyGap : memberGap.lossGap, finiteOrNull);
        });
        panels.series.push(...bandSeries({ id: (role) => seriesId(k, role), role: panel.role, name: run.name, color: run.color, dash: runStyleOf(run.color).dash, symbol: runStyleOf(run.color).symbol, curves, xAxisIndex: p, yAxisIndex: p }));
        return;
      }
      panels.series.push({
        type: 'line',
        id: seriesId(k, panel.role),
        name: run.name,
        xAxisIndex: p,
        yAxisIndex: p,
        data: points(xOf(axis, gap, run.series), panel.role === 'accuracy' ? gap.accuracyGap : gap.lossGap, finiteOrNull),
        color: run.color,
        symbol: runStyleOf(run.color).symbol,
        symbolSize: 6,
        showSymbol: gap.step.length <= 50,
        lineStyle: { width: 2.5, type: runStyleOf(run.color).dash as 'solid' | number[] },
        connectNulls: false,
      });
    });
  });

  return curveChartOption({
    tr,
    fileName: chartFileName('compare-train-test-gap'),
    runs,
    axis,
    line: (values) => {
      const accuracy = values.get('accuracy');
      if (accuracy !== undefined) return accuracy === null ? null : `${formatNumber(accuracy, 3)}%p`;
      const loss = values.get('loss') ?? null;
      return loss === null ? null : formatNumber(loss, 4);
    },
    ...panels,
  });
}
