import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { RunHistory } from '../../../engine/history/run-history';
import { ImportError, exportRuns, importRuns } from '../../../engine/history/run-file';
import { ENGINE_VERSION } from '../../../engine/version';
import { circleSpec, dumpDatabase, openTemp, recordRun, tempDir, trainRun } from './history-helpers';

const COMPLETED = 'f1000000-0000-4000-8000-000000000001';
const STOPPED = 'f2000000-0000-4000-8000-000000000002';
const FAILED = 'f3000000-0000-4000-8000-000000000003';
const QUEUED = 'f4000000-0000-4000-8000-000000000004';

/** A history with a completed run (tags, notes, weights), a stopped one, one whose worker crashed, and a queued one. */
function studentHistory(path?: string): RunHistory {
  const history = openTemp({ instanceId: 'student' }, path);
  recordRun(history, circleSpec(), { id: COMPLETED, name: 'He, "fast", 한국어' });
  history.setTags(COMPLETED, ['week 3', 'baseline']);
  history.setNotes(COMPLETED, 'loss fell quickly,\nthen flattened');
  recordRun(history, circleSpec({ layers: [{ units: 6, activation: 'relu', batchNorm: true }, { units: 2, activation: 'softmax' }] }), { id: STOPPED, stopAfter: 17, weights: false });
  const { spec, events } = trainRun(circleSpec({ seed: 9 }), FAILED);
  history.createRun({ id: FAILED, spec, status: 'running', sourceRunId: COMPLETED });
  history.recordEvents(FAILED, events.slice(0, 25));
  history.markRunFailed(FAILED, 'the worker thread exited with code 1');
  history.createRun({ id: QUEUED, spec: parseRunSpec(circleSpec({ name: 'waiting' })), status: 'queued' });
  return history;
}

/** Parsed JSON that a test reaches into by any path. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tampering tests write to arbitrary paths of the file
type AnyJson = Record<string, any>;

/** The export file's JSON, changed by `mutate`, packed again (with a matching checksum unless `rehash` is false). */
function tampered(file: Buffer, mutate: (json: AnyJson) => void, rehash = true): Buffer {
  const json = JSON.parse(gunzipSync(file).toString('utf8')) as AnyJson;
  mutate(json);
  if (rehash) json.payloadSha256 = createHash('sha256').update(JSON.stringify(json.payload)).digest('hex');
  return gzipSync(Buffer.from(JSON.stringify(json)));
}

/** Rows of every table, minus the columns that belong to the machine that trained (owner, heartbeat). */
function portableRows(path: string): Record<string, unknown[]> {
  const dump = dumpDatabase(path);
  dump.runs = dump.runs!.map((row) => {
    const { owner_instance: _i, owner_pid: _p, heartbeat_at: _h, ...rest } = row as Record<string, unknown>;
    return rest;
  });
  return dump;
}

describe('exporting runs', () => {
  it('writes a gzip-compressed JSON file with format, versions, generator and the SHA-256 of its payload', () => {
    const history = studentHistory();
    const file = exportRuns(history, [COMPLETED.slice(0, 8)], { appVersion: '1.2.3', now: () => Date.parse('2025-03-14T09:00:00Z') });
    const json = JSON.parse(gunzipSync(file).toString('utf8'));
    expect(Object.keys(json)).toEqual(['format', 'formatVersion', 'appVersion', 'engineVersion', 'generator', 'createdAt', 'payloadSha256', 'payload']);
    // Format 4: its runs carry step times.
    expect(json).toMatchObject({ format: 'nnlab-runs', formatVersion: 4, appVersion: '1.2.3', engineVersion: ENGINE_VERSION, generator: 'NN Lab', createdAt: '2025-03-14T09:00:00.000Z' });
    expect(json.payloadSha256).toBe(createHash('sha256').update(JSON.stringify(json.payload)).digest('hex'));
    const [run] = json.payload.runs;
    expect(run).toMatchObject({ id: COMPLETED, name: 'He, "fast", 한국어', tags: ['baseline', 'week 3'], status: 'completed', endRecorded: true });
    expect(run.steps.loss).toEqual(history.getRun(COMPLETED).steps.loss);
    expect(run.diagnostics.map((d: { step: number }) => d.step)).toEqual(history.getRun(COMPLETED).diagnosticsSteps);
    expect(run.weights).toEqual(history.getWeights(COMPLETED));
  });

  it('refuses to write a file larger than an import accepts, naming the size and what to do', () => {
    const history = studentHistory();
    const one = gunzipSync(exportRuns(history, [COMPLETED])).length;
    // The same limit the importer applies, made small: one run fits, two runs do not.
    const limit = one + 100;
    expect(gunzipSync(exportRuns(history, [COMPLETED], { maxDecompressedBytes: limit })).length).toBe(one);
    expect(() => exportRuns(history, [COMPLETED, STOPPED], { maxDecompressedBytes: limit })).toThrow(/^these 2 runs make \d+ MB, more than a run file may hold \(\d+ MB\): export fewer runs at once$/);
    expect(importRuns(history, exportRuns(history, [COMPLETED], { maxDecompressedBytes: limit }), { maxDecompressedBytes: limit }).skipped).toHaveLength(1);
  });
});

describe('importing runs', () => {
  it('round-trips runs into a fresh database: identical rows, summaries, series, diagnostics, weights and replays', () => {
    const sourcePath = join(tempDir(), 'student.sqlite');
    const source = studentHistory(sourcePath);
    const ids = [COMPLETED, STOPPED, FAILED];
    const file = exportRuns(source, ids);
    const targetPath = join(tempDir(), 'teacher.sqlite');
    const target = openTemp({ instanceId: 'teacher' }, targetPath);
    expect(importRuns(target, file)).toEqual({ imported: ids, skipped: [] });
    source.deleteRun(QUEUED);
    expect(portableRows(targetPath)).toEqual(portableRows(sourcePath));
    expect(target.listRuns()).toEqual(source.listRuns());
    for (const id of ids) {
      const run = target.getRun(id);
      expect(run).toEqual(source.getRun(id));
      for (const step of run.diagnosticsSteps) expect(target.getDiagnostics(id, step)).toEqual(source.getDiagnostics(id, step));
      expect(target.getWeights(id)).toEqual(source.getWeights(id));
      expect(target.recordedEvents(id)).toEqual(source.recordedEvents(id));
    }
    expect(target.getRun(FAILED)).toMatchObject({ status: 'failed', sourceRunId: COMPLETED });
    expect(target.getRun(COMPLETED).diagnosticsSteps.length).toBeGreaterThan(3);
  });

  it('skips and reports runs already present; importing the same file twice changes nothing', () => {
    const source = studentHistory();
    const file = exportRuns(source, [COMPLETED, STOPPED]);
    const path = join(tempDir(), 'teacher.sqlite');
    const target = openTemp({}, path);
    importRuns(target, file);
    target.rename(COMPLETED, 'renamed by the teacher');
    const before = dumpDatabase(path);
    expect(importRuns(target, file)).toEqual({
      imported: [],
      skipped: [
        { id: COMPLETED, name: 'He, "fast", 한국어', reason: 'a run with this id is already in the history' },
        { id: STOPPED, name: source.getRun(STOPPED).name, reason: 'a run with this id is already in the history' },
      ],
    });
    expect(dumpDatabase(path)).toEqual(before);
  });

  it('brings runs exported while queued or running in as interrupted', () => {
    const source = studentHistory();
    const target = openTemp();
    importRuns(target, exportRuns(source, [QUEUED]));
    expect(target.getRun(QUEUED)).toMatchObject({ status: 'interrupted', message: 'interrupted: the run was still going when it was exported', name: 'waiting' });
    expect(target.recoverInterrupted()).toEqual([]);
  });

  it('keeps the diagnostics sample size, and imports files from before it existed', () => {
    const source = studentHistory();
    const file = exportRuns(source, [COMPLETED]);
    const current = openTemp();
    importRuns(current, file);
    const step = current.getRun(COMPLETED).diagnosticsSteps[1]!;
    expect(current.getDiagnostics(COMPLETED, step)!.layers.map((l) => l.sampleSize)).toEqual([150, 150]);
    const older = tampered(file, (j) => {
      for (const snapshot of j.payload.runs[0].diagnostics) for (const layer of snapshot.layers) delete layer.sampleSize;
    });
    const target = openTemp();
    expect(importRuns(target, older).imported).toEqual([COMPLETED]);
    expect(target.getDiagnostics(COMPLETED, step)!.layers[0]).not.toHaveProperty('sampleSize');
  });

  describe('refuses a malformed file with a clear message and leaves the database unchanged', () => {
    // Built once, by the first test that needs them (the helpers' histories live for one test).
    let fixture: { good: Buffer; failed: Buffer } | undefined;
    const files = () => {
      if (fixture === undefined) {
        const source = studentHistory();
        fixture = { good: exportRuns(source, [COMPLETED, STOPPED]), failed: exportRuns(source, [FAILED]) };
      }
      return fixture;
    };
    const cases: [string, () => Buffer, RegExp, { maxCompressedBytes?: number; maxDecompressedBytes?: number }?][] = [
      ['a truncated file', () => files().good.subarray(0, Math.floor(files().good.length / 2)), /damaged or incomplete: it cannot be decompressed/],
      ['a file that is not gzip', () => Buffer.from(gunzipSync(files().good)), /not an NN Lab runs file: it is not gzip-compressed/],
      ['gzip of something that is not JSON', () => gzipSync(Buffer.from('<html>hello</html>')), /not valid JSON/],
      ['another format', () => tampered(files().good, (j) => (j.format = 'tensorboard-runs')), /not an NN Lab runs file \(its "format" is "tensorboard-runs"/],
      ['a JSON array', () => gzipSync(Buffer.from('[1, 2]')), /not an NN Lab runs file \(its "format" is missing/],
      ['format version 5', () => tampered(files().good, (j) => ((j.formatVersion = 5), (j.appVersion = '9.0.0'))), /made by a newer NN Lab 9\.0\.0 \(runs file format 5; this version reads formats up to 4\)/],
      ['a payload that does not match its checksum', () => tampered(files().good, (j) => (j.payload.runs[0].steps.loss[3] = 0.125), false), /does not match its checksum/],
      ['a bad spec', () => tampered(files().good, (j) => (j.payload.runs[1].spec.layers[0].activation = 'swish')), /payload\.runs\[1\]\.spec\.layers\[0\]\.activation: unknown activation/],
      ['an id that is not a uuid', () => tampered(files().good, (j) => (j.payload.runs[0].id = 'run-1')), /payload\.runs\[0\]\.id: must be a uuid/],
      ['the same id twice', () => tampered(files().good, (j) => (j.payload.runs[1].id = j.payload.runs[0].id)), /payload\.runs\[1\]\.id: repeats the id of an earlier run/],
      ['series of different lengths', () => tampered(files().good, (j) => j.payload.runs[0].steps.dataLoss.pop()), /payload\.runs\[0\]\.steps\.dataLoss: has 44 values, but step has 45/],
      ['a text where a number belongs', () => tampered(files().good, (j) => (j.payload.runs[0].steps.loss[17] = '0.5')), /payload\.runs\[0\]\.steps\.loss\[17\]: must be a number/],
      ['steps out of order', () => tampered(files().good, (j) => (j.payload.runs[0].evals.step[2] = 1)), /payload\.runs\[0\]\.evals\.step\[2\]: must be greater than the previous step/],
      ['an accuracy above 1', () => tampered(files().good, (j) => (j.payload.runs[0].evals.testAccuracy[1] = 1.5)), /payload\.runs\[0\]\.evals\.testAccuracy\[1\]: must be between 0 and 1/],
      ['an unknown status', () => tampered(files().good, (j) => (j.payload.runs[0].status = 'hacked')), /payload\.runs\[0\]\.status/],
      ['a name too long', () => tampered(files().good, (j) => (j.payload.runs[0].name = 'x'.repeat(201))), /payload\.runs\[0\]\.name: must have at most 200 characters/],
      ['notes too long', () => tampered(files().good, (j) => (j.payload.runs[0].notes = 'x'.repeat(20_001))), /payload\.runs\[0\]\.notes: must have at most 20000 characters/],
      ['an extra field', () => tampered(files().good, (j) => (j.payload.runs[0].extra = 1)), /payload\.runs\[0\]: unknown field "extra"/],
      ['an extra field in the header', () => tampered(files().good, (j) => (j.signedBy = 'teacher')), /unknown field "signedBy"/],
      ['a "__proto__" key', () => tampered(files().good, (j) => (j.payload.runs[0] = { ...j.payload.runs[0], ...JSON.parse('{"__proto__": {"status": "completed"}}') })), /payload\.runs\[0\] has a "__proto__" key/],
      ['a "constructor" key in diagnostics', () => tampered(files().good, (j) => (j.payload.runs[0].diagnostics[0].layers[0].constructor = { prototype: {} })), /payload\.runs\[0\]\.diagnostics\[0\]\.layers\[0\]: unknown field "constructor"/],
      ['a histogram with more exact zeros than values', () => tampered(files().good, (j) => (j.payload.runs[0].diagnostics[0].layers[0].activation.histogram.zeroCount = 1e9)), /activation\.histogram: zeroCount must not exceed the values counted/],
      ['weights of another network', () => tampered(files().good, (j) => (j.payload.runs[0].weights.layers = j.payload.runs[0].weights.layers.slice(0, 1))), /payload\.runs\[0\]\.weights: has 1 layers, but the run's spec has 2/],
      ['an end recorded for a queued run', () => tampered(files().good, (j) => (j.payload.runs[0].status = 'queued')), /payload\.runs\[0\]\.endRecorded: cannot be true for a run whose status is queued/],
      ['values nested 100,000 levels deep (the checksum\'s JSON.stringify would overflow the stack)', () => gzipSync(Buffer.from(`{"format":"nnlab-runs","payload":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)), /nested more than 64 levels deep/],
      ['a file larger than the compressed cap', () => files().good, /too large to import/, { maxCompressedBytes: 100 }],
      ['a file that unpacks past the cap (a zip bomb)', () => files().good, /unpacks to more than 0\.010 MB/, { maxDecompressedBytes: 10_000 }],
      ['an activation label the engine does not have', () => tampered(files().good, (j) => (j.payload.runs[0].diagnostics[0].layers[0].activationName = '\u001b]0;pwned\u0007')), /payload\.runs\[0\]\.diagnostics\[0\]\.layers\[0\]\.activationName: unknown activation \(expected one of sigmoid, tanh/],
      ['an activation label that is not its layer\'s', () => tampered(files().good, (j) => (j.payload.runs[0].diagnostics[3].layers[1].activationName = 'relu')), /payload\.runs\[0\]\.diagnostics\[3\]\.layers\[1\]\.activationName: is "relu", but layer 1 of the spec uses "softmax"/],
      ['diagnostics of a layer the spec lacks', () => tampered(files().good, (j) => (j.payload.runs[0].diagnostics[0].layers[1].layer = 7)), /payload\.runs\[0\]\.diagnostics\[0\]\.layers\[1\]\.layer: is 7, but the spec has 2 layers/],
      ['a dataset name the spec does not have', () => tampered(files().good, (j) => (j.payload.runs[0].dataset.name = 'spiral')), /payload\.runs\[0\]\.dataset\.name: is "spiral", but the spec's dataset is "circle"/],
    ];

    it.each(cases)('%s', (_name, makeFile, message, options) => {
      const path = join(tempDir(), 'teacher.sqlite');
      const target = openTemp({}, path);
      importRuns(target, files().failed);
      const before = dumpDatabase(path);
      let caught: unknown;
      try {
        importRuns(target, makeFile(), options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ImportError);
      expect((caught as Error).message).toMatch(message);
      expect(dumpDatabase(path)).toEqual(before);
      expect(({} as Record<string, unknown>).status).toBeUndefined();
    });

    it('accepts histograms without zeroCount (files written before histograms counted their exact zeros)', () => {
      const target = openTemp();
      const old = tampered(files().good, (j) => {
        for (const run of j.payload.runs) for (const snapshot of run.diagnostics) for (const layer of snapshot.layers) for (const part of [layer.activation, layer.preactivation, layer.weights]) delete part.histogram.zeroCount;
      });
      expect(importRuns(target, old).imported).toEqual([COMPLETED, STOPPED]);
    });

    it('accepts the unaltered file (the cases above fail for their own reason)', () => {
      const target = openTemp();
      expect(importRuns(target, tampered(files().good, () => {})).imported).toEqual([COMPLETED, STOPPED]);
    });
  });
});

describe('text and structure from a file', () => {
  it('removes control and bidi-override characters from names, tags, notes, messages and notebook answers (notes and answers keep their lines)', () => {
    const source = studentHistory();
    source.setNotebookEntry('backprop', 'answer:w6-needs', 'PLACEHOLDER');
    const file = tampered(exportRuns(source, [COMPLETED], { withNotebook: true }), (j) => {
      const run = j.payload.runs[0];
      run.name = 'He\u001b[2J\u001b[31m run \u202egnp.exe';
      run.tags = ['week\u00073', 'base\u2066line'];
      run.notes = 'first line\r\n\u001b[1Asecond line';
      run.message = 'done\u009b';
      j.payload.notebook[0].value = { text: 'answer\u001b[8m\nhidden?', list: ['\u202eevil'] };
    });
    const target = openTemp();
    importRuns(target, file);
    const run = target.getRun(COMPLETED);
    expect(run.name).toBe('He[2J[31m run gnp.exe');
    expect(run.tags).toEqual(['baseline', 'week3']);
    expect(run.notes).toBe('first line\n[1Asecond line');
    expect(run.message).toBe('done');
    expect(target.importedNotebooks('backprop')[0]!.entries['answer:w6-needs']).toEqual({ text: 'answer[8m\nhidden?', list: ['evil'] });
  });

  it('refuses 100 MB of `[{},{},…]` (101 KB of gzip; 5.4 GB and 72 s to parse before) on its bytes, before JSON.parse builds anything', () => {
    const containers = 33_000_000;
    const text = `{"format":"nnlab-runs","payload":[${'{},'.repeat(containers)}{}]}`;
    const file = gzipSync(Buffer.from(text), { level: 9 });
    expect(file.length).toBeLessThan(200_000);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    expect(() => importRuns(openTemp(), file)).toThrow(/this file is not one NN Lab exported, or it is damaged: its content has more than 2 million arrays and objects/);
    expect(performance.now() - started).toBeLessThan(20_000);
    // The text stays a Buffer (outside the heap) and is never parsed: the heap does not grow by the 33 million objects (~1.5 GB at least).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses 66 MB of `[0,0,0,…]` past the count of values a file may hold, and deep nesting, on the bytes', () => {
    const values = gzipSync(Buffer.from(`{"format":"nnlab-runs","payload":[${'0,'.repeat(33_000_000)}0]}`));
    expect(() => importRuns(openTemp(), values)).toThrow(/its content has more than 32 million values/);
    const deep = gzipSync(Buffer.from(`{"format":"nnlab-runs","payload":${'{"a":'.repeat(65)}1${'}'.repeat(65)}}`));
    expect(() => importRuns(openTemp(), deep)).toThrow(/nested more than 64 levels deep/);
  });
});
