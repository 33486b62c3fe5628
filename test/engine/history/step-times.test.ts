import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { StepEvent } from '../../../engine/api/events';
import { SCHEMA_VERSION } from '../../../engine/history/migrations';
import { ImportError, exportRuns, importRuns } from '../../../engine/history/run-file';
import { readLabFile } from '../../../engine/history/lab-file';
import { createPack, makeHandIn, openPack, storeLabFile } from '../../../engine/service/class-files';
import { eventsOf } from '../train/run-helpers';
import { circleSpec, dumpDatabase, olderVersionCopy, openTemp, recordRun, tempDir, trainRun, withoutStepTimes } from './history-helpers';

/**
 * Issue 16: every step's training time (StepEvent.elapsedMs) is kept with its metrics (migration
 * 9), carried by export files and hand-ins, and checked when they come in; runs from before keep
 * working without times.
 */

const timesOf = (events: readonly unknown[]) => eventsOf(events as never, 'step').map((e: StepEvent) => e.elapsedMs!);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tampering tests write to arbitrary paths of the file
type AnyJson = Record<string, any>;

/** The export file's JSON changed by `mutate`, packed again with a matching checksum. */
function tampered(file: Buffer, mutate: (json: AnyJson) => void): Buffer {
  const json = JSON.parse(gunzipSync(file).toString('utf8')) as AnyJson;
  mutate(json);
  json.payloadSha256 = createHash('sha256').update(JSON.stringify(json.payload)).digest('hex');
  return gzipSync(Buffer.from(JSON.stringify(json)));
}

describe('step times in the history', () => {
  it('a new run stores every step’s time and gives back exactly the numbers emitted, in its series and its replay', () => {
    const history = openTemp();
    const { id, events } = recordRun(history, circleSpec({ training: { batchSize: 50, epochs: 2 } }));
    const emitted = timesOf(events);
    expect(emitted.length).toBeGreaterThan(0);
    expect(history.getRun(id).steps.elapsedMs).toEqual(emitted);
    expect(history.recordedEvents(id)).toEqual(events);
    const db = new Database(history.path, { readonly: true });
    // Whole microseconds: an INTEGER of a few bytes, not an 8-byte REAL.
    expect(db.prepare("SELECT DISTINCT typeof(elapsed_us) FROM steps WHERE run_id = ?").pluck().all(id)).toEqual(['integer']);
    db.close();
  });

  it(`migrating a version-${SCHEMA_VERSION - 1} history keeps its old run working without times; runs recorded after have them`, () => {
    const source = openTemp();
    const old = recordRun(source, circleSpec({ training: { batchSize: 50, epochs: 2 } }), { withoutTimes: true });
    const expected = source.getRun(old.id);
    const oldPath = join(tempDir(), `version-${SCHEMA_VERSION - 1}.sqlite`);
    olderVersionCopy(source.path, oldPath, SCHEMA_VERSION - 1);
    source.close();
    const before = new Database(oldPath, { readonly: true });
    expect(before.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('steps')).not.toContain('elapsed_us');
    before.close();

    const upgraded = openTemp({}, oldPath);
    const db = new Database(oldPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all('steps')).toEqual(['run_id', 'step', 'epoch', 'loss', 'data_loss', 'elapsed_us']);
    expect(db.prepare('SELECT count(*) FROM steps WHERE elapsed_us IS NOT NULL').pluck().get()).toBe(0);
    db.close();
    // The old run reads as before: no times (so its time axis is the labelled estimate), the same numbers, the same replay.
    expect(upgraded.getRun(old.id)).toEqual(expected);
    expect(upgraded.getRun(old.id).steps.elapsedMs).toBeUndefined();
    expect(upgraded.recordedEvents(old.id)).toEqual(old.events);
    // A run recorded after the upgrade keeps its times.
    const fresh = recordRun(upgraded, circleSpec({ training: { batchSize: 50, epochs: 1 } }));
    expect(upgraded.getRun(fresh.id).steps.elapsedMs).toEqual(timesOf(fresh.events));
  });

  it('the writer refuses a step whose time is negative, not finite or beyond 30 days, storing nothing of the batch', () => {
    const history = openTemp();
    const id = randomUUID();
    const { spec, events } = trainRun(circleSpec(), id);
    history.createRun({ id, spec, status: 'queued' });
    history.recordEvents(id, events.slice(0, 2));
    const step = eventsOf(events, 'step')[0]!;
    for (const [elapsedMs, problem] of [
      [-1, 'must be 0 or more'],
      [Number.NaN, 'must be a finite number of milliseconds'],
      [31 * 24 * 3600 * 1000, 'must be at most 2592000000 ms (30 days)'],
    ] as const) {
      expect(() => history.recordEvents(id, [{ ...step, elapsedMs }])).toThrow(
        expect.objectContaining({ code: 'invalid-event', message: `step 0: elapsedMs is ${elapsedMs}, which cannot be stored: it ${problem}` }),
      );
    }
    expect(history.getRun(id).steps.step).toEqual([]);
  });
});

describe('step times in export files and hand-ins', () => {
  it('an export carries them (format 4) and an import keeps them; a file without them (format 2) still imports, without times', () => {
    const student = openTemp();
    const timed = recordRun(student, circleSpec({ training: { batchSize: 50, epochs: 2 } }));
    const untimed = recordRun(student, circleSpec({ seed: 3, training: { batchSize: 50, epochs: 1 } }), { withoutTimes: true });

    const file = exportRuns(student, [timed.id]);
    const json = JSON.parse(gunzipSync(file).toString('utf8')) as AnyJson;
    expect(json.formatVersion).toBe(4);
    expect(json.payload.runs[0].steps.elapsedMs).toEqual(timesOf(timed.events));
    const oldStyle = exportRuns(student, [untimed.id]);
    const oldJson = JSON.parse(gunzipSync(oldStyle).toString('utf8')) as AnyJson;
    expect(oldJson.formatVersion).toBe(2);
    expect(Object.keys(oldJson.payload.runs[0].steps)).toEqual(['step', 'epoch', 'loss', 'dataLoss']);

    const teacher = openTemp();
    expect(importRuns(teacher, file).imported).toEqual([timed.id]);
    expect(importRuns(teacher, oldStyle).imported).toEqual([untimed.id]);
    expect(teacher.getRun(timed.id).steps.elapsedMs).toEqual(timesOf(timed.events));
    expect(teacher.recordedEvents(timed.id)).toEqual(timed.events);
    expect(teacher.getRun(untimed.id).steps.elapsedMs).toBeUndefined();
    expect(teacher.recordedEvents(untimed.id)).toEqual(withoutStepTimes(untimed.events));
  });

  it('refuses times that are not times with one clear message naming the step, and stores nothing', () => {
    const student = openTemp();
    recordRun(student, circleSpec({ training: { batchSize: 50, epochs: 2 } }));
    const good = exportRuns(student, student.listRuns().map((r) => r.id));
    const teacher = openTemp();
    const before = dumpDatabase(teacher.path);
    const cases: [string, (steps: AnyJson) => void, string][] = [
      ['a negative time', (s) => (s.elapsedMs[0] = -5), 'payload.runs[0].steps.elapsedMs[0]: must be 0 or more'],
      ['a time that goes back', (s) => (s.elapsedMs[4] = s.elapsedMs[3] - 1), 'payload.runs[0].steps.elapsedMs[4]: must not be less than the previous step'],
      ['a text', (s) => (s.elapsedMs[2] = '12'), 'payload.runs[0].steps.elapsedMs[2]: must be a finite number of milliseconds'],
      ['null (what JSON makes of NaN)', (s) => (s.elapsedMs[1] = null), 'payload.runs[0].steps.elapsedMs[1]: must be a finite number of milliseconds'],
      ['a year', (s) => (s.elapsedMs[s.elapsedMs.length - 1] = 365 * 24 * 3600 * 1000), 'must be at most 2592000000 ms (30 days)'],
      ['one time too few', (s) => s.elapsedMs.pop(), 'payload.runs[0].steps.elapsedMs: has 5 values, but step has 6'],
      ['not a list', (s) => (s.elapsedMs = 12), 'payload.runs[0].steps.elapsedMs: must be an array'],
    ];
    for (const [what, mutate, message] of cases) {
      let error: unknown = null;
      try {
        importRuns(teacher, tampered(good, (j) => mutate(j.payload.runs[0].steps)));
      } catch (thrown) {
        error = thrown;
      }
      expect(error, what).toBeInstanceOf(ImportError);
      expect((error as Error).message, what).toContain(message);
      expect((error as Error).message.split('\n'), what).toHaveLength(1);
    }
    expect(dumpDatabase(teacher.path)).toEqual(before);
  });

  it('a hand-in carries its runs’ times (hand-in format 2), and the teacher’s class shows them', () => {
    const { data: packFile } = createPack({ title: 'Lab 4', className: 'DL', teacher: 'Kim', sheets: ['04-initialization'], presets: [], specs: [circleSpec()] });
    const student = openTemp({}, join(tempDir(), 'student.sqlite'));
    const { id: packId } = openPack(student, packFile);
    student.setStudent({ name: 'Lee', number: '2025001' });
    const runId = randomUUID();
    const { spec, events } = trainRun(circleSpec({ training: { batchSize: 10, epochs: 1 } }), runId);
    student.createRun({ id: runId, spec, status: 'queued', author: student.getStudent(), packId });
    student.recordEvents(runId, events);
    const handIn = makeHandIn(student, packId, undefined).data;
    expect((JSON.parse(gunzipSync(handIn).toString('utf8')) as AnyJson).formatVersion).toBe(2);

    const teacher = openTemp({}, join(tempDir(), 'teacher.sqlite'));
    storeLabFile(teacher, readLabFile(handIn));
    expect(teacher.getRun(runId).steps.elapsedMs).toEqual(timesOf(events));
  });
});
