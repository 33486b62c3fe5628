import type { Histogram } from '$engine/api/events';
import type { HistogramTranslators } from '../i18n/messages/histograms';
import { countedForEither } from '../i18n/plural';
import { formatPercent } from '../text/percent-text';
import { formatNumber } from './chart-style';
import { tooltipText } from './chart-text';
import { activationRange, zeroShare, type HistogramKind, type HistogramRangeMode, type OutlinePoint, type ValueRange } from './histogram-shapes';

/**
 * The words around a figure of histogram panels: the note under its title that says which x range
 * the panels share, and the tooltip of a bin (or of the share at 0).
 */

/** A histogram of the figure, with the activation that may fix its range. */
export interface FigureHistogram {
  histogram: Histogram;
  activationName?: string;
}

/**
 * "가로축: 모든 층 0 ~ 1 (sigmoid의 출력 범위)", "가로축: 모든 층 0 ~ 6", or the per-layer note.
 * `runs`: the figure compares runs (the range is shared by them too).
 */
export function rangeNote(tr: HistogramTranslators, items: readonly FigureHistogram[], kind: HistogramKind, mode: HistogramRangeMode, range: ValueRange | null, runs: boolean): string {
  const th = tr.histogram;
  if (mode === 'per-layer') return th(runs ? 'notePerLayerRuns' : 'notePerLayer');
  if (!range) return '';
  const ends = { min: formatNumber(range.min), max: formatNumber(range.max) };
  const bounded = items.filter((item) => activationRange(kind, item.activationName) !== null);
  const fixed = bounded.length > 0 && bounded.length === items.length && items.every((item) => {
    const bounds = activationRange(kind, item.activationName)!;
    return bounds.min === range.min && bounds.max === range.max;
  });
  if (fixed && !runs) {
    const names = [...new Set(bounded.map((item) => item.activationName!).filter((name) => name !== 'softmax'))];
    return th('noteSharedBounded', { ...ends, activation: (names.length > 0 ? names : ['softmax']).join(', ') });
  }
  return th(runs ? 'noteSharedRuns' : 'noteShared', ends);
}

/** What a tooltip says about one series (looked up by series id; the zero bar's id ends in ":zero"). */
export interface TooltipEntry {
  /** The panel's heading as text (it may hold a run's or an activation's name; the tooltip escapes it). */
  heading: string;
  histogram: Histogram;
  zerosApart: boolean;
}

interface TooltipParam {
  seriesId?: string;
  value?: unknown;
  marker?: string;
}

/**
 * The tooltip of a figure's panels (axis trigger): for each series under the pointer, the panel's
 * heading and the bin there ("0.2 ~ 0.25: 37개"), or the share of values exactly 0 for a zero bar.
 */
export function histogramTooltip(tr: HistogramTranslators, entries: ReadonlyMap<string, TooltipEntry>): (params: unknown) => string {
  const th = tr.histogram;
  return (params: unknown) => {
    const list = (Array.isArray(params) ? params : [params]) as TooltipParam[];
    const lines: string[] = [];
    for (const param of list) {
      const id = param.seriesId ?? '';
      const zeroBar = id.endsWith(':zero');
      const entry = entries.get(zeroBar ? id.slice(0, -':zero'.length) : id);
      if (!entry) continue;
      if (zeroBar) {
        const share = zeroShare(entry.histogram);
        const text = share === null ? th('tooltipZeroUnknown') : countedForEither(th, 'tooltipZero', entry.histogram.zeroCount ?? 0, { percent: formatPercent(share) });
        lines.push(`${param.marker ?? ''}${tooltipText(entry.heading)}<br/>${text}`);
        continue;
      }
      const value = param.value as OutlinePoint | undefined;
      if (!Array.isArray(value)) continue;
      const [, , from, to, count] = value;
      const holdsZero = entry.zerosApart && (entry.histogram.zeroCount ?? 0) > 0 && from <= 0 && 0 <= to;
      const bin = th(holdsZero ? 'tooltipBinWithoutZeros' : 'tooltipBin', { from: formatNumber(from), to: formatNumber(to), count });
      lines.push(`${param.marker ?? ''}${tooltipText(entry.heading)}<br/>${bin}`);
    }
    return lines.join('<br/>');
  };
}
