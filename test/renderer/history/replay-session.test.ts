import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { progressOf, ReplaySession } from '../../../renderer/src/lib/history/replay-session';
import { circleSpec, eventsOf, train } from '../../engine/train/run-helpers';
import { ManualTimers } from '../../engine/service/manual-timers';

const { events } = train(circleSpec());

function session(speed = 100) {
  const timers = new ManualTimers();
  let shown: TrainingEvent[] = [];
  let resets = 0;
  const replay = new ReplaySession(events, (batch, reset) => {
    if (reset) {
      shown = [];
      resets++;
    }
    shown.push(...batch);
  }, speed, timers);
  return { replay, timers, shown: () => shown, resets: () => resets };
}

describe('replay', () => {
  it('orders events by progress without ever going back', () => {
    const progress = events.map(progressOf);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);
  });

  it('plays every recorded event back, in order, at the chosen speed', () => {
    const { replay, timers, shown } = session(100);
    expect(replay.totalSteps).toBe(45);
    replay.play();
    timers.advance(200); // 100 steps/s × 0.2 s = 20 steps
    expect(replay.step).toBe(20);
    expect(eventsOf(shown(), 'step').at(-1)!.step).toBe(19);
    replay.setSpeed(1000);
    timers.advance(1000);
    expect(replay.finished).toBe(true);
    expect(replay.playing).toBe(false);
    expect(shown()).toEqual(events);
  });

  it('pauses, and seeks to any step showing the run exactly as it was then', () => {
    const { replay, timers, shown, resets } = session(100);
    replay.play();
    timers.advance(100);
    replay.pause();
    const atPause = shown().length;
    timers.advance(1000);
    expect(shown()).toHaveLength(atPause);
    replay.seek(15);
    expect(resets()).toBe(1);
    const visible = shown();
    expect(visible).toEqual(events.slice(0, visible.length));
    expect(eventsOf(visible, 'step').at(-1)!.step).toBe(14);
    expect(eventsOf(visible, 'eval').at(-1)!.step).toBe(15);
    replay.seek(1e9);
    expect(shown()).toEqual(events);
    replay.seek(0);
    expect(shown().map((e) => e.type)).toEqual(['start', 'eval']);
    expect(() => replay.setSpeed(0)).toThrow(/positive/);
  });
});
