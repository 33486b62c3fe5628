import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HistoryError } from '../../../engine/history/history-error';
import { SCHEMA_VERSION } from '../../../engine/history/migrations';
import { openHistory } from '../../../engine/history/run-history';
import { eventsOf } from '../train/run-helpers';
import { circleSpec, olderVersionCopy, openTemp, recordRun, tempDir, withoutStepTimes } from './history-helpers';

function refusal(path: string): HistoryError {
  try {
    openHistory(path, { instanceId: 'test' }).close();
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryError);
    return error as HistoryError;
  }
  throw new Error('the database was opened');
}

describe('opening the history', () => {
  it('creates the file and its folders and applies every migration: WAL, foreign keys, the tables', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'history.sqlite');
    const history = openTemp({}, path);
    expect(existsSync(path)).toBe(true);
    history.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['class_run_facts', 'diagnostics', 'evals', 'imported_notebook', 'lab_notebook', 'network_snapshots', 'notebook_sources', 'packs', 'run_tags', 'runs', 'settings', 'steps', 'weights']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('reopens an existing history with its runs, without migrating again', () => {
    const path = join(tempDir(), 'history.sqlite');
    const first = openHistory(path, { instanceId: 'a' });
    const { id } = recordRun(first, circleSpec({ training: { batchSize: 50, epochs: 1 } }));
    const before = first.getRun(id);
    first.close();
    const second = openHistory(path, { instanceId: 'b' });
    expect(second.getRun(id)).toEqual(before);
    expect(second.listRuns().map((r) => r.id)).toEqual([id]);
    second.close();
  });

  it('upgrades a version-1 history (before network snapshots) in place, keeping its runs, and records snapshots after', () => {
    // A run recorded by the current code, copied row by row into a database that has only migration 1.
    const source = openTemp();
    const { id, events } = recordRun(source, circleSpec({ training: { batchSize: 50, epochs: 2 } }));
    source.setTags(id, ['week 1']);
    expect(eventsOf(events, 'network').length).toBeGreaterThan(0);
    const oldPath = join(tempDir(), 'version-1.sqlite');
    olderVersionCopy(source.path, oldPath, 1);
    const expected = source.getRun(id);
    const expectedEvents = source.recordedEvents(id);
    source.close();

    const upgraded = openTemp({}, oldPath);
    const db = new Database(oldPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'network_snapshots'").pluck().get()).toBe(1);
    expect(db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all('evals')).toEqual([
      'run_id', 'step', 'epoch', 'train_loss', 'train_accuracy', 'test_loss', 'test_accuracy', 'confusion', 'samples',
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // Everything recorded before is kept; it simply has no network snapshots, no evaluation extras and no step times.
    const { elapsedMs: _times, ...untimedSteps } = expected.steps;
    expect(upgraded.getRun(id)).toEqual({ ...expected, steps: untimedSteps, networkSteps: [] });
    expect(upgraded.getNetworkSnapshot(id, 1_000)).toBeNull();
    const withoutExtras = withoutStepTimes(expectedEvents)
      .filter((e) => e.type !== 'network')
      .map((e) => {
        if (e.type !== 'eval') return e;
        const { confusion: _c, samples: _s, ...rest } = e;
        return rest;
      });
    expect(upgraded.recordedEvents(id)).toEqual(withoutExtras);
    // A run recorded after the upgrade keeps its snapshots and extras.
    const after = recordRun(upgraded, circleSpec({ training: { batchSize: 50, epochs: 1 } }));
    expect(upgraded.recordedEvents(after.id)).toEqual(after.events);
    expect(upgraded.getRun(after.id).networkSteps).toEqual(eventsOf(after.events, 'network').map((e) => e.step));
  });

  it('refuses a database written by a newer NN Lab and leaves the file byte-identical', () => {
    const path = join(tempDir(), 'newer.sqlite');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE runs (id TEXT PRIMARY KEY, future_column TEXT)');
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const bytes = readFileSync(path);
    const error = refusal(path);
    expect(error.code).toBe('newer-version');
    expect(error.message).toMatch(new RegExp(`newer NN Lab.*schema version ${SCHEMA_VERSION + 1}.*reads up to ${SCHEMA_VERSION}`));
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses a newer database whose -wal holds changes not yet in the file, leaving both byte-identical (no checkpoint, no cleanup)', () => {
    const dir = tempDir();
    const live = join(dir, 'live.sqlite');
    const writer = new Database(live);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec("CREATE TABLE runs (id TEXT PRIMARY KEY); INSERT INTO runs VALUES ('written by NN Lab 9')");
    writer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    // Copied while the writer is open: a file and a -wal as a crash or a copy leaves them.
    const path = join(dir, 'newer.sqlite');
    copyFileSync(live, path);
    copyFileSync(`${live}-wal`, `${path}-wal`);
    writer.close();
    const bytes = readFileSync(path);
    const wal = readFileSync(`${path}-wal`);
    expect(wal.length).toBeGreaterThan(0);
    const error = refusal(path);
    expect(error.code).toBe('newer-version');
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readFileSync(`${path}-wal`).equals(wal)).toBe(true);
  });

  it('refuses a file that is not a database ("corrupt") and leaves it as it was', () => {
    const path = join(tempDir(), 'garbage.sqlite');
    const garbage = Buffer.from('this is a lab report, not a database\n'.repeat(200));
    writeFileSync(path, garbage);
    const error = refusal(path);
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(path);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it("refuses another program's SQLite database instead of adding tables to it", () => {
    const path = join(tempDir(), 'other.sqlite');
    const db = new Database(path);
    db.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('kimchi')");
    db.close();
    const bytes = readFileSync(path);
    const error = refusal(path);
    expect(error.code).toBe('unknown-database');
    expect(error.message).toContain('recipes');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('answers "locked" when another process holds the write lock past the busy timeout', () => {
    const path = join(tempDir(), 'history.sqlite');
    const history = openTemp({ busyTimeoutMs: 50 }, path);
    const { id } = recordRun(history, circleSpec({ training: { batchSize: 50, epochs: 1 } }), { weights: false });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(() => history.rename(id, 'renamed while locked')).toThrow(expect.objectContaining({ code: 'locked' }));
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    history.rename(id, 'renamed after');
    expect(history.getRun(id).name).toBe('renamed after');
  });
});
