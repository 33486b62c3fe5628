import { afterEach, describe, expect, it } from 'vitest';
import { LabEventSchema } from '../../../../engine/api/events';
import type { Dataset } from '../../../../engine/data/types';
import { TrainingPool } from '../../../../engine/train/pool/training-pool';
import { Trainer } from '../../../../engine/train/trainer';
import { exportWeights } from '../../../../engine/train/export-weights';
import { circleSpec } from '../run-helpers';
import { inProcess, prepare, Recorder, withoutElapsed } from './pool-helpers';

let pool: TrainingPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('a run in a worker thread', () => {
  it('emits bit-identical events to the same spec trained in this thread (elapsedMs aside), then its weights', async () => {
    pool = new TrainingPool({ size: 1 });
    const { spec, dataset } = prepare(
      circleSpec({ layers: [{ units: 6, activation: 'relu', dropout: 0.2, batchNorm: true }, { units: 2, activation: 'softmax' }], regularization: { l2: 0.01 } }),
    );
    const recorder = new Recorder();
    const run = pool.start({ runId: 'same', spec, dataset }, recorder);
    expect(run.state).toBe('running');
    const end = await run.done;
    const weights = await run.weights;

    const expected = inProcess(spec, dataset, 'same');
    expect(withoutElapsed(recorder.events)).toEqual(expected);
    expect(end).toEqual(recorder.end());
    for (const event of recorder.events) LabEventSchema.parse(event);
    expect(recorder.states).toEqual(['running', 'ended']);
    expect(run.state).toBe('ended');

    const trainer = new Trainer(spec, dataset, { runId: 'same', emit: () => {} });
    trainer.runToEnd();
    expect(weights).toEqual(exportWeights(trainer.network));
    expect(recorder.weightsCalls).toEqual([weights]);
    // Start goes out alone at once; the rest in batches.
    expect(recorder.batches[0]!.map((e) => e.type)).toEqual(['start']);
  });

  it('4 runs on a pool of 2 workers: two queue, all complete as in-process runs, workers are reused', async () => {
    pool = new TrainingPool({ size: 2 });
    const runs = [1, 2, 3, 4].map((seed) => {
      const { spec, dataset } = prepare(circleSpec({ seed, training: { batchSize: 10, epochs: 4 } }));
      const recorder = new Recorder();
      const handle = pool!.start({ runId: `run-${seed}`, spec, dataset }, recorder);
      return { spec, dataset, recorder, handle };
    });
    expect(runs.map((r) => r.handle.state)).toEqual(['running', 'running', 'queued', 'queued']);
    expect(pool.workerCount).toBe(2);

    const ends = await Promise.all(runs.map((r) => r.handle.done));
    expect(ends.map((e) => e.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    for (const { spec, dataset, recorder, handle } of runs) {
      expect(withoutElapsed(recorder.events)).toEqual(inProcess(spec, dataset, handle.runId));
      expect(recorder.states[recorder.states.length - 1]).toBe('ended');
    }
    expect(runs[2]!.recorder.states).toEqual(['running', 'ended']);
    await Promise.all(runs.map((r) => r.handle.weights));
    expect(pool.workerCount).toBe(2);
  });
});

describe('datasets shared through SharedArrayBuffer', () => {
  it('two concurrent MNIST runs (300 images) over one shared buffer give the in-process results', async () => {
    const input = (seed: number) => ({
      version: 1 as const,
      seed,
      dataset: { name: 'mnist' as const, trainSize: 300, testSize: 100 },
      layers: [
        { units: 32, activation: 'relu' as const },
        { units: 10, activation: 'softmax' as const },
      ],
      optimizer: { name: 'adam' as const, lr: 0.001 },
      training: { batchSize: 50, epochs: 2 },
      diagnostics: { every: 4, bins: 10 },
    });
    const a = prepare(input(1));
    const b = prepare(input(2));
    // Each load views the one process-wide copy of the images.
    expect(a.dataset.train.x.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(b.dataset.train.x.values.buffer).toBe(a.dataset.train.x.values.buffer);
    expect(a.dataset.test!.x.values.buffer).toBeInstanceOf(SharedArrayBuffer);

    pool = new TrainingPool({ size: 2 });
    const recorders = [new Recorder(), new Recorder()];
    const handles = [a, b].map(({ spec, dataset }, i) => pool!.start({ runId: `mnist-${i}`, spec, dataset }, recorders[i]!));
    expect(handles.map((h) => h.state)).toEqual(['running', 'running']);
    await Promise.all(handles.map((h) => h.done));
    expect(withoutElapsed(recorders[0]!.events)).toEqual(inProcess(a.spec, a.dataset, 'mnist-0'));
    expect(withoutElapsed(recorders[1]!.events)).toEqual(inProcess(b.spec, b.dataset, 'mnist-1'));
    expect(recorders[0]!.end()!.status).toBe('completed');
  });

  it('a worker sees the very same memory, not a copy (two workers write into one buffer)', async () => {
    pool = new TrainingPool({ size: 2, workerUrl: new URL('./workers/rogue-worker.mjs', import.meta.url) });
    const values = new Uint8Array(new SharedArrayBuffer(8));
    const dataset: Dataset = {
      name: 'inline',
      inputSize: 2,
      numClasses: 2,
      targetSize: 1,
      train: { x: { values, rows: 4, cols: 2, scale: 1 }, y: { kind: 'classes', labels: new Uint8Array(4), numClasses: 2 } },
      test: null,
      imageShape: null,
    };
    const { spec } = prepare(circleSpec({ name: 'touch-shared' }));
    const handles = [0, 1].map((i) => pool!.start({ runId: `touch-${i}`, spec, dataset }, new Recorder()));
    const ends = await Promise.all(handles.map((h) => h.done));
    expect(ends.map((e) => e.message)).toEqual(['shared', 'shared']);
    expect(values[0]).toBe(2);
  });
});
