import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { NetworkSnapshotEvent, TrainingEvent } from '../../../engine/api/events';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import { HISTORY_LIMITS } from '../../../engine/history/limits';
import { ImportError, exportRuns, importRuns } from '../../../engine/history/run-file';
import { MAX_CONFUSION_CLASSES } from '../../../engine/train/evaluate';
import { BOUNDARY_RESOLUTION, MAX_SNAPSHOT_WEIGHTS, MAX_THUMBNAIL_UNITS, THUMBNAIL_RESOLUTION } from '../../../engine/train/network-snapshot';
import { EVAL_SAMPLES } from '../../../engine/train/trainer';
import { eventsOf } from '../train/run-helpers';
import { circleSpec, dumpDatabase, openTemp, recordRun, tempDir, trainRun } from './history-helpers';

const ID = '22222222-3333-4444-8555-666666666666';
const MNIST_RUN = '33333333-4444-4555-8666-777777777777';

/** A small MNIST run: its evaluations carry sample predictions and a 10 × 10 confusion matrix. */
const mnistSpec: RunSpecInput = {
  version: 1,
  dataset: { name: 'mnist', trainSize: 300, testSize: 100 },
  layers: [{ units: 16, activation: 'relu' }, { units: 10, activation: 'softmax' }],
  optimizer: { name: 'adam', lr: 0.003 },
  training: { batchSize: 50, epochs: 2 },
  diagnostics: { every: 4, bins: 10 },
};

/** Parsed JSON that a test reaches into by any path. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tampering tests write to arbitrary paths of the file
type AnyJson = Record<string, any>;

function tampered(file: Buffer, mutate: (json: AnyJson) => void): Buffer {
  const json = JSON.parse(gunzipSync(file).toString('utf8')) as AnyJson;
  mutate(json);
  json.payloadSha256 = createHash('sha256').update(JSON.stringify(json.payload)).digest('hex');
  return gzipSync(Buffer.from(JSON.stringify(json)));
}

describe('storing network snapshots and evaluation extras', () => {
  it('stores every network snapshot and finds the nearest one at or before a step', () => {
    const history = openTemp();
    const { id, events } = recordRun(history, circleSpec(), { batch: 6 });
    const snapshots = eventsOf(events, 'network');
    expect(snapshots.map((s) => s.step)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 44]);
    const run = history.getRun(id);
    expect(run.networkSteps).toEqual(snapshots.map((s) => s.step));
    expect(run.diagnosticsSteps).toEqual(run.networkSteps);
    for (const snapshot of snapshots) expect(history.getNetworkSnapshot(id, snapshot.step)).toEqual(snapshot);
    expect(history.getNetworkSnapshot(id, 7)).toEqual(snapshots[1]);
    expect(history.getNetworkSnapshot(id, 9)!.step).toBe(5);
    expect(history.getNetworkSnapshot(id, 10_000)).toEqual(snapshots.at(-1));
    expect(history.getNetworkSnapshot(ID, 10)).toBeNull();
  });

  it('stores each evaluation’s confusion matrix and sample predictions and gives them back on replay', () => {
    const history = openTemp();
    const { id, events } = recordRun(history, mnistSpec, { id: MNIST_RUN, batch: 9 });
    const evals = eventsOf(events, 'eval');
    expect(evals.length).toBe(3);
    for (const evaluation of evals) {
      expect(evaluation.samples).toHaveLength(32);
      expect(evaluation.confusion).toHaveLength(10);
    }
    expect(eventsOf(events, 'network')).toEqual([]);
    expect(history.getRun(id).networkSteps).toEqual([]);
    expect(eventsOf(history.recordedEvents(id), 'eval')).toEqual(evals);
    expect(history.recordedEvents(id)).toEqual(events);
  });

  it('gives back a run without a test split with the confusion matrix of its train split', () => {
    const history = openTemp();
    const { id, events } = recordRun(history, {
      version: 1,
      dataset: { name: 'inline', x: [[0, 0], [1, 0], [0, 1], [1, 1]], y: [0, 1, 1, 0] },
      layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
      optimizer: { name: 'sgd', lr: 0.5 },
      training: { batchSize: 4, iterations: 6, evalEvery: 3 },
      diagnostics: { every: 2, bins: 5 },
    });
    expect(eventsOf(events, 'eval').map((e) => e.confusion!.flat().reduce((a, b) => a + b))).toEqual([4, 4, 4]);
    expect(history.recordedEvents(id)).toEqual(events);
  });

  it('refuses a malformed or oversized snapshot or extra, storing nothing of its batch', () => {
    const path = join(tempDir(), 'history.sqlite');
    const history = openTemp({}, path);
    const { spec, events } = trainRun(circleSpec(), ID);
    history.createRun({ id: ID, spec, status: 'running' });
    history.recordEvents(ID, events.slice(0, 3));
    const before = dumpDatabase(path);
    const snapshot = eventsOf(events, 'network')[1]!;
    const evaluation = eventsOf(events, 'eval')[1]!;
    const bad: [TrainingEvent, RegExp][] = [
      [{ ...snapshot, predicted: snapshot.predicted.slice(1) }, /network snapshot of step 5 cannot be stored: predicted: has 1599 values, expected 1600/],
      [{ ...snapshot, confidence: [NaN, ...snapshot.confidence.slice(1)] }, /network snapshot of step 5 cannot be stored: confidence\[0\]/],
      [{ ...snapshot, extent: { x1: [1, 1], x2: snapshot.extent.x2 } }, /extent\.x1: must be an increasing range/],
      [{ ...snapshot, neurons: [{ ...snapshot.neurons[0]!, values: [0.5, 0.5] }] }, /neurons\[0\]\.values: has 2 values, expected 256/],
      [{ ...snapshot, weights: [[[1, 2], [3]]] }, /weights\[0\]\[1\]: has 1 values, expected 2 like row 0/],
      [{ ...snapshot, weights: [Array.from({ length: 400 }, () => new Array<number>(251).fill(0.5))] }, /weights: holds 100400 weights, at most 100000/],
      [{ ...snapshot, resolution: 200 }, /resolution: must be at most 100/],
      [{ ...evaluation, confusion: [[1, 2], [3]] }, /evaluation at step 15: the confusion matrix cannot be stored: \[1\]: has 1 counts, expected 2/],
      [{ ...evaluation, confusion: [[1.5, 0], [0, 1]] }, /the confusion matrix cannot be stored/],
      [{ ...evaluation, samples: [{ index: 0, label: 1, predicted: 1, confidence: Infinity }] }, /the sample predictions cannot be stored: \[0\]\.confidence/],
    ];
    for (const [event, message] of bad) {
      expect(() => history.recordEvents(ID, [...events.slice(3, 8), event])).toThrow(expect.objectContaining({ code: 'invalid-event', message: expect.stringMatching(message) }));
      expect(dumpDatabase(path)).toEqual(before);
    }
  });

  it('drops fields outside the contract, like diagnostics', () => {
    const history = openTemp();
    const { spec, events } = trainRun(circleSpec(), ID);
    history.createRun({ id: ID, spec, status: 'running' });
    const snapshot = eventsOf(events, 'network')[0]!;
    history.recordEvents(ID, [{ ...snapshot, debug: 'not stored' } as NetworkSnapshotEvent]);
    expect(history.getNetworkSnapshot(ID, 0)).toEqual(snapshot);
  });

  it('accepts everything the trainer can send (the stored limits cover the trainer’s own)', () => {
    expect(BOUNDARY_RESOLUTION).toBeLessThanOrEqual(HISTORY_LIMITS.networkResolution);
    expect(THUMBNAIL_RESOLUTION).toBeLessThanOrEqual(HISTORY_LIMITS.thumbnailResolution);
    expect(MAX_THUMBNAIL_UNITS).toBeLessThanOrEqual(HISTORY_LIMITS.networkNeurons);
    expect(MAX_SNAPSHOT_WEIGHTS).toBeLessThanOrEqual(HISTORY_LIMITS.networkWeights);
    expect(MAX_CONFUSION_CLASSES).toBeLessThanOrEqual(HISTORY_LIMITS.confusionClasses);
    expect(EVAL_SAMPLES).toBeLessThanOrEqual(HISTORY_LIMITS.evalSamples);
    // The largest snapshot the trainer sends: 64 thumbnails, and weights just under its cap.
    const history = openTemp();
    const big = recordRun(history, circleSpec({ layers: [{ units: 139, activation: 'relu' }, { units: 139, activation: 'relu' }, { units: 2, activation: 'softmax' }], training: { batchSize: 10, iterations: 2 } }));
    expect(eventsOf(big.events, 'network')[0]!.weights.flat(2).length).toBe(19_877);
    const wide = recordRun(history, circleSpec({ layers: [{ units: 62, activation: 'relu' }, { units: 2, activation: 'softmax' }], training: { batchSize: 10, iterations: 2 } }));
    expect(eventsOf(wide.events, 'network')[0]!.neurons).toHaveLength(64);
    expect(history.recordedEvents(big.id)).toEqual(big.events);
    expect(history.recordedEvents(wide.id)).toEqual(wide.events);
  });
});

describe('export files with network snapshots and evaluation extras', () => {
  it('carry them and round-trip them: same rows, same snapshots, same replay', () => {
    const sourcePath = join(tempDir(), 'student.sqlite');
    const source = openTemp({}, sourcePath);
    const circle = recordRun(source, circleSpec(), { id: ID });
    const mnist = recordRun(source, mnistSpec, { id: MNIST_RUN });
    const file = exportRuns(source, [ID, MNIST_RUN]);

    const json = JSON.parse(gunzipSync(file).toString('utf8')) as AnyJson;
    const [circleRun, mnistRun] = json.payload.runs as AnyJson[];
    expect(circleRun!.networkSnapshots).toEqual(eventsOf(circle.events, 'network').map(({ type: _type, ...snapshot }) => snapshot));
    expect(circleRun!.evalExtras).toEqual(eventsOf(circle.events, 'eval').map((e) => ({ step: e.step, confusion: e.confusion })));
    expect(mnistRun!.networkSnapshots).toEqual([]);
    expect(mnistRun!.evalExtras).toEqual(eventsOf(mnist.events, 'eval').map((e) => ({ step: e.step, confusion: e.confusion, samples: e.samples })));

    const targetPath = join(tempDir(), 'teacher.sqlite');
    const target = openTemp({ instanceId: 'teacher' }, targetPath);
    expect(importRuns(target, file)).toEqual({ imported: [ID, MNIST_RUN], skipped: [] });
    const rows = (path: string) => {
      const dump = dumpDatabase(path);
      return { evals: dump.evals, network_snapshots: dump.network_snapshots };
    };
    expect(rows(targetPath)).toEqual(rows(sourcePath));
    for (const { id, events } of [circle, mnist]) {
      expect(target.getRun(id)).toEqual(source.getRun(id));
      expect(target.recordedEvents(id)).toEqual(events);
    }
    for (const step of target.getRun(ID).networkSteps) expect(target.getNetworkSnapshot(ID, step)).toEqual(source.getNetworkSnapshot(ID, step));
  });

  it('still imports a format-1 file (no snapshots, no extras)', () => {
    const source = openTemp();
    const { events } = recordRun(source, circleSpec(), { id: ID });
    const file = tampered(exportRuns(source, [ID]), (json) => {
      json.formatVersion = 1;
      for (const run of json.payload.runs) {
        delete run.networkSnapshots;
        delete run.evalExtras;
      }
    });
    const target = openTemp();
    expect(importRuns(target, file).imported).toEqual([ID]);
    expect(target.getRun(ID).networkSteps).toEqual([]);
    expect(target.recordedEvents(ID)).toEqual(
      events
        .filter((e) => e.type !== 'network')
        .map((e) => {
          if (e.type !== 'eval') return e;
          const { confusion: _c, ...rest } = e;
          return rest;
        }),
    );
  });

  describe('refuses malformed snapshots and extras, naming the field', () => {
    let good: Buffer | undefined;
    const file = () => {
      if (good === undefined) {
        const source = openTemp();
        recordRun(source, circleSpec(), { id: ID });
        recordRun(source, mnistSpec, { id: MNIST_RUN });
        good = exportRuns(source, [ID, MNIST_RUN]);
      }
      return good;
    };
    const cases: [string, (json: AnyJson) => void, RegExp][] = [
      ['a grid of the wrong size', (j) => j.payload.runs[0].networkSnapshots[2].predicted.pop(), /payload\.runs\[0\]\.networkSnapshots\[2\]\.predicted: has 1599 values, expected 1600/],
      ['a resolution past the limit', (j) => (j.payload.runs[0].networkSnapshots[0].resolution = 101), /payload\.runs\[0\]\.networkSnapshots\[0\]\.resolution: must be at most 100/],
      ['an unknown field in a snapshot', (j) => (j.payload.runs[0].networkSnapshots[0].constructor = {}), /payload\.runs\[0\]\.networkSnapshots\[0\]: unknown field "constructor"/],
      ['snapshots out of order', (j) => (j.payload.runs[0].networkSnapshots[1].step = 0), /payload\.runs\[0\]\.networkSnapshots\[1\]: must be greater than the previous step/],
      ['a class count that is not whole', (j) => (j.payload.runs[0].evalExtras[0].confusion[0][1] = 0.5), /payload\.runs\[0\]\.evalExtras\[0\]\.confusion\[0\]\[1\]/],
      ['extras of a step without an evaluation', (j) => (j.payload.runs[0].evalExtras[1].step = 16), /payload\.runs\[0\]\.evalExtras\[1\]\.step: is 16, but there is no evaluation at that step/],
      ['too many samples', (j) => j.payload.runs[1].evalExtras[0].samples.push(...Array.from({ length: 80 }, () => j.payload.runs[1].evalExtras[0].samples[0])), /payload\.runs\[1\]\.evalExtras\[0\]\.samples: must have at most 100 samples/],
      ['a sample with an unknown field', (j) => (j.payload.runs[1].evalExtras[0].samples[3].image = [0, 0]), /payload\.runs\[1\]\.evalExtras\[0\]\.samples\[3\]: unknown field "image"/],
    ];
    it.each(cases)('%s', (_name, mutate, message) => {
      const path = join(tempDir(), 'teacher.sqlite');
      const target = openTemp({}, path);
      const before = dumpDatabase(path);
      let caught: unknown;
      try {
        importRuns(target, tampered(file(), mutate));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ImportError);
      expect((caught as Error).message).toMatch(message);
      expect(dumpDatabase(path)).toEqual(before);
    });

    it('accepts the unaltered file', () => {
      expect(importRuns(openTemp(), tampered(file(), () => {})).imported).toEqual([ID, MNIST_RUN]);
    });
  });
});
