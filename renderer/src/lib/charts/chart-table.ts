import type { ChartTranslate } from '../i18n/messages/charts';
import type { ChartOption } from './chart-option';
import { BAND_ROLE } from './curve-bands';
import { chartFileName, formatNumber } from './chart-style';

/**
 * A chart's numbers as tables, for those who cannot read the canvas (a screen reader, a keyboard,
 * a colour that does not show): read off the very option the chart draws, so the table can never
 * disagree with the picture. One section per plot area (a small multiple is one); a band's helper
 * series (its lower edge, width and faint members) are left out, its median stays. Long curves
 * show every k-th row and a first/last/min/max summary per series; the CSV has every row.
 */

/** A cell: a number (shown rounded, saved exact), a label, or nothing. */
export type TableCell = number | string | null;

/** One series' extremes and ends, for a thinned section. */
export interface SeriesSummary {
  readonly name: string;
  readonly first: number | null;
  readonly last: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface TableSection {
  /** The plot area's name when the chart has several, else null. */
  readonly heading: string | null;
  /** Column headings: the row label's (an axis name) then one per series or category. */
  readonly columns: readonly string[];
  /** Every row, in order. */
  readonly rows: readonly (readonly TableCell[])[];
  /** Indices of the rows shown on screen: all of them, or every k-th and the last. */
  readonly shown: readonly number[];
  /** k when thinned, else 1. */
  readonly every: number;
  /** Per series, when thinned (empty otherwise). */
  readonly summary: readonly SeriesSummary[];
}

export interface ChartTable {
  /** The chart's title and subtitle. */
  readonly caption: string;
  readonly sections: readonly TableSection[];
}

/** Rows shown on screen before a section is thinned: a screen reader reads them one by one. */
export const MAX_SHOWN_ROWS = 40;

type Loose = Record<string, unknown>;
const list = (slot: unknown): Loose[] => (Array.isArray(slot) ? (slot as Loose[]) : slot ? [slot as Loose] : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A data item's value: the number, or the array / {value} it carries. */
function valueOf(item: unknown): unknown {
  return item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Loose).value : item;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Whether a series is part of what the chart shows (not a band's edge or member, not an empty legend key). */
function isShownSeries(series: Loose): boolean {
  const id = text(series.id);
  if (id.endsWith(BAND_ROLE.lower) || id.endsWith(BAND_ROLE.width) || id.includes(BAND_ROLE.member)) return false;
  return Array.isArray(series.data) && series.data.length > 0;
}

/** A line's dash as a key ('solid' when unset). */
const dashKey = (series: Loose): string => JSON.stringify(((series.lineStyle ?? {}) as Loose).type ?? 'solid');

/**
 * The names a chart's style key gives its dashes (a legend that toggles nothing: "train" solid,
 * "test" dashed), by dash.
 */
function styleKeyNames(option: ChartOption): Map<string, string> {
  const names = new Map<string, string>();
  const series = list(option.series);
  for (const legend of list(option.legend)) {
    if (legend.selectedMode !== false || !Array.isArray(legend.data)) continue;
    for (const name of legend.data as unknown[]) {
      const keyed = series.find((s) => s.name === name);
      if (keyed && typeof name === 'string') names.set(dashKey(keyed), name);
    }
  }
  return names;
}

/**
 * Column names for series: their own, and where two share one (a run's train and test lines), the
 * style key's word for each one's dash ("run (시험)"), else a number.
 */
function columnNames(series: Loose[], keys: Map<string, string>): string[] {
  const count = new Map<string, number>();
  for (const s of series) count.set(text(s.name), (count.get(text(s.name)) ?? 0) + 1);
  const taken = new Set<string>();
  return series.map((s) => {
    const name = text(s.name) || '–';
    const key = keys.get(dashKey(s));
    let candidate = (count.get(text(s.name)) ?? 0) > 1 && key ? `${name} (${key})` : name;
    for (let n = 2; taken.has(candidate); n++) candidate = `${name} (${n})`;
    taken.add(candidate);
    return candidate;
  });
}

/**
 * The rows shown on screen: all, or every k-th and the last, and every row where a sparse column
 * (one with values on no more rows than are shown, as the evaluations beside the batch loss) has
 * one, so thinning never hides those.
 */
function thin(rows: readonly (readonly TableCell[])[]): { shown: number[]; every: number } {
  const count = rows.length;
  if (count <= MAX_SHOWN_ROWS) return { shown: Array.from({ length: count }, (_, i) => i), every: 1 };
  const every = Math.ceil(count / MAX_SHOWN_ROWS);
  const width = rows[0]?.length ?? 0;
  const sparse: number[] = [];
  for (let c = 1; c < width; c++) {
    if (rows.filter((row) => row[c] !== null).length <= MAX_SHOWN_ROWS) sparse.push(c);
  }
  const shown = rows.flatMap((row, i) => (i % every === 0 || i === count - 1 || sparse.some((c) => row[c] !== null) ? [i] : []));
  return { shown, every };
}

function summarise(columns: readonly string[], rows: readonly (readonly TableCell[])[]): SeriesSummary[] {
  return columns.slice(1).map((name, c) => {
    const values = rows.map((row) => row[c + 1]).filter((v): v is number => typeof v === 'number');
    return {
      name,
      first: values[0] ?? null,
      last: values.at(-1) ?? null,
      min: values.length ? Math.min(...values) : null,
      max: values.length ? Math.max(...values) : null,
    };
  });
}

function section(heading: string | null, columns: string[], rows: TableCell[][]): TableSection {
  const { shown, every } = thin(rows);
  return { heading, columns, rows, shown, every, summary: every > 1 ? summarise(columns, rows) : [] };
}

/**
 * Names of the values a series' points carry beyond x and y (its `dimensions` after the first two:
 * a batch loss's measured time), each a column of the table right after x.
 */
function extraDimensions(series: Loose[]): string[] {
  const names: string[] = [];
  for (const s of series) {
    const dims = Array.isArray(s.dimensions) ? (s.dimensions as unknown[]).slice(2).map(text) : [];
    for (const name of dims) if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Series over a value x axis (curves, histograms): one row per x any of them has, one column per series (and per extra value its points carry). */
function byValueX(heading: string | null, xName: string, series: Loose[], keys: Map<string, string>): TableSection {
  const names = columnNames(series, keys);
  const extras = extraDimensions(series);
  const byX = new Map<number, TableCell[]>();
  series.forEach((s, c) => {
    const dims = Array.isArray(s.dimensions) ? (s.dimensions as unknown[]).map(text) : [];
    for (const item of s.data as unknown[]) {
      const value = valueOf(item);
      if (!Array.isArray(value)) continue;
      const x = num(value[0]);
      if (x === null) continue;
      let row = byX.get(x);
      if (!row) byX.set(x, (row = [x, ...extras.map(() => null), ...names.map(() => null)]));
      row[extras.length + c + 1] = num(value[1]);
      for (let d = 2; d < value.length; d++) {
        const e = extras.indexOf(dims[d] ?? '');
        if (e >= 0) row[e + 1] = num(value[d]);
      }
    }
  });
  const rows = [...byX.values()].sort((a, b) => (a[0] as number) - (b[0] as number));
  return section(heading, [xName, ...extras, ...names], rows);
}

/** Series over a category axis (bars per layer): one row per category. */
function byCategory(heading: string | null, axisName: string, categories: readonly unknown[], series: Loose[], keys: Map<string, string>): TableSection {
  const names = columnNames(series, keys);
  const rows = categories.map((category, i): TableCell[] => [
    String(valueOf(category) ?? i),
    ...series.map((s) => {
      const value = valueOf((s.data as unknown[])[i]);
      return num(Array.isArray(value) ? value[1] : value);
    }),
  ]);
  return section(heading, [axisName, ...names], rows);
}

/**
 * A series drawn as one picture (the decision boundary) hands ECharts a single data item; its
 * cells, [x index, y index, value, …] as a heatmap's, come from here. A function, because ECharts
 * copies an option's arrays on every update and leaves functions as they are.
 */
export interface CellTable {
  cellTable: () => readonly (readonly (number | null)[])[];
}

/** Cells on two category axes: a heatmap, or a custom series drawing them as one picture (the decision boundary). */
function isCellSeries(series: Loose): boolean {
  return series.type === 'heatmap' || series.type === 'custom';
}

function cellsOf(series: Loose): unknown[] {
  return typeof series.cellTable === 'function' ? [...(series as unknown as CellTable).cellTable()] : ((series.data as unknown[] | undefined) ?? []);
}

/** A heatmap over two category axes (a confusion matrix): rows along y, columns along x. */
function matrix(heading: string | null, series: Loose, xAxis: Loose, yAxis: Loose): TableSection {
  const xs = (xAxis.data as unknown[] | undefined) ?? [];
  const ys = (yAxis.data as unknown[] | undefined) ?? [];
  const rows: TableCell[][] = ys.map((y) => [String(valueOf(y)), ...xs.map(() => null)]);
  for (const item of cellsOf(series)) {
    const value = valueOf(item);
    if (!Array.isArray(value)) continue;
    const [x, y, v] = value as unknown[];
    const row = rows[Number(y)];
    if (row && Number.isInteger(Number(x))) row[Number(x) + 1] = num(v);
  }
  const corner = [text(yAxis.name), text(xAxis.name)].filter(Boolean).join(' \\ ');
  return section(heading, [corner, ...xs.map((x) => String(valueOf(x)))], rows);
}

/** Scattered points (samples of a data set, students' runs): one row per point. */
function points(heading: string | null, xName: string, yName: string, series: Loose[]): TableSection {
  const rows: TableCell[][] = [];
  for (const s of series) {
    for (const item of s.data as unknown[]) {
      const value = valueOf(item);
      if (Array.isArray(value)) rows.push([text(s.name), num(value[0]), num(value[1])]);
    }
  }
  return section(heading, ['', xName, yName], rows);
}

/** The plot areas' headings: the panel titles when there is one per grid after the chart's own. */
function gridHeadings(option: ChartOption, gridCount: number): (string | null)[] {
  const titles = list(option.title);
  if (gridCount <= 1) return [null];
  return Array.from({ length: gridCount }, (_, g) => (titles.length === gridCount + 1 ? text(titles[g + 1]!.text) : null) || String(g + 1));
}

/** The chart's numbers as table sections (see the module comment). */
export function chartTable(option: ChartOption): ChartTable {
  const title = list(option.title)[0];
  const caption = [text(title?.text), text(title?.subtext)].filter(Boolean).join(' · ');
  const xAxes = list(option.xAxis);
  const yAxes = list(option.yAxis);
  const series = list(option.series).filter(isShownSeries);
  const gridOf = (axes: Loose[], index: unknown) => Number(axes[Number(index ?? 0)]?.gridIndex ?? 0);
  const gridCount = Math.max(1, list(option.grid).length);
  const headings = gridHeadings(option, gridCount);
  const keys = styleKeyNames(option);
  const sections: TableSection[] = [];
  for (let g = 0; g < gridCount; g++) {
    const here = series.filter((s) => gridOf(xAxes, s.xAxisIndex) === g);
    if (here.length === 0) continue;
    const xAxis = xAxes[Number(here[0]!.xAxisIndex ?? 0)] ?? {};
    const yAxis = yAxes[Number(here[0]!.yAxisIndex ?? 0)] ?? {};
    const heading = headings[g] ?? null;
    const heatmaps = here.filter(isCellSeries);
    const scatters = here.filter((s) => s.type === 'scatter');
    const others = here.filter((s) => !isCellSeries(s) && s.type !== 'scatter');
    for (const heat of heatmaps) sections.push(matrix(heading, heat, xAxis, yAxis));
    if (others.length > 0) {
      if (xAxis.type === 'category') sections.push(byCategory(heading, text(xAxis.name), (xAxis.data as unknown[]) ?? [], others, keys));
      else if (yAxis.type === 'category') sections.push(byCategory(heading, text(yAxis.name), (yAxis.data as unknown[]) ?? [], others, keys));
      else sections.push(byValueX(heading, text(xAxis.name), others, keys));
    }
    if (scatters.length > 0) sections.push(points(heading, text(xAxis.name), text(yAxis.name), scatters));
  }
  return { caption, sections };
}

/** A cell as the table shows it: numbers to 4 significant digits, a gap as "–". */
export function shownCell(cell: TableCell): string {
  return typeof cell === 'number' ? formatNumber(cell, 4) : (cell ?? '–');
}

/** A CSV field: quoted when needed (RFC 4180); text a spreadsheet would run as a formula starts with an apostrophe. */
function csvField(cell: TableCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every row of every section as CSV (exact numbers), sections apart by an empty line under their heading. */
export function chartTableCsv(table: ChartTable): string {
  const lines: string[] = [];
  for (const part of table.sections) {
    if (lines.length > 0) lines.push('');
    if (part.heading) lines.push(csvField(part.heading));
    lines.push(part.columns.map(csvField).join(','));
    for (const row of part.rows) lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The canvas's accessible name: the title, how many series, and where each ends ("손실: 계열 3개,
 * 마지막 값 훈련 손실 0.12, 시험 손실 0.58"); with more than four series, the range of their last values.
 */
export function chartSummary(option: ChartOption, t: ChartTranslate, fallback: string): string {
  const title = text(list(option.title)[0]?.text) || fallback;
  const series = list(option.series).filter(isShownSeries);
  const lastOf = (s: Loose): number | null => {
    const data = s.data as unknown[];
    for (let i = data.length - 1; i >= 0; i--) {
      const value = valueOf(data[i]);
      const y = num(Array.isArray(value) ? value[isCellSeries(s) ? 2 : 1] : value);
      if (y !== null) return y;
    }
    return null;
  };
  const names = new Set(series.map((s) => text(s.name)));
  if (series.length === 0) return t('summaryEmpty', { title });
  const lasts = series.map((s) => ({ name: text(s.name), last: lastOf(s) })).filter((s) => s.last !== null);
  if (lasts.length === 0 || series.some((s) => isCellSeries(s) || s.type === 'scatter')) return t('summarySeries', { title, n: names.size });
  if (lasts.length <= 4) {
    const ends = lasts.map((s) => `${s.name} ${formatNumber(s.last, 3)}`).join(', ');
    return t('summaryLast', { title, n: names.size, ends });
  }
  const values = lasts.map((s) => s.last!);
  return t('summaryRange', { title, n: names.size, min: formatNumber(Math.min(...values), 3), max: formatNumber(Math.max(...values), 3) });
}

/** The CSV's file name: the PNG's (the builder names it after the chart and the run), else from the title. */
export function chartCsvFileName(option: ChartOption): string {
  return `${option.download?.fileName || chartFileName('chart', text(list(option.title)[0]?.text))}.csv`;
}
