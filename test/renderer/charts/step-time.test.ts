import { describe, expect, it } from 'vitest';
import { RunSeries } from '../../../renderer/src/lib/charts/run-series';
import { secondsAtSteps } from '../../../renderer/src/lib/charts/step-time';

describe('seconds at any step, from the steps that carry their time', () => {
  it('on the line between two timed steps (a live view receives a thinned sample), the first’s before, the end’s after', () => {
    const timed = { step: [0, 10, 20], seconds: [1, 2, 12] };
    expect(secondsAtSteps(timed, [0, 5, 10, 15, 20], null)).toEqual([1, 1.5, 2, 7, 12]);
    // Past the last timed step: the end's time when the run ended, else the last time.
    expect(secondsAtSteps(timed, [25, 30], { step: 30, seconds: 22 })).toEqual([17, 22]);
    expect(secondsAtSteps(timed, [25, 30], null)).toEqual([12, 12]);
  });

  it('a run’s series is timed only while every step came with its time; an evaluation between thinned steps gets an interpolated time', () => {
    const series = new RunSeries();
    series.apply([
      { type: 'step', step: 0, epoch: 0, loss: 1, dataLoss: 1, elapsedMs: 1000 },
      { type: 'eval', step: 5, epoch: 0, train: { loss: 0.5 } },
      { type: 'step', step: 10, epoch: 0, loss: 0.4, dataLoss: 0.4, elapsedMs: 3000 },
    ]);
    expect(series.timed).toBe(true);
    expect(series.steps.time).toEqual([1, 3]);
    expect(series.evals.time).toEqual([2]);
    series.push({ type: 'step', step: 11, epoch: 0, loss: 0.3, dataLoss: 0.3 });
    expect(series.timed).toBe(false);
    expect(series.steps.time).toBeUndefined();
    expect(series.curves().evals.time).toBeUndefined();
  });
});
