import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { EventThrottle } from '../../../engine/service/event-throttle';
import { circleSpec, train } from '../train/run-helpers';
import { ManualTimers } from './manual-timers';

function setup(maxSteps = 1000, maxDiagnostics = 1000) {
  const timers = new ManualTimers();
  const forwarded: { runId: string; events: TrainingEvent[] }[] = [];
  const throttle = new EventThrottle((runId, events) => forwarded.push({ runId, events }), { intervalMs: 250, maxStepsPerBatch: maxSteps, maxDiagnosticsPerBatch: maxDiagnostics, timers });
  return { timers, forwarded, throttle };
}

const { events } = train(circleSpec({ training: { batchSize: 10, epochs: 20 }, diagnostics: { every: 1, bins: 5 } }));
const start = events[0]!;
const middle = events.slice(1, -1);
const end = events[events.length - 1]!;

describe('event throttle', () => {
  it('forwards start at once, batches the rest per interval, and flushes everything before the end', () => {
    const { timers, forwarded, throttle } = setup();
    throttle.push('a', [start]);
    expect(forwarded).toHaveLength(1);
    throttle.push('a', middle.slice(0, 10));
    throttle.push('a', middle.slice(10, 20));
    expect(forwarded).toHaveLength(1);
    timers.advance(249);
    expect(forwarded).toHaveLength(1);
    timers.advance(1);
    expect(forwarded).toHaveLength(2);
    expect(forwarded[1]!.events).toEqual(middle.slice(0, 20));
    throttle.push('a', middle.slice(20));
    throttle.push('a', [end]);
    expect(forwarded.flatMap((f) => f.events)).toEqual(events);
    expect(timers.pending).toBe(0);
  });

  it('thins long bursts of steps and diagnostics, keeping evaluations, order and the last of each', () => {
    const { timers, forwarded, throttle } = setup(50, 10);
    throttle.push('a', middle);
    timers.advance(250);
    const batch = forwarded[0]!.events;
    const steps = batch.filter((e) => e.type === 'step');
    const diagnostics = batch.filter((e) => e.type === 'diagnostics');
    expect(steps).toHaveLength(50);
    expect(diagnostics).toHaveLength(10);
    expect(steps.at(-1)).toBe(middle.filter((e) => e.type === 'step').at(-1));
    expect(batch.filter((e) => e.type === 'eval')).toEqual(middle.filter((e) => e.type === 'eval'));
    const positions = batch.map((e) => middle.indexOf(e));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('keeps runs apart', () => {
    const { timers, forwarded, throttle } = setup();
    throttle.push('a', middle.slice(0, 3));
    throttle.push('b', middle.slice(3, 5));
    timers.advance(250);
    expect(forwarded.map((f) => [f.runId, f.events.length])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });
});
