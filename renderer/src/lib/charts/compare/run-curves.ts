import type { XAxisOption } from '../chart-option';
import { valueXAxis } from '../chart-style';
import type { RunSeries } from '../run-series';
import { secondsAtSteps } from '../step-time';
import { timeAxisName, type CurveAxis } from '../training-curves';
import { seriesOf, type ComparedRun, type CompareTranslators } from './compared-run';

/** The compared runs over training time: their x values, the axis they share, the note when there is nothing to draw. */

/** What the compare curves are plotted against: steps, fractional epochs, or seconds of training. */
export type CompareAxis = CurveAxis | 'time';

/**
 * Seconds of training at `steps` of `run`: from its steps' measured times (interpolated between
 * them, step-time.ts), or for a run recorded before steps carried times, its training time spread
 * evenly over its steps (0 until it has ended).
 */
export function secondsOf(run: RunSeries, steps: readonly number[]): readonly number[] {
  const end = run.end;
  if (run.timed) {
    const { step, time } = run.steps;
    return secondsAtSteps({ step, seconds: time! }, steps, end ? { step: end.steps, seconds: end.elapsedMs / 1000 } : null);
  }
  const pace = end && end.steps > 0 && Number.isFinite(end.elapsedMs) ? end.elapsedMs / 1000 / end.steps : 0;
  return steps.map((step) => step * pace);
}

/** The x values of a series of `run` on the chosen axis: its steps, its fractional epochs, or its seconds. */
export function xOf(axis: CompareAxis, data: { step: readonly number[]; epoch: readonly number[] }, run: RunSeries): readonly number[] {
  if (axis === 'time') return secondsOf(run, data.step);
  return axis === 'epoch' ? data.epoch : data.step;
}

/** The furthest step (or epoch, or second) any run recorded. */
export function curveEnd(runs: readonly ComparedRun[], axis: CompareAxis): number {
  let end = 0;
  for (const series of runs.flatMap(seriesOf)) {
    const { steps, evals } = series;
    end = Math.max(end, xOf(axis, steps, series).at(-1) ?? 0, xOf(axis, evals, series).at(-1) ?? 0);
  }
  return end;
}

/** The time axis's name: seconds when every run has measured times, else the estimate's (some runs are older records). */
export function compareTimeAxisName(runs: readonly ComparedRun[], tr: CompareTranslators): string {
  return timeAxisName(tr.chart, runs.flatMap(seriesOf).every((series) => series.timed || series.steps.step.length === 0) ? 'measured' : 'estimated');
}

/** The curves' common x axis: from 0 to the furthest step (or epoch, or second) any run recorded. */
export function curveXAxis(runs: readonly ComparedRun[], tr: CompareTranslators, axis: CompareAxis, extra: Partial<Record<string, unknown>> = {}): XAxisOption {
  const end = curveEnd(runs, axis);
  const name = axis === 'time' ? compareTimeAxisName(runs, tr) : tr.chart(axis === 'epoch' ? 'axisEpoch' : 'axisStep');
  return valueXAxis(name, { ...extra, min: 0, ...(end > 0 ? { max: end } : {}) });
}

/** "No data yet" when there is no run, or no run has anything to draw; else null. */
export function emptyNote(runs: readonly ComparedRun[], tr: CompareTranslators, isEmpty: (run: ComparedRun) => boolean): string | null {
  return runs.length === 0 || runs.every(isEmpty) ? tr.chart('noData') : null;
}
