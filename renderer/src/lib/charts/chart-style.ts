import type { ChartTranslate } from '../i18n/messages/charts';
import { ACTIVATION_NAMES } from '$engine/lab/run-names';
import type { LayerInfo } from './run-series';
import type { PngDownload } from './chart-download';
import type { GridOption, LegendOption, TitleOption, TooltipOption, XAxisOption, YAxisOption } from './chart-option';

/**
 * The charts' shared look: the app's font, sizes readable on a classroom projector (nothing under
 * 12 px), a colour-blind-safe palette (Okabe–Ito, viridis for ordered layers), and the pieces every
 * chart has (title, legend, tooltip, a PNG download).
 */

export const FONT_FAMILY = "'Pretendard Variable', Pretendard, system-ui, sans-serif";
export const FONT_SIZE = 13;
export const SMALL_FONT_SIZE = 12;
export const TITLE_FONT_SIZE = 16;
export const TEXT_COLOR = '#1c2430';
export const MUTED_COLOR = '#5f6b7c';
export const GRID_LINE_COLOR = '#e3e7ee';
export const AXIS_LINE_COLOR = '#8a94a6';

/** Okabe–Ito colours; train and test (blue, vermillion) stay apart for every colour vision (run-palette.test.ts). */
export const COLORS = {
  train: '#0072B2',
  test: '#D55E00',
  batch: '#56B4E9',
  dataLoss: '#009E73',
  saturated: '#E69F00',
  dead: '#4D4D4D',
  activation: '#0072B2',
  preactivation: '#CC79A7',
  weight: '#009E73',
} as const;

/**
 * Class colours: Playground's orange and blue for classes 0 and 1 (as the app's network drawing),
 * then the rest of Okabe–Ito.
 */
export const CLASS_COLORS = ['#f59322', '#0877bd', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000', '#E69F00', '#F0E442', '#999999'] as const;

/** The colour of class `label`. */
export function classColor(label: number): string {
  return CLASS_COLORS[((label % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length]!;
}

/** Viridis (perceptually uniform, colour-blind safe) at 0, 0.25, 0.5, 0.75, 1. */
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];
/** Viridis stops short of its yellow end, which vanishes on white. */
const VIRIDIS_END = 0.82;

/** Viridis at t ∈ [0, 1] as #rrggbb. */
export function viridis(t: number): string {
  const x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  const hex = (k: 0 | 1 | 2) => Math.round(a[k] + (b[k] - a[k]) * f).toString(16).padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

/** Layer `index` of `count`: a colour along viridis from the first layer (dark purple) to the last (green). */
export function layerColor(index: number, count: number): string {
  return viridis(count <= 1 ? 0 : (index / (count - 1)) * VIRIDIS_END);
}

/** Sequential blues (white → dark blue) for counts. */
export const SEQUENTIAL_BLUES = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const;

/** A layer's name: "층 3", or "출력층" for the last one. */
export function layerName(t: ChartTranslate, layer: number, layerCount: number): string {
  return layer === layerCount - 1 ? t('outputLayer') : t('layer', { n: layer + 1 });
}

/** A layer's name with its activation function: "층 3 (sigmoid)". */
export function layerLabel(t: ChartTranslate, info: LayerInfo, layerCount: number): string {
  return t('layerWithActivation', { layer: layerName(t, info.layer, layerCount), activation: activationLabel(t, info.activationName) });
}

/** An activation as the lecture writes it (relu → ReLU; linear in words). */
export function activationLabel(t: ChartTranslate, name: string): string {
  if (name === 'linear') return t('activationLinear');
  return Object.hasOwn(ACTIVATION_NAMES, name) ? ACTIVATION_NAMES[name as keyof typeof ACTIVATION_NAMES].en : name;
}

/**
 * A number for labels and tooltips: 3 significant digits, exponent form below 0.001 and from
 * 10,000 on (gradient norms span many orders of magnitude), "–" when missing or not finite.
 */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e4 || magnitude < 1e-3) return value.toExponential(Math.max(0, digits - 1)).replace('e+', 'e');
  return String(Number(value.toPrecision(digits)));
}

/** Log-axis ticks: powers of ten from 0.01 to 1000 written out, smaller and larger ones as 1e-5, 1e4. */
export function formatLogTick(value: number): string {
  const exponent = Math.round(Math.log10(value));
  const isPower = Math.abs(value / 10 ** exponent - 1) < 1e-9;
  if (isPower && (exponent < -2 || exponent > 3)) return `1e${exponent}`;
  return isPower ? String(Number((10 ** exponent).toPrecision(1))) : formatNumber(value);
}

/** Characters NTFS and other file systems refuse, and control characters. */
const UNSAFE_FILE_CHARS = /[<>:"/\\|?*\p{Cc}]/gu;

/**
 * A PNG's file name (without extension) for a chart of a run ("He + ReLU" → "nnlab-loss-He-+-ReLU"), safe on NTFS
 * (no reserved characters, no trailing dot or space), at most 120 characters.
 */
export function chartFileName(chart: string, runName?: string | null, step?: number | null): string {
  const parts = ['nnlab', chart];
  if (runName) parts.push(runName);
  if (step !== null && step !== undefined) parts.push(`step${step}`);
  return parts
    .join('-')
    .replace(/\s+/g, '-')
    .replace(UNSAFE_FILE_CHARS, '_')
    .replace(/-{2,}/g, '-')
    .slice(0, 120)
    .replace(/[.\s-]+$/, '');
}

/** Options every builder accepts. */
export interface CommonChartOptions {
  /** The run's name: shown under the title and used in the PNG's file name. */
  runName?: string | null;
}

/** A subtitle: "run name · note", whichever are present. */
export function subtitle(t: ChartTranslate, runName: string | null | undefined, note?: string | null): string {
  const run = runName ? t('subtitleRun', { run: runName }) : '';
  return [run, note].filter(Boolean).join(' · ');
}

/** The base text style: the app's font at a projector-readable size. */
export const TEXT_STYLE = { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, color: TEXT_COLOR } as const;

/** Title (and subtitle) at the top left. */
export function chartTitle(text: string, subtext?: string): TitleOption {
  return {
    text,
    subtext: subtext ?? '',
    left: 12,
    top: 6,
    textStyle: { fontFamily: FONT_FAMILY, fontSize: TITLE_FONT_SIZE, fontWeight: 'bold', color: TEXT_COLOR },
    subtextStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR },
    itemGap: 4,
  };
}

/** The chart's PNG download, named after the chart and the run. */
export function chartDownload(t: ChartTranslate, fileName: string): PngDownload {
  return { fileName, title: t('saveAsPng') };
}

/**
 * A scrolling legend along the bottom edge. On screen Chart.svelte draws it in HTML instead,
 * wrapping (html-legend.ts); reports make it plain (report-charts.ts).
 */
export function chartLegend(data?: string[]): LegendOption {
  return {
    type: 'scroll',
    bottom: 6,
    left: 'center',
    itemGap: 16,
    textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, color: TEXT_COLOR },
    ...(data ? { data } : {}),
  };
}

/** A tooltip on the nearest x (line charts) or the item under the pointer. */
export function chartTooltip(trigger: 'axis' | 'item', valueFormatter?: (value: unknown) => string): TooltipOption {
  return {
    trigger,
    confine: true,
    textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE },
    ...(trigger === 'axis' ? { axisPointer: { type: 'line' } } : {}),
    ...(valueFormatter ? { valueFormatter: (value: unknown) => valueFormatter(Array.isArray(value) ? value[value.length - 1] : value) } : {}),
  };
}

/** The plot area of a one-grid chart: room for title and y-axis name above, axis name and legend below. */
export const SINGLE_GRID: GridOption = { left: 76, right: 36, top: 88, bottom: 96 };

const axisLabelStyle = { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: MUTED_COLOR };
const axisNameStyle = { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, color: TEXT_COLOR };

/** A value x axis with its name (and unit) centred below. */
export function valueXAxis(name: string, extra: Partial<Record<string, unknown>> = {}): XAxisOption {
  return {
    type: 'value',
    name,
    nameLocation: 'middle',
    nameGap: 30,
    nameTextStyle: axisNameStyle,
    axisLabel: { ...axisLabelStyle },
    axisLine: { lineStyle: { color: AXIS_LINE_COLOR } },
    splitLine: { show: false },
    ...extra,
  } as XAxisOption;
}

/** A value or log y axis with its name (and unit) above it, reading left to right. */
export function valueYAxis(name: string, log = false, extra: Partial<Record<string, unknown>> = {}): YAxisOption {
  return {
    type: log ? 'log' : 'value',
    name,
    nameLocation: 'end',
    nameGap: 14,
    nameTextStyle: { ...axisNameStyle, align: 'left' },
    axisLabel: log ? { ...axisLabelStyle, formatter: formatLogTick } : { ...axisLabelStyle },
    axisLine: { show: true, lineStyle: { color: AXIS_LINE_COLOR } },
    splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
    ...(log ? { logBase: 10 } : { scale: false }),
    ...extra,
  } as YAxisOption;
}

/** A category axis (layers, classes) with its name. */
export function categoryAxis(direction: 'x' | 'y', name: string, data: string[], extra: Partial<Record<string, unknown>> = {}): XAxisOption & YAxisOption {
  return {
    type: 'category',
    name,
    data,
    nameLocation: 'middle',
    nameGap: direction === 'x' ? 30 : 44,
    nameTextStyle: axisNameStyle,
    axisLabel: { ...axisLabelStyle },
    axisLine: { lineStyle: { color: AXIS_LINE_COLOR } },
    axisTick: { alignWithLabel: true },
    ...extra,
  } as XAxisOption & YAxisOption;
}

/** A value that a log axis can show: positive and finite, else a gap. */
export function forLogAxis(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}

/** A finite value, else a gap. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

/** A fraction as a percentage for a 0–100 axis (0.25 → 25), else a gap. */
export function percentOrNull(fraction: number | null | undefined): number | null {
  return fraction !== null && fraction !== undefined && Number.isFinite(fraction) ? fraction * 100 : null;
}
