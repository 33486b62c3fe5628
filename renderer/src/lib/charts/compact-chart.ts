import type { ChartOption, GridOption, LegendOption, TitleOption, VisualMapOption, XAxisOption, YAxisOption } from './chart-option';

/**
 * A chart redrawn small for the training screen's first view (the boundary, loss and accuracy
 * beside the network, all on one 1366 × 768 screen). The full-size option leaves about 190 px
 * above and below the plot for its title, run name, legend and axis names; here the title is one
 * line, the legend and class key sit in the margins, the axis names go (the toggles above and the
 * panel say what the axes are), so the plot keeps most of the height.
 */
export function compactChart(option: ChartOption, height = DEFAULT_HEIGHT): ChartOption {
  const yLabels = yLabelCount(height);
  return {
    ...option,
    title: mapSlot(option.title, compactTitle),
    legend: mapSlot(option.legend, compactLegend),
    grid: mapSlot(option.grid, compactGrid),
    xAxis: mapSlot(option.xAxis, (axis) => compactAxis(axis) as XAxisOption),
    yAxis: mapSlot(option.yAxis, (axis, index) => fewYLabels(compactAxis(axis) as YAxisOption, yLabels, index, option.series)),
    visualMap: mapSlot(option.visualMap, compactVisualMap),
  };
}

/** Top margin: the title line. Bottom: tick labels and a one-line legend. */
const GRID = { left: 40, right: 12, top: 30, bottom: 44 };
const SMALL_TEXT = 11;
/** The height a compact chart is drawn at when its caller does not say (the training screen's curves). */
const DEFAULT_HEIGHT = 140;
/** Room per y label: two lines of the 10 px labels, so they never touch. */
const Y_LABEL_ROOM = 24;

/**
 * How many y labels a plot of this chart height has room for: at most 4, at least 2. ECharts
 * picks about five by default, which on a 60 px plot (1366 × 768, data table open) crowd into
 * one another.
 */
export function yLabelCount(height: number): number {
  const plot = height - GRID.top - GRID.bottom;
  return Math.max(2, Math.min(4, Math.floor(plot / Y_LABEL_ROOM) + 1));
}

function mapSlot<T>(slot: T | T[] | undefined, map: (value: T, index: number) => T): T | T[] | undefined {
  if (slot === undefined) return undefined;
  return Array.isArray(slot) ? slot.map((value, index) => map(value, index)) : map(slot, 0);
}

function compactTitle(title: TitleOption): TitleOption {
  return { ...title, subtext: '', left: 4, top: 4, textStyle: { ...title.textStyle, fontSize: 13 } };
}

function compactLegend(legend: LegendOption): LegendOption {
  return { ...legend, bottom: 0, itemGap: 8, itemWidth: 14, itemHeight: 8, textStyle: { ...legend.textStyle, fontSize: SMALL_TEXT } };
}

function compactGrid(grid: GridOption): GridOption {
  return { ...grid, ...GRID };
}

function compactAxis(axis: XAxisOption | YAxisOption): XAxisOption | YAxisOption {
  const label = (axis as { axisLabel?: Record<string, unknown> }).axisLabel;
  return { ...axis, name: '', ...(label ? { axisLabel: { ...label, fontSize: 10 } } : {}) } as XAxisOption | YAxisOption;
}

/**
 * A value y axis with at most `labels` labels. ECharts takes splitNumber as a hint only (it draws
 * 0, 0.5, … 2 for "3"), so a linear axis gets its interval from the data: the smallest 1, 2 or 5
 * step that covers the series' range in `labels - 1` steps.
 */
function fewYLabels(axis: YAxisOption, labels: number, index: number, series: unknown): YAxisOption {
  const loose = axis as Record<string, unknown>;
  if (loose.type !== 'value' && loose.type !== 'log') return axis;
  const splits = labels - 1;
  const label = { ...((loose.axisLabel ?? {}) as Record<string, unknown>), hideOverlap: true };
  if (loose.type === 'log') return { ...axis, splitNumber: splits, axisLabel: label } as YAxisOption;
  // An axis with both ends fixed and no step of its own (the boundary's plane, from -4.3 to 4.3)
  // keeps ECharts' choice: a step from its odd ends would label odd values.
  const fixedEnds = typeof loose.min === 'number' && typeof loose.max === 'number';
  if (fixedEnds && typeof loose.interval !== 'number') return { ...axis, splitNumber: splits, axisLabel: label } as YAxisOption;
  const [low, high] = extentOf(series, index);
  const min = typeof loose.min === 'number' ? loose.min : low;
  const max = typeof loose.max === 'number' ? loose.max : high;
  if (!(Number.isFinite(min) && Number.isFinite(max) && max > min)) return { ...axis, splitNumber: splits, axisLabel: label } as YAxisOption;
  const interval = niceStep((max - min) / splits);
  // A free end is rounded out to a whole step, or ECharts labels the data's own end (0, 0.5, 0.9).
  const ends = {
    ...(typeof loose.min === 'number' ? {} : { min: Math.floor(min / interval) * interval }),
    ...(typeof loose.max === 'number' ? {} : { max: Math.ceil(max / interval) * interval }),
  };
  return { ...axis, splitNumber: splits, interval, ...ends, axisLabel: label } as YAxisOption;
}

/** The smallest and largest finite y value of the line, bar and scatter series on y axis `index`. */
function extentOf(series: unknown, index: number): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const one of (Array.isArray(series) ? series : series ? [series] : []) as Record<string, unknown>[]) {
    if ((Number(one.yAxisIndex ?? 0) !== index) || !Array.isArray(one.data)) continue;
    for (const item of one.data as unknown[]) {
      const point = item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as { value?: unknown }).value : item;
      const y = Array.isArray(point) ? point[1] : point;
      if (typeof y === 'number' && Number.isFinite(y)) {
        low = Math.min(low, y);
        high = Math.max(high, y);
      }
    }
  }
  return [low, high];
}

/** The smallest 1, 2 or 5 × 10ⁿ at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw - 1e-9) ?? 10) * power;
}

function compactVisualMap(map: VisualMapOption): VisualMapOption {
  return map.show === false ? map : ({ ...map, top: 6, right: 30, itemWidth: 12, itemHeight: 10, itemGap: 6, textStyle: { ...map.textStyle, fontSize: SMALL_TEXT } } as VisualMapOption);
}
