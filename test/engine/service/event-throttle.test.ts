import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { displayBatch } from '../../../engine/service/display-batch';
import { EventThrottle } from '../../../engine/service/event-throttle';
import { circleSpec, train } from '../train/run-helpers';
import { ManualTimers } from './manual-timers';

function setup(maxSteps = 1000, maxDiagnostics = 1000, maxEvals = 1000) {
  const timers = new ManualTimers();
  const forwarded: { runId: string; events: TrainingEvent[] }[] = [];
  const throttle = new EventThrottle((runId, events) => forwarded.push({ runId, events }), { intervalMs: 250, maxStepsPerBatch: maxSteps, maxDiagnosticsPerBatch: maxDiagnostics, maxEvalsPerBatch: maxEvals, timers });
  return { timers, forwarded, throttle, limits: { maxSteps, maxDiagnostics, maxEvals } };
}

// A 2-D run with diagnostics (and network snapshots) at every step: 300 steps.
const { events } = train(circleSpec({ training: { batchSize: 10, epochs: 20 }, diagnostics: { every: 1, bins: 5 } }));
const start = events[0]!;
const middle = events.slice(1, -1);
const end = events[events.length - 1]!;

describe('event throttle', () => {
  it('forwards start at once, batches the rest per interval, and flushes everything before the end', () => {
    const { timers, forwarded, throttle, limits } = setup();
    throttle.push('a', [start]);
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]!.events).toEqual([start]);
    throttle.push('a', middle.slice(0, 10));
    throttle.push('a', middle.slice(10, 20));
    expect(forwarded).toHaveLength(1);
    timers.advance(249);
    expect(forwarded).toHaveLength(1);
    timers.advance(1);
    expect(forwarded).toHaveLength(2);
    // What arrived in the interval, reduced for display as one batch.
    expect(forwarded[1]!.events).toEqual(displayBatch(middle.slice(0, 20), limits));
    throttle.push('a', middle.slice(20));
    throttle.push('a', [end]);
    expect(forwarded).toHaveLength(3);
    expect(forwarded[2]!.events).toEqual(displayBatch([...middle.slice(20), end], limits));
    expect(forwarded[2]!.events.at(-1)).toBe(end);
    expect(timers.pending).toBe(0);
  });

  it('under the limits, forwards every step and evaluation, and a diagnostics event for every one recorded', () => {
    const { timers, forwarded, throttle } = setup();
    throttle.push('a', [start]);
    for (let i = 0; i < middle.length; i += 7) {
      throttle.push('a', middle.slice(i, i + 7));
      timers.advance(50);
    }
    throttle.push('a', [end]);
    const shown = forwarded.flatMap((f) => f.events);
    const stepsOf = (list: TrainingEvent[], type: TrainingEvent['type']) => list.filter((e) => e.type === type).map((e) => ('step' in e ? e.step : -1));
    for (const type of ['step', 'eval', 'diagnostics'] as const) expect(stepsOf(shown, type)).toEqual(stepsOf(middle, type));
    // Network snapshots: the latest of each forwarded batch only.
    expect(shown.filter((e) => e.type === 'network').length).toBeLessThanOrEqual(forwarded.length);
    expect(shown.filter((e) => e.type === 'network').at(-1)).toBe(middle.filter((e) => e.type === 'network').at(-1));
  });

  it('forwards network snapshots at most every minNetworkIntervalMs, the newest, and the last with the end', () => {
    const timers = new ManualTimers();
    let clock = 0;
    const forwarded: TrainingEvent[][] = [];
    const throttle = new EventThrottle((_runId, batch) => forwarded.push(batch), {
      intervalMs: 100,
      maxStepsPerBatch: 1000,
      maxDiagnosticsPerBatch: 1000,
      maxEvalsPerBatch: 1000,
      minNetworkIntervalMs: 400,
      timers,
      now: () => clock,
    });
    throttle.push('a', [start]);
    const networks = middle.filter((e) => e.type === 'network');
    expect(networks.length).toBeGreaterThan(20);
    const sentAt: number[] = [];
    for (let i = 0; i < 20; i++) {
      throttle.push('a', [networks[i]!]);
      clock += 100;
      const before = forwarded.length;
      timers.advance(100);
      if (forwarded.slice(before).some((batch) => batch.some((e) => e.type === 'network'))) sentAt.push(clock);
    }
    // sent at once, then whenever 400 ms have passed: every fourth push, each time the newest
    expect(sentAt).toEqual([100, 500, 900, 1300, 1700]);
    const sent = forwarded.flat().filter((e) => e.type === 'network');
    expect(sent).toEqual([networks[0], networks[4], networks[8], networks[12], networks[16]]);
    // a held snapshot still goes with the end, before it
    throttle.push('a', [networks[20]!]);
    throttle.push('a', [end]);
    expect(forwarded.at(-1)).toEqual([networks[20], end]);
    expect(timers.pending).toBe(0);
  });

  it('keeps runs apart', () => {
    const { timers, forwarded, throttle } = setup();
    const steps = middle.filter((e) => e.type === 'step');
    throttle.push('a', steps.slice(0, 3));
    throttle.push('b', steps.slice(3, 5));
    timers.advance(250);
    expect(forwarded.map((f) => [f.runId, f.events.length])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });
});
