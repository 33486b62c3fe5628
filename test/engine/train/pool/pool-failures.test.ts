import { afterEach, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../engine/data/types';
import { TrainingPool } from '../../../../engine/train/pool/training-pool';
import { circleSpec } from '../run-helpers';
import { endlessSpec, inProcess, prepare, Recorder, withoutElapsed } from './pool-helpers';

const rogueWorker = new URL('./workers/rogue-worker.mjs', import.meta.url);
const crashingWorker = new URL('./workers/crash-after-steps-worker.ts', import.meta.url);

let pool: TrainingPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('a worker that dies', () => {
  it('an uncaught error ends its run failed (message, last step seen + 1, no metrics); the pool replaces the worker and serves the next run', async () => {
    pool = new TrainingPool({ size: 1, workerUrl: crashingWorker });
    const recorder = new Recorder();
    const crashing = pool.start({ runId: 'crash', ...prepare(endlessSpec({ name: 'crash' })) }, recorder);
    const queuedRecorder = new Recorder();
    const { spec, dataset } = prepare(circleSpec());
    const next = pool.start({ runId: 'next', spec, dataset }, queuedRecorder);
    expect(next.state).toBe('queued');

    const end = await crashing.done;
    const steps = recorder.steps();
    expect(steps.at(-1)).toBeGreaterThanOrEqual(30);
    expect(end).toMatchObject({ type: 'end', status: 'failed', message: 'injected failure: the worker crashed mid-run', final: null, steps: steps.at(-1)! + 1 });
    expect(recorder.events.filter((e) => e.type === 'end')).toEqual([end]);
    expect(await crashing.weights).toBeNull();
    expect(crashing.state).toBe('ended');

    // The queued run gets a new worker and trains as usual.
    expect((await next.done).status).toBe('completed');
    expect(withoutElapsed(queuedRecorder.events)).toEqual(inProcess(spec, dataset, 'next'));
    expect(pool.workerCount).toBe(1);
  });

  it('running out of memory under resourceLimits ends the run failed; other runs go on', async () => {
    pool = new TrainingPool({ size: 2, workerUrl: rogueWorker, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    const recorder = new Recorder();
    const oom = pool.start({ runId: 'oom', ...prepare(circleSpec({ name: 'oom' })) }, recorder);
    const other = pool.start({ runId: 'other', ...prepare(circleSpec({ name: 'touch-shared' })) }, new Recorder());
    const end = await oom.done;
    expect(end).toMatchObject({ status: 'failed', steps: 2, final: null });
    expect(end.message).toMatch(/memory/i);
    expect(await other.done).toMatchObject({ status: 'completed', message: 'copied' }); // toy data is small: copied, not shared
  });

  it('a worker that exits ends its run failed with its exit code', async () => {
    pool = new TrainingPool({ size: 1, workerUrl: rogueWorker });
    const run = pool.start({ runId: 'exit', ...prepare(circleSpec({ name: 'exit' })) }, new Recorder());
    expect(await run.done).toMatchObject({ status: 'failed', steps: 1, final: null, message: 'the training worker exited unexpectedly (exit code 3)' });
    expect(pool.workerCount).toBe(0);
  });

  it('close() terminates a worker that does not stop within the grace period; its run ends stopped without metrics', async () => {
    const closing = new TrainingPool({ size: 1, workerUrl: rogueWorker, closeGraceMs: 100 });
    const recorder = new Recorder();
    const run = closing.start({ runId: 'hang', ...prepare(circleSpec({ name: 'hang' })) }, recorder);
    await recorder.until(() => recorder.steps().length === 3);
    await closing.close();
    expect(await run.done).toMatchObject({ status: 'stopped', steps: 3, final: null, message: 'stopped: the training pool closed before the run could stop cleanly' });
    expect(closing.workerCount).toBe(0);
  });
});

describe('runs that cannot train', () => {
  it('a spec that does not fit its dataset ends failed with the field to fix; the worker stays', async () => {
    pool = new TrainingPool({ size: 1 });
    const { spec, dataset } = prepare(circleSpec({ training: { batchSize: 500, epochs: 1 } }));
    const recorder = new Recorder();
    const end = await pool.start({ runId: 'bad', spec, dataset }, recorder).done;
    expect(end).toMatchObject({ status: 'failed', steps: 0, final: null });
    expect(end.message).toContain('training.batchSize');
    expect(recorder.events).toEqual([end]);
    const good = await pool.start({ runId: 'good', ...prepare(circleSpec()) }, new Recorder()).done;
    expect(good.status).toBe('completed');
    expect(pool.workerCount).toBe(1);
  });

  it('a dataset that cannot be sent to a worker ends the run failed at once', async () => {
    pool = new TrainingPool({ size: 1 });
    const { spec, dataset } = prepare(circleSpec());
    const unsendable = { ...dataset, describe: () => 'a function cannot be cloned' } as Dataset;
    const end = await pool.start({ runId: 'unsendable', spec, dataset: unsendable }, new Recorder()).done;
    expect(end.status).toBe('failed');
    expect(end.message).toMatch(/^cannot send the run to a worker: /);
    expect((await pool.start({ runId: 'after', spec, dataset }, new Recorder()).done).status).toBe('completed');
  });
});
