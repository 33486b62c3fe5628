import type { Metrics } from '../../../engine/api/events';
import type { RunSummary } from '../../../engine/api/runs';
import { lossText, percentText } from '../number-text';

export { durationText, lossText } from '../number-text';

/** Text pieces of the `runs` commands' tables. */

/** "2026-11-27 18:40" in local time. */
export function dateText(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** "train 0.1234 / 96.51%  test 0.1301 / 96.10%" of a run's final metrics. */
export function finalText(final: { train: Metrics; test?: Metrics } | null): string {
  if (!final) return '–';
  const one = (m: Metrics) => `${lossText(m.loss)}${m.accuracy === undefined ? '' : ` / ${percentText(m.accuracy, { digits: 2 })}`}`;
  return `train ${one(final.train)}${final.test ? `  test ${one(final.test)}` : ''}`;
}

/** Rows of cells as left-aligned columns separated by two spaces. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The short id people type: the first 8 characters of the uuid. */
export function shortId(run: Pick<RunSummary, 'id'>): string {
  return run.id.slice(0, 8);
}
