import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { HistoryError } from '../../../engine/history/history-error';
import { openHistory } from '../../../engine/history/run-history';
import { exportWeights } from '../../../engine/train/export-weights';
import { eventsOf } from '../train/run-helpers';
import { circleSpec, dumpDatabase, openTemp, recordRun, tempDir, trainRun } from './history-helpers';

const ID = '11111111-2222-4333-8444-555555555555';

describe('recording a run', () => {
  it('stores every step, evaluation and diagnostics snapshot of a real run, and its end', () => {
    const history = openTemp();
    const { id, events } = recordRun(history, circleSpec({ regularization: { l2: 0.01 } }), { batch: 7 });
    const run = history.getRun(id);
    const steps = eventsOf(events, 'step');
    const evals = eventsOf(events, 'eval');
    const end = eventsOf(events, 'end')[0]!;
    const start = eventsOf(events, 'start')[0]!;
    expect(run.steps).toEqual({ step: steps.map((e) => e.step), epoch: steps.map((e) => e.epoch), loss: steps.map((e) => e.loss), dataLoss: steps.map((e) => e.dataLoss), elapsedMs: steps.map((e) => e.elapsedMs!) });
    expect(run.evals.step).toEqual(evals.map((e) => e.step));
    expect(run.evals.trainLoss).toEqual(evals.map((e) => e.train.loss));
    expect(run.evals.trainAccuracy).toEqual(evals.map((e) => e.train.accuracy));
    expect(run.evals.testLoss).toEqual(evals.map((e) => e.test!.loss));
    expect(run.evals.testAccuracy).toEqual(evals.map((e) => e.test!.accuracy));
    expect(run.diagnosticsSteps).toEqual(eventsOf(events, 'diagnostics').map((e) => e.step));
    for (const snapshot of eventsOf(events, 'diagnostics')) expect(history.getDiagnostics(id, snapshot.step)).toEqual(snapshot);
    expect(history.getDiagnostics(id, 1)).toBeNull();
    expect(run).toMatchObject({
      status: 'completed',
      dataset: start.dataset,
      stepsPerEpoch: start.stepsPerEpoch,
      totalSteps: start.totalSteps,
      stepsDone: end.steps,
      durationMs: end.elapsedMs,
      final: end.final,
      message: null,
      architecture: '2-8-2',
      activation: 'tanh',
      init: 'xavier',
      regularization: 'L2 0.01',
      seed: 3,
      engineVersion: start.engineVersion,
    });
    expect(run.startedAt).not.toBeNull();
    expect(run.endedAt! >= run.startedAt!).toBe(true);
  });

  it('shows a run in progress: running, steps done so far, no end yet', () => {
    const history = openTemp();
    const { spec, events } = trainRun(circleSpec(), ID);
    history.createRun({ id: ID, spec, status: 'queued', name: 'in progress' });
    expect(history.getRun(ID)).toMatchObject({ status: 'queued', startedAt: null, architecture: null, dataset: null, stepsDone: 0 });
    const firstSteps = events.findIndex((e) => e.type === 'step' && e.step === 10);
    history.recordEvents(ID, events.slice(0, firstSteps + 1));
    expect(history.getRun(ID)).toMatchObject({ status: 'running', stepsDone: 11, endedAt: null, final: null, totalSteps: 45 });
  });

  it('refuses a batch holding a non-finite loss and stores nothing of that batch', () => {
    const path = join(tempDir(), 'history.sqlite');
    const history = openTemp({}, path);
    const { spec, events } = trainRun(circleSpec(), ID);
    history.createRun({ id: ID, spec, status: 'running' });
    history.recordEvents(ID, events.slice(0, 5));
    const before = dumpDatabase(path);
    const bad: TrainingEvent[] = [...events.slice(5, 9), { type: 'step', step: 99, epoch: 2, loss: NaN, dataLoss: 0.5 }];
    expect(() => history.recordEvents(ID, bad)).toThrow(expect.objectContaining({ code: 'invalid-event', message: expect.stringMatching(/step 99: the loss is NaN/) }));
    expect(dumpDatabase(path)).toEqual(before);
    const infiniteEval: TrainingEvent = { type: 'eval', step: 3, epoch: 0, train: { loss: 0.5, accuracy: Infinity } };
    expect(() => history.recordEvents(ID, [infiniteEval])).toThrow(/train accuracy is Infinity/);
    expect(dumpDatabase(path)).toEqual(before);
  });

  it('refuses a diagnostics snapshot with a non-finite number where the contract has no null', () => {
    const history = openTemp();
    const { spec, events } = trainRun(circleSpec(), ID);
    history.createRun({ id: ID, spec, status: 'running' });
    const snapshot = eventsOf(events, 'diagnostics')[0]!;
    const broken = { ...snapshot, layers: [{ ...snapshot.layers[0]!, saturatedFraction: NaN }, ...snapshot.layers.slice(1)] };
    expect(() => history.recordEvents(ID, [broken])).toThrow(/diagnostics of step 0 cannot be stored: layers\[0\]\.saturatedFraction/);
    expect(history.getRun(ID).diagnosticsSteps).toEqual([]);
  });

  it('refuses events for an unknown run, a second run with the same id and a malformed id', () => {
    const history = openTemp();
    const { spec, events } = trainRun(circleSpec(), ID);
    expect(() => history.recordEvents(ID, events)).toThrow(expect.objectContaining({ code: 'not-found' }));
    history.createRun({ id: ID, spec, status: 'queued' });
    expect(() => history.createRun({ id: ID, spec, status: 'queued' })).toThrow(expect.objectContaining({ code: 'already-exists' }));
    expect(() => history.createRun({ id: 'run-1', spec, status: 'queued' })).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });

  it('keeps final weights that fit the spec and refuses weights of another network', () => {
    const history = openTemp();
    const { id, spec } = recordRun(history, circleSpec(), { weights: false });
    expect(history.getWeights(id)).toBeNull();
    const { trainer } = trainRun(circleSpec(), id);
    const weights = exportWeights(trainer.network);
    history.saveWeights(id, weights);
    expect(history.getWeights(id)).toEqual(weights);
    const other = trainRun(circleSpec({ layers: [{ units: 5, activation: 'relu' }, { units: 2, activation: 'softmax' }] }), id).trainer;
    expect(() => history.saveWeights(id, exportWeights(other.network))).toThrow(/layers\[0\] has 5 units, but the run's spec says 8/);
    expect(history.getWeights(id)).toEqual(weights);
    expect(spec.layers[0]!.units).toBe(8);
  });

  it('marks a run whose worker crashed as failed, keeping its metrics; an ended run is left as it is', () => {
    let now = Date.parse('2025-03-14T09:00:00.000Z');
    const history = openTemp({ now: () => now });
    const { spec, events } = trainRun(circleSpec(), ID);
    history.createRun({ id: ID, spec, status: 'queued' });
    history.recordEvents(ID, events.slice(0, 20));
    now += 4_000;
    expect(history.markRunFailed(ID, 'the worker thread exited with code 1')).toBe(true);
    const run = history.getRun(ID);
    expect(run).toMatchObject({ status: 'failed', message: 'the worker thread exited with code 1', endedAt: '2025-03-14T09:00:04.000Z', durationMs: 4_000 });
    expect(run.steps.step.length).toBe(eventsOf(events.slice(0, 20), 'step').length);
    expect(history.markRunFailed(ID, 'again')).toBe(false);
    expect(history.getRun(ID).message).toBe('the worker thread exited with code 1');
  });

  it('names a run after its spec, else its dataset and activation, and takes the spec the trainer actually ran', () => {
    const history = openTemp();
    const { spec: ran, events } = trainRun(circleSpec({ name: 'what ran', layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'softmax' }] }), ID);
    const { spec: planned } = trainRun(circleSpec({ training: { batchSize: 50, epochs: 1 } }), ID);
    expect(history.createRun({ id: ID, spec: planned, status: 'queued' })).toMatchObject({ name: 'circle, tanh', activation: 'tanh' });
    history.recordEvents(ID, events.slice(0, 2));
    const run = history.getRun(ID);
    expect(run.spec).toEqual(ran);
    expect(run).toMatchObject({ activation: 'relu', init: 'he', architecture: '2-4-2', name: 'circle, tanh' });
    expect(history.createRun({ id: '11111111-2222-4333-8444-000000000000', spec: ran, status: 'queued' }).name).toBe('what ran');
  });

  it('translates driver errors after closing into a HistoryError', () => {
    const path = join(tempDir(), 'history.sqlite');
    const history = openHistory(path, { instanceId: 'x' });
    history.close();
    expect(() => history.listRuns()).toThrow(HistoryError);
  });
});
