import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import { SCHEMA_VERSION } from '../../../engine/history/migrations';
import { exportWeights } from '../../../engine/train/export-weights';
import { eventsOf } from '../train/run-helpers';
import { circleSpec, olderVersionCopy, openTemp, tempDir, trainRun, withoutStepTimes } from './history-helpers';

/** A small MNIST run with every kind of big array: 784-input weights, histograms, confusion matrices and sample predictions. */
const mnistSpec: RunSpecInput = {
  version: 1,
  dataset: { name: 'mnist', trainSize: 300, testSize: 100 },
  layers: [{ units: 16, activation: 'relu' }, { units: 10, activation: 'softmax' }],
  optimizer: { name: 'adam', lr: 0.003 },
  training: { batchSize: 50, epochs: 2 },
  diagnostics: { every: 4, bins: 10 },
};

/** What NN Lab before schema version 6 wrote into each column, as it wrote it: JSON.stringify of the checked values. */
interface OldRows {
  id: string;
  diagnostics: Map<number, string>;
  network: Map<number, string>;
  weights: string;
}

describe('migration 6: weights and snapshots from JSON text to the compact form', () => {
  it('converts a version-5 history: every number reads back identical, the runs replay, and the rows take a fraction of the room', () => {
    const source = openTemp();
    const runs: OldRows[] = [];
    // Real trainings: MNIST (float32), the circle (2-D: network snapshots) in float32 and in float64.
    for (const input of [mnistSpec, circleSpec(), circleSpec({ dtype: 'float64' })]) {
      const id = randomUUID();
      const { spec, events, trainer } = trainRun(input, id);
      source.createRun({ id, spec, status: 'queued' });
      // As NN Lab before version 9 recorded them: without step times.
      source.recordEvents(id, withoutStepTimes(events));
      const weights = exportWeights(trainer.network);
      source.saveWeights(id, weights);
      runs.push({
        id,
        diagnostics: new Map(eventsOf(events, 'diagnostics').map((e) => [e.step, JSON.stringify(e.layers)])),
        network: new Map(eventsOf(events, 'network').map(({ type: _type, step, epoch: _epoch, ...snapshot }) => [step, JSON.stringify(snapshot)])),
        weights: JSON.stringify(weights),
      });
    }
    expect(runs[1]!.network.size).toBeGreaterThan(0);

    // The version-5 history, its big columns holding exactly the text the old writer stored.
    const oldPath = join(tempDir(), 'version-5.sqlite');
    olderVersionCopy(source.path, oldPath, 5);
    const old = new Database(oldPath);
    for (const run of runs) {
      for (const [step, text] of run.diagnostics) old.prepare('UPDATE diagnostics SET layers = ? WHERE run_id = ? AND step = ?').run(text, run.id, step);
      for (const [step, text] of run.network) old.prepare('UPDATE network_snapshots SET snapshot = ? WHERE run_id = ? AND step = ?').run(text, run.id, step);
      old.prepare('UPDATE weights SET file = ? WHERE run_id = ?').run(run.weights, run.id);
    }
    const textBytes = old.prepare('SELECT (SELECT sum(length(layers)) FROM diagnostics) + (SELECT sum(length(snapshot)) FROM network_snapshots) + (SELECT sum(length(file)) FROM weights)').pluck().get() as number;
    old.close();
    const expected = new Map(runs.map((run) => [run.id, { detail: source.getRun(run.id), events: source.recordedEvents(run.id), record: source.readRecords([run.id])[0] }]));
    source.close();

    const upgraded = openTemp({}, oldPath);
    const db = new Database(oldPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT count(*) FROM diagnostics WHERE typeof(layers) <> 'blob'").pluck().get()).toBe(0);
    // The room the JSON text took is given back (VACUUM after the upgrade), not left as free pages.
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    const blobBytes = db.prepare('SELECT (SELECT sum(length(layers)) FROM diagnostics) + (SELECT sum(length(snapshot)) FROM network_snapshots) + (SELECT sum(length(file)) FROM weights)').pluck().get() as number;
    db.close();
    expect(blobBytes).toBeLessThan(textBytes / 2.5);

    for (const run of runs) {
      // Byte for byte the same numbers: the values read back write the very JSON text stored before.
      for (const [step, text] of run.diagnostics) expect(JSON.stringify(upgraded.getDiagnostics(run.id, step)!.layers)).toBe(text);
      for (const snapshot of eventsOf(upgraded.recordedEvents(run.id), 'network')) {
        const { type: _type, step, epoch: _epoch, ...rest } = snapshot;
        expect(JSON.stringify(rest)).toBe(run.network.get(step));
      }
      expect(JSON.stringify(upgraded.getWeights(run.id))).toBe(run.weights);
      const before = expected.get(run.id)!;
      expect(upgraded.getRun(run.id)).toStrictEqual(before.detail);
      expect(upgraded.recordedEvents(run.id)).toStrictEqual(before.events);
      expect(upgraded.readRecords([run.id])[0]).toStrictEqual(before.record);
    }
  });
});

describe('a compact value that cannot be read', () => {
  it("is reported as 'corrupt', naming what it was, and the run's other data still reads", () => {
    const history = openTemp();
    const id = randomUUID();
    const { spec, events, trainer } = trainRun(circleSpec(), id);
    history.createRun({ id, spec, status: 'queued' });
    history.recordEvents(id, events);
    history.saveWeights(id, exportWeights(trainer.network));
    const db = new Database(history.path);
    db.prepare('UPDATE weights SET file = ? WHERE run_id = ?').run(Buffer.concat([Buffer.from('NNLJ'), Buffer.from([1, 1]), Buffer.from('not brotli at all')]), id);
    db.close();
    expect(() => history.getWeights(id)).toThrow(expect.objectContaining({ code: 'corrupt', message: expect.stringMatching(new RegExp(`^the weights of run ${id} cannot be read from the run history: `)) }));
    expect(history.getRun(id).steps.step.length).toBeGreaterThan(0);
  });
});
