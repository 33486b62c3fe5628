import type { Metrics } from '../../../engine/api/events';
import type { RunSummary } from '../../../engine/api/runs';
import type { Lang } from '../../cli-language';
import { lossText, percentText } from '../number-text';

export { durationText, lossText } from '../number-text';

/** Text pieces of the `runs` commands' tables. */

/** "2026-11-27 18:40" in local time. */
export function dateText(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** "train 0.1234 / 96.51%  test 0.1301 / 96.10%" ("훈련 … 시험 …") of a run's final metrics. */
export function finalText(final: { train: Metrics; test?: Metrics } | null, lang: Lang = 'en'): string {
  if (!final) return '–';
  const [train, test] = lang === 'ko' ? ['훈련', '시험'] : ['train', 'test'];
  const one = (m: Metrics) => `${lossText(m.loss)}${m.accuracy === undefined ? '' : ` / ${percentText(m.accuracy, { digits: 2 })}`}`;
  return `${train} ${one(final.train)}${final.test ? `  ${test} ${one(final.test)}` : ''}`;
}

/**
 * Columns a terminal gives `text`: Hangul and other East Asian wide characters take two, so a
 * Korean header lines up with the rows under it.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(char) ? 2 : 1;
  return width;
}

/** Rows of cells as left-aligned columns separated by two spaces (aligned by display width). */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const pad = (cell: string, width: number) => cell + ' '.repeat(Math.max(0, width - displayWidth(cell)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : pad(cell, widths[c]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The short id people type: the first 8 characters of the uuid. */
export function shortId(run: Pick<RunSummary, 'id'>): string {
  return run.id.slice(0, 8);
}
