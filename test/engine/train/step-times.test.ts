import { afterEach, describe, expect, it } from 'vitest';
import type { StepEvent, TrainingEvent } from '../../../engine/api/events';
import { LabEventSchema } from '../../../engine/api/events';
import { TrainingPool } from '../../../engine/train/pool/training-pool';
import { Trainer } from '../../../engine/train/trainer';
import { circleSpec } from './run-helpers';
import { prepare, Recorder, withoutElapsed } from './pool/pool-helpers';

let pool: TrainingPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

const stepsOf = (events: readonly TrainingEvent[]) => events.filter((e): e is StepEvent => e.type === 'step');

describe('each step event carries its training time (elapsedMs)', () => {
  it('in a worker thread: every step has one, never decreasing, within the run’s elapsed time; the results are those of a run without a clock', async () => {
    pool = new TrainingPool({ size: 1 });
    const { spec, dataset } = prepare(circleSpec({ training: { batchSize: 10, epochs: 5 } }));
    const recorder = new Recorder();
    const end = await pool.start({ runId: 'timed', spec, dataset }, recorder).done;

    const steps = stepsOf(recorder.events);
    expect(steps.length).toBe(end.steps);
    for (const event of recorder.events) LabEventSchema.parse(event);
    const times = steps.map((s) => s.elapsedMs);
    expect(times.every((t) => typeof t === 'number' && Number.isFinite(t) && t >= 0)).toBe(true);
    for (let i = 1; i < times.length; i++) expect(times[i]!, `step ${i}`).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(times.at(-1)!).toBeLessThanOrEqual(end.elapsedMs);
    // Measured, not spread: the times are microseconds on the worker's clock, not step × a constant.
    expect(times.every((t) => Math.round(t! * 1000) / 1000 === t)).toBe(true);

    // Times are not results: the same spec and seed trained here (its clock stopped) gives the same events apart from them.
    const here: TrainingEvent[] = [];
    new Trainer(spec, dataset, { runId: 'timed', emit: (e) => here.push(e), now: () => 0 }).runToEnd();
    expect(withoutElapsed(recorder.events)).toEqual(withoutElapsed(here));
  });

  it('a clock that steps back (Date.now after a clock change) does not make a step’s time decrease', () => {
    const { spec, dataset } = prepare(circleSpec({ training: { batchSize: 50, epochs: 3 } }));
    const readings = [1_000, 1_005.25, 1_009.5, 1_002, 1_003, 1_020.1234567];
    let call = 0;
    const events: TrainingEvent[] = [];
    new Trainer(spec, dataset, { runId: 'clock', emit: (e) => events.push(e), now: () => readings[Math.min(call++, readings.length - 1)]! }).runToEnd();
    const times = stepsOf(events).map((s) => s.elapsedMs!);
    expect(times.slice(0, 5)).toEqual([5.25, 9.5, 9.5, 9.5, 20.123]);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
  });
});
