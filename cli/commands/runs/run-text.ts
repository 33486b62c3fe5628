import type { Metrics } from '../../../engine/api/events';
import type { RunSummary } from '../../../engine/api/runs';
import { percentText } from '../number-text';

/** Text pieces of the `runs` commands' tables. */

/** A loss with four decimals (exponent form when tiny or huge), or "–". */
export function lossText(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const magnitude = Math.abs(value);
  return value === 0 || (magnitude >= 1e-3 && magnitude < 1e6) ? value.toFixed(4) : value.toExponential(3);
}

/** "350ms", "12.3s", "2m05s", or "–". */
export function durationText(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

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
