import { describe, expect, it } from 'vitest';
import { DiagnosticsEventSchema, type DiagnosticsEvent, type EvalEvent, type TrainingEvent } from '../../../engine/api/events';
import { displayBatch } from '../../../engine/service/display-batch';
import { EventThrottle } from '../../../engine/service/event-throttle';
import { RunSeries } from '../../../renderer/src/lib/charts/run-series';
import { circleSpec, eventsOf, train } from '../train/run-helpers';
import { ManualTimers } from './manual-timers';

// A 2-D run with diagnostics (and network snapshots) at every step: 300 steps, 21 evaluations.
const { events } = train(circleSpec({ training: { batchSize: 10, epochs: 20 }, diagnostics: { every: 1, bins: 5 } }));
const middle = events.slice(1, -1);
const recordedDiagnostics = eventsOf(middle, 'diagnostics');

/** The recorded event of this type at this step (forwarded events may be reduced copies). */
function recorded(type: 'diagnostics' | 'eval', step: number): TrainingEvent {
  return middle.find((e) => e.type === type && e.step === step)!;
}

describe('display batch: what a subscriber receives for a burst of events', () => {
  const shown = displayBatch(middle, { maxSteps: 50, maxDiagnostics: 10, maxEvals: 100 });

  it('thins steps evenly to the limit, keeping the last', () => {
    const steps = eventsOf(shown, 'step');
    const all = eventsOf(middle, 'step');
    expect(steps.length).toBeLessThanOrEqual(50);
    expect(steps.length).toBeGreaterThanOrEqual(25);
    expect(steps.at(-1)).toBe(all.at(-1));
    // Evenly spaced up to the last one, which is always kept.
    const gaps = steps.slice(1).map((s, i) => s.step - steps[i]!.step);
    expect(new Set(gaps.slice(0, -1)).size).toBe(1);
    expect(gaps.at(-1)).toBeLessThanOrEqual(gaps[0]!);
    for (const step of steps) expect(all).toContain(step);
  });

  it('sends only the last diagnostics event in full, the others thinned and without histograms', () => {
    const diagnostics = eventsOf(shown, 'diagnostics');
    expect(diagnostics.length).toBeLessThanOrEqual(10);
    expect(diagnostics.length).toBeGreaterThanOrEqual(5);
    expect(diagnostics.at(-1)).toBe(recordedDiagnostics.at(-1));
    for (const summary of diagnostics.slice(0, -1)) {
      // Still a diagnostics event under the contract's names, marked as a summary.
      expect(DiagnosticsEventSchema.safeParse(summary).success).toBe(true);
      expect(summary).toMatchObject({ summary: true });
      const original = recorded('diagnostics', summary.step) as DiagnosticsEvent;
      expect(summary.epoch).toBe(original.epoch);
      summary.layers.forEach((layer, l) => {
        const full = original.layers[l]!;
        for (const key of ['layer', 'units', 'activationName', 'gradNorm', 'gradMeanAbs', 'updateRatio', 'saturatedFraction', 'deadFraction'] as const) expect(layer[key]).toBe(full[key]);
        expect(layer.preactivation).toEqual({ mean: full.preactivation.mean, std: full.preactivation.std, histogram: { edges: [], counts: [] } });
        expect(layer.activation).toEqual({ mean: full.activation.mean, std: full.activation.std, histogram: { edges: [], counts: [] } });
        expect(layer.weights).toEqual({ ...full.weights, histogram: { edges: [], counts: [] } });
      });
    }
    // The recorded events are untouched (the database and other listeners see them whole).
    expect(recordedDiagnostics.every((d) => d.layers.every((l) => l.activation.histogram.counts.length > 0))).toBe(true);
  });

  it('sends only the last network snapshot', () => {
    expect(eventsOf(shown, 'network')).toEqual([eventsOf(middle, 'network').at(-1)]);
  });

  it('sends every evaluation, the confusion matrix only with the last', () => {
    const evals = eventsOf(shown, 'eval');
    const all = eventsOf(middle, 'eval');
    expect(evals.map((e) => e.step)).toEqual(all.map((e) => e.step));
    expect(all.every((e) => e.confusion !== undefined)).toBe(true);
    expect(evals.at(-1)).toBe(all.at(-1));
    for (const evaluation of evals.slice(0, -1)) {
      const { confusion: _confusion, ...rest } = recorded('eval', evaluation.step) as EvalEvent;
      expect(evaluation).toEqual(rest);
      expect('confusion' in evaluation).toBe(false);
    }
  });

  it('thins evaluations beyond their limit, keeping the last and the latest confusion matrix', () => {
    const all = eventsOf(middle, 'eval');
    const evals = eventsOf(displayBatch(middle, { maxSteps: 50, maxDiagnostics: 10, maxEvals: 5 }), 'eval');
    expect(evals.length).toBeLessThanOrEqual(5);
    expect(evals.length).toBeGreaterThanOrEqual(3);
    expect(evals.at(-1)).toBe(all.at(-1));
    expect(evals.filter((e) => e.confusion !== undefined)).toEqual([all.at(-1)]);
    // An evaluation without a matrix (none of this run's) after the last one with it: that one still goes.
    const { confusion: _confusion, ...lastWithout } = all.at(-1)!;
    const withLateEval = middle.map((e) => (e === all.at(-1) ? (lastWithout as TrainingEvent) : e));
    const shownLate = eventsOf(displayBatch(withLateEval, { maxSteps: 50, maxDiagnostics: 10, maxEvals: 5 }), 'eval');
    expect(shownLate.filter((e) => e.confusion !== undefined)).toEqual([all.at(-2)]);
    expect(shownLate.at(-1)).toBe(lastWithout);
  });

  it('keeps the recorded order', () => {
    const positions = shown.map((e) => middle.findIndex((m) => m.type === e.type && 'step' in m && 'step' in e && m.step === e.step));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe('the live view fed through the throttle', () => {
  it('shows the same latest snapshots, evaluations and per-layer series values as with every event', () => {
    const timers = new ManualTimers();
    const live = new RunSeries();
    const throttle = new EventThrottle((_runId, batch) => live.apply(batch), { intervalMs: 200, maxStepsPerBatch: 200, maxDiagnosticsPerBatch: 20, maxEvalsPerBatch: 100, timers });
    // Worker batches of varying size, time passing between them.
    for (let i = 0, size = 1; i < events.length; i += size, size = (size % 13) + 1) {
      throttle.push('r', events.slice(i, i + size));
      timers.advance(15);
    }
    const complete = new RunSeries();
    complete.apply(events);

    expect(live.start).toBe(complete.start);
    expect(live.end).toBe(complete.end);
    expect(live.latestDiagnostics).toBe(complete.latestDiagnostics);
    expect(live.latestNetwork).toBe(complete.latestNetwork);
    expect(live.latestConfusion).toEqual(complete.latestConfusion);
    expect(live.evals).toEqual(complete.evals);
    expect(live.steps.step.at(-1)).toBe(complete.steps.step.at(-1));

    // The gradient-norm (and saturated, dead) series: fewer points, each one the recorded value.
    const liveNorms = live.gradientNorms();
    const allNorms = complete.gradientNorms();
    expect(liveNorms.layers).toEqual(allNorms.layers);
    expect(liveNorms.step.length).toBeGreaterThan(1);
    expect(liveNorms.step.at(-1)).toBe(allNorms.step.at(-1));
    for (const series of ['gradientNorms', 'saturatedFractions', 'deadFractions'] as const) {
      const shownSeries = live[series]();
      const allSeries = complete[series]();
      shownSeries.step.forEach((step, i) => {
        const j = allSeries.step.indexOf(step);
        expect(j).toBeGreaterThanOrEqual(0);
        shownSeries.values.forEach((row, l) => expect(row[i]).toBe(allSeries.values[l]![j]));
      });
    }
  });
});
