import type { XAxisOption } from '../chart-option';
import { valueXAxis } from '../chart-style';
import type { CurveAxis } from '../training-curves';
import { seriesOf, type ComparedRun, type CompareTranslators } from './compared-run';

/** The compared runs over training time: their x values, the axis they share, the note when there is nothing to draw. */

/** The x values of a series on the chosen axis: its steps, or its fractional epochs. */
export function xOf(axis: CurveAxis, data: { step: readonly number[]; epoch: readonly number[] }): readonly number[] {
  return axis === 'epoch' ? data.epoch : data.step;
}

/** The furthest step (or epoch) any run recorded. */
export function curveEnd(runs: readonly ComparedRun[], axis: CurveAxis): number {
  let end = 0;
  for (const series of runs.flatMap(seriesOf)) {
    const { steps, evals } = series;
    end = Math.max(end, xOf(axis, steps).at(-1) ?? 0, xOf(axis, evals).at(-1) ?? 0);
  }
  return end;
}

/** The curves' common x axis: from 0 to the furthest step (or epoch) any run recorded. */
export function curveXAxis(runs: readonly ComparedRun[], tr: CompareTranslators, axis: CurveAxis, extra: Partial<Record<string, unknown>> = {}): XAxisOption {
  const end = curveEnd(runs, axis);
  return valueXAxis(tr.chart(axis === 'epoch' ? 'axisEpoch' : 'axisStep'), { ...extra, min: 0, ...(end > 0 ? { max: end } : {}) });
}

/** "No data yet" when there is no run, or no run has anything to draw; else null. */
export function emptyNote(runs: readonly ComparedRun[], tr: CompareTranslators, isEmpty: (run: ComparedRun) => boolean): string | null {
  return runs.length === 0 || runs.every(isEmpty) ? tr.chart('noData') : null;
}
