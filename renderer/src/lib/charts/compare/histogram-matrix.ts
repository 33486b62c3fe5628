import type { Histogram } from '$engine/api/events';
import { histogramPercent } from '../../compare/histogram-density';
import { formatPercent } from '../../text/percent-text';
import type { ChartOption } from '../chart-option';
import { FONT_FAMILY, FONT_SIZE, MUTED_COLOR, SMALL_FONT_SIZE, chartFileName, chartTitle, formatNumber } from '../chart-style';
import type { ComparedRun, CompareTranslators } from './compared-run';
import { KIND_TEXT, distributionSubtitle, layerValues, snapshotLayers, type DistributionOptions, type RunSnapshot } from './distribution-values';
import { extentOf, histogramHeightAxis, histogramValueAxis } from './histogram-axes';
import { layerHeading, layerIndices } from './layer-headings';
import { FOOTER_HEIGHT, HEADER_HEIGHT, columnBox, compareChartOption, panelGrid, panelLists, panelTitle, runLabel, seriesId } from './panel-skeleton';

/** Height of one cell of the side-by-side histograms. */
export const MATRIX_CELL_HEIGHT = 190;
/** Above the side-by-side cells: each column's run name and snapshot step, and a gap. */
const MATRIX_COLUMN_HEADING = 44;

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
  const columns = Math.max(1, entries.length);
  const headingHeight = options.kind === 'weight' ? 52 : 38;

  const panels = panelLists(chartTitle(tr.compare(text.matrix), distributionSubtitle(tr, options, layers.length === 0)));
  entries.forEach((entry, column) => {
    panels.title.push({
      text: entry.run.name,
      subtext: entry.snapshot ? tr.compare('snapshotOf', { step: entry.snapshot.step, epoch: entry.snapshot.epoch }) : tr.compare('noSnapshotYet'),
      left: columnBox(column, columns, 0).left,
      top: HEADER_HEIGHT - 4,
      itemGap: 2,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE + 1, fontWeight: 'bold', color: entry.run.color },
      subtextStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR },
    });
  });

  const cells: { run: ComparedRun; heading: string; histogram: Histogram; percent: number[] }[] = [];

  layers.forEach((layer, row) => {
    const heading = layerHeading(tr, layer, perRun);
    entries.forEach((entry, column) => {
      const values = entry.snapshot ? layerValues(entry.snapshot, layer, options.kind) : null;
      if (!values) return;
      const box = columnBox(column, columns, HEADER_HEIGHT + MATRIX_COLUMN_HEADING + row * MATRIX_CELL_HEIGHT);
      const stats = [tr.chart('meanStd', { mean: formatNumber(values.mean), std: formatNumber(values.std) })];
      if (values.zero !== null) stats.push(tr.chart('zeroWeights', { zero: formatPercent(values.zero), near: formatPercent(values.nearZero) }));
      panels.title.push(panelTitle(heading, box, stats.join('\n')));
      const cell = panels.grid.length;
      panels.grid.push(panelGrid(box, headingHeight, MATRIX_CELL_HEIGHT));
      const percent = histogramPercent(values.histogram);
      panels.xAxis.push({ type: 'category', gridIndex: cell, show: false, data: percent.map((_, i) => i) }, histogramValueAxis(cell, extentOf([values.histogram]), tr.chart(text.axis)));
      panels.yAxis.push(histogramHeightAxis(cell, tr.compare('axisPercent'), 34));
      panels.series.push({
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

  return compareChartOption({
    tr,
    fileName: chartFileName(`compare-${text.file}-side-by-side`, null, options.step),
    runs: entries.map((entry) => entry.run),
    trigger: 'item',
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
      return `${runLabel(undefined, cell.run.name)} · ${cell.heading}<br/>${reading}`;
    },
    ...panels,
  });
}
