import type { ChartOption } from './chart-option';
import { BAND_ROLE } from './curve-bands';

/**
 * The on-screen charts' legends as HTML instead of ECharts' canvas legend: a canvas legend that
 * does not fit scrolls page by page (layers and runs out of sight on the live view) and cannot be
 * reached by keyboard. The entries are read off the option; ECharts keeps its legend hidden, still
 * doing the showing and hiding of series (its `selected`, handed over on each update). Reports keep
 * the canvas legend.
 */

export interface LegendEntry {
  readonly name: string;
  readonly color: string;
  /** The line's dash ('solid', 'dashed', 'dotted' or a dash array), null for bars and points. */
  readonly dash: string | readonly number[] | null;
  /** The point marker ('circle', 'rect', …), or null for none; a bar's is 'rect' (drawn as a swatch). */
  readonly symbol: string | null;
  /** False for a key that only explains a style (train solid, test dashed): it hides nothing. */
  readonly toggles: boolean;
}

type Loose = Record<string, unknown>;
const list = (slot: unknown): Loose[] => (Array.isArray(slot) ? (slot as Loose[]) : slot ? [slot as Loose] : []);

/** The series that speaks for a name in the legend: a band's median rather than its edges or members. */
function representative(series: Loose[], name: string): Loose | undefined {
  const named = series.filter((s) => s.name === name);
  const id = (s: Loose) => String(s.id ?? '');
  return named.find((s) => !id(s).includes(BAND_ROLE.member) && !id(s).endsWith(BAND_ROLE.lower) && !id(s).endsWith(BAND_ROLE.width)) ?? named[0];
}

function entryOf(series: Loose | undefined, name: string, toggles: boolean): LegendEntry {
  const lineStyle = (series?.lineStyle ?? {}) as Loose;
  const itemStyle = (series?.itemStyle ?? {}) as Loose;
  const color = String(lineStyle.color ?? itemStyle.color ?? series?.color ?? '#5f6b7c');
  const isLine = series?.type === 'line';
  // Points may carry their marker each (the class view's verdicts): the first one's speaks for the series.
  const first = Array.isArray(series?.data) ? (series.data as unknown[])[0] : undefined;
  const symbol = series?.symbol ?? (first !== null && typeof first === 'object' && !Array.isArray(first) ? (first as Loose).symbol : undefined);
  return {
    name,
    color,
    dash: isLine ? ((lineStyle.type as string | number[] | undefined) ?? 'solid') : null,
    symbol: typeof symbol === 'string' && symbol !== 'none' ? symbol : isLine ? null : series?.type === 'scatter' ? 'circle' : 'rect',
    toggles,
  };
}

/** The legend entries of every shown legend in the option, in order, each name once. */
export function legendEntries(option: ChartOption): LegendEntry[] {
  const series = list(option.series);
  const entries: LegendEntry[] = [];
  const seen = new Set<string>();
  for (const legend of list(option.legend)) {
    if (legend.show === false) continue;
    const names = Array.isArray(legend.data)
      ? (legend.data as unknown[]).map((item) => (item !== null && typeof item === 'object' ? String((item as Loose).name ?? '') : String(item)))
      : series.map((s) => String(s.name ?? ''));
    for (const name of names) {
      if (!name || seen.has(name)) continue;
      seen.add(name);
      entries.push(entryOf(representative(series, name), name, legend.selectedMode !== false));
    }
  }
  return entries;
}

/**
 * The option with its legends kept (they still show and hide series) but not drawn, and each
 * entry shown or hidden as `hidden` says (every name stated: ECharts merges the selection).
 */
export function withoutCanvasLegend(option: ChartOption, hidden: ReadonlySet<string>): ChartOption {
  const legends = list(option.legend);
  if (legends.length === 0) return option;
  const selected = Object.fromEntries(legendEntries(option).map((entry) => [entry.name, !hidden.has(entry.name)]));
  const quiet = legends.map((legend) => ({ ...legend, show: false, ...(legend.selectedMode !== false ? { selected } : {}) }));
  return { ...option, legend: (Array.isArray(option.legend) ? quiet : quiet[0]) as ChartOption['legend'] };
}
