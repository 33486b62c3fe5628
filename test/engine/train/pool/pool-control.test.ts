import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TrainingPool } from '../../../../engine/train/pool/training-pool';
import { circleSpec, eventsOf } from '../run-helpers';
import { endlessSpec, inProcess, prepare, Recorder, sleep, withoutElapsed } from './pool-helpers';

let pool: TrainingPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});


describe('pause, resume, step, stepEpoch', () => {
  it('pause holds a run within one chunk (no events for 200 ms), resume trains it to completion', async () => {
    pool = new TrainingPool({ size: 1 });
    // One epoch of 20,000 steps (batch 1), far more than one ~15 ms chunk trains.
    const { spec, dataset } = prepare(
      circleSpec({ dataset: { name: 'circle', samples: 40_000, noise: 0.05, testFraction: 0.5 }, training: { batchSize: 1, epochs: 1 }, diagnostics: { every: 1000, bins: 10 } }),
    );
    const recorder = new Recorder();
    const startedAt = performance.now();
    const run = pool.start({ runId: 'pause', spec, dataset, paused: true }, recorder);
    await recorder.until(() => recorder.events.length >= 2);

    let next = recorder.nextState('paused');
    run.resume();
    run.pause(); // reaches the worker right behind resume: at most one chunk trains in between
    await next;
    expect(run.state).toBe('paused');
    const pausedAt = recorder.steps().length;
    expect(pausedAt).toBeLessThan(20_000);
    const eventsAtPause = recorder.events.length;
    await sleep(200);
    expect(recorder.events.length).toBe(eventsAtPause);

    next = recorder.nextState('ended');
    run.resume();
    const end = await run.done;
    await next;
    const wallMs = performance.now() - startedAt;
    expect(end).toMatchObject({ status: 'completed', steps: 20_000 });
    expect(recorder.steps()).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
    expect(recorder.states).toEqual(['paused', 'running', 'paused', 'running', 'ended']);
    // elapsedMs counts training, not the time spent paused.
    expect(wallMs - end.elapsedMs).toBeGreaterThanOrEqual(200);
    expect(withoutElapsed(recorder.events)).toEqual(inProcess(spec, dataset, 'pause'));
  });

  it('pause stops a run whose events are flowing; resume makes them flow again', async () => {
    pool = new TrainingPool({ size: 1 });
    const recorder = new Recorder();
    const run = pool.start({ runId: 'flowing', ...prepare(endlessSpec()) }, recorder);
    await recorder.until(() => recorder.steps().length > 0);
    run.pause();
    await recorder.until(() => recorder.states.includes('paused'));
    const eventsAtPause = recorder.events.length;
    await sleep(200);
    expect(recorder.events.length).toBe(eventsAtPause);
    const pausedAt = recorder.steps().length;
    run.resume();
    await recorder.until(() => recorder.steps().length > pausedAt);
    expect(recorder.steps().slice(pausedAt - 1, pausedAt + 1)).toEqual([pausedAt - 1, pausedAt]);
    run.stop();
    expect((await run.done).status).toBe('stopped');
    expect(recorder.states).toEqual(['running', 'paused', 'running', 'ended']);
  });

  it('a run started paused emits start and the initial evaluation; step does exactly one step, stepEpoch runs to the epoch end; stop ends it with the last evaluation', async () => {
    pool = new TrainingPool({ size: 1 });
    const { spec, dataset } = prepare(circleSpec()); // 15 steps per epoch, 45 in all
    const recorder = new Recorder();
    const run = pool.start({ runId: 'steps', spec, dataset, paused: true }, recorder);
    expect(run.state).toBe('paused');
    await recorder.until(() => recorder.events.length >= 2);
    await sleep(50);
    expect(recorder.events.map((e) => e.type)).toEqual(['start', 'eval']);

    const paused = () => recorder.nextState('paused');
    let next = paused();
    run.step();
    await next;
    expect(recorder.steps()).toEqual([0]);
    next = paused();
    run.step();
    await next;
    expect(recorder.steps()).toEqual([0, 1]);

    next = paused();
    run.stepEpoch();
    await next;
    expect(recorder.steps()).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(eventsOf(recorder.events, 'eval').map((e) => e.step)).toEqual([0, 15]);

    next = paused();
    run.stepEpoch(); // standing on a boundary: a whole epoch
    await next;
    expect(recorder.steps().length).toBe(30);
    expect(run.state).toBe('paused');

    run.stop();
    const end = await run.done;
    const evals = eventsOf(recorder.events, 'eval');
    expect(evals.map((e) => e.step)).toEqual([0, 15, 30]); // no extra evaluation: step 30 was just evaluated
    expect(end).toMatchObject({ status: 'stopped', steps: 30, message: 'stopped by the user' });
    expect(end.final).toEqual({ train: evals[2]!.train, test: evals[2]!.test });
    expect(withoutElapsed(recorder.events)).toEqual(inProcess(spec, dataset, 'steps', 30));
    expect(recorder.states).toEqual(['paused', 'running', 'paused', 'running', 'paused', 'running', 'paused', 'running', 'paused', 'ended']);
    expect(await run.weights).not.toBeNull();
  });
});

describe('stop', () => {
  it('stops a running run: everything emitted is kept, it ends stopped with a final evaluation', async () => {
    pool = new TrainingPool({ size: 1 });
    const { spec, dataset } = prepare(endlessSpec());
    const recorder = new Recorder();
    const run = pool.start({ runId: 'stop', spec, dataset }, recorder);
    await recorder.until(() => recorder.steps().length >= 100);
    run.stop();
    const end = await run.done;
    expect(end.status).toBe('stopped');
    expect(end.message).toBe('stopped by the user');
    expect(end.steps).toBe(recorder.steps().length);
    const lastEval = eventsOf(recorder.events, 'eval').at(-1)!;
    expect(lastEval.step).toBe(end.steps);
    expect(end.final).toEqual({ train: lastEval.train, test: lastEval.test });
    // Identical to stopping the same trainer after the same number of steps in this thread.
    expect(withoutElapsed(recorder.events)).toEqual(inProcess(spec, dataset, 'stop', end.steps));
    run.stop(); // no-op once ended
    run.pause();
    expect(run.state).toBe('ended');
  });

  it('stops a queued run without training it: a lone end event (stopped, 0 steps, no metrics), no weights', async () => {
    pool = new TrainingPool({ size: 1 });
    const long = prepare(endlessSpec());
    const first = new Recorder();
    const running = pool.start({ runId: 'first', ...long }, first);
    const queuedRecorder = new Recorder();
    const queued = pool.start({ runId: 'queued', ...prepare(circleSpec()) }, queuedRecorder);
    expect(queued.state).toBe('queued');
    queued.stop();
    expect(queued.state).toBe('ended');
    expect(await queued.done).toEqual({ type: 'end', status: 'stopped', steps: 0, final: null, message: 'stopped before it started', elapsedMs: 0 });
    expect(queuedRecorder.events).toEqual([await queued.done]);
    expect(await queued.weights).toBeNull();
    expect(queuedRecorder.states).toEqual(['ended']);

    await first.until(() => first.steps().length > 0);
    expect(running.state).toBe('running');
    running.stop();
    expect((await running.done).status).toBe('stopped');
  });

  it('control calls on a queued run decide how it begins (paused, then stepped)', async () => {
    pool = new TrainingPool({ size: 1 });
    const blocker = pool.start({ runId: 'blocker', ...prepare(endlessSpec()) }, new Recorder());
    const recorder = new Recorder();
    const run = pool.start({ runId: 'later', ...prepare(circleSpec()) }, recorder);
    run.step();
    expect(run.state).toBe('queued');
    blocker.stop();
    await recorder.until(() => recorder.states.includes('paused'));
    expect(recorder.steps()).toEqual([0]);
    run.resume();
    expect((await run.done).status).toBe('completed');
  });
});

describe('close', () => {
  it('stops running runs, ends queued ones, terminates the workers and refuses new runs', async () => {
    const closing = new TrainingPool({ size: 2 });
    const recorders = [new Recorder(), new Recorder(), new Recorder()];
    const handles = recorders.map((recorder, i) => closing.start({ runId: `close-${i}`, ...prepare(endlessSpec({ seed: i })) }, recorder));
    expect(handles.map((h) => h.state)).toEqual(['running', 'running', 'queued']);
    await Promise.all(recorders.slice(0, 2).map((r) => r.until(() => r.steps().length > 0)));
    await closing.close();
    const ends = await Promise.all(handles.map((h) => h.done));
    expect(ends.map((e) => e.status)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(ends.map((e) => e.message)).toEqual(['stopped by the user', 'stopped by the user', 'stopped before it started']);
    expect(ends[0]!.final).not.toBeNull();
    expect(handles.map((h) => h.state)).toEqual(['ended', 'ended', 'ended']);
    expect(closing.workerCount).toBe(0);
    expect(() => closing.start({ runId: 'late', ...prepare(circleSpec()) }, new Recorder())).toThrow('the training pool is closed');
    await closing.close(); // again: same promise, nothing to do
  });

  it('keeps a process with nothing else to do alive until its workers have exited (closed right after a run ends)', () => {
    const script = fileURLToPath(new URL('./scripts/close-right-after-stop.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('closed 0 stopped\n'.repeat(4));
    expect(result.status).toBe(0);
  }, 60_000);
});
