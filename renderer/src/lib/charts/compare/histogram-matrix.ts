import { runStyleOf } from '../../compare/run-colors';
import type { ChartOption } from '../chart-option';
import { FONT_FAMILY, FONT_SIZE, MUTED_COLOR, SMALL_FONT_SIZE, chartFileName, chartTitle, formatNumber } from '../chart-style';
import { histogramTooltip, rangeNote, type TooltipEntry } from '../histogram-figure';
import { histogramPanel } from '../histogram-panel';
import { activationRange, figureRange, spreadText, zerosApart, type HistogramKind, type ValueRange } from '../histogram-shapes';
import { formatPercent } from '../../text/percent-text';
import {
  KIND_TEXT,
  distributionSubtitle,
  firstLayerStds,
  layerValues,
  snapshotLayers,
  type DistributionOptions,
  type DistributionTranslators,
  type LayerValues,
  type RunSnapshot,
} from './distribution-values';
import { layerHeading, layerIndices } from './layer-headings';
import { FOOTER_HEIGHT, HEADER_HEIGHT, columnBox, columnPercent, compareChartOption, headingClearance, panelLists, panelTitle, seriesId } from './panel-skeleton';

/** Height of one cell's plot with its axes' labels and names, below the cell's heading. */
const MATRIX_PLOT_HEIGHT = 150;
/** Above the side-by-side cells: each column's run name and snapshot step, and a gap. */
const MATRIX_COLUMN_HEADING = 44;

/** Lines of statistics under a cell's heading: the std (against layer 1) and the mean; for weights also the share of exact zeros. */
function statisticsLines(kind: HistogramKind): number {
  return kind === 'weight' ? 3 : 2;
}

/** Height of one cell: its heading with its statistics (clear of the plot's top tick label), then its plot. */
export function matrixCellHeight(kind: HistogramKind): number {
  return headingClearance(statisticsLines(kind)) + MATRIX_PLOT_HEIGHT;
}

/** Height in px of the side-by-side histograms of `kind` for `layerCount` layers. */
export function histogramMatrixHeight(layerCount: number, kind: HistogramKind = 'activation'): number {
  return HEADER_HEIGHT + MATRIX_COLUMN_HEADING + Math.max(1, layerCount) * matrixCellHeight(kind) + FOOTER_HEIGHT;
}

/** One cell: a run's layer. */
interface Cell {
  column: number;
  row: number;
  layer: number;
  values: LayerValues;
}

/**
 * Distributions side by side: a column per run (its name on top, in its colour, with the step of
 * its snapshot), a row per layer, each cell the run's histogram of `kind` at its true bin edges,
 * filled in the run's colour, heights in % of the values (so batch sizes compare). Every cell is on
 * ONE x range (sigmoid 0…1, tanh −1…1, else one range over all layers and runs), or with `range:
 * 'per-layer'` each row on its own range, still shared by the runs. Each cell's heading gives the
 * standard deviation and its ratio to the run's layer 1, and the mean (for weights also the share
 * of exact zeros); ReLU's share at exactly 0 stands apart as a grey bar, as in the live view.
 */
export function compareHistogramMatrixOption(entries: readonly RunSnapshot[], tr: DistributionTranslators, options: DistributionOptions): ChartOption {
  const text = KIND_TEXT[options.kind];
  const mode = options.range ?? 'shared';
  const perRun = snapshotLayers(entries);
  const layers = layerIndices(perRun);
  const columns = Math.max(1, entries.length);
  const headingHeight = headingClearance(statisticsLines(options.kind));
  const cellHeight = matrixCellHeight(options.kind);
  const firstStds = firstLayerStds(entries, layers, options.kind);

  const cells: Cell[] = [];
  layers.forEach((layer, row) =>
    entries.forEach((entry, column) => {
      const values = entry.snapshot ? layerValues(entry.snapshot, layer, options.kind) : null;
      if (values) cells.push({ column, row, layer, values });
    }),
  );
  const ranged = (list: readonly Cell[]) => figureRange(list.map((cell) => ({ histogram: cell.values.histogram, bounds: activationRange(options.kind, cell.values.activationName) })));
  const shared = ranged(cells);
  const rowRanges = new Map<number, ValueRange>(layers.map((_, row) => [row, mode === 'shared' ? shared : ranged(cells.filter((cell) => cell.row === row))]));
  const apart = zerosApart(options.kind, cells.map((cell) => cell.values.histogram));
  const notes = [rangeNote(tr, cells.map((cell) => cell.values), options.kind, mode, shared, true), apart ? tr.histogram('noteZeros') : null];

  const title = chartTitle(tr.compare(text.matrix), [distributionSubtitle(tr, options, layers.length === 0), ...(layers.length === 0 ? [] : notes)].filter(Boolean).join(' · '));
  const panels = panelLists(title);
  entries.forEach((entry, column) => {
    panels.title.push({
      text: entry.run.name,
      subtext: entry.snapshot ? tr.compare('snapshotOf', { step: entry.snapshot.step, epoch: entry.snapshot.epoch }) : tr.compare('noSnapshotYet'),
      left: columnBox(column, columns, 0).left,
      top: HEADER_HEIGHT - 4,
      itemGap: 2,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE + 1, fontWeight: 'bold', color: runStyleOf(entry.run.color).textColor },
      subtextStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR },
    });
  });

  const tooltips = new Map<string, TooltipEntry>();
  for (const cell of cells) {
    const entry = entries[cell.column]!;
    const heading = layerHeading(tr, cell.layer, perRun);
    const top = HEADER_HEIGHT + MATRIX_COLUMN_HEADING + cell.row * cellHeight;
    const { values } = cell;
    const stats = [spreadText(tr.histogram, values.std, firstStds[cell.column] ?? null, cell.layer === layers[0]), tr.histogram('mean', { mean: formatNumber(values.mean) })];
    if (values.zero !== null) stats.push(tr.chart('zeroWeights', { zero: formatPercent(values.zero), near: formatPercent(values.nearZero) }));
    panels.title.push(panelTitle(heading, columnBox(cell.column, columns, top), stats.join('\n')));
    const { left, width } = columnPercent(cell.column, columns);
    const id = seriesId(cell.column, `layer${cell.layer}`);
    const pieces = histogramPanel(
      {
        frame: { left, width, top: top + headingHeight, height: MATRIX_PLOT_HEIGHT - 14 },
        histogram: values.histogram,
        range: rowRanges.get(cell.row)!,
        zerosApart: apart,
        heights: 'percent',
        color: entry.run.color,
        seriesName: entry.run.name,
        zeroSeriesName: tr.histogram('zeroAxis'),
        seriesId: id,
        valueAxisName: tr.chart(text.axis),
        heightAxisName: tr.compare('axisPercent'),
        labelEnds: mode === 'shared',
      },
      panels.grid.length,
      tr.histogram,
    );
    panels.grid.push(...pieces.grid);
    panels.xAxis.push(...pieces.xAxis);
    panels.yAxis.push(...pieces.yAxis);
    panels.series.push(...pieces.series);
    tooltips.set(id, { heading: `${entry.run.name} · ${heading}`, histogram: values.histogram, zerosApart: apart });
  }

  return compareChartOption({
    tr,
    fileName: chartFileName(`compare-${text.file}-side-by-side`, null, options.step),
    runs: entries.map((entry) => entry.run),
    trigger: 'axis',
    formatter: histogramTooltip(tr, tooltips),
    ...panels,
  });
}
