import { scaleSummary, type Summary } from './stats';

/**
 * One measurement as `--json` prints it (the format): the seven fields below, in this
 * order. Memory and main-thread-time measurements, which are not rates, carry null rates and two
 * more fields, `value` and `unit`.
 */
export interface Measurement {
  workload: string;
  impl: string;
  itPerSec: number | null;
  samplesPerSec: number | null;
  gflops: number | null;
  runs: number;
  median: true;
  value?: number;
  unit?: string;
}

/** A rate measured over repeated runs: iterations (or products) per second, and what one iteration is worth. */
export interface RateRow {
  workload: string;
  impl: string;
  /** Iterations per second over the timed runs. */
  rate: Summary;
  /** Samples per iteration (the batch size); null where it means nothing (a GEMM). */
  samplesPerIteration: number | null;
  /** FLOPs per iteration; null where not counted. */
  flopsPerIteration: number | null;
}

/** The row's measurement: medians of it/s, samples/s and GFLOP/s. */
export function rateMeasurement(row: RateRow): Measurement {
  const itPerSec = row.rate.median;
  return {
    workload: row.workload,
    impl: row.impl,
    itPerSec,
    samplesPerSec: row.samplesPerIteration === null ? null : itPerSec * row.samplesPerIteration,
    gflops: row.flopsPerIteration === null ? null : (itPerSec * row.flopsPerIteration) / 1e9,
    runs: row.rate.runs,
    median: true,
  };
}

/** A measurement that is a quantity, not a rate (megabytes, milliseconds, a percentage, a ratio): the median of `runs` runs. */
export function valueMeasurement(workload: string, impl: string, value: number, runs: number, unit: string): Measurement {
  return { workload, impl, itPerSec: null, samplesPerSec: null, gflops: null, runs, median: true, value, unit };
}

/** The GFLOP/s of a row over its runs (same order as its it/s). */
export function gflopsSummary(row: RateRow): Summary | null {
  return row.flopsPerIteration === null ? null : scaleSummary(row.rate, row.flopsPerIteration / 1e9);
}

/** One `--json` line: exactly the Measurement's fields, in the order, numbers to 5 significant digits. */
export function jsonLine(m: Measurement): string {
  const round = (x: number | null) => (x === null ? null : Number(x.toPrecision(5)));
  const line: Record<string, unknown> = {
    workload: m.workload,
    impl: m.impl,
    itPerSec: round(m.itPerSec),
    samplesPerSec: round(m.samplesPerSec),
    gflops: round(m.gflops),
    runs: m.runs,
    median: true,
  };
  if (m.value !== undefined) {
    line['value'] = round(m.value);
    line['unit'] = m.unit ?? '';
  }
  return JSON.stringify(line);
}

/** An issue target and how this run measured against it (met null: could not be measured here). */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

/** A printed table: headers, per-column alignment, rows of already formatted cells. */
export interface Table {
  headers: string[];
  /** 'l' or 'r' per column (numbers right-aligned). */
  align: string;
  rows: string[][];
}

/** What a section of the benchmark hands back: its table, notes (what is included), JSON measurements and target checks. */
export interface SectionResult {
  title: string;
  notes: string[];
  tables: Table[];
  measurements: Measurement[];
  targets: TargetCheck[];
}

/** A plain-text table with aligned columns. */
export function renderTable(table: Table): string {
  const widths = table.headers.map((h, c) => Math.max(h.length, ...table.rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (table.align[c] === 'r' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(table.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join('\n');
}

/** A section as text: title, tables, notes. */
export function renderSection(section: SectionResult): string {
  const parts = [`== ${section.title} ==`, ...section.tables.map(renderTable)];
  if (section.notes.length > 0) parts.push(section.notes.map((n) => `  · ${n}`).join('\n'));
  return parts.join('\n\n');
}

/** Every section's target checks as one table. */
export function renderTargets(targets: readonly TargetCheck[]): string {
  const verdict = (met: boolean | null) => (met === null ? '– not measured' : met ? '✔ met' : '✘ NOT met');
  return renderTable({ headers: ['issue target', 'measured here', 'verdict'], align: 'llr', rows: targets.map((t) => [t.target, t.measured, verdict(t.met)]) });
}

/** A rate for the table: 3 significant digits below 100, whole numbers with thousands separators above. */
export function formatRate(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  if (x >= 100) return Math.round(x).toLocaleString('en-US');
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

/** A ratio for the table ("12.3×"); "—" when there is none. */
export function formatRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return '—';
  if (r >= 100) return `${r.toFixed(0)}×`;
  if (r >= 10) return `${r.toFixed(1)}×`;
  return `${r.toFixed(2)}×`;
}

/** A fraction as a percentage ("3.1 %"), signed when it may be negative. */
export function formatPercent(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  const percent = fraction * 100;
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent).toFixed(1)} %`;
}

/** Bytes in decimal megabytes ("47.0 MB"; 1 MB = 10⁶ bytes, as the issue counts MNIST's 47 MB). */
export function formatMB(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '—';
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A summary's spread for the table: "min–max". */
export function formatSpread(summary: Summary, format: (x: number) => string = formatRate): string {
  return `${format(summary.min)}–${format(summary.max)}`;
}
