import { plainText } from '$engine/api/plain-text';
import { escapeHtml } from '../text/escape-html';
import type { ChartOption } from './chart-option';

/**
 * Names in charts come from files anyone can write (an imported run's name, its layers'
 * activation names): they are shown, never obeyed. Two sinks matter. Tooltips are HTML (ECharts
 * puts a formatter's string into the page as markup), so a name goes into a tooltip only through
 * tooltipText. Everything else is drawn on a canvas, which cannot isolate bidirectional text, so
 * the option handed to ECharts passes through shownOption, which removes control and bidi-override
 * characters from every string in it and from every string its formatters return. Rich-text
 * styles (`{name|text}`) are parsed only where a style has `rich`; no name goes there.
 */

/** A name (run, layer, activation, class) as HTML text for a tooltip: no markup, no bidi overrides. */
export function tooltipText(text: string): string {
  return escapeHtml(plainText(text), 'numeric');
}

/** `value` with control and bidi-override characters removed from every string in it; formatters' results too. */
function shown(value: unknown): unknown {
  if (typeof value === 'string') return plainText(value, { multiline: true });
  if (typeof value === 'function') {
    const formatter = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => shown(formatter(...args));
  }
  if (Array.isArray(value)) {
    // Every chart update passes here: an array nothing in which changes (the data points,
    // thousands of numbers) is handed on as it is, without a copy; the copy starts at the first change.
    let next: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const out = shown(item);
      if (next === null && out !== item) next = value.slice(0, i);
      if (next !== null) next.push(out);
    }
    return next ?? value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const next: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const out = shown(item);
      if (out !== item) changed = true;
      next[key] = out;
    }
    return changed ? next : value;
  }
  return value;
}

/** The option as ECharts should get it: every string in it (and every formatter's result) shown as plain text. */
export function shownOption(option: ChartOption): ChartOption {
  return shown(option) as ChartOption;
}
