import type { NetworkSnapshotEvent } from '$engine/api/events';
import type { ChartTranslate } from '../i18n/messages/charts';
import type { ChartOption, GridOption, SeriesOption, VisualMapOption } from './chart-option';
import type { CellTable } from './chart-table';
import {
  AXIS_LINE_COLOR,
  FONT_FAMILY,
  MUTED_COLOR,
  SMALL_FONT_SIZE,
  TEXT_COLOR,
  TEXT_STYLE,
  chartFileName,
  chartLegend,
  chartTitle,
  chartDownload,
  chartTooltip,
  classColor,
  formatNumber,
  subtitle,
  valueXAxis,
  valueYAxis,
  type CommonChartOptions,
} from './chart-style';
import { boundaryCanvas, paintBoundary, type BoundaryImage, type PixelCanvas } from './boundary-image';

/** A data point on the input plane (the dataset preview's points). */
export interface PlanePoint {
  x1: number;
  x2: number;
  /** Class index (classification) or target value (regression). */
  label: number;
  split: 'train' | 'test';
}

export interface DecisionBoundaryOptions extends CommonChartOptions {
  /** Classes of the dataset; null for regression (cells then show the raw output). Default: inferred from the snapshot. */
  numClasses?: number | null;
  /**
   * The same object on every update of one chart: its picture is repainted on the same canvases
   * instead of two new ones a snapshot (a new canvas's context and first drawing were 25–75 ms of
   * a loaded page's main thread). Without it each option paints canvases of its own.
   */
  pictureSlot?: object;
}

/** Playground's colours for a real-valued output: orange (low) through white to blue (high). */
const OUTPUT_RAMP = ['#f59322', '#ffffff', '#0877bd'];
/**
 * Cell lightness (HSL) from the least confident prediction (a coin toss: near white) to certainty.
 * Opaque colours rather than transparency: adjacent translucent cells leave visible seams.
 */
const CELL_LIGHTNESS: [number, number] = [0.97, 0.8];
const PLOT: GridOption = { left: 72, right: 36, top: 96, bottom: 96, outerBoundsMode: 'none' };
/** Nice ticks only (the extent's ends are odd numbers), on axes kept at the plot's edges rather than through 0. */
const tickLabel = { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR, showMinLabel: false, showMaxLabel: false, formatter: (v: number) => formatNumber(v, 2) };
const edgeLine = { onZero: false, lineStyle: { color: AXIS_LINE_COLOR } };

/**
 * The decision boundary: a resolution × resolution heatmap of the network's prediction over the
 * input plane, each cell in its predicted class's colour, more opaque the more confident
 * (for regression: the raw output on an orange–white–blue scale), with the data on top
 * (training points as circles, test points as triangles), axes x₁ and x₂.
 *
 * Two grids share one rectangle: category axes place the heatmap's cells exactly (cell (row, col)
 * covers its share of the extent; row 0 of the snapshot is the top), value axes over the same
 * extent carry the points and the ticks.
 */
export function decisionBoundaryOption(
  snapshot: NetworkSnapshotEvent | null,
  points: readonly PlanePoint[],
  t: ChartTranslate,
  options: DecisionBoundaryOptions = {},
): ChartOption {
  const resolution = snapshot?.resolution ?? 2;
  const extent = snapshot?.extent ?? extentOf(points);
  const numClasses = options.numClasses === undefined ? inferClasses(snapshot) : options.numClasses;
  const classes = numClasses !== null && numClasses >= 2;

  const cells: (number | null)[][] = [];
  if (snapshot) {
    for (let row = 0; row < resolution; row++) {
      const y = resolution - 1 - row;
      for (let col = 0; col < resolution; col++) {
        const i = row * resolution + col;
        cells.push([col, y, snapshot.predicted[i] ?? null, snapshot.confidence[i] ?? null]);
      }
    }
  }
  // For regression one colour scale serves the outputs and the points' targets: it spans both.
  let low = Infinity;
  let high = -Infinity;
  const widen = (v: number | null | undefined) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    if (v < low) low = v;
    if (v > high) high = v;
  };
  if (!classes) {
    for (const cell of cells) widen(cell[3]);
    for (const point of points) widen(point.label);
  }
  if (low > high) [low, high] = [0, 1];

  const visualMap: VisualMapOption[] = classes
    ? [
        {
          type: 'piecewise',
          seriesIndex: 0,
          dimension: 2,
          pieces: Array.from({ length: numClasses }, (_, c) => ({ value: c, label: t('className', { n: c }), color: classColor(c) })),
          orient: 'horizontal',
          right: 48,
          top: 10,
          itemWidth: 16,
          itemHeight: 12,
          selectedMode: false,
          textStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: TEXT_COLOR },
        },
      ]
    : [
        {
          type: 'continuous',
          seriesIndex: [0, 1, 2],
          dimension: 2,
          min: low,
          max: high > low ? high : low + 1,
          inRange: { color: OUTPUT_RAMP },
          text: [formatNumber(high), formatNumber(low)],
          orient: 'horizontal',
          right: 48,
          top: 10,
          itemHeight: 120,
          itemWidth: 12,
          calculable: false,
          textStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: TEXT_COLOR },
        },
      ];
  // For regression the colour dimension is the output itself.
  const heatData = classes ? cells : cells.map(([col, y, , value]) => [col ?? 0, y ?? 0, value ?? null]);
  const image = snapshot
    ? paintBoundary(
        snapshot,
        classes
          ? { kind: 'classes', numClasses, classColor, lightness: CELL_LIGHTNESS }
          : { kind: 'output', low, high: high > low ? high : low + 1, ramp: OUTPUT_RAMP },
      )
    : null;

  const series: SeriesOption[] = [
    boundarySeries(t(classes ? 'prediction' : 'networkOutput'), heatData, image, options.pictureSlot),
    ...pointSeries(points, 'train', t, classes),
    ...pointSeries(points, 'test', t, classes),
  ];

  const indices = Array.from({ length: resolution }, (_, i) => i);
  const note = snapshot ? t('subtitleAtStep', { step: snapshot.step, epoch: snapshot.epoch }) : t('noData');
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(t('decisionBoundaryTitle'), subtitle(t, options.runName, note)),
    download: chartDownload(t, chartFileName('decision-boundary', options.runName, snapshot?.step)),
    legend: chartLegend([t('trainData'), t('testData')]),
    tooltip: boundaryTooltipOption(snapshot, t, extent, classes),
    visualMap,
    grid: [PLOT, PLOT],
    xAxis: [
      { type: 'category', gridIndex: 0, data: indices, show: false },
      valueXAxis(t('axisX1'), { gridIndex: 1, min: extent.x1[0], max: extent.x1[1], axisLabel: tickLabel, axisLine: edgeLine, z: 5 }),
    ],
    yAxis: [
      { type: 'category', gridIndex: 0, data: indices, show: false },
      valueYAxis(t('axisX2'), false, { gridIndex: 1, min: extent.x2[0], max: extent.x2[1], axisLabel: tickLabel, axisLine: { ...edgeLine, show: true }, splitLine: { show: false }, z: 5 }),
    ],
    series,
  };
}

/**
 * The colour field as one picture under the points (boundary-image.ts). ECharts gets one data item,
 * the picture over the whole plot area: given the resolution² cells as data it walked them all on
 * every snapshot (storing, visual-mapping and calling renderItem for each: 20–60 ms a snapshot
 * while runs trained, issue 15) to draw nothing but the first. The cells go to the data table and
 * its CSV through the series' cell table (chart-table.ts), which ECharts does not read.
 */
function boundarySeries(name: string, cells: (number | null)[][], image: BoundaryImage | null, slot: object | undefined): SeriesOption {
  let canvas: PixelCanvas | null = null;
  const series: SeriesOption & CellTable = {
    type: 'custom',
    id: 'boundary',
    name,
    xAxisIndex: 0,
    yAxisIndex: 0,
    data: cells.length === 0 ? [] : [[0, 0]],
    cellTable: () => cells,
    z: 1,
    renderItem: (params) => {
      if (params.dataIndex !== 0 || !image) return null;
      canvas ??= boundaryCanvas(image, slot);
      if (!canvas) return null;
      const rect = (params.coordSys as unknown as { x: number; y: number; width: number; height: number });
      // Hovered, the picture names the cell under the pointer (boundaryTooltipOption); no highlight to redraw.
      return { type: 'image', emphasisDisabled: true, style: { image: canvas as unknown as HTMLCanvasElement, x: rect.x, y: rect.y, width: rect.width, height: rect.height } };
    },
  };
  return series;
}

/**
 * The data points' series, the same object for the same points (and language): the points do not
 * change while a run trains, and the chart sends ECharts only the series that did (sent-series.ts),
 * so a 50,000-point file is not rebuilt on every snapshot.
 */
const pointSeriesMade = new WeakMap<readonly PlanePoint[], Map<string, SeriesOption[]>>();

/**
 * Above this many points of one split, each class gets its own series drawn in ECharts' large mode
 * (all its points one path): drawn one symbol each, the 2,000 points of a file's preview held the
 * page for 150–400 ms in a single setOption while runs trained (issue 15). Large mode has no
 * per-point colour, hence a series per class.
 */
export const LARGE_POINT_COUNT = 200;

function pointSeries(points: readonly PlanePoint[], split: 'train' | 'test', t: ChartTranslate, classes: boolean): SeriesOption[] {
  const key = `${split}|${classes}|${t(split === 'train' ? 'trainData' : 'testData')}`;
  let made = pointSeriesMade.get(points);
  if (!made) pointSeriesMade.set(points, (made = new Map()));
  let series = made.get(key);
  if (!series) made.set(key, (series = newPointSeries(points, split, t, classes)));
  return series;
}

function newPointSeries(points: readonly PlanePoint[], split: 'train' | 'test', t: ChartTranslate, classes: boolean): SeriesOption[] {
  const train = split === 'train';
  const chosen = points.filter((p) => p.split === split);
  const marker = {
    type: 'scatter',
    id: split,
    name: t(train ? 'trainData' : 'testData'),
    xAxisIndex: 1,
    yAxisIndex: 1,
    symbol: train ? 'circle' : 'triangle',
    symbolSize: train ? 8 : 10,
    // The legend shows the marker in a neutral colour; each point takes its class's colour.
    // Training points get a white rim on class colours; on the output scale (near white around 0) a dark one.
    itemStyle: { color: MUTED_COLOR, borderColor: train && classes ? '#ffffff' : TEXT_COLOR, borderWidth: train ? 1 : 1.2 },
    z: train ? 3 : 4,
  } satisfies SeriesOption;
  if (chosen.length <= LARGE_POINT_COUNT) {
    return [{ ...marker, data: chosen.map((p) => (classes ? { value: [p.x1, p.x2, p.label], itemStyle: { color: classColor(p.label) } } : { value: [p.x1, p.x2, p.label] })) }];
  }
  if (!classes) return [{ ...marker, large: true, largeThreshold: 0, data: chosen.map((p) => [p.x1, p.x2, p.label]) }];
  const byClass = new Map<number, number[][]>();
  for (const p of chosen) {
    let values = byClass.get(p.label);
    if (!values) byClass.set(p.label, (values = []));
    values.push([p.x1, p.x2, p.label]);
  }
  // The first, empty series carries the legend's neutral marker; the legend toggles every series of its name.
  return [
    { ...marker, data: [] },
    ...[...byClass].sort(([a], [b]) => a - b).map(([label, data]): SeriesOption => ({
      ...marker,
      id: `${split}-class-${label}`,
      itemStyle: { ...marker.itemStyle, color: classColor(label) },
      // A rare class of a few points is drawn the same way as the others.
      large: true,
      largeThreshold: 0,
      data,
    })),
  ];
}

/** The largest class predicted anywhere, plus one, and at least 2. */
function inferClasses(snapshot: NetworkSnapshotEvent | null): number {
  let max = 1;
  for (const c of snapshot?.predicted ?? []) if (c > max) max = c;
  return max + 1;
}

/** The points' bounding box (used before the first snapshot arrives). */
function extentOf(points: readonly PlanePoint[]): { x1: [number, number]; x2: [number, number] } {
  const range = (values: number[]): [number, number] => {
    const finite = values.filter(Number.isFinite);
    if (finite.length === 0) return [-1, 1];
    const low = Math.min(...finite);
    const high = Math.max(...finite);
    const pad = high > low ? 0.1 * (high - low) : 1;
    return [low - pad, high + pad];
  };
  return { x1: range(points.map((p) => p.x1)), x2: range(points.map((p) => p.x2)) };
}

/** The plot rectangle ECharts hands a tooltip's position callback: the hovered element's box. */
interface ElementRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The tooltip: a point's split, class and place; over the colour field, the prediction at the
 * pointer. The field is one picture, one data item, so ECharts tells the formatter only that the
 * picture is hovered; the position callback, which ECharts calls after it with the pointer and the
 * picture's box, writes the cell under the pointer into the tooltip (its text, escaped: numbers and
 * this app's words).
 */
function boundaryTooltipOption(
  snapshot: NetworkSnapshotEvent | null,
  t: ChartTranslate,
  extent: { x1: [number, number]; x2: [number, number] },
  classes: boolean,
): NonNullable<ChartOption['tooltip']> {
  let lastCell = '';
  return {
    ...chartTooltip('item'),
    formatter: (params: unknown) => ((params as { seriesIndex?: number }).seriesIndex === 0 ? lastCell : pointTooltip(params, t)),
    position: (point: number[], params: unknown, dom: unknown, rect: ElementRect | null) => {
      if ((params as { seriesIndex?: number }).seriesIndex === 0 && snapshot && rect) {
        lastCell = cellTooltip(snapshot, point, rect, t, extent, classes);
        if (dom !== null && typeof dom === 'object' && 'innerHTML' in dom) (dom as { innerHTML: string }).innerHTML = lastCell;
      }
      return [point[0]! + 14, point[1]! + 14];
    },
  };
}

/** The prediction of the cell under `point` (pixels) on the picture drawn over `rect`. */
export function cellTooltip(
  snapshot: NetworkSnapshotEvent,
  point: readonly number[],
  rect: ElementRect,
  t: ChartTranslate,
  extent: { x1: [number, number]; x2: [number, number] },
  classes: boolean,
): string {
  const n = snapshot.resolution;
  const index = (offset: number, size: number) => Math.min(n - 1, Math.max(0, Math.floor((offset / size) * n)));
  const col = index(point[0]! - rect.x, rect.width);
  // Row 0 of the snapshot is the top of the plane (the largest x₂), as the picture's row 0.
  const row = index(point[1]! - rect.y, rect.height);
  const cell = row * n + col;
  const x1 = formatNumber(extent.x1[0] + ((col + 0.5) * (extent.x1[1] - extent.x1[0])) / n);
  const x2 = formatNumber(extent.x2[1] - ((row + 0.5) * (extent.x2[1] - extent.x2[0])) / n);
  const confidence = snapshot.confidence[cell];
  if (!classes) return t('tooltipCellValue', { x1, x2, value: formatNumber(confidence ?? null) });
  return t('tooltipCell', {
    x1,
    x2,
    prediction: t('className', { n: snapshot.predicted[cell] ?? '–' }),
    confidence: confidence === null || confidence === undefined ? '–' : formatNumber(confidence * 100),
  });
}

function pointTooltip(params: unknown, t: ChartTranslate): string {
  const { seriesId, value } = params as { seriesId?: string; value?: (number | null)[] };
  if (!value) return '';
  const split = t(seriesId?.startsWith('train') ? 'trainSplit' : 'testSplit');
  return t('tooltipPoint', { split, label: formatNumber(value[2]), x1: formatNumber(value[0]), x2: formatNumber(value[1]) });
}
