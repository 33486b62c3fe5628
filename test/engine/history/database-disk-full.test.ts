import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/history/database';
import { HistoryError } from '../../../engine/history/history-error';
import { exportRuns, importRuns } from '../../../engine/history/run-file';
import { RunHistory, openHistory } from '../../../engine/history/run-history';
import { exportWeights } from '../../../engine/train/export-weights';
import { fillDisk, smallDisk } from './fault-injection';
import { afterThisTest, circleSpec, dumpDatabase, openTemp, recordRun, trainRun } from './history-helpers';

const FULL_MESSAGE =
  /^the disk holding the run history ".+" is full \(database or disk is full\): the last change was not saved, everything saved before it is kept — free some space \(delete old runs or other files\), then try again$/;

function thrown(operation: () => unknown): HistoryError {
  try {
    operation();
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryError);
    return error as HistoryError;
  }
  throw new Error('the operation went through');
}

/**
 * The history at `path`, on a "disk" with no room left: SQLite's max_page_count caps the file at
 * its present size, so the next write that needs a new page fails with SQLITE_FULL, as on a full
 * disk. `freeSpace` lifts the cap.
 */
function onFullDisk(path: string): { history: RunHistory; freeSpace: () => void } {
  const opened = openDatabase(path);
  const pages = opened.db.pragma('page_count', { simple: true }) as number;
  opened.db.pragma(`max_page_count = ${pages}`);
  const history = new RunHistory(opened, path, { instanceId: 'app' });
  afterThisTest(() => history.close());
  return { history, freeSpace: () => opened.db.pragma('max_page_count = 4294967294') };
}

describe('a full disk', () => {
  it("refuses the write that does not fit ('disk-full', naming the file), keeps everything stored before, and the history goes on being read", () => {
    const seeded = openTemp({ instanceId: 'before' });
    const { id: kept } = recordRun(seeded, circleSpec({ training: { batchSize: 50, epochs: 2 } }));
    const keptRun = seeded.getRun(kept);
    seeded.close();
    const before = dumpDatabase(seeded.path);

    const { history } = onFullDisk(seeded.path);
    // A new run's events are far bigger than the room left.
    const id = randomUUID();
    const { spec, events, trainer } = trainRun(circleSpec({ seed: 4, training: { batchSize: 10, epochs: 6 } }), id);
    const error = thrown(() => {
      history.createRun({ id, spec, status: 'queued' });
      for (let i = 0; i < events.length; i += 16) history.recordEvents(id, events.slice(i, i + 16));
      history.saveWeights(id, exportWeights(trainer.network));
    });
    expect(error.code).toBe('disk-full');
    expect(error.message).toMatch(FULL_MESSAGE);
    expect(error.message).toContain(`"${seeded.path}"`);

    // What was stored before is all there, and readable.
    expect(history.getRun(kept)).toEqual(keptRun);
    expect(history.listRuns().map((r) => r.id)).toContain(kept);
    const after = dumpDatabase(seeded.path);
    for (const table of ['steps', 'evals', 'diagnostics', 'weights']) {
      expect(after[table]!.filter((row) => (row as { run_id: string }).run_id === kept)).toEqual(before[table]);
    }
    const db = new Database(seeded.path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuses an import that does not fit as a whole: not one of its runs is stored; once space is freed, it goes through', () => {
    const source = openTemp({ instanceId: 'student' });
    const ids = [1, 2].map((seed) => recordRun(source, circleSpec({ seed, training: { batchSize: 10, epochs: 4 } })).id);
    const file = exportRuns(source, ids);
    const target = openTemp({ instanceId: 'teacher' });
    const { id: own } = recordRun(target, circleSpec({ training: { batchSize: 50, epochs: 1 } }));
    target.close();
    const before = dumpDatabase(target.path);

    const { history, freeSpace } = onFullDisk(target.path);
    const error = thrown(() => importRuns(history, file));
    expect(error.code).toBe('disk-full');
    expect(error.message).toMatch(FULL_MESSAGE);
    expect(dumpDatabase(target.path)).toEqual(before);
    expect(history.listRuns().map((r) => r.id)).toEqual([own]);

    freeSpace();
    expect(importRuns(history, file).imported).toEqual(ids);
    expect(history.listRuns()).toHaveLength(3);
  });

  it('on a real full disk (a small tmpfs filled up): the history opens read-only with a notice, its runs readable; writes are refused', (context) => {
    const disk = smallDisk(2 * 1024 * 1024);
    if (disk === null) context.skip('a small disk can be mounted only by root on Linux');
    const path = join(disk!, 'history.sqlite');
    const first = openHistory(path, { instanceId: 'before' });
    const { id } = recordRun(first, circleSpec({ training: { batchSize: 50, epochs: 1 } }));
    const run = first.getRun(id);
    first.close();
    fillDisk(disk!);

    const history = openHistory(path, { instanceId: 'app' });
    try {
      expect(history.readOnlyReason).toMatch(/^the disk holding it is full/);
      expect(history.notices).toEqual([
        {
          code: 'read-only',
          files: [path],
          message: expect.stringMatching(/is open read-only \(the disk holding it is full.*\)\. Stored runs can be viewed, compared and exported, but nothing can be trained, imported, edited or deleted until you free some space on the disk, then start NN Lab again\.$/),
        },
      ]);
      expect(history.getRun(id)).toEqual(run);
      const error = thrown(() => history.rename(id, 'renamed on a full disk'));
      expect(error.code).toBe('read-only');
      expect(error.message).toContain('is open read-only (the disk holding it is full');
    } finally {
      history.close();
    }
  });
});
