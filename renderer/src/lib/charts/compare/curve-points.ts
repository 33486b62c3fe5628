import type { XAxisOption } from '../chart-option';
import { valueXAxis } from '../chart-style';
import type { CurveAxis } from '../training-curves';
import type { ComparedRun, CompareTranslators } from './compared-run';

/** A line's data point: x, then y or a gap. */
export type Point = [number, number | null];

/** The x values of a series on the chosen axis: its steps, or its fractional epochs. */
export function xOf(axis: CurveAxis, data: { step: readonly number[]; epoch: readonly number[] }): readonly number[] {
  return axis === 'epoch' ? data.epoch : data.step;
}

/** The furthest step (or epoch) any run recorded. */
export function curveEnd(runs: readonly ComparedRun[], axis: CurveAxis): number {
  let end = 0;
  for (const run of runs) {
    const { steps, evals } = run.series;
    end = Math.max(end, xOf(axis, steps).at(-1) ?? 0, xOf(axis, evals).at(-1) ?? 0);
  }
  return end;
}

/** The curves' common x axis: from 0 to the furthest step (or epoch) any run recorded. */
export function curveXAxis(runs: readonly ComparedRun[], tr: CompareTranslators, axis: CurveAxis, extra: Partial<Record<string, unknown>> = {}): XAxisOption {
  const end = curveEnd(runs, axis);
  return valueXAxis(tr.chart(axis === 'epoch' ? 'axisEpoch' : 'axisStep'), { ...extra, min: 0, ...(end > 0 ? { max: end } : {}) });
}

/** x and y side by side as line data, each y passed through `map` (a gap for what the axis cannot show). */
export function points(x: readonly number[], y: readonly (number | null)[], map: (v: number | null) => number | null): Point[] {
  const out = new Array<Point>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = [x[i]!, map(y[i] ?? null)];
  return out;
}

/** Whether any value is there and finite (a run without a test split has only gaps). */
export function hasValue(values: readonly (number | null)[]): boolean {
  return values.some((v) => v !== null && Number.isFinite(v));
}

/** "No data yet" when there is no run, or no run has anything to draw; else null. */
export function emptyNote(runs: readonly ComparedRun[], tr: CompareTranslators, isEmpty: (run: ComparedRun) => boolean): string | null {
  return runs.length === 0 || runs.every(isEmpty) ? tr.chart('noData') : null;
}
