import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HistoryError } from '../../../engine/history/history-error';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../engine/history/migrations';
import { ImportError, exportRuns, importRuns } from '../../../engine/history/run-file';
import type { RunHistory } from '../../../engine/history/run-history';
import { circleSpec, dumpDatabase, olderVersionCopy, openTemp, recordRun, tempDir } from './history-helpers';

/** The lab notebook: students' predictions and answers per lab sheet, kept beside the runs and carried by export files on request. */

const RUN = 'a1000000-0000-4000-8000-000000000001';
const PREDICTION = { choice: 'xavier-and-he', predictedAt: '2025-03-14T09:00:00.000Z' };

/** A history whose clock is `clock.now` (milliseconds), so entries get known times. */
function historyAt(clock: { now: number }, path?: string): RunHistory {
  return openTemp({ now: () => clock.now }, path);
}

function refusal(action: () => void): HistoryError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryError);
    return error as HistoryError;
  }
  throw new Error('the entry was accepted');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tampering tests write to arbitrary paths of the file
type AnyJson = Record<string, any>;

function tampered(file: Buffer, mutate: (json: AnyJson) => void): Buffer {
  const json = JSON.parse(gunzipSync(file).toString('utf8')) as AnyJson;
  mutate(json);
  json.payloadSha256 = createHash('sha256').update(JSON.stringify(json.payload)).digest('hex');
  return gzipSync(Buffer.from(JSON.stringify(json)));
}

describe('the notebook in the history', () => {
  it('keeps JSON values per sheet and key; a save replaces the value; an unknown sheet is empty', () => {
    const history = openTemp();
    expect(history.getNotebook('04-initialization')).toEqual({});
    history.setNotebookEntry('04-initialization', 'prediction:init-which-learns', PREDICTION);
    history.setNotebookEntry('04-initialization', 'answer:goal-of-init', '활성화 함수의 입력값이 너무 커지거나 작아지지 않게');
    history.setNotebookEntry('05-overfitting', 'answer:l1-vs-l2', { text: 'L1 leaves zeros', runIds: [RUN] });
    history.setNotebookEntry('04-initialization', 'answer:goal-of-init', 'changed my mind');
    history.setNotebookEntry('04-initialization', 'answer:cleared', null);
    expect(history.getNotebook('04-initialization')).toEqual({
      'answer:cleared': null,
      'answer:goal-of-init': 'changed my mind',
      'prediction:init-which-learns': PREDICTION,
    });
    expect(history.getNotebook('05-overfitting')).toEqual({ 'answer:l1-vs-l2': { text: 'L1 leaves zeros', runIds: [RUN] } });
  });

  it('stamps each save with the time, and lists every entry of every sheet', () => {
    const clock = { now: Date.parse('2025-03-14T09:00:00Z') };
    const history = historyAt(clock);
    history.setNotebookEntry('backprop', 'answer:w6-needs', 'h2');
    clock.now += 60_000;
    history.setNotebookEntry('03-vanishing-gradient', 'answer:ratio', '1/3000');
    expect(history.notebookEntries()).toEqual([
      { sheetId: '03-vanishing-gradient', key: 'answer:ratio', value: '1/3000', updatedAt: '2025-03-14T09:01:00.000Z' },
      { sheetId: 'backprop', key: 'answer:w6-needs', value: 'h2', updatedAt: '2025-03-14T09:00:00.000Z' },
    ]);
  });

  it('refuses malformed sheet ids and keys, values that are not plain JSON, and values over 20 KB — storing nothing', () => {
    const path = join(tempDir(), 'notebook.sqlite');
    const history = openTemp({}, path);
    const before = dumpDatabase(path);
    const cases: [() => void, RegExp][] = [
      [() => history.setNotebookEntry('', 'k', 1), /lab sheet id "" must be a lab sheet id/],
      [() => history.setNotebookEntry('../etc', 'k', 1), /lab sheet id "..\/etc"/],
      [() => history.setNotebookEntry('x'.repeat(65), 'k', 1), /lab sheet id/],
      [() => history.getNotebook('a b'), /lab sheet id "a b"/],
      [() => history.setNotebookEntry('backprop', '__proto__', 1), /notebook key "__proto__" must be a notebook key/],
      [() => history.setNotebookEntry('backprop', 'k'.repeat(129), 1), /notebook key/],
      [() => history.setNotebookEntry('backprop', 'k', undefined), /the value is undefined/],
      [() => history.setNotebookEntry('backprop', 'k', { score: Number.NaN }), /the value\.score is NaN: a notebook entry holds finite numbers only/],
      [() => history.setNotebookEntry('backprop', 'k', [new Date(0)]), /the value\[0\] is a Date/],
      [() => history.setNotebookEntry('backprop', 'k', new Map()), /is a Map/],
      [() => history.setNotebookEntry('backprop', 'k', () => 1), /is a function/],
      // 7,000 Hangul syllables are 21,000 bytes of UTF-8 (3 each), over 20 KB, though only 7,000 characters.
      [() => history.setNotebookEntry('backprop', 'k', '가'.repeat(7_000)), /the value is 21002 bytes as JSON; a notebook entry can hold at most 20480 bytes/],
      [() => history.setNotebookEntry('backprop', 'k', JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`)), /nested more than 32 levels/],
    ];
    for (const [action, message] of cases) {
      const error = refusal(action);
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toMatch(message);
    }
    expect(dumpDatabase(path)).toEqual(before);
    // Just under the limit is fine: 6,800 syllables are 20,402 bytes.
    history.setNotebookEntry('backprop', 'k', '가'.repeat(6_800));
    expect((history.getNotebook('backprop').k as string).length).toBe(6_800);
  });

  it('is not tied to runs: deleting a run keeps the answers', () => {
    const history = openTemp();
    recordRun(history, circleSpec({ training: { batchSize: 50, epochs: 1 } }), { id: RUN });
    history.setNotebookEntry('04-initialization', 'prediction:init-which-learns', { ...PREDICTION, runIds: [RUN] });
    expect(history.deleteRun(RUN)).toBe(true);
    expect(history.getNotebook('04-initialization')['prediction:init-which-learns']).toEqual({ ...PREDICTION, runIds: [RUN] });
  });

  it('upgrades a version-2 history in place: its runs are kept, and the notebook works', () => {
    const source = openTemp();
    const { id } = recordRun(source, circleSpec({ training: { batchSize: 50, epochs: 1 } }));
    const expected = source.getRun(id);
    const oldPath = join(tempDir(), 'version-2.sqlite');
    olderVersionCopy(source.path, oldPath, 2);

    const upgraded = openTemp({}, oldPath);
    expect(SCHEMA_VERSION).toBe(9);
    const db = new Database(oldPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all('lab_notebook')).toEqual(['sheet_id', 'key', 'value', 'updated_at']);
    db.close();
    // Steps recorded before their times were kept have none.
    const { elapsedMs: _times, ...untimedSteps } = expected.steps;
    expect(upgraded.getRun(id)).toEqual({ ...expected, steps: untimedSteps });
    upgraded.setNotebookEntry('backprop', 'answer:deeper', 'smaller');
    expect(upgraded.getNotebook('backprop')).toEqual({ 'answer:deeper': 'smaller' });
  });
});

describe('the notebook in export files', () => {
  /** A student's history: one run and three notebook entries saved at 09:00, 09:01 and 09:02. */
  function studentHistory(): RunHistory {
    const clock = { now: Date.parse('2025-03-14T09:00:00Z') };
    const history = historyAt(clock);
    // Without step times: a file of such runs keeps the older formats (2 and 3) that NN Lab before the times reads.
    recordRun(history, circleSpec({ training: { batchSize: 50, epochs: 1 } }), { id: RUN, withoutTimes: true });
    history.setNotebookEntry('04-initialization', 'prediction:init-which-learns', PREDICTION);
    clock.now += 60_000;
    history.setNotebookEntry('04-initialization', 'answer:xavier-relu', 'He keeps the spread');
    clock.now += 60_000;
    history.setNotebookEntry('05-overfitting', 'answer:l1-vs-l2', 'L1 makes zeros');
    return history;
  }

  const json = (file: Buffer) => JSON.parse(gunzipSync(file).toString('utf8')) as AnyJson;

  it('carries every entry only when asked (format 3); without, the file is format 2 as before', () => {
    const student = studentHistory();
    const plain = json(exportRuns(student, [RUN]));
    expect(plain.formatVersion).toBe(2);
    expect(Object.keys(plain.payload)).toEqual(['runs']);
    const withNotebook = json(exportRuns(student, [RUN], { withNotebook: true }));
    expect(withNotebook.formatVersion).toBe(3);
    expect(withNotebook.payload.notebook).toEqual([
      { sheetId: '04-initialization', key: 'answer:xavier-relu', value: 'He keeps the spread', updatedAt: '2025-03-14T09:01:00.000Z' },
      { sheetId: '04-initialization', key: 'prediction:init-which-learns', value: PREDICTION, updatedAt: '2025-03-14T09:00:00.000Z' },
      { sheetId: '05-overfitting', key: 'answer:l1-vs-l2', value: 'L1 makes zeros', updatedAt: '2025-03-14T09:02:00.000Z' },
    ]);
  });

  /** A student's file: the history above, with the student's name and a changed answer on sheet 04, saved at `at`. */
  function studentFile(name: string, at = '2025-03-14T09:03:00.000Z', answer = 'He keeps the spread'): Buffer {
    const student = studentHistory();
    const entries = student.notebookEntries().filter((e) => e.key !== 'answer:xavier-relu');
    entries.push({ sheetId: '04-initialization', key: 'answer:xavier-relu', value: answer, updatedAt: at }, { sheetId: '04-initialization', key: 'report:student-name', value: name, updatedAt: at });
    return tampered(exportRuns(student, [RUN], { withNotebook: true }), (j) => (j.payload.notebook = entries));
  }

  it("an import keeps the file's notebook apart, under the student it names: the importer's own answers, predictions and name are untouched", () => {
    const clock = { now: Date.parse('2025-03-14T08:00:00Z') };
    const teacher = historyAt(clock);
    teacher.setNotebookEntry('04-initialization', 'report:student-name', 'Teacher');
    teacher.setNotebookEntry('04-initialization', 'prediction:init-which-learns', { choice: 'all', predictedAt: '2025-03-14T08:00:00.000Z' });
    teacher.setNotebookEntry('04-initialization', 'answer:xavier-relu', 'my answer');
    const own = teacher.notebookEntries();

    const result = importRuns(teacher, studentFile('Kim Minji'));
    expect(result).toEqual({ imported: [RUN], skipped: [], notebook: { sourceId: 'name:kim minji', studentName: 'Kim Minji', merged: 4, kept: 0 } });
    expect(teacher.notebookEntries()).toEqual(own);
    const [kim, ...others] = teacher.importedNotebooks('04-initialization');
    expect(others).toEqual([]);
    expect(kim).toMatchObject({ sourceId: 'name:kim minji', studentName: 'Kim Minji', fileCreatedAt: expect.any(String) as string });
    expect(kim!.entries).toEqual({ 'answer:xavier-relu': 'He keeps the spread', 'prediction:init-which-learns': PREDICTION, 'report:student-name': 'Kim Minji' });
    expect(teacher.importedNotebooks('05-overfitting')[0]!.entries).toEqual({ 'answer:l1-vs-l2': 'L1 makes zeros' });
    expect(teacher.importedNotebooks('backprop')).toEqual([]);
  });

  it("a student's newer file updates that student's notebook only; another student's file is another source; the same file again changes nothing", () => {
    const teacher = openTemp();
    importRuns(teacher, studentFile('Kim Minji'));
    importRuns(teacher, studentFile('Lee Jun', '2025-03-14T09:05:00Z', 'Lee: variance stays'));
    expect(importRuns(teacher, studentFile('kim minji', '2025-03-14T09:10:00Z', 'Kim, later: He keeps the variance')).notebook).toEqual({
      sourceId: 'name:kim minji',
      studentName: 'kim minji',
      merged: 2,
      kept: 2,
    });
    const notebooks = teacher.importedNotebooks('04-initialization');
    expect(notebooks.map((n) => [n.studentName, n.entries['answer:xavier-relu']])).toEqual([
      ['kim minji', 'Kim, later: He keeps the variance'],
      ['Lee Jun', 'Lee: variance stays'],
    ]);
    expect(importRuns(teacher, studentFile('Lee Jun', '2025-03-14T09:05:00Z', 'Lee: variance stays')).notebook).toMatchObject({ merged: 0, kept: 4 });
    expect(teacher.notebookEntries()).toEqual([]);
  });

  it('a file whose notebook names no student is its own source', () => {
    const teacher = openTemp();
    const file = exportRuns(studentHistory(), [RUN], { withNotebook: true });
    const json = JSON.parse(gunzipSync(file).toString('utf8')) as AnyJson;
    expect(importRuns(teacher, file).notebook).toEqual({ sourceId: `file:${(json.payloadSha256 as string).slice(0, 16)}`, studentName: null, merged: 3, kept: 0 });
    expect(teacher.importedNotebooks('04-initialization')[0]!.studentName).toBeNull();
  });

  it('refuses times in the future (an entry stamped 9999-12-31 would win over every later one), allowing a day of clock skew', () => {
    const now = Date.parse('2025-03-14T12:00:00Z');
    const good = exportRuns(studentHistory(), [RUN], { withNotebook: true, now: () => now });
    const cases: [string, Buffer, RegExp][] = [
      ['an entry from 9999', tampered(good, (j) => (j.payload.notebook[1].updatedAt = '9999-12-31T00:00:00.000Z')), /payload\.notebook\[1\]\.updatedAt: is 9999-12-31T00:00:00\.000Z, in the future/],
      ['a file made next week', tampered(good, (j) => (j.createdAt = '2025-03-21T12:00:00.000Z')), /createdAt: is 2025-03-21T12:00:00\.000Z, in the future/],
      ['a run created next year', tampered(good, (j) => (j.payload.runs[0].createdAt = '2026-03-14T12:00:00.000Z')), /payload\.runs\[0\]\.createdAt: is 2026-03-14T12:00:00\.000Z, in the future/],
    ];
    for (const [name, file, message] of cases) {
      const target = openTemp();
      expect(() => importRuns(target, file, { now: () => now }), name).toThrow(message);
      expect(target.listRuns(), name).toEqual([]);
      expect(target.importedNotebooks('04-initialization'), name).toEqual([]);
    }
    const skewed = tampered(good, (j) => (j.payload.notebook[1].updatedAt = '2025-03-15T06:00:00.000Z'));
    expect(importRuns(openTemp(), skewed, { now: () => now }).notebook).toMatchObject({ merged: 3 });
  });

  it('an import told not to take the notebook (a teacher collecting students’ files) leaves it alone', () => {
    const file = exportRuns(studentHistory(), [RUN], { withNotebook: true });
    const teacher = openTemp();
    expect(importRuns(teacher, file, { withNotebook: false })).toEqual({ imported: [RUN], skipped: [] });
    expect(teacher.notebookEntries()).toEqual([]);
    expect(teacher.importedNotebooks('04-initialization')).toEqual([]);
  });

  it('refuses a file with a malformed notebook, naming the entry, and changes nothing', () => {
    const good = exportRuns(studentHistory(), [RUN], { withNotebook: true });
    const cases: [string, Buffer, RegExp][] = [
      ['a bad key', tampered(good, (j) => (j.payload.notebook[0].key = 'has spaces')), /payload\.notebook\[0\]\.key: must be a notebook key/],
      ['a bad sheet id', tampered(good, (j) => (j.payload.notebook[1].sheetId = '')), /payload\.notebook\[1\]\.sheetId: must be a lab sheet id/],
      ['a value over 20 KB', tampered(good, (j) => (j.payload.notebook[2].value = 'x'.repeat(21_000))), /payload\.notebook\[2\]\.value: the value is 21002 bytes as JSON/],
      ['no time', tampered(good, (j) => delete j.payload.notebook[0].updatedAt), /payload\.notebook\[0\]\.updatedAt/],
      ['a time that is not one', tampered(good, (j) => (j.payload.notebook[0].updatedAt = 'yesterday')), /payload\.notebook\[0\]\.updatedAt: must be an ISO 8601 UTC timestamp/],
      ['an extra field', tampered(good, (j) => (j.payload.notebook[0].author = 'me')), /payload\.notebook\[0\]: unknown field "author"/],
      ['the same entry twice', tampered(good, (j) => j.payload.notebook.push({ ...j.payload.notebook[0] })), /payload\.notebook\[3\]: repeats the entry "answer:xavier-relu" of sheet "04-initialization"/],
      ['a notebook in a format-2 file', tampered(good, (j) => (j.formatVersion = 2)), /payload\.notebook: appears in a runs file of format 2; notebooks came with format 3/],
    ];
    for (const [name, file, message] of cases) {
      const path = join(tempDir(), 'teacher.sqlite');
      const target = openTemp({}, path);
      target.setNotebookEntry('backprop', 'answer:w6-needs', 'mine');
      const before = dumpDatabase(path);
      let caught: unknown;
      try {
        importRuns(target, file);
      } catch (error) {
        caught = error;
      }
      expect(caught, name).toBeInstanceOf(ImportError);
      expect((caught as Error).message, name).toMatch(message);
      expect(dumpDatabase(path), name).toEqual(before);
    }
  });
});

describe('__proto__ keys in notebook values', () => {
  const RUN_ID = RUN;
  function fileWithValue(valueText: string): Buffer {
    const student = openTemp();
    recordRun(student, circleSpec({ training: { batchSize: 50, epochs: 1 } }), { id: RUN_ID });
    student.setNotebookEntry('backprop', 'answer:w6-needs', 'PLACEHOLDER');
    const json = JSON.parse(gunzipSync(exportRuns(student, [RUN_ID], { withNotebook: true })).toString('utf8')) as AnyJson;
    // The hostile value goes in as raw text, so the file says exactly what an attacker would write; the checksum matches it.
    const payloadText = JSON.stringify(json.payload).replace('"PLACEHOLDER"', valueText);
    json.payloadSha256 = createHash('sha256').update(JSON.stringify(JSON.parse(payloadText))).digest('hex');
    const header = JSON.stringify({ ...json, payload: undefined }).slice(0, -1);
    return gzipSync(Buffer.from(`${header},"payload":${payloadText}}`));
  }

  it('refuses a file whose notebook value has its own __proto__ key, written plainly or as \\u005f_proto__, naming where', () => {
    for (const valueText of ['{"choice":"a","__proto__":{"polluted":true}}', '{"choice":"a","\\u005f_proto__":{"polluted":true}}']) {
      const teacher = openTemp();
      expect(() => importRuns(teacher, fileWithValue(valueText)), valueText).toThrow(/payload\.notebook\[0\]\.value has a "__proto__" key/);
      expect(teacher.listRuns()).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('refuses to store such a value, and a sheet with one stored by an earlier version still loads (without it; the row is kept)', () => {
    const path = join(tempDir(), 'proto.sqlite');
    const history = openTemp({}, path);
    const hostile = JSON.parse('{"choice":"a","\\u005f_proto__":{"polluted":true}}') as unknown;
    expect(refusal(() => history.setNotebookEntry('backprop', 'answer:x', hostile)).message).toMatch(/the value has a "__proto__" key/);
    history.setNotebookEntry('backprop', 'answer:fine', 'kept');
    history.close();
    const db = new Database(path);
    db.prepare('INSERT INTO lab_notebook (sheet_id, key, value, updated_at) VALUES (?, ?, ?, ?)').run('backprop', 'answer:old', '{"__proto__":{"x":1}}', '2025-03-14T09:00:00.000Z');
    db.close();
    const reopened = openTemp({}, path);
    expect(reopened.getNotebook('backprop')).toEqual({ 'answer:fine': 'kept' });
    expect(dumpDatabase(path).lab_notebook).toHaveLength(2);
  });
});

describe('the imported notebooks in an older history', () => {
  it('upgrades a version-3 history in place: its own notebook is kept as it was, and imported notebooks have their tables', () => {
    const oldPath = join(tempDir(), 'version-3.sqlite');
    const old = new Database(oldPath);
    old.pragma('journal_mode = WAL');
    for (const migration of MIGRATIONS.slice(0, 3)) old.exec(migration);
    old.pragma('user_version = 3');
    old.prepare('INSERT INTO lab_notebook (sheet_id, key, value, updated_at) VALUES (?, ?, ?, ?)').run('backprop', 'answer:deeper', '"smaller"', '2025-03-14T09:00:00.000Z');
    old.close();
    const upgraded = openTemp({}, oldPath);
    expect(upgraded.notebookEntries()).toEqual([{ sheetId: 'backprop', key: 'answer:deeper', value: 'smaller', updatedAt: '2025-03-14T09:00:00.000Z' }]);
    expect(upgraded.importedNotebooks('backprop')).toEqual([]);
    const db = new Database(oldPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all('imported_notebook')).toEqual(['source_id', 'sheet_id', 'key', 'value', 'updated_at']);
    db.close();
  });
});
