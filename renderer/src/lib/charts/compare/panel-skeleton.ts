import type { ChartOption, GridOption, LegendOption, SeriesOption, TitleOption, XAxisOption, YAxisOption } from '../chart-option';
import {
  AXIS_LINE_COLOR,
  FONT_FAMILY,
  FONT_SIZE,
  GRID_LINE_COLOR,
  MUTED_COLOR,
  SMALL_FONT_SIZE,
  TEXT_COLOR,
  TEXT_STYLE,
  chartLegend,
  chartDownload,
  chartTooltip,
  formatNumber,
} from '../chart-style';
import { tooltipText } from '../chart-text';
import { defaultColumns } from '../histogram-charts';
import type { CompareAxis } from './run-curves';
import type { ComparedRun, CompareTranslators } from './compared-run';
import { curveZoom } from '../chart-zoom';

/**
 * The frame every compare chart shares: the option's boilerplate (no animation, the app's font,
 * the PNG button, the run legend, the tooltip's look), the per-run tooltip, and the geometry of
 * small multiples (one panel per layer: where each sits, its heading, grid and axes). A change of
 * look for all compare charts is made here; what a chart shows lives in its own module.
 */

/** Above small multiples: the chart's title and subtitle. */
export const HEADER_HEIGHT = 66;
/** Below small multiples: the legend. */
export const FOOTER_HEIGHT = 46;
/** Height of one gradient or overlay panel. */
export const COMPARE_PANEL_HEIGHT = 230;

/** What differs from one compare chart to the next; compareChartOption adds the rest. */
export interface ComparePanelParts {
  tr: CompareTranslators;
  title: TitleOption | TitleOption[];
  /** The PNG's file name (chartFileName). */
  fileName: string;
  runs: readonly ComparedRun[];
  /** A second legend beside the runs' one (the line-style key). */
  extraLegend?: LegendOption;
  trigger: 'axis' | 'item';
  formatter: (params: unknown) => string;
  grid: GridOption | GridOption[];
  xAxis: XAxisOption | XAxisOption[];
  yAxis: YAxisOption | YAxisOption[];
  series: SeriesOption[];
}

/** The lists of a chart of several panels (grids), filled panel by panel; the first title is the chart's. */
export interface PanelLists {
  title: TitleOption[];
  grid: GridOption[];
  xAxis: XAxisOption[];
  yAxis: YAxisOption[];
  series: SeriesOption[];
}

/** Empty panel lists under the chart's title. */
export function panelLists(title: TitleOption): PanelLists {
  return { title: [title], grid: [], xAxis: [], yAxis: [], series: [] };
}

/** A compare chart's option: its parts in the frame every compare chart shares. */
export function compareChartOption(parts: ComparePanelParts): ChartOption {
  const legend = runLegend(parts.runs);
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: parts.title,
    download: chartDownload(parts.tr.chart, parts.fileName),
    legend: parts.extraLegend ? [legend, parts.extraLegend] : legend,
    tooltip: { ...chartTooltip(parts.trigger), formatter: parts.formatter },
    grid: parts.grid,
    xAxis: parts.xAxis,
    yAxis: parts.yAxis,
    series: parts.series,
  };
}

/** The parts of a chart over training time: its tooltip gives each run's values at the x under the pointer. */
export interface CurveChartParts extends Omit<ComparePanelParts, 'trigger' | 'formatter'> {
  axis: CompareAxis;
  /** One run's tooltip text from its values by role (see perRunTooltip); null leaves the run out. */
  line: (values: Map<string, number | null>) => string | null;
}

/** A compare chart over training time (curves, gap, gradients), in the shared frame, zoomable along x. */
export function curveChartOption(parts: CurveChartParts): ChartOption {
  const { axis, line, ...rest } = parts;
  const xAxes = Array.isArray(parts.xAxis) ? parts.xAxis.length : 1;
  return { ...compareChartOption({ ...rest, trigger: 'axis', formatter: perRunTooltip(parts.runs, parts.tr, axis, line) }), dataZoom: curveZoom(xAxes) };
}

/** The run legend: one entry per run, a dot of its colour (as on the run cards), along the bottom. */
function runLegend(runs: readonly ComparedRun[]): LegendOption {
  return { ...chartLegend(runs.map((run) => run.name)), icon: 'circle', itemWidth: 14, itemHeight: 14 };
}

// ── Tooltips ──

/** What ECharts hands a tooltip formatter per series (only the fields read here). */
export interface AxisParam {
  seriesId?: string;
  value?: unknown;
  marker?: string;
  axisValue?: unknown;
}

/** Series ids are "<run index>:<role>", so tooltips can put each run's values on one line. */
export function seriesId(runIndex: number, role: string): string {
  return `${runIndex}:${role}`;
}

/** The run a series id names (see seriesId), or undefined. */
export function runOfSeries<T>(runs: readonly T[], param: AxisParam): T | undefined {
  return runs[Number((param.seriesId ?? '').split(':')[0])];
}

/** "● run name": a tooltip line's start, the run's name as text (names are the students' own). */
export function runLabel(marker: string | undefined, name: string): string {
  return `${marker ?? ''}${tooltipText(name)}`;
}

/** "step 120" / "epoch 2.4": the heading of a tooltip over training time. */
function xHeading(tr: CompareTranslators, axis: CompareAxis, x: unknown): string {
  const value = typeof x === 'number' ? x : Number(x);
  if (axis === 'time') return tr.compare('tooltipAtTime', { seconds: formatNumber(value) });
  return axis === 'epoch' ? tr.compare('tooltipAtEpoch', { epoch: formatNumber(value) }) : tr.compare('tooltipAtStep', { step: Math.round(value) });
}

/** The y value of one tooltip entry (data points are [x, y, …]). */
function yOf(param: AxisParam): number | null {
  const value = Array.isArray(param.value) ? (param.value[1] as unknown) : param.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * An axis tooltip over training time: the step (or epoch), then one line per run, "● run: text",
 * where `line` turns the run's values by role (e.g. train, test) into text; runs with nothing at
 * this x are left out.
 */
function perRunTooltip(runs: readonly ComparedRun[], tr: CompareTranslators, axis: CompareAxis, line: (values: Map<string, number | null>) => string | null) {
  return (params: unknown): string => {
    const list = (Array.isArray(params) ? params : [params]) as AxisParam[];
    const byRun = new Map<number, { marker: string; values: Map<string, number | null> }>();
    for (const param of list) {
      const [index, role] = (param.seriesId ?? '').split(':');
      const runIndex = Number(index);
      // A band's shading and faint members ("train~q1", "train~member3") are not values to read; its median is.
      if (!Number.isInteger(runIndex) || !runs[runIndex] || role === undefined || role.includes('~')) continue;
      const entry = byRun.get(runIndex) ?? { marker: param.marker ?? '', values: new Map<string, number | null>() };
      entry.values.set(role, yOf(param));
      byRun.set(runIndex, entry);
    }
    const lines = [...byRun.entries()]
      .sort(([a], [b]) => a - b)
      .map(([runIndex, entry]) => {
        const text = line(entry.values);
        return text === null ? null : `${runLabel(entry.marker, runs[runIndex]!.name)}: ${text}`;
      })
      .filter((text): text is string => text !== null);
    return [`<b>${xHeading(tr, axis, list[0]?.axisValue)}</b>`, ...lines].join('<br/>');
  };
}

// ── Small multiples: one panel per layer ──

/** Panels per row for `count` layers (as the live view's histograms: all in a row up to 4). */
export function compareColumns(count: number): number {
  return defaultColumns(count);
}

/** Height in px of a chart with one panel per layer (gradients, overlaid histograms). */
export function panelChartHeight(layerCount: number, columns = compareColumns(layerCount), panelHeight = COMPARE_PANEL_HEIGHT): number {
  return HEADER_HEIGHT + Math.max(1, Math.ceil(layerCount / Math.max(1, columns))) * panelHeight + FOOTER_HEIGHT;
}

/** A panel's place: left edge and width in % of the chart, top in px. */
export interface PanelBox {
  left: string;
  width: string;
  top: number;
}

/** Column `column` of `columns` side by side: its left edge and width in % of the chart (a small gap on either side). */
export function columnPercent(column: number, columns: number): { left: number; width: number } {
  const width = 100 / columns;
  return { left: column * width + 1.2, width: width - 2.4 };
}

/** The box of column `column` of `columns` side by side, `top` px down (a small gap on either side). */
export function columnBox(column: number, columns: number, top: number): PanelBox {
  const { left, width } = columnPercent(column, columns);
  return { left: `${left}%`, width: `${width}%`, top };
}

/** Where panel `k` of `columns` per row sits. */
export function panelBox(k: number, columns: number, panelHeight: number, header: number): PanelBox {
  return columnBox(k % columns, columns, header + Math.floor(k / columns) * panelHeight);
}

/** A panel heading's text: bold, at the body size. */
export const PANEL_HEADING_STYLE = { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, fontWeight: 'bold', color: TEXT_COLOR } as const;

/** A panel heading's lines in px: its title's, the gap under it, and each line of its subtext. */
export const PANEL_HEADING_LINES = { title: 17, gap: 3, subtext: 15 } as const;
/**
 * Room between a heading's last line and the plot below it: the y axis's top tick label is
 * centred on the plot's top edge, so half of it (and a little air) sticks out above.
 */
export const TOP_TICK_ROOM = Math.ceil(SMALL_FONT_SIZE / 2) + 4;

/** How far below a panel heading's top its plot starts: the heading with `subtextLines` lines of subtext, then TOP_TICK_ROOM. */
export function headingClearance(subtextLines: number): number {
  const { title, gap, subtext } = PANEL_HEADING_LINES;
  return title + (subtextLines > 0 ? gap + subtextLines * subtext : 0) + TOP_TICK_ROOM;
}

/** A panel's heading at its top left, with a muted subtext (`rich`: named styles the subtext uses); its lines are PANEL_HEADING_LINES tall. */
export function panelTitle(text: string, box: PanelBox, subtext?: string, rich?: Record<string, object>): TitleOption {
  return {
    text,
    subtext: subtext ?? '',
    left: box.left,
    top: box.top,
    itemGap: PANEL_HEADING_LINES.gap,
    textStyle: { ...PANEL_HEADING_STYLE, lineHeight: PANEL_HEADING_LINES.title },
    subtextStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR, lineHeight: PANEL_HEADING_LINES.subtext, ...(rich ? { rich } : {}) },
  };
}

/** A panel's plot area: below its heading, filling the rest of its box. */
export function panelGrid(box: PanelBox, headingHeight: number, panelHeight: number): GridOption {
  return {
    left: box.left,
    width: box.width,
    top: box.top + headingHeight,
    height: panelHeight - headingHeight - 14,
    // Shrink the plot so tick labels and axis names stay inside the panel.
    outerBoundsMode: 'same',
    outerBoundsContain: 'all',
  };
}

const panelAxisName = { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: TEXT_COLOR };
const panelAxisLabel = { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR };

/** A panel's value x axis, its name centred below; `labels` adds to the tick labels' style. */
export function panelXAxis(gridIndex: number, name: string, labels: Record<string, unknown> = {}, extra: Partial<Record<string, unknown>> = {}): XAxisOption {
  return {
    type: 'value',
    gridIndex,
    ...extra,
    name,
    nameLocation: 'middle',
    nameGap: 24,
    nameTextStyle: panelAxisName,
    axisLabel: { ...panelAxisLabel, hideOverlap: true, ...labels },
    axisLine: { lineStyle: { color: AXIS_LINE_COLOR } },
    splitLine: { show: false },
  } as XAxisOption;
}

/** A panel's y axis, its name centred beside it `nameGap` px out; `labels` adds to the tick labels' style. */
export function panelYAxis(gridIndex: number, name: string, nameGap: number, labels: Record<string, unknown>, extra: Partial<Record<string, unknown>>): YAxisOption {
  return {
    type: 'value',
    gridIndex,
    name,
    nameLocation: 'middle',
    nameGap,
    nameTextStyle: panelAxisName,
    axisLabel: { ...panelAxisLabel, ...labels },
    splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
    ...extra,
  } as YAxisOption;
}
