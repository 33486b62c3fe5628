import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSettingCorruptAside } from '../../../engine/history/corrupt-set-aside';
import { HistoryError } from '../../../engine/history/history-error';
import { SCHEMA_VERSION } from '../../../engine/history/migrations';
import { exportRuns, importRuns } from '../../../engine/history/run-file';
import { openHistory } from '../../../engine/history/run-history';
import { holdWriteLock } from './fault-injection';
import { circleSpec, dumpDatabase, olderVersionCopy, openTemp, recordRun, tempDir, trainRun } from './history-helpers';

const LOCKED_MESSAGE = /is busy: another program \(another NN Lab window, an nnlab command, a backup or sync tool\) kept it locked longer than NN Lab waits; nothing was changed — wait until that program finishes or close it, then try again/;

function thrown(operation: () => unknown): HistoryError {
  try {
    operation();
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryError);
    return error as HistoryError;
  }
  throw new Error('the operation went through');
}

/** Another connection that holds the write lock until released (SQLite treats it like another program). */
function otherWriter(path: string): { release: () => void } {
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  return {
    release: () => {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

describe('a locked history', () => {
  it('waits for a brief lock held by another process (busy timeout): the write goes through and both programs\' writes are kept', async () => {
    const history = openTemp();
    const { id } = recordRun(history, circleSpec({ training: { batchSize: 50, epochs: 1 } }), { weights: false });
    const { released } = await holdWriteLock(history.path, 300, `UPDATE runs SET notes = 'written by the other program' WHERE id = '${id}'`);
    // Blocks in SQLite's busy handler until the other process commits, well within the 5 s default.
    history.rename(id, 'renamed while the other program wrote');
    await released;
    expect(history.getRun(id)).toMatchObject({ name: 'renamed while the other program wrote', notes: 'written by the other program' });
  });

  it('waits for the lock before a batch of events and before tags, whose transactions read before they write (issue 13: SQLite refuses such an upgrade at once)', async () => {
    const history = openTemp();
    const id = randomUUID();
    const { spec, events } = trainRun(circleSpec({ training: { batchSize: 50, epochs: 1 } }), id);
    history.createRun({ id, spec, status: 'queued' });
    history.recordEvents(id, events.slice(0, 2));
    // The other program commits after our reads began would make an upgrade fail (SQLITE_BUSY_SNAPSHOT); it must wait instead.
    const first = await holdWriteLock(history.path, 300, `UPDATE runs SET notes = 'written by the other program' WHERE id = '${id}'`);
    history.recordEvents(id, events.slice(2));
    await first.released;
    const second = await holdWriteLock(history.path, 300);
    history.setTags(id, ['lab 1']);
    await second.released;
    const third = await holdWriteLock(history.path, 300);
    history.addTag(id, 'lab 2');
    await third.released;
    const run = history.getRun(id);
    expect(run).toMatchObject({ status: 'completed', notes: 'written by the other program', tags: ['lab 1', 'lab 2'] });
    expect(run.steps.step).toEqual(events.filter((e) => e.type === 'step').map((e) => (e as { step: number }).step));
  });

  it("answers 'locked' naming the file and what to do when the lock outlasts the busy timeout; nothing stored is lost", () => {
    const history = openTemp({ busyTimeoutMs: 50 });
    const { id } = recordRun(history, circleSpec({ training: { batchSize: 50, epochs: 1 } }));
    const before = dumpDatabase(history.path);
    const file = exportRuns(history, [id]);
    const lock = otherWriter(history.path);
    try {
      const error = thrown(() => history.setNotes(id, 'written while locked'));
      expect(error.code).toBe('locked');
      expect(error.message).toContain(`"${history.path}"`);
      expect(error.message).toMatch(LOCKED_MESSAGE);
      // Reads go on (WAL: readers never wait for a writer).
      expect(history.getRun(id).notes).toBe('');
      expect(thrown(() => history.deleteRun(id)).code).toBe('locked');
    } finally {
      lock.release();
    }
    expect(dumpDatabase(history.path)).toEqual(before);
    // The import of a file that was exported before: skipped as already present, once the lock is gone.
    expect(importRuns(history, file).skipped.map((s) => s.id)).toEqual([id]);
    history.setNotes(id, 'written after');
    expect(history.getRun(id).notes).toBe('written after');
  });

  it("refuses to open a history whose upgrade would wait past the busy timeout ('locked'), changes nothing and takes no backup; it opens once the lock is gone", () => {
    const source = openTemp();
    const { id } = recordRun(source, circleSpec({ training: { batchSize: 50, epochs: 1 } }));
    source.close();
    const path = join(tempDir(), 'history.sqlite');
    olderVersionCopy(source.path, path, SCHEMA_VERSION - 1);
    const before = dumpDatabase(path);
    const lock = otherWriter(path);
    try {
      const error = thrown(() => openHistory(path, { instanceId: 'app', busyTimeoutMs: 50 }));
      expect(error.code).toBe('locked');
      expect(error.message).toContain(`"${path}"`);
      expect(error.message).toMatch(LOCKED_MESSAGE);
      // The app does not take a locked history for a damaged one.
      expect(thrown(() => openSettingCorruptAside(path, (p) => openHistory(p, { instanceId: 'app', busyTimeoutMs: 50 }))).code).toBe('locked');
    } finally {
      lock.release();
    }
    expect(dumpDatabase(path)).toEqual(before);
    expect(readdirSync(dirname(path)).filter((name) => name.endsWith('.bak'))).toEqual([]);
    const history = openTemp({}, path);
    expect(history.getRun(id).id).toBe(id);
    expect(history.notices.map((n) => n.code)).toEqual(['backup-before-upgrade']);
  });

  it('opens an up-to-date history while another program writes to it (nothing to wait for at open)', () => {
    const first = openTemp();
    const { id } = recordRun(first, circleSpec({ training: { batchSize: 50, epochs: 1 } }));
    const lock = otherWriter(first.path);
    try {
      const second = openTemp({ instanceId: 'second', busyTimeoutMs: 50 }, first.path);
      expect(second.readOnlyReason).toBeNull();
      expect(second.getRun(id).id).toBe(id);
    } finally {
      lock.release();
    }
  });
});
