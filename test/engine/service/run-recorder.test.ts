import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { RunRecorder } from '../../../engine/service/run-recorder';
import { circleSpec, train } from '../train/run-helpers';

describe('run recorder', () => {
  it('writes start and end at once and everything else in batches, losing nothing', () => {
    const { events } = train(circleSpec());
    const batches: TrainingEvent[][] = [];
    const recorder = new RunRecorder({ recordEvents: (_id, batch) => batches.push(batch) }, 'r', 20);
    recorder.push([events[0]!]);
    expect(batches).toHaveLength(1);
    recorder.push(events.slice(1, 10));
    expect(batches).toHaveLength(1);
    recorder.flush();
    expect(batches).toHaveLength(2);
    for (const event of events.slice(10, -1)) recorder.push([event]);
    // one transaction per 20 events while training goes on
    expect(batches.slice(2).map((b) => b.length)).toEqual(Array(batches.length - 2).fill(20));
    recorder.push(events.slice(-1));
    expect(batches.flat()).toEqual(events);
    expect(batches.length).toBeGreaterThan(3);
  });
});
