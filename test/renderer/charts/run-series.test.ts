import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { CURVE_POINT_CAP } from '../../../renderer/src/lib/charts/extreme-decimation';
import { thinIndices } from '../../../renderer/src/lib/charts/run-series';
import { circleSpec, eventsOf, train } from '../../engine/train/run-helpers';
import { seriesOf } from './chart-helpers';

/** A start event and `count` steps whose loss is 1/(step + 1). */
function syntheticSteps(count: number, stepsPerEpoch = 100): TrainingEvent[] {
  const events: TrainingEvent[] = [
    {
      type: 'start',
      runId: 'r',
      spec: {},
      engineVersion: 'test',
      dataset: { name: 'circle', trainSize: 1000, testSize: 0, inputSize: 2, numClasses: 2 },
      stepsPerEpoch,
      totalSteps: count,
    },
  ];
  for (let step = 0; step < count; step++) events.push({ type: 'step', step, epoch: Math.floor(step / stepsPerEpoch), loss: 1 / (step + 1), dataLoss: 1 / (step + 1) });
  return events;
}

describe('thinIndices', () => {
  it('keeps everything up to the limit', () => {
    expect(thinIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(thinIndices(0, 10)).toEqual([]);
  });

  it('keeps the first and the last, at most the limit, evenly spread and increasing', () => {
    const indices = thinIndices(100_001, 2000);
    expect(indices).toHaveLength(2000);
    expect(indices[0]).toBe(0);
    expect(indices[indices.length - 1]).toBe(100_000);
    const gaps = indices.slice(1).map((v, i) => v - indices[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(51);
  });
});

describe('RunSeries', () => {
  it('bounds a 60,000-step run for display, keeping the first and last step and their losses', () => {
    const series = seriesOf(syntheticSteps(60_000));
    expect(series.steps.step).toHaveLength(60_000);
    const shown = series.thinnedSteps();
    expect(shown.step.length).toBeLessThanOrEqual(CURVE_POINT_CAP);
    expect(shown.step[0]).toBe(0);
    expect(shown.step[shown.step.length - 1]).toBe(59_999);
    expect(shown.loss[shown.loss.length - 1]).toBe(1 / 60_000);
    // Epochs are fractional: step / stepsPerEpoch.
    expect(shown.epoch[shown.epoch.length - 1]).toBeCloseTo(599.99, 10);
    // Cached until the next event, recomputed after.
    expect(series.thinnedSteps()).toBe(shown);
    series.push({ type: 'step', step: 60_000, epoch: 600, loss: 0.5, dataLoss: 0.5 });
    expect(series.thinnedSteps().step.at(-1)).toBe(60_000);
  });

  it('hands the charts every step up to the cap, and a loss spike in a 100,000-step run survives', () => {
    expect(seriesOf(syntheticSteps(CURVE_POINT_CAP)).curves().steps.step).toHaveLength(CURVE_POINT_CAP);
    const events = syntheticSteps(100_000);
    const spike = events.find((event) => event.type === 'step' && event.step === 31_337)!;
    Object.assign(spike, { loss: 50, dataLoss: 50 });
    const shown = seriesOf(events).curves().steps;
    expect(shown.step.length).toBeLessThanOrEqual(CURVE_POINT_CAP);
    expect(shown.loss[shown.step.indexOf(31_337)]).toBe(50);
  });

  it('forgets everything on reset, and apply(events, true) replays a run from its start', () => {
    const { events } = train(circleSpec());
    const series = seriesOf(events);
    expect(series.steps.step).toHaveLength(45);
    expect(series.evals.step).toEqual([0, 15, 30, 45]);
    expect(series.latestDiagnostics).not.toBeNull();

    series.reset();
    expect(series.steps.step).toHaveLength(0);
    expect(series.evals.step).toHaveLength(0);
    expect(series.layers).toHaveLength(0);
    expect(series.gradientNorms().step).toHaveLength(0);
    expect(series.latestDiagnostics).toBeNull();
    expect(series.latestNetwork).toBeNull();
    expect(series.latestConfusion).toBeNull();
    expect(series.start).toBeNull();

    // A seek to step 20: the events up to it, from the start.
    const upTo20 = events.filter((e) => !('step' in e) || e.step < 20);
    series.apply(events);
    series.apply(upTo20, true);
    expect(series.steps.step.at(-1)).toBe(19);
    expect(series.evals.step).toEqual([0, 15]);
  });

  it('collects per-layer gradient norms and fractions over the diagnostics steps, and the latest snapshots', () => {
    const { events } = train(circleSpec());
    const series = seriesOf(events);
    const diagnostics = eventsOf(events, 'diagnostics');
    const gradients = series.gradientNorms();
    expect(gradients.step).toEqual(diagnostics.map((d) => d.step));
    expect(gradients.layers.map((l) => [l.layer, l.units, l.activationName])).toEqual([
      [0, 8, 'tanh'],
      [1, 2, 'softmax'],
    ]);
    expect(gradients.values[1]).toEqual(diagnostics.map((d) => d.layers[1]!.gradNorm));
    expect(series.deadFractions().values[0]).toEqual(diagnostics.map((d) => d.layers[0]!.deadFraction));
    expect(series.saturatedFractions().values[0]).toEqual(diagnostics.map((d) => d.layers[0]!.saturatedFraction));
    expect(series.latestDiagnostics).toBe(diagnostics.at(-1));
    expect(series.latestNetwork).toBe(eventsOf(events, 'network').at(-1) ?? null);

    const lastEval = eventsOf(events, 'eval').at(-1)!;
    expect(series.evals.testAccuracy.at(-1)).toBe(lastEval.test!.accuracy);
    expect(series.latestConfusion).toMatchObject({ step: lastEval.step, split: 'test', counts: lastEval.confusion });
    expect(series.hasPenalty).toBe(false);
  });

  it('notices a penalty, ignores repeated steps and lets a re-evaluation at the same step replace the last', () => {
    const series = seriesOf(train(circleSpec({ regularization: { l1: 0, l2: 0.01 } })).events);
    expect(series.hasPenalty).toBe(true);

    const plain = seriesOf(syntheticSteps(10));
    plain.push({ type: 'step', step: 5, epoch: 0, loss: 99, dataLoss: 99 });
    expect(plain.steps.step).toHaveLength(10);
    expect(plain.steps.loss).not.toContain(99);
    plain.push({ type: 'eval', step: 10, epoch: 0, train: { loss: 0.5, accuracy: 0.8 } });
    plain.push({ type: 'eval', step: 10, epoch: 0, train: { loss: 0.4, accuracy: 0.9 } });
    expect(plain.evals.step).toEqual([10]);
    expect(plain.evals.trainLoss).toEqual([0.4]);
    expect(plain.evals.testLoss).toEqual([null]);
    expect(plain.latestConfusion).toBeNull();
  });
});
